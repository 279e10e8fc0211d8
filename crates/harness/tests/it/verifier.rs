//! A Groth16 proof made by era-prover with the development keys verifies in the generated
//! Solidity verifier deployed in the harness; tampered proofs and inputs revert by name.

use std::sync::OnceLock;

use alloy::{
    primitives::{Address, B256, U256},
    sol,
};
use era_harness::{Chain, Revert, dev};
use era_prover::{
    Binding, Entry, Fr, ProofBundle, ProvingKey, Record, Schema,
    field::SCALAR_MODULUS,
    keys::{DEFAULT_DEV_LABEL, dev_setup, vk_hash},
    prove,
};

sol!(
    #[sol(rpc)]
    #[derive(Debug, PartialEq, Eq)]
    OnTimeVerifier,
    "../../out/OnTimeVerifier.sol/OnTimeVerifier.json"
);

use OnTimeVerifier::OnTimeVerifierErrors;

/// The on-time schema and its development key (the one the committed verifier was generated
/// from), set up once per test binary.
fn on_time() -> &'static (Schema, ProvingKey) {
    static KEY: OnceLock<(Schema, ProvingKey)> = OnceLock::new();
    KEY.get_or_init(|| {
        let schema = Schema::by_name("on-time").unwrap();
        let pk = dev_setup(&schema, DEFAULT_DEV_LABEL).unwrap();
        (schema, pk)
    })
}

fn binding(schema: &Schema, subject: Address) -> Binding {
    Binding {
        subject,
        scenario: B256::repeat_byte(0x5c),
        schema: schema.id(),
        chain_id: era_harness::CHAIN_ID,
        registry: Address::repeat_byte(0xe4),
    }
}

/// Twelve months delivered on time (at most 3 days late each).
fn proof_for(subject: Address) -> ProofBundle {
    let (schema, pk) = on_time();
    let entries = [0, 1, 3, 2, 0, 0, 3, 1, 0, 2, 0, 1].map(|value| Entry { value, valid: true });
    let record = Record { salt: Fr::from(0x5a17u64), entries: entries.to_vec() };
    prove(pk, schema, &record, &binding(schema, subject), &mut era_prover::os_rng()).unwrap()
}

fn deploy(chain: &mut Chain) -> Address {
    chain.deploy(dev(0), OnTimeVerifier::BYTECODE.clone()).unwrap().address
}

fn verify(
    chain: &mut Chain,
    at: Address,
    proof: [U256; 8],
    input: [U256; 2],
) -> Result<u64, Revert> {
    chain.send(dev(1), at, &OnTimeVerifier::verifyProofCall { proof, input }).map(|r| r.gas_used)
}

fn inputs(bundle: &ProofBundle) -> [U256; 2] {
    [bundle.public_inputs[0], bundle.public_inputs[1]]
}

#[test]
fn a_prover_proof_verifies_on_chain() {
    let mut chain = Chain::new();
    let at = deploy(&mut chain);
    let (schema, pk) = on_time();
    assert_eq!(
        chain.call(at, &OnTimeVerifier::VERIFYING_KEY_HASHCall {}).unwrap(),
        vk_hash(&pk.vk)
    );
    assert_eq!(chain.call(at, &OnTimeVerifier::SCHEMA_IDCall {}).unwrap(), schema.id());

    let bundle = proof_for(dev(1));
    let gas = verify(&mut chain, at, bundle.proof, inputs(&bundle)).unwrap();
    // Four pairings (34,000 * 4 + 45,000) plus two scalar multiplications and the calldata.
    assert!(gas > 181_000 && gas < 260_000, "verification used {gas} gas");
    // The prover's own calldata is the same call.
    chain.send_raw(dev(1), at, U256::ZERO, bundle.calldata.clone()).unwrap();
}

#[test]
fn tampered_proofs_and_inputs_revert() {
    let mut chain = Chain::new();
    let at = deploy(&mut chain);
    let bundle = proof_for(dev(1));
    let invalid = |err: Revert| {
        assert_eq!(
            err.custom::<OnTimeVerifierErrors>(),
            Some(OnTimeVerifierErrors::ProofInvalid(OnTimeVerifier::ProofInvalid {})),
            "{err}"
        );
    };

    // Every word of the proof, nudged by one.
    for i in 0..8 {
        let mut proof = bundle.proof;
        proof[i] += U256::ONE;
        invalid(verify(&mut chain, at, proof, inputs(&bundle)).unwrap_err());
    }
    // Valid curve points in the wrong places: A and C swapped.
    let mut proof = bundle.proof;
    proof.swap(0, 6);
    proof.swap(1, 7);
    invalid(verify(&mut chain, at, proof, inputs(&bundle)).unwrap_err());

    // The proof is bound to its subject: someone else's binding does not verify.
    let (schema, _) = on_time();
    let other = era_prover::field::fr_to_u256(binding(schema, dev(2)).to_field());
    invalid(verify(&mut chain, at, bundle.proof, [bundle.public_inputs[0], other]).unwrap_err());
    // Nor does another commitment.
    let commitment = bundle.public_inputs[0] + U256::ONE;
    invalid(
        verify(&mut chain, at, bundle.proof, [commitment, bundle.public_inputs[1]]).unwrap_err(),
    );

    // An input outside the scalar field is named with its index and value.
    let err = verify(&mut chain, at, bundle.proof, [bundle.public_inputs[0], SCALAR_MODULUS])
        .unwrap_err();
    match err.custom::<OnTimeVerifierErrors>() {
        Some(OnTimeVerifierErrors::PublicInputNotInField(e)) => {
            assert_eq!((e.index, e.value), (U256::ONE, SCALAR_MODULUS));
        }
        other => panic!("expected PublicInputNotInField, got {other:?} ({err})"),
    }

    // The untouched proof still verifies.
    verify(&mut chain, at, bundle.proof, inputs(&bundle)).unwrap();
}
