//! `era invite ADDRESS`: invite an address new to the suite.

use alloy::primitives::Address;
use clap::Args;
use eyre::Result;

use crate::{output::print, suite::SendArgs};

/// `era invite ADDRESS`.
#[derive(Debug, Args)]
pub(super) struct SendInviteArgs {
    /// Who to invite: an address holding no ERA, not a node, that accepted no invite.
    #[arg(value_parser = crate::address::parse, required = true)]
    invitee: Option<Address>,
    #[command(flatten)]
    tx: SendArgs,
}

impl SendInviteArgs {
    pub(super) async fn run(self) -> Result<()> {
        let invitee = self.invitee.expect("clap requires the invitee without a subcommand");
        let (suite, inviter) = self.tx.open().await?;
        let out = suite.client().invite(inviter, invitee).await?;
        print(&out, self.tx.json)
    }
}
