//! `era invite accept INVITER`: accept an invite.

use alloy::primitives::Address;
use clap::Args;
use eyre::Result;

use crate::{output::print, suite::SendArgs};

/// `era invite accept`.
#[derive(Debug, Args)]
pub(super) struct AcceptArgs {
    /// The inviter whose invite you accept.
    #[arg(value_parser = crate::address::parse)]
    inviter: Address,
    #[command(flatten)]
    tx: SendArgs,
}

impl AcceptArgs {
    pub(super) async fn run(self) -> Result<()> {
        let (suite, invitee) = self.tx.open().await?;
        let out = suite.client().accept_invite(invitee, self.inviter).await?;
        print(&out, self.tx.json)
    }
}
