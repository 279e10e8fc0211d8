//! Governance of assets, scheduled on the timelock: a schema (a circuit's verifier for a
//! scenario, its coefficients and fee). Where exports go, and whom a destination trusts, is the
//! weaving's governance (`era weave route|trust`).

use std::fmt;

use alloy::{
    primitives::{Address, B256, U256, Uint},
    providers::Provider,
    sol_types::SolCall,
};
use era_bindings::StateAssetRegistry;
use serde::Serialize;

use super::{IVerifierKey, fmt_coefficient, scenario_key, schema_id};
use crate::{
    Client, Error, Operation, Sent,
    constants::StateAssetRegistry::{
        COEFFICIENT_ONE, DEVELOPER_REWARD, MAX_COEFFICIENT, MAX_OWNER_REWARD,
    },
    error::Result,
    refuse,
    timelock::fmt_scheduled,
    units::fmt_era,
};

/// A scheduled governance change of assets.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Scheduled {
    /// What it changes.
    pub what: String,
    /// The schema id (for `era asset schema`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub schema_id: Option<B256>,
    /// The timelock operation.
    pub operation: Operation,
    /// The scheduling transaction.
    pub tx: Sent,
}

impl fmt::Display for Scheduled {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "scheduled {}", self.what)?;
        if let Some(id) = self.schema_id {
            writeln!(f, "  schema       {id}")?;
        }
        fmt_scheduled(f, &self.operation)?;
        write!(f, "  tx           {}", self.tx.tx_hash)
    }
}

/// A schema to propose: a circuit's verifier for a scenario, the developer it pays, the
/// coefficients of its assets and the fee of an authorization.
#[derive(Clone, Debug)]
pub struct NewSchema {
    /// The circuit's generated verifier.
    pub verifier: Address,
    /// The scenario: a bytes32 or a name ([`scenario_key`]).
    pub scenario: String,
    /// The scenario developer.
    pub developer: Address,
    /// The coefficient of a new asset, basis points.
    pub coefficient: u32,
    /// The bound it approaches with use; default: one more, at most the registry's maximum.
    pub max_coefficient: Option<u32>,
    /// The fee of an authorization, wei.
    pub fee: U256,
}

impl<P: Provider> Client<P> {
    /// Proposes one call of governance (`from_block`: the suite's deployment, see
    /// [`Client::propose`]).
    pub(super) async fn schedule(
        &self,
        sender: Address,
        (target, call): (Address, impl SolCall),
        what: String,
        from_block: u64,
    ) -> Result<Scheduled> {
        let calls = vec![(target, call.abi_encode().into())];
        let (operation, tx) = self.propose(sender, calls, from_block).await?;
        Ok(Scheduled { what, schema_id: None, operation, tx })
    }

    /// Schedules `schema` (refused when the registry would refuse it, or its verifier is not a
    /// generated Groth16 verifier).
    pub async fn schedule_schema(
        &self,
        sender: Address,
        schema: &NewSchema,
        from_block: u64,
    ) -> Result<Scheduled> {
        let NewSchema { verifier, developer, coefficient, fee, .. } = *schema;
        let scenario = schema.scenario.as_str();
        let max =
            schema.max_coefficient.unwrap_or((coefficient + COEFFICIENT_ONE).min(MAX_COEFFICIENT));
        if max < coefficient {
            refuse!(
                "--max-coefficient is below --coefficient: the coefficient only rises with use"
            );
        }
        let minimum = MAX_OWNER_REWARD + DEVELOPER_REWARD;
        if fee < minimum {
            refuse!(
                "--fee {} cannot pay the owner's {} and the developer's {}: at least {}",
                fmt_era(fee),
                fmt_era(MAX_OWNER_REWARD),
                fmt_era(DEVELOPER_REWARD),
                fmt_era(minimum)
            );
        }
        let fee96 = u128::try_from(fee).ok().and_then(|f| Uint::<96, 2>::try_from(f).ok());
        let Some(fee96) = fee96 else { refuse!("--fee is too large") };
        if self.provider.get_code_at(verifier).await?.is_empty() {
            refuse!(
                "--verifier {verifier} has no contract on chain {}: deploy it with `era verifier deploy`",
                self.chain_id().await?
            );
        }
        let circuit =
            IVerifierKey::new(verifier, &self.provider).SCHEMA_ID().call().await.map_err(|_| {
                Error::Refused(format!(
                    "--verifier {verifier} is not a generated Groth16 verifier (no SCHEMA_ID)"
                ))
            })?;
        let key = scenario_key(scenario);
        let call = StateAssetRegistry::setSchemaCall {
            verifier,
            scenario: key,
            developer,
            baseCoefficient: coefficient,
            maxCoefficient: max,
            fee: fee96,
        };
        let what = format!(
            "schema for scenario `{scenario}`: coefficient {} (max {}), fee {}",
            fmt_coefficient(coefficient),
            fmt_coefficient(max),
            fmt_era(fee)
        );
        let scheduled = self.schedule(sender, (self.addresses.assets, call), what, from_block);
        Ok(Scheduled { schema_id: Some(schema_id(circuit, key)), ..scheduled.await? })
    }
}
