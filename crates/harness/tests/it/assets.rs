//! The state-asset registry of the deployed suite with proofs made by era-prover on the spot:
//! registration verifies the proof on chain and escrows the anchor stake, a paid authorization
//! splits its fee exactly, and replayed or misbound proofs are refused by name.

use alloy::{
    primitives::{Address, B256, U256, keccak256},
    sol,
};
use era_bindings::{
    ERAToken,
    StateAssetRegistry::{self, StateAssetRegistryErrors},
};
use era_harness::{CHAIN_ID, Chain, Suite, dev};
use era_prover::{Binding, Entry, Fr, ProofBundle, Record, Schema, keys, prove};

use crate::{era, setup};

sol!(
    #[sol(rpc)]
    #[derive(Debug, PartialEq, Eq)]
    OnTimeVerifier,
    "../../out/OnTimeVerifier.sol/OnTimeVerifier.json"
);

/// 0.01 ERA in wei.
const CENT: U256 = U256::from_limbs([10_000_000_000_000_000, 0, 0, 0]);

struct Fixture {
    chain: Chain,
    suite: Suite,
    schema: Schema,
    schema_id: B256,
    scenario: B256,
    developer: Address,
}

/// The suite, the on-time verifier and a "shipping" schema (coefficient 1.5, max 2.5, fee 1 ERA).
fn fixture() -> Fixture {
    let (mut chain, suite) = setup();
    let schema = Schema::by_name("on-time").unwrap();
    let verifier = chain.deploy(dev(0), OnTimeVerifier::BYTECODE.clone()).unwrap().address;
    let scenario = keccak256("shipping");
    let developer = dev(9);
    let set = StateAssetRegistry::setSchemaCall {
        verifier,
        scenario,
        developer,
        baseCoefficient: 15_000,
        maxCoefficient: 25_000,
        fee: era(1).to(),
    };
    suite.govern(&mut chain, suite.assets, &set).unwrap();
    let schema_id = chain
        .call(suite.assets, &StateAssetRegistry::schemaIdOfCall { circuit: schema.id(), scenario })
        .unwrap();
    Fixture { chain, suite, schema, schema_id, scenario, developer }
}

impl Fixture {
    /// A proof of twelve on-time months for `subject`, bound to this chain and registry.
    fn proof(&self, subject: Address, salt: u64) -> ProofBundle {
        let pk = keys::dev_setup(&self.schema, keys::DEFAULT_DEV_LABEL).unwrap();
        let entries =
            [0, 1, 3, 2, 0, 0, 3, 1, 0, 2, 0, 1].map(|value| Entry { value, valid: true });
        let record = Record { salt: Fr::from(salt), entries: entries.to_vec() };
        let binding = Binding {
            subject,
            scenario: self.scenario,
            schema: self.schema.id(),
            chain_id: CHAIN_ID,
            registry: self.suite.assets,
        };
        prove(&pk, &self.schema, &record, &binding, &mut era_prover::os_rng()).unwrap()
    }

    fn fund(&mut self, account: Address, amount: U256) {
        self.suite.give_era(&mut self.chain, account, amount).unwrap();
        let approve = ERAToken::approveCall { spender: self.suite.assets, value: U256::MAX };
        self.chain.send(account, self.suite.era, &approve).unwrap();
    }

    fn register(
        &mut self,
        owner: Address,
        bundle: &ProofBundle,
    ) -> Result<(B256, u64), era_harness::Revert> {
        let call = StateAssetRegistry::registerCall {
            schemaId: self.schema_id,
            commitment: bundle.public_inputs[0],
            proof: bundle.proof,
        };
        self.chain.send(owner, self.suite.assets, &call).map(|r| (r.ret, r.gas_used))
    }

    /// The registry's error: decoded by the harness itself (it knows every contract of the
    /// suite's table), not through `custom`.
    fn error(&self, err: &era_harness::Revert) -> StateAssetRegistryErrors {
        match err {
            era_harness::Revert::Assets(e) => e.clone(),
            other => panic!("not a registry error: {other}"),
        }
    }
}

#[test]
fn a_real_proof_registers_and_a_paid_authorization_splits_the_fee() {
    let mut f = fixture();
    let owner = dev(1);
    f.fund(owner, era(10_001));
    let bundle = f.proof(owner, 7);
    // The registry binds the proof exactly as the prover does.
    let binding = f
        .chain
        .call(
            f.suite.assets,
            &StateAssetRegistry::bindingOfCall { subject: owner, schemaId: f.schema_id },
        )
        .unwrap();
    assert_eq!(binding, bundle.public_inputs[1]);

    let (asset_id, gas) = f.register(owner, &bundle).unwrap();
    assert!(gas < 500_000, "register used {gas} gas");
    assert_eq!(f.suite.era_balance(&mut f.chain, f.suite.assets).unwrap(), era(10_000));
    let asset = f
        .chain
        .call(f.suite.assets, &StateAssetRegistry::assetOfCall { assetId: asset_id })
        .unwrap();
    assert_eq!((asset.owner, asset.commitment), (owner, bundle.public_inputs[0]));

    let consumer = B256::left_padding_from(dev(2).as_slice());
    let expiry = f.chain.timestamp() + 30 * 86_400;
    let authorize = StateAssetRegistry::authorizeCall { assetId: asset_id, consumer, expiry };
    f.chain.send(owner, f.suite.assets, &authorize).unwrap();
    let credits = |f: &mut Fixture, account| {
        f.chain.call(f.suite.assets, &StateAssetRegistry::creditsCall { account }).unwrap()
    };
    // Coefficient 1.5: the owner earns 0.2 ERA, the developer 0.01, the treasury (fees inbox) 0.79.
    assert_eq!(credits(&mut f, owner), CENT * U256::from(20));
    let (developer, treasury) = (f.developer, f.suite.fees_inbox);
    assert_eq!(credits(&mut f, developer), CENT);
    assert_eq!(credits(&mut f, treasury), CENT * U256::from(79));
    let check = StateAssetRegistry::isAuthorizedCall { assetId: asset_id, consumer };
    assert!(f.chain.call(f.suite.assets, &check).unwrap());
    f.chain.warp(30 * 86_400);
    assert!(!f.chain.call(f.suite.assets, &check).unwrap());
}

#[test]
fn replayed_and_misbound_proofs_are_refused_and_take_nothing() {
    let mut f = fixture();
    let (owner, other) = (dev(1), dev(2));
    f.fund(owner, era(10_000));
    f.fund(other, era(10_000));
    let bundle = f.proof(owner, 7);

    // Someone else submitting the owner's proof: bound to another subject.
    let err = f.register(other, &bundle).unwrap_err();
    assert_eq!(
        f.error(&err),
        StateAssetRegistryErrors::ProofRejected(StateAssetRegistry::ProofRejected {
            schemaId: f.schema_id,
            subject: other
        })
    );
    assert_eq!(f.suite.era_balance(&mut f.chain, other).unwrap(), era(10_000), "no stake taken");

    let (asset_id, _) = f.register(owner, &bundle).unwrap();
    let err = f.register(owner, &bundle).unwrap_err();
    assert_eq!(
        f.error(&err),
        StateAssetRegistryErrors::ProofReplayed(StateAssetRegistry::ProofReplayed {
            assetId: asset_id,
            commitment: bundle.public_inputs[0]
        })
    );
    // A fresh proof of another record for the same subject, scenario and circuit.
    let again = f.proof(owner, 8);
    let err = f.register(owner, &again).unwrap_err();
    assert_eq!(
        f.error(&err),
        StateAssetRegistryErrors::AssetExists(StateAssetRegistry::AssetExists {
            assetId: asset_id
        })
    );
}
