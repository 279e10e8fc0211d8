//! Registering a derivative: the checks before proving (the rule is enacted and its verifier
//! checks the local keys; the core asset is the caller's, live and of the rule's core schema; the
//! derivative is new), then, once the caller proved the core record against the
//! [`DerivativeRegistration`]'s binding, the registration.

use std::fmt;

use alloy::{
    primitives::{Address, B256, U256},
    providers::Provider,
};
use serde::Serialize;

use crate::{
    AssetStatus, Client, Sent,
    assets::{IVerifierKey, ProverKeys},
    error::Result,
    refuse,
    tx::send,
};

/// What a derivative registration will be, checked before proving: the proof binds these.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DerivativeRegistration {
    /// The provider: the core asset's owner.
    pub provider: Address,
    /// The rule.
    pub rule_id: B256,
    /// The rule's kind, as text.
    pub kind: String,
    /// The core asset.
    pub core_asset: B256,
    /// The core record's commitment (the proof opens it).
    pub commitment: U256,
    /// The derivative circuit (its schema id).
    pub circuit: B256,
    /// The rule's threshold, percent.
    pub threshold: u8,
    /// The artifact's content hash.
    pub artifact: B256,
    /// The derivative's id to be.
    pub derivative_id: B256,
    /// The chain the proof is for.
    pub chain_id: u64,
    /// The derivative registry the proof is for.
    pub registry: Address,
}

/// A registered derivative.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DerivativeRegistered {
    /// The derivative.
    pub derivative_id: B256,
    /// Its rule and kind.
    pub rule_id: B256,
    /// The rule's kind.
    pub kind: String,
    /// Its core asset.
    pub core_asset: B256,
    /// The artifact's content hash.
    pub artifact: B256,
    /// The threshold the proof showed.
    pub threshold: u8,
    /// The registration.
    pub tx: Sent,
}

impl fmt::Display for DerivativeRegistered {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "registered derivative {} ({})", self.derivative_id, self.kind)?;
        writeln!(f, "  core asset   {}", self.core_asset)?;
        writeln!(f, "  proven       the core record meets {}%", self.threshold)?;
        writeln!(f, "  artifact     {}", self.artifact)?;
        writeln!(f, "  rule         {}", self.rule_id)?;
        write!(f, "  {}", self.tx)
    }
}

impl<P: Provider> Client<P> {
    /// Checks that `provider` can register a derivative of `core_asset` under `rule_id` for the
    /// artifact hashed `artifact`, proved with `keys`, before any proving; nothing is sent.
    pub async fn derivative_registration(
        &self,
        provider: Address,
        rule_id: B256,
        core_asset: B256,
        artifact: B256,
        keys: ProverKeys<'_>,
    ) -> Result<DerivativeRegistration> {
        let rule = self.rule_view(rule_id).await?;
        if !rule.active {
            refuse!("rule {rule_id} is deactivated: it takes no new derivatives");
        }
        let verifier = IVerifierKey::new(rule.verifier, &self.provider);
        let circuit = verifier.SCHEMA_ID().call().await?;
        if circuit != keys.circuit {
            refuse!(
                "rule {rule_id} takes proofs of circuit {circuit}, not of `{}` ({}): use that circuit's keys",
                keys.name,
                keys.circuit
            );
        }
        let on_chain = verifier.VERIFYING_KEY_HASH().call().await?;
        if on_chain != keys.vk_hash {
            refuse!(
                "the rule's verifier {} checks key {on_chain}, but {} holds key {}: use the keys the verifier was generated from",
                rule.verifier,
                keys.dir,
                keys.vk_hash
            );
        }
        let core = self.owned_asset(core_asset, provider).await?;
        if core.status != AssetStatus::Live as u8 {
            refuse!(
                "core asset {core_asset} is {}: derivatives are registered on live assets only",
                AssetStatus::name_of(core.status)
            );
        }
        if core.schemaId != rule.core_schema {
            refuse!(
                "core asset {core_asset} is of schema {}, but rule {rule_id} is for schema {}",
                core.schemaId,
                rule.core_schema
            );
        }
        let registry = self.derivatives();
        let derivative_id = registry.derivativeIdOf(core_asset, rule_id, artifact).call().await?;
        if !registry.derivativeOf(derivative_id).call().await?.provider.is_zero() {
            refuse!(
                "derivative {derivative_id} (this core, rule and artifact) is registered already"
            );
        }
        Ok(DerivativeRegistration {
            provider,
            rule_id,
            kind: rule.kind.clone(),
            core_asset,
            commitment: core.commitment,
            circuit,
            threshold: rule.threshold,
            artifact,
            derivative_id,
            chain_id: self.chain_id().await?,
            registry: *registry.address(),
        })
    }

    /// Registers the derivative checked by `r` with its `proof`.
    pub async fn register_derivative(
        &self,
        r: &DerivativeRegistration,
        proof: [U256; 8],
    ) -> Result<DerivativeRegistered> {
        let registry = self.derivatives();
        let call = registry.registerDerivative(r.rule_id, r.core_asset, r.artifact, proof);
        let tx = send("registerDerivative", call).await?;
        Ok(DerivativeRegistered {
            derivative_id: r.derivative_id,
            rule_id: r.rule_id,
            kind: r.kind.clone(),
            core_asset: r.core_asset,
            artifact: r.artifact,
            threshold: r.threshold,
            tx,
        })
    }
}
