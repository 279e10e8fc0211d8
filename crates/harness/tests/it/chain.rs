//! The chain itself: chain id, blocks per transaction, warping, dev accounts, suite deployment.

use alloy::{
    hex,
    primitives::{Address, Bytes, U256},
    signers::local::PrivateKeySigner,
    sol_types::SolValue,
};
use era_bindings::{ERAStaking, ERAToken};
use era_client::{DAY, ERA, SuiteConfig, SuiteContract, plan};
use era_harness::{
    BLOCK_TIME, CHAIN_ID, Chain, DEV_ACCOUNTS, DEV_BALANCE, DeployError, GENESIS_TIMESTAMP, Revert,
    dev,
};

/// A contract whose every call returns `(block.chainid, block.number, block.timestamp)`.
fn block_probe(chain: &mut Chain) -> Address {
    let runtime = hex!("46600052436020524260405260606000f3");
    let mut init = vec![0x70];
    init.extend(runtime);
    init.extend(hex!("600052 6011 600f f3"));
    chain.deploy(dev(0), init.into()).unwrap().address
}

fn probe(chain: &mut Chain, at: Address) -> (u64, u64, u64) {
    let out = chain.call_raw(dev(0), at, Bytes::new()).unwrap();
    let (id, number, timestamp) = <(U256, U256, U256)>::abi_decode(&out).unwrap();
    (id.to(), number.to(), timestamp.to())
}

#[test]
fn transactions_see_chain_31337_and_each_mines_a_block() {
    let mut chain = Chain::new();
    assert_eq!((chain.block_number(), chain.timestamp()), (1, GENESIS_TIMESTAMP));
    let at = block_probe(&mut chain);
    assert_eq!(probe(&mut chain, at), (CHAIN_ID, 2, GENESIS_TIMESTAMP + BLOCK_TIME));
    // Calls mine nothing.
    assert_eq!(probe(&mut chain, at), (CHAIN_ID, 2, GENESIS_TIMESTAMP + BLOCK_TIME));
    let receipt = chain.send_raw(dev(1), at, U256::ZERO, Bytes::new()).unwrap();
    let seen = <(U256, U256, U256)>::abi_decode(&receipt.ret).unwrap();
    assert_eq!(seen, (U256::from(CHAIN_ID), U256::from(2), U256::from(GENESIS_TIMESTAMP + 1)));
    assert_eq!(receipt.gas_used, 21_000 + 39, "the base cost and the probe's eleven opcodes");
    chain.warp(DAY);
    assert_eq!(probe(&mut chain, at), (CHAIN_ID, 3, GENESIS_TIMESTAMP + 2 + DAY));
}

#[test]
fn dev_accounts_are_anvils_funded_accounts() {
    let chain = Chain::new();
    for account in DEV_ACCOUNTS {
        let signer = PrivateKeySigner::from_bytes(&account.key).unwrap();
        assert_eq!(signer.address(), account.address);
        assert_eq!(chain.balance(account.address), DEV_BALANCE);
        assert_eq!(chain.nonce(account.address), 0);
    }
}

#[test]
fn ether_moves_with_value() {
    let mut chain = Chain::new();
    let to = Address::repeat_byte(0x77);
    let receipt = chain.send_raw(dev(0), to, U256::from(5), Bytes::new()).unwrap();
    assert_eq!(receipt.gas_used, 21_000);
    assert_eq!(chain.balance(to), U256::from(5));
    assert_eq!(chain.balance(dev(0)), DEV_BALANCE - U256::from(5), "gas is free");
}

#[test]
fn the_suite_deploys_per_plan_with_its_defaults() {
    let (mut chain, suite) = Chain::with_suite().unwrap();
    assert_eq!(suite.deployer, dev(0));
    // One creation per contract of the plan, then the wiring of staking's hook and of the unit
    // sender's asset registry and risk feed.
    assert_eq!(chain.nonce(dev(0)), plan(&suite.config).len() as u64 + 3);
    let order: Vec<_> = suite.deploy_gas.iter().map(|(c, _)| *c).collect();
    assert_eq!(order, plan(&suite.config));
    for (contract, gas) in &suite.deploy_gas {
        assert!(*gas > 200_000 && *gas < era_harness::TX_GAS_LIMIT, "{contract:?} used {gas}");
    }
    assert_eq!(suite.unit_route, Address::ZERO, "no mailbox, no Hyperlane unit route");
    for address in [
        suite.timelock,
        suite.era,
        suite.staking,
        suite.modules,
        suite.scenarios,
        suite.breaker,
        suite.margin,
        suite.assets,
    ] {
        assert!(chain.has_code(address));
    }
    assert!(!chain.has_code(dev(0)));
    assert_eq!(chain.call(suite.staking, &ERAStaking::eraCall {}).unwrap(), suite.era);
    assert_eq!(
        chain.call(suite.era, &ERAToken::totalSupplyCall {}).unwrap(),
        U256::from(10_000_000u64) * ERA
    );
    assert_eq!(chain.call(suite.staking, &ERAStaking::unbondingDelayCall {}).unwrap(), 7 * DAY);
    let admin = chain.call(suite.staking, &ERAStaking::DEFAULT_ADMIN_ROLECall {}).unwrap();
    let has = ERAStaking::hasRoleCall { role: admin, account: suite.timelock };
    assert!(chain.call(suite.staking, &has).unwrap());
    assert_eq!(chain.call(suite.era, &ERAToken::ownerCall {}).unwrap(), suite.timelock);
}

#[test]
fn an_existing_token_is_used_rather_than_deployed() {
    let (mut chain, first) = Chain::with_suite().unwrap();
    let config = SuiteConfig { era: Some(first.era), ..SuiteConfig::defaults(dev(5)) };
    let second = chain.deploy_suite(dev(5), &config).unwrap();
    assert_eq!(second.era, first.era);
    assert_eq!(second.deploy_gas.len(), plan(&config).len());
    // Everything the defaults deploy (no mailbox, so no Hyperlane unit route) but the token.
    assert_eq!(second.deploy_gas.len(), plan(&SuiteConfig::defaults(dev(5))).len() - 1);
    assert!(second.deploy_gas.iter().all(|(c, _)| *c != SuiteContract::ERAToken));
    assert_eq!(chain.call(second.staking, &ERAStaking::eraCall {}).unwrap(), first.era);
}

#[test]
fn a_bad_config_says_which_contract_failed() {
    let mut chain = Chain::new();
    let mut config = SuiteConfig::defaults(dev(0));
    config.unbonding_delay = 0; // below the 1-day minimum
    match chain.deploy_suite(dev(0), &config).unwrap_err() {
        DeployError::Reverted { contract, revert } => {
            assert_eq!(contract, "ERAStaking");
            assert_eq!(revert.name(), Some("DelayOutOfRange"));
            assert!(matches!(revert, Revert::Staking(_)));
        }
        other => panic!("expected a revert, got {other}"),
    }
    config.tiers[0].0 = "has space".into();
    assert!(matches!(chain.deploy_suite(dev(0), &config), Err(DeployError::Config(_))));
}

/// The constants `era-client` generates from the contracts' sources are what the deployed
/// bytecode returns.
#[test]
fn generated_constants_match_the_deployed_getters() {
    use era_bindings::{CircuitBreaker, ERAMargin, RewardsDistributor, StateAssetRegistry};
    use era_client::constants as k;
    let (mut chain, suite) = crate::setup();
    let min = chain.call(suite.margin, &ERAMargin::MIN_SLASHCall {}).unwrap();
    assert_eq!(min, k::ERAMargin::MIN_SLASH);
    let max = chain.call(suite.margin, &ERAMargin::MAX_SLASHCall {}).unwrap();
    assert_eq!(max, k::ERAMargin::MAX_SLASH);
    let assets = suite.assets;
    let one = chain.call(assets, &StateAssetRegistry::COEFFICIENT_ONECall {}).unwrap();
    assert_eq!(one, k::StateAssetRegistry::COEFFICIENT_ONE);
    let max = chain.call(assets, &StateAssetRegistry::MAX_COEFFICIENTCall {}).unwrap();
    assert_eq!(max, k::StateAssetRegistry::MAX_COEFFICIENT);
    let period = chain.call(assets, &StateAssetRegistry::MAX_AUTHORIZATION_PERIODCall {}).unwrap();
    assert_eq!(period, k::StateAssetRegistry::MAX_AUTHORIZATION_PERIOD);
    let owner = chain.call(assets, &StateAssetRegistry::MAX_OWNER_REWARDCall {}).unwrap();
    assert_eq!(owner, k::StateAssetRegistry::MAX_OWNER_REWARD);
    let dev = chain.call(assets, &StateAssetRegistry::DEVELOPER_REWARDCall {}).unwrap();
    assert_eq!(dev, k::StateAssetRegistry::DEVELOPER_REWARD);
    let domains = chain.call(suite.breaker, &CircuitBreaker::MAX_DOMAINCall {}).unwrap();
    assert_eq!(domains, k::CircuitBreaker::MAX_DOMAIN);
    let bond = chain.call(suite.distributor, &RewardsDistributor::POST_BONDCall {}).unwrap();
    assert_eq!(bond, k::RewardsDistributor::POST_BOND);
    let delay = chain.call(suite.distributor, &RewardsDistributor::activationDelayCall {}).unwrap();
    assert_eq!(delay, k::RewardsDistributor::DEFAULT_ACTIVATION_DELAY, "the config's default");
}
