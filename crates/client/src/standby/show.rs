//! A round as the chain holds it, with its canonical winners and whether each is called in now.

use std::fmt;

use alloy::{
    primitives::{Address, B256, U256},
    providers::Provider,
};
use serde::Serialize;

use super::tree::PositionalTree;
use crate::{Client, error::Result, units::fmt_era};

/// A winner of a round.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Winner {
    /// Its position in the selection.
    pub position: u64,
    /// The node.
    pub node: Address,
    /// Its ask, in ticks.
    pub ask: u16,
    /// Whether it is called in now (in force, scenario escalated, node eligible).
    pub called_in: bool,
    /// Whether it was paid.
    pub paid: bool,
}

/// A call-in round.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RoundView {
    /// Its id.
    pub round: u64,
    /// The scenario it calls nodes in for.
    pub scenario: u64,
    /// Nodes asked for.
    pub k: u32,
    /// Bids revealed.
    pub revealed: u32,
    /// Whether a selection is in force.
    pub posted: bool,
    /// Its root (zero: none).
    pub root: B256,
    /// Whether the posted root is the canonical one.
    pub canonical: bool,
    /// The uniform price, in wei.
    #[serde(with = "crate::wei")]
    pub price: U256,
    /// End of the challenge window (0: not posted).
    pub challenge_end: u64,
    /// The canonical winners, by position.
    pub winners: Vec<Winner>,
}

impl fmt::Display for RoundView {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "round {} for scenario #{}: k {}, {} revealed",
            self.round, self.scenario, self.k, self.revealed
        )?;
        if !self.posted {
            return write!(f, ", no selection posted");
        }
        write!(
            f,
            ", {} selected at {} each{}",
            self.winners.len(),
            fmt_era(self.price),
            if self.canonical { "" } else { " (NOT the canonical selection: challenge it)" }
        )?;
        for w in &self.winners {
            write!(
                f,
                "\n  #{:<4} {}  ask {:>3}{}{}",
                w.position,
                w.node,
                w.ask,
                if w.called_in { "  called in" } else { "" },
                if w.paid { "  paid" } else { "" }
            )?;
        }
        Ok(())
    }
}

impl<P: Provider> Client<P> {
    /// Whether each of `winners` (a round's canonical winners, by position, and `tree` theirs) is
    /// called in to scenario `scenario` now: the pool's `isCalledIn` with each one's proof.
    pub async fn standby_called_in(
        &self,
        scenario: u64,
        winners: &[Address],
        tree: &PositionalTree,
    ) -> Result<Vec<bool>> {
        let pool = self.standby();
        let mut called_in = Vec::with_capacity(winners.len());
        for (j, node) in winners.iter().enumerate() {
            let proof = tree.proof(j);
            let call = pool.isCalledIn(U256::from(scenario), *node, U256::from(j), proof);
            called_in.push(call.call().await?);
        }
        Ok(called_in)
    }

    /// Round `round` (reveal logs read from `from_block`).
    pub async fn standby_round(&self, round: u64, from_block: u64) -> Result<RoundView> {
        let pool = self.standby();
        let id = U256::from(round);
        let r = pool.round(id).call().await?;
        let bids = self.standby_bids(round, from_block).await?;
        let selected: Vec<_> = bids.iter().take(r.k as usize).copied().collect();
        let nodes: Vec<Address> = selected.iter().map(|b| b.node).collect();
        let tree = PositionalTree::of(&nodes);
        let posted = !r.root.is_zero();
        let called_in = if posted {
            self.standby_called_in(r.scenarioId, &nodes, &tree).await?
        } else {
            vec![false; nodes.len()]
        };
        let mut winners = Vec::new();
        for (j, (bid, called_in)) in selected.iter().zip(called_in).enumerate() {
            let paid = posted && pool.isPaid(id, U256::from(j)).call().await?;
            winners.push(Winner {
                position: j as u64,
                node: bid.node,
                ask: bid.ask,
                called_in,
                paid,
            });
        }
        Ok(RoundView {
            round,
            scenario: r.scenarioId,
            k: r.k,
            revealed: r.revealed,
            posted,
            root: r.root,
            canonical: posted && tree.root() == r.root,
            price: U256::from(r.priceTicks) * U256::from(r.tickSize),
            challenge_end: r.challengeEnd,
            winners,
        })
    }
}
