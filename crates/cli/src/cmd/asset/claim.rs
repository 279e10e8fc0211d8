//! `era asset claim`: pay out the ERA credited to an account.

use super::*;

/// `era asset claim`.
#[derive(Debug, Args)]
pub(super) struct ClaimArgs {
    /// Whose credits to pay out (they always go to that account); default: the sender.
    #[arg(long = "for", value_name = "ADDRESS", value_parser = crate::address::parse)]
    account: Option<Address>,
    #[command(flatten)]
    tx: SendArgs,
}

/// Paid-out credits.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct ClaimOutput {
    account: Address,
    #[serde(serialize_with = "era_client::wei::serialize")]
    amount: U256,
    tx: Sent,
}

impl fmt::Display for ClaimOutput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "paid {} to {}", fmt_era(self.amount), self.account)?;
        write!(f, "  {}", self.tx)
    }
}

impl ClaimArgs {
    pub(super) async fn run(self) -> Result<()> {
        let (suite, sender) = self.tx.open().await?;
        let account = self.account.unwrap_or(sender);
        let amount = suite.assets().credits(account).call().await?;
        if amount.is_zero() {
            bail!("{account} has no ERA credited by the asset registry: nothing to claim");
        }
        let tx = send("claim", suite.assets().claim(account)).await?;
        print(&ClaimOutput { account, amount, tx }, self.tx.json)
    }
}
