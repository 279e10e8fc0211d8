//! `era asset claim`: pay out the ERA credited to an account.

use alloy::primitives::Address;
use clap::Args;
use eyre::Result;

use crate::{output::print, suite::SendArgs};

/// `era asset claim`.
#[derive(Debug, Args)]
pub(super) struct ClaimArgs {
    /// Whose credits to pay out (they always go to that account); default: the sender.
    #[arg(long = "for", value_name = "ADDRESS", value_parser = crate::address::parse)]
    account: Option<Address>,
    #[command(flatten)]
    tx: SendArgs,
}

impl ClaimArgs {
    pub(super) async fn run(self) -> Result<()> {
        let (suite, sender) = self.tx.open().await?;
        let out = suite.client().claim_fees(self.account.unwrap_or(sender)).await?;
        print(&out, self.tx.json)
    }
}
