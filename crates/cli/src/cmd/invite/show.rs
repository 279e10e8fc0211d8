//! `era invite show ADDRESS`: whose invite an address accepted.

use alloy::primitives::Address;
use clap::Args;
use eyre::Result;

use crate::{output::print, suite::ReadArgs};

/// `era invite show`.
#[derive(Debug, Args)]
pub(super) struct ShowArgs {
    /// The address.
    #[arg(value_parser = crate::address::parse)]
    account: Address,
    #[command(flatten)]
    read: ReadArgs,
}

impl ShowArgs {
    pub(super) async fn run(self) -> Result<()> {
        let suite = self.read.suite.open().await?;
        let out = suite.client().invite_status(self.account).await?;
        print(&out, self.read.json)
    }
}
