//! `era asset challenge commit|reveal`, `resolve-challenge`, `retire`, `complete-retire` and
//! `consent cancel` against a real anvil with a registered asset (the setup of `assets.rs`):
//! refusals send nothing, and the ERA moves as the registry's rules say.

use std::path::Path;

use alloy::primitives::{Address, B256};
use era_bindings::ERAToken;
use serde_json::Value;
use tempfile::TempDir;

use crate::{
    assets::{ON_TIME, consent_for_lending, decimal, era, keys, path, register, setup, write},
    common::{Devnet, Run},
};

/// The suite with the "shipping" schema and account 1's asset (10,000 ERA anchor); its id.
async fn registered(net: &Devnet, files: &Path) -> String {
    setup(net).await;
    let keys = keys();
    let on_time = write(files, "on-time.json", ON_TIME);
    net.fund(net.address(1), 10_002).await;
    register(net, keys.path(), &on_time, 1).json()["assetId"].as_str().unwrap().to_owned()
}

fn commit(net: &Devnet, asset: &str, key: usize, evidence: &str, out: &Path) -> Run {
    net.era(&[
        "asset",
        "challenge",
        "commit",
        "--asset",
        asset,
        "--evidence",
        evidence,
        "--out",
        path(out),
        "--private-key",
        &net.key(key),
        "--json",
    ])
}

fn reveal(net: &Devnet, asset: &str, key: usize, file: &Path) -> Run {
    net.era(&[
        "asset",
        "challenge",
        "reveal",
        "--asset",
        asset,
        "--commitment-file",
        path(file),
        "--private-key",
        &net.key(key),
        "--json",
    ])
}

fn resolve(net: &Devnet, asset: &str, challenger: Address, verdict: &str) -> Run {
    net.era(&[
        "asset",
        "resolve-challenge",
        "--asset",
        asset,
        "--challenger",
        &challenger.to_string(),
        verdict,
        "--private-key",
        &net.key(0),
        "--json",
    ])
}

fn show(net: &Devnet, asset: &str) -> Value {
    net.era(&["asset", "show", "--asset", asset, "--json"]).json()
}

#[tokio::test]
async fn challenges_commit_reveal_and_the_earliest_is_upheld_through_the_timelock() {
    let net = Devnet::start();
    let files = TempDir::new().unwrap();
    let asset = registered(&net, files.path()).await;
    let token = ERAToken::new(net.contract("ERAToken"), net.provider());
    let (first, second, poor) = (net.address(5), net.address(6), net.address(7));
    net.fund(first, 2_000).await;
    net.fund(second, 2_000).await;
    let file = |name: &str| files.path().join(name);

    // Refused before sending: an unknown asset, and the owner challenging its own asset.
    let unknown = B256::repeat_byte(0x11).to_string();
    let line = commit(&net, &unknown, 5, "late", &file("x.json")).refused();
    assert!(line.contains("no asset"), "{line}");
    let line = commit(&net, &asset, 1, "late", &file("x.json")).refused();
    assert!(line.contains("own"), "{line}");
    assert_eq!(net.nonce(first).await, 0);

    // The first challenger commits; its salt is saved for the reveal.
    let c1 = commit(&net, &asset, 5, "month five was 4 days late", &file("c1.json")).json();
    let saved: Value =
        serde_json::from_str(&std::fs::read_to_string(file("c1.json")).unwrap()).unwrap();
    assert_eq!(saved["salt"], c1["salt"]);
    assert_eq!(saved["committedAt"], c1["committedAt"]);
    // Revealed while the commitment is the latest block: refused, nothing sent.
    let line = reveal(&net, &asset, 5, &file("c1.json")).refused();
    assert!(line.contains("reveal too early"), "{line}");
    assert_eq!(net.nonce(first).await, 1);
    // Someone else revealing with no commitment of its own.
    let line = net
        .era(&[
            "asset",
            "challenge",
            "reveal",
            "--asset",
            &asset,
            "--evidence",
            "month five was 4 days late",
            "--salt",
            c1["salt"].as_str().unwrap(),
            "--private-key",
            &net.key(6),
        ])
        .refused();
    assert!(line.contains("no commitment"), "{line}");
    assert_eq!(net.nonce(second).await, 0);

    // The second challenger commits later (which mines a block on top of the first commitment).
    let c2 = commit(&net, &asset, 6, "month five was 4 days late", &file("c2.json")).json();
    assert!(c2["committedAt"].as_u64() > c1["committedAt"].as_u64());
    let r1 = reveal(&net, &asset, 5, &file("c1.json")).json();
    assert_eq!(decimal(&r1["bond"]), era(1_000));
    assert_eq!(r1["transactions"].as_array().unwrap().len(), 2, "approve and challenge");
    let r2 = reveal(&net, &asset, 6, &file("c2.json")).json();
    assert_eq!(decimal(&r2["bond"]), era(1_000));
    // A challenger that cannot post the bond.
    commit(&net, &asset, 7, "junk", &file("c3.json")).json();
    net.era(&["warp", "1s"]).ok();
    let line = reveal(&net, &asset, 7, &file("c3.json")).refused();
    assert!(line.contains("challenge bond is 1,000 ERA"), "{line}");
    assert_eq!(net.nonce(poor).await, 1);

    let shown = show(&net, &asset);
    let challenges = shown["challenges"].as_array().unwrap();
    assert_eq!(challenges.len(), 2);
    assert_eq!(challenges[0]["challenger"].as_str().unwrap().parse::<Address>().unwrap(), first);
    assert_eq!(challenges[0]["committedAt"], c1["committedAt"]);
    assert_eq!(decimal(&challenges[1]["bond"]), era(1_000));

    // The later challenge cannot be upheld ahead of the earlier one.
    let line = resolve(&net, &asset, second, "--uphold").refused();
    assert!(line.contains(&format!("{first}'s challenge")), "{line}");
    assert!(line.contains("earlier and still open"), "{line}");
    let line = resolve(&net, &asset, poor, "--uphold").refused();
    assert!(line.contains("no open challenge"), "{line}");

    // The earliest is upheld through the timelock: anchor and bond to it, the later bond back.
    let scheduled = resolve(&net, &asset, first, "--uphold").json();
    assert_eq!(decimal(&scheduled["slashed"]), era(10_000));
    assert_eq!(decimal(&scheduled["bond"]), era(1_000));
    assert_eq!(scheduled["rewardee"].as_str().unwrap().parse::<Address>().unwrap(), first);
    assert_eq!(scheduled["returnedTo"][0].as_str().unwrap().parse::<Address>().unwrap(), second);
    net.era(&["warp", "1h"]).ok();
    net.era(&["gov", "execute", "--private-key", &net.key(0)]).ok();
    assert_eq!(token.balanceOf(first).call().await.unwrap(), era(1_000 + 11_000));
    assert_eq!(token.balanceOf(second).call().await.unwrap(), era(2_000));
    let shown = show(&net, &asset);
    assert_eq!(shown["status"], "invalid");
    assert_eq!(decimal(&shown["stake"]), era(0));
    assert_eq!(shown["challenges"].as_array().unwrap().len(), 0);
    let line = commit(&net, &asset, 6, "again", &file("c4.json")).refused();
    assert!(line.contains("is invalid"), "{line}");
}

#[tokio::test]
async fn retire_waits_out_its_delay_and_open_challenges_and_a_cancelled_consent_cannot_pay() {
    let net = Devnet::start();
    let files = TempDir::new().unwrap();
    let asset = registered(&net, files.path()).await;
    let token = ERAToken::new(net.contract("ERAToken"), net.provider());
    let owner = net.address(1);

    // An unused consent is withdrawn by its owner: the consumer can no longer pay with it.
    let consent = files.path().join("consent.json");
    let signed = consent_for_lending(&net, &asset, &consent);
    let line = net
        .era(&[
            "asset",
            "consent",
            "cancel",
            "--file",
            path(&consent),
            "--private-key",
            &net.key(5),
        ])
        .refused();
    assert!(line.contains("use the owner's key"), "{line}");
    let cancelled = net
        .era(&[
            "asset",
            "consent",
            "cancel",
            "--file",
            path(&consent),
            "--private-key",
            &net.key(1),
            "--json",
        ])
        .json();
    assert_eq!(
        cancelled["nonce"],
        signed["nonce"].as_str().unwrap().parse::<alloy::primitives::U256>().unwrap().to_string()
    );
    net.fund(net.address(5), 2).await;
    let line = net
        .era(&["asset", "pay", "--consent", path(&consent), "--private-key", &net.key(5)])
        .refused();
    assert!(line.contains("used or cancelled"), "{line}");
    assert_eq!(net.nonce(net.address(5)).await, 0);
    let nonce = cancelled["nonce"].as_str().unwrap();
    let line = net
        .era(&["asset", "consent", "cancel", "--nonce", nonce, "--private-key", &net.key(1)])
        .refused();
    assert!(line.contains("nothing to cancel"), "{line}");

    // A challenge is open when retirement starts.
    net.fund(net.address(6), 1_000).await;
    let c = files.path().join("c.json");
    commit(&net, &asset, 6, "junk", &c).json();
    net.era(&["warp", "1s"]).ok();
    reveal(&net, &asset, 6, &c).json();

    let line = net
        .era(&["asset", "complete-retire", "--asset", &asset, "--private-key", &net.key(0)])
        .refused();
    assert!(line.contains("not retiring"), "{line}");
    let retired = net
        .era(&["asset", "retire", "--asset", &asset, "--private-key", &net.key(1), "--json"])
        .json();
    assert_eq!(decimal(&retired["messageFee"]), era(0));
    let shown = show(&net, &asset);
    assert_eq!(shown["status"], "retiring");
    assert_eq!(shown["retireAt"], retired["retireAt"]);
    let line =
        net.era(&["asset", "retire", "--asset", &asset, "--private-key", &net.key(1)]).refused();
    assert!(line.contains("is retiring"), "{line}");

    // Anyone may complete a retirement; the anchor goes to the owner.
    let complete = || {
        let key = net.key(0);
        net.era(&["asset", "complete-retire", "--asset", &asset, "--private-key", &key, "--json"])
    };
    let line = complete().refused();
    assert!(line.contains("may leave at") && line.contains("left"), "{line}");
    net.era(&["warp", "7d"]).ok();
    let line = complete().refused();
    assert!(
        line.contains("1 challenge(s)") && line.contains(&net.address(6).to_string()),
        "{line}"
    );

    // Governance dismisses it (the bond goes to the owner); then the anchor leaves.
    let dismissed = resolve(&net, &asset, net.address(6), "--dismiss").json();
    assert_eq!(decimal(&dismissed["slashed"]), era(0));
    assert_eq!(dismissed["rewardee"].as_str().unwrap().parse::<Address>().unwrap(), owner);
    net.era(&["warp", "1h"]).ok();
    net.era(&["gov", "execute", "--private-key", &net.key(0)]).ok();
    let done = complete().json();
    assert_eq!(decimal(&done["stake"]), era(10_000));
    assert_eq!(token.balanceOf(owner).call().await.unwrap(), era(2 + 10_000 + 1_000));
    assert_eq!(show(&net, &asset)["status"], "retired");
}
