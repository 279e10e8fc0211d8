//! `era scenario pay`: pay a scenario's security cost.

use super::*;

/// `era scenario pay`.
#[derive(Debug, Args)]
pub(super) struct PayArgs {
    /// Scenario name.
    name: String,
    /// Amount in ERA.
    #[arg(value_parser = parse_era)]
    amount: U256,
    #[command(flatten)]
    tx: SendArgs,
}

impl PayArgs {
    pub(super) async fn run(self) -> Result<()> {
        let (suite, payer) = self.tx.open().await?;
        let id = scenario_id(&suite, &self.name).await?;
        let mut txs: Vec<Sent> =
            prepare_payment(&suite, payer, self.amount).await?.into_iter().collect();
        let receipt_tx = send("payCost", suite.scenarios().payCost(id, self.amount)).await?;
        txs.push(receipt_tx);
        let view = read(&suite, id).await?;
        let bps = |p: &str| p.parse::<u64>().unwrap_or_default() * 100;
        let parts: Vec<u64> = view.shares.split('/').map(bps).collect();
        let part = |b: u64| self.amount * U256::from(b) / U256::from(10_000u64);
        let (dev, users) = (part(parts[1]), part(parts[2]));
        let summary = format!(
            "paid {} for `{}`: nodes {}, developer {}, users {}",
            fmt_era(self.amount),
            self.name,
            fmt_era(self.amount - dev - users),
            fmt_era(dev),
            fmt_era(users)
        );
        print(&Done { summary, scenario: view, txs }, self.tx.json)
    }
}
