//! `era derivative register`: prove that a core asset's private record meets a rule's threshold
//! and register the derivative, bound to its artifact's content hash. The record never leaves this
//! machine: the client checks what the registry would refuse before proving, `era_prover` proves
//! here against the core asset's commitment, and only the proof is sent.

use std::path::PathBuf;

use alloy::primitives::{B256, keccak256};
use clap::Args;
use era_client::assets::ProverKeys;
use era_prover::{DerivativeBinding, KeyInfo};
use eyre::{Result, WrapErr, bail};

use super::id;
use crate::{
    output::{print, progress},
    prover::KeyLocation,
    suite::SendArgs,
};

/// `era derivative register`.
#[derive(Debug, Args)]
pub(crate) struct RegisterArgs {
    /// The derivative circuit's keys (`--schema timeliness`).
    #[command(flatten)]
    keys: KeyLocation,
    /// The rule (its id, from `era derivative proposal`).
    #[arg(long, value_parser = id)]
    rule: B256,
    /// The core asset (yours, live).
    #[arg(long, value_parser = id)]
    core: B256,
    /// The core asset's private record (the JSON it was registered from). It never leaves this
    /// machine.
    #[arg(long)]
    record: PathBuf,
    /// The derivative's artifact (a plan, a model): its keccak256 is bound to the derivative.
    #[arg(long)]
    artifact: PathBuf,
    #[command(flatten)]
    tx: SendArgs,
}

impl RegisterArgs {
    pub(super) async fn run(self) -> Result<()> {
        let keys = self.keys.keys();
        let (KeyInfo { schema, vk_hash, .. }, pk, record) =
            self.keys.proving_key_and_record(&self.record)?;
        let artifact = std::fs::read(&self.artifact)
            .wrap_err_with(|| format!("cannot read artifact {}", self.artifact.display()))?;
        let (suite, provider) = self.tx.open().await?;
        let client = suite.client();
        let dir = keys.dir().display().to_string();
        let circuit = ProverKeys { name: &schema.name, circuit: schema.id(), vk_hash, dir: &dir };
        let r = client
            .derivative_registration(provider, self.rule, self.core, keccak256(&artifact), circuit)
            .await?;
        if era_prover::field::fr_to_u256(record.commitment(&schema)) != r.commitment {
            bail!(
                "{} is not the record core asset {} was registered from (its commitment differs): use that record",
                self.record.display(),
                r.core_asset
            );
        }
        if let Err(why) = schema.check_with(&record, Some(r.threshold)) {
            bail!("the record does not meet the rule's {}% threshold: {why}", r.threshold);
        }
        let binding = DerivativeBinding {
            core_asset: r.core_asset,
            circuit: r.circuit,
            chain_id: r.chain_id,
            registry: r.registry,
            threshold: r.threshold,
        };
        progress(format!(
            "proving {} at {}% over {} ...",
            schema.name,
            r.threshold,
            self.record.display()
        ));
        let bundle = era_prover::prove(&pk, &schema, &record, &binding, &mut era_prover::os_rng())
            .wrap_err("the record does not meet the rule's threshold")?;
        print(&client.register_derivative(&r, bundle.proof).await?, self.tx.json)
    }
}
