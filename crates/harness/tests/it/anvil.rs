//! The same client over anvil and over revm gives the same answers: the suite deployed by the
//! same account from the same plan lands at the same addresses with the same gas, and reads and
//! refusals through `era-client` agree.

use std::path::PathBuf;

use alloy::{
    network::{EthereumWallet, TransactionBuilder},
    node_bindings::Anvil,
    primitives::U256,
    providers::{DynProvider, Provider, ProviderBuilder},
    rpc::types::TransactionRequest,
    signers::local::PrivateKeySigner,
};
use era_bindings::{ERAStaking, UnitSender};
use era_client::{
    Client, ERA, Module, ProviderMargin, Revert, SuiteConfig, init_code, plan, tier_id,
};
use era_harness::{DEV_ACCOUNTS, dev};

use crate::setup;

#[tokio::test]
async fn the_same_reads_give_the_same_answers_over_anvil() {
    // `tools/bin/anvil` execs the platform binary, which `AnvilInstance` stops on drop.
    let bin = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tools/bin/anvil");
    let anvil = Anvil::at(&bin).port(0u16).try_spawn().expect("anvil starts (`make install`)");
    let wallet = EthereumWallet::from(PrivateKeySigner::from_bytes(&DEV_ACCOUNTS[0].key).unwrap());
    let node = ProviderBuilder::new().wallet(wallet).connect_http(anvil.endpoint_url()).erased();
    let config = SuiteConfig::defaults(dev(0));
    let mut addresses = config.given_addresses();
    let mut deploy_gas = Vec::new();
    for contract in plan(&config) {
        let code = init_code(contract, &config, &addresses).unwrap();
        let receipt =
            node.send_transaction_sync(TransactionRequest::default().with_deploy_code(code));
        let receipt = receipt.await.unwrap();
        addresses.set(contract, receipt.contract_address.unwrap());
        deploy_gas.push((contract, receipt.gas_used));
    }
    let staking = ERAStaking::new(addresses.staking, &node);
    let wire = staking.setStakeObserver(addresses.scenarios).send().await.unwrap();
    assert!(wire.get_receipt().await.unwrap().status(), "the deployer wires staking's hook");
    let sender = UnitSender::new(addresses.unit_sender, &node);
    let wire = sender.setAssetRegistry(addresses.assets).send().await.unwrap();
    assert!(wire.get_receipt().await.unwrap().status(), "and the sender's asset registry");
    let wire = sender.setRiskFeed(addresses.risk_feed).send().await.unwrap();
    assert!(wire.get_receipt().await.unwrap().status(), "and the sender's risk feed");

    let (chain, suite) = setup();
    assert_eq!(addresses, suite.addresses(), "same deployer, same nonces, same addresses");
    assert_eq!(deploy_gas, suite.deploy_gas, "revm counts gas as anvil does");
    let (_chain, revm) = chain.serve();

    let on_anvil = reads(&Client::new(node, addresses)).await;
    assert_eq!(on_anvil.refusal.name(), Some("StakeBelowTier"));
    assert_eq!(on_anvil, reads(&Client::new(revm, addresses)).await);
}

/// What a client reads of a freshly deployed suite, and how it is refused.
#[derive(Debug, PartialEq)]
struct Reads {
    block: u64,
    min_delay: U256,
    modules: Vec<Module>,
    margin: ProviderMargin,
    refusal: Revert,
    transfer_gas: u64,
}

async fn reads(client: &Client<DynProvider>) -> Reads {
    let tier = tier_id("enterprise").unwrap();
    let err = client.staking().requireTier(dev(1), tier).call().await.unwrap_err();
    Reads {
        block: client.provider.get_block_number().await.unwrap(),
        min_delay: client.min_delay().await.unwrap(),
        modules: client.module_list().await.unwrap().modules,
        margin: client.provider_margin(dev(0)).await.unwrap(),
        refusal: Revert::from_revert_data(err.as_revert_data().unwrap()),
        transfer_gas: client.era().transfer(dev(1), ERA).from(dev(0)).estimate_gas().await.unwrap(),
    }
}
