//! snarkjs' Groth16 `.zkey` files: the proving key and the phase-2 transcript of a ceremony.
//!
//! Container (iden3 binfile): magic `zkey`, version u32, section count u32, then sections of
//! `(type u32, size u64, bytes)`. Groth16 sections: 1 protocol (1 = Groth16); 2 header (field
//! sizes and moduli, nVars, nPublic, domain size, α₁, β₁, β₂, γ₂, δ₁, δ₂); 3 IC; 4 coefficients
//! (snarkjs' own witness map; unused here, era-prover proves from its own matrices); 5 A;
//! 6 B in G1; 7 B in G2; 8 C (the L query of the private wires); 9 H; 10 the MPC parameters
//! (circuit hash, then each contribution: δ after it, its proof of knowledge `(g1_s, g1_sx,
//! g2_spx)`, its transcript hash, its type (0 contribution, 1 beacon) and name/beacon params).
//! Points are affine, little-endian Montgomery coordinates (ffjavascript `toRprLEM`); G2
//! coordinates are `(c0, c1)`; the point at infinity is all zeros. Every point read here is
//! checked to be on the curve and (G2) in the prime-order subgroup.

use std::collections::BTreeMap;

use ark_bn254::{Fq, Fq2, Fr, G1Affine, G2Affine};
use ark_ec::AffineRepr;
use ark_ff::{BigInt, PrimeField};

use crate::{Error, ProvingKey, Result, VerifyingKey};

/// One phase-2 contribution, as recorded in the zkey.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Contribution {
    /// The contributor's name, if given (`zkey contribute --name`).
    pub name: Option<String>,
    /// Whether this is the final random beacon (`zkey beacon`).
    pub beacon: bool,
    /// The beacon's hash (hex), for a beacon.
    pub beacon_hash: Option<String>,
    /// The beacon's iteration exponent, for a beacon.
    pub beacon_iterations_exp: Option<u8>,
    /// The contribution's transcript hash (Blake2b-512, hex): what snarkjs prints.
    pub transcript: String,
}

/// A parsed Groth16 zkey.
#[derive(Clone, Debug)]
pub struct Zkey {
    /// The proving key (with the verifying key).
    pub pk: ProvingKey,
    /// Number of wires of the circuit it was made for.
    pub wires: usize,
    /// Number of public inputs.
    pub public_inputs: usize,
    /// QAP domain size.
    pub domain_size: usize,
    /// The circuit hash snarkjs computed at `zkey new` (hex).
    pub circuit_hash: String,
    /// The phase-2 contributions, oldest first.
    pub contributions: Vec<Contribution>,
    /// δ (G1) after each contribution.
    pub deltas: Vec<G1Affine>,
}

struct Reader<'a> {
    bytes: &'a [u8],
    what: &'a str,
}

impl<'a> Reader<'a> {
    fn bad(&self, why: &str) -> Error {
        Error::Zkey { what: self.what.to_owned(), reason: why.to_owned() }
    }

    fn take(&mut self, n: usize) -> Result<&'a [u8]> {
        if self.bytes.len() < n {
            return Err(self.bad("truncated"));
        }
        let (head, tail) = self.bytes.split_at(n);
        self.bytes = tail;
        Ok(head)
    }

    fn u32(&mut self) -> Result<u32> {
        Ok(u32::from_le_bytes(self.take(4)?.try_into().expect("4 bytes")))
    }

    fn u64(&mut self) -> Result<u64> {
        Ok(u64::from_le_bytes(self.take(8)?.try_into().expect("8 bytes")))
    }

    fn limbs(&mut self) -> Result<[u64; 4]> {
        let b = self.take(32)?;
        Ok(std::array::from_fn(|i| u64::from_le_bytes(b[8 * i..8 * i + 8].try_into().unwrap())))
    }

    /// A base field element in Montgomery form.
    fn fq(&mut self) -> Result<Fq> {
        let limbs = self.limbs()?;
        if BigInt(limbs) >= Fq::MODULUS {
            return Err(self.bad("coordinate not below the base field modulus"));
        }
        Ok(Fq::new_unchecked(BigInt(limbs)))
    }

    fn g1(&mut self) -> Result<G1Affine> {
        let (x, y) = (self.fq()?, self.fq()?);
        if x == Fq::from(0u8) && y == Fq::from(0u8) {
            return Ok(G1Affine::zero());
        }
        let p = G1Affine::new_unchecked(x, y);
        if !p.is_on_curve() {
            return Err(self.bad("a G1 point is not on the curve"));
        }
        Ok(p)
    }

    fn g2(&mut self) -> Result<G2Affine> {
        let x = Fq2::new(self.fq()?, self.fq()?);
        let y = Fq2::new(self.fq()?, self.fq()?);
        if x == Fq2::from(0u8) && y == Fq2::from(0u8) {
            return Ok(G2Affine::zero());
        }
        let p = G2Affine::new_unchecked(x, y);
        if !p.is_on_curve() || !p.is_in_correct_subgroup_assuming_on_curve() {
            return Err(self.bad("a G2 point is not in the prime-order subgroup"));
        }
        Ok(p)
    }

    fn g1s(&mut self, n: usize) -> Result<Vec<G1Affine>> {
        (0..n).map(|_| self.g1()).collect()
    }

    fn done(&self) -> Result<()> {
        if self.bytes.is_empty() { Ok(()) } else { Err(self.bad("trailing bytes in a section")) }
    }
}

impl Zkey {
    /// Parses a Groth16 zkey over BN254 (see the module docs); `what` names it in errors.
    pub fn from_bytes(bytes: &[u8], what: &str) -> Result<Self> {
        let mut file = Reader { bytes, what };
        if file.take(4)? != b"zkey" {
            return Err(file.bad("not a snarkjs .zkey file (no `zkey` magic)"));
        }
        if file.u32()? != 1 {
            return Err(file.bad("unsupported zkey version"));
        }
        let mut sections = BTreeMap::new();
        for _ in 0..file.u32()? {
            let kind = file.u32()?;
            let size = usize::try_from(file.u64()?).map_err(|_| file.bad("section too large"))?;
            if sections.insert(kind, file.take(size)?).is_some() {
                return Err(file.bad("a section appears twice"));
            }
        }
        let section = |kind: u32| -> Result<Reader<'_>> {
            let bytes = sections.get(&kind).ok_or_else(|| Error::Zkey {
                what: what.to_owned(),
                reason: format!("section {kind} is missing"),
            })?;
            Ok(Reader { bytes, what })
        };

        let mut protocol = section(1)?;
        if protocol.u32()? != 1 {
            return Err(protocol.bad("not a Groth16 zkey (PLONK or FFLONK)"));
        }
        let mut h = section(2)?;
        for modulus in [Fq::MODULUS, Fr::MODULUS] {
            if h.u32()? != 32 || BigInt(h.limbs()?) != modulus {
                return Err(h.bad("not a BN254 (bn128) zkey"));
            }
        }
        let wires = h.u32()? as usize;
        let public_inputs = h.u32()? as usize;
        let domain_size = h.u32()? as usize;
        let (alpha_g1, beta_g1, beta_g2) = (h.g1()?, h.g1()?, h.g2()?);
        let (gamma_g2, delta_g1, delta_g2) = (h.g2()?, h.g1()?, h.g2()?);
        h.done()?;
        if public_inputs >= wires || !domain_size.is_power_of_two() {
            return Err(h.bad("inconsistent header"));
        }

        let read_g1s = |kind: u32, n: usize| -> Result<Vec<G1Affine>> {
            let mut r = section(kind)?;
            let points = r.g1s(n)?;
            r.done()?;
            Ok(points)
        };
        let gamma_abc_g1 = read_g1s(3, public_inputs + 1)?;
        let a_query = read_g1s(5, wires)?;
        let b_g1_query = read_g1s(6, wires)?;
        let b_g2_query = {
            let mut r = section(7)?;
            let points = (0..wires).map(|_| r.g2()).collect::<Result<Vec<_>>>()?;
            r.done()?;
            points
        };
        let l_query = read_g1s(8, wires - public_inputs - 1)?;
        let h_query = read_g1s(9, domain_size)?;

        let mut mpc = section(10)?;
        let circuit_hash = alloy::hex::encode(mpc.take(64)?);
        let mut deltas = Vec::new();
        let contributions = (0..mpc.u32()?)
            .map(|_| {
                deltas.push(mpc.g1()?);
                let (_g1_s, _g1_sx, _g2_spx) = (mpc.g1()?, mpc.g1()?, mpc.g2()?);
                let transcript = alloy::hex::encode(mpc.take(64)?);
                let beacon = match mpc.u32()? {
                    0 => false,
                    1 => true,
                    _ => return Err(mpc.bad("unknown contribution type")),
                };
                let mut params = Reader {
                    bytes: {
                        let n = mpc.u32()? as usize;
                        mpc.take(n)?
                    },
                    what,
                };
                let mut c = Contribution {
                    name: None,
                    beacon,
                    beacon_hash: None,
                    beacon_iterations_exp: None,
                    transcript,
                };
                while !params.bytes.is_empty() {
                    match params.take(1)?[0] {
                        1 => {
                            let n = params.take(1)?[0] as usize;
                            c.name = Some(String::from_utf8_lossy(params.take(n)?).into_owned());
                        }
                        2 => c.beacon_iterations_exp = Some(params.take(1)?[0]),
                        3 => {
                            let n = params.take(1)?[0] as usize;
                            c.beacon_hash = Some(alloy::hex::encode(params.take(n)?));
                        }
                        _ => return Err(params.bad("unknown contribution parameter")),
                    }
                }
                Ok(c)
            })
            .collect::<Result<Vec<_>>>()?;
        mpc.done()?;

        let vk = VerifyingKey { alpha_g1, beta_g2, gamma_g2, delta_g2, gamma_abc_g1 };
        let pk =
            ProvingKey { vk, beta_g1, delta_g1, a_query, b_g1_query, b_g2_query, h_query, l_query };
        Ok(Self { pk, wires, public_inputs, domain_size, circuit_hash, contributions, deltas })
    }

    /// Reads and parses a zkey file.
    pub fn read(path: &std::path::Path) -> Result<Self> {
        let bytes = std::fs::read(path)
            .map_err(|source| Error::Io { path: path.display().to_string(), source })?;
        Self::from_bytes(&bytes, &path.display().to_string())
    }
}
