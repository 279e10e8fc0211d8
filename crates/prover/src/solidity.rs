//! Generates the Solidity verifier of a schema's verifying key.
//!
//! The verifier is as close to the EIP-1108 floor (181,100 + 6,350·N gas) as the EVM allows:
//! - every public input is checked `< r` first (ecMul reduces its scalar silently, so without the
//!   check `x + r` would verify as `x`), reverting `PublicInputNotInField(index, value)`;
//! - the public-input MSM is unrolled into one ecMul and one ecAdd per input, with the IC points
//!   as constants;
//! - one pairing call with four pairs checks `e(A,B)·e(α,-β)·e(L,-γ)·e(C,-δ) = 1`, with -β, -γ
//!   and -δ precomputed, so A, B and C are copied straight from calldata;
//! - any failure (an invalid point makes a precompile fail) reverts `ProofInvalid()`.
//!
//! Precompiles get `gas()`, not their current price, so a future repricing cannot break deployed
//! verifiers; the cost is that an invalid point burns the gas forwarded to the failing call.

use std::fmt::Write as _;

use alloy::primitives::{U256, keccak256};
use ark_bn254::{G1Affine, G2Affine};

use crate::{
    Schema, VerifyingKey,
    field::{SCALAR_MODULUS, g1_words, g2_words},
    keys,
};

/// The Solidity pragma of generated verifiers.
pub const SOLIDITY_VERSION: &str = "0.8.30";

fn selector(signature: &str) -> String {
    format!("0x{}", alloy::primitives::hex::encode(&keccak256(signature)[..4]))
}

/// Line width of `forge fmt` in this project; declarations are wrapped as it would wrap them, so
/// formatting the tree never changes a generated file.
const LINE_LENGTH: usize = 110;

fn declare(out: &mut String, declaration: &str, value: &str) {
    let line = format!("    {declaration} = {value};");
    if line.len() <= LINE_LENGTH {
        writeln!(out, "{line}").unwrap();
    } else {
        writeln!(out, "    {declaration} =\n        {value};").unwrap();
    }
}

fn consts(out: &mut String, name: &str, words: &[U256], suffixes: &[&str]) {
    for (w, s) in words.iter().zip(suffixes) {
        declare(out, &format!("uint256 private constant {name}_{s}"), &w.to_string());
    }
}

fn g1_consts(out: &mut String, name: &str, p: G1Affine) {
    consts(out, name, &g1_words(p), &["X", "Y"]);
}

fn g2_consts(out: &mut String, name: &str, p: G2Affine) {
    consts(out, name, &g2_words(p), &["X1", "X0", "Y1", "Y0"]);
}

/// A constant's declaration, wrapped as `forge fmt` wraps it (indented, with its newline).
pub(crate) fn declared(declaration: &str, value: &str) -> String {
    let mut out = String::new();
    declare(&mut out, declaration, value);
    out
}

/// What a verifier's header says about its circuit: the schema's name, contract, canonical text,
/// public inputs and id ([`verifier_source`] fills it from a [`Schema`]; the risk-features
/// circuit from [`crate::risk`]).
#[derive(Clone, Debug)]
pub struct VerifierHeader {
    /// Circuit name (e.g. `on-time`, `risk-features`).
    pub name: String,
    /// The contract's name.
    pub contract: String,
    /// The circuit's canonical text, whose keccak256 is `id`.
    pub canonical: String,
    /// The NatSpec line (or lines, each after the first starting `/// `) naming the public inputs.
    pub inputs: String,
    /// The circuit id, exposed as `SCHEMA_ID`.
    pub id: alloy::primitives::B256,
}

/// The verifier contract for `schema` and its verifying key.
pub fn verifier_source(schema: &Schema, vk: &VerifyingKey) -> String {
    let inputs = match schema.measure() {
        None => "Public inputs: [commitment, binding] (see era-prover's `Binding`).",
        Some(_) => {
            "Public inputs: [core commitment, binding] (see era-prover's `DerivativeBinding`: \
             the threshold\n/// percent is the binding's low 7 bits)."
        }
    };
    let header = VerifierHeader {
        name: schema.name.clone(),
        contract: schema.verifier_contract_name(),
        canonical: schema.canonical(),
        inputs: inputs.to_owned(),
        id: schema.id(),
    };
    verifier_source_for(&header, vk)
}

/// The verifier contract for a circuit described by `header` and its verifying key (the same
/// template for every circuit, so every verifier costs the same gas).
pub fn verifier_source_for(header: &VerifierHeader, vk: &VerifyingKey) -> String {
    let n = vk.gamma_abc_g1.len() - 1;
    let contract = &header.contract;
    let not_in_field = selector("PublicInputNotInField(uint256,uint256)");
    let proof_invalid = selector("ProofInvalid()");

    let mut constants = String::new();
    writeln!(constants, "    // BN254 scalar field modulus r.").unwrap();
    declare(&mut constants, "uint256 private constant R", &SCALAR_MODULUS.to_string());
    writeln!(constants, "\n    // Verifying key; beta, gamma and delta are stored negated.")
        .unwrap();
    g1_consts(&mut constants, "ALPHA", vk.alpha_g1);
    g2_consts(&mut constants, "NEG_BETA", -vk.beta_g2);
    g2_consts(&mut constants, "NEG_GAMMA", -vk.gamma_g2);
    g2_consts(&mut constants, "NEG_DELTA", -vk.delta_g2);
    for (i, ic) in vk.gamma_abc_g1.iter().enumerate() {
        g1_consts(&mut constants, &format!("IC{i}"), *ic);
    }

    let mut checks = String::new();
    let mut msm = String::new();
    for i in 0..n {
        let offset = format!("add(input, {:#x})", 32 * i);
        writeln!(
            checks,
            "            let s{i} := calldataload({})",
            if i == 0 { "input".into() } else { offset }
        )
        .unwrap();
        writeln!(
            checks,
            "            if iszero(lt(s{i}, R)) {{\n                mstore(f, shl(224, {not_in_field}))\n                mstore(add(f, 0x04), {i})\n                mstore(add(f, 0x24), s{i})\n                revert(f, 0x44)\n            }}"
        )
        .unwrap();
        let k = i + 1;
        writeln!(
            msm,
            "            mstore(add(f, 0x1c0), IC{k}_X)\n            mstore(add(f, 0x1e0), IC{k}_Y)\n            mstore(add(f, 0x200), s{i})\n            ok := and(ok, staticcall(gas(), 0x07, add(f, 0x1c0), 0x60, add(f, 0x1c0), 0x40))\n            ok := and(ok, staticcall(gas(), 0x06, add(f, 0x180), 0x80, add(f, 0x180), 0x40))"
        )
        .unwrap();
    }

    format!(
        r#"// SPDX-License-Identifier: MIT
// Generated by era-prover (`era verifier generate`) from the verifying key of schema `{name}`.
// Do not edit: regenerate instead.
pragma solidity {SOLIDITY_VERSION};

/// @title {contract}
/// @notice Groth16 (BN254) verifier for schema `{canonical}`.
/// {inputs}
/// @dev Reverts instead of returning false, so a caller cannot forget to check a result.
contract {contract} {{
    /// @notice The proof does not verify (an invalid point or a failed pairing check).
    error ProofInvalid();

    /// @notice Public input `index` is `value`, which is not below the scalar field modulus.
    error PublicInputNotInField(uint256 index, uint256 value);

    /// @notice keccak256 of the verifying key's words (era-prover `keys::vk_hash`).
{vk_hash}
    /// @notice keccak256 of the schema's canonical text (era-prover `Schema::id`).
{schema_id}
    /// @notice Number of public inputs `verifyProof` takes.
    uint256 public constant PUBLIC_INPUTS = {n};

{constants}
    /// @notice Reverts unless `proof` proves the schema's predicate for `input`.
    /// @param proof [A.x, A.y, B.x1, B.x0, B.y1, B.y0, C.x, C.y]; G2 coordinates imaginary part first.
    /// @param input The public inputs, each below the scalar field modulus.
    function verifyProof(uint256[8] calldata proof, uint256[{n}] calldata input) external view {{
        assembly ("memory-safe") {{
            // Scratch past the free memory pointer: the pairing input, 4 pairs of 0xc0 bytes.
            // Pair 2's G1 slot (f + 0x180) accumulates L = IC0 + sum(input_i * IC_i+1).
            let f := mload(0x40)

            // ecMul reduces its scalar mod r, so an input x + r would pass for x without this.
{checks}
            mstore(add(f, 0x180), IC0_X)
            mstore(add(f, 0x1a0), IC0_Y)
            let ok := 1
{msm}
            // e(A, B) * e(alpha, -beta) * e(L, -gamma) * e(C, -delta) == 1
            calldatacopy(f, proof, 0xc0)
            mstore(add(f, 0x0c0), ALPHA_X)
            mstore(add(f, 0x0e0), ALPHA_Y)
            mstore(add(f, 0x100), NEG_BETA_X1)
            mstore(add(f, 0x120), NEG_BETA_X0)
            mstore(add(f, 0x140), NEG_BETA_Y1)
            mstore(add(f, 0x160), NEG_BETA_Y0)
            mstore(add(f, 0x1c0), NEG_GAMMA_X1)
            mstore(add(f, 0x1e0), NEG_GAMMA_X0)
            mstore(add(f, 0x200), NEG_GAMMA_Y1)
            mstore(add(f, 0x220), NEG_GAMMA_Y0)
            calldatacopy(add(f, 0x240), add(proof, 0xc0), 0x40)
            mstore(add(f, 0x280), NEG_DELTA_X1)
            mstore(add(f, 0x2a0), NEG_DELTA_X0)
            mstore(add(f, 0x2c0), NEG_DELTA_Y1)
            mstore(add(f, 0x2e0), NEG_DELTA_Y0)
            ok := and(ok, staticcall(gas(), 0x08, f, 0x300, f, 0x20))
            if iszero(and(ok, mload(f))) {{
                mstore(f, shl(224, {proof_invalid}))
                revert(f, 0x04)
            }}
        }}
    }}
}}
"#,
        name = header.name,
        canonical = header.canonical,
        inputs = header.inputs,
        vk_hash =
            declared("bytes32 public constant VERIFYING_KEY_HASH", &keys::vk_hash(vk).to_string()),
        schema_id = declared("bytes32 public constant SCHEMA_ID", &header.id.to_string()),
    )
}
