//! A state unit's address on the destination: which `(kind, subject, scope)` a fact of the origin
//! is kept under, computed exactly as `contracts/weave/StateUnit.sol` does (`keyOf`, `scopeOf`,
//! `slotOf`, `hashOf`), so the CLI can ask a receiver about a fact before any unit arrives.

use std::fmt;

use alloy::{
    primitives::{Address, B256, U256, keccak256},
    sol_types::SolValue,
};
use serde::Serialize;

use crate::{UnitKind, UnitSource, bindings::weave::sender::StateUnit::Unit};

/// `StateUnit.RECORDS_SLOT`: the base of the sender's `key => unit hash` mapping.
pub const RECORDS_SLOT: B256 =
    alloy::primitives::b256!("98503ece8df654c50ff2a182bc148d4fc135edb65b2cfb5915662ca26934a300");

/// A fact of the origin chain, as `era weave send` reads it there and `era weave show` looks for
/// it on a destination.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase", tag = "fact")]
pub enum Fact {
    /// `node` meets staking tier `tier` (a bytes32 tier id).
    Tier {
        /// The node.
        node: Address,
        /// The tier id.
        tier: B256,
    },
    /// `node`'s role in scenario `scenario`.
    ScenarioRole {
        /// The node.
        node: Address,
        /// The scenario.
        scenario: u64,
    },
    /// `actor` is registered as margin partner `partner`.
    Partner {
        /// The partner's account.
        actor: Address,
        /// The partner's name (bytes32).
        partner: B256,
    },
    /// `account` holds `role` on the AccessControl contract `target`.
    Role {
        /// The contract.
        target: Address,
        /// The role.
        role: B256,
        /// The holder.
        account: Address,
    },
    /// `account`'s cumulative contribution rewards in an active rewards root.
    Contribution {
        /// The account.
        account: Address,
    },
    /// How many of `inviter`'s invitations were accepted.
    Invites {
        /// The inviter.
        inviter: Address,
    },
    /// `account`'s ERA voting power at origin block `snapshot` (the zero address: the total supply).
    Votes {
        /// The voter (zero: the total supply).
        account: Address,
        /// The origin block.
        snapshot: u64,
    },
    /// `consumer` may use state asset `asset` (consumer zero: the asset's status).
    Asset {
        /// The asset.
        asset: B256,
        /// The consumer.
        consumer: B256,
    },
}

/// Where a fact is kept on a destination.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Locator {
    /// The unit's kind.
    pub kind: UnitKind,
    /// Who it is about.
    pub subject: B256,
    /// What about.
    pub scope: B256,
    /// `keccak256(abi.encode(kind, subject, scope))`: the receiver's key and the sender's record.
    pub key: B256,
}

/// An address as a unit's subject: left-padded to 32 bytes.
pub fn subject_of(account: Address) -> B256 {
    B256::left_padding_from(account.as_slice())
}

/// `StateUnit.scopeOf(origin, source, a, b)`.
pub fn scope_of(origin: u32, source: UnitSource, a: B256, b: B256) -> B256 {
    keccak256((origin, U256::from(u8::from(source)), a, b).abi_encode())
}

/// `StateUnit.keyOf(kind, subject, scope)`.
pub fn key_of(kind: UnitKind, subject: B256, scope: B256) -> B256 {
    keccak256((U256::from(u8::from(kind)), subject, scope).abi_encode())
}

/// `StateUnit.slotOf(key)`: the sender's storage slot holding the hash of `key`'s newest unit.
pub fn slot_of(key: B256) -> B256 {
    keccak256((key, RECORDS_SLOT).abi_encode())
}

/// `StateUnit.hashOf(unit)`: what the sender records and a storage proof opens.
pub fn hash_of(unit: &Unit) -> B256 {
    keccak256(unit.abi_encode())
}

impl Fact {
    /// Where this fact of origin domain `origin` is kept.
    pub fn locate(&self, origin: u32) -> Locator {
        use UnitSource as S;
        let word = |n: u64| B256::from(U256::from(n));
        let scope = |source, a, b| scope_of(origin, source, a, b);
        let (kind, subject, scope) = match *self {
            Self::Tier { node, tier } => {
                (UnitKind::Permission, subject_of(node), scope(S::Tier, tier, B256::ZERO))
            }
            Self::ScenarioRole { node, scenario } => (
                UnitKind::Permission,
                subject_of(node),
                scope(S::ScenarioRole, word(scenario), B256::ZERO),
            ),
            Self::Partner { actor, partner } => {
                (UnitKind::Permission, subject_of(actor), scope(S::Partner, partner, B256::ZERO))
            }
            Self::Role { target, role, account } => (
                UnitKind::Permission,
                subject_of(account),
                scope(S::Role, subject_of(target), role),
            ),
            Self::Contribution { account } => (
                UnitKind::Behaviour,
                subject_of(account),
                scope(S::Contribution, B256::ZERO, B256::ZERO),
            ),
            Self::Invites { inviter } => (
                UnitKind::Behaviour,
                subject_of(inviter),
                scope(S::Invites, B256::ZERO, B256::ZERO),
            ),
            Self::Votes { account, snapshot } => {
                (UnitKind::Votes, subject_of(account), scope(S::Votes, word(snapshot), B256::ZERO))
            }
            Self::Asset { asset, consumer } => (UnitKind::Asset, consumer, asset),
        };
        Locator { kind, subject, scope, key: key_of(kind, subject, scope) }
    }
}

impl Fact {
    /// A unit's value as this fact counts it: ERA for voting power and contribution rewards, a
    /// number otherwise.
    pub fn fmt_value(&self, value: U256) -> String {
        match self {
            Self::Votes { .. } | Self::Contribution { .. } => crate::units::fmt_era(value),
            _ => value.to_string(),
        }
    }
}

impl fmt::Display for Fact {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Tier { node, tier } => {
                write!(f, "{node} meets tier {}", crate::tier_name(*tier))
            }
            Self::ScenarioRole { node, scenario } => {
                write!(f, "{node}'s role in scenario {scenario}")
            }
            Self::Partner { actor, partner } => {
                write!(f, "{actor} is partner {}", crate::tier_name(*partner))
            }
            Self::Role { target, role, account } => {
                write!(f, "{account} holds role {role} on {target}")
            }
            Self::Contribution { account } => write!(f, "{account}'s contribution rewards"),
            Self::Invites { inviter } => write!(f, "{inviter}'s accepted invitations"),
            Self::Votes { account, snapshot } if account.is_zero() => {
                write!(f, "the ERA total supply at block {snapshot}")
            }
            Self::Votes { account, snapshot } => {
                write!(f, "{account}'s ERA voting power at block {snapshot}")
            }
            Self::Asset { asset, consumer } if consumer.is_zero() => {
                write!(f, "the status of asset {asset}")
            }
            Self::Asset { asset, consumer } => write!(f, "{consumer} may use asset {asset}"),
        }
    }
}
