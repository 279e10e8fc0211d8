//! What the development key's public seed allows: a proof of anything.
//!
//! A development key is drawn from `ChaCha20Rng` seeded with a public label, and arkworks draws
//! the toxic waste first (α, β, γ, δ, in that order), so anyone can redraw γ and δ. With them, for
//! any public inputs `x`: `A = α·G1`, `B = β·G2` and `C = −(γ/δ)·vk_x` satisfy the verifier's
//! `e(A, B) = e(α, β)·e(vk_x, γ)·e(C, δ)`, with `vk_x = IC_0 + Σ x_i·IC_i`. Nothing about the
//! records is needed.
//!
//! This is why a deployment must verify under a ceremony key (the development keys are on the
//! CLI's denylist), and why `RiskFeed.refute` exists: under a broken key, a publication's figures
//! can be false, and opening its commitment on chain shows it. The fixture of the refutation
//! tests is made with this function, so those tests run a false publication through the real
//! verifier rather than through a stand-in that accepts anything.

use alloy::primitives::U256;
use ark_bn254::{Bn254, Fr, G1Projective};
use ark_ec::CurveGroup as _;
use ark_ff::Field as _;
use ark_groth16::Proof;
use ark_std::UniformRand;
use ark_std::rand::SeedableRng;
use rand_chacha::ChaCha20Rng;

use super::{dev_seed, dev_setup};
use crate::{Result, field, proof::proof_to_words};

/// A proof that the development key labelled `label` accepts for the public inputs
/// `[commitment, binding]`, whatever they are.
pub fn forge_under_dev_key(label: &str, commitment: U256, binding: U256) -> Result<[U256; 8]> {
    let vk = dev_setup(label)?.vk;
    let mut rng = ChaCha20Rng::from_seed(dev_seed(label));
    let (_alpha, _beta) = (Fr::rand(&mut rng), Fr::rand(&mut rng));
    let (gamma, delta) = (Fr::rand(&mut rng), Fr::rand(&mut rng));
    let inputs =
        [field::u256_to_fr(commitment, "commitment")?, field::u256_to_fr(binding, "binding")?];
    let vk_x = inputs
        .iter()
        .zip(&vk.gamma_abc_g1[1..])
        .fold(G1Projective::from(vk.gamma_abc_g1[0]), |acc, (x, ic)| acc + *ic * x);
    let ratio = gamma * delta.inverse().expect("delta is not zero");
    let proof =
        Proof::<Bn254> { a: vk.alpha_g1, b: vk.beta_g2, c: (-(vk_x * ratio)).into_affine() };
    Ok(proof_to_words(&proof))
}
