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
    providers::{Provider, ProviderBuilder},
    rpc::types::TransactionRequest,
    signers::local::PrivateKeySigner,
};
use clap::{Args, Subcommand};
use era_prover::solidity::verifier_source;
use eyre::{Result, WrapErr, bail, eyre};
use serde::Serialize;

use super::keys::KeyLocation;
use crate::{connect::is_dev_chain, output::print};

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
    /// Compile and deploy the verifier (refuses development keys on non-dev chains).
    Deploy(DeployArgs),
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
    /// JSON-RPC endpoint.
    #[arg(long, env = "ETH_RPC_URL", default_value = "http://127.0.0.1:8545")]
    pub(crate) rpc_url: String,
    /// Deployer key.
    #[arg(long, env = "ERA_PRIVATE_KEY")]
    pub(crate) private_key: PrivateKeySigner,
    /// The solc to compile with (the project's solc-js shim by default).
    #[arg(long, default_value = "tools/solc")]
    pub(crate) solc: PathBuf,
    /// Deploy development keys to a chain that is not a local dev chain (31337/1337) anyway.
    /// Anyone can forge proofs under development keys.
    #[arg(long)]
    pub(crate) allow_dev_keys: bool,
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
    /// Whether it verifies development-key proofs (forgeable).
    pub(crate) development: bool,
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
    /// Deploys the verifier, after refusing development keys on public chains.
    pub(crate) async fn run(self) -> Result<DeployOutput> {
        let (info, vk) = self.location.verifying_key()?;
        let provider = ProviderBuilder::new()
            .wallet(self.private_key)
            .connect(&self.rpc_url)
            .await
            .wrap_err_with(|| format!("cannot connect to {}", self.rpc_url))?;
        let chain_id = provider
            .get_chain_id()
            .await
            .wrap_err_with(|| format!("no chain at {}", self.rpc_url))?;
        // key.json says so, or the key is the default development key whatever key.json says.
        let development = info.is_development()
            || era_prover::keys::dev_setup(&info.schema, era_prover::keys::DEFAULT_DEV_LABEL)?.vk
                == vk;
        if development && !is_dev_chain(chain_id) && !self.allow_dev_keys {
            bail!(
                "refusing to deploy a verifier for DEVELOPMENT keys of `{}` to chain {chain_id}: anyone can forge \
                 proofs with them; import ceremony keys (`era keys import`) or pass --allow-dev-keys",
                info.schema.name
            );
        }
        let contract = info.schema.verifier_contract_name();
        let code = compile(&self.solc, &contract, &verifier_source(&info.schema, &vk))?;
        let receipt = provider
            .send_transaction(TransactionRequest::default().with_deploy_code(code))
            .await?
            .get_receipt()
            .await?;
        let address = receipt
            .contract_address
            .ok_or_else(|| eyre!("deployment reverted: {}", receipt.transaction_hash))?;
        Ok(DeployOutput { contract, address, chain_id, vk_hash: info.vk_hash, development })
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
