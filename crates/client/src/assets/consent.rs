//! An owner's signed consent (EIP-712 `Authorization`) that a consumer submits and pays for, and
//! its cancellation. Consent nonces are unordered (a Permit2-style bitmap): each consent takes a
//! random-looking one, so an unused consent never blocks a later one, and cancelling one
//! invalidates its bit (`invalidateNonces`).

use std::fmt;

use alloy::{
    primitives::{Address, B256, Bytes, Signature, U256, keccak256},
    providers::Provider,
    sol_types::SolValue,
};
use serde::{Deserialize, Serialize};

use super::{check_period, require_live};
use crate::{Client, Error, Sent, error::Result, refuse, tx::send, units::fmt_time};

/// An owner's signed consent, as `era asset consent` writes it and `era asset pay` reads it.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Consent {
    /// The chain of the registry.
    pub chain_id: u64,
    /// The registry.
    pub registry: Address,
    /// The asset.
    pub asset_id: B256,
    /// The consumer.
    pub consumer: B256,
    /// Until when the authorization would last.
    pub expiry: u64,
    /// Its unordered nonce.
    pub nonce: U256,
    /// Until when the consumer may use it.
    pub deadline: u64,
    /// The owner's signature of the registry's `consentDigest`.
    pub signature: Bytes,
}

impl fmt::Display for Consent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "consent for {} on asset {}", self.consumer, self.asset_id)?;
        writeln!(f, "  until        {}", fmt_time(self.expiry))?;
        write!(
            f,
            "  usable until {} (then: era asset pay --consent <file>)",
            fmt_time(self.deadline)
        )
    }
}

/// A cancelled consent nonce.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ConsentCancelled {
    /// Whose nonce.
    pub owner: Address,
    /// The nonce.
    #[serde(serialize_with = "crate::wei::serialize")]
    pub nonce: U256,
    /// Bitmap word sent to `invalidateNonces`.
    #[serde(serialize_with = "crate::wei::serialize")]
    pub word: U256,
    /// Bitmap mask sent with it.
    pub mask: U256,
    /// The cancellation.
    pub tx: Sent,
}

impl fmt::Display for ConsentCancelled {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "cancelled {}'s consent nonce {}: a consent signed with it can no longer pay",
            self.owner, self.nonce
        )?;
        write!(f, "  {}", self.tx)
    }
}

impl<P: Provider> Client<P> {
    /// As `owner`, consents to `consumer`'s authorization on `asset` for `period` seconds, usable
    /// for `valid` seconds; `sign` signs the registry's digest with the owner's key. Nothing is
    /// sent.
    pub async fn consent<E: fmt::Display>(
        &self,
        owner: Address,
        asset: B256,
        consumer: B256,
        (period, valid): (u64, u64),
        sign: impl FnOnce(B256) -> Result<Signature, E>,
    ) -> Result<Consent> {
        check_period(period)?;
        let a = self.owned_asset(asset, owner).await?;
        require_live(asset, &a)?;
        let now = self.chain_time().await?;
        let (expiry, deadline) = (now + period, now + valid);
        let nonce = self.fresh_nonce(owner, asset, consumer).await?;
        let registry = self.assets();
        let digest = registry
            .consentDigest(asset, consumer, expiry, nonce, U256::from(deadline))
            .call()
            .await?;
        let signature = sign(digest).map_err(|e| Error::Rpc(e.to_string()))?;
        Ok(Consent {
            chain_id: self.chain_id().await?,
            registry: *registry.address(),
            asset_id: asset,
            consumer,
            expiry,
            nonce,
            deadline,
            signature: signature.as_bytes().to_vec().into(),
        })
    }

    /// Refuses a consent made for another chain's registry.
    pub(super) async fn check_consent(&self, consent: &Consent) -> Result<()> {
        let registry = self.addresses.assets;
        if consent.chain_id != self.chain_id().await? || consent.registry != registry {
            refuse!(
                "the consent is for registry {} on chain {}, not this chain's {registry}",
                consent.registry,
                consent.chain_id
            );
        }
        Ok(())
    }

    /// As `owner`, withdraws `consent` (it must be the owner's, for this chain's registry).
    pub async fn cancel_consent(
        &self,
        owner: Address,
        consent: &Consent,
    ) -> Result<ConsentCancelled> {
        self.check_consent(consent).await?;
        // Nonces are the owner's: only the owner's key can spend or cancel one.
        let signer = self.assets().assetOf(consent.asset_id).call().await?.owner;
        if signer != owner {
            refuse!(
                "the consent is signed by {signer}, the owner of asset {}, not {owner}: use the owner's key",
                consent.asset_id
            );
        }
        self.cancel_nonce(owner, consent.nonce).await
    }

    /// As `owner`, invalidates consent nonce `nonce`.
    pub async fn cancel_nonce(&self, owner: Address, nonce: U256) -> Result<ConsentCancelled> {
        if self.nonce_used(owner, nonce).await? {
            refuse!(
                "{owner}'s consent nonce {nonce} is used or cancelled already: nothing to cancel"
            );
        }
        let word = nonce >> 8;
        let mask = U256::from(1) << (nonce & U256::from(0xff)).to::<usize>();
        let registry = self.assets();
        let tx = send("cancel consent", registry.invalidateNonces(word, mask)).await?;
        Ok(ConsentCancelled { owner, nonce, word, mask, tx })
    }

    /// An unused consent nonce of `owner`.
    async fn fresh_nonce(&self, owner: Address, asset: B256, consumer: B256) -> Result<U256> {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or_default();
        let mut seed = keccak256((owner, asset, consumer, U256::from(nanos)).abi_encode());
        loop {
            let nonce = U256::from_be_bytes(seed.0);
            if !self.nonce_used(owner, nonce).await? {
                return Ok(nonce);
            }
            seed = keccak256(seed);
        }
    }

    /// Whether `owner` used (or invalidated) consent nonce `nonce`.
    pub(super) async fn nonce_used(&self, owner: Address, nonce: U256) -> Result<bool> {
        let bitmap = self.assets().nonceBitmap(owner, nonce >> 8).call().await?;
        Ok(bitmap.bit((nonce & U256::from(0xff)).to::<usize>()))
    }
}
