//! Node rewards. A node's service reward is its stake-weighted service time (ERA x seconds
//! enrolled, its own stake and its delegators') x the base rate a year x its verification
//! accuracy, +8% at 99.5% accuracy or better. Core nodes of financial scenarios share their part
//! of the node pool (40%), every other node the rest; each part is scaled down to its budget on
//! its own. Pledged assets' yield comes out of the node's (scaled) reward first; what is left,
//! and the node's share of scenario revenue, is split among the node and its delegators by
//! stake-seconds, the node keeping a commission on the delegators' part.

use std::collections::{BTreeMap, BTreeSet};

use alloy::primitives::{Address, B256, U256};

use crate::{
    Category, Rule, Rules,
    amount::fmt_era,
    ledger::{Ledger, scale, scaled_note},
    rules::{BPS, DAY, PPM, YEAR},
    verdicts::Score,
};

/// Everything the node rules read, gathered from the logs and the metrics.
#[derive(Debug, Default)]
pub(crate) struct NodeInputs {
    /// Node -> holder -> ERA-seconds of service in the epoch.
    pub(crate) stake_seconds: BTreeMap<Address, BTreeMap<Address, U256>>,
    /// On-chain verdict scores.
    pub(crate) scores: BTreeMap<Address, Score>,
    /// Accuracy from the metrics file.
    pub(crate) metrics_accuracy: BTreeMap<Address, u64>,
    /// Core nodes of financial scenarios.
    pub(crate) finance_core: BTreeSet<Address>,
    /// The node pool (rules' budget plus tagged inflows).
    pub(crate) budget: U256,
    /// Node -> (owner, asset) -> anchor x seconds pledged in the epoch.
    pub(crate) pledges: BTreeMap<Address, BTreeMap<(Address, B256), U256>>,
    /// Node -> (revenue share, payments).
    pub(crate) revenue: BTreeMap<Address, (U256, u64)>,
    /// `RevenuePaid.toNodes` in the epoch.
    pub(crate) revenue_in: U256,
}

/// A node's accuracy and where it comes from.
struct Accuracy {
    ppm: u64,
    /// Whether it was measured (on chain or in the metrics): only a measured accuracy earns the
    /// bonus.
    source: &'static str,
}

fn accuracy(rules: &Rules, inputs: &NodeInputs, node: &Address) -> Accuracy {
    if let Some(s) = inputs.scores.get(node).filter(|s| s.total > 0) {
        return Accuracy { ppm: s.right * PPM / s.total, source: "on-chain verdicts" };
    }
    match inputs.metrics_accuracy.get(node) {
        Some(&ppm) => Accuracy { ppm, source: "metrics" },
        None => Accuracy { ppm: rules.nodes.unmeasured_accuracy_ppm, source: "unmeasured" },
    }
}

/// `ppm` as a percentage: `99.5%`.
fn percent(ppm: u64) -> String {
    let frac = format!("{:04}", ppm % 10_000);
    let frac = frac.trim_end_matches('0');
    if frac.is_empty() { format!("{}%", ppm / 10_000) } else { format!("{}.{frac}%", ppm / 10_000) }
}

/// ERA-seconds as ERA-days.
fn era_days(stake_seconds: U256) -> String {
    format!("{}-days", fmt_era(stake_seconds / U256::from(DAY)))
}

/// One node's service demand and why.
struct NodeDemand {
    amount: U256,
    why: String,
}

fn demand(
    rules: &Rules,
    inputs: &NodeInputs,
    node: &Address,
    holders: &BTreeMap<Address, U256>,
) -> NodeDemand {
    let r = &rules.nodes;
    let total: U256 = holders.values().copied().sum();
    let acc = accuracy(rules, inputs, node);
    let bonus =
        if acc.source != "unmeasured" && acc.ppm >= r.bonus_accuracy_ppm { r.bonus_bps } else { 0 };
    let amount =
        total * U256::from(r.base_rate_bps) * U256::from(acc.ppm) * U256::from(BPS + bonus)
            / (U256::from(BPS) * U256::from(YEAR) * U256::from(PPM) * U256::from(BPS));
    let bonus = if bonus > 0 { format!(" +{}", percent(bonus * 100)) } else { String::new() };
    let why = format!(
        "node {node}: {} of service x {} a year x accuracy {} ({}){bonus} = {}",
        era_days(total),
        percent(r.base_rate_bps * 100),
        percent(acc.ppm),
        acc.source,
        fmt_era(amount)
    );
    NodeDemand { amount, why }
}

/// Pays every node, delegator and pledger.
pub(crate) fn pay_nodes(rules: &Rules, inputs: &NodeInputs, ledger: &mut Ledger) {
    let mut nodes: BTreeSet<Address> = inputs.stake_seconds.keys().copied().collect();
    nodes.extend(inputs.pledges.keys());
    let empty = BTreeMap::new();
    let holders = |node: &Address| inputs.stake_seconds.get(node).unwrap_or(&empty);
    let demands: BTreeMap<Address, NodeDemand> =
        nodes.iter().map(|n| (*n, demand(rules, inputs, n, holders(n)))).collect();

    let core_budget =
        inputs.budget * U256::from(rules.nodes.finance_core_share_bps) / U256::from(BPS);
    let budget_of = |n: &Address| {
        if inputs.finance_core.contains(n) { core_budget } else { inputs.budget - core_budget }
    };
    let demand_of = |core: bool| -> U256 {
        demands
            .iter()
            .filter(|(n, _)| inputs.finance_core.contains(*n) == core)
            .map(|(_, d)| d.amount)
            .sum()
    };
    let (core_demand, other_demand) = (demand_of(true), demand_of(false));
    ledger.budget(Category::Nodes, inputs.budget, core_demand + other_demand);

    for (node, d) in &demands {
        let core = inputs.finance_core.contains(node);
        let (pool_demand, pool) =
            if core { (core_demand, "finance core") } else { (other_demand, "other nodes") };
        let budget = budget_of(node);
        let service = scale(d.amount, pool_demand, budget);
        let why = format!("{} ({pool} pool{})", d.why, scaled_note(pool_demand, budget));
        let left = pay_pledges(rules, inputs, ledger, node, service);
        split(rules, ledger, *node, left, holders(node), Category::Nodes, &why);
    }
    ledger.budget(
        Category::Revenue,
        inputs.revenue_in,
        inputs.revenue.values().map(|(a, _)| *a).sum(),
    );
    for (node, (amount, payments)) in &inputs.revenue {
        let why = format!(
            "node {node}: share of {payments} RevenuePaid to its scenarios' enrolled nodes, {}",
            fmt_era(*amount)
        );
        split(rules, ledger, *node, *amount, holders(node), Category::Revenue, &why);
    }
}

/// Pays the yield of the assets pledged to `node` out of its `service` reward (scaled down
/// together if they ask more); returns what is left for the node and its delegators.
fn pay_pledges(
    rules: &Rules,
    inputs: &NodeInputs,
    ledger: &mut Ledger,
    node: &Address,
    service: U256,
) -> U256 {
    let Some(pledges) = inputs.pledges.get(node) else { return service };
    let rate = U256::from(rules.nodes.pledge_rate_bps);
    let year = U256::from(BPS) * U256::from(YEAR);
    let asked: U256 = pledges.values().map(|s| *s * rate / year).sum();
    let mut paid = U256::ZERO;
    for ((owner, asset), anchor_seconds) in pledges {
        let amount = scale(*anchor_seconds * rate / year, asked, service);
        paid += amount;
        let detail = format!(
            "asset {asset} pledged to node {node}: {} of anchor x {} a year, out of the node's reward {}{}",
            era_days(*anchor_seconds),
            percent(rules.nodes.pledge_rate_bps * 100),
            fmt_era(service),
            scaled_note(asked, service)
        );
        ledger.pay(*owner, Category::Nodes, Rule::PledgeYield, amount, detail);
    }
    service - paid
}

/// Splits `amount` of `node` among its holders by stake-seconds: each delegator gets its share
/// less the commission, the node its own share, the commissions and the rounding dust.
fn split(
    rules: &Rules,
    ledger: &mut Ledger,
    node: Address,
    amount: U256,
    holders: &BTreeMap<Address, U256>,
    category: Category,
    why: &str,
) {
    let total: U256 = holders.values().copied().sum();
    let (own_rule, delegation_rule, what) = match category {
        Category::Revenue => (Rule::Revenue, Rule::RevenueDelegation, "revenue share"),
        _ => (Rule::NodeService, Rule::Delegation, "service reward after pledges"),
    };
    let commission_bps = U256::from(rules.nodes.commission_bps);
    let (mut delegated, mut commission) = (U256::ZERO, U256::ZERO);
    if !total.is_zero() {
        // The node's own line carries the whole computation; a delegator's says its part. The
        // common text is formatted once per node (an address prints checksummed: a keccak).
        let of_node = format!(
            "of node {node}'s {}, whose {what} is {}; less {} commission",
            era_days(total),
            fmt_era(amount),
            percent(rules.nodes.commission_bps * 100)
        );
        for (holder, seconds) in holders.iter().filter(|(h, _)| **h != node) {
            let share = amount * *seconds / total;
            let cut = share * commission_bps / U256::from(BPS);
            delegated += share;
            commission += cut;
            let detail = format!("{} {of_node}", era_days(*seconds));
            ledger.pay(*holder, category, delegation_rule, share - cut, detail);
        }
    }
    let own = amount - delegated;
    let own_seconds = holders.get(&node).copied().unwrap_or_default();
    let detail =
        format!("own stake, {} of the node's {}; {why}", era_days(own_seconds), era_days(total));
    ledger.pay(node, category, own_rule, own, detail);
    let detail = format!(
        "{} of delegators' {}",
        percent(rules.nodes.commission_bps * 100),
        fmt_era(delegated)
    );
    ledger.pay(node, category, Rule::Commission, commission, detail);
}
