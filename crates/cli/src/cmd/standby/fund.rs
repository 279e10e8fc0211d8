//! `era standby fund`: add ERA to a scenario's security budget.

use alloy::primitives::U256;
use clap::Args;
use era_client::units::parse_era;
use eyre::Result;

use crate::{cmd::scenario::named, output::print, suite::SendArgs};

/// `era standby fund`.
#[derive(Debug, Args)]
pub(super) struct FundArgs {
    /// Scenario name.
    scenario: String,
    /// Amount in ERA.
    #[arg(value_parser = parse_era)]
    amount: U256,
    #[command(flatten)]
    tx: SendArgs,
}

impl FundArgs {
    pub(super) async fn run(self) -> Result<()> {
        let (suite, sender) = self.tx.open().await?;
        let out = suite.client().standby_fund(sender, &named(&self.scenario)?, self.amount).await?;
        print(&out, self.tx.json)
    }
}
