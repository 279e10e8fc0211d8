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
    #[command(flatten)]
    tx: SendArgs,
}

impl FundArgs {
    pub(crate) async fn run(self) -> Result<()> {
        let (suite, sender) = self.tx.open().await?;
        print(&suite.client().fund_rewards(sender, self.amount, &self.source).await?, self.tx.json)
    }
}
