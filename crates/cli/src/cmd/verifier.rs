//! `era verifier generate|deploy`: the Solidity verifier of a schema's key
//! ([`era_prover::verifier`]), deployed with [`era_client::deploy_verifier`].

use std::path::PathBuf;

use clap::{Args, Subcommand};
use era_prover::verifier::{Deployable, Target};
use eyre::Result;

use crate::{
    connect::{RpcArgs, WalletArgs, is_dev_chain},
    output::print,
    prover::{Bar, KeyLocation, SnarkjsArgs},
};

/// Generate or deploy the Solidity verifier of a schema's key.
#[derive(Debug, Args)]
pub(crate) struct VerifierArgs {
    #[command(subcommand)]
    pub(crate) command: VerifierCommand,
}

/// `era verifier` subcommands.
#[derive(Debug, Subcommand)]
pub(crate) enum VerifierCommand {
    /// Write `<Name>Verifier.sol` for the schema's key, and with --hook `<Name>Proof.sol`: the
    /// abstract contract a scenario's contract inherits to accept the schema's proofs
    /// (`_requireProven(commitment, subject, scenario, proof)`, bound to that contract).
    Generate(GenerateArgs),
    /// Compile and deploy the verifier (on non-dev chains only for keys with a checked ceremony
    /// transcript).
    Deploy(Box<DeployArgs>),
}

/// `era verifier generate`.
#[derive(Debug, Args)]
pub(crate) struct GenerateArgs {
    #[command(flatten)]
    pub(crate) location: KeyLocation,
    /// Output directory.
    #[arg(long, default_value = "contracts/verifiers")]
    pub(crate) out: PathBuf,
    /// Also write the schema's hook `<Name>Proof.sol` (core schemas only), importing the
    /// verifier from the same directory: it pins the verifier, recomputes the proof's binding
    /// with the inheriting contract as the registry and reverts `NotProven(...)` on a bad proof.
    #[arg(long)]
    pub(crate) hook: bool,
    /// Print JSON.
    #[arg(long)]
    pub(crate) json: bool,
}

/// `era verifier deploy`.
#[derive(Debug, Args)]
pub(crate) struct DeployArgs {
    #[command(flatten)]
    pub(crate) location: KeyLocation,
    #[command(flatten)]
    pub(crate) rpc: RpcArgs,
    #[command(flatten)]
    pub(crate) wallet: WalletArgs,
    /// The chain's deployment record, where the verifier is added (if the suite is there).
    #[command(flatten)]
    pub(crate) records: crate::record::RecordArgs,
    /// The solc to compile with (the project's solc-js shim by default).
    #[arg(long, default_value = "tools/solc")]
    pub(crate) solc: PathBuf,
    /// The Powers-of-Tau file of the key's ceremony: on a chain that is not a local dev chain,
    /// the key's transcript (ceremony.zkey) is checked against it with `snarkjs zkey verify`.
    #[arg(long)]
    pub(crate) ptau: Option<PathBuf>,
    #[command(flatten)]
    pub(crate) snarkjs: SnarkjsArgs,
    /// Print JSON.
    #[arg(long)]
    pub(crate) json: bool,
}

impl DeployArgs {
    /// Deploys the verifier; on a chain that is not a local dev chain only a key whose ceremony
    /// transcript checks out, whatever key.json says (nothing is sent otherwise).
    async fn run(self) -> Result<()> {
        let (info, vk) = self.location.keys().verifying_key()?;
        let (chain, _) = self.rpc.connect_signer(self.wallet.signer()?).await?;
        self.records.check_readable(chain.id)?;
        let target = Target {
            chain_id: chain.id,
            dev_chain: is_dev_chain(chain.id),
            ptau: self.ptau.as_deref(),
            snarkjs: self.snarkjs.snarkjs.as_deref(),
            solc: &self.solc,
        };
        let verifier = Deployable::prepare(&info, &vk, target, &Bar::new(self.json))?;
        let (address, tx_hash) =
            era_client::deploy_verifier(&chain.provider, verifier.code.clone()).await?;
        let deployed = verifier.deployed(address, chain.id);
        let recorded = era_client::RecordedVerifier {
            address,
            vk_hash: deployed.vk_hash,
            tx_hash,
            development: deployed.development,
        };
        self.records.record_verifier(chain.id, &deployed.contract, recorded)?;
        print(&deployed, self.json)
    }
}

impl VerifierArgs {
    /// Runs the subcommand and prints its result.
    pub(crate) async fn run(self) -> Result<()> {
        match self.command {
            VerifierCommand::Generate(a) => {
                print(&a.location.keys().write_verifier_and_hook(&a.out, a.hook)?, a.json)
            }
            VerifierCommand::Deploy(args) => args.run().await,
        }
    }
}
