//! The plan's actors as addresses: one address per role and index, the same in every run, so a
//! report's numbers can be traced back to the chain. The harness does not sign, so these
//! accounts need no keys; gas is free, so they need no ether.

use alloy::primitives::Address;

/// What an account does in the plan; its byte leads the address.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum Actor {
    /// A node (stakes on itself, enrolls, may be called in).
    Node = 0x10,
    /// A holder delegating to a node.
    Delegator = 0x20,
    /// A scenario's developer (registers it, sends its transfers).
    Developer = 0x30,
    /// A margin provider.
    Provider = 0x40,
    /// The partner that freezes margin.
    Partner = 0x50,
    /// A state asset's owner.
    Owner = 0x60,
    /// A consumer authorized on an asset (a key, not a sender).
    Consumer = 0x70,
    /// The account governance grants staking's slasher role.
    Slasher = 0x80,
    /// A party of atomic settlements (pays, is paid, collects fees).
    Party = 0x90,
}

/// The address of actor `role` number `index`: `0xRR00…00IIIIIIII`.
pub fn address(role: Actor, index: u32) -> Address {
    let mut bytes = [0u8; 20];
    bytes[0] = role as u8;
    bytes[16..].copy_from_slice(&index.to_be_bytes());
    Address::from(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_and_indices_never_collide() {
        assert_ne!(address(Actor::Node, 1), address(Actor::Delegator, 1));
        assert_ne!(address(Actor::Node, 1), address(Actor::Node, 2));
        assert_eq!(
            address(Actor::Node, 258).to_string(),
            "0x1000000000000000000000000000000000000102"
        );
    }
}
