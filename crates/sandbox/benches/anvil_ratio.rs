//! The same 1,000-action slice of a sandbox run (500 `era stake` and 500 `era delegate`: the
//! era-client calls, acting for 1,000 accounts) on the sandbox's in-process revm chain and on a
//! real anvil over HTTP JSON-RPC, timed, and their ratio (the goal: the sandbox at least
//! 1,000x faster).
//!
//! `cargo bench -p era-sandbox --bench anvil_ratio` (`make bench`, release); `-- --actions N`
//! for another slice. Starts `tools/bin/anvil` on a free loopback port with
//! `--auto-impersonate` (the sandbox's accounts have no keys: anvil takes their transactions
//! unsigned, as the harness does) and stops it after. Funding the accounts is not timed.
//!
//! Measured 2026-11-30 (2-core machine shared with other engineers' builds, release, anvil
//! from tools/bin), two runs: sandbox 0.50 s (0.50 ms per action) against anvil 630 s (630 ms
//! per action): 1,263x, the goal met; under heavier load from other builds the sandbox took
//! 0.83 s and the ratio was 756x. anvil's time is mostly waiting: after the first hundred or so
//! actions alloy finds no receipt on its first look and waits for its 250 ms poll (with 50
//! actions anvil takes 6.6 ms per action and the ratio is 4x), so the ratio says as much about
//! how the CLI's provider waits on anvil as about revm. The sandbox's own cost is the client's:
//! see `benches/scale.rs` for where its time goes.

use std::{path::PathBuf, time::Instant};

use alloy::{
    network::TransactionBuilder,
    node_bindings::Anvil,
    primitives::U256,
    providers::{DynProvider, Provider, ProviderBuilder},
    rpc::types::TransactionRequest,
};
use era_bindings::ERAToken;
use era_client::{Client, ERA, SuiteAddresses, SuiteConfig, init_code, plan};
use era_harness::{Chain, dev};
use era_sandbox::{
    accounts::{Actor, address},
    sender::{self, Acting},
};

/// Funds the slice's accounts from the supply (not timed): each node and holder gets 1,000 ERA.
async fn fund(provider: &DynProvider, acting: &Acting, suite: &SuiteAddresses, pairs: u32) {
    let era = ERAToken::new(suite.era, provider);
    acting.set(dev(0));
    for i in 0..pairs {
        for account in [address(Actor::Node, i), address(Actor::Delegator, i)] {
            let sent = era.transfer(account, U256::from(1_000u64) * ERA).send().await.unwrap();
            assert!(sent.get_receipt().await.unwrap().status());
        }
    }
}

/// The slice: node `i` stakes 500 ERA, holder `i` delegates 500 ERA to it. Returns seconds.
async fn slice(client: &Client<DynProvider>, acting: &Acting, pairs: u32) -> f64 {
    let amount = U256::from(500u64) * ERA;
    let start = Instant::now();
    for i in 0..pairs {
        let (node, holder) = (address(Actor::Node, i), address(Actor::Delegator, i));
        acting.set(node);
        client.stake(node, amount).await.unwrap();
        acting.set(holder);
        client.delegate(holder, node, amount).await.unwrap();
    }
    start.elapsed().as_secs_f64()
}

/// Deploys the suite over `provider` from development account 0, as `era deploy` does.
async fn deploy(provider: &DynProvider, acting: &Acting) -> SuiteAddresses {
    let config = SuiteConfig::defaults(dev(0));
    let mut addresses = config.given_addresses();
    acting.set(dev(0));
    for contract in plan(&config) {
        let code = init_code(contract, &config, &addresses).unwrap();
        let tx = TransactionRequest::default().with_deploy_code(code);
        let receipt = provider.send_transaction(tx).await.unwrap().get_receipt().await.unwrap();
        addresses.set(contract, receipt.contract_address.unwrap());
    }
    addresses
}

#[tokio::main(flavor = "multi_thread", worker_threads = 1)]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    let actions: u32 = args
        .iter()
        .position(|a| a == "--actions")
        .and_then(|i| args.get(i + 1))
        .map_or(1_000, |v| v.parse().expect("a count"));
    let pairs = actions / 2;

    let acting = Acting::default();
    let (chain, _) = Chain::new().serve();
    let provider = sender::provider(&chain, &acting);
    let suite = deploy(&provider, &acting).await;
    fund(&provider, &acting, &suite, pairs).await;
    let revm = slice(&Client::new(provider, suite), &acting, pairs).await;

    let bin = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tools/bin/anvil");
    let anvil = Anvil::at(&bin)
        .port(0u16)
        .args(["--auto-impersonate", "--block-base-fee-per-gas", "0"])
        .try_spawn()
        .unwrap_or_else(|e| panic!("could not start {} ({e}); run `make install`", bin.display()));
    let provider = ProviderBuilder::new()
        .disable_recommended_fillers()
        .filler(acting.clone())
        .with_gas_estimation()
        .with_simple_nonce_management()
        .fetch_chain_id()
        .connect_http(anvil.endpoint_url())
        .erased();
    let suite = deploy(&provider, &acting).await;
    fund(&provider, &acting, &suite, pairs).await;
    // Gas has a price on anvil (a priority fee of at least 1 wei): the accounts get ether too.
    for i in 0..pairs {
        for account in [address(Actor::Node, i), address(Actor::Delegator, i)] {
            let balance = U256::from(10u64).pow(U256::from(18u64));
            let _: () =
                provider.raw_request("anvil_setBalance".into(), (account, balance)).await.unwrap();
        }
    }
    let on_anvil = slice(&Client::new(provider, suite), &acting, pairs).await;
    drop(anvil);

    let per = |secs: f64| secs * 1e3 / f64::from(pairs * 2);
    println!("{actions} actions (stake + delegate through era-client):");
    println!("  sandbox (revm in process) {revm:>9.3} s  {:>8.3} ms/action", per(revm));
    println!("  anvil over HTTP           {on_anvil:>9.3} s  {:>8.3} ms/action", per(on_anvil));
    let ratio = on_anvil / revm;
    println!(
        "  sandbox is {ratio:.1}x faster (goal: 1,000x): {}",
        if ratio >= 1000.0 { "met" } else { "missed" }
    );
}
