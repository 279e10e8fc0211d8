//! Whether a consumer is authorized (on this chain's registry, or by the asset units this chain's
//! `UnitReceiver` keeps from other rollups' registries), and exporting an authorization as an
//! asset unit through the unit sender.

use std::fmt;

use alloy::{
    primitives::{Address, B256},
    providers::Provider,
};
use era_bindings::StateAssetRegistry;
use serde::Serialize;

use super::fmt_coefficient;
use crate::{Client, Sent, error::Result, refuse, tx::send, units::fmt_time, weave::Fact};

/// Whether a consumer is authorized.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Checked {
    /// The asset.
    pub asset_id: B256,
    /// The consumer.
    pub consumer: B256,
    /// The answer.
    pub authorized: bool,
    /// Expiry on record (zero: none or revoked).
    pub expiry: u64,
    /// `registry`, or `receiver` (units from other rollups).
    pub source: &'static str,
    /// The contract asked.
    pub contract: Address,
}

impl fmt::Display for Checked {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let verdict = if self.authorized { "authorized" } else { "NOT authorized" };
        write!(
            f,
            "{} is {verdict} on asset {} ({} {}",
            self.consumer, self.asset_id, self.source, self.contract
        )?;
        if self.expiry != 0 {
            write!(f, ", expiry {}", fmt_time(self.expiry))?;
        }
        write!(f, ")")
    }
}

/// A dispatched export.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Exported {
    /// The asset.
    pub asset_id: B256,
    /// The consumer.
    pub consumer: B256,
    /// The destination domain.
    pub domain: u32,
    /// The mailbox message (`era weave relay` delivers it).
    pub message_id: B256,
    /// The expiry sent (zero: revoked).
    pub expiry: u64,
    /// The asset's coefficient sent.
    pub coefficient: u32,
    /// The export's sequence number for this asset and consumer.
    pub sequence: u64,
    /// The export.
    pub tx: Sent,
}

impl fmt::Display for Exported {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "exported {} on asset {} to domain {}",
            self.consumer, self.asset_id, self.domain
        )?;
        writeln!(f, "  message      {} (deliver it with era weave relay)", self.message_id)?;
        let expiry = if self.expiry == 0 { "none (revoked)".into() } else { fmt_time(self.expiry) };
        writeln!(f, "  expiry       {expiry}")?;
        writeln!(f, "  coefficient  {}", fmt_coefficient(self.coefficient))?;
        writeln!(f, "  sequence     {}", self.sequence)?;
        write!(f, "  {}", self.tx)
    }
}

impl<P: Provider> Client<P> {
    /// Whether `consumer` is authorized on `asset` now, by this chain's registry.
    pub async fn check_registry(&self, asset: B256, consumer: B256) -> Result<Checked> {
        let registry = self.assets();
        Ok(Checked {
            asset_id: asset,
            consumer,
            authorized: registry.isAuthorized(asset, consumer).call().await?,
            expiry: registry.grantOf(asset, consumer).call().await?._0.expiry,
            source: "registry",
            contract: *registry.address(),
        })
    }

    /// Whether `consumer` is authorized on `asset` now, by the asset units this chain's receiver
    /// keeps (authorizations exported from other rollups; `origin` is not needed: asset ids
    /// carry their registry's chain).
    pub async fn check_received(&self, asset: B256, consumer: B256) -> Result<Checked> {
        let view = self.unit_view(&Fact::Asset { asset, consumer }, 0).await?;
        Ok(Checked {
            asset_id: asset,
            consumer,
            authorized: view.holds,
            expiry: view.unit.expiry,
            source: "receiver",
            contract: self.addresses.unit_receiver,
        })
    }

    /// Sends `consumer`'s authorization on `asset` (or its absence) to the mirror of domain `to`.
    pub async fn export(&self, asset: B256, consumer: B256, to: u32) -> Result<Exported> {
        let registry = self.assets();
        let sender = self.unit_sender();
        if sender.mailbox().call().await?.is_zero() {
            refuse!(
                "the unit sender on chain {} has no mailbox: it cannot export (era deploy --mailbox)",
                self.chain_id().await?
            );
        }
        if sender.routes(to).call().await?.is_zero() {
            refuse!(
                "no route is enrolled for domain {to}: governance adds it with `era weave route`"
            );
        }
        self.existing_asset(asset, "").await?;
        let tx = send("export", registry.export(asset, consumer, to)).await?;
        let e: StateAssetRegistry::AuthorizationExported = self.event(&tx).await?;
        Ok(Exported {
            asset_id: asset,
            consumer,
            domain: to,
            message_id: e.messageId,
            expiry: e.expiry,
            coefficient: e.coefficient,
            sequence: e.sequence,
            tx,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_check_says_no_loudly_and_names_what_it_asked() {
        let contract = Address::repeat_byte(9);
        let mut checked = Checked {
            asset_id: B256::repeat_byte(1),
            consumer: B256::repeat_byte(2),
            authorized: false,
            expiry: 0,
            source: "receiver",
            contract,
        };
        let no = checked.to_string();
        assert!(no.contains(" is NOT authorized on asset "), "{no}");
        assert!(no.ends_with(&format!("(receiver {contract})")), "{no}");
        checked.authorized = true;
        checked.expiry = 86_400;
        assert!(checked.to_string().ends_with(", expiry 1970-01-02T00:00:00Z)"));
    }
}
