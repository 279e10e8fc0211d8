//! `era verifier generate|deploy`: the Solidity verifier of a schema's key.

use std::{
    fmt,
    io::Write as _,
    path::{Path, PathBuf},
    process::{Command, Stdio},
};

use alloy::{
    network::TransactionBuilder,
    primitives::{Address, B256, Bytes},
    providers::Provider,
    rpc::types::TransactionRequest,
};
use clap::{Args, Subcommand};
use era_prover::solidity::verifier_source;
use eyre::{Result, WrapErr, bail, eyre};
use serde::Serialize;

use super::keys::{Bar, KeyLocation, SnarkjsArgs, tempdir};
use crate::{
    connect::{RpcArgs, WalletArgs, is_dev_chain},
    output::print,
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
    /// Write `<Name>Verifier.sol` for the schema's key.
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

/// A generated verifier.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct GenerateOutput {
    /// The contract name.
    pub(crate) contract: String,
    /// The file written.
    pub(crate) path: PathBuf,
    /// The key's hash (`VERIFYING_KEY_HASH`).
    pub(crate) vk_hash: B256,
}

impl fmt::Display for GenerateOutput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} written to {} (vk hash {})", self.contract, self.path.display(), self.vk_hash)
    }
}

impl GenerateArgs {
    /// Writes the verifier (to a temporary file renamed into place, so no half-written file).
    pub(crate) fn run(self) -> Result<GenerateOutput> {
        let (info, vk) = self.location.verifying_key()?;
        let contract = info.schema.verifier_contract_name();
        std::fs::create_dir_all(&self.out)
            .wrap_err_with(|| format!("cannot create {}", self.out.display()))?;
        let path = self.out.join(format!("{contract}.sol"));
        let tmp = self.out.join(format!(".{contract}.sol.tmp"));
        std::fs::write(&tmp, verifier_source(&info.schema, &vk))?;
        std::fs::rename(&tmp, &path)?;
        Ok(GenerateOutput { contract, path, vk_hash: info.vk_hash })
    }
}

/// A deployed verifier.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct DeployOutput {
    /// The contract name.
    pub(crate) contract: String,
    /// Where it was deployed.
    pub(crate) address: Address,
    /// The chain.
    pub(crate) chain_id: u64,
    /// The key's hash.
    pub(crate) vk_hash: B256,
    /// Whether the key has no checked ceremony transcript (anyone may be able to forge proofs);
    /// only ever true on local dev chains.
    pub(crate) development: bool,
    /// The checked ceremony, on chains that are not local dev chains.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) ceremony: Option<era_prover::ceremony::Provenance>,
}

impl fmt::Display for DeployOutput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} deployed at {} on chain {} (vk hash {})",
            self.contract, self.address, self.chain_id, self.vk_hash
        )?;
        if self.development {
            write!(f, " WITH DEVELOPMENT KEYS")?;
        }
        Ok(())
    }
}

/// Compiles one contract with solc (standard JSON) and returns its creation bytecode.
fn compile(solc: &Path, contract: &str, source: &str) -> Result<Bytes> {
    let input = serde_json::json!({
        "language": "Solidity",
        "sources": { "Verifier.sol": { "content": source } },
        "settings": { "optimizer": { "enabled": true, "runs": 10000 }, "evmVersion": "cancun",
                      "outputSelection": { "*": { "*": ["evm.bytecode.object"] } } },
    });
    let mut child = Command::new(solc)
        .arg("--standard-json")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .wrap_err_with(|| {
            format!("cannot run solc at {} (npm install first, or pass --solc)", solc.display())
        })?;
    child.stdin.take().expect("piped").write_all(input.to_string().as_bytes())?;
    let out: serde_json::Value = serde_json::from_slice(&child.wait_with_output()?.stdout)?;
    if let Some(error) =
        out["errors"].as_array().into_iter().flatten().find(|e| e["severity"] == "error")
    {
        bail!("solc: {}", error["message"]);
    }
    let code = out["contracts"]["Verifier.sol"][contract]["evm"]["bytecode"]["object"]
        .as_str()
        .ok_or_else(|| eyre!("solc produced no bytecode for {contract}"))?;
    Ok(alloy::hex::decode(code)?.into())
}

impl DeployArgs {
    /// Deploys the verifier; on a chain that is not a local dev chain only a key whose ceremony
    /// transcript checks out (era_prover::ceremony::check_deployable), whatever key.json says.
    pub(crate) async fn run(self) -> Result<DeployOutput> {
        let (info, vk) = self.location.verifying_key()?;
        let (chain, _) = self.rpc.connect_signer(self.wallet.signer()?).await?;
        let chain_id = chain.id;
        let transcript = info.dir.join(era_prover::ceremony::TRANSCRIPT_FILE);
        let (development, ceremony) = if is_dev_chain(chain_id) {
            let ceremony_less = !transcript.is_file() || info.is_development();
            (era_prover::ceremony::is_development_key(&vk) || ceremony_less, None)
        } else {
            let scratch = tempdir()?;
            let provenance = era_prover::ceremony::check_deployable(
                &info.schema,
                &vk,
                &transcript,
                self.ptau.as_deref(),
                &self.snarkjs.snarkjs()?,
                scratch.path(),
                &Bar::new(self.json),
            )
            .wrap_err_with(|| {
                format!(
                    "refusing to deploy the verifier of `{}` to chain {chain_id}",
                    info.schema.name
                )
            })?;
            (false, Some(provenance))
        };
        let contract = info.schema.verifier_contract_name();
        let code = compile(&self.solc, &contract, &verifier_source(&info.schema, &vk))?;
        let receipt = chain
            .provider
            .send_transaction(TransactionRequest::default().with_deploy_code(code))
            .await?
            .get_receipt()
            .await?;
        let address = receipt
            .contract_address
            .ok_or_else(|| eyre!("deployment reverted: {}", receipt.transaction_hash))?;
        let tx_hash = receipt.transaction_hash;
        let recorded =
            era_client::RecordedVerifier { address, vk_hash: info.vk_hash, tx_hash, development };
        self.records.record_verifier(chain_id, &contract, recorded)?;
        Ok(DeployOutput {
            contract,
            address,
            chain_id,
            vk_hash: info.vk_hash,
            development,
            ceremony,
        })
    }
}

impl VerifierArgs {
    /// Runs the subcommand and prints its result.
    pub(crate) async fn run(self) -> Result<()> {
        match self.command {
            VerifierCommand::Generate(args) => {
                let json = args.json;
                print(&args.run()?, json)
            }
            VerifierCommand::Deploy(args) => {
                let json = args.json;
                print(&args.run().await?, json)
            }
        }
    }
}
