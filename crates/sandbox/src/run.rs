//! The runner: deploys the suite on the revm harness, sets up the plan's actors, then plays the
//! plan's timeline step by step, sampling the suite after each step.
//!
//! Every action is the `era_client::Client` call the CLI command makes (`era stake` is
//! `Client::stake`, `era scenario enroll` is `Client::enroll`, ...), acting for the plan's
//! account ([`crate::sender`]): the sandbox holds no second copy of the suite's rules. What the
//! harness does directly is what no CLI command does: deploy, hand out ERA from the supply, and
//! move the clock (as `era warp` does on anvil).

use std::{
    collections::BTreeMap,
    sync::{
        Arc, Mutex, PoisonError,
        atomic::{AtomicBool, Ordering},
    },
};

use alloy::{
    primitives::{Address, U256, keccak256},
    providers::DynProvider,
};
use era_client::{
    CaseId, Client, ERA, NewModule, NewScenario, Operation, RiskDomain, ScenarioId, ScenarioRef,
    SuiteConfig,
};
use era_harness::{Chain, DeployError, Suite, dev};
use indicatif::ProgressBar;

mod assets;
pub(crate) mod callin;
pub mod light;
mod project;
pub mod settlements;
mod slash;

use crate::{
    Report, Sample, ScenarioSample,
    accounts::{Actor, address},
    model,
    plan::{Plan, slash_wad},
    sender::{self, Acting},
};

/// How a run is watched and stopped.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// Set (by a Ctrl-C handler) to stop after the current action: the report so far is
    /// returned, marked interrupted.
    pub stop: Arc<AtomicBool>,
    /// Advanced by one per simulated step (its length is set to the number of steps).
    pub bar: Option<ProgressBar>,
    /// The scenario project's compiled contracts the plan deploys ([`crate::project::load`]).
    pub artifacts: crate::compile::Artifacts,
}

/// Why a run could not go on (a refused or reverted action is not one: it is counted).
#[derive(Debug, thiserror::Error)]
pub enum RunError {
    /// The suite could not be deployed (the harness's error, as text: it holds a whole revert).
    #[error("deploying the suite: {0}")]
    Deploy(String),
    /// The harness's chain failed to answer (a bug, not a refusal).
    #[error("{0}")]
    Chain(String),
}

/// A failure of the harness's chain (or of the plan's input, checked before): it stops the run.
fn chain_err(e: impl ToString) -> RunError {
    RunError::Chain(e.to_string())
}

/// Runs `plan`; see the module's documentation.
pub async fn run(plan: &Plan, options: &Options) -> Result<Report, RunError> {
    let mut runner = Runner::deploy(plan, options)?;
    runner.setup().await?;
    runner.play().await?;
    Ok(runner.report)
}

/// Something the timeline does at a simulated second.
#[derive(Clone, Debug)]
enum Event {
    /// `plan.transfers[i]`.
    Transfer(usize),
    /// `plan.cases[i]`: freeze and assess.
    Freeze(usize),
    /// Schedule case `id`'s resolution, slashing `wad` (`None`: release).
    Resolve(CaseId, Option<U256>),
    /// Execute a scheduled operation (the timelock's delay has passed).
    Execute(Operation, Option<CaseId>),
    /// `plan.call_ins[i]`.
    CallIn(usize),
    /// The next stage of a call-in round.
    CallInStage(callin::Stage),
    /// `plan.assets[i]`'s authorizations.
    Authorize(usize),
    /// `plan.slashes[i]`.
    Slash(usize),
    /// The plan's atomic settlements.
    Settlements,
    /// `plan.calls[i]`.
    Call(usize),
}

struct Runner<'a> {
    plan: &'a Plan,
    options: &'a Options,
    chain: Arc<Mutex<Chain>>,
    suite: Suite,
    client: Client<DynProvider>,
    acting: Acting,
    report: Report,
    /// ERA moved since the last sample, by flow.
    flows: BTreeMap<String, f64>,
    /// Each registered scenario of the plan, exactly named (`NAME@DEVELOPER`).
    refs: BTreeMap<String, ScenarioRef>,
    /// And its id.
    ids: BTreeMap<String, ScenarioId>,
    /// The timeline, by simulated second (stable within a second).
    events: Vec<(u64, Event)>,
    /// Chain time of simulated second 0.
    start: u64,
    /// Block of the last sample (or of the start).
    sampled_block: u64,
    /// The call-in rounds opened.
    callins: callin::CallIns,
    /// Each `[[assets]]`'s registered assets: (owner, asset id).
    assets: Vec<Vec<(Address, alloy::primitives::B256)>>,
    /// The settlements' tokens, provider and nonces.
    desk: Option<settlements::Desk>,
    /// The light actions' players, executor and open batches.
    light: light::Light,
}

impl<'a> Runner<'a> {
    /// Deploys the suite with a supply large enough for the plan, and serves the chain.
    fn deploy(plan: &'a Plan, options: &'a Options) -> Result<Self, RunError> {
        let mut config = SuiteConfig::defaults(dev(0));
        let assets = crate::assets::supply(plan, config.anchor_stake);
        config.initial_supply = U256::from(supply_needed(plan) + assets) * ERA;
        let mut chain = Chain::new();
        let suite = chain
            .deploy_suite(dev(0), &config)
            .map_err(|e: DeployError| RunError::Deploy(e.to_string()))?;
        let (chain, _) = chain.serve();
        let acting = Acting::default();
        let client = Client::new(sender::provider(&chain, &acting), suite.addresses());
        let report = Report { plan: plan.name.clone(), ..Report::default() };
        Ok(Self {
            plan,
            options,
            chain,
            suite,
            client,
            acting,
            report,
            flows: BTreeMap::new(),
            refs: BTreeMap::new(),
            ids: BTreeMap::new(),
            events: Vec::new(),
            start: 0,
            sampled_block: 0,
            callins: callin::CallIns::default(),
            assets: Vec::new(),
            desk: None,
            light: light::Light::default(),
        })
    }

    fn chain(&self) -> std::sync::MutexGuard<'_, Chain> {
        self.chain.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Acts for `account` in the next client call.
    fn as_(&self, account: Address) -> &Client<DynProvider> {
        self.acting.set(account);
        &self.client
    }

    fn stopped(&self) -> bool {
        self.options.stop.load(Ordering::Relaxed)
    }

    /// Counts an action's outcome: sent (by `kind`), refused by the client's checks (`refused:`
    /// and the kind) or by the contract (its custom error's name). Only a chain failure stops
    /// the run.
    fn tally<T>(
        &mut self,
        kind: &str,
        outcome: era_client::Result<T>,
    ) -> Result<Option<T>, RunError> {
        *self.report.actions.entry(kind.to_owned()).or_default() += 1;
        let name = match outcome {
            Ok(value) => return Ok(Some(value)),
            Err(era_client::Error::WouldRevert { revert, .. }) => {
                revert.name().map_or_else(|| revert.to_string(), str::to_owned)
            }
            Err(era_client::Error::Reverted { action, .. }) => format!("reverted:{action}"),
            Err(era_client::Error::Refused(_)) => format!("refused:{kind}"),
            Err(era_client::Error::Rpc(e)) => return Err(RunError::Chain(e)),
            Err(other) => return Err(chain_err(other)),
        };
        *self.report.reverts.entry(name).or_default() += 1;
        Ok(None)
    }

    /// A read's value; a read the chain cannot answer stops the run (reads do not revert).
    fn read<T>(outcome: era_client::Result<T>) -> Result<T, RunError> {
        outcome.map_err(chain_err)
    }

    fn flow(&mut self, name: &str, wei: U256) {
        *self.flows.entry(name.to_owned()).or_default() += whole_era(wei);
    }

    /// Hands `era` whole ERA from the supply to `to` (no CLI command does: a faucet).
    fn give(&self, to: Address, era: u64) -> Result<(), RunError> {
        let amount = U256::from(era) * ERA;
        self.suite.give_era(&mut self.chain(), to, amount).map_err(chain_err)
    }

    /// Moves the clock on by the timelock's delay and executes `op`, as `era gov execute` does.
    async fn govern_now(&mut self, kind: &str, op: &Operation) -> Result<(), RunError> {
        let delay = self.suite.config.timelock_delay;
        self.chain().warp(delay);
        let sent = self.as_(self.suite.deployer).execute(op).await;
        self.tally(kind, sent)?;
        Ok(())
    }

    fn block(&self) -> u64 {
        self.chain().block_number()
    }

    /// Modules, partner, actors' stakes, scenarios and enrollments, margin: before the clock.
    async fn setup(&mut self) -> Result<(), RunError> {
        let plan = self.plan;
        if let Some(bar) = &self.options.bar {
            bar.set_message("setting up: modules, stakes, delegations, scenarios, margin");
        }
        let proposer = self.suite.config.proposer;
        let from = self.block();
        let modules = NewModule::standard().map_err(chain_err)?;
        let scheduled = self.as_(proposer).register_modules(proposer, modules, from).await;
        if let Some(s) = self.tally("registerModules", scheduled)? {
            self.govern_now("execute", &s.operation).await?;
        }
        for (name, min) in plan.domains.as_ref().map(|d| d.get_ref().clone()).unwrap_or_default() {
            let domain = name.parse::<RiskDomain>().map_err(chain_err)?;
            let scheduled =
                self.as_(proposer).schedule_min_nodes(proposer, domain, min, from).await;
            if let Some(s) = self.tally("minNodes", scheduled)? {
                self.govern_now("execute", &s.operation).await?;
            }
        }
        if !plan.cases.is_empty() {
            let partner = address(Actor::Partner, 0);
            let scheduled =
                self.as_(proposer).add_partner(proposer, "partner", partner, from).await;
            if let Some(s) = self.tally("addPartner", scheduled)? {
                self.govern_now("execute", &s.operation).await?;
            }
            let bonds: u64 = plan.cases.iter().map(|c| c.freeze).sum();
            self.give(partner, bonds)?;
        }
        for (i, stake) in plan.node_stakes().enumerate() {
            if self.stopped() {
                return Ok(());
            }
            let node = address(Actor::Node, i as u32);
            self.give(node, stake)?;
            let amount = U256::from(stake) * ERA;
            let staked = self.as_(node).stake(node, amount).await;
            if self.tally("stake", staked)?.is_some() {
                self.flow("staked", amount);
            }
        }
        let (nodes, (holders, each)) = (plan.node_count(), plan.delegations());
        for i in 0..holders {
            if self.stopped() || nodes == 0 {
                break;
            }
            let (holder, node) = (address(Actor::Delegator, i), address(Actor::Node, i % nodes));
            self.give(holder, each)?;
            let amount = U256::from(each) * ERA;
            let delegated = self.as_(holder).delegate(holder, node, amount).await;
            if self.tally("delegate", delegated)?.is_some() {
                self.flow("delegated", amount);
            }
        }
        for (k, s) in plan.scenarios.iter().enumerate() {
            let developer = address(Actor::Developer, k as u32);
            let name = s.name.get_ref().clone();
            let domain = RiskDomain::parse_domain(s.domain.get_ref()).map_err(RunError::Chain)?;
            let new = NewScenario {
                name: name.clone(),
                domain,
                base_module: s.module.get_ref().clone(),
                shares: None,
                baseline: u128::from(s.baseline),
            };
            let registered = self.as_(developer).register_scenario(developer, &new).await;
            let Some(change) = self.tally("registerScenario", registered)? else {
                continue; // counted; its enrollments, volumes and samples would only repeat it
            };
            self.ids.insert(name.clone(), change.scenario.id);
            let text = format!("{name}@{developer}");
            let reference = ScenarioRef { text, name: name.clone(), developer: Some(developer) };
            for i in 0..*s.nodes.get_ref() {
                if self.stopped() {
                    return Ok(());
                }
                let node = address(Actor::Node, i);
                let enrolled = self.as_(node).enroll(node, &reference, false).await;
                self.tally("enroll", enrolled)?;
            }
            self.refs.insert(name, reference);
        }
        self.join_standby().await?;
        for i in 0..plan.margin.providers {
            let provider = address(Actor::Provider, i);
            self.give(provider, plan.margin.amount)?;
            let amount = U256::from(plan.margin.amount) * ERA;
            let posted = self.as_(provider).post_margin(provider, amount, 1).await;
            if self.tally("postMargin", posted)?.is_some() {
                self.flow("margin", amount);
            }
        }
        self.register_assets().await?;
        self.setup_settlements().await?;
        self.setup_light().await?;
        self.grant_slasher().await?;
        self.deploy_contracts()
    }

    /// Plays the timeline: at each step the due events, the keeper's volume reports, a sample.
    async fn play(&mut self) -> Result<(), RunError> {
        let plan = self.plan;
        let (step, end) = (*plan.step.get_ref(), *plan.duration.get_ref());
        // From here on transactions take no time: the plan's clock alone moves the chain (see
        // `Chain::set_block_time`), so a step's thousands of actions happen in that step.
        self.chain().set_block_time(0);
        let now = self.chain().timestamp();
        self.start = now;
        self.sampled_block = self.block();
        self.events.extend(
            plan.transfers.iter().enumerate().map(|(i, t)| (*t.at.get_ref(), Event::Transfer(i))),
        );
        self.events.extend(
            plan.cases.iter().enumerate().map(|(i, c)| (*c.at.get_ref(), Event::Freeze(i))),
        );
        self.events.extend(
            plan.call_ins.iter().enumerate().map(|(i, c)| (*c.at.get_ref(), Event::CallIn(i))),
        );
        self.events.extend(
            plan.assets.iter().enumerate().map(|(i, a)| (*a.at.get_ref(), Event::Authorize(i))),
        );
        self.events.extend(
            plan.slashes.iter().enumerate().map(|(i, s)| (*s.at.get_ref(), Event::Slash(i))),
        );
        self.events
            .extend(plan.settlements.as_ref().map(|s| (*s.at.get_ref(), Event::Settlements)));
        if let Some(bar) = &self.options.bar {
            bar.set_length(end / step + 1);
            bar.set_message("playing the timeline");
        }
        self.sample(0).await?;
        let mut t = 0;
        while t < end {
            if self.stopped() {
                self.report.interrupted = true;
                break;
            }
            t = (t + step).min(end);
            // Sorted before each event: an event may schedule another within the step.
            while let Some((at, _)) = {
                self.events.sort_by_key(|(at, _)| *at);
                self.events.first()
            } {
                if *at > t || self.stopped() {
                    break;
                }
                let (at, event) = self.events.remove(0);
                self.clock_to(at)?;
                self.happen(at, event).await?;
            }
            self.clock_to(t)?;
            if t % plan.report_every() == 0 {
                self.report_volumes(t).await?;
            }
            self.light_step().await?;
            self.sample(t).await?;
            if let Some(bar) = &self.options.bar {
                bar.inc(1);
            }
        }
        if self.stopped() {
            self.report.interrupted = true;
        }
        let (now, blocks) = {
            let chain = self.chain();
            (chain.timestamp(), chain.block_number())
        };
        self.report.seconds = now.saturating_sub(self.start).min(end);
        self.report.blocks = blocks;
        Ok(())
    }

    /// The simulated second of chain time `timestamp`.
    const fn simulated(&self, timestamp: u64) -> u64 {
        timestamp.saturating_sub(self.start)
    }

    /// Moves the chain to simulated second `t` unless its transactions carried it past already,
    /// and mines a block there (a zero-value transfer of the deployer's, 21,000 gas), as
    /// `era warp` mines one on anvil: the client reads the time of the latest block.
    fn clock_to(&self, t: u64) -> Result<(), RunError> {
        let mut chain = self.chain();
        let target = self.start + t;
        let now = chain.timestamp();
        if now < target {
            chain.warp(target - now);
            let deployer = self.suite.deployer;
            chain
                .send_raw(deployer, deployer, U256::ZERO, Default::default())
                .map_err(chain_err)?;
        }
        Ok(())
    }

    async fn happen(&mut self, at: u64, event: Event) -> Result<(), RunError> {
        let plan = self.plan;
        match event {
            Event::Transfer(i) => {
                let t = &plan.transfers[i];
                let k = plan.scenarios.iter().position(|s| s.name.get_ref() == t.from.get_ref());
                let sender = address(Actor::Developer, k.unwrap_or_default() as u32);
                let amount = U256::from(t.era) * ERA;
                self.give(sender, t.era)?;
                let (Some(from), Some(to)) = (
                    self.refs.get(t.from.get_ref()).cloned(),
                    self.refs.get(t.to.get_ref()).cloned(),
                ) else {
                    // A scenario whose registration was refused (counted then) sends nothing.
                    return Ok(());
                };
                let recipient = address(Actor::Developer, u32::MAX);
                let sent = self.as_(sender).transfer(sender, &from, &to, amount, recipient).await;
                if let Some(change) = self.tally("transfer", sent)? {
                    let blocked = change.summary.starts_with("BLOCKED");
                    self.flow(if blocked { "escrowed" } else { "transferred" }, amount);
                }
            }
            Event::Freeze(i) => {
                let c = &plan.cases[i];
                let (partner, provider) =
                    (address(Actor::Partner, 0), address(Actor::Provider, *c.provider.get_ref()));
                let amount = U256::from(c.freeze) * ERA;
                let evidence = keccak256(format!("sandbox case {i}"));
                let frozen = self.as_(partner).freeze(partner, provider, amount, evidence).await;
                let Some(change) = self.tally("freeze", frozen)? else { return Ok(()) };
                self.flow("frozen", amount);
                let id = change.case.id;
                let assessed = self.as_(partner).assess(partner, id, 3_600, amount).await;
                // An assessment may move the dispute window's end: the case as it is after it.
                let case = self.tally("assess", assessed)?.map_or(change.case, |a| a.case);
                let wad = c.slash.as_ref().map(|s| slash_wad(*s.get_ref()));
                let resolvable = self.simulated(case.dispute_ends_at).max(at);
                self.events.push((resolvable, Event::Resolve(id, wad)));
            }
            Event::Resolve(id, wad) => {
                let proposer = self.suite.config.proposer;
                let from = self.block();
                let resolved = self.as_(proposer).resolve(proposer, id, wad, from).await;
                if let Some(op) = self.tally("resolve", resolved)?.and_then(|c| c.operation) {
                    let ready = self.simulated(op.ready_at).max(at);
                    self.events.push((ready, Event::Execute(op, Some(id))));
                }
            }
            Event::Execute(op, case) => {
                let executed = self.as_(self.suite.deployer).execute(&op).await;
                if self.tally("execute", executed)?.is_some()
                    && let Some(id) = case
                    && let Some(c) = Self::read(self.client.case(id).await)?
                {
                    self.flow("slashed", c.slashed);
                }
            }
            Event::CallIn(i) => self.call_in(i).await?,
            Event::CallInStage(stage) => self.call_in_stage(stage).await?,
            Event::Authorize(i) => self.authorize(i).await?,
            Event::Slash(i) => self.slash(i).await?,
            Event::Settlements => self.settlements().await?,
            Event::Call(i) => self.call(i, at)?,
        }
        Ok(())
    }

    /// The keeper reports each scenario's volume of the step: its baseline times the load.
    async fn report_volumes(&mut self, t: u64) -> Result<(), RunError> {
        let keeper = self.suite.config.guardian;
        for s in &self.plan.scenarios {
            let Some(reference) = self.refs.get(s.name.get_ref()).cloned() else { continue };
            let volume =
                (s.baseline as f64 * self.plan.load_at(s.name.get_ref(), t)).round() as u128;
            let reported = self.as_(keeper).report_volume(keeper, &reference, volume).await;
            self.tally("reportVolume", reported)?;
        }
        Ok(())
    }

    /// Records the suite at simulated second `t`.
    async fn sample(&mut self, t: u64) -> Result<(), RunError> {
        let (block, gas_used) = {
            let chain = self.chain();
            let blocks = chain.blocks();
            let from = usize::try_from(self.sampled_block).unwrap_or(usize::MAX).min(blocks.len());
            (chain.block_number(), blocks[from..].iter().map(|b| b.gas_used()).sum())
        };
        self.sampled_block = block;
        let tripped = Self::read(self.client.breaker_status().await)?.tripped;
        let mut scenarios = BTreeMap::new();
        let mut provisioned = BTreeMap::new();
        for s in &self.plan.scenarios {
            let name = s.name.get_ref();
            let Some(id) = self.ids.get(name).copied() else { continue };
            let scenario = Self::read(self.client.scenario(id).await)?;
            let registry = self.client.scenarios();
            let mut active = 0u32;
            for i in 0..*s.nodes.get_ref() {
                let eligible =
                    registry.isEligible(id.to_u256(), address(Actor::Node, i)).call().await;
                if eligible.map_err(chain_err)? {
                    active += 1;
                }
            }
            let domain = s.domain.get_ref();
            if !provisioned.contains_key(domain) {
                let parsed = domain.parse::<RiskDomain>().map_err(chain_err)?;
                let status = Self::read(self.client.domain_status(parsed).await)?;
                provisioned.insert(domain.clone(), status.provisioned);
            }
            let called_in = self.called_in(name).await?;
            active += called_in;
            let load_tps = s.tps * self.plan.load_at(name, t);
            let delay_ms =
                model::mean_delay_ms(load_tps, active, model::service_ms(scenario.active_level));
            let sample = ScenarioSample {
                domain: s.domain.get_ref().clone(),
                level: scenario.active_level,
                active_nodes: active,
                called_in,
                load_tps,
                delay_ms,
                provisioned: provisioned[domain],
                light: self.take_light_sample(name),
            };
            scenarios.insert(name.clone(), sample);
        }
        let era_flows = std::mem::take(&mut self.flows);
        self.report.samples.push(Sample { t, block, gas_used, tripped, era_flows, scenarios });
        Ok(())
    }
}

/// Whole ERA the plan hands out, with room for scenario fees and bonds.
fn supply_needed(plan: &Plan) -> u64 {
    let nodes: u64 = plan.node_stakes().sum();
    let (holders, each) = plan.delegations();
    let delegators = u64::from(holders) * each;
    let margin = u64::from(plan.margin.providers) * plan.margin.amount;
    let cases: u64 = plan.cases.iter().map(|c| c.freeze).sum();
    let transfers: u64 = plan.transfers.iter().map(|t| t.era).sum();
    nodes
        + delegators
        + margin
        + cases
        + transfers
        + callin::supply(plan)
        + light::supply(plan)
        + 10_000_000
}

/// `wei` in whole ERA, as a float for the report.
fn whole_era(wei: U256) -> f64 {
    let whole: u128 = (wei / ERA).saturating_to();
    let frac: u128 = (wei % ERA).saturating_to();
    whole as f64 + frac as f64 / 1e18
}
