//! `era rewards …`: fund, publish two epochs, dispute and resolve a root, wait out the dispute
//! window, claim plainly, into a delegation and through a relayer, and every refusal as one line
//! that sends nothing.

use std::path::PathBuf;

use alloy::primitives::{Address, U256, keccak256};
use era_bindings::{ERAStaking, ERAToken};
use era_client::{ERA, rewards::tree::StandardMerkleTree};

use crate::common::Devnet;

fn era(n: u64) -> U256 {
    U256::from(n) * ERA
}

/// Writes `(account, ERA)` amounts as an `--amounts` file; returns its path.
fn amounts(net: &Devnet, name: &str, list: &[(Address, u64)]) -> String {
    let json: Vec<_> = list
        .iter()
        .map(|(a, n)| serde_json::json!({ "account": a, "cumulative": era(*n).to_string() }))
        .collect();
    let path = net.dir.path().join(name);
    std::fs::write(&path, serde_json::to_string(&json).unwrap()).unwrap();
    path.to_str().unwrap().to_owned()
}

/// Epoch `n`'s directory in the devnet's deployments.
fn epoch_dir(net: &Devnet, n: u64) -> PathBuf {
    net.dir.path().join(format!("31337/rewards/epoch-{n}"))
}

#[tokio::test]
async fn two_epochs_published_disputed_and_claimed_three_ways() {
    let net = Devnet::start();
    net.deploy();
    // A dev chain: the deployer posts, and a root's dispute window is a minute.
    let config = net.record()["config"].clone();
    assert_eq!(config["rewardsPoster"], net.address(0).to_string().to_lowercase());
    assert_eq!(config["rewardsActivationDelay"], 60);
    let key = |i| net.key(i);
    let (a, b, c, node, relayer, disputer) = (
        net.address(1),
        net.address(2),
        net.address(3),
        net.address(4),
        net.address(5),
        net.address(6),
    );
    net.fund(node, 20_000).await;
    net.fund(disputer, 2_000).await;
    net.era(&["stake", "10000", "--private-key", &key(4)]).ok();
    let metrics = net.dir.path().join("metrics.json");
    std::fs::write(&metrics, r#"{"epoch":0,"uptime":{}}"#).unwrap();
    let metrics = metrics.to_str().unwrap();
    let first = amounts(&net, "epoch0.json", &[(a, 100), (b, 200), (c, 300)]);
    let publish = |epoch: &str, file: &str, k: usize| {
        net.era(&[
            "rewards",
            "publish",
            "--epoch",
            epoch,
            "--amounts",
            file,
            "--metrics",
            metrics,
            "--private-key",
            &key(k),
            "--json",
        ])
    };

    // Nothing funded yet: the 600 ERA tree is refused before anything is sent.
    let nonce = net.nonce(net.address(0)).await;
    let line = publish("0", &first, 0).refused();
    assert!(
        line.contains("RootAboveFunds") && line.contains("fund at least 600 ERA more"),
        "{line}"
    );
    let line = publish("0", &first, 1).refused();
    assert!(line.contains("may not post reward roots"), "{line}");
    assert_eq!(net.nonce(net.address(0)).await, nonce);
    let out = net.era(&["rewards", "fund", "1000", "--private-key", &key(0), "--json"]).json();
    assert_eq!(
        (&out["funded"], &out["source"]),
        (&era(1_000).to_string().into(), &"treasury".into())
    );

    // Epoch 0: the tree and metrics files are what the root's hashes say.
    let out = publish("0", &first, 0).json();
    assert_eq!(
        (&out["epoch"], &out["rootIndex"], &out["accounts"]),
        (&0.into(), &0.into(), &3.into())
    );
    assert_eq!(out["total"], era(600).to_string());
    let tree_file = std::fs::read(epoch_dir(&net, 0).join("tree.json")).unwrap();
    assert_eq!(out["treeHash"], keccak256(&tree_file).to_string());
    let metrics_file = std::fs::read(epoch_dir(&net, 0).join("metrics.json")).unwrap();
    assert_eq!(out["metricsHash"], keccak256(&metrics_file).to_string());
    let actions: Vec<&str> =
        out["txs"].as_array().unwrap().iter().map(|t| t["action"].as_str().unwrap()).collect();
    assert_eq!(actions, ["approve", "depositBond", "postRoot"]);
    let tree = StandardMerkleTree::from_json(std::str::from_utf8(&tree_file).unwrap()).unwrap();
    assert_eq!(out["root"], tree.root().to_string());

    // In its dispute window: not claimable; disputed, then dismissed by governance.
    let line = net.era(&["rewards", "claim", "--private-key", &key(1)]).refused();
    assert!(line.contains("root #0 is not active yet: its dispute window ends at"), "{line}");
    let out = net
        .era(&[
            "rewards",
            "dispute",
            "0",
            "--reason",
            "uptime of 0x04 is wrong",
            "--private-key",
            &key(6),
            "--json",
        ])
        .json();
    assert_eq!(out["root"]["state"], "disputed");
    let line = net.era(&["rewards", "claim", "--epoch", "0", "--private-key", &key(1)]).refused();
    assert!(line.contains("root #0 is disputed"), "{line}");
    let out = net
        .era(&["rewards", "resolve", "0", "--dismiss", "--private-key", &key(0), "--json"])
        .json();
    assert_eq!(
        out["operation"]["calls"][0]["description"],
        "distributor.resolveDispute(root #0, dismiss: activate the root)"
    );
    net.era(&["warp", "1h"]).ok();
    net.era(&["gov", "execute", "--private-key", &key(0)]).ok();
    let line = net
        .era(&["rewards", "dispute", "0", "--reason", "late", "--private-key", &key(6)])
        .refused();
    assert!(line.contains("its dispute window is closed"), "{line}");

    // Claims: plain, into a delegation, relayed with a fee.
    let provider = net.provider();
    let token = ERAToken::new(net.contract("ERAToken"), &provider);
    let out = net.era(&["rewards", "claim", "--private-key", &key(1), "--json"]).json();
    assert_eq!((&out["amount"], &out["rootIndex"]), (&era(100).to_string().into(), &0.into()));
    assert_eq!(token.balanceOf(a).call().await.unwrap(), era(100));
    let line = net.era(&["rewards", "claim", "--private-key", &key(1)]).refused();
    assert!(line.contains("nothing to claim (already claimed)"), "{line}");
    let n = node.to_string();
    let out =
        net.era(&["rewards", "claim", "--delegate", &n, "--private-key", &key(2), "--json"]).json();
    assert_eq!(out["delegatedTo"], n.to_lowercase());
    let staking = ERAStaking::new(net.contract("ERAStaking"), &provider);
    assert_eq!(staking.stakeOf(node, b).call().await.unwrap(), era(200));
    assert_eq!(token.balanceOf(b).call().await.unwrap(), U256::ZERO);
    let relay = |fee: &str, deadline: &str| {
        net.era(&[
            "rewards",
            "claim",
            "--relay",
            "--relayer-key",
            &key(5),
            "--fee",
            fee,
            "--deadline",
            deadline,
            "--private-key",
            &key(3),
            "--json",
        ])
    };
    let relayer_nonce = net.nonce(relayer).await;
    let line = relay("301", "1h").refused();
    assert!(line.contains("above the claim of 300 ERA (FeeAboveClaim)"), "{line}");
    let line = relay("5", "0s").refused();
    assert!(line.contains("deadline") && line.contains("has passed"), "{line}");
    assert_eq!(net.nonce(relayer).await, relayer_nonce);
    let out = relay("5", "10m").json();
    assert_eq!(
        (&out["fee"], &out["relayer"]),
        (&era(5).to_string().into(), &relayer.to_string().to_lowercase().into())
    );
    assert_eq!(token.balanceOf(relayer).call().await.unwrap(), era(5));
    assert_eq!(token.balanceOf(c).call().await.unwrap(), era(295));
    assert_eq!(net.nonce(c).await, 0, "the account signed, the relayer sent");

    // Epoch 1: cumulative, never lower; claimable once its window has passed; a claim pays the
    // difference.
    let lower = amounts(&net, "lower.json", &[(a, 50), (b, 200), (c, 300)]);
    let line = publish("1", &lower, 0).refused();
    assert!(line.contains("less than the 100 ERA the previous tree gave it"), "{line}");
    let d = net.address(7);
    let second = amounts(&net, "epoch1.json", &[(a, 150), (b, 200), (c, 350), (d, 50)]);
    let out = publish("1", &second, 0).json();
    assert_eq!((&out["rootIndex"], &out["total"]), (&1.into(), &era(750).to_string().into()));
    let line = publish("1", &second, 0).refused();
    assert!(line.contains("epoch 1 is published already as root #1"), "{line}");
    let line = net.era(&["rewards", "claim", "--epoch", "1", "--private-key", &key(1)]).refused();
    assert!(line.contains("root #1 is not active yet"), "{line}");
    net.era(&["warp", "61s"]).ok();
    let out = net.era(&["rewards", "claim", "--private-key", &key(1), "--json"]).json();
    assert_eq!((&out["amount"], &out["rootIndex"]), (&era(50).to_string().into(), &1.into()));
    assert_eq!(token.balanceOf(a).call().await.unwrap(), era(150));

    // Anyone may submit a plain claim for an account: the ERA goes to the account.
    let out = net
        .era(&["rewards", "claim", "--for", &d.to_string(), "--private-key", &key(0), "--json"])
        .json();
    assert_eq!(out["account"], d.to_string().to_lowercase());
    assert_eq!(token.balanceOf(d).call().await.unwrap(), era(50));

    // A tree file changed after publishing: refused, not sent.
    let forged = StandardMerkleTree::of(&[(c, era(10_000)), (d, era(50))]).unwrap();
    std::fs::write(epoch_dir(&net, 1).join("tree.json"), forged.to_json()).unwrap();
    let line = net.era(&["rewards", "claim", "--epoch", "1", "--private-key", &key(3)]).refused();
    assert!(line.contains("proof mismatch: the tree file's root"), "{line}");
    let line = net.era(&["rewards", "claim", "--private-key", &key(3)]).refused();
    assert!(line.contains("hashes to root #1's tree hash"), "{line}");
    std::fs::write(
        epoch_dir(&net, 1).join("tree.json"),
        forged.to_json().replace("10000", "20000"),
    )
    .unwrap();
    let line = net.era(&["rewards", "claim", "--epoch", "1", "--private-key", &key(3)]).refused();
    assert!(line.contains("is not a valid rewards tree"), "{line}");
    assert_eq!(net.nonce(c).await, 0);

    let roots = net.era(&["rewards", "roots", "--json"]).json();
    let states: Vec<&str> =
        roots["roots"].as_array().unwrap().iter().map(|r| r["state"].as_str().unwrap()).collect();
    assert_eq!(states, ["active", "active"]);
    // 1,000 funded and the dismissed dispute's 1,000 ERA bond.
    assert_eq!(roots["funded"], era(2_000).to_string());
    // Governance tops up from the treasury (the timelock's ERA), through the timelock.
    let line =
        net.era(&["rewards", "fund", "500", "--from-treasury", "--private-key", &key(0)]).refused();
    assert!(line.contains("holds 0 ERA, less than 500 ERA"), "{line}");
    net.fund(net.contract("TimelockController"), 500).await;
    let out = net
        .era(&["rewards", "fund", "500", "--from-treasury", "--private-key", &key(0), "--json"])
        .json();
    let calls = &out["operation"]["calls"];
    assert_eq!(calls[0]["description"], "era.approve(distributor, 500 ERA)");
    assert_eq!(calls[1]["description"], "distributor.fund(500 ERA, treasury)");
    net.era(&["warp", "1h"]).ok();
    net.era(&["gov", "execute", "--private-key", &key(0)]).ok();
    let roots = net.era(&["rewards", "roots", "--json"]).json();
    assert_eq!(roots["funded"], era(2_500).to_string());
    let out = net.era(&["rewards", "release-bond", "0", "--private-key", &key(6), "--json"]).json();
    assert_eq!(out["root"]["bondSettled"], true);

    // The guardian (the deployer here) disables root #1 for good; nobody else may.
    let line = net.era(&["rewards", "disable", "1", "--private-key", &key(3)]).refused();
    assert!(line.contains("is not the distributor's guardian"), "{line}");
    let out = net.era(&["rewards", "disable", "1", "--private-key", &key(0), "--json"]).json();
    assert_eq!(out["root"]["state"], "disabled");
    let line = net.era(&["rewards", "disable", "1", "--private-key", &key(0)]).refused();
    assert!(line.contains("root #1 is disabled already"), "{line}");
    let roots = net.era(&["rewards", "roots", "--json"]).json();
    let states: Vec<&str> =
        roots["roots"].as_array().unwrap().iter().map(|r| r["state"].as_str().unwrap()).collect();
    assert_eq!(states, ["active", "disabled"]);
}
