//! The runner's state assets (see [`crate::assets`]): at setup a verifier of the dev keys, a
//! schema per `[[assets]]` through governance, and each owner's proved registration; at `at`
//! the owners' paid authorizations. All through the client calls `era verifier deploy`,
//! `era asset schema`, `era asset register` and `era asset authorize` make.

use alloy::primitives::B256;
use era_client::{
    assets::{NewSchema, ProverKeys},
    constants::StateAssetRegistry::COEFFICIENT_ONE,
};
use era_prover::Binding;

use super::{RunError, Runner};
use crate::{
    accounts::{Actor, address},
    assets::Prover,
    sender,
};

alloy::sol!(
    #[sol(rpc)]
    OnTimeVerifier,
    "../../out/OnTimeVerifier.sol/OnTimeVerifier.json"
);

/// Where the keys are, as a refusal names them.
const DEV_KEYS: &str = "era-prover's dev keys (era-dev)";

impl Runner<'_> {
    /// Deploys the verifier, adds each `[[assets]]` schema and registers its owners' assets.
    pub(super) async fn register_assets(&mut self) -> Result<(), RunError> {
        let plan = self.plan;
        if plan.assets.is_empty() {
            return Ok(());
        }
        let prover = Prover::dev().map_err(|e| RunError::Chain(format!("dev keys: {e}")))?;
        self.acting.set(self.suite.deployer);
        let code = OnTimeVerifier::BYTECODE.clone();
        let deployed =
            era_client::deploy_verifier(&sender::provider(&self.chain, &self.acting), code).await;
        let Some((verifier, _)) = self.tally("deployVerifier", deployed)? else { return Ok(()) };
        let proposer = self.suite.config.proposer;
        let mut owner = 0u32;
        for a in &plan.assets {
            let name = a.scenario.get_ref();
            let k = plan.scenarios.iter().position(|s| s.name.get_ref() == name).unwrap_or(0);
            let schema = NewSchema {
                verifier,
                scenario: name.clone(),
                developer: address(Actor::Developer, k as u32),
                coefficient: COEFFICIENT_ONE,
                max_coefficient: None,
                fee: a.fee_wei(),
            };
            let from = self.block();
            let scheduled = self.as_(proposer).schedule_schema(proposer, &schema, from).await;
            if let Some(s) = self.tally("assetSchema", scheduled)? {
                self.govern_now("execute", &s.operation).await?;
            }
            let mut registered = Vec::new();
            let anchor = (self.suite.config.anchor_stake / era_client::ERA).saturating_to::<u64>();
            let fees = u64::from(a.consumers) * a.fee.get_ref().ceil() as u64;
            for _ in 0..a.owners {
                if self.stopped() {
                    return Ok(());
                }
                let account = address(Actor::Owner, owner);
                self.give(account, anchor + fees + 1)?;
                let keys = ProverKeys {
                    name: &prover.schema.name,
                    circuit: prover.schema.id(),
                    vk_hash: prover.vk_hash,
                    dir: DEV_KEYS,
                };
                let checked = self.as_(account).registration(account, name, keys).await;
                // The checks before proving send nothing: only a refusal is counted (a register).
                let r = match checked {
                    Ok(r) => r,
                    Err(refused) => {
                        self.tally::<()>("register", Err(refused))?;
                        owner += 1;
                        continue;
                    }
                };
                let binding = Binding {
                    subject: account,
                    scenario: r.scenario,
                    schema: r.circuit,
                    chain_id: r.chain_id,
                    registry: r.registry,
                };
                let bundle = prover
                    .prove(owner, &binding)
                    .map_err(|e| RunError::Chain(format!("proving: {e}")))?;
                *self.report.actions.entry("prove".into()).or_default() += 1;
                let sent =
                    self.as_(account).register(&r, bundle.public_inputs[0], bundle.proof).await;
                if let Some(asset) = self.tally("register", sent)? {
                    self.flow("anchored", asset.stake);
                    registered.push((account, asset.asset_id));
                }
                owner += 1;
            }
            self.assets.push(registered);
        }
        Ok(())
    }

    /// `plan.assets[k]`'s authorizations: each owner authorizes its consumers, paying the fee.
    pub(super) async fn authorize(&mut self, k: usize) -> Result<(), RunError> {
        let a = &self.plan.assets[k];
        let Some(assets) = self.assets.get(k).cloned() else { return Ok(()) };
        for (owner, asset) in assets {
            for c in 0..a.consumers {
                if self.stopped() {
                    return Ok(());
                }
                let consumer = B256::left_padding_from(address(Actor::Consumer, c).as_slice());
                let period = *a.period.get_ref();
                let paid = self.as_(owner).authorize(owner, asset, consumer, period).await;
                if let Some(auth) = self.tally("authorize", paid)? {
                    self.flow("fees", auth.fee);
                }
            }
        }
        Ok(())
    }
}
