//! `era status`: the suite on a chain at a glance.

use std::fmt;

use alloy::primitives::{Address, U256};
use clap::Args;
use era_client::{SuiteAddresses, tier_name};
use eyre::Result;
use serde::Serialize;

use crate::{
    amount::{fmt_duration, fmt_era, fmt_time},
    cmd::{
        breaker::BreakerStatus,
        module::ModuleView,
        scenario::{ScenarioList, ScenarioView},
    },
    output::print,
    suite::{ReadArgs, Suite},
    timelock::chain_time,
};
use era_client::Operation;

/// Show tiers, nodes and their stakes, parameters and pending governance operations.
#[derive(Debug, Args)]
pub(crate) struct StatusArgs {
    #[command(flatten)]
    read: ReadArgs,
}

/// A tier as `era status` shows it.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct TierStatus {
    name: String,
    #[serde(serialize_with = "era_client::wei::serialize")]
    min_stake: U256,
    /// Minimum in force for nodes in their grace period, until `grace_ends_at`.
    #[serde(serialize_with = "era_client::wei::serialize")]
    previous_min_stake: U256,
    grace_ends_at: u64,
}

/// A node as `era status` shows it.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct NodeStatus {
    address: Address,
    #[serde(serialize_with = "era_client::wei::serialize")]
    stake: U256,
    #[serde(serialize_with = "era_client::wei::serialize")]
    unbonding: U256,
    /// Tiers the node meets now (counting grace).
    tiers: Vec<String>,
    /// Set when its stake reaches a tier whose self-bond its own stake misses.
    #[serde(skip_serializing_if = "Option::is_none")]
    self_bond_shortfall: Option<String>,
}

/// The margin contract's parameters as `era status` shows them.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct MarginParameters {
    #[serde(serialize_with = "era_client::wei::serialize")]
    min_margin_per_ecosystem: U256,
    dispute_window: u64,
    max_freeze_period: u64,
    withdrawal_delay: u64,
    rewards_pool: Address,
}

impl MarginParameters {
    /// Reads them; `None` for an older deployment without a margin contract.
    async fn read(suite: &Suite) -> Result<Option<Self>> {
        if suite.record.addresses().margin == Address::ZERO {
            return Ok(None);
        }
        let margin = suite.margin()?;
        Ok(Some(Self {
            min_margin_per_ecosystem: U256::from(margin.minMarginPerEcosystem().call().await?),
            dispute_window: margin.disputeWindow().call().await?,
            max_freeze_period: margin.maxFreezePeriod().call().await?,
            withdrawal_delay: margin.withdrawalDelay().call().await?,
            rewards_pool: margin.rewardsPool().call().await?,
        }))
    }
}

/// Everything `era status` shows.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct StatusOutput {
    chain_id: u64,
    block_time: u64,
    contracts: SuiteAddresses,
    timelock_delay: u64,
    unbonding_delay: u64,
    grace_period: u64,
    paused: bool,
    pause: era_client::PauseStatus,
    #[serde(serialize_with = "era_client::wei::serialize")]
    staked_total: U256,
    #[serde(skip_serializing_if = "Option::is_none")]
    margin: Option<MarginParameters>,
    tiers: Vec<TierStatus>,
    nodes: Vec<NodeStatus>,
    pending_operations: Vec<Operation>,
    modules: Vec<ModuleView>,
    scenarios: Vec<ScenarioView>,
    breaker: BreakerStatus,
}

impl fmt::Display for StatusOutput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let c = &self.contracts;
        writeln!(
            f,
            "ERA suite on chain {}  (chain time {})",
            self.chain_id,
            fmt_time(self.block_time)
        )?;
        writeln!(f, "  timelock   {}  delay {}", c.timelock, fmt_duration(self.timelock_delay))?;
        writeln!(f, "  ERA        {}", c.era)?;
        writeln!(
            f,
            "  staking    {}  unbonding {}, grace {}, {}, {} held",
            c.staking,
            fmt_duration(self.unbonding_delay),
            fmt_duration(self.grace_period),
            if self.paused { "PAUSED" } else { "not paused" },
            fmt_era(self.staked_total)
        )?;
        writeln!(f, "  pause      {}", self.pause.summary())?;
        if let Some(m) = &self.margin {
            writeln!(
                f,
                "  margin     {}  {} per ecosystem, dispute {}, lapse {}, withdrawal {}, rewards pool {}",
                c.margin,
                fmt_era(m.min_margin_per_ecosystem),
                fmt_duration(m.dispute_window),
                fmt_duration(m.max_freeze_period),
                fmt_duration(m.withdrawal_delay),
                m.rewards_pool
            )?;
        }
        writeln!(f, "tiers")?;
        for t in &self.tiers {
            write!(f, "  {:<12} {:>16}", t.name, fmt_era(t.min_stake))?;
            if t.grace_ends_at > self.block_time {
                write!(
                    f,
                    "  (was {} until {})",
                    fmt_era(t.previous_min_stake),
                    fmt_time(t.grace_ends_at)
                )?;
            }
            writeln!(f)?;
        }
        writeln!(f, "nodes")?;
        if self.nodes.is_empty() {
            writeln!(f, "  none")?;
        }
        for n in &self.nodes {
            let tiers = if n.tiers.is_empty() { "-".to_owned() } else { n.tiers.join(", ") };
            writeln!(
                f,
                "  {}  stake {:>16}  unbonding {:>14}  tiers: {tiers}",
                n.address,
                fmt_era(n.stake),
                fmt_era(n.unbonding)
            )?;
            if let Some(line) = &n.self_bond_shortfall {
                writeln!(f, "    {line}")?;
            }
        }
        writeln!(f, "security modules: {} registered (era module list)", self.modules.len())?;
        writeln!(f, "{}", ScenarioList { scenarios: self.scenarios.clone() })?;
        writeln!(f, "{}", self.breaker)?;
        write!(f, "pending governance operations")?;
        if self.pending_operations.is_empty() {
            write!(f, "\n  none")?;
        }
        for op in &self.pending_operations {
            write!(f, "\n  {op}")?;
        }
        Ok(())
    }
}

impl StatusArgs {
    /// Reads and prints the status.
    pub(crate) async fn run(self) -> Result<()> {
        let suite = self.read.suite.open().await?;
        let staking = suite.staking();
        let mut tiers = Vec::new();
        let tier_ids = staking.tierIds().call().await?;
        for id in &tier_ids {
            let t = staking.tiers(*id).call().await?;
            tiers.push(TierStatus {
                name: tier_name(*id),
                min_stake: U256::from(t.minStake),
                previous_min_stake: U256::from(t.previousMinStake),
                grace_ends_at: t.graceEndsAt,
            });
        }
        let mut nodes = Vec::new();
        for address in staking.nodeList().call().await? {
            let mut met = Vec::new();
            for id in &tier_ids {
                if staking.meetsTier(address, *id).call().await? {
                    met.push(tier_name(*id));
                }
            }
            nodes.push(NodeStatus {
                address,
                stake: staking.nodeStake(address).call().await?,
                unbonding: staking.unbondingStake(address).call().await?,
                tiers: met,
                self_bond_shortfall: suite.client().self_bond_shortfall(address).await?,
            });
        }
        let out = StatusOutput {
            chain_id: suite.chain.id,
            block_time: chain_time(&suite.chain).await?,
            contracts: suite.record.addresses(),
            timelock_delay: suite.timelock().getMinDelay().call().await?.to(),
            unbonding_delay: staking.unbondingDelay().call().await?,
            grace_period: staking.gracePeriod().call().await?,
            paused: staking.paused().call().await?,
            pause: suite.client().pause_status().await?,
            staked_total: suite.era().balanceOf(*staking.address()).call().await?,
            margin: MarginParameters::read(&suite).await?,
            tiers,
            nodes,
            pending_operations: suite.client().pending(suite.record.deploy_block()).await?,
            modules: crate::cmd::module::list(&suite).await?.modules,
            scenarios: crate::cmd::scenario::list(&suite).await?.scenarios,
            breaker: crate::cmd::breaker::status(&suite).await?,
        };
        print(&out, self.read.json)
    }
}
