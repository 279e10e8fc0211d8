//! The suite on a chain at a glance (`era status`): contracts and parameters, tiers, nodes and
//! their stakes, pauses, margin, modules, scenarios, the breaker and pending governance.

use std::fmt;

use alloy::{
    primitives::{Address, U256},
    providers::Provider,
};
use serde::Serialize;

use crate::PauseStatus;

use crate::{
    BreakerStatus, Client, Module, Operation, Scenario, ScenarioList, SuiteAddresses,
    error::Result,
    tier_name,
    units::{fmt_duration, fmt_era, fmt_time},
};

/// A tier as `era status` shows it.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TierStatus {
    /// Its name.
    pub name: String,
    /// The minimum stake.
    #[serde(serialize_with = "crate::wei::serialize")]
    pub min_stake: U256,
    /// Minimum in force for nodes in their grace period, until `grace_ends_at`.
    #[serde(serialize_with = "crate::wei::serialize")]
    pub previous_min_stake: U256,
    /// When the grace period ends.
    pub grace_ends_at: u64,
}

/// A node as `era status` shows it.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NodeStatus {
    /// The node.
    pub address: Address,
    /// Its total stake.
    #[serde(serialize_with = "crate::wei::serialize")]
    pub stake: U256,
    /// Stake unbonding.
    #[serde(serialize_with = "crate::wei::serialize")]
    pub unbonding: U256,
    /// Tiers the node meets now (counting grace).
    pub tiers: Vec<String>,
    /// Set when its stake reaches a tier whose self-bond its own stake misses.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub self_bond_shortfall: Option<String>,
}

/// The margin contract's parameters.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MarginParameters {
    /// Margin a provider needs per ecosystem it serves.
    #[serde(serialize_with = "crate::wei::serialize")]
    pub min_margin_per_ecosystem: U256,
    /// How long a freeze can be disputed.
    pub dispute_window: u64,
    /// When an unresolved freeze lapses.
    pub max_freeze_period: u64,
    /// How long a margin withdrawal waits.
    pub withdrawal_delay: u64,
    /// Where unclaimed slashes go.
    pub rewards_pool: Address,
}

/// Everything `era status` shows.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Status {
    /// The chain.
    pub chain_id: u64,
    /// The latest block's time.
    pub block_time: u64,
    /// The suite's contracts.
    pub contracts: SuiteAddresses,
    /// The timelock's delay, seconds.
    pub timelock_delay: u64,
    /// Staking's unbonding delay, seconds.
    pub unbonding_delay: u64,
    /// Staking's grace period after a tier change, seconds.
    pub grace_period: u64,
    /// Whether staking is paused.
    pub paused: bool,
    /// The guardian pauses.
    pub pause: PauseStatus,
    /// ERA held by staking.
    #[serde(serialize_with = "crate::wei::serialize")]
    pub staked_total: U256,
    /// Margin's parameters (absent for a deployment without margin).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub margin: Option<MarginParameters>,
    /// The tiers.
    pub tiers: Vec<TierStatus>,
    /// The nodes.
    pub nodes: Vec<NodeStatus>,
    /// Governance operations waiting or ready.
    pub pending_operations: Vec<Operation>,
    /// The security modules.
    pub modules: Vec<Module>,
    /// The scenarios.
    pub scenarios: Vec<Scenario>,
    /// The circuit breaker.
    pub breaker: BreakerStatus,
}

impl<P: Provider> Client<P> {
    /// Reads the status; `from_block` is the deployment's block (where pending operations start).
    pub async fn status(&self, from_block: u64) -> Result<Status> {
        let staking = self.staking();
        let tier_ids = staking.tierIds().call().await?;
        let mut tiers = Vec::new();
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
                self_bond_shortfall: self.self_bond_shortfall(address).await?,
            });
        }
        Ok(Status {
            chain_id: self.provider.get_chain_id().await?,
            block_time: self.chain_time().await?,
            contracts: self.addresses,
            timelock_delay: self.min_delay().await?.saturating_to(),
            unbonding_delay: staking.unbondingDelay().call().await?,
            grace_period: staking.gracePeriod().call().await?,
            paused: staking.paused().call().await?,
            pause: self.pause_status().await?,
            staked_total: self.era().balanceOf(*staking.address()).call().await?,
            margin: self.margin_parameters().await?,
            tiers,
            nodes,
            pending_operations: self.pending(from_block).await?,
            modules: self.module_list().await?.modules,
            scenarios: self.scenario_list().await?.scenarios,
            breaker: self.breaker_status().await?,
        })
    }

    /// Margin's parameters; `None` for an older deployment without a margin contract.
    async fn margin_parameters(&self) -> Result<Option<MarginParameters>> {
        if self.addresses.margin == Address::ZERO {
            return Ok(None);
        }
        let margin = self.margin();
        Ok(Some(MarginParameters {
            min_margin_per_ecosystem: U256::from(margin.minMarginPerEcosystem().call().await?),
            dispute_window: margin.disputeWindow().call().await?,
            max_freeze_period: margin.maxFreezePeriod().call().await?,
            withdrawal_delay: margin.withdrawalDelay().call().await?,
            rewards_pool: margin.rewardsPool().call().await?,
        }))
    }
}

impl fmt::Display for Status {
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
