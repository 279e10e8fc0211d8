//! A key directory's Solidity verifier as `era verifier` handles it: written to a file, or
//! compiled with solc and checked against the chain it is for. Only a key whose ceremony
//! transcript checks out ([`ceremony::check_deployable`]) may go to a chain that is not a local
//! development chain, whatever key.json says. Sending the creation code is the caller's (this
//! crate talks to no chain).

use std::{
    fmt,
    io::Write as _,
    path::{Path, PathBuf},
    process::{Command, Stdio},
};

use alloy::primitives::{Address, B256, Bytes};
use serde::Serialize;

use crate::{
    Error, Result, VerifyingKey,
    ceremony::{self, Provenance, Snarkjs},
    error::Context as _,
    files::{Scratch, create_dir, write},
    hook::hook_source,
    keydir::{KeyDir, KeyInfo},
    progress::Progress,
    solidity::verifier_source,
};

/// A generated verifier file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Generated {
    /// The contract name.
    pub contract: String,
    /// The file written.
    pub path: PathBuf,
    /// The key's hash (`VERIFYING_KEY_HASH`).
    pub vk_hash: B256,
}

impl fmt::Display for Generated {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} written to {} (vk hash {})", self.contract, self.path.display(), self.vk_hash)
    }
}

/// What `era verifier generate` wrote: the verifier, and with `--hook` the schema's hook.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct GeneratedFiles {
    /// The verifier.
    #[serde(flatten)]
    pub verifier: Generated,
    /// The hook ([`crate::hook`]), when asked for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hook: Option<Generated>,
}

impl fmt::Display for GeneratedFiles {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.verifier)?;
        match &self.hook {
            Some(hook) => write!(f, "\n{hook}"),
            None => Ok(()),
        }
    }
}

impl KeyDir {
    /// Writes `<Name>Verifier.sol` into `out`.
    pub fn write_verifier(&self, out: &Path) -> Result<Generated> {
        let (info, vk) = self.verifying_key()?;
        let contract = info.schema.verifier_contract_name();
        write_contract(out, contract, verifier_source(&info.schema, &vk), info.vk_hash)
    }

    /// Writes `<Name>Verifier.sol` and, with `hook`, `<Name>Proof.sol` ([`crate::hook`]) into
    /// `out`; a derivative schema's hook is refused before anything is written.
    pub fn write_verifier_and_hook(&self, out: &Path, hook: bool) -> Result<GeneratedFiles> {
        let hook = match hook {
            true => {
                let (info, vk) = self.verifying_key()?;
                Some((info.schema.hook_contract_name(), hook_source(&info.schema, &vk)?))
            }
            false => None,
        };
        let verifier = self.write_verifier(out)?;
        let hook = hook
            .map(|(contract, source)| write_contract(out, contract, source, verifier.vk_hash))
            .transpose()?;
        Ok(GeneratedFiles { verifier, hook })
    }
}

/// Writes `<contract>.sol` into `out` (to a temporary file renamed into place, so no half-written
/// file).
fn write_contract(
    out: &Path,
    contract: String,
    source: String,
    vk_hash: B256,
) -> Result<Generated> {
    create_dir(out)?;
    let path = out.join(format!("{contract}.sol"));
    let tmp = out.join(format!(".{contract}.sol.tmp"));
    write(&tmp, source)?;
    std::fs::rename(&tmp, &path).context(|| format!("cannot write {}", path.display()))?;
    Ok(Generated { contract, path, vk_hash })
}

/// The chain a verifier is for, and what can check a ceremony transcript for it.
#[derive(Clone, Copy, Debug)]
pub struct Target<'a> {
    /// Its chain id.
    pub chain_id: u64,
    /// Whether it is a local development chain (anvil, ganache): any key may verify there.
    pub dev_chain: bool,
    /// The Powers-of-Tau file of the key's ceremony (needed on other chains).
    pub ptau: Option<&'a Path>,
    /// snarkjs' CLI script (default: `node_modules/snarkjs`).
    pub snarkjs: Option<&'a Path>,
    /// The solc to compile with.
    pub solc: &'a Path,
}

/// A verifier whose key may go to its target chain, compiled.
#[derive(Clone, Debug)]
pub struct Deployable {
    /// The contract name.
    pub contract: String,
    /// Its creation code.
    pub code: Bytes,
    /// The key's hash.
    pub vk_hash: B256,
    /// Whether the key has no checked ceremony transcript (dev chains only).
    pub development: bool,
    /// The checked ceremony, on chains that are not local dev chains.
    pub ceremony: Option<Provenance>,
}

impl Deployable {
    /// Checks that the key of `info` may verify proofs on `target` and compiles its verifier.
    pub fn prepare(
        info: &KeyInfo,
        vk: &VerifyingKey,
        target: Target<'_>,
        progress: &dyn Progress,
    ) -> Result<Self> {
        let transcript = info.dir.join(ceremony::TRANSCRIPT_FILE);
        let (development, ceremony) = if target.dev_chain {
            let ceremony_less = !transcript.is_file() || info.is_development();
            (ceremony::is_development_key(vk) || ceremony_less, None)
        } else {
            let scratch = Scratch::new()?;
            let snarkjs = Snarkjs::or_node_modules(target.snarkjs)?;
            let checked = ceremony::check_deployable(
                &info.schema,
                vk,
                &transcript,
                target.ptau,
                &snarkjs,
                scratch.path(),
                progress,
            );
            let refusing = || {
                format!(
                    "refusing to deploy the verifier of `{}` to chain {}",
                    info.schema.name, target.chain_id
                )
            };
            (false, Some(checked.context(refusing)?))
        };
        let contract = info.schema.verifier_contract_name();
        let code = compile(target.solc, &contract, &verifier_source(&info.schema, vk))?;
        Ok(Self { contract, code, vk_hash: info.vk_hash, development, ceremony })
    }

    /// What [`Self::code`] became once deployed at `address` on `chain_id`.
    pub fn deployed(self, address: Address, chain_id: u64) -> Deployed {
        let Self { contract, vk_hash, development, ceremony, .. } = self;
        Deployed { contract, address, chain_id, vk_hash, development, ceremony }
    }
}

/// A deployed verifier.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Deployed {
    /// The contract name.
    pub contract: String,
    /// Where it was deployed.
    pub address: Address,
    /// The chain.
    pub chain_id: u64,
    /// The key's hash.
    pub vk_hash: B256,
    /// Whether the key has no checked ceremony transcript (anyone may be able to forge proofs);
    /// only ever true on local dev chains.
    pub development: bool,
    /// The checked ceremony, on chains that are not local dev chains.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ceremony: Option<Provenance>,
}

impl fmt::Display for Deployed {
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
pub fn compile(solc: &Path, contract: &str, source: &str) -> Result<Bytes> {
    let input = serde_json::json!({
        "language": "Solidity",
        "sources": { "Verifier.sol": { "content": source } },
        "settings": { "optimizer": { "enabled": true, "runs": 10000 }, "evmVersion": "cancun",
                      "outputSelection": { "*": { "*": ["evm.bytecode.object"] } } },
    });
    let solc_failed = || format!("cannot run solc at {}", solc.display());
    let mut child = Command::new(solc)
        .arg("--standard-json")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .context(|| format!("{} (npm install first, or pass --solc)", solc_failed()))?;
    let mut stdin = child.stdin.take().expect("stdin is piped");
    stdin.write_all(input.to_string().as_bytes()).context(solc_failed)?;
    drop(stdin);
    let out = child.wait_with_output().context(solc_failed)?;
    let out: serde_json::Value = serde_json::from_slice(&out.stdout).context(solc_failed)?;
    if let Some(error) =
        out["errors"].as_array().into_iter().flatten().find(|e| e["severity"] == "error")
    {
        return Err(Error::Refused(format!("solc: {}", error["message"])));
    }
    let code = out["contracts"]["Verifier.sol"][contract]["evm"]["bytecode"]["object"]
        .as_str()
        .ok_or_else(|| Error::Refused(format!("solc produced no bytecode for {contract}")))?;
    let code = alloy::hex::decode(code).context(|| format!("solc's bytecode for {contract}"))?;
    Ok(code.into())
}
