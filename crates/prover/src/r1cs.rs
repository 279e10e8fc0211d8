//! A schema's constraint system as matrices, and in circom's `.r1cs` binary format so that
//! snarkjs can run a phase-2 ceremony on exactly the circuit era-prover proves
//! (`snarkjs zkey new <schema>.r1cs <ptau> <zkey>`).
//!
//! Wire numbering is arkworks' column order, which is circom's: wire 0 is the constant 1, wires 1
//! and 2 the public inputs `[commitment, binding]` (circom's public inputs, no outputs), then the
//! witnesses. Format: iden3/r1csfile, version 1, sections 1 (header), 2 (constraints, each
//! `A·B = C` as three sparse rows of `(wire u32, coefficient 32-byte little-endian)`) and 3 (wire
//! to label map, the identity).

use ark_bn254::Fr;
use ark_ff::{BigInteger, PrimeField, Zero};
use ark_relations::gr1cs::{
    ConstraintSynthesizer, ConstraintSystem, OptimizationGoal, R1CS_PREDICATE_LABEL,
    SynthesisError, SynthesisMode,
};

use std::{fmt, path::PathBuf};

use crate::{RecordCircuit, Result, Schema, keys::PUBLIC_INPUTS};

/// One sparse row: `(coefficient, wire)` terms.
pub type Row = Vec<(Fr, usize)>;

/// A schema's R1CS: `A·z ∘ B·z = C·z` with `z = [1, public inputs, witnesses]`.
#[derive(Clone, Debug)]
pub struct R1cs {
    /// Number of wires (the length of `z`).
    pub wires: usize,
    /// Public inputs (without the constant 1).
    pub public_inputs: usize,
    /// The A, B and C rows, one per constraint.
    pub matrices: [Vec<Row>; 3],
}

/// An `.r1cs` file written by [`R1cs::export`].
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct R1csFile {
    /// The file.
    pub path: PathBuf,
    /// Constraints.
    pub constraints: usize,
    /// Wires (the constant 1, the public inputs, the witnesses).
    pub wires: usize,
    /// The smallest Powers-of-Tau power `snarkjs zkey new` accepts for it.
    pub ptau_power: u32,
}

impl fmt::Display for R1csFile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "r1cs           {}", self.path.display())?;
        writeln!(f, "constraints    {} ({} wires)", self.constraints, self.wires)?;
        write!(f, "ptau power     {} or more", self.ptau_power)
    }
}

impl R1cs {
    /// Writes the circuit of `schema` to `out` (default: `<schema>.r1cs`), for a snarkjs
    /// phase-2 ceremony.
    pub fn export(schema: &Schema, out: Option<PathBuf>) -> Result<R1csFile> {
        let r1cs = Self::of(schema)?;
        let path = out.unwrap_or_else(|| PathBuf::from(format!("{}.r1cs", schema.name)));
        crate::files::write(&path, r1cs.to_bytes())?;
        Ok(R1csFile {
            path,
            constraints: r1cs.constraints(),
            wires: r1cs.wires,
            ptau_power: r1cs.ptau_power(),
        })
    }

    /// Synthesizes `schema`'s blank circuit the way setup and proving do.
    pub fn of(schema: &Schema) -> Result<Self> {
        schema.validate()?;
        let cs = ConstraintSystem::<Fr>::new_ref();
        cs.set_optimization_goal(OptimizationGoal::Constraints);
        cs.set_mode(SynthesisMode::Setup);
        RecordCircuit::blank(schema).generate_constraints(cs.clone())?;
        cs.finalize();
        let matrices = cs.to_matrices()?;
        let m = matrices.get(R1CS_PREDICATE_LABEL).ok_or(SynthesisError::MissingCS)?;
        let [a, b, c] = [0, 1, 2].map(|k| m[k].iter().map(|row| merged(row)).collect());
        Ok(Self {
            wires: cs.num_instance_variables() + cs.num_witness_variables(),
            public_inputs: cs.num_instance_variables() - 1,
            matrices: [a, b, c],
        })
    }

    /// Number of constraints.
    pub fn constraints(&self) -> usize {
        self.matrices[0].len()
    }

    /// The smallest Powers-of-Tau power that fits the circuit in snarkjs' `zkey new`:
    /// `floor(log2(constraints + public inputs)) + 1` (one row per public input and the constant
    /// are added to the circuit's rows).
    pub fn ptau_power(&self) -> u32 {
        let rows = self.constraints() + self.public_inputs;
        usize::BITS - rows.leading_zeros()
    }

    /// The circuit in circom's `.r1cs` binary format (see the module docs).
    pub fn to_bytes(&self) -> Vec<u8> {
        debug_assert_eq!(self.public_inputs, PUBLIC_INPUTS);
        let u32le = |out: &mut Vec<u8>, x: usize| {
            out.extend(u32::try_from(x).expect("fits u32").to_le_bytes())
        };
        let mut header = Vec::new();
        u32le(&mut header, 32);
        header.extend(Fr::MODULUS.to_bytes_le());
        u32le(&mut header, self.wires);
        u32le(&mut header, 0); // public outputs
        u32le(&mut header, self.public_inputs);
        u32le(&mut header, 0); // private inputs (none are marked)
        header.extend((self.wires as u64).to_le_bytes()); // labels
        u32le(&mut header, self.constraints());

        let mut constraints = Vec::new();
        for i in 0..self.constraints() {
            for matrix in &self.matrices {
                let row = &matrix[i];
                u32le(&mut constraints, row.len());
                for (coeff, wire) in row {
                    u32le(&mut constraints, *wire);
                    constraints.extend(coeff.into_bigint().to_bytes_le());
                }
            }
        }
        let labels: Vec<u8> = (0..self.wires as u64).flat_map(u64::to_le_bytes).collect();

        let mut out = b"r1cs".to_vec();
        out.extend(1u32.to_le_bytes());
        out.extend(3u32.to_le_bytes());
        for (kind, body) in [(1u32, header), (2, constraints), (3, labels)] {
            out.extend(kind.to_le_bytes());
            out.extend((body.len() as u64).to_le_bytes());
            out.extend(body);
        }
        out
    }
}

/// One term per wire, sorted by wire, without zero coefficients (snarkjs keeps the last term of a
/// wire that appears twice).
fn merged(row: &[(Fr, usize)]) -> Row {
    let mut terms = std::collections::BTreeMap::<usize, Fr>::new();
    for (coeff, wire) in row {
        *terms.entry(*wire).or_insert_with(Fr::zero) += coeff;
    }
    terms.into_iter().filter(|(_, c)| !c.is_zero()).map(|(w, c)| (c, w)).collect()
}
