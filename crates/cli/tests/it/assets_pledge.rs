//! `era asset pledge` and `era asset unpledge` against a real anvil: refusals that send nothing,
//! a pledge the registry records and `era asset show` reports, a retirement refused while pledged,
//! and the unpledge that frees it.

use alloy::primitives::Address;
use era_bindings::StateAssetRegistry;
use tempfile::TempDir;

use crate::{
    assets::{ON_TIME, decimal, era, keys, register, setup, write},
    common::Devnet,
};

#[tokio::test]
async fn pledge_show_refuse_retire_and_unpledge() {
    let net = Devnet::start();
    setup(&net).await;
    let keys = keys();
    let files = TempDir::new().unwrap();
    let owner = net.address(1);
    net.fund(owner, 10_001).await;
    let record = write(files.path(), "on-time.json", ON_TIME);
    let asset =
        register(&net, keys.path(), &record, 1).json()["assetId"].as_str().unwrap().to_owned();
    // Account 2 stakes and so becomes a node; account 5 never does.
    let node = net.address(2);
    net.fund(node, 1_000).await;
    net.era(&["stake", "1000", "--private-key", &net.key(2)]).ok();

    let pledge = |key: usize, to: Address| {
        net.era(&[
            "asset",
            "pledge",
            "--asset",
            &asset,
            "--node",
            &to.to_string(),
            "--private-key",
            &net.key(key),
            "--json",
        ])
    };
    let unpledge = || {
        net.era(&["asset", "unpledge", "--asset", &asset, "--private-key", &net.key(1), "--json"])
    };
    let retire =
        || net.era(&["asset", "retire", "--asset", &asset, "--private-key", &net.key(1), "--json"]);
    let sent = net.nonce(owner).await;

    // Refused before sending: not the owner, not a node, nothing to unpledge.
    let line = pledge(2, node).refused();
    assert!(line.contains(&format!("belongs to {owner}")), "{line}");
    let line = pledge(1, net.address(5)).refused();
    assert!(line.contains("is not a node registered in ERAStaking"), "{line}");
    let line = unpledge().refused();
    assert!(line.contains("pledged to no node: nothing to unpledge"), "{line}");
    assert_eq!(net.nonce(owner).await, sent);

    let pledged = pledge(1, node).json();
    assert_eq!(pledged["node"].as_str().unwrap().parse::<Address>().unwrap(), node);
    assert_eq!(decimal(&pledged["anchor"]), era(10_000));
    let registry = StateAssetRegistry::new(net.contract("StateAssetRegistry"), net.provider());
    let id = asset.parse().unwrap();
    assert_eq!(registry.assetOf(id).call().await.unwrap().pledgedTo, node);
    let shown = net.era(&["asset", "show", "--asset", &asset, "--json"]).json();
    assert_eq!(shown["pledgedTo"].as_str().unwrap().parse::<Address>().unwrap(), node);
    let text = net.era(&["asset", "show", "--asset", &asset]).ok();
    assert!(text.contains(&format!("pledged to   {node}")), "{text}");

    // Pledged: no second pledge and no retirement, both refused before sending.
    let sent = net.nonce(owner).await;
    let line = pledge(1, node).refused();
    assert!(line.contains(&format!("is pledged to {node}: era asset unpledge")), "{line}");
    let line = retire().refused();
    assert!(line.contains("then retire it"), "{line}");
    assert_eq!(net.nonce(owner).await, sent);

    let unpledged = unpledge().json();
    assert_eq!(unpledged["node"].as_str().unwrap().parse::<Address>().unwrap(), node);
    let shown = net.era(&["asset", "show", "--asset", &asset, "--json"]).json();
    assert!(shown["pledgedTo"].is_null(), "{shown}");
    assert_eq!(retire().json()["assetId"].as_str().unwrap(), asset);
}
