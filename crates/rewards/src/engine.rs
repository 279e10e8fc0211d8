//! The engine: reads the deployment's logs in chain order, from its start to the epoch's end,
//! keeping the state the rules need, then pays the epoch.

use std::collections::{BTreeMap, BTreeSet};

use alloy::primitives::{Address, B256, U256};

use crate::{
    Category, CheckError, IndexedLog, Metrics, Rewards, Rule, Rules, RulesError, Sources,
    amount::fmt_era,
    check::check,
    events::Event,
    invites::Invites,
    ledger::{Demand, Ledger},
    nodes::{NodeInputs, pay_nodes},
    rules::{BPS, source_tag},
    stake::Stakes,
    verdicts::Verdicts,
};

/// `Domain.Financial` and `Role.Core` (contracts/interfaces/IScenarioRegistry.sol).
const FINANCIAL: u8 = 3;
const CORE: u8 = 1;

/// Why an epoch could not be computed.
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub enum Error {
    /// The rules are unusable.
    #[error(transparent)]
    Rules(#[from] RulesError),
    /// Logs came out of chain order.
    #[error(
        "log at block {block} index {index} came after block {after_block} index {after_index}: feed logs in chain order"
    )]
    OutOfOrder {
        /// The log's block.
        block: u64,
        /// Its index.
        index: u64,
        /// The previous log's block.
        after_block: u64,
        /// Its index.
        after_index: u64,
    },
    /// The metrics file is for another epoch.
    #[error(
        "the metrics file is for epoch {found}, not {expected}: pass epoch {expected}'s metrics.json"
    )]
    MetricsEpoch {
        /// The epoch computed.
        expected: u64,
        /// The metrics' epoch.
        found: u64,
    },
    /// The metrics give an accuracy above 100%.
    #[error("metrics: accuracy of {node} is {ppm} ppm, above 1,000,000 (100%)")]
    Accuracy {
        /// The node.
        node: Address,
        /// The accuracy given.
        ppm: u64,
    },
    /// The metrics name a scenario no log registered.
    #[error("metrics: scenario {0} has monthly active users but was never registered: fix its id")]
    UnknownScenario(u64),
    /// The computed epoch fails a check.
    #[error(transparent)]
    Check(#[from] CheckError),
}

/// A registered scenario.
#[derive(Clone, Copy, Debug)]
struct Scenario {
    developer: Address,
    domain: u8,
}

/// An open pledge.
#[derive(Clone, Copy, Debug)]
struct Pledge {
    owner: Address,
    node: Address,
    anchor: U256,
    since: u64,
}

/// The state of one epoch's computation; feed it every log with [`Engine::push`], then
/// [`Engine::finish`].
#[derive(Debug)]
pub struct Engine {
    rules: Rules,
    sources: Sources,
    epoch: u64,
    from: u64,
    to: u64,
    last: Option<(u64, u64)>,
    stakes: Stakes,
    scenarios: BTreeMap<U256, Scenario>,
    enrolled: BTreeMap<U256, BTreeSet<Address>>,
    finance_core: BTreeSet<Address>,
    verdicts: Verdicts,
    asset_owners: BTreeMap<B256, Address>,
    exports: BTreeSet<B256>,
    cross_chain: BTreeMap<Address, u64>,
    authorizations: BTreeMap<Address, u64>,
    invites: Invites,
    invite_credits: BTreeMap<Address, Vec<Address>>,
    inflows: BTreeMap<B256, U256>,
    revenue: BTreeMap<Address, (U256, u64)>,
    revenue_in: U256,
    pledges: BTreeMap<B256, Pledge>,
    pledged: BTreeMap<Address, BTreeMap<(Address, B256), U256>>,
}

impl Engine {
    /// An engine for epoch `epoch` under `rules`, reading the logs of `sources`.
    pub fn new(rules: Rules, sources: Sources, epoch: u64) -> Result<Self, Error> {
        rules.validate()?;
        let (from, to) = rules.epoch(epoch);
        Ok(Self {
            rules,
            sources,
            epoch,
            from,
            to,
            last: None,
            stakes: Stakes::new((from, to)),
            scenarios: BTreeMap::new(),
            enrolled: BTreeMap::new(),
            finance_core: BTreeSet::new(),
            verdicts: Verdicts::default(),
            asset_owners: BTreeMap::new(),
            exports: BTreeSet::new(),
            cross_chain: BTreeMap::new(),
            authorizations: BTreeMap::new(),
            invites: Invites::default(),
            invite_credits: BTreeMap::new(),
            inflows: BTreeMap::new(),
            revenue: BTreeMap::new(),
            revenue_in: U256::ZERO,
            pledges: BTreeMap::new(),
            pledged: BTreeMap::new(),
        })
    }

    /// The epoch's `[from, to)` in block timestamps.
    pub const fn window(&self) -> (u64, u64) {
        (self.from, self.to)
    }

    /// Reads one log. Logs at or after the epoch's end change nothing.
    pub fn push(&mut self, log: &IndexedLog) -> Result<(), Error> {
        let at = log.position();
        if let Some(last) = self.last.filter(|last| at <= *last) {
            return Err(Error::OutOfOrder {
                block: at.0,
                index: at.1,
                after_block: last.0,
                after_index: last.1,
            });
        }
        self.last = Some(at);
        if log.timestamp >= self.to {
            return Ok(());
        }
        if let Some(event) = Event::decode(log, &self.sources) {
            self.apply(event, at, log.timestamp);
        }
        Ok(())
    }

    fn domain(&self, scenario: &U256) -> Option<u8> {
        self.scenarios.get(scenario).map(|s| s.domain)
    }

    fn apply(&mut self, event: Event, at: (u64, u64), now: u64) {
        let in_epoch = now >= self.from;
        match event {
            Event::Deposited { node, account, amount } => {
                self.stakes.deposit(node, account, amount, now)
            }
            Event::WithdrawalQueued { account, node, amount } => {
                self.stakes.withdraw(node, account, amount, now)
            }
            Event::NodeSlashed { node, wad } => self.stakes.slash(node, wad, now),
            Event::ScenarioRegistered { scenario, developer, domain } => {
                self.scenarios.insert(scenario, Scenario { developer, domain });
            }
            Event::NodeEnrolled { scenario, node, role } => {
                self.enrolled.entry(scenario).or_default().insert(node);
                self.stakes.enroll(node, now);
                if role == CORE && self.domain(&scenario) == Some(FINANCIAL) {
                    self.finance_core.insert(node);
                }
            }
            Event::VerdictSubmitted { scenario, subject, node, valid } => {
                let finance = self.domain(&scenario) == Some(FINANCIAL);
                self.verdicts.submitted((scenario, subject), node, valid, in_epoch, finance);
            }
            Event::VerdictReverified { scenario, subject, guardian, status } => {
                self.verdicts.reverified((scenario, subject), guardian, status, in_epoch);
            }
            Event::DisputeResolved { scenario, subject, valid } => {
                self.verdicts.resolved((scenario, subject), valid)
            }
            Event::CostPaid { payer, amount } => self.paid(payer, amount, at, in_epoch),
            Event::Authorized { asset, payer, fee } => {
                // Authorizing one's own asset pays the fee mostly back to oneself: it earns
                // nothing.
                if self.asset_owners.get(&asset) != Some(&payer) {
                    self.paid(payer, fee, at, in_epoch);
                    if in_epoch {
                        *self.authorizations.entry(payer).or_default() += 1;
                    }
                }
            }
            Event::RevenuePaid { scenario, payer, amount, to_nodes } => {
                self.paid(payer, amount, at, in_epoch);
                if in_epoch {
                    self.share_revenue(scenario, to_nodes);
                }
            }
            Event::ScenarioTransfer { from_scenario, to_scenario, from } => {
                let (a, b) = (self.domain(&from_scenario), self.domain(&to_scenario));
                if in_epoch && a.is_some() && b.is_some() && a != b {
                    *self.cross_chain.entry(from).or_default() += 1;
                }
            }
            Event::AssetRegistered { asset, owner } => {
                self.asset_owners.insert(asset, owner);
            }
            Event::Exported { asset, message } => {
                let owner = self.asset_owners.get(&asset).copied();
                if let Some(owner) = owner.filter(|_| in_epoch && self.exports.insert(message)) {
                    *self.cross_chain.entry(owner).or_default() += 1;
                }
            }
            Event::Funded { source, amount } if in_epoch => {
                *self.inflows.entry(source).or_default() += amount
            }
            Event::Funded { .. } => {}
            Event::Invited { inviter, invitee } => self.invites.invited(inviter, invitee, at),
            Event::InviteAccepted { invitee, inviter } => {
                self.invites.accepted(invitee, inviter, at)
            }
            Event::AssetPledged { asset, owner, node, anchor } => {
                self.unpledge(asset, now);
                self.pledges.insert(asset, Pledge { owner, node, anchor, since: now });
            }
            Event::AssetUnpledged { asset } => self.unpledge(asset, now),
        }
    }

    /// A paid action by `payer` of `amount`: one of at least `inviteMinPayment` may complete an
    /// invite.
    fn paid(&mut self, payer: Address, amount: U256, at: (u64, u64), in_epoch: bool) {
        let completes = amount >= self.rules.users.invite_min_payment;
        if let Some(inviter) = self.invites.paid(payer, at, completes).filter(|_| in_epoch) {
            self.invite_credits.entry(inviter).or_default().push(payer);
        }
    }

    /// `to_nodes` of a scenario's revenue, shared equally by the nodes enrolled in it (the
    /// remainder of the division, less than one wei per node, stays unpaid).
    fn share_revenue(&mut self, scenario: U256, to_nodes: U256) {
        self.revenue_in += to_nodes;
        let Some(nodes) = self.enrolled.get(&scenario).filter(|n| !n.is_empty()) else { return };
        let share = to_nodes / U256::from(nodes.len());
        for node in nodes {
            let entry = self.revenue.entry(*node).or_default();
            entry.0 += share;
            entry.1 += 1;
        }
    }

    /// Ends `asset`'s pledge at `now`, counting its anchor-seconds inside the epoch.
    fn unpledge(&mut self, asset: B256, now: u64) {
        let Some(p) = self.pledges.remove(&asset) else { return };
        let (lo, hi) = (p.since.max(self.from), now.min(self.to));
        if hi > lo {
            let seconds = p.anchor * U256::from(hi - lo);
            *self.pledged.entry(p.node).or_default().entry((p.owner, asset)).or_default() +=
                seconds;
        }
    }

    /// Inflows in the epoch tagged with one of `sources`.
    fn inflow(&self, sources: &[String]) -> U256 {
        sources.iter().filter_map(|s| self.inflows.get(&source_tag(s))).copied().sum()
    }

    /// Pays the epoch, adds it to `previous` (the epoch before's rewards; `None` for epoch 0)
    /// and checks the result.
    pub fn finish(
        mut self,
        metrics: &Metrics,
        metrics_hash: B256,
        previous: Option<&Rewards>,
    ) -> Result<Rewards, Error> {
        if metrics.epoch != self.epoch {
            return Err(Error::MetricsEpoch { expected: self.epoch, found: metrics.epoch });
        }
        if let Some((node, ppm)) = metrics.accuracy_ppm.iter().find(|(_, ppm)| **ppm > 1_000_000) {
            return Err(Error::Accuracy { node: *node, ppm: *ppm });
        }
        let open: Vec<B256> = self.pledges.keys().copied().collect();
        for asset in open {
            self.unpledge(asset, self.to);
        }
        let mut ledger = Ledger::default();
        let inputs = NodeInputs {
            stake_seconds: std::mem::replace(&mut self.stakes, Stakes::new((0, 0))).finish(),
            scores: self.verdicts.scores(),
            metrics_accuracy: metrics.accuracy_ppm.clone(),
            finance_core: std::mem::take(&mut self.finance_core),
            budget: self.rules.nodes.budget + self.inflow(&self.rules.nodes.funding_sources),
            pledges: std::mem::take(&mut self.pledged),
            revenue: std::mem::take(&mut self.revenue),
            revenue_in: self.revenue_in,
        };
        pay_nodes(&self.rules, &inputs, &mut ledger);
        self.pay_developers(metrics, &mut ledger)?;
        self.pay_users(&mut ledger);
        let grants = metrics.grants.iter().map(|g| Demand {
            account: g.account,
            rule: Rule::Grant,
            amount: g.amount,
            detail: format!("approved bounty: {}", g.reason),
        });
        ledger.pay_category(Category::Grants, self.rules.grants_budget, grants.collect());
        let rewards = self.assemble(ledger, metrics_hash, previous);
        check(previous, &rewards)?;
        Ok(rewards)
    }

    fn pay_developers(&self, metrics: &Metrics, ledger: &mut Ledger) -> Result<(), Error> {
        let r = &self.rules.developers;
        let mut demands = Vec::new();
        for (&id, &users) in &metrics.monthly_active_users {
            let scenario = self.scenarios.get(&U256::from(id)).ok_or(Error::UnknownScenario(id))?;
            if users <= r.subsidy_above_users {
                continue;
            }
            let (amount, why) = if users > r.high_above_users {
                let grown = r.subsidy * U256::from(BPS + r.high_bonus_bps) / U256::from(BPS);
                (
                    grown,
                    format!(
                        "above {} users: {} +{} bps",
                        r.high_above_users,
                        fmt_era(r.subsidy),
                        r.high_bonus_bps
                    ),
                )
            } else {
                (r.subsidy, format!("above {} users", r.subsidy_above_users))
            };
            let detail = format!("scenario {id}: {users} monthly active users (metrics), {why}");
            demands.push(Demand {
                account: scenario.developer,
                rule: Rule::DeveloperSubsidy,
                amount,
                detail,
            });
        }
        let budget = r.budget + self.inflow(&r.funding_sources);
        ledger.pay_category(Category::Developers, budget, demands);
        Ok(())
    }

    fn pay_users(&self, ledger: &mut Ledger) {
        let r = &self.rules.users;
        let mut demands = Vec::new();
        for (&account, &count) in &self.cross_chain {
            let counted = count.min(r.max_cross_chain);
            let detail = format!(
                "{count} cross-chain transactions (asset exports, transfers across domains), {counted} counted x {}",
                fmt_era(r.per_cross_chain)
            );
            let amount = r.per_cross_chain * U256::from(counted);
            demands.push(Demand { account, rule: Rule::CrossChain, amount, detail });
        }
        for (&account, &count) in
            self.authorizations.iter().filter(|(_, c)| **c > r.authorizations_above)
        {
            let detail =
                format!("{count} authorizations paid, more than {}", r.authorizations_above);
            demands.push(Demand {
                account,
                rule: Rule::Authorizations,
                amount: r.authorizations_reward,
                detail,
            });
        }
        for (&inviter, invitees) in &self.invite_credits {
            let detail = format!(
                "{} invites accepted and followed by a paid action, x {}",
                invitees.len(),
                fmt_era(r.per_invite)
            );
            let amount = r.per_invite * U256::from(invitees.len());
            demands.push(Demand { account: inviter, rule: Rule::Invites, amount, detail });
        }
        let budget = r.budget + self.inflow(&r.funding_sources);
        ledger.pay_category(Category::Users, budget, demands);
    }

    fn assemble(&self, ledger: Ledger, metrics_hash: B256, previous: Option<&Rewards>) -> Rewards {
        let mut accounts = BTreeMap::new();
        if let Some(prev) = previous {
            for (account, a) in &prev.accounts {
                let carried = crate::AccountRewards {
                    cumulative: a.cumulative,
                    previous: a.cumulative,
                    ..Default::default()
                };
                accounts.insert(*account, carried);
            }
        }
        for (account, mut lines) in ledger.lines {
            lines.sort();
            let a = accounts.entry(account).or_default();
            a.epoch = lines.iter().map(|l| l.amount).sum();
            a.cumulative = a.previous + a.epoch;
            a.lines = lines;
        }
        Rewards {
            epoch: self.epoch,
            from: self.from,
            to: self.to,
            rules_hash: self.rules.hash(),
            metrics_hash,
            epoch_total: ledger.totals.values().map(|t| t.paid).sum(),
            cumulative_total: accounts.values().map(|a| a.cumulative).sum(),
            totals: ledger.totals,
            accounts,
        }
    }
}
