//! A plan: the load a sandbox run puts on the suite, written in TOML.
//!
//! ```toml
//! step = 3600          # seconds between two samples
//! duration = 259200    # simulated seconds the run covers
//! report = 7200        # seconds between the keeper's volume reports (a multiple of step;
//!                      # default: step). Each surging report steps a scenario up one level.
//!
//! [[nodes]]            # a group of nodes, each staking `stake` ERA on itself; indices run
//! count = 40           # on from group to group (here 0..40, then 40..60)
//! stake = 100000
//! [[nodes]]
//! count = 20
//! stake = 220000
//! [[nodes]]            # standby nodes: they join the standby pool of module `standby` (its
//! count = 30           # threshold must cover the escalated module's) and bid in call-ins;
//! stake = 100000       # no scenario may enroll them (put standby groups after the others)
//! standby = "optimistic-watchers"
//!
//! [delegators]         # holders delegating `amount` ERA each, round-robin over the nodes
//! count = 200
//! amount = 500
//!
//! [[scenario]]         # a scenario, registered by its own developer
//! name = "shop"
//! domain = "light"     # financial, enterprise or light
//! module = "basic-fraud-proof"
//! baseline = 10000     # volume per step a surge is measured against
//! tps = 200            # its offered load (transactions per second) at baseline
//! nodes = 50           # nodes 0..nodes enroll in it
//!
//! [[phase]]            # from `at` on, each named scenario runs at `load` times its baseline
//! at = 7200
//! load = { shop = 3.0 }
//!
//! [[transfer]]         # a cross-domain transfer (a large one trips the breaker)
//! at = 10800
//! from = "shop"
//! to = "payments"
//! era = 1000001
//!
//! [margin]             # providers posting margin, and partners freezing it
//! providers = 4
//! amount = 100000
//!
//! [[case]]             # a partner freezes a provider's margin; `slash` resolves it (20-50%)
//! at = 3600
//! provider = 0
//! freeze = 30000
//! slash = 0.3
//!
//! [[call_in]]          # a call-in round for an escalated scenario: every standby node bids,
//! at = 7300            # the `nodes` lowest asks win (crates/sandbox/src/callin.rs)
//! scenario = "shop"
//! nodes = 400
//! asks = [5, 20]       # standby node j asks 5 + j % 16 ERA (default [1, 1])
//!
//! [domains]            # qualifying nodes a domain needs (governance, before the run)
//! light = 40
//!
//! [light]              # players buying from a light scenario's shop each step: one standard
//! scenario = "shop"    # `execute` per purchase, or, while a surge has it in async mode, a
//! players = 100        # bonded executor's batches of `batch` (crates/sandbox/src/run/light.rs)
//! batch = 100
//! ```
//!
//! State assets and their authorizations are `[[assets]]` tables ([`crate::assets`]), slashes
//! of nodes' stake `[[slash]]` tables ([`crate::slash`]), random atomic settlements the
//! `[settlements]` table ([`crate::run::settlements`]), the scenario project's own contracts
//! and their calls `[project]`, `[[contract]]`, `[[call]]` ([`crate::project`]).
//!
//! Everything is checked before anything runs, and a problem is one line, `FILE:LINE: problem`:
//! an unknown key, a negative count, an unknown scenario, domain or module, a module the domain
//! does not accept as a base, an event after the end, a slash the suite refuses.

use std::{collections::BTreeMap, fmt, ops::Range, path::Path};

use era_client::{RiskDomain, STANDARD_MODULES, constants::ERAMargin};
use serde::Deserialize;
use toml::Spanned;

/// A whole plan.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Plan {
    /// Its name: the file's stem (not written in the file).
    #[serde(skip)]
    pub name: String,
    /// The file as it was named, and its text: a problem found after parsing (the project's
    /// artifacts) is located in it.
    #[serde(skip)]
    pub source: (String, String),
    /// Simulated seconds between two samples.
    pub step: Spanned<u64>,
    /// Simulated seconds the run covers.
    pub duration: Spanned<u64>,
    /// Simulated seconds between two volume reports of the keeper (default: `step`).
    #[serde(default)]
    pub report: Option<Spanned<u64>>,
    /// The nodes, in groups: node indices run on from one group to the next.
    #[serde(default)]
    pub nodes: Vec<Nodes>,
    /// The delegators.
    #[serde(default)]
    pub delegators: Option<Delegators>,
    /// The scenarios, in registration order.
    #[serde(default, rename = "scenario")]
    pub scenarios: Vec<ScenarioPlan>,
    /// Load phases.
    #[serde(default, rename = "phase")]
    pub phases: Vec<Phase>,
    /// Cross-domain transfers.
    #[serde(default, rename = "transfer")]
    pub transfers: Vec<Transfer>,
    /// Margin posted by providers.
    #[serde(default)]
    pub margin: Margin,
    /// Margin cases.
    #[serde(default, rename = "case")]
    pub cases: Vec<Case>,
    /// Call-ins of standby nodes.
    #[serde(default, rename = "call_in")]
    pub call_ins: Vec<CallIn>,
    /// Qualifying nodes a domain needs, by domain name, set through governance before the run
    /// (`era domain min-nodes`); unnamed domains keep the suite's (50 light, 100 enterprise,
    /// 300 financial).
    #[serde(default)]
    pub domains: Option<Spanned<BTreeMap<String, u32>>>,
    /// State assets and their authorizations ([`crate::assets`]).
    #[serde(default)]
    pub assets: Vec<crate::assets::Assets>,
    /// Slashes of nodes' stake ([`crate::slash`]).
    #[serde(default, rename = "slash")]
    pub slashes: Vec<crate::slash::Slash>,
    /// Random atomic settlements ([`crate::run::settlements`]).
    #[serde(default)]
    pub settlements: Option<crate::run::settlements::Settlements>,
    /// Light actions: purchases in standard or async mode.
    #[serde(default)]
    pub light: Option<LightPlan>,
    /// The scenario project whose contracts the plan deploys ([`crate::project`]).
    #[serde(default)]
    pub project: Option<crate::project::ProjectPlan>,
    /// The project's contracts deployed before the first step.
    #[serde(default, rename = "contract")]
    pub contracts: Vec<crate::project::ContractPlan>,
    /// Calls of those contracts.
    #[serde(default, rename = "call")]
    pub calls: Vec<crate::project::CallPlan>,
}

/// `players` players each paying 1 ERA to scenario `scenario`'s shop every step. The scenario
/// allows {Standard, Async}: standard outside surges, async while escalated.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LightPlan {
    /// The light scenario.
    pub scenario: Spanned<String>,
    /// How many players.
    pub players: Spanned<u32>,
    /// Actions per async batch (1 to 1,024; default 100).
    #[serde(default)]
    pub batch: Option<Spanned<u32>>,
}

/// A group of `count` nodes, each staking `stake` ERA on itself.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Nodes {
    /// How many.
    pub count: u32,
    /// Whole ERA each stakes on itself.
    pub stake: Spanned<u64>,
    /// The module whose standby pool they join (none: they are ordinary nodes).
    #[serde(default)]
    pub standby: Option<Spanned<String>>,
}

/// Holders delegating to the nodes, round-robin.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Delegators {
    /// How many.
    pub count: u32,
    /// Whole ERA each delegates.
    pub amount: Spanned<u64>,
}

/// A scenario of the plan.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScenarioPlan {
    /// Its name (also the report's key).
    pub name: Spanned<String>,
    /// Its risk domain by name.
    pub domain: Spanned<String>,
    /// Its base module by name.
    pub module: Spanned<String>,
    /// The volume per step a surge is measured against (reported each step at baseline).
    pub baseline: u64,
    /// Offered load at baseline, transactions per second (for the delay model).
    pub tps: f64,
    /// Nodes `0..nodes` enroll in it.
    pub nodes: Spanned<u32>,
}

/// From `at` on, the named scenarios run at `load` times their baseline (others unchanged).
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Phase {
    /// Simulated second it starts.
    pub at: Spanned<u64>,
    /// Multiplier of the baseline by scenario name.
    pub load: Spanned<BTreeMap<String, f64>>,
}

/// A transfer of `era` ERA from scenario `from` to scenario `to`, sent by `from`'s developer.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Transfer {
    /// When.
    pub at: Spanned<u64>,
    /// The source scenario.
    pub from: Spanned<String>,
    /// The destination scenario.
    pub to: Spanned<String>,
    /// Whole ERA.
    pub era: u64,
}

/// Providers `0..providers` posting `amount` ERA of margin each (one ecosystem), and one partner
/// registered to open cases.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Margin {
    /// How many providers.
    pub providers: u32,
    /// Whole ERA each posts.
    pub amount: u64,
}

/// The partner freezes `freeze` ERA of provider `provider`'s margin; after the dispute window
/// the case is resolved: slashed by the fraction `slash`, or released when it is absent.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Case {
    /// When the freeze is sent.
    pub at: Spanned<u64>,
    /// Which provider (an index below `margin.providers`).
    pub provider: Spanned<u32>,
    /// Whole ERA frozen.
    pub freeze: u64,
    /// Fraction of the margin slashed (0.2 to 0.5), or release.
    #[serde(default)]
    pub slash: Option<Spanned<f64>>,
}

/// `nodes` standby nodes called into scenario `scenario`.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CallIn {
    /// When.
    pub at: Spanned<u64>,
    /// The scenario.
    pub scenario: Spanned<String>,
    /// How many nodes.
    pub nodes: u32,
    /// The lowest and highest ask in whole ERA (ticks), spread over the standby nodes.
    #[serde(default)]
    pub asks: Option<Spanned<Vec<u16>>>,
}

/// Why a plan was refused: one line, `FILE:LINE: problem`.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub struct PlanError {
    /// The file as it was named.
    pub file: String,
    /// 1-based line of the problem.
    pub line: usize,
    /// What is wrong and what to do.
    pub problem: String,
}

impl fmt::Display for PlanError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.problem)
    }
}

impl Plan {
    /// Reads and checks the plan at `path`.
    pub fn load(path: &Path) -> Result<Self, PlanError> {
        let file = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|e| PlanError {
            file: file.clone(),
            line: 0,
            problem: format!("cannot read the plan: {e}"),
        })?;
        let name = path.file_stem().map_or_else(String::new, |s| s.to_string_lossy().into_owned());
        Self::parse(&file, &name, &text)
    }

    /// Parses and checks `text` (`file` names it in errors, `name` is the plan's name).
    pub fn parse(file: &str, name: &str, text: &str) -> Result<Self, PlanError> {
        let at = |span: Option<Range<usize>>, problem: String| PlanError {
            file: file.to_owned(),
            line: span.map_or(1, |s| line_of(text, s.start)),
            problem,
        };
        let mut plan: Self = toml::from_str(text).map_err(|e| {
            let problem = e.message().trim().replace('\n', " ");
            at(e.span(), problem)
        })?;
        plan.name = name.to_owned();
        plan.source = (file.to_owned(), text.to_owned());
        plan.check().map_err(|(span, problem)| at(Some(span), problem))?;
        Ok(plan)
    }

    /// A problem at `span` of the plan's text.
    pub fn error_at(&self, span: Range<usize>, problem: String) -> PlanError {
        let (file, text) = &self.source;
        PlanError { file: file.clone(), line: line_of(text, span.start), problem }
    }

    /// The plan contract named `name`.
    pub fn contract(&self, name: &str) -> Option<&crate::project::ContractPlan> {
        self.contracts.iter().find(|c| c.name.get_ref() == name)
    }

    /// How many nodes the plan has.
    pub fn node_count(&self) -> u32 {
        self.nodes.iter().map(|g| g.count).sum()
    }

    /// Each node's own stake in whole ERA, by node index.
    pub fn node_stakes(&self) -> impl Iterator<Item = u64> + '_ {
        self.nodes.iter().flat_map(|g| std::iter::repeat_n(*g.stake.get_ref(), g.count as usize))
    }

    /// How many delegators, and the whole ERA each delegates.
    pub fn delegations(&self) -> (u32, u64) {
        self.delegators.as_ref().map_or((0, 0), |d| (d.count, *d.amount.get_ref()))
    }

    /// The scenario named `name`.
    pub fn scenario(&self, name: &str) -> Option<&ScenarioPlan> {
        self.scenarios.iter().find(|s| s.name.get_ref() == name)
    }

    /// Everything the suite or the run would refuse, with the span of the offending value.
    fn check(&self) -> Result<(), (Range<usize>, String)> {
        let fail = |span: Range<usize>, problem: String| Err((span, problem));
        if *self.step.get_ref() == 0 {
            return fail(self.step.span(), "step must be at least 1 second".into());
        }
        let end = *self.duration.get_ref();
        if let Some(report) = &self.report
            && (*report.get_ref() == 0 || report.get_ref() % self.step.get_ref() != 0)
        {
            let problem = format!("report must be a multiple of step ({} s)", self.step.get_ref());
            return fail(report.span(), problem);
        }
        for group in &self.nodes {
            if group.stake.get_ref() == &0 {
                return fail(
                    group.stake.span(),
                    "a node stakes at least 1 ERA (the suite refuses 0)".into(),
                );
            }
        }
        if let Some(d) = &self.delegators
            && d.count > 0
            && d.amount.get_ref() == &0
        {
            let problem = "a delegation is at least 1 ERA (the suite refuses 0)".into();
            return fail(d.amount.span(), problem);
        }
        let mut seen = Vec::new();
        for s in &self.scenarios {
            let name = s.name.get_ref();
            if seen.contains(&name) {
                return fail(s.name.span(), format!("scenario `{name}` is defined twice"));
            }
            seen.push(name);
            if era_client::tier_id(name).is_err() {
                return fail(
                    s.name.span(),
                    format!("`{name}` is not a scenario name: 1 to 32 bytes"),
                );
            }
            if let Err(e) = RiskDomain::parse_domain(s.domain.get_ref()) {
                return fail(s.domain.span(), e);
            }
            if !STANDARD_MODULES.iter().any(|m| m.name() == s.module.get_ref()) {
                let names: Vec<&str> = STANDARD_MODULES.iter().map(|m| m.name()).collect();
                let problem = format!(
                    "unknown module `{}`: use one of {}",
                    s.module.get_ref(),
                    names.join(", ")
                );
                return fail(s.module.span(), problem);
            }
            if *s.nodes.get_ref() > self.node_count() {
                let problem = format!(
                    "{} nodes cannot enroll: the plan has {} (add [[nodes]])",
                    s.nodes.get_ref(),
                    self.node_count()
                );
                return fail(s.nodes.span(), problem);
            }
            if !(s.tps.is_finite() && s.tps >= 0.0) {
                return fail(s.name.span(), format!("`{name}`: tps must be 0 or more"));
            }
        }
        if let Some(domains) = &self.domains {
            for name in domains.get_ref().keys() {
                if let Err(e) = RiskDomain::parse_domain(name) {
                    return fail(domains.span(), e);
                }
            }
        }
        let known = |name: &Spanned<String>| match self.scenario(name.get_ref()) {
            Some(_) => Ok(()),
            None => {
                fail(name.span(), format!("no scenario is named `{}` in this plan", name.get_ref()))
            }
        };
        let in_time = |at: &Spanned<u64>| {
            if *at.get_ref() > end {
                return fail(
                    at.span(),
                    format!("at {} is after the run's end ({end} s)", at.get_ref()),
                );
            }
            Ok(())
        };
        for phase in &self.phases {
            in_time(&phase.at)?;
            for (name, load) in phase.load.get_ref() {
                if self.scenario(name).is_none() {
                    let problem = format!("no scenario is named `{name}` in this plan");
                    return fail(phase.load.span(), problem);
                }
                if !(load.is_finite() && *load >= 0.0) {
                    return fail(phase.load.span(), format!("`{name}`: load must be 0 or more"));
                }
            }
        }
        for t in &self.transfers {
            in_time(&t.at)?;
            known(&t.from)?;
            known(&t.to)?;
        }
        for c in &self.cases {
            in_time(&c.at)?;
            if *c.provider.get_ref() >= self.margin.providers {
                let problem = format!(
                    "provider {} does not exist: [margin] has {} providers (0 to {})",
                    c.provider.get_ref(),
                    self.margin.providers,
                    self.margin.providers.saturating_sub(1)
                );
                return fail(c.provider.span(), problem);
            }
            if let Some(slash) = &c.slash {
                let wad = slash_wad(*slash.get_ref());
                if !(ERAMargin::MIN_SLASH..=ERAMargin::MAX_SLASH).contains(&wad) {
                    let problem = format!(
                        "slash {} is refused by the suite: a slash is 0.2 to 0.5 of the margin",
                        slash.get_ref()
                    );
                    return fail(slash.span(), problem);
                }
            }
        }
        for c in &self.call_ins {
            in_time(&c.at)?;
            known(&c.scenario)?;
        }
        if let Some(light) = &self.light {
            known(&light.scenario)?;
            crate::run::light::check(self, light)?;
        }
        crate::assets::check(self)?;
        crate::slash::check(self)?;
        crate::run::settlements::check(self)?;
        crate::project::check(self)?;
        crate::run::callin::check(self)
    }

    /// Simulated seconds between two volume reports of the keeper.
    pub fn report_every(&self) -> u64 {
        self.report.as_ref().map_or(*self.step.get_ref(), |r| *r.get_ref())
    }

    /// The load multiplier of scenario `name` at simulated second `t`: the latest phase started
    /// by then that names it, 1 before any.
    pub fn load_at(&self, name: &str, t: u64) -> f64 {
        self.phases
            .iter()
            .filter(|p| *p.at.get_ref() <= t)
            .filter_map(|p| Some((*p.at.get_ref(), *p.load.get_ref().get(name)?)))
            .max_by_key(|(at, _)| *at)
            .map_or(1.0, |(_, load)| load)
    }
}

/// A fraction as the margin's wad (1e18 = the whole margin).
pub fn slash_wad(fraction: f64) -> alloy::primitives::U256 {
    let fraction = fraction.clamp(0.0, 1.0);
    // Parts per million are exact enough for a plan: the wad is 1e18.
    alloy::primitives::U256::from((fraction * 1e6).round() as u64)
        * alloy::primitives::U256::from(1_000_000_000_000u64)
}

/// 1-based line of byte `offset` in `text`.
fn line_of(text: &str, offset: usize) -> usize {
    text.as_bytes()[..offset.min(text.len())].iter().filter(|b| **b == b'\n').count() + 1
}
