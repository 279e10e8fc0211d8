//! Call-ins in the sandbox, through the era-client calls `era standby` makes: the plan's standby
//! nodes join their module's pool (setup); a `[[call_in]]` funds the scenario's security budget
//! when it is short, opens a round as the scenario's developer, has every standby node commit
//! its ask, reveals them when the commit window ends, posts the canonical selection as the keeper
//! when the reveal window ends, and has the winners claim their pay when the challenge window
//! ends. A sample counts the winners the pool says are called in now (`isCalledIn`, through
//! `standby_round`): they lapse by themselves when the scenario steps back to its base.
//!
//! The timeline runs with a zero block time (`run.rs`): the bids of a step share its second, as
//! they share blocks on a chain that packs them, so the pool's own windows (60 s each by default)
//! hold every standby node's bid and the plan sees the call-in take as long as it would on chain.

use std::{collections::BTreeMap, ops::Range};

use alloy::primitives::{Address, B256, U256, keccak256};
use era_client::{ERA, STANDARD_MODULES, standby::tree::PositionalTree};

use super::{Event, RunError, Runner, chain_err};
use crate::{
    accounts::{Actor, address},
    plan::{CallIn, Plan},
};

/// The next stage of a call-in round, due when its window ends.
#[derive(Clone, Debug)]
pub(super) enum Stage {
    /// The commit window is over: reveal.
    Reveal(u64),
    /// The reveal window is over: post the selection.
    Post(u64),
    /// The challenge window is over: the winners claim.
    Claim(u64),
}

/// A round the run opened.
#[derive(Clone, Debug)]
struct Round {
    /// Its scenario's name.
    scenario: String,
    /// The block it opened at: its reveal logs are read from there.
    from: u64,
    /// The bids committed: (node, ask).
    bids: Vec<(Address, u16)>,
    /// Once posted: the canonical winners by position and their tree, read from the reveal logs
    /// once (a posted selection never changes; the pool alone says who is called in now).
    selection: Option<(Vec<Address>, PositionalTree)>,
}

/// The rounds the run opened.
#[derive(Clone, Debug, Default)]
pub(super) struct CallIns {
    /// By round id.
    rounds: BTreeMap<u64, Round>,
    /// Each scenario's latest posted round.
    posted: BTreeMap<String, u64>,
}

/// The plan's standby nodes: (node index, module name), in index order.
pub(super) fn standby_nodes(plan: &Plan) -> Vec<(u32, &str)> {
    let mut start = 0u32;
    let mut nodes = Vec::new();
    for group in &plan.nodes {
        if let Some(module) = &group.standby {
            nodes.extend((start..start + group.count).map(|i| (i, module.get_ref().as_str())));
        }
        start += group.count;
    }
    nodes
}

/// What the suite or the run would refuse in the plan's standby nodes and call-ins.
pub(crate) fn check(plan: &Plan) -> Result<(), (Range<usize>, String)> {
    let mut start = 0u32;
    let mut first_standby = None;
    for group in &plan.nodes {
        if let Some(module) = &group.standby {
            if !STANDARD_MODULES.iter().any(|m| m.name() == module.get_ref()) {
                return Err((module.span(), format!("unknown module `{}`", module.get_ref())));
            }
            first_standby.get_or_insert(start);
        }
        start += group.count;
    }
    if let Some(first) = first_standby {
        for s in &plan.scenarios {
            if *s.nodes.get_ref() > first {
                let problem = format!(
                    "nodes 0..{} would enroll standby nodes (from {first} on): a pool refuses \
                     bids of nodes enrolled in the scenario; put standby groups last",
                    s.nodes.get_ref()
                );
                return Err((s.nodes.span(), problem));
            }
        }
    }
    for c in &plan.call_ins {
        if first_standby.is_none() {
            let problem = "no standby nodes to call in: add [[nodes]] with standby = MODULE";
            return Err((c.scenario.span(), problem.into()));
        }
        if !(1..=4096).contains(&c.nodes) {
            return Err((c.at.span(), "a call-in asks for 1 to 4,096 nodes".into()));
        }
        if let Some(asks) = &c.asks
            && !matches!(asks.get_ref().as_slice(), [lo, hi] if 1 <= *lo && lo <= hi && *hi <= 256)
        {
            let problem = "asks is [LOWEST, HIGHEST] with 1 <= LOWEST <= HIGHEST <= 256 (ERA)";
            return Err((asks.span(), problem.into()));
        }
    }
    Ok(())
}

/// A call-in's asks, lowest and highest (1 ERA each when the plan names none).
fn ask_range(c: &CallIn) -> (u16, u16) {
    match c.asks.as_ref().map(|a| a.get_ref().as_slice()) {
        Some([lo, hi]) => (*lo, *hi),
        _ => (1, 1),
    }
}

/// The ask of the `j`-th standby node in a call-in asking from `lo` to `hi`.
fn ask_of((lo, hi): (u16, u16), j: usize) -> u16 {
    lo + (j % usize::from(hi - lo + 1)) as u16
}

/// Whole ERA the plan's call-ins may need from the supply: each budget at the highest ask, and
/// the keeper's bond (1,000 ERA by default) for each.
pub(super) fn supply(plan: &Plan) -> u64 {
    plan.call_ins.iter().map(|c| u64::from(c.nodes) * u64::from(ask_range(c).1) + 1_000).sum()
}

/// A deterministic salt per round and node (the plan's bids are public anyway).
fn salt(round: u64, node: Address) -> B256 {
    keccak256(format!("sandbox bid {round} {node}"))
}

impl Runner<'_> {
    /// Setup: the standby nodes join their pools.
    pub(super) async fn join_standby(&mut self) -> Result<(), RunError> {
        let nodes = standby_nodes(self.plan);
        for (i, module) in nodes {
            if self.stopped() {
                break;
            }
            let node = address(Actor::Node, i);
            let joined = self.as_(node).standby_join(node, module).await;
            self.tally("standbyJoin", joined)?;
        }
        Ok(())
    }

    /// `plan.call_ins[i]`: fund the budget if short, open the round, commit every standby bid.
    pub(super) async fn call_in(&mut self, i: usize) -> Result<(), RunError> {
        let plan = self.plan;
        let c = &plan.call_ins[i];
        let name = c.scenario.get_ref();
        let (Some(reference), Some(id)) = (self.refs.get(name).cloned(), self.ids.get(name)) else {
            return Ok(()); // its registration was refused (counted then)
        };
        let k = plan.scenarios.iter().position(|s| s.name.get_ref() == name).unwrap_or_default();
        let developer = address(Actor::Developer, k as u32);
        let asks = ask_range(c);
        let pool = self.client.standby();
        let tick = U256::from(pool.params().call().await.map_err(chain_err)?.tickSize);
        let most = U256::from(c.nodes) * U256::from(asks.1) * tick;
        let budget = pool.budget(id.to_u256()).call().await.map_err(chain_err)?;
        if budget < most {
            let short = most - budget;
            self.give(developer, (short / ERA).saturating_to::<u64>() + 1)?;
            let funded = self.as_(developer).standby_fund(developer, &reference, short).await;
            if self.tally("fund", funded)?.is_some() {
                self.flow("securityBudget", short);
            }
        }
        let from = self.block();
        let opened = self.as_(developer).standby_open(&reference, c.nodes).await;
        let Some(round) = self.tally("openRound", opened)?.and_then(|o| o.round) else {
            return Ok(());
        };
        let mut bids = Vec::new();
        for (j, (index, _)) in standby_nodes(plan).into_iter().enumerate() {
            let (node, ask) = (address(Actor::Node, index), ask_of(asks, j));
            let committed =
                self.as_(node).standby_commit(node, round, ask, salt(round, node)).await;
            if self.tally("commitBid", committed)?.is_some() {
                bids.push((node, ask));
            }
        }
        let entry = Round { scenario: name.clone(), from, bids, selection: None };
        self.callins.rounds.insert(round, entry);
        let r = self.client.standby().round(U256::from(round)).call().await.map_err(chain_err)?;
        self.events.push((self.simulated(r.commitEnd), Event::CallInStage(Stage::Reveal(round))));
        Ok(())
    }

    /// The next stage of a round the run opened.
    pub(super) async fn call_in_stage(&mut self, stage: Stage) -> Result<(), RunError> {
        match stage {
            Stage::Reveal(round) => {
                let bids =
                    self.callins.rounds.get(&round).map(|r| r.bids.clone()).unwrap_or_default();
                for (node, ask) in bids {
                    let revealed =
                        self.as_(node).standby_reveal(node, round, ask, salt(round, node)).await;
                    self.tally("revealBid", revealed)?;
                }
                let pool = self.client.standby();
                let r = pool.round(U256::from(round)).call().await.map_err(chain_err)?;
                self.events
                    .push((self.simulated(r.revealEnd), Event::CallInStage(Stage::Post(round))));
            }
            Stage::Post(round) => {
                let Some(Round { scenario: name, from, .. }) =
                    self.callins.rounds.get(&round).cloned()
                else {
                    return Ok(());
                };
                let keeper = self.suite.config.guardian;
                let pool = self.client.standby();
                let bond = pool.params().call().await.map_err(chain_err)?.keeperBond;
                self.give(keeper, (U256::from(bond) / ERA).saturating_to())?;
                let posted = self.as_(keeper).standby_post(keeper, round, from).await;
                if self.tally("postSelection", posted)?.is_some() {
                    let winners = Self::read(self.client.standby_winners(round, from).await)?;
                    let tree = PositionalTree::of(&winners);
                    if let Some(r) = self.callins.rounds.get_mut(&round) {
                        r.selection = Some((winners, tree));
                    }
                    self.callins.posted.insert(name, round);
                    let pool = self.client.standby();
                    let r = pool.round(U256::from(round)).call().await.map_err(chain_err)?;
                    let end = self.simulated(r.challengeEnd);
                    self.events.push((end, Event::CallInStage(Stage::Claim(round))));
                }
            }
            Stage::Claim(round) => {
                let Some(Round { from, selection: Some((winners, _)), .. }) =
                    self.callins.rounds.get(&round).cloned()
                else {
                    return Ok(());
                };
                let pool = self.client.standby();
                let r = pool.round(U256::from(round)).call().await.map_err(chain_err)?;
                let price = U256::from(r.priceTicks) * U256::from(r.tickSize);
                for node in winners {
                    let claimed = self.as_(node).standby_claim(node, round, from).await;
                    if self.tally("claimPay", claimed)?.is_some() {
                        self.flow("callInPay", price);
                    }
                }
            }
        }
        Ok(())
    }

    /// How many nodes the scenario named `name` has called in now (its latest posted round's
    /// winners the pool says are called in).
    pub(super) async fn called_in(&self, name: &str) -> Result<u32, RunError> {
        let round = self.callins.posted.get(name).and_then(|r| self.callins.rounds.get(r));
        let (Some(Round { selection: Some((winners, tree)), .. }), Some(id)) =
            (round, self.ids.get(name))
        else {
            return Ok(0);
        };
        let called_in = self.client.standby_called_in(id.0, winners, tree).await;
        Ok(Self::read(called_in)?.into_iter().filter(|c| *c).count() as u32)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn asks_spread_over_the_range_in_node_order() {
        let asks: Vec<u16> = (0..5).map(|j| ask_of((5, 7), j)).collect();
        assert_eq!(asks, [5, 6, 7, 5, 6]);
        assert_eq!(ask_of((1, 1), 9), 1);
    }
}
