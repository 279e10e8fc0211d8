//! `era asset retire` and `era asset complete-retire`: retirement in two steps, so the anchor
//! cannot leave ahead of a challenge (`RETIRE_DELAY` between them, and none open at the end).

use std::fmt;

use alloy::primitives::{Address, B256, U256};
use clap::Args;
use era_bindings::StateAssetRegistry;
use eyre::{Result, bail};
use serde::Serialize;

use super::{AssetStatus, event, owned_asset, receipt, status_name};
use crate::{
    amount::{fmt_duration, fmt_era, fmt_time},
    output::print,
    suite::SendArgs,
    timelock::chain_time,
    tx::{Sent, send},
};

/// `era asset retire` / `era asset complete-retire`.
#[derive(Debug, Args)]
pub(super) struct RetireArgs {
    /// The asset id.
    #[arg(long)]
    asset: B256,
    #[command(flatten)]
    tx: SendArgs,
}

/// A retirement started.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct RetireOutput {
    asset_id: B256,
    /// When the anchor may leave (with no challenge open then).
    retire_at: u64,
    #[serde(serialize_with = "era_client::wei::serialize")]
    stake: U256,
    /// Wei paid to tell the mirrors the asset is retiring.
    #[serde(serialize_with = "era_client::wei::serialize")]
    message_fee: U256,
    tx: Sent,
}

impl fmt::Display for RetireOutput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "retiring asset {}: it passes no check any more (sent to every rollup it was exported to)",
            self.asset_id
        )?;
        writeln!(
            f,
            "  anchor       {} may leave from {} if no challenge is open then",
            fmt_era(self.stake),
            fmt_time(self.retire_at)
        )?;
        writeln!(f, "  then         era asset complete-retire --asset {}", self.asset_id)?;
        write!(f, "  {}", self.tx)
    }
}

impl RetireArgs {
    /// `era asset retire`.
    pub(super) async fn retire(self) -> Result<()> {
        let (suite, sender) = self.tx.open().await?;
        let a = owned_asset(&suite, self.asset, sender).await?;
        if a.status != AssetStatus::Live as u8 {
            bail!(
                "asset {} is {}: only a live asset can be retired",
                self.asset,
                status_name(a.status)
            );
        }
        let registry = suite.assets();
        // Consumer zero prices the status message to every domain the asset was exported to.
        let fee = registry.quoteMessages(self.asset, B256::ZERO).call().await?;
        let tx = send("retire", registry.retire(self.asset).value(fee)).await?;
        let e: StateAssetRegistry::RetireRequested = event(&receipt(&suite, &tx).await?)?;
        let out = RetireOutput {
            asset_id: self.asset,
            retire_at: e.retireAt.to::<u64>(),
            stake: U256::from(a.stake),
            message_fee: fee,
            tx,
        };
        print(&out, self.tx.json)
    }

    /// `era asset complete-retire` (anyone may send it; the anchor goes to the owner).
    pub(super) async fn complete(self) -> Result<()> {
        let (suite, _) = self.tx.open().await?;
        let registry = suite.assets();
        let a = registry.assetOf(self.asset).call().await?;
        if a.owner.is_zero() {
            bail!("no asset {} on chain {}", self.asset, suite.chain.id);
        }
        if a.status != AssetStatus::Retiring as u8 {
            bail!(
                "asset {} is {}, not retiring: its owner starts with era asset retire",
                self.asset,
                status_name(a.status)
            );
        }
        let retire_at = a.retireAt.to::<u64>();
        let now = chain_time(&suite.chain).await?;
        if now < retire_at {
            bail!(
                "asset {}'s anchor may leave at {}: {} left",
                self.asset,
                fmt_time(retire_at),
                fmt_duration(retire_at - now)
            );
        }
        let open = registry.challengersOf(self.asset).call().await?;
        if !open.is_empty() {
            bail!(
                "{} challenge(s) of asset {} are open (by {}): governance resolves them first (era asset resolve-challenge)",
                open.len(),
                self.asset,
                open.iter().map(Address::to_string).collect::<Vec<_>>().join(", ")
            );
        }
        let tx = send("complete retire", registry.completeRetire(self.asset)).await?;
        let e: StateAssetRegistry::AssetRetired = event(&receipt(&suite, &tx).await?)?;
        let out = CompleteOutput { asset_id: self.asset, owner: a.owner, stake: e.stake, tx };
        print(&out, self.tx.json)
    }
}

/// A completed retirement.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct CompleteOutput {
    asset_id: B256,
    owner: Address,
    /// The anchor returned to the owner.
    #[serde(serialize_with = "era_client::wei::serialize")]
    stake: U256,
    tx: Sent,
}

impl fmt::Display for CompleteOutput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "retired asset {}", self.asset_id)?;
        writeln!(f, "  anchor       {} returned to {}", fmt_era(self.stake), self.owner)?;
        write!(f, "  {}", self.tx)
    }
}
