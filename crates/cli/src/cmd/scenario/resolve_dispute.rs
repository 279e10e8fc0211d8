//! `era scenario resolve-dispute`: governance decides a verdict that a guardian node disputed
//! (through the timelock); it becomes final as decided.

use alloy::primitives::B256;
use clap::Args;
use eyre::Result;

use super::named;
use crate::{output::print, suite::SendArgs};

/// `era scenario resolve-dispute`.
#[derive(Debug, Args)]
#[group(id = "decision", required = true, multiple = false, args = ["valid", "invalid"])]
pub(super) struct ResolveDisputeArgs {
    /// Scenario name (NAME, or NAME@DEVELOPER).
    name: String,
    /// The disputed subject (32 bytes, 0x…).
    #[arg(long)]
    subject: B256,
    /// Decide the subject valid.
    #[arg(long)]
    valid: bool,
    /// Decide the subject invalid.
    #[arg(long)]
    invalid: bool,
    #[command(flatten)]
    tx: SendArgs,
}

impl ResolveDisputeArgs {
    pub(super) async fn run(self) -> Result<()> {
        let (suite, sender) = self.tx.open().await?;
        let (name, from_block) = (named(&self.name)?, suite.record.deploy_block());
        let client = suite.client();
        let out = client.resolve_dispute(sender, &name, self.subject, self.valid, from_block);
        print(&out.await?, self.tx.json)
    }
}
