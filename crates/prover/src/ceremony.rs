//! Where a key came from, decided from the key itself: only the output of a snarkjs phase-2
//! ceremony over a Powers-of-Tau file, with its transcript checked, may verify proofs on a chain
//! that is not a local development chain.
//!
//! A deterministic setup ([`crate::keys::dev_setup`], whatever its label) has toxic waste anyone
//! can recompute from its seed, so it can prove false statements. A label in `key.json` says
//! nothing about that, so nothing here reads labels:
//! - [`DEVELOPMENT_VK_HASHES`] lists the verifying-key hashes of the built-in schemas' development
//!   keys (the committed `contracts/verifiers/`); they are refused by hash.
//! - [`check_zkey`] checks, in Rust, what a zkey must be to be a ceremony's output for a schema:
//!   made for the schema's exact R1CS shape, at least one contribution, the final δ equal to the
//!   last contribution's, δ different from γ (snarkjs' `zkey new` output has δ = γ = the
//!   generator, under which anyone can move a valid proof to other public inputs), and δ₁/δ₂
//!   consistent.
//! - [`Snarkjs::verify_zkey`] runs `snarkjs zkey verify <r1cs> <ptau> <zkey>` on the R1CS that
//!   era-prover exports for the schema: it recomputes the initial key from the Powers of Tau and
//!   checks every contribution's proof of knowledge, the Blake2b transcript chain, the beacon and
//!   that the A, B, C, H and IC points are the initial ones with δ applied. This is delegated to
//!   snarkjs (the reference implementation of its own transcript format: Blake2b transcripts,
//!   ffjavascript's ChaCha-based hash to G2, the circuit hash), rather than re-implemented: a
//!   re-implementation could only be tested against snarkjs anyway, and the check runs once per
//!   import or deployment, where node's speed does not matter.
//!
//! Trust then rests on the Powers-of-Tau file (use a public one, e.g. the Hermez/Polygon
//! `powersOfTau28_hez_final_<power>.ptau`, and compare its hash) and on one honest phase-2
//! contributor.

use std::{
    path::{Path, PathBuf},
    process::Command,
};

use alloy::primitives::{B256, b256};
use ark_bn254::{Bn254, G1Affine, G2Affine};
use ark_ec::{AffineRepr, pairing::Pairing};

use crate::{
    Error, Result, Schema, VerifyingKey, keys,
    progress::{Progress, step},
    r1cs::R1cs,
    zkey::Zkey,
};

/// Verifying-key hashes of development keys: the built-in schemas' `era-dev` keys (the committed
/// verifiers in contracts/verifiers/), current and earlier circuit versions.
pub const DEVELOPMENT_VK_HASHES: &[(&str, B256)] = &[
    // Commitment v2 (domain-separated by schema and length), snarkjs' QAP reduction.
    ("on-time", b256!("0x00e78966ebac391cf35a6b6515fe84e5f1283307581d33f8f95f54d282253ab2")),
    ("integrity", b256!("0xabb14a6abb070604100e883c4a2255094b79df87b56eb3563647ebd22fb1fe8e")),
    ("range", b256!("0x0ed67fff2abc20d7e87e4c6ea806eb20a03bbe4809a485c7e865af59971ca0e6")),
    // The derivative schemas (issue 15), opening `integrity`'s commitment.
    (
        "integrity-share",
        b256!("0x319e8f6fea7efdb94af00c87e1d6128f51bdbc11216dffcd26d7e8172b86cb32"),
    ),
    ("timeliness", b256!("0x389be9c3957c58b219264dcf66600a73e09898d66932b9a4b537313907b7671c")),
    ("continuity", b256!("0x77dde3b7a689cd17fcacd63970dd4332c9b951b98831a62cbd4958da19cfcf16")),
    // The risk-features circuit (issue 18), not a schema: `risk::dev_setup(DEFAULT_DEV_LABEL)`.
    ("risk-features", b256!("0x959497a92035e57547be9ec2d5a658f99967d0b57c6f471cc49b493b6c405574")),
    // Commitment v1, libsnark's QAP reduction (verifiers committed before issue 11).
    ("on-time v1", b256!("0x28f7126e143d06925bf01e2c109c0a801076bad0e5c2669deaf01505b40f31dc")),
    ("integrity v1", b256!("0xde35bf2e88b17f68a751e186bfc9c1f8f39a95dbdcfb54a5d60710248a0584d2")),
    ("range v1", b256!("0x94d578ee140e5f0aee0c9de9bd3f670182da98dc01c9aa766c7f61df88565417")),
];

/// Whether `vk` is a known development key.
pub fn is_development_key(vk: &VerifyingKey) -> bool {
    let hash = keys::vk_hash(vk);
    DEVELOPMENT_VK_HASHES.iter().any(|(_, h)| *h == hash)
}

fn refuse(schema: &Schema, reason: String) -> Error {
    Error::NotFromCeremony { schema: schema.name.clone(), reason }
}

/// The Rust-side checks of a zkey as a ceremony output for `schema` (see the module docs).
pub fn check_zkey(schema: &Schema, zkey: &Zkey) -> Result<()> {
    let r1cs = R1cs::of(schema)?;
    if zkey.wires != r1cs.wires || zkey.public_inputs != r1cs.public_inputs {
        return Err(Error::KeyMismatch {
            schema: schema.name.clone(),
            reason: format!(
                "zkey has {} wires and {} public inputs, the circuit {} and {}",
                zkey.wires, zkey.public_inputs, r1cs.wires, r1cs.public_inputs
            ),
        });
    }
    keys::check_proving_key(schema, &zkey.pk)?;
    let pk = &zkey.pk;
    if is_development_key(&pk.vk) {
        return Err(refuse(schema, "its verifying key is a development key".into()));
    }
    let Some(last) = zkey.deltas.last() else {
        return Err(refuse(
            schema,
            "the zkey has no phase-2 contribution (δ = γ: proofs can be moved to other public \
             inputs); run `snarkjs zkey contribute` and `snarkjs zkey beacon`"
                .into(),
        ));
    };
    if pk.vk.delta_g2 == pk.vk.gamma_g2 || pk.delta_g1 == G1Affine::generator() {
        return Err(refuse(schema, "δ equals γ or the generator".into()));
    }
    if *last != pk.delta_g1 {
        return Err(refuse(schema, "δ is not the last contribution's δ".into()));
    }
    if Bn254::pairing(pk.delta_g1, G2Affine::generator())
        != Bn254::pairing(G1Affine::generator(), pk.vk.delta_g2)
    {
        return Err(refuse(schema, "δ in G1 and δ in G2 differ".into()));
    }
    Ok(())
}

/// How to run snarkjs: `node <cli>`.
#[derive(Clone, Debug)]
pub struct Snarkjs {
    /// The node binary.
    pub node: PathBuf,
    /// snarkjs' command-line script (`build/cli.cjs` or `cli.js`).
    pub cli: PathBuf,
}

impl Snarkjs {
    /// snarkjs in `<root>/node_modules/snarkjs` (npm), run with `node` from `PATH`.
    pub fn in_node_modules(root: &Path) -> Result<Self> {
        let dir = root.join("node_modules/snarkjs");
        let cli = ["build/cli.cjs", "cli.js"]
            .iter()
            .map(|f| dir.join(f))
            .find(|p| p.is_file())
            .ok_or_else(|| {
                Error::Snarkjs(format!("no snarkjs in {} (npm ci first)", dir.display()))
            })?;
        Ok(Self { node: "node".into(), cli })
    }

    /// `node <cli>` when a script is given, else [`Self::in_node_modules`] of the current
    /// directory (the CLI's `--snarkjs` flag).
    pub fn or_node_modules(cli: Option<&Path>) -> Result<Self> {
        match cli {
            Some(cli) => Ok(Self { node: "node".into(), cli: cli.to_owned() }),
            None => Self::in_node_modules(Path::new(".")),
        }
    }

    /// Runs `snarkjs <args>`; its output (stdout then stderr) on success.
    pub fn run(&self, args: &[&std::ffi::OsStr]) -> Result<String> {
        let out = Command::new(&self.node).arg(&self.cli).args(args).output().map_err(|e| {
            Error::Snarkjs(format!(
                "cannot run {} {}: {e}",
                self.node.display(),
                self.cli.display()
            ))
        })?;
        let text = String::from_utf8_lossy(&out.stdout).into_owned()
            + &String::from_utf8_lossy(&out.stderr);
        if !out.status.success() {
            let last = text.lines().rev().find(|l| !l.trim().is_empty()).unwrap_or_default();
            return Err(Error::Snarkjs(format!(
                "snarkjs {:?} failed: {last}",
                args.first().unwrap_or(&"".as_ref())
            )));
        }
        Ok(text)
    }

    /// `snarkjs zkey verify` of `zkey` against the R1CS of `schema` (written to `scratch`) and
    /// the Powers of Tau `ptau` (see the module docs).
    pub fn verify_zkey(
        &self,
        schema: &Schema,
        ptau: &Path,
        zkey: &Path,
        scratch: &Path,
    ) -> Result<()> {
        let r1cs = scratch.join(format!("{}.r1cs", schema.name));
        std::fs::write(&r1cs, R1cs::of(schema)?.to_bytes())
            .map_err(|source| Error::Io { path: r1cs.display().to_string(), source })?;
        let out = self.run(&[
            "zkey".as_ref(),
            "verify".as_ref(),
            r1cs.as_os_str(),
            ptau.as_os_str(),
            zkey.as_os_str(),
        ]);
        let _ = std::fs::remove_file(&r1cs);
        let out = out?;
        // snarkjs 0.7 exits 0 even when the check fails; its verdict is the line "ZKey Ok!".
        if !out.contains("ZKey Ok!") {
            let why = out
                .lines()
                .find(|l| l.contains("ERROR") || l.contains("rror"))
                .unwrap_or("no `ZKey Ok!`");
            return Err(refuse(
                schema,
                format!("`snarkjs zkey verify` rejects the transcript: {}", why.trim()),
            ));
        }
        Ok(())
    }
}

/// File name of the ceremony transcript (the imported zkey) in a key directory.
pub const TRANSCRIPT_FILE: &str = "ceremony.zkey";

/// What a checked ceremony key is.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Provenance {
    /// snarkjs' circuit hash of the initial key (Blake2b-512, hex).
    pub circuit_hash: String,
    /// The phase-2 contributions, oldest first.
    pub contributions: Vec<crate::zkey::Contribution>,
    /// Whether the last contribution is a random beacon.
    pub beacon: bool,
}

impl Provenance {
    fn of(zkey: &Zkey) -> Self {
        Self {
            circuit_hash: zkey.circuit_hash.clone(),
            beacon: zkey.contributions.last().is_some_and(|c| c.beacon),
            contributions: zkey.contributions.clone(),
        }
    }
}

/// Reads a ceremony's final zkey for `schema` and checks it completely: [`check_zkey`], then
/// `snarkjs zkey verify` against the schema's R1CS and `ptau`. `scratch` is a directory for the
/// temporary R1CS file.
pub fn import_zkey(
    schema: &Schema,
    zkey_path: &Path,
    ptau: &Path,
    snarkjs: &Snarkjs,
    scratch: &Path,
    progress: &dyn Progress,
) -> Result<(Zkey, Provenance)> {
    let zkey = step(progress, "reading the zkey", || Zkey::read(zkey_path))?;
    step(progress, "checking the key against the circuit", || check_zkey(schema, &zkey))?;
    step(progress, "snarkjs zkey verify (transcript against the Powers of Tau)", || {
        snarkjs.verify_zkey(schema, ptau, zkey_path, scratch)
    })?;
    let provenance = Provenance::of(&zkey);
    Ok((zkey, provenance))
}

/// Decides whether `vk` may verify proofs on a chain that is not a local development chain:
/// only when it is not a development key and `transcript` (the key directory's
/// [`TRANSCRIPT_FILE`]) is a zkey of exactly this key that passes [`import_zkey`]'s checks against
/// `ptau`. Nothing is taken from labels or `key.json`.
pub fn check_deployable(
    schema: &Schema,
    vk: &VerifyingKey,
    transcript: &Path,
    ptau: Option<&Path>,
    snarkjs: &Snarkjs,
    scratch: &Path,
    progress: &dyn Progress,
) -> Result<Provenance> {
    if is_development_key(vk) {
        return Err(refuse(
            schema,
            format!(
                "it is a development key (vk hash {} is a committed development verifier's)",
                keys::vk_hash(vk)
            ),
        ));
    }
    if !transcript.is_file() {
        return Err(refuse(
            schema,
            format!(
                "there is no ceremony transcript ({}): keys from `era keys setup` (any label) are \
                 deterministic and `--proving-key` imports have no transcript; run a phase-2 \
                 ceremony and `era keys import --zkey`",
                transcript.display()
            ),
        ));
    }
    let zkey = step(progress, "reading the ceremony transcript", || Zkey::read(transcript))?;
    if zkey.pk.vk != *vk {
        return Err(refuse(
            schema,
            format!("the key differs from the one in its transcript {}", transcript.display()),
        ));
    }
    let Some(ptau) = ptau else {
        return Err(refuse(
            schema,
            "its transcript must be checked against the Powers of Tau: pass --ptau".into(),
        ));
    };
    import_zkey(schema, transcript, ptau, snarkjs, scratch, progress).map(|(_, p)| p)
}
