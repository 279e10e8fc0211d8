//! `era weave` across two real anvils (chains 31337 and 31338), each with Hyperlane's own
//! mailbox and message-id multisig ISM and the suite: a tier held on A used on B and its
//! revocation following, refusals that send nothing, and a Governor proposal on B passed with
//! voting power that lives on A, carried by both routes (a Hyperlane message and a storage
//! proof). `cast call` on B gives the same answers as `era`.

use alloy::primitives::{Address, U256};

use crate::{
    assets::{era, path},
    common::{Devnet, era_with, root},
};

/// The suite on `net` with a local Hyperlane stack whose validator is account 9.
pub(crate) fn deploy_with_mailbox(net: &Devnet) {
    let op = net.key(0);
    let validator = net.address(9).to_string();
    let args = ["hyperlane", "deploy", "--validator", &validator, "--private-key", &op, "--json"];
    let stack = net.era(&args).json();
    let mailbox = stack["mailbox"].as_str().unwrap();
    net.era(&["deploy", "--private-key", &op, "--timelock-delay", "1h", "--mailbox", mailbox]).ok();
}

/// Governance on both sides, executed: A's sender sends units for 31338 to B's Hyperlane route;
/// B's receiver trusts A's sender (and its two routes).
pub(crate) fn connect(origin: &Devnet, dest: &Devnet) {
    let op = origin.key(0);
    let route = dest.contract("HyperlaneUnitRoute").to_string();
    origin
        .era(&["weave", "route", "--domain", "31338", "--route", &route, "--private-key", &op])
        .ok();
    let sender = origin.contract("UnitSender").to_string();
    dest.era(&["weave", "trust", "--origin", "31337", "--sender", &sender, "--private-key", &op])
        .ok();
    for net in [origin, dest] {
        net.era(&["warp", "1h"]).ok();
        net.era(&["gov", "execute", "--private-key", &op]).ok();
    }
    // Both records in the origin's directory, for commands that open both chains.
    let record = dest.dir.path().join("31338.json");
    std::fs::copy(record, origin.dir.path().join("31338.json")).unwrap();
}

/// `era weave relay --once` from `origin` to `dest`: the number of messages delivered.
pub(crate) fn relay(origin: &Devnet, dest: &Devnet) -> usize {
    let env =
        [("ETH_RPC_URL", dest.url()), ("ERA_DEPLOYMENTS", path(origin.dir.path()).to_owned())];
    let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let args = ["weave", "relay", "--from-rpc-url", &origin.url(), "--private-key", &origin.key(0)];
    let validator = origin.key(9);
    let args = [&args[..], &["--validator-key", &validator, "--once", "--json"]].concat();
    era_with(&env, &args).json()["delivered"].as_array().unwrap().len()
}

/// `cast` with `args`, its output trimmed.
fn cast(args: &[&str]) -> String {
    let out =
        std::process::Command::new(root().join("tools/bin/cast")).args(args).output().unwrap();
    assert!(out.status.success(), "cast {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap().trim().to_owned()
}

/// `cast call` of the receiver's `hasUnit` on `dest`.
fn has_unit(dest: &Devnet, kind: u8, subject: Address, scope: &str) -> String {
    let receiver = dest.contract("UnitReceiver").to_string();
    let subject = format!("0x{:0>64}", alloy::hex::encode(subject));
    let sig = "hasUnit(uint8,bytes32,bytes32)(bool)";
    cast(&["call", "--rpc-url", &dest.url(), &receiver, sig, &kind.to_string(), &subject, scope])
}

#[tokio::test]
async fn facts_of_a_take_effect_on_b_and_a_governor_on_b_counts_votes_held_on_a() {
    let origin = Devnet::start();
    let dest = Devnet::chain(31338);
    deploy_with_mailbox(&origin);
    deploy_with_mailbox(&dest);
    let op = origin.key(0);

    // Before governance connects them, a send to B is refused and sends nothing.
    let node = origin.address(1);
    let (node_s, node_key) = (node.to_string(), origin.key(1));
    let tier = ["--tier", "enterprise", "--account", &node_s];
    let send = |extra: &[&str]| {
        let args = [&["weave", "send"][..], &tier, extra, &["--private-key", &op]].concat();
        origin.era(&args)
    };
    let before = origin.nonce(origin.address(0)).await;
    let line = send(&["--to", "31338"]).refused();
    assert!(line.contains("no route is enrolled for domain 31338"), "{line}");
    assert_eq!(origin.nonce(origin.address(0)).await, before, "a refusal sends nothing");
    connect(&origin, &dest);

    // A permission granted on A (the node stakes 60,000 ERA: tier enterprise) used on B.
    origin.fund(node, 60_000).await;
    origin.era(&["stake", "60000", "--private-key", &node_key]).ok();
    let sent = send(&["--to", "31338", "--json"]).json();
    assert_eq!((&sent["holds"], &sent["value"]), (&true.into(), &"1".into()));
    let scope = sent["scope"].as_str().unwrap().to_owned();
    let show = || {
        let args = [&["weave", "show"][..], &tier, &["--origin", "31337", "--require", "--json"]];
        dest.era(&args.concat()).json_with_code()
    };
    assert_eq!(show().0, 1, "not on B before the relay");
    assert_eq!(relay(&origin, &dest), 1);
    let (code, view) = show();
    assert_eq!((code, &view["holds"], &view["nonce"]), (0, &true.into(), &sent["nonce"]));
    assert_eq!(has_unit(&dest, 2, node, &scope), "true", "cast call agrees");
    assert_eq!(relay(&origin, &dest), 0, "delivered once");

    // Its revocation on A propagates: the node unbonds below the tier; anyone sends the news.
    origin.era(&["withdraw", "queue", &node_s, "20000", "--private-key", &node_key]).ok();
    let revoked = send(&["--to", "31338", "--json"]).json();
    assert_eq!((&revoked["holds"], &revoked["expiry"]), (&false.into(), &0.into()));
    assert_eq!(relay(&origin, &dest), 1);
    assert_eq!(show().0, 1);
    assert_eq!(has_unit(&dest, 2, node, &scope), "false");

    // Voting power on A: two holders delegate to themselves; the snapshot is a past block.
    let token = origin.contract("ERAToken").to_string();
    for i in [2, 3] {
        origin.fund(origin.address(i), 300_000).await;
        let me = origin.address(i).to_string();
        let key = origin.key(i);
        cast(&[
            "send",
            "--rpc-url",
            &origin.url(),
            "--private-key",
            &key,
            &token,
            "delegate(address)",
            &me,
        ]);
    }
    origin.era(&["warp", "1s"]).ok();
    let snapshot = cast(&["block-number", "--rpc-url", &origin.url()]).parse::<u64>().unwrap() - 1;
    let s = snapshot.to_string();
    let line = origin
        .era(&[
            "weave",
            "send",
            "--votes",
            &(snapshot + 5).to_string(),
            "--to",
            "31338",
            "--private-key",
            &op,
        ])
        .refused();
    assert!(line.contains("is not in the past"), "{line}");
    // The total and voter 2 travel by Hyperlane; voter 3's unit is only recorded and proven.
    let votes = |account: Option<Address>, to: Option<&str>| {
        let mut args = vec!["weave".to_owned(), "send".into(), "--votes".into(), s.clone()];
        if let Some(a) = account {
            args.extend(["--account".into(), a.to_string()]);
        }
        if let Some(to) = to {
            args.extend(["--to".into(), to.into()]);
        }
        args.extend(["--private-key".into(), op.clone(), "--json".into()]);
        origin.era(&args.iter().map(String::as_str).collect::<Vec<_>>()).json()
    };
    assert_eq!(votes(None, Some("31338"))["value"], era(10_000_000).to_string());
    assert_eq!(votes(Some(origin.address(2)), Some("31338"))["value"], era(300_000).to_string());
    assert_eq!(votes(Some(origin.address(3)), None)["destination"], 0);
    assert_eq!(relay(&origin, &dest), 2);
    let voter3 = origin.address(3).to_string();
    let (origin_url, dest_url) = (origin.url(), dest.url());
    let prove = |who: &str| {
        let env = [("ERA_DEPLOYMENTS", path(origin.dir.path()))];
        let args = ["weave", "prove", "--votes", &s, "--account", who, "--from-rpc-url"];
        let rest = [origin_url.as_str(), "--rpc-url", &dest_url, "--private-key", &op, "--json"];
        era_with(&env, &[&args[..], &rest].concat())
    };

    let proven = prove(&voter3).json();
    assert_eq!(proven["holds"], true);
    assert!(proven["opened"]["number"].as_u64().unwrap() > snapshot, "an epoch was opened");

    // The Governor on B: snapshot, proposal (send 1 ETH to account 8), votes, execution.
    let governor = dest
        .era(&[
            "weave",
            "governor",
            "deploy",
            "--origin",
            "31337",
            "--voting-delay",
            "0",
            "--voting-period",
            "1h",
            "--private-key",
            &op,
            "--json",
        ])
        .json()["governor"]
        .as_str()
        .unwrap()
        .to_owned();
    let gov = |args: &[&str], key: &str| {
        let all =
            [&["weave", "governor"][..], args, &["--governor", &governor, "--private-key", key]];
        dest.era(&all.concat())
    };
    cast(&["send", "--rpc-url", &dest.url(), "--private-key", &op, &governor, "--value", "1ether"]);
    gov(&["snapshot", &s], &op).ok();
    let target = dest.address(8).to_string();
    let proposed = gov(
        &[
            "propose",
            "--target",
            &target,
            "--calldata",
            "0x",
            "--value",
            "1000000000000000000",
            "--description",
            "pay account 8 one ether",
            "--json",
        ],
        &op,
    )
    .json();
    let id = proposed["proposal"]["proposalId"].as_str().unwrap().to_owned();
    assert_eq!(proposed["proposal"]["originSnapshot"], snapshot);
    dest.era(&["warp", "1s"]).ok();
    let line = gov(&["vote", &id, "for"], &dest.key(4)).refused();
    assert!(line.contains("has no ERA voting power here at origin block"), "{line}");
    gov(&["vote", &id, "for"], &dest.key(2)).ok();
    let line = gov(&["vote", &id, "against"], &dest.key(2)).refused();
    assert!(line.contains("has already voted"), "{line}");
    let voted = gov(&["vote", &id, "for", "--json"], &dest.key(3)).json();
    assert_eq!(
        voted["proposal"]["forVotes"],
        era(600_000).to_string(),
        "for: both voters' power on A"
    );
    dest.era(&["warp", "2h"]).ok();
    let balance =
        |a: &str| cast(&["balance", "--rpc-url", &dest.url(), a]).parse::<U256>().unwrap();
    let before = balance(&target);
    let executed = gov(&["execute", &id, "--json"], &op).json();
    assert_eq!(executed["proposal"]["state"], "Executed");
    assert_eq!(balance(&target) - before, U256::from(10).pow(U256::from(18)));
}

/// A provider's risk figures, proven and attested on A, read on B: `era weave send --risk` copies
/// the feed's newest publication into a unit, `era weave relay` carries it, `era weave show
/// --risk --feed` reads the figures on B; before any publication the send is refused and sends
/// nothing.
#[tokio::test]
async fn a_providers_proven_risk_figures_are_read_on_b() {
    let origin = Devnet::start();
    let dest = Devnet::chain(31338);
    deploy_with_mailbox(&origin);
    deploy_with_mailbox(&dest);
    let op = origin.key(0);
    let actor = origin.address(2).to_string();
    origin.era(&["partner", "add", "alpha", "--actor", &actor, "--private-key", &op]).ok();
    connect(&origin, &dest);
    origin.fund(origin.address(4), 30_000).await;
    origin.era(&["stake", "20000", "--private-key", &origin.key(4)]).ok();

    let provider = origin.address(1).to_string();
    let risk = ["--risk", "--account", provider.as_str()];
    let send = |extra: &[&str]| {
        let args = [&["weave", "send"][..], &risk, extra, &["--private-key", &op]].concat();
        origin.era(&args)
    };
    let before = origin.nonce(origin.address(0)).await;
    let line = send(&["--to", "31338"]).refused();
    assert!(line.contains("NoRiskPublished"), "{line}");
    assert_eq!(origin.nonce(origin.address(0)).await, before, "a refusal sends nothing");

    // Partner alpha proves and publishes the prover's 20 records; node 4 attests.
    let dir = tempfile::TempDir::new().unwrap();
    let records = dir.path().join("records.json");
    std::fs::copy(root().join("test/verifiers/fixtures/risk-features.records.json"), &records)
        .unwrap();
    let records = records.to_str().unwrap();
    let key = origin.key(2);
    let publish = ["risk", "publish", &provider, "--records", records, "--anomaly-threshold", "70"];
    origin.era(&[&publish[..], &["--private-key", &key]].concat()).ok();
    let attest = ["risk", "attest", &provider, "--partner", "alpha", "--index", "0"];
    origin.era(&[&attest[..], &["--private-key", &origin.key(4)]].concat()).ok();

    let sent = send(&["--to", "31338", "--json"]).json();
    let feed = origin.contract("RiskFeed").to_string();
    assert_eq!(sent["holds"], true);
    assert_eq!(sent["risk"]["n"], 20);
    assert_eq!(sent["risk"]["attestations"], 1);
    assert_eq!(relay(&origin, &dest), 1);

    let show = |extra: &[&str]| {
        let args = [&["weave", "show"][..], &risk, &["--origin", "31337"], extra].concat();
        dest.era(&args)
    };
    let line = show(&[]).refused();
    assert!(line.contains("--feed"), "{line}");
    let (code, view) = show(&["--feed", &feed, "--require", "--json"]).json_with_code();
    assert_eq!((code, &view["holds"], &view["nonce"]), (0, &true.into(), &sent["nonce"]));
    let figures = &view["risk"];
    assert_eq!([&figures["defaults"], &figures["tampered"], &figures["anomalies"]], [3, 2, 5]);
    assert_eq!(figures["defaultRateBps"], 1_500);
    assert_eq!(figures["meanDelay"], 5_611);
    assert_eq!(figures["anomalyThreshold"], 70);
    assert_eq!(figures["backingEra"], 20_000);
    let text = show(&["--feed", &feed]).ok();
    assert!(text.contains("20 records: 3 defaulted (1500 bps)"), "{text}");
}
