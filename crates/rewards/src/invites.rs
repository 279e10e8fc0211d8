//! Invites. An invite counts when the invitee accepted it (`InviteAccepted` naming the inviter
//! of an earlier `Invited`) and then did a paid action (`CostPaid`, `Authorized` or
//! `RevenuePaid` as payer) of at least the rules' `inviteMinPayment`, so that a sybil spends more
//! than its inviter earns. Each invitee counts once ever (its first accepted invite), and never
//! if it had paid anything before it was invited: an existing user cannot be "invited". Nobody
//! invites itself. The inviter is paid in the epoch of the paid action that completed the invite.

use std::collections::{BTreeMap, BTreeSet};

use alloy::primitives::Address;

/// A position in the chain: `(block, log index)`.
type Pos = (u64, u64);

/// Invites and paid actions so far.
#[derive(Clone, Debug, Default)]
pub(crate) struct Invites {
    /// `(inviter, invitee)` -> when invited (the first time).
    invited: BTreeMap<(Address, Address), Pos>,
    /// Every payer's first paid action.
    first_paid: BTreeMap<Address, Pos>,
    /// Invitee -> (inviter, when accepted): the invite that may count.
    accepted: BTreeMap<Address, (Address, Pos)>,
    /// Invitees whose invite has counted.
    counted: BTreeSet<Address>,
}

impl Invites {
    pub(crate) fn invited(&mut self, inviter: Address, invitee: Address, at: Pos) {
        if inviter != invitee {
            self.invited.entry((inviter, invitee)).or_insert(at);
        }
    }

    pub(crate) fn accepted(&mut self, invitee: Address, inviter: Address, at: Pos) {
        if self.accepted.contains_key(&invitee) {
            return;
        }
        let Some(&invited_at) = self.invited.get(&(inviter, invitee)) else { return };
        if self.first_paid.get(&invitee).is_some_and(|&paid| paid < invited_at) {
            return;
        }
        self.accepted.insert(invitee, (inviter, at));
    }

    /// `payer` paid at `at`; returns the inviter whose invite this completes, if any. Any payment
    /// makes the payer an existing user; only one that `completes` (large enough) completes.
    pub(crate) fn paid(&mut self, payer: Address, at: Pos, completes: bool) -> Option<Address> {
        self.first_paid.entry(payer).or_insert(at);
        let &(inviter, accepted_at) = self.accepted.get(&payer)?;
        (completes && accepted_at < at && self.counted.insert(payer)).then_some(inviter)
    }
}
