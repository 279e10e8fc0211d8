//! `era keys setup|export|import|export-r1cs`: the Groth16 keys of a schema, in the key
//! directory era-prover describes ([`era_prover::keydir`]).

use std::path::PathBuf;

use clap::{Args, Subcommand};
use era_prover::{keys::DEFAULT_DEV_LABEL, r1cs::R1cs};
use eyre::Result;

use crate::{
    output::print,
    prover::{Bar, KeyLocation, SnarkjsArgs},
};

/// Manage the Groth16 keys of a schema.
#[derive(Debug, Args)]
pub(crate) struct KeysArgs {
    #[command(subcommand)]
    pub(crate) command: KeysCommand,
}

/// `era keys` subcommands.
#[derive(Debug, Subcommand)]
pub(crate) enum KeysCommand {
    /// Make deterministic DEVELOPMENT keys from a labelled seed (anyone can forge proofs with them).
    Setup(SetupArgs),
    /// Export a schema's verifying key (arkworks and snarkjs `verification_key.json`).
    Export(ExportArgs),
    /// Import a ceremony's final snarkjs zkey (`--zkey`, transcript checked), or an arkworks key.
    Import(ImportArgs),
    /// Write the schema's circuit in circom's .r1cs format, for a snarkjs phase-2 ceremony.
    ExportR1cs(ExportR1csArgs),
}

/// `era keys setup`.
#[derive(Debug, Args)]
pub(crate) struct SetupArgs {
    #[command(flatten)]
    pub(crate) location: KeyLocation,
    /// Seed label; the same label always gives the same keys.
    #[arg(long, default_value = DEFAULT_DEV_LABEL)]
    pub(crate) label: String,
    /// Print JSON.
    #[arg(long)]
    pub(crate) json: bool,
}

/// `era keys export`.
#[derive(Debug, Args)]
pub(crate) struct ExportArgs {
    #[command(flatten)]
    pub(crate) location: KeyLocation,
    /// Output directory for verifying_key.bin and verification_key.json.
    #[arg(long)]
    pub(crate) out: PathBuf,
    /// Print JSON.
    #[arg(long)]
    pub(crate) json: bool,
}

/// `era keys import`.
#[derive(Debug, Args)]
#[group(id = "source", required = true, multiple = false, args = ["proving_key", "zkey"])]
pub(crate) struct ImportArgs {
    #[command(flatten)]
    pub(crate) location: KeyLocation,
    /// A ceremony's final key (`snarkjs zkey beacon` output) for the r1cs of `era keys
    /// export-r1cs`; its transcript is checked with `snarkjs zkey verify` against --ptau.
    #[arg(long, requires = "ptau")]
    pub(crate) zkey: Option<PathBuf>,
    /// The prepared Powers-of-Tau file the ceremony started from.
    #[arg(long)]
    pub(crate) ptau: Option<PathBuf>,
    /// A proving key in arkworks' compressed serialization (no transcript: never deployable to a
    /// public chain).
    #[arg(long)]
    pub(crate) proving_key: Option<PathBuf>,
    #[command(flatten)]
    pub(crate) snarkjs: SnarkjsArgs,
    /// Print JSON.
    #[arg(long)]
    pub(crate) json: bool,
}

/// `era keys export-r1cs`.
#[derive(Debug, Args)]
pub(crate) struct ExportR1csArgs {
    #[arg(long, value_parser = crate::prover::schema, help = crate::prover::SCHEMA_HELP)]
    pub(crate) schema: era_prover::Schema,
    /// Output file (default: `<schema>.r1cs`).
    #[arg(long)]
    pub(crate) out: Option<PathBuf>,
    /// Print JSON.
    #[arg(long)]
    pub(crate) json: bool,
}

impl KeysArgs {
    /// Runs the subcommand and prints its result (the spinner gone first).
    pub(crate) fn run(self) -> Result<()> {
        match self.command {
            KeysCommand::Setup(a) => {
                let info = a.location.keys().setup(&a.label, &Bar::new(a.json))?;
                print(&info, a.json)
            }
            KeysCommand::Export(a) => print(&a.location.keys().export(&a.out)?, a.json),
            KeysCommand::Import(a) => {
                let keys = a.location.keys();
                let info = match (&a.zkey, &a.ptau, &a.proving_key) {
                    (Some(zkey), Some(ptau), _) => {
                        let snarkjs = a.snarkjs.snarkjs.as_deref();
                        keys.import_zkey(zkey, ptau, snarkjs, &Bar::new(a.json))?
                    }
                    (_, _, Some(pk)) => keys.import_proving_key(pk, &Bar::new(a.json))?,
                    _ => unreachable!("clap requires --zkey with --ptau, or --proving-key"),
                };
                print(&info, a.json)
            }
            KeysCommand::ExportR1cs(a) => print(&R1cs::export(&a.schema, a.out)?, a.json),
        }
    }
}
