//! A round's revealed bids as the chain's `BidRevealed` logs tell them, and the canonical
//! selection they make: asks ascending, equal asks in reveal order; the first K' win.

use alloy::{
    primitives::{Address, U256},
    providers::Provider,
    rpc::types::Filter,
    sol_types::SolEvent,
};
use era_bindings::StandbyPool;

use crate::{Client, error::Result};

/// A revealed bid.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RevealedBid {
    /// The node.
    pub node: Address,
    /// Its ask, in ticks.
    pub ask: u16,
    /// Its rank among equal asks (reveal order).
    pub rank: u16,
}

/// `bids` in canonical order: position `j` is the `j`-th.
pub fn canonical(mut bids: Vec<RevealedBid>) -> Vec<RevealedBid> {
    bids.sort_by_key(|b| (b.ask, b.rank));
    bids
}

impl<P: Provider> Client<P> {
    /// Round `round`'s revealed bids in canonical order, from its reveal logs since `from_block`.
    pub async fn standby_bids(&self, round: u64, from_block: u64) -> Result<Vec<RevealedBid>> {
        let filter = Filter::new()
            .address(self.addresses.standby)
            .from_block(from_block)
            .event_signature(StandbyPool::BidRevealed::SIGNATURE_HASH)
            .topic1(U256::from(round));
        let mut bids = Vec::new();
        for log in self.provider.get_logs(&filter).await? {
            let Ok(revealed) = log.log_decode::<StandbyPool::BidRevealed>() else { continue };
            let e = revealed.inner.data;
            bids.push(RevealedBid { node: e.node, ask: e.ask, rank: e.rank });
        }
        Ok(canonical(bids))
    }

    /// Round `round`'s canonical winners, by position (K' = min(k, revealed) of them).
    pub async fn standby_winners(&self, round: u64, from_block: u64) -> Result<Vec<Address>> {
        let k = self.standby().round(U256::from(round)).call().await?.k as usize;
        let bids = self.standby_bids(round, from_block).await?;
        Ok(bids.iter().take(k).map(|b| b.node).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lower_asks_first_then_reveal_order() {
        let bid = |b: u8, ask, rank| RevealedBid { node: Address::repeat_byte(b), ask, rank };
        let order: Vec<u8> =
            canonical(vec![bid(1, 9, 0), bid(2, 3, 1), bid(3, 3, 0), bid(4, 5, 0)])
                .iter()
                .map(|b| b.node.0[0])
                .collect();
        assert_eq!(order, [3, 2, 4, 1]);
    }
}
