//! Registering an asset: the checks before proving (the schema exists and is active, its
//! verifier checks the local keys, the owner has no asset for it yet, the anchor stake is there),
//! then, once the caller proved the record against the [`Registration`]'s binding, the anchor
//! stake and the registration.

use std::fmt;

use alloy::{
    primitives::{Address, B256, U256},
    providers::Provider,
};
use serde::Serialize;

use super::{IVerifierKey, fmt_coefficient, scenario_key, schema_id};
use crate::{Client, Sent, error::Result, refuse, tx::send, units::fmt_era};

/// What a registration will be, checked before proving: the proof binds these.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Registration {
    /// The owner (the proof's subject).
    pub owner: Address,
    /// The scenario's key.
    pub scenario: B256,
    /// The circuit (the schema's id in the prover).
    pub circuit: B256,
    /// The registry's schema id.
    pub schema_id: B256,
    /// The asset's id to be.
    pub asset_id: B256,
    /// The anchor stake it escrows.
    pub stake: U256,
    /// The coefficient of a new asset of the schema.
    pub coefficient: u32,
    /// The chain the proof is for.
    pub chain_id: u64,
    /// The registry the proof is for.
    pub registry: Address,
}

/// A registered asset.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Registered {
    /// The asset.
    pub asset_id: B256,
    /// Its owner.
    pub owner: Address,
    /// Its schema.
    pub schema_id: B256,
    /// The record's commitment.
    pub commitment: U256,
    /// The anchor stake escrowed.
    #[serde(serialize_with = "crate::wei::serialize")]
    pub stake: U256,
    /// Its coefficient, basis points.
    pub coefficient: u32,
    /// The approval (if one was needed) and the registration.
    pub transactions: Vec<Sent>,
}

impl fmt::Display for Registered {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "registered asset {}", self.asset_id)?;
        writeln!(f, "  owner        {}", self.owner)?;
        writeln!(f, "  schema       {}", self.schema_id)?;
        writeln!(f, "  commitment   {:#066x}", self.commitment)?;
        writeln!(f, "  stake        {} escrowed", fmt_era(self.stake))?;
        write!(f, "  coefficient  {}", fmt_coefficient(self.coefficient))?;
        for tx in &self.transactions {
            write!(f, "\n  {tx}")?;
        }
        Ok(())
    }
}

/// The keys a record is proved with, as the registry's checks name them.
#[derive(Clone, Copy, Debug)]
pub struct ProverKeys<'a> {
    /// The circuit's name (`on-time`).
    pub name: &'a str,
    /// The circuit's id.
    pub circuit: B256,
    /// The verifying key's hash.
    pub vk_hash: B256,
    /// Where the keys are (for the refusal when they differ from the verifier's).
    pub dir: &'a str,
}

impl<P: Provider> Client<P> {
    /// Checks that `owner` can register an asset of `scenario` proved with `keys`, before any
    /// proving; nothing is sent.
    pub async fn registration(
        &self,
        owner: Address,
        scenario: &str,
        keys: ProverKeys<'_>,
    ) -> Result<Registration> {
        let registry = self.assets();
        let chain_id = self.chain_id().await?;
        let key = scenario_key(scenario);
        let id = schema_id(keys.circuit, key);
        let schema = registry.schemaOf(id).call().await?;
        if schema.verifier.is_zero() {
            refuse!(
                "no schema for circuit `{}` and scenario `{scenario}` on chain {chain_id}: governance adds it with `era asset schema`",
                keys.name
            );
        }
        if !schema.active {
            refuse!("schema {id} is deactivated by governance: it takes no new assets");
        }
        let on_chain =
            IVerifierKey::new(schema.verifier, &self.provider).VERIFYING_KEY_HASH().call().await?;
        if on_chain != keys.vk_hash {
            refuse!(
                "the schema's verifier {} checks key {on_chain}, but {} holds key {}: use the keys the verifier was generated from",
                schema.verifier,
                keys.dir,
                keys.vk_hash
            );
        }
        let asset_id = registry.assetIdOf(owner, id).call().await?;
        if registry.assetOf(asset_id).call().await?.status != 0 {
            refuse!(
                "{owner} already registered asset {asset_id} for this scenario and circuit (era asset show --asset {asset_id})"
            );
        }
        if registry.paused().call().await? {
            refuse!(
                "the registry is paused by its guardian: registrations are refused until it is unpaused"
            );
        }
        let stake = registry.anchorStake().call().await?;
        let balance = self.era().balanceOf(owner).call().await?;
        if balance < stake {
            refuse!(
                "{owner} holds {} but the anchor stake is {}: get ERA first",
                fmt_era(balance),
                fmt_era(stake)
            );
        }
        Ok(Registration {
            owner,
            scenario: key,
            circuit: keys.circuit,
            schema_id: id,
            asset_id,
            stake,
            coefficient: schema.baseCoefficient,
            chain_id,
            registry: *registry.address(),
        })
    }

    /// Escrows the anchor stake and registers the proved `commitment`.
    pub async fn register(
        &self,
        r: &Registration,
        commitment: U256,
        proof: [U256; 8],
    ) -> Result<Registered> {
        let mut transactions = Vec::new();
        transactions.extend(self.pay_registry(r.owner, r.stake, "anchor stake").await?);
        let registry = self.assets();
        let call = registry.register(r.schema_id, commitment, proof);
        transactions.push(send("register", call).await?);
        Ok(Registered {
            asset_id: r.asset_id,
            owner: r.owner,
            schema_id: r.schema_id,
            commitment,
            stake: r.stake,
            coefficient: r.coefficient,
            transactions,
        })
    }
}
