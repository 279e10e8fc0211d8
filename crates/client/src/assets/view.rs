//! Reading assets: one asset with its open challenges and retirement, and an owner's assets
//! (from the registry's `AssetRegistered` events: it keeps no list).

use std::fmt;

use alloy::{
    primitives::{Address, B256, U256},
    providers::Provider,
    rpc::types::Filter,
    sol_types::SolEvent,
};
use era_bindings::StateAssetRegistry;
use serde::Serialize;

use super::fmt_coefficient;
use crate::{
    AssetStatus, Client, Error,
    error::Result,
    units::{fmt_era, fmt_time},
};

/// An asset as shown.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AssetView {
    /// The asset.
    pub asset_id: B256,
    /// Its owner.
    pub owner: Address,
    /// Its status by name.
    pub status: &'static str,
    /// Its schema.
    pub schema_id: B256,
    /// The schema's scenario.
    pub scenario: B256,
    /// The record's commitment.
    pub commitment: U256,
    /// The anchor stake escrowed.
    #[serde(serialize_with = "crate::wei::serialize")]
    pub stake: U256,
    /// Authorizations paid so far.
    pub uses: u32,
    /// Its coefficient now, basis points.
    pub coefficient: u32,
    /// When it was registered.
    pub registered_at: u64,
    /// The node it is pledged to (null: none).
    pub pledged_to: Option<Address>,
    /// Who has an open challenge against it (the earliest commitment first in line).
    pub challengers: Vec<Address>,
}

impl fmt::Display for AssetView {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.fmt_own(f)?;
        for c in &self.challengers {
            write!(f, "\n  challenged   by {c}")?;
        }
        Ok(())
    }
}

impl AssetView {
    /// The asset's own lines, without its challengers.
    fn fmt_own(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "asset {}", self.asset_id)?;
        writeln!(f, "  owner        {}", self.owner)?;
        writeln!(f, "  status       {}", self.status)?;
        writeln!(f, "  schema       {} (scenario {})", self.schema_id, self.scenario)?;
        writeln!(f, "  commitment   {:#066x}", self.commitment)?;
        writeln!(f, "  stake        {}", fmt_era(self.stake))?;
        writeln!(f, "  uses         {}", self.uses)?;
        writeln!(f, "  coefficient  {}", fmt_coefficient(self.coefficient))?;
        write!(f, "  registered   {}", fmt_time(self.registered_at))?;
        if let Some(node) = self.pledged_to {
            write!(f, "\n  pledged to   {node}")?;
        }
        Ok(())
    }
}

/// An open challenge as shown.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ChallengeView {
    /// Who challenges.
    pub challenger: Address,
    /// Block of its commitment: the evidence time, which orders rewards.
    pub committed_at: u64,
    /// Its bond.
    #[serde(serialize_with = "crate::wei::serialize")]
    pub bond: U256,
    /// The evidence's hash.
    pub evidence: B256,
}

/// An asset with its challenges.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Shown {
    /// The asset.
    #[serde(flatten)]
    pub asset: AssetView,
    /// When a retiring asset's anchor may leave.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub retire_at: Option<u64>,
    /// Its open challenges, earliest commitment first.
    pub challenges: Vec<ChallengeView>,
}

impl fmt::Display for Shown {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The challengers are listed below with their details.
        self.asset.fmt_own(f)?;
        if let Some(at) = self.retire_at {
            write!(f, "\n  retires      {} (anchor leaves if no challenge is open)", fmt_time(at))?;
        }
        for c in &self.challenges {
            write!(
                f,
                "\n  challenged   by {} at block {}, bond {}",
                c.challenger,
                c.committed_at,
                fmt_era(c.bond)
            )?;
        }
        Ok(())
    }
}

/// An owner's assets.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AssetList {
    /// The owner.
    pub owner: Address,
    /// Its assets, in registration order.
    pub assets: Vec<AssetView>,
}

impl fmt::Display for AssetList {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.assets.is_empty() {
            return write!(f, "{} has registered no assets", self.owner);
        }
        write!(f, "{} asset(s) of {}", self.assets.len(), self.owner)?;
        for a in &self.assets {
            write!(
                f,
                "\n  {}  {:<8} coefficient {}  uses {}",
                a.asset_id,
                a.status,
                fmt_coefficient(a.coefficient),
                a.uses
            )?;
            if let Some(node) = a.pledged_to {
                write!(f, "  pledged to {node}")?;
            }
        }
        Ok(())
    }
}

impl<P: Provider> Client<P> {
    /// Asset `id` as shown.
    pub async fn asset_view(&self, id: B256) -> Result<AssetView> {
        let registry = self.assets();
        let a = self.existing_asset(id, "").await?;
        let schema = registry.schemaOf(a.schemaId).call().await?;
        Ok(AssetView {
            asset_id: id,
            owner: a.owner,
            status: AssetStatus::name_of(a.status),
            schema_id: a.schemaId,
            scenario: schema.scenario,
            commitment: a.commitment,
            stake: U256::from(a.stake),
            uses: a.uses,
            coefficient: registry.coefficientOf(id).call().await?,
            registered_at: a.registeredAt.to::<u64>(),
            pledged_to: (!a.pledgedTo.is_zero()).then_some(a.pledgedTo),
            challengers: registry.challengersOf(id).call().await?,
        })
    }

    /// Asset `id` with its open challenges and, while it retires, when its anchor may leave.
    pub async fn show_asset(&self, id: B256) -> Result<Shown> {
        let asset = self.asset_view(id).await?;
        let registry = self.assets();
        let mut challenges = Vec::new();
        for challenger in &asset.challengers {
            let c = registry.challengeOf(id, *challenger).call().await?;
            challenges.push(ChallengeView {
                challenger: *challenger,
                committed_at: c.committedAt,
                bond: U256::from(c.bond),
                evidence: c.evidence,
            });
        }
        challenges.sort_by_key(|c| c.committed_at);
        let a = registry.assetOf(id).call().await?;
        let retire_at = (a.status == AssetStatus::Retiring as u8).then(|| a.retireAt.to::<u64>());
        Ok(Shown { asset, retire_at, challenges })
    }

    /// The assets `owner` registered since block `from_block` (the suite's deployment).
    pub async fn assets_of(&self, owner: Address, from_block: u64) -> Result<AssetList> {
        let filter = Filter::new()
            .address(self.addresses.assets)
            .from_block(from_block)
            .event_signature(StateAssetRegistry::AssetRegistered::SIGNATURE_HASH)
            .topic2(B256::left_padding_from(owner.as_slice()));
        let mut assets = Vec::new();
        for log in self.provider.get_logs(&filter).await? {
            let e = log
                .log_decode::<StateAssetRegistry::AssetRegistered>()
                .map_err(|e| Error::Rpc(e.to_string()))?;
            assets.push(self.asset_view(e.inner.data.assetId).await?);
        }
        Ok(AssetList { owner, assets })
    }
}
