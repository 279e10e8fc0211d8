//! `era standby challenge`: void a round's selection that is not the canonical one.

use clap::Args;
use eyre::Result;

use crate::{output::print, suite::SendArgs};

/// `era standby challenge`.
#[derive(Debug, Args)]
pub(super) struct ChallengeArgs {
    /// Round id.
    round: u64,
    #[command(flatten)]
    tx: SendArgs,
}

impl ChallengeArgs {
    pub(super) async fn run(self) -> Result<()> {
        let (suite, challenger) = self.tx.open().await?;
        let from = suite.record.deploy_block();
        print(&suite.client().standby_challenge(challenger, self.round, from).await?, self.tx.json)
    }
}
