//! Whether a consumer is authorized (on this chain's registry, or on its mirror of other
//! rollups' registries), and exporting an authorization to a mirror through the mailbox.

use std::fmt;

use alloy::{
    primitives::{Address, B256},
    providers::Provider,
};
use era_bindings::StateAssetRegistry;
use serde::Serialize;

use super::fmt_coefficient;
use crate::{Client, Sent, error::Result, refuse, tx::send, units::fmt_time};

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
    /// `registry` or `mirror`.
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
    /// The mailbox message (`era relay` delivers it).
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
        writeln!(f, "  message      {} (deliver it with era relay)", self.message_id)?;
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

    /// Whether `consumer` is authorized on `asset` now, by this chain's mirror (authorizations
    /// exported from other rollups).
    pub async fn check_mirror(&self, asset: B256, consumer: B256) -> Result<Checked> {
        let mirror = self.mirror();
        if mirror.address().is_zero() {
            refuse!(
                "chain {} has no AssetMirror: deploy the suite with `era deploy --mailbox`",
                self.chain_id().await?
            );
        }
        let m = mirror.mirrored(asset, consumer).call().await?;
        Ok(Checked {
            asset_id: asset,
            consumer,
            authorized: mirror.isAuthorized(asset, consumer).call().await?,
            expiry: m.expiry,
            source: "mirror",
            contract: *mirror.address(),
        })
    }

    /// Sends `consumer`'s authorization on `asset` (or its absence) to the mirror of domain `to`.
    pub async fn export(&self, asset: B256, consumer: B256, to: u32) -> Result<Exported> {
        let registry = self.assets();
        if registry.mailbox().call().await?.is_zero() {
            refuse!(
                "the registry on chain {} has no mailbox: it cannot export (era deploy --mailbox)",
                self.chain_id().await?
            );
        }
        if registry.remotes(to).call().await?.is_zero() {
            refuse!(
                "no mirror is enrolled for domain {to}: governance adds it with `era asset remote`"
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
            source: "mirror",
            contract,
        };
        let no = checked.to_string();
        assert!(no.contains(" is NOT authorized on asset "), "{no}");
        assert!(no.ends_with(&format!("(mirror {contract})")), "{no}");
        checked.authorized = true;
        checked.expiry = 86_400;
        assert!(checked.to_string().ends_with(", expiry 1970-01-02T00:00:00Z)"));
    }
}
