//! `era index` against anvil: SQLite and PostgreSQL hold the same logs, a run resumes where the
//! last stopped, a reorg is repaired (one deeper than the index is refused), and a database of
//! another chain or deployment is refused.

use alloy::{
    primitives::{Address, B256},
    providers::Provider,
    rpc::types::Filter,
};
use era_indexer::{IndexedLog, Store, scratch_postgres::ScratchPostgres};
use serde_json::Value;

use crate::common::Devnet;

impl Devnet {
    /// `sqlite://` URL of a database file `name` in the test's directory.
    fn sqlite(&self, name: &str) -> String {
        format!("sqlite://{}", self.dir.path().join(name).display())
    }

    /// `era index --json` into `url`.
    fn index(&self, url: &str, extra: &[&str]) -> Value {
        self.era(&[&["index", "--database-url", url, "--json"], extra].concat()).json()
    }

    /// An anvil RPC call (`evm_snapshot`, `evm_revert`, `evm_mine`, ...).
    async fn rpc(&self, method: &'static str, params: Value) -> Value {
        self.provider().raw_request(method.into(), params).await.unwrap()
    }

    /// Every log of the record's contracts, as the node returns them.
    async fn chain_logs(&self) -> usize {
        let addresses: Vec<Address> = self.record()["addresses"]
            .as_object()
            .unwrap()
            .values()
            .map(|a| a.as_str().unwrap().parse().unwrap())
            .filter(|a: &Address| !a.is_zero())
            .collect();
        self.provider()
            .get_logs(&Filter::new().address(addresses).from_block(0))
            .await
            .unwrap()
            .len()
    }
}

/// A contract's address in the record text `record`.
fn address_in(record: &str, name: &str) -> Address {
    let record: Value = serde_json::from_str(record).unwrap();
    record["contracts"][name]["address"].as_str().unwrap().parse().unwrap()
}

async fn logs(url: &str) -> Vec<IndexedLog> {
    Store::open(url).await.unwrap().all_logs().await.unwrap()
}

/// Whether one of `logs` is an ERC-20 `Transfer` to `to`.
fn has_transfer_to(logs: &[IndexedLog], to: Address) -> bool {
    logs.iter()
        .any(|l| l.topics.len() == 3 && l.topics[2] == B256::left_padding_from(to.as_slice()))
}

#[tokio::test]
async fn sqlite_and_postgres_hold_the_same_logs() {
    let net = Devnet::start();
    net.deploy();
    net.fund(net.address(1), 100_000).await;
    net.era(&["stake", "60000", "--private-key", &net.key(1)]).ok();

    // The default database: a SQLite file beside the record.
    let out = net.era(&["index", "--json"]).json();
    let default = net.dir.path().join("31337/index.sqlite");
    assert!(default.is_file());
    let total = out["totalLogs"].as_u64().unwrap();
    assert_eq!(total as usize, net.chain_logs().await);
    assert_eq!(out["logsWritten"], out["totalLogs"]);
    let names: Vec<&str> = out["contracts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["contract"].as_str().unwrap())
        .collect();
    assert!(names.contains(&"ERAStaking") && names.contains(&"ERAToken"), "{names:?}");

    let pg = ScratchPostgres::start().unwrap();
    let out_pg = net.index(&pg.url(), &[]);
    assert_eq!(out_pg["totalLogs"], total);
    assert_eq!(out_pg["contracts"], out["contracts"]);
    let sqlite = logs(&format!("sqlite://{}", default.display())).await;
    assert_eq!(sqlite.len() as u64, total);
    assert_eq!(logs(&pg.url()).await, sqlite);
    // In chain order.
    assert!(sqlite.windows(2).all(|w| (w[0].block, w[0].log_index) < (w[1].block, w[1].log_index)));

    // Nothing new: a second run writes nothing.
    let again = net.index(&pg.url(), &[]);
    assert_eq!(again["logsWritten"], 0);
    assert_eq!(again["totalLogs"], total);
}

#[tokio::test]
async fn a_stopped_run_resumes_where_it_stopped() {
    let net = Devnet::start();
    net.deploy();
    net.fund(net.address(1), 5).await;
    net.fund(net.address(2), 5).await;
    let head = net.provider().get_block_number().await.unwrap();
    let deploy_block = net.record()["contracts"]["TimelockController"]["block"].as_u64().unwrap();
    let stop = (deploy_block + head) / 2;

    let url = net.sqlite("resumed.sqlite");
    let first = net.index(&url, &["--to-block", &stop.to_string()]);
    assert_eq!(first["fromBlock"], deploy_block);
    assert_eq!(first["nextBlock"], stop + 1);
    let rest = net.index(&url, &[]);
    assert_eq!(rest["fromBlock"], stop + 1);
    assert_eq!(rest["nextBlock"], head + 1);
    assert!(rest["logsWritten"].as_u64().unwrap() > 0);

    let whole = net.sqlite("whole.sqlite");
    net.index(&whole, &[]);
    assert_eq!(logs(&url).await, logs(&whole).await);
    assert!(has_transfer_to(&logs(&url).await, net.address(2)));
}

#[tokio::test]
async fn a_killed_run_resumes_from_its_last_commit() {
    let net = Devnet::start();
    net.deploy();
    let deploy_block = net.record()["contracts"]["TimelockController"]["block"].as_u64().unwrap();
    for account in 1..=4 {
        net.fund(net.address(account), 1).await;
        net.rpc("anvil_mine", serde_json::json!(["0x1f4"])).await;
    }
    let url = net.sqlite("killed.sqlite");
    // One block per batch: 2,000 commits, and the kill lands after the first.
    let mut era = std::process::Command::new(env!("CARGO_BIN_EXE_era"))
        .args(["index", "--database-url", &url, "--batch-blocks", "1"])
        .env("ETH_RPC_URL", net.url())
        .env("ERA_DEPLOYMENTS", net.dir.path())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let store = Store::open(&url).await.unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while store.next_block().await.unwrap().is_none() {
        assert!(std::time::Instant::now() < deadline, "no batch committed within 60 s");
        tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    }
    era.kill().unwrap();
    era.wait().unwrap();

    let resumed = net.index(&url, &[]);
    // It resumed from a commit of the killed run: not from the start, not after the end.
    let from = resumed["fromBlock"].as_u64().unwrap();
    let head = net.provider().get_block_number().await.unwrap();
    assert!(deploy_block < from && from <= head, "{resumed}");
    let whole = net.sqlite("whole.sqlite");
    net.index(&whole, &[]);
    assert_eq!(logs(&url).await, logs(&whole).await);
    assert!(has_transfer_to(&logs(&url).await, net.address(4)));
}

#[tokio::test]
async fn a_reorg_is_rolled_back_to_the_common_ancestor_and_indexed_again() {
    let net = Devnet::start();
    net.deploy();
    net.fund(net.address(1), 10).await;
    let snapshot = net.rpc("evm_snapshot", Value::Array(vec![])).await;
    net.fund(net.address(2), 20).await;
    net.fund(net.address(3), 30).await;
    let url = net.sqlite("index.sqlite");
    net.index(&url, &[]);
    assert!(has_transfer_to(&logs(&url).await, net.address(2)));

    // Another branch from the snapshot, longer than the one indexed.
    assert_eq!(net.rpc("evm_revert", serde_json::json!([snapshot])).await, true);
    net.fund(net.address(4), 40).await;
    for _ in 0..3 {
        net.rpc("evm_mine", Value::Array(vec![])).await;
    }
    let run = net.era(&["index", "--database-url", &url, "--json"]);
    assert!(run.stderr.contains("reorg: indexed block"), "{}", run.stderr);
    let out = run.json();
    assert_eq!(out["reorgs"].as_array().unwrap().len(), 1);
    let repaired = logs(&url).await;
    assert!(!has_transfer_to(&repaired, net.address(2)));
    assert!(has_transfer_to(&repaired, net.address(4)));
    let fresh = net.sqlite("fresh.sqlite");
    net.index(&fresh, &[]);
    assert_eq!(repaired, logs(&fresh).await);
}

#[tokio::test]
async fn a_reorg_below_every_stored_block_is_refused() {
    let net = Devnet::start();
    let before = net.rpc("evm_snapshot", Value::Array(vec![])).await;
    net.deploy();
    let url = net.sqlite("index.sqlite");
    net.index(&url, &[]);

    // The same deployment (same addresses, same blocks) at other times: other block hashes.
    assert_eq!(net.rpc("evm_revert", serde_json::json!([before])).await, true);
    net.rpc("evm_increaseTime", serde_json::json!([1000])).await;
    std::fs::remove_file(net.dir.path().join("31337.json")).unwrap();
    net.deploy();
    let line = net.era(&["index", "--database-url", &url]).refused();
    assert!(
        line.contains("reorganised below block") && line.contains("delete the database"),
        "{line}"
    );
}

#[tokio::test]
async fn a_database_of_another_chain_or_deployment_is_refused() {
    let net = Devnet::start();
    net.deploy();
    let shared = net.sqlite("shared.sqlite");
    net.index(&shared, &[]);

    let other_chain = Devnet::with_args(&["--chain-id", "31338"]);
    other_chain.deploy();
    let line = other_chain.era(&["index", "--database-url", &shared]).refused();
    assert!(
        line.contains("indexes chain 31337's deployment") && line.contains("not chain 31338's"),
        "{line}"
    );

    // Same chain id, another deployer: other addresses.
    let other = Devnet::start();
    other.era(&["deploy", "--private-key", &other.key(1), "--timelock-delay", "1h"]).ok();
    let line = other.era(&["index", "--database-url", &shared]).refused();
    assert!(line.contains("index into another database"), "{line}");
}

#[tokio::test]
async fn a_contract_added_to_the_record_later_gets_its_earlier_logs() {
    let net = Devnet::start();
    net.deploy();
    net.fund(net.address(1), 1).await;
    // The index starts from a record without ERAMargin, as if it were added later.
    let path = net.dir.path().join("31337.json");
    let full = std::fs::read_to_string(&path).unwrap();
    let mut without: Value = serde_json::from_str(&full).unwrap();
    without["contracts"].as_object_mut().unwrap().remove("ERAMargin").unwrap();
    std::fs::write(&path, without.to_string()).unwrap();
    let url = net.sqlite("index.sqlite");
    let before = net.index(&url, &[]);
    let margin = address_in(&full, "ERAMargin");
    assert!(logs(&url).await.iter().all(|l| l.address != margin));

    std::fs::write(&path, &full).unwrap();
    net.fund(net.address(2), 1).await;
    let run = net.era(&["index", "--database-url", &url, "--json"]);
    assert!(
        run.stderr.contains("ERAMargin") && run.stderr.contains("new to this index"),
        "{}",
        run.stderr
    );
    let after = run.json();
    assert_eq!(after["fromBlock"], before["nextBlock"]);
    let whole = net.sqlite("whole.sqlite");
    net.index(&whole, &[]);
    let backfilled = logs(&url).await;
    assert!(backfilled.iter().any(|l| l.address == margin));
    assert_eq!(backfilled, logs(&whole).await);
}
