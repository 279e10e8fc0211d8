//! `era rewards fund`: add ERA to the rewards funds (the most roots may promise).

use alloy::primitives::U256;
use clap::Args;
use era_client::units::parse_era;
use eyre::Result;

use crate::{output::print, suite::SendArgs};

/// `era rewards fund`.
#[derive(Debug, Args)]
pub(crate) struct FundArgs {
    /// Amount in ERA, e.g. 50000.
    #[arg(value_parser = parse_era)]
    amount: U256,
    /// Where the ERA comes from, as the `Funded` event tags it (at most 32 bytes).
    #[arg(long, default_value = "treasury")]
    source: String,
    /// Fund from the ERA the timelock holds: schedule the approval and the funding as one
    /// governance operation (the proposer's key; then `era gov execute`).
    #[arg(long)]
    from_treasury: bool,
    #[command(flatten)]
    tx: SendArgs,
}

impl FundArgs {
    pub(crate) async fn run(self) -> Result<()> {
        let (suite, sender) = self.tx.open().await?;
        let (client, amount, source) = (suite.client(), self.amount, &self.source);
        if self.from_treasury {
            let from = suite.record.deploy_block();
            let out = client.fund_rewards_from_treasury(sender, amount, source, from).await?;
            return print(&out, self.tx.json);
        }
        print(&client.fund_rewards(sender, amount, source).await?, self.tx.json)
    }
}
