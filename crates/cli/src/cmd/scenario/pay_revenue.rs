//! `era scenario pay-revenue`: share a scenario's revenue between its nodes (through the rewards
//! distributor) and its developer.

use alloy::primitives::U256;
use clap::Args;
use era_client::units::parse_era;
use eyre::Result;

use super::named;
use crate::{output::print, suite::SendArgs};

/// `era scenario pay-revenue`.
#[derive(Debug, Args)]
pub(super) struct PayRevenueArgs {
    /// Scenario name.
    name: String,
    /// Amount in ERA.
    #[arg(value_parser = parse_era)]
    amount: U256,
    #[command(flatten)]
    tx: SendArgs,
}

impl PayRevenueArgs {
    pub(super) async fn run(self) -> Result<()> {
        let (suite, payer) = self.tx.open().await?;
        let out = suite.client().pay_revenue(payer, &named(&self.name)?, self.amount).await?;
        print(&out, self.tx.json)
    }
}
