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
    /// `provider`'s newest risk publication on the origin's RiskFeed `feed`.
    Risk {
        /// The provider.
        provider: Address,
        /// The origin's RiskFeed (zero when sending: the one the sender is wired to).
        feed: Address,
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

/// A unit as both ends describe it: the fact, where it is kept, its value, expiry, nonce and
/// origin (what the sender sent, or what the receiver keeps).
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Described {
    /// The fact, in words.
    pub fact: String,
    /// The value as the fact counts it (ERA or a number).
    #[serde(skip)]
    pub value_text: String,
    /// Where the destination keeps it.
    #[serde(flatten)]
    pub locator: Locator,
    /// The value.
    #[serde(serialize_with = "crate::wei::serialize")]
    pub value: U256,
    /// Until when a destination may rely on it (zero: revoked; `u64::MAX`: never expires).
    pub expiry: u64,
    /// The sender's nonce (zero: none received).
    pub nonce: u64,
    /// The origin domain.
    pub origin: u32,
    /// A risk unit's figures, unpacked from its value (absent for other facts, and when no
    /// unit was received).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub risk: Option<super::RiskWord>,
}

impl Described {
    /// `fact` with a unit's `(value, expiry, nonce)` from origin domain `origin`.
    pub fn new(fact: &Fact, origin: u32, (value, expiry, nonce): (U256, u64, u64)) -> Self {
        Self {
            fact: fact.to_string(),
            value_text: fact.fmt_value(value),
            locator: fact.locate(origin),
            value,
            expiry,
            nonce,
            origin,
            risk: match fact {
                Fact::Risk { .. } if nonce != 0 => Some(super::RiskWord::unpack(value)),
                _ => None,
            },
        }
    }
}

impl fmt::Display for Described {
    /// The key, value and expiry lines.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "  key          {}", self.locator.key)?;
        writeln!(f, "  value        {}", self.value_text)?;
        let expiry = match self.expiry {
            0 => "none (revoked)".to_owned(),
            u64::MAX => "never".to_owned(),
            t => crate::units::fmt_time(t),
        };
        write!(f, "  expiry       {expiry}")
    }
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
            Self::Risk { provider, feed } => {
                (UnitKind::Risk, subject_of(provider), scope(S::Risk, subject_of(feed), B256::ZERO))
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
            Self::Risk { .. } if !value.is_zero() => super::RiskWord::unpack(value).to_string(),
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
            Self::Risk { provider, feed } => {
                write!(f, "{provider}'s risk figures on feed {feed}")
            }
            Self::Asset { asset, consumer } if consumer.is_zero() => {
                write!(f, "the status of asset {asset}")
            }
            Self::Asset { asset, consumer } => write!(f, "{consumer} may use asset {asset}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use alloy::primitives::{address, b256};

    use super::*;

    /// The values `cast keccak $(cast abi-encode ...)` gives for StateUnit.sol's derivations of
    /// node 0x7099…79C8's tier "enterprise" on chain 31337 (and what the UnitSender emitted for
    /// it on anvil: the same key).
    #[test]
    fn locations_are_the_contracts_own() {
        let node = address!("70997970C51812dc3A010C7d01b50e0d17dc79C8");
        let tier = crate::tier_id("enterprise").unwrap();
        let at = Fact::Tier { node, tier }.locate(31337);
        assert_eq!(at.kind, UnitKind::Permission);
        assert_eq!(
            at.scope,
            b256!("c2a2619c876662245ea2fffba594052a021a3a8287ecf9c2c564bd1814dff3a5")
        );
        assert_eq!(
            at.key,
            b256!("20d6d2d8bbbad337658cc329aa82bb9f6e88556d4ca75125911ed93d092166ce")
        );
        assert_eq!(
            slot_of(at.key),
            b256!("8c791188b08365304f45b24b737e011a62b5e3bd86aa1fbfccbeeba3c2ad273a")
        );
        // Another chain's same fact is another key.
        assert_ne!(Fact::Tier { node, tier }.locate(31338).key, at.key);
    }

    #[test]
    fn an_asset_unit_is_kept_under_its_consumer_and_asset() {
        let (asset, consumer) = (B256::repeat_byte(1), B256::repeat_byte(2));
        let at = Fact::Asset { asset, consumer }.locate(7);
        assert_eq!((at.kind, at.subject, at.scope), (UnitKind::Asset, consumer, asset));
        assert_eq!(
            Fact::Votes { account: Address::ZERO, snapshot: 9 }.to_string(),
            "the ERA total supply at block 9"
        );
    }
}
