//! Invitations: an inviter invites an address new to the suite, the invitee accepts one inviter.
//! The rules engine counts an accepted invite once the invitee has paid in a scenario.

use std::fmt;

use alloy::{primitives::Address, providers::Provider};
use serde::Serialize;

use crate::{Client, Sent, SuiteContract, error::Result, refuse, tx::send, units::fmt_era};

/// An invite sent or accepted.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Invite {
    /// Who invited.
    pub inviter: Address,
    /// Who was invited.
    pub invitee: Address,
    /// Whether this was the invitee's acceptance (else the invite).
    pub accepted: bool,
    /// The transaction.
    pub tx: Sent,
}

impl fmt::Display for Invite {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.accepted {
            writeln!(f, "{} accepted {}'s invite", self.invitee, self.inviter)?;
        } else {
            writeln!(
                f,
                "{} invited {}: it counts once {} accepts it and pays in a scenario",
                self.inviter, self.invitee, self.invitee
            )?;
        }
        write!(f, "  {}", self.tx)
    }
}

/// Where an address stands with invitations.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct InviteStatus {
    /// The address.
    pub account: Address,
    /// The inviter whose invite it accepted, if any.
    pub inviter: Option<Address>,
}

impl fmt::Display for InviteStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.inviter {
            Some(inviter) => write!(f, "{} accepted {inviter}'s invite", self.account),
            None => write!(f, "{} has accepted no invite", self.account),
        }
    }
}

impl<P: Provider> Client<P> {
    /// `inviter` invites `invitee`, who must be new to the suite.
    pub async fn invite(&self, inviter: Address, invitee: Address) -> Result<Invite> {
        self.deployed(SuiteContract::Invitations)?;
        let book = self.invitations();
        if invitee == inviter {
            refuse!("you cannot invite yourself: invite another address");
        }
        if book.invited(inviter, invitee).call().await? {
            refuse!(
                "you invited {invitee} already: it can accept with `era invite accept {inviter}`"
            );
        }
        if let Some(accepted) = self.accepted_inviter(invitee).await? {
            refuse!(
                "{invitee} accepted {accepted}'s invite already: an address accepts one invite"
            );
        }
        let balance = self.era().balanceOf(invitee).call().await?;
        if !balance.is_zero() {
            refuse!(
                "{invitee} holds {} and so is in the suite already: invite an address that holds none",
                fmt_era(balance)
            );
        }
        if self.staking().isNode(invitee).call().await? {
            refuse!(
                "{invitee} is a registered node and so is in the suite already: invite a newcomer"
            );
        }
        let tx = send("invite", book.invite(invitee)).await?;
        Ok(Invite { inviter, invitee, accepted: false, tx })
    }

    /// `invitee` accepts `inviter`'s invite (once per address, ever).
    pub async fn accept_invite(&self, invitee: Address, inviter: Address) -> Result<Invite> {
        self.deployed(SuiteContract::Invitations)?;
        let book = self.invitations();
        if let Some(accepted) = self.accepted_inviter(invitee).await? {
            refuse!("you accepted {accepted}'s invite already: an address accepts one invite");
        }
        if !book.invited(inviter, invitee).call().await? {
            refuse!(
                "{inviter} has not invited {invitee}: ask it to run `era invite {invitee}` first"
            );
        }
        let tx = send("accept", book.accept(inviter)).await?;
        Ok(Invite { inviter, invitee, accepted: true, tx })
    }

    /// Where `account` stands with invitations.
    pub async fn invite_status(&self, account: Address) -> Result<InviteStatus> {
        self.deployed(SuiteContract::Invitations)?;
        Ok(InviteStatus { account, inviter: self.accepted_inviter(account).await? })
    }

    async fn accepted_inviter(&self, invitee: Address) -> Result<Option<Address>> {
        let inviter = self.invitations().inviterOf(invitee).call().await?;
        Ok((!inviter.is_zero()).then_some(inviter))
    }
}
