//! Conversions between BN254 field elements and EVM words, and the proof's binding input.

use alloy::primitives::{Address, B256, U256, keccak256};
use ark_bn254::{Fq, Fr};
use ark_ff::{BigInt, PrimeField};

use crate::{Error, Result};

/// The BN254 scalar field modulus r (public inputs must be below it).
pub const SCALAR_MODULUS: U256 = U256::from_limbs(Fr::MODULUS.0);

/// The BN254 base field modulus q (curve coordinates are below it).
pub const BASE_MODULUS: U256 = U256::from_limbs(Fq::MODULUS.0);

/// A scalar as a 256-bit word.
pub fn fr_to_u256(x: Fr) -> U256 {
    U256::from_limbs(x.into_bigint().0)
}

/// A base field element as a 256-bit word.
pub fn fq_to_u256(x: Fq) -> U256 {
    U256::from_limbs(x.into_bigint().0)
}

/// A word as a scalar; refuses words >= r instead of reducing them (reducing would let `x + r`
/// stand for `x`).
pub fn u256_to_fr(x: U256, what: &str) -> Result<Fr> {
    Fr::from_bigint(BigInt(x.into_limbs()))
        .ok_or_else(|| Error::NotInField { what: what.to_owned(), value: x })
}

/// A word as a base field element; refuses words >= q.
pub fn u256_to_fq(x: U256, what: &str) -> Result<Fq> {
    Fq::from_bigint(BigInt(x.into_limbs())).ok_or_else(|| Error::InvalidPoint(what.to_owned()))
}

/// Parses a decimal or `0x` hex number that must be a scalar field element.
pub fn parse_fr(text: &str, what: &str) -> Result<Fr> {
    let bad = || Error::BadNumber { what: what.to_owned(), text: text.to_owned() };
    let word = match text.strip_prefix("0x").or_else(|| text.strip_prefix("0X")) {
        Some(hex) => U256::from_str_radix(hex, 16).map_err(|_| bad())?,
        None => U256::from_str_radix(text, 10).map_err(|_| bad())?,
    };
    u256_to_fr(word, what)
}

/// Formats a scalar as 0x-prefixed, 64-digit hex.
pub fn fr_hex(x: Fr) -> String {
    format!("{:#066x}", fr_to_u256(x))
}

/// What a proof is bound to, so it cannot be replayed for another subject, scenario, schema,
/// chain or registry.
///
/// It becomes ONE public input: `uint256(keccak256(abi.encode(subject, scenario, schema,
/// chainId, registry))) >> 3`. Dropping the low 3 bits leaves 253 bits, always below r, so
/// the same value is computed with one shift in Solidity and no reduction is ambiguous.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Binding {
    /// The address the record is about (the asset owner).
    pub subject: Address,
    /// The scenario that produced the record.
    pub scenario: B256,
    /// The schema id ([`crate::Schema::id`]).
    pub schema: B256,
    /// The chain the proof is used on.
    pub chain_id: u64,
    /// The registry contract that consumes the proof.
    pub registry: Address,
}

impl Binding {
    /// The binding as a scalar field element (see the type's docs for the formula).
    pub fn to_field(&self) -> Fr {
        let mut encoded = [0u8; 160];
        encoded[12..32].copy_from_slice(self.subject.as_slice());
        encoded[32..64].copy_from_slice(self.scenario.as_slice());
        encoded[64..96].copy_from_slice(self.schema.as_slice());
        encoded[96..128].copy_from_slice(&U256::from(self.chain_id).to_be_bytes::<32>());
        encoded[140..160].copy_from_slice(self.registry.as_slice());
        let word: U256 = U256::from_be_bytes(keccak256(encoded).0) >> 3usize;
        Fr::from_bigint(BigInt(word.into_limbs())).expect("253-bit words are below r")
    }
}

impl ProofBinding for Binding {
    fn to_field(&self) -> Fr {
        Binding::to_field(self)
    }
    fn circuit(&self) -> B256 {
        self.schema
    }
    fn threshold(&self) -> Option<u8> {
        None
    }
}

/// What a derivative proof is bound to: the core asset whose commitment it opens, the
/// derivative circuit, the chain and the derivative registry, plus the threshold it proves.
///
/// It becomes ONE public input, as the DerivativeRegistry computes it:
/// `((uint256(keccak256(abi.encode(coreAssetId, circuit, chainId, registry))) >> 10) << 7) |
/// threshold`. The hash keeps 246 bits above a 7-bit threshold, so the value is below 2^253 < r;
/// the circuit decomposes it into 253 bits and reads the threshold from the low 7.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DerivativeBinding {
    /// The core asset (the state-asset registry's asset id) whose committed record is opened.
    pub core_asset: B256,
    /// The derivative schema id ([`crate::Schema::id`], the verifier's `SCHEMA_ID()`).
    pub circuit: B256,
    /// The chain the proof is used on.
    pub chain_id: u64,
    /// The derivative registry that consumes the proof.
    pub registry: Address,
    /// The threshold percent the proof shows the record meets (0..=100; [`crate::prove`]
    /// refuses others, and above 127 it would overwrite the hash's bits).
    pub threshold: u8,
}

impl DerivativeBinding {
    /// Bits of the threshold at the bottom of the binding input.
    pub const THRESHOLD_BITS: usize = 7;

    /// The binding as a scalar field element (see the type's docs for the formula).
    pub fn to_field(&self) -> Fr {
        let mut encoded = [0u8; 128];
        encoded[..32].copy_from_slice(self.core_asset.as_slice());
        encoded[32..64].copy_from_slice(self.circuit.as_slice());
        encoded[64..96].copy_from_slice(&U256::from(self.chain_id).to_be_bytes::<32>());
        encoded[108..128].copy_from_slice(self.registry.as_slice());
        let hash = U256::from_be_bytes(keccak256(encoded).0);
        let word = ((hash >> 10usize) << Self::THRESHOLD_BITS) | U256::from(self.threshold);
        Fr::from_bigint(BigInt(word.into_limbs())).expect("253-bit words are below r")
    }
}

impl ProofBinding for DerivativeBinding {
    fn to_field(&self) -> Fr {
        DerivativeBinding::to_field(self)
    }
    fn circuit(&self) -> B256 {
        self.circuit
    }
    fn threshold(&self) -> Option<u8> {
        Some(self.threshold)
    }
}

/// What a proof's second public input binds it to: a core record's [`Binding`] or a derivative's
/// [`DerivativeBinding`]. [`crate::prove`] takes either.
pub trait ProofBinding: Copy + std::fmt::Debug {
    /// The public input.
    fn to_field(&self) -> Fr;
    /// The schema id it names; a proof is only made for that schema.
    fn circuit(&self) -> B256;
    /// The threshold percent it carries (derivative bindings only).
    fn threshold(&self) -> Option<u8>;
}

/// A G1 point as EVM words `[x, y]` (the point at infinity is `[0, 0]`, as in EIP-196).
pub fn g1_words(p: ark_bn254::G1Affine) -> [U256; 2] {
    use ark_ec::AffineRepr;
    if p.is_zero() {
        return [U256::ZERO; 2];
    }
    [fq_to_u256(p.x), fq_to_u256(p.y)]
}

/// A G2 point as EVM words `[x.c1, x.c0, y.c1, y.c0]` (imaginary part first, as EIP-197).
pub fn g2_words(p: ark_bn254::G2Affine) -> [U256; 4] {
    use ark_ec::AffineRepr;
    if p.is_zero() {
        return [U256::ZERO; 4];
    }
    [fq_to_u256(p.x.c1), fq_to_u256(p.x.c0), fq_to_u256(p.y.c1), fq_to_u256(p.y.c0)]
}

/// A G1 point from EVM words, checked to be on the curve (G1 has cofactor 1).
pub fn g1_from_words(w: [U256; 2], what: &str) -> Result<ark_bn254::G1Affine> {
    use ark_ec::AffineRepr;
    if w == [U256::ZERO; 2] {
        return Ok(ark_bn254::G1Affine::zero());
    }
    let p = ark_bn254::G1Affine::new_unchecked(u256_to_fq(w[0], what)?, u256_to_fq(w[1], what)?);
    if !p.is_on_curve() {
        return Err(Error::InvalidPoint(what.to_owned()));
    }
    Ok(p)
}

/// A G2 point from EVM words, checked to be on the curve and in the prime-order subgroup.
pub fn g2_from_words(w: [U256; 4], what: &str) -> Result<ark_bn254::G2Affine> {
    use ark_ec::AffineRepr;
    if w == [U256::ZERO; 4] {
        return Ok(ark_bn254::G2Affine::zero());
    }
    let fq2 = |c1, c0| -> Result<ark_bn254::Fq2> {
        Ok(ark_bn254::Fq2::new(u256_to_fq(c0, what)?, u256_to_fq(c1, what)?))
    };
    let p = ark_bn254::G2Affine::new_unchecked(fq2(w[0], w[1])?, fq2(w[2], w[3])?);
    if !p.is_on_curve() || !p.is_in_correct_subgroup_assuming_on_curve() {
        return Err(Error::InvalidPoint(what.to_owned()));
    }
    Ok(p)
}
