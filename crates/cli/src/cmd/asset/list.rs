//! `era asset list`: assets registered by an owner.

use alloy::primitives::Address;
use clap::Args;
use eyre::Result;

use crate::{output::print, suite::ReadArgs};

/// `era asset list`.
#[derive(Debug, Args)]
pub(super) struct ListArgs {
    /// The owner.
    #[arg(value_parser = crate::address::parse, long)]
    owner: Address,
    #[command(flatten)]
    read: ReadArgs,
}

impl ListArgs {
    pub(super) async fn run(self) -> Result<()> {
        let suite = self.read.suite.open().await?;
        let out = suite.client().assets_of(self.owner, suite.record.deploy_block()).await?;
        print(&out, self.read.json)
    }
}
