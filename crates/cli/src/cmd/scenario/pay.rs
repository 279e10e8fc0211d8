//! `era scenario pay`: pay a scenario's security cost.

use alloy::primitives::U256;
use clap::Args;
use era_client::units::parse_era;
use eyre::Result;

use super::named;
use crate::{output::print, suite::SendArgs};

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
        let out = suite.client().pay_cost(payer, &named(&self.name)?, self.amount).await?;
        print(&out, self.tx.json)
    }
}
