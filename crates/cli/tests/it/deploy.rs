//! `era deploy`: the record, refusing to overwrite, resuming an interrupted deployment, keystores.

use std::{
    process::{Command, Stdio},
    time::{Duration, Instant},
};

use alloy::{primitives::Address, providers::Provider};
use era_bindings::{ERAStaking, TimelockController};
use era_client::tier_id;

use crate::common::{Devnet, root};

#[tokio::test]
async fn deploy_records_the_suite_and_refuses_to_overwrite_it() {
    let net = Devnet::start();
    let out = net.era(&["deploy", "--private-key", &net.key(0), "--json"]).json();
    let record = net.record();
    assert_eq!(out["chainId"], 31337);
    assert_eq!(record["complete"], true);
    assert_eq!(record["deployer"].as_str().unwrap().parse::<Address>().unwrap(), net.address(0));
    assert!(record["gitCommit"].as_str().unwrap().len() >= 40);
    let provider = net.provider();
    // Every contract of the plan (no mailbox given, so no Hyperlane unit route).
    let config = era_client::SuiteConfig::defaults(net.address(0));
    for name in era_client::plan(&config).into_iter().map(era_client::SuiteContract::name) {
        let entry = &record["contracts"][name];
        assert!(entry["txHash"].is_string() && entry["block"].as_u64().unwrap() > 0, "{name}");
        assert!(!provider.get_code_at(net.contract(name)).await.unwrap().is_empty(), "{name}");
    }
    // The staking contract is wired to the timelock with the defaults of SPEC.md.
    let staking = ERAStaking::new(net.contract("ERAStaking"), &provider);
    let admin = staking.DEFAULT_ADMIN_ROLE().call().await.unwrap();
    assert!(staking.hasRole(admin, net.contract("TimelockController")).call().await.unwrap());
    let timelock = TimelockController::new(net.contract("TimelockController"), &provider);
    assert_eq!(timelock.getMinDelay().call().await.unwrap().to::<u64>(), 2 * 86_400);
    let financial = staking.tiers(tier_id("financial").unwrap()).call().await.unwrap();
    assert_eq!(financial.minStake, 100_000 * 10u128.pow(18));

    // A second run refuses and sends nothing; --force deploys a new suite.
    let nonce = net.nonce(net.address(0)).await;
    let line = net.era(&["deploy", "--private-key", &net.key(0)]).refused();
    assert!(line.contains("already deployed on chain 31337") && line.contains("--force"), "{line}");
    assert_eq!(net.nonce(net.address(0)).await, nonce);
    let before = net.contract("ERAStaking");
    net.era(&["deploy", "--private-key", &net.key(0), "--force"]).ok();
    assert_ne!(net.contract("ERAStaking"), before);
}

#[tokio::test]
async fn an_interrupted_deployment_resumes_without_deploying_twice() {
    // Without mining, the first deployment transaction stays in the pool: the run is stopped
    // while it waits for the receipt, as if the machine had gone down.
    let net = Devnet::with_args(&["--no-mining"]);
    let mut child = Command::new(env!("CARGO_BIN_EXE_era"))
        .current_dir(root())
        .args(["deploy", "--private-key", &net.key(0), "--rpc-url", &net.url()])
        .args(["--deployments-dir", net.dir.path().to_str().unwrap()])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let path = net.dir.path().join("31337.json");
    let started = Instant::now();
    loop {
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        if text.contains("\"txHash\": \"0x") {
            break;
        }
        assert!(started.elapsed() < Duration::from_secs(60), "no transaction recorded");
        std::thread::sleep(Duration::from_millis(50));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    let record = net.record();
    assert_eq!(record["complete"], false);
    assert_eq!(record["pending"]["contract"], "TimelockController");
    assert_eq!(record["pending"]["nonce"], 0);
    let expected: Address = record["pending"]["address"].as_str().unwrap().parse().unwrap();

    // The pending transaction lands later; the rerun adopts it and deploys the rest.
    let provider = net.provider();
    let _: serde_json::Value = provider.raw_request("evm_mine".into(), ()).await.unwrap();
    let _: serde_json::Value =
        provider.raw_request("evm_setAutomine".into(), (true,)).await.unwrap();
    let out = net.era(&["deploy", "--private-key", &net.key(0), "--json"]).json();
    assert_eq!(out["resumed"], true);
    assert_eq!(net.contract("TimelockController"), expected);
    // Nothing was sent twice.
    assert_eq!(net.nonce(net.address(0)).await, net.deploy_txs());
    assert_eq!(net.record()["pending"], serde_json::Value::Null);
}

#[tokio::test]
async fn deploy_signs_with_a_foundry_keystore() {
    let net = Devnet::start();
    let keystores = tempfile::tempdir().unwrap();
    let password = keystores.path().join("password");
    std::fs::write(&password, "correct horse\n").unwrap();
    let status = Command::new(root().join("tools/bin/cast"))
        .args(["wallet", "import", "deployer", "--private-key", &net.key(3)])
        .args(["--unsafe-password", "correct horse", "--keystore-dir"])
        .arg(keystores.path())
        .stdout(Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
    let keystore = keystores.path().join("deployer");
    let keystore = keystore.to_str().unwrap();

    std::fs::write(keystores.path().join("wrong"), "battery staple").unwrap();
    let wrong = keystores.path().join("wrong");
    let line = net
        .era(&["deploy", "--keystore", keystore, "--password-file", wrong.to_str().unwrap()])
        .refused();
    assert!(line.contains("wrong password for keystore"), "{line}");

    net.era(&["deploy", "--keystore", keystore, "--password-file", password.to_str().unwrap()])
        .ok();
    assert_eq!(
        net.record()["deployer"].as_str().unwrap().parse::<Address>().unwrap(),
        net.address(3)
    );
}

#[tokio::test]
async fn public_chains_need_a_two_day_timelock() {
    let net = Devnet::with_args(&["--chain-id", "5"]);
    let line =
        net.era(&["deploy", "--private-key", &net.key(0), "--timelock-delay", "1h"]).refused();
    assert!(line.contains("only allowed on local dev chains"), "{line}");
    assert_eq!(net.nonce(net.address(0)).await, 0);
    // So is a reward root dispute window under the distributor's 1-hour floor; none may exceed
    // its 30 days.
    let deploy = |delay: &str| {
        let key = net.key(0);
        net.era(&[
            "deploy",
            "--private-key",
            &key,
            "--timelock-delay",
            "3d",
            "--activation-delay",
            delay,
        ])
    };
    let line = deploy("30m").refused();
    assert!(
        line.contains("a 30m reward activation delay is only allowed on local dev chains"),
        "{line}"
    );
    let line = deploy("31d").refused();
    assert!(line.contains("above the distributor's 30d maximum"), "{line}");
    assert_eq!(net.nonce(net.address(0)).await, 0);
    net.era(&["deploy", "--private-key", &net.key(0), "--timelock-delay", "3d"]).ok();
    let record = std::fs::read_to_string(net.dir.path().join("5.json")).unwrap();
    let record: serde_json::Value = serde_json::from_str(&record).unwrap();
    assert_eq!(record["config"]["rewardsActivationDelay"], 2 * 86_400, "2 days off dev chains");
}

#[tokio::test]
async fn a_rolled_back_dev_chain_keeps_the_contracts_still_on_it() {
    let net = Devnet::start();
    net.deploy();
    let record = net.record();
    // Decimal amounts and every address of the suite, the breaker too.
    assert_eq!(record["config"]["initialSupply"], "10000000000000000000000000");
    let breaker = record["addresses"]["breaker"].as_str().unwrap().parse::<Address>().unwrap();
    let provider = net.provider();
    assert!(!provider.get_code_at(breaker).await.unwrap().is_empty());
    // The chain loses two contracts, as a rollback to an earlier block would.
    let (margin, assets) = (net.contract("ERAMargin"), net.contract("StateAssetRegistry"));
    for gone in [margin, assets] {
        let _: () = provider
            .raw_request("anvil_setCode".into(), (gone, alloy::primitives::Bytes::new()))
            .await
            .unwrap();
    }
    let timelock = net.contract("TimelockController");
    let nonce = net.nonce(net.address(0)).await;
    net.era(&["deploy", "--private-key", &net.key(0), "--timelock-delay", "1h"]).ok();
    assert_eq!(net.contract("TimelockController"), timelock, "survivors are adopted");
    assert_ne!(net.contract("ERAMargin"), margin);
    assert!(!provider.get_code_at(net.contract("StateAssetRegistry")).await.unwrap().is_empty());
    // The missing two and what was deployed after them (Invitations, UnitSender, UnitReceiver,
    // StorageProofUnitRoute, ScenarioRevenue, SettlementEngine, DerivativeRegistry,
    // CapabilityRegistry, ScenarioFactory, RiskFeaturesVerifier, RiskFeed), then the new
    // sender's wiring to the new registry and the new feed.
    assert_eq!(net.nonce(net.address(0)).await, nonce + 15, "only the missing two and later");
}

/// The record names every address the suite uses: the Hyperlane stack around `--mailbox` (as the
/// unit route receives through it) and the verifiers `era verifier deploy` adds later.
#[tokio::test]
async fn the_record_names_the_hyperlane_stack_and_the_verifiers() {
    let net = Devnet::start();
    let key = net.key(0);
    let validator = net.address(9).to_string();
    let stack = net
        .era(&["hyperlane", "deploy", "--validator", &validator, "--private-key", &key, "--json"])
        .json();
    let mailbox = stack["mailbox"].as_str().unwrap();
    net.era(&["deploy", "--private-key", &key, "--timelock-delay", "1h", "--mailbox", mailbox])
        .ok();
    let hyperlane = &net.record()["hyperlane"];
    assert_eq!(hyperlane["domain"], 31337);
    assert_eq!(hyperlane["mailbox"], stack["mailbox"]);
    assert_eq!(hyperlane["requiredHook"], stack["merkleTreeHook"]);
    assert_eq!(hyperlane["defaultHook"], stack["defaultHook"]);
    assert_eq!(hyperlane["ism"], stack["ism"], "the unit route takes the mailbox's default ISM");

    let keys = tempfile::tempdir().unwrap();
    let dir = keys.path().to_str().unwrap();
    let schema = ["--schema", "on-time", "--keys-dir", dir];
    net.era(&[&["keys", "setup", "--label", "era-dev"][..], &schema].concat()).ok();
    let deploy = [&["verifier", "deploy", "--private-key", &key, "--json"][..], &schema].concat();
    let verifier = net.era(&deploy).json();
    let recorded = &net.record()["verifiers"]["OnTimeVerifier"];
    assert_eq!(recorded["address"], verifier["address"]);
    assert_eq!(recorded["vkHash"], verifier["vkHash"]);
    assert_eq!(recorded["development"], true);
    assert!(recorded["txHash"].is_string(), "{recorded}");
}
