//! Pledging a live asset to an ERAStaking node, and ending the pledge. A pledged asset earns yield
//! on its anchor out of the node's rewards (the rewards engine counts the seconds between
//! `AssetPledged` and `AssetUnpledged`); it cannot be retired until unpledged, and the node gets
//! no power over it: the anchor stays escrowed in the registry.

use std::fmt;

use alloy::{
    primitives::{Address, B256, U256},
    providers::Provider,
};
use era_bindings::StateAssetRegistry;
use serde::Serialize;

use super::RawAsset;
use crate::{AssetStatus, Client, Sent, error::Result, refuse, tx::send, units::fmt_era};

/// A pledge made.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Pledged {
    /// The asset.
    pub asset_id: B256,
    /// Its owner.
    pub owner: Address,
    /// The node it is pledged to.
    pub node: Address,
    /// The anchor the yield is paid on (it stays escrowed in the registry).
    #[serde(serialize_with = "crate::wei::serialize")]
    pub anchor: U256,
    /// The pledge.
    pub tx: Sent,
}

impl fmt::Display for Pledged {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "pledged asset {} to node {}", self.asset_id, self.node)?;
        writeln!(
            f,
            "  anchor       {} earns yield from the node's rewards; it stays in the registry",
            fmt_era(self.anchor)
        )?;
        writeln!(f, "  end it       era asset unpledge --asset {}", self.asset_id)?;
        write!(f, "  {}", self.tx)
    }
}

/// A pledge ended.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Unpledged {
    /// The asset.
    pub asset_id: B256,
    /// Its owner.
    pub owner: Address,
    /// The node it was pledged to.
    pub node: Address,
    /// The unpledge.
    pub tx: Sent,
}

impl fmt::Display for Unpledged {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "unpledged asset {} from node {}: its yield stops now",
            self.asset_id, self.node
        )?;
        write!(f, "  {}", self.tx)
    }
}

/// Refuses an asset pledged to a node: `then` is what the owner may do after unpledging.
pub(super) fn require_unpledged(asset_id: B256, asset: &RawAsset, then: &str) -> Result<()> {
    if !asset.pledgedTo.is_zero() {
        refuse!(
            "asset {asset_id} is pledged to {}: era asset unpledge --asset {asset_id}, then {then}",
            asset.pledgedTo
        );
    }
    Ok(())
}

impl<P: Provider> Client<P> {
    /// As the owner, pledges a live, unpledged `asset` to `node`, a node registered in ERAStaking.
    pub async fn pledge(&self, owner: Address, asset: B256, node: Address) -> Result<Pledged> {
        let a = self.owned_asset(asset, owner).await?;
        if a.status != AssetStatus::Live as u8 {
            refuse!(
                "asset {asset} is {}: only a live asset can be pledged",
                AssetStatus::name_of(a.status)
            );
        }
        require_unpledged(asset, &a, "pledge it again")?;
        if !self.staking().isNode(node).call().await? {
            refuse!("{node} is not a node registered in ERAStaking: `era status` lists the nodes");
        }
        let registry = self.assets();
        if registry.paused().call().await? {
            refuse!(
                "the registry is paused by its guardian: pledges are refused until it is unpaused"
            );
        }
        let tx = send("pledge", registry.pledge(asset, node)).await?;
        let e: StateAssetRegistry::AssetPledged = self.event(&tx).await?;
        Ok(Pledged { asset_id: asset, owner, node, anchor: e.anchor, tx })
    }

    /// As the owner, ends the pledge of `asset` (even while the registry is paused).
    pub async fn unpledge(&self, owner: Address, asset: B256) -> Result<Unpledged> {
        let a = self.owned_asset(asset, owner).await?;
        if a.pledgedTo.is_zero() {
            refuse!("asset {asset} is pledged to no node: nothing to unpledge");
        }
        let tx = send("unpledge", self.assets().unpledge(asset)).await?;
        let e: StateAssetRegistry::AssetUnpledged = self.event(&tx).await?;
        Ok(Unpledged { asset_id: asset, owner, node: e.node, tx })
    }
}
