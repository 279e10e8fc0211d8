//! The engine at scale: one epoch for ACCOUNTS accounts over ACCOUNTS x 10 logs (default
//! 1,000,000 and 10,000,000), generated in memory by ABI-encoding the suite's real event types,
//! as a stream (10 million logs held at once would take ~3.5 GB). Prints the time to generate the
//! logs alone, the time to generate and compute, and the engine's logs per second.
//!
//! Not a test and not run by `cargo test --workspace`. Build and run (start smaller):
//!     cargo build --workspace --benches
//!     target/debug/deps/compute-<hash> --accounts 10000
//! (`cargo build --release -p era-rewards --bench compute` for optimized figures.)

use std::time::Instant;

use alloy::primitives::{Address, B256, U256};
use era_bindings::{
    ERAStaking, Invitations, ScenarioRegistry, StateAssetRegistry, revenue::ScenarioRevenue,
};
use era_rewards::{Engine, IndexedLog, Metrics, Rules, Sources, amount::era};

const NODES: u64 = 1_000;
const SCENARIOS: u64 = 100;

const SOURCES: Sources = Sources {
    staking: Address::repeat_byte(0xA1),
    scenarios: Address::repeat_byte(0xA2),
    assets: Address::repeat_byte(0xA3),
    distributor: Address::repeat_byte(0xA4),
    revenue: Address::repeat_byte(0xA5),
    invitations: Address::repeat_byte(0xA6),
};

fn account(n: u64) -> Address {
    let mut bytes = [0x22u8; 20];
    bytes[..8].copy_from_slice(&n.to_be_bytes());
    Address::from(bytes)
}

fn node(n: u64) -> Address {
    account(u64::MAX - n % NODES)
}

/// The logs of a busy epoch 0: scenarios and nodes set up first, then ten rounds over every
/// account (a delegation, three authorizations, a security cost, an invite and its acceptance,
/// a transfer across domains, revenue, a withdrawal), in chain order.
fn logs(accounts: u64) -> impl Iterator<Item = IndexedLog> {
    let (from, length) = Rules::default().epoch(0);
    let length = length - from;
    let setup = SCENARIOS + 2 * NODES;
    let total = setup + 10 * accounts;
    (0..total).map(move |i| {
        let timestamp = from + i * (length - 1) / total;
        let (address, log) = event(i, setup, accounts);
        IndexedLog { block: i + 1, log_index: 0, timestamp, tx_hash: B256::ZERO, ..log(address) }
    })
}

type Make = Box<dyn FnOnce(Address) -> IndexedLog>;

fn make<E: alloy::sol_types::SolEvent + 'static>(e: E) -> Make {
    Box::new(move |address| IndexedLog::of_event(address, &e, 0, 0, 0))
}

fn event(i: u64, setup: u64, accounts: u64) -> (Address, Make) {
    if i < SCENARIOS {
        let e = ScenarioRegistry::ScenarioRegistered {
            scenarioId: U256::from(i + 1),
            name: B256::from(U256::from(i)),
            developer: account(i),
            domain: (i % 3 + 1) as u8,
            baseModule: 1,
            nodesBps: 3_000,
            developerBps: 2_000,
            usersBps: 5_000,
        };
        return (SOURCES.scenarios, make(e));
    }
    if i < SCENARIOS + NODES {
        let n = node(i);
        return (
            SOURCES.staking,
            make(ERAStaking::Deposited {
                node: n,
                account: n,
                amount: era(100_000),
                shares: era(100_000),
            }),
        );
    }
    if i < setup {
        let scenario = U256::from(i % SCENARIOS + 1);
        return (
            SOURCES.scenarios,
            make(ScenarioRegistry::NodeEnrolled {
                scenarioId: scenario,
                node: node(i),
                role: 1,
                stake: era(100_000),
            }),
        );
    }
    let (round, a) = ((i - setup) / accounts, (i - setup) % accounts);
    let (who, n) = (account(a), node(a));
    let scenario = U256::from(a % SCENARIOS + 1);
    match round {
        0 => (
            SOURCES.staking,
            make(ERAStaking::Deposited {
                node: n,
                account: who,
                amount: era(1_000),
                shares: era(1_000),
            }),
        ),
        1..=3 => (
            SOURCES.assets,
            make(StateAssetRegistry::Authorized {
                assetId: B256::from(U256::from(a)),
                consumer: B256::ZERO,
                payer: who,
                expiry: 0,
                fee: era(1),
                ownerReward: U256::ZERO,
                developerReward: U256::ZERO,
                protocolShare: U256::ZERO,
                coefficient: 1,
            }),
        ),
        4 => (
            SOURCES.invitations,
            make(Invitations::Invited { inviter: account(a.wrapping_sub(1)), invitee: who }),
        ),
        5 => (
            SOURCES.invitations,
            make(Invitations::InviteAccepted { invitee: who, inviter: account(a.wrapping_sub(1)) }),
        ),
        6 => (
            SOURCES.scenarios,
            make(ScenarioRegistry::CostPaid {
                scenarioId: scenario,
                payer: who,
                toNodes: era(10),
                toDeveloper: U256::ZERO,
                toUsers: U256::ZERO,
            }),
        ),
        7 => (
            SOURCES.scenarios,
            make(ScenarioRegistry::ScenarioTransfer {
                fromScenario: scenario,
                toScenario: U256::from((a + 1) % SCENARIOS + 1),
                from: who,
                to: account(a + 1),
                amount: era(1),
            }),
        ),
        8 => (
            SOURCES.revenue,
            make(ScenarioRevenue::RevenuePaid {
                scenarioId: scenario,
                payer: who,
                amount: era(10),
                toNodes: era(3),
                toDeveloper: era(7),
            }),
        ),
        _ => (
            SOURCES.staking,
            make(ERAStaking::WithdrawalQueued {
                account: who,
                id: U256::ZERO,
                node: n,
                amount: era(500),
                readyAt: 0,
            }),
        ),
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let accounts = args
        .iter()
        .position(|a| a == "--accounts")
        .and_then(|i| args.get(i + 1))
        .map_or(1_000_000, |n| n.parse().expect("--accounts takes a number"));
    let started = Instant::now();
    let generated = logs(accounts).count() as u64;
    let generate = started.elapsed();
    let metrics = Metrics {
        monthly_active_users: (1..=SCENARIOS).map(|s| (s, 20_000 * s)).collect(),
        ..Metrics::default()
    };
    let started = Instant::now();
    let mut engine = Engine::new(Rules::default(), SOURCES, 0).expect("default rules");
    for log in logs(accounts) {
        engine.push(&log).expect("in chain order");
    }
    let read = started.elapsed().saturating_sub(generate);
    let started = Instant::now();
    let rewards = engine.finish(&metrics, B256::ZERO, None).expect("the epoch computes");
    let finish = started.elapsed();
    let started = Instant::now();
    let bytes = rewards.to_json().len();
    let serialize = started.elapsed();
    let paid = rewards.leaves().len();
    println!(
        "{accounts} accounts, {generated} logs: {paid} accounts paid, rewards.json {bytes} bytes"
    );
    println!("generating the logs (ABI encoding) {generate:.2?}, not counted below");
    println!("reading the logs {read:.2?}: {:.0} logs/s", generated as f64 / read.as_secs_f64());
    println!("paying and checking {finish:.2?}; serializing {serialize:.2?}");
    let engine = read + finish;
    println!(
        "engine {engine:.2?}: {:.0} logs/s end to end",
        generated as f64 / engine.as_secs_f64()
    );
}
