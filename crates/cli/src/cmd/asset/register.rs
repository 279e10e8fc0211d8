//! `era asset register`: prove a private record and register it as an asset, escrowing the
//! anchor stake. The record never leaves this machine: the client checks what the registry would
//! refuse before proving, `era_prover` proves here, and only the proof is sent.

use std::path::PathBuf;

use clap::Args;
use era_client::assets::ProverKeys;
use era_prover::{Binding, KeyInfo};
use eyre::{Result, WrapErr, bail};

use crate::{
    output::{print, progress},
    prover::KeyLocation,
    suite::SendArgs,
};

/// `era asset register`.
#[derive(Debug, Args)]
pub(super) struct RegisterArgs {
    #[command(flatten)]
    keys: KeyLocation,
    /// The scenario: a bytes32 or a name (its keccak256).
    #[arg(long)]
    scenario: String,
    /// The private record (JSON; see `era prove`). It never leaves this machine.
    #[arg(long)]
    record: PathBuf,
    #[command(flatten)]
    tx: SendArgs,
}

impl RegisterArgs {
    pub(super) async fn run(self) -> Result<()> {
        let keys = self.keys.keys();
        let (KeyInfo { schema, vk_hash, .. }, pk, record) =
            self.keys.proving_key_and_record(&self.record)?;
        if let Err(why) = schema.check(&record) {
            bail!("the record does not satisfy the schema's predicate: {why}");
        }
        let (suite, owner) = self.tx.open().await?;
        let client = suite.client();
        let dir = keys.dir().display().to_string();
        let circuit = ProverKeys { name: &schema.name, circuit: schema.id(), vk_hash, dir: &dir };
        let r = client.registration(owner, &self.scenario, circuit).await?;
        let binding = Binding {
            subject: owner,
            scenario: r.scenario,
            schema: r.circuit,
            chain_id: r.chain_id,
            registry: r.registry,
        };
        progress(format!("proving {} over {} ...", schema.name, self.record.display()));
        let bundle = era_prover::prove(&pk, &schema, &record, &binding, &mut era_prover::os_rng())
            .wrap_err("the record does not satisfy the schema's predicate")?;
        let out = client.register(&r, bundle.public_inputs[0], bundle.proof).await?;
        print(&out, self.tx.json)
    }
}
