//! Retiring an asset in two steps, so the anchor cannot leave ahead of a challenge:
//! `RETIRE_DELAY` between them, and none open at the end.

use std::fmt;

use alloy::{
    primitives::{Address, B256, U256},
    providers::Provider,
};
use era_bindings::StateAssetRegistry;
use serde::Serialize;

use super::pledge::require_unpledged;
use crate::{
    AssetStatus, Client, Sent,
    error::Result,
    refuse,
    tx::send,
    units::{fmt_duration, fmt_era, fmt_time},
};

/// A retirement started.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Retiring {
    /// The asset.
    pub asset_id: B256,
    /// When the anchor may leave (with no challenge open then).
    pub retire_at: u64,
    /// The anchor.
    #[serde(serialize_with = "crate::wei::serialize")]
    pub stake: U256,
    /// Wei paid to tell the mirrors the asset is retiring.
    #[serde(serialize_with = "crate::wei::serialize")]
    pub message_fee: U256,
    /// The retirement.
    pub tx: Sent,
}

impl fmt::Display for Retiring {
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

/// A completed retirement.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Retired {
    /// The asset.
    pub asset_id: B256,
    /// Its owner.
    pub owner: Address,
    /// The anchor returned to the owner.
    #[serde(serialize_with = "crate::wei::serialize")]
    pub stake: U256,
    /// The completion.
    pub tx: Sent,
}

impl fmt::Display for Retired {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "retired asset {}", self.asset_id)?;
        writeln!(f, "  anchor       {} returned to {}", fmt_era(self.stake), self.owner)?;
        write!(f, "  {}", self.tx)
    }
}

impl<P: Provider> Client<P> {
    /// As the owner, starts retiring a live `asset` (paying the messages to its mirrors).
    pub async fn retire(&self, owner: Address, asset: B256) -> Result<Retiring> {
        let a = self.owned_asset(asset, owner).await?;
        if a.status != AssetStatus::Live as u8 {
            refuse!(
                "asset {asset} is {}: only a live asset can be retired",
                AssetStatus::name_of(a.status)
            );
        }
        require_unpledged(asset, &a, "retire it")?;
        let registry = self.assets();
        // Consumer zero prices the status message to every domain the asset was exported to.
        let fee = registry.quoteMessages(asset, B256::ZERO).call().await?;
        let tx = send("retire", registry.retire(asset).value(fee)).await?;
        let e: StateAssetRegistry::RetireRequested = self.event(&tx).await?;
        Ok(Retiring {
            asset_id: asset,
            retire_at: e.retireAt.to::<u64>(),
            stake: U256::from(a.stake),
            message_fee: fee,
            tx,
        })
    }

    /// Returns a retiring asset's anchor to its owner once the delay is over and no challenge is
    /// open (anyone may send it).
    pub async fn complete_retire(&self, asset: B256) -> Result<Retired> {
        let a = self.existing_asset(asset, "").await?;
        if a.status != AssetStatus::Retiring as u8 {
            refuse!(
                "asset {asset} is {}, not retiring: its owner starts with era asset retire",
                AssetStatus::name_of(a.status)
            );
        }
        let retire_at = a.retireAt.to::<u64>();
        let now = self.chain_time().await?;
        if now < retire_at {
            refuse!(
                "asset {asset}'s anchor may leave at {}: {} left",
                fmt_time(retire_at),
                fmt_duration(retire_at - now)
            );
        }
        let registry = self.assets();
        let open = registry.challengersOf(asset).call().await?;
        if !open.is_empty() {
            let names: Vec<String> = open.iter().map(Address::to_string).collect();
            refuse!(
                "{} challenge(s) of asset {asset} are open (by {}): governance resolves them first (era asset resolve-challenge)",
                open.len(),
                names.join(", ")
            );
        }
        let tx = send("complete retire", registry.completeRetire(asset)).await?;
        let e: StateAssetRegistry::AssetRetired = self.event(&tx).await?;
        Ok(Retired { asset_id: asset, owner: a.owner, stake: e.stake, tx })
    }
}
