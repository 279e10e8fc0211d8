//! The in-process revm harness against what a user would otherwise pick: a real anvil driven over
//! HTTP JSON-RPC with alloy (recommended fillers: gas estimate and fees, nonce, chain id; each
//! transaction sent and its receipt awaited, as a test does), once with alloy's default receipt
//! polling and once with `eth_sendRawTransactionSync`, which returns the receipt at once. Same operations on every backend:
//!
//! - deploy the suite (7 creation transactions and the wiring of staking's hook, same plan and
//!   init code as `era deploy`);
//! - a staking round (node `stake`, holder `delegate`, holder `queueWithdrawal`: 3 transactions);
//! - a view call (`nodeStake`).
//!
//! `cargo bench -p era-harness` (`make bench`). Starts anvil from `tools/bin/anvil` on a
//! free loopback port for each measurement (a fresh chain each time) and stops it after; prints mean times and the anvil/revm ratio after
//! criterion's own report.
//!
//! Measured 2026-11-23 (2-core AMD EPYC shared with other builds, release build, anvil 1.7.1,
//! alloy 2.5; means over all iterations; anvil timings spread widely because anvil slows down as
//! its chain grows):
//!
//! | operation | revm | anvil (default polling) | anvil (`sendRawTransactionSync`) |
//! |---|---|---|---|
//! | deploy suite (7 tx) | 0.94 ms | 785 ms (839x) | 439 ms (469x) |
//! | stake + delegate + queue (3 tx) | 50 µs | 48.8 ms (977x) | 19.6 ms (393x) |
//! | view call | 2.1 µs | 224 µs (107x) | 169 µs (81x) |

use std::{
    cell::RefCell,
    collections::BTreeMap,
    hint::black_box,
    path::PathBuf,
    time::{Duration, Instant},
};

use alloy::{
    network::{EthereumWallet, TransactionBuilder},
    node_bindings::{Anvil, AnvilInstance},
    primitives::U256,
    providers::{DynProvider, Provider, ProviderBuilder},
    rpc::types::{TransactionReceipt, TransactionRequest},
    signers::local::PrivateKeySigner,
};
use criterion::Criterion;
use era_bindings::{ERAStaking, ERAToken};
use era_client::{ERA, SuiteAddresses, SuiteConfig, init_code, plan};
use era_harness::{Chain, DEV_ACCOUNTS, Suite, dev};
use tokio::runtime::Runtime;

/// The development accounts a backend uses.
#[derive(Clone, Copy)]
struct Roles {
    /// Deploys the suite and holds its ERA (the proposer).
    deployer: usize,
    /// Node operator of the staking round.
    node: usize,
    /// Holder delegating to the node.
    holder: usize,
}

impl Roles {
    const fn from(first: usize) -> Self {
        Self { deployer: first, node: first + 1, holder: first + 2 }
    }
}

/// Total time and iterations measured per (operation, backend), for the ratio table.
type Totals = RefCell<BTreeMap<(&'static str, &'static str), (Duration, u64)>>;

fn record(totals: &Totals, op: &'static str, backend: &'static str, elapsed: Duration, n: u64) {
    let mut totals = totals.borrow_mut();
    let entry = totals.entry((op, backend)).or_default();
    entry.0 += elapsed;
    entry.1 += n;
}

// ---------------------------------------------------------------- revm

/// A chain with the suite deployed and the round's accounts funded, registered and approved.
fn revm_fixture(roles: Roles) -> (Chain, Suite) {
    let mut chain = Chain::new();
    let config = SuiteConfig::defaults(dev(roles.deployer));
    let suite = chain.deploy_suite(dev(roles.deployer), &config).unwrap();
    let (node, holder) = (dev(roles.node), dev(roles.holder));
    for account in [node, holder] {
        suite.give_era(&mut chain, account, U256::from(1_000_000u64) * ERA).unwrap();
        let approve = ERAToken::approveCall { spender: suite.staking, value: U256::MAX };
        chain.send(account, suite.era, &approve).unwrap();
    }
    chain.send(node, suite.staking, &ERAStaking::registerNodeCall {}).unwrap();
    (chain, suite)
}

fn revm_round(chain: &mut Chain, suite: &Suite, roles: Roles) {
    let (node, holder) = (dev(roles.node), dev(roles.holder));
    chain.send(node, suite.staking, &ERAStaking::stakeCall { amount: ERA }).unwrap();
    chain.send(holder, suite.staking, &ERAStaking::delegateCall { node, amount: ERA }).unwrap();
    let queue = ERAStaking::queueWithdrawalCall { nodeAddr: node, amount: ERA };
    chain.send(holder, suite.staking, &queue).unwrap();
}

// ---------------------------------------------------------------- anvil

/// How a client waits for a transaction's receipt.
#[derive(Clone, Copy)]
enum Wait {
    /// alloy's default: `send_transaction`, then `get_receipt`, which polls a local node every
    /// 250 ms; a transaction automine has not quite mined at the first look waits a whole
    /// interval.
    Poll,
    /// `eth_sendRawTransactionSync` (EIP-7966, served by anvil 1.7): one request that returns the
    /// receipt.
    Sync,
}

/// An anvil client: alloy's recommended fillers (gas estimate and fees, a cached nonce per
/// sender, chain id) and a wallet with its accounts' keys.
struct Client {
    /// Benchmark name.
    name: &'static str,
    provider: DynProvider,
    wait: Wait,
    roles: Roles,
}

impl Client {
    /// Sends `tx`, waits for its receipt and checks it succeeded.
    async fn send(&self, tx: TransactionRequest) -> TransactionReceipt {
        let receipt = match self.wait {
            Wait::Poll => {
                self.provider.send_transaction(tx).await.unwrap().get_receipt().await.unwrap()
            }
            Wait::Sync => self.provider.send_transaction_sync(tx).await.unwrap(),
        };
        assert!(receipt.status(), "transaction {} reverted", receipt.transaction_hash);
        receipt
    }

    /// Deploys the suite from the client's deployer, one awaited transaction per contract.
    async fn deploy(&self, config: &SuiteConfig) -> SuiteAddresses {
        let mut addresses = SuiteAddresses::default();
        for contract in plan(config) {
            let code = init_code(contract, config, &addresses).unwrap();
            let tx =
                TransactionRequest::default().from(dev(self.roles.deployer)).with_deploy_code(code);
            addresses.set(contract, self.send(tx).await.contract_address.unwrap());
        }
        // The deployer's one wiring of staking's hook, as `era deploy` and `deploy_suite` do.
        let staking = ERAStaking::new(addresses.staking, &self.provider);
        let wire = staking.setStakeObserver(addresses.scenarios).from(dev(self.roles.deployer));
        self.send(wire.into_transaction_request()).await;
        addresses
    }

    /// A suite with the round's accounts funded, approved and the node registered.
    async fn fixture(&self) -> SuiteAddresses {
        let deployer = dev(self.roles.deployer);
        let suite = self.deploy(&SuiteConfig::defaults(deployer)).await;
        let era = ERAToken::new(suite.era, &self.provider);
        let staking = ERAStaking::new(suite.staking, &self.provider);
        for account in [dev(self.roles.node), dev(self.roles.holder)] {
            let amount = U256::from(1_000_000u64) * ERA;
            self.send(era.transfer(account, amount).from(deployer).into_transaction_request())
                .await;
            let approve = era.approve(suite.staking, U256::MAX).from(account);
            self.send(approve.into_transaction_request()).await;
        }
        let node = dev(self.roles.node);
        self.send(staking.registerNode().from(node).into_transaction_request()).await;
        suite
    }

    /// Stake, delegate, queue a withdrawal.
    async fn round(&self, suite: &SuiteAddresses) {
        let (node, holder) = (dev(self.roles.node), dev(self.roles.holder));
        let staking = ERAStaking::new(suite.staking, &self.provider);
        self.send(staking.stake(ERA).from(node).into_transaction_request()).await;
        self.send(staking.delegate(node, ERA).from(holder).into_transaction_request()).await;
        let queue = staking.queueWithdrawal(node, ERA).from(holder);
        self.send(queue.into_transaction_request()).await;
    }
}

// ---------------------------------------------------------------- main

/// anvil as installed by `make install`, through `tools/bin/anvil`, which execs the platform
/// binary (the npm wrapper would leave anvil running when `AnvilInstance` SIGKILLs it).
fn anvil_binary() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tools/bin/anvil")
}

/// The anvil clients compared: (name, how it waits for receipts, its accounts).
const ANVIL_CLIENTS: [(&str, Wait, Roles); 2] =
    [("anvil", Wait::Poll, Roles::from(0)), ("anvil-sync", Wait::Sync, Roles::from(0))];

/// The accounts of the in-process chain.
const REVM_ROLES: Roles = Roles::from(0);

/// Times `n` runs of `run` and adds them to the ratio table.
fn timed(
    totals: &Totals,
    op: &'static str,
    backend: &'static str,
    n: u64,
    mut run: impl FnMut(),
) -> Duration {
    let start = Instant::now();
    for _ in 0..n {
        run();
    }
    let elapsed = start.elapsed();
    record(totals, op, backend, elapsed, n);
    elapsed
}

fn main() {
    let mut criterion = Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(4))
        .configure_from_args();
    let totals = Totals::default();
    let rt = Runtime::new().unwrap();

    const DEPLOY: &str = "deploy suite (7 tx)";
    let mut group = criterion.benchmark_group("deploy_suite");
    let mut chain = Chain::new();
    group.bench_function("revm", |b| {
        let deployer = dev(REVM_ROLES.deployer);
        let config = SuiteConfig::defaults(deployer);
        b.iter_custom(|n| {
            timed(&totals, DEPLOY, "revm", n, || {
                black_box(chain.deploy_suite(deployer, &config).unwrap());
            })
        })
    });
    for (name, wait, roles) in ANVIL_CLIENTS {
        let (anvil, client) = start_anvil(name, wait, roles);
        let config = SuiteConfig::defaults(dev(roles.deployer));
        group.bench_function(name, |b| {
            b.iter_custom(|n| {
                timed(&totals, DEPLOY, name, n, || {
                    black_box(rt.block_on(client.deploy(&config)));
                })
            })
        });
        report_blocks(&rt, &client);
        drop(anvil);
    }
    group.finish();

    const ROUND: &str = "stake + delegate + queue (3 tx)";
    let (mut chain, suite) = revm_fixture(REVM_ROLES);
    let mut group = criterion.benchmark_group("stake_delegate_queue");
    group.bench_function("revm", |b| {
        b.iter_custom(|n| {
            timed(&totals, ROUND, "revm", n, || revm_round(&mut chain, &suite, REVM_ROLES))
        })
    });
    for (name, wait, roles) in ANVIL_CLIENTS {
        let (anvil, client) = start_anvil(name, wait, roles);
        let anvil_suite = rt.block_on(client.fixture());
        group.bench_function(name, |b| {
            b.iter_custom(|n| {
                timed(&totals, ROUND, name, n, || rt.block_on(client.round(&anvil_suite)))
            })
        });
        report_blocks(&rt, &client);
        drop(anvil);
    }
    group.finish();

    const VIEW: &str = "view call (nodeStake)";
    let mut group = criterion.benchmark_group("view_call");
    group.bench_function("revm", |b| {
        let call = ERAStaking::nodeStakeCall { node: dev(REVM_ROLES.node) };
        b.iter_custom(|n| {
            timed(&totals, VIEW, "revm", n, || {
                black_box(chain.call(suite.staking, &call).unwrap());
            })
        })
    });
    for (name, wait, roles) in ANVIL_CLIENTS {
        let (anvil, client) = start_anvil(name, wait, roles);
        let anvil_suite = rt.block_on(client.fixture());
        let staking = ERAStaking::new(anvil_suite.staking, &client.provider);
        let node = dev(roles.node);
        group.bench_function(name, |b| {
            b.iter_custom(|n| {
                timed(&totals, VIEW, name, n, || {
                    black_box(rt.block_on(async { staking.nodeStake(node).call().await }).unwrap());
                })
            })
        });
        drop(anvil);
    }
    group.finish();

    criterion.final_summary();
    print_ratios(&totals.borrow());
}

/// A fresh anvil (every measurement starts on a new chain: anvil slows down as its chain grows)
/// and a client of it. Dropping the instance kills the process.
fn start_anvil(name: &'static str, wait: Wait, roles: Roles) -> (AnvilInstance, Client) {
    let bin = anvil_binary();
    let anvil = Anvil::at(&bin).port(0u16).try_spawn().unwrap_or_else(|e| {
        panic!("could not start {} ({e}); run `make install` first", bin.display())
    });
    let key = |i: usize| PrivateKeySigner::from_bytes(&DEV_ACCOUNTS[i].key).unwrap();
    let mut wallet = EthereumWallet::new(key(roles.deployer));
    wallet.register_signer(key(roles.node));
    wallet.register_signer(key(roles.holder));
    let provider =
        ProviderBuilder::new().wallet(wallet).connect_http(anvil.endpoint_url()).erased();
    (anvil, Client { name, provider, wait, roles })
}

/// Says how long the chain got during a measurement.
fn report_blocks(rt: &Runtime, client: &Client) {
    let blocks = rt.block_on(client.provider.get_block_number()).unwrap();
    println!("{}: anvil mined {blocks} blocks during this benchmark", client.name);
}

fn print_ratios(totals: &BTreeMap<(&'static str, &'static str), (Duration, u64)>) {
    let mean = |op: &str, backend: &str| {
        totals.get(&(op, backend)).filter(|(_, n)| *n > 0).map(|(t, n)| t.as_secs_f64() / *n as f64)
    };
    let mut ops: Vec<&str> = totals.keys().map(|(op, _)| *op).collect();
    ops.dedup();
    println!("\nmean per operation (every criterion iteration, warm-up included)");
    for op in ops {
        let Some(revm) = mean(op, "revm") else { continue };
        println!("{op}\n  {:<16} {:>12.1} µs", "revm", revm * 1e6);
        for (client, _, _) in ANVIL_CLIENTS {
            if let Some(anvil) = mean(op, client) {
                println!("  {client:<16} {:>12.1} µs  {:>8.0}x revm", anvil * 1e6, anvil / revm);
            }
        }
    }
}
