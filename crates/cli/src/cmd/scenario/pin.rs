//! `era scenario pin|unpin`: schedule pinning or unpinning a scenario's module on the timelock.

use clap::Args;
use eyre::Result;

use super::named;
use crate::{output::print, suite::SendArgs};

/// `era scenario pin`.
#[derive(Debug, Args)]
pub(super) struct PinArgs {
    /// Scenario name.
    name: String,
    /// Module to pin it to, by name.
    module: String,
    #[command(flatten)]
    tx: SendArgs,
}

impl PinArgs {
    pub(super) async fn run(self) -> Result<()> {
        let (suite, sender) = self.tx.open().await?;
        let name = named(&self.name)?;
        let from_block = suite.record.deploy_block();
        let out = suite.client().pin(sender, &name, &self.module, from_block).await?;
        print(&out, self.tx.json)
    }
}

/// `era scenario unpin`.
#[derive(Debug, Args)]
pub(super) struct UnpinArgs {
    /// Scenario name.
    name: String,
    #[command(flatten)]
    tx: SendArgs,
}

impl UnpinArgs {
    pub(super) async fn run(self) -> Result<()> {
        let (suite, sender) = self.tx.open().await?;
        let name = named(&self.name)?;
        let out = suite.client().unpin(sender, &name, suite.record.deploy_block()).await?;
        print(&out, self.tx.json)
    }
}
