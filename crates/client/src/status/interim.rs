//! INTERIM, for the integrator: a verbatim copy of what `era status` needs from g-stake's client
//! files (`PauseStatus` with its `summary` and `Client::pause_status` from its `pause.rs`,
//! `Client::self_bond_shortfall` from its `staking.rs`). Delete this file and its `mod`/`pub use`
//! lines in `status/mod.rs` when merging g-stake: `status/mod.rs` calls the same names.

use alloy::{
    primitives::{Address, U256},
    providers::Provider,
};
use serde::Serialize;

use crate::{
    Client,
    error::Result,
    tier_name,
    units::{fmt_duration, fmt_era, fmt_time},
};

/// The pauses as read from the chain.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PauseStatus {
    /// The latest block's time.
    pub block_time: u64,
    /// Whether staking is paused now (a pause lapses by itself at `pausedUntil`).
    pub staking_paused: bool,
    /// When the current or last staking pause ends or ended (zero: never paused).
    pub paused_until: u64,
    /// How long a guardian's pause lasts.
    pub pause_duration: u64,
    /// From when the guardian may pause staking again (at or before `blockTime`: now).
    pub guardian_may_pause_at: u64,
    /// Self-bond every tier asks of a node's own stake, in basis points of its minimum.
    pub self_bond_bps: u16,
    /// Whether margin is paused (absent for a deployment without margin).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub margin_paused: Option<bool>,
    /// When margin's current (or last) pause lapses (absent without margin).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub margin_paused_until: Option<u64>,
}

impl PauseStatus {
    /// One line for `era status`: staking's pause and the self-bond.
    pub fn summary(&self) -> String {
        let pause = if self.staking_paused {
            format!(
                "staking PAUSED until {} (in {})",
                fmt_time(self.paused_until),
                fmt_duration(self.paused_until - self.block_time)
            )
        } else {
            "staking not paused".to_owned()
        };
        let again = if self.guardian_may_pause_at <= self.block_time {
            "the guardian may pause now".to_owned()
        } else {
            format!("the guardian may pause again from {}", fmt_time(self.guardian_may_pause_at))
        };
        let margin = match self.margin_paused {
            Some(true) => "; margin PAUSED",
            Some(false) => "; margin not paused",
            None => "",
        };
        format!(
            "{pause}; {again}; a pause lasts {}{margin}; self-bond {}% of a tier's minimum",
            fmt_duration(self.pause_duration),
            f64::from(self.self_bond_bps) / 100.0
        )
    }
}

impl<P: Provider> Client<P> {
    /// Reads the pauses.
    pub async fn pause_status(&self) -> Result<PauseStatus> {
        let staking = self.staking();
        let now = self.chain_time().await?;
        let paused_until = staking.pausedUntil().call().await?;
        let pause_duration = staking.pauseDuration().call().await?;
        // As `pause` checks it: never paused, or a full pause duration after the last pause ended.
        let guardian_may_pause_at =
            if paused_until == 0 { 0 } else { paused_until.saturating_add(pause_duration) };
        let (margin_paused, margin_paused_until) = if self.addresses.margin == Address::ZERO {
            (None, None)
        } else {
            let margin = self.margin();
            (Some(margin.paused().call().await?), Some(margin.pausedUntil().call().await?))
        };
        Ok(PauseStatus {
            block_time: now,
            staking_paused: staking.paused().call().await?,
            paused_until,
            pause_duration,
            guardian_may_pause_at,
            self_bond_bps: staking.selfBondBps().call().await?,
            margin_paused,
            margin_paused_until,
        })
    }

    /// One line when `node`'s total stake reaches a tier whose self-bond its own stake misses
    /// (the highest such tier), else `None`: a node holds a tier only while its own stake is at
    /// least `selfBondBps` of the tier's minimum, however much is delegated to it.
    pub async fn self_bond_shortfall(&self, node: Address) -> Result<Option<String>> {
        let staking = self.staking();
        let (own, total) =
            (staking.selfStake(node).call().await?, staking.nodeStake(node).call().await?);
        let mut worst: Option<(U256, String)> = None;
        for id in staking.tierIds().call().await? {
            let min = U256::from(staking.tiers(id).call().await?.minStake);
            let bond = staking.minSelfBond(id).call().await?;
            if total >= min && own < bond && worst.as_ref().is_none_or(|(b, _)| bond > *b) {
                worst = Some((bond, tier_name(id)));
            }
        }
        Ok(worst.map(|(bond, tier)| {
            format!(
                "self-bond short: {node} stakes {} on itself, below the {} tier `{tier}` asks: it does not hold `{tier}` until it stakes {} more on itself",
                fmt_era(own),
                fmt_era(bond),
                fmt_era(bond - own)
            )
        }))
    }
}
