//! `era rewards resolve`: schedule governance's ruling on a disputed root (the timelock's
//! proposer); `era gov execute` carries it out after the delay.

use clap::Args;
use eyre::Result;

use crate::{output::print, suite::SendArgs};

/// `era rewards resolve`.
#[derive(Debug, Args)]
pub(crate) struct ResolveArgs {
    /// The disputed root's index.
    root: u64,
    /// The dispute is right: disable the root; the disputer gets both bonds.
    #[arg(long, required_unless_present = "dismiss")]
    uphold: bool,
    /// The dispute is wrong: the root activates at once; the dispute bond joins the funds.
    #[arg(long, conflicts_with = "uphold")]
    dismiss: bool,
    #[command(flatten)]
    tx: SendArgs,
}

impl ResolveArgs {
    pub(crate) async fn run(self) -> Result<()> {
        let (suite, sender) = self.tx.open().await?;
        let from = suite.record.deploy_block();
        let out = suite.client().resolve_root_dispute(sender, self.root, self.uphold, from).await?;
        print(&out, self.tx.json)
    }
}
