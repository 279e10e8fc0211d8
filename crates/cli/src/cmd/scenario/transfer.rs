//! `era scenario transfer`: move value between scenarios through the circuit breaker.

use super::*;

/// `era scenario transfer`.
#[derive(Debug, Args)]
pub(super) struct TransferArgs {
    /// Scenario the ERA leaves.
    from: String,
    /// Scenario the ERA goes to.
    to: String,
    /// Amount in ERA.
    #[arg(value_parser = parse_era)]
    amount: U256,
    /// Who receives it.
    #[arg(value_parser = crate::address::parse, long)]
    recipient: Address,
    #[command(flatten)]
    tx: SendArgs,
}

impl TransferArgs {
    pub(super) async fn run(self) -> Result<()> {
        let (suite, sender) = self.tx.open().await?;
        let from = scenario_id(&suite, &self.from).await?;
        let to = scenario_id(&suite, &self.to).await?;
        let registry = suite.scenarios();
        let (fd, td) = (
            registry.scenario(from).call().await?.domain,
            registry.scenario(to).call().await?.domain,
        );
        let route = format!("{} -> {}", domain_name(fd), domain_name(td));
        if !suite.breaker().isChannelOpen(fd, td).call().await? {
            bail!(
                "the channel {route} is closed by the circuit breaker: nothing was sent (governance reopens with `era breaker reopen`)"
            );
        }
        let mut txs: Vec<Sent> =
            prepare_payment(&suite, sender, self.amount).await?.into_iter().collect();
        let call = registry.transfer(from, to, self.recipient, self.amount);
        let tx = send("transfer", call).await?;
        let receipt = suite.chain.provider.get_transaction_receipt(tx.tx_hash).await?;
        // A transfer over the breaker's limit trips the source domain and is held in escrow.
        let escrow = receipt.and_then(|r| {
            r.inner.logs().iter().find_map(|l| {
                l.log_decode::<ScenarioRegistry::TransferEscrowed>().ok().map(|e| e.inner.data)
            })
        });
        txs.push(tx);
        let summary = if let Some(e) = escrow {
            format!(
                "BLOCKED: {} ({route}) is above the breaker's limit; the {} domain is now tripped and the ERA is held in escrow #{} until {} (governance settles it, or anyone refunds it to the sender then)",
                fmt_era(self.amount),
                domain_name(fd),
                e.escrowId,
                fmt_time(e.releaseAt)
            )
        } else {
            format!(
                "sent {} from `{}` to `{}` ({route}) to {}",
                fmt_era(self.amount),
                self.from,
                self.to,
                self.recipient
            )
        };
        let out = Done { summary, scenario: read(&suite, from).await?, txs };
        print(&out, self.tx.json)
    }
}
