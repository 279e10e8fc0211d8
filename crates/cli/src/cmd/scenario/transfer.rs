//! `era scenario transfer`: move value between scenarios through the circuit breaker.

use alloy::primitives::{Address, U256};
use clap::Args;
use era_client::units::parse_era;
use eyre::Result;

use super::named;
use crate::{output::print, suite::SendArgs};

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
        let (from, to) = (named(&self.from)?, named(&self.to)?);
        let out = suite.client().transfer(sender, &from, &to, self.amount, self.recipient).await?;
        print(&out, self.tx.json)
    }
}
