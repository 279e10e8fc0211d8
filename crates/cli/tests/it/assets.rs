//! `era asset`, `era hyperlane deploy` and `era relay` against real anvils: a schema through the
//! timelock, a registration with a real proof, a paid authorization with its fee split, refusals
//! that send nothing, and an export relayed to a second anvil (chain 31338) through Hyperlane's
//! own mailboxes and a message-id multisig ISM.

use std::path::Path;

use alloy::{
    network::TransactionBuilder,
    primitives::{Address, B256, U256},
    providers::Provider,
    rpc::types::TransactionRequest,
    sol,
};
use era_bindings::ERAToken;
use era_client::ERA;
use serde_json::Value;
use tempfile::TempDir;

use crate::common::{Devnet, era_with};

sol!(
    #[sol(rpc)]
    OnTimeVerifier,
    "../../out/OnTimeVerifier.sol/OnTimeVerifier.json"
);

/// Twelve months, each delivered at most 3 days late: satisfies `on-time`.
pub(crate) const ON_TIME: &str =
    r#"{"salt": "0x5eed", "entries": [0, 1, 3, 0, 2, 0, 0, 1, 3, 0, 0, 2]}"#;
/// Month five was 4 days late.
const LATE: &str = r#"{"salt": "0x5eed", "entries": [0, 1, 3, 0, 4, 0, 0, 1, 3, 0, 0, 2]}"#;

pub(crate) fn path(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// The on-time development keys (the committed verifier's) in a temporary directory.
pub(crate) fn keys() -> TempDir {
    let dir = TempDir::new().unwrap();
    era_with(&[], &["keys", "setup", "--schema", "on-time", "--keys-dir", path(dir.path())]).ok();
    dir
}

pub(crate) fn write(dir: &Path, name: &str, text: &str) -> String {
    let file = dir.join(name);
    std::fs::write(&file, text).unwrap();
    file.to_str().unwrap().to_owned()
}

/// Deploys the committed OnTimeVerifier with account 0.
async fn deploy_verifier(net: &Devnet) -> Address {
    let provider = net.wallet(0);
    let tx = TransactionRequest::default().with_deploy_code(OnTimeVerifier::BYTECODE.clone());
    provider
        .send_transaction(tx)
        .await
        .unwrap()
        .get_receipt()
        .await
        .unwrap()
        .contract_address
        .unwrap()
}

/// The suite (with a local Hyperlane stack whose validator is account 9) and the "shipping"
/// schema (coefficient 1.5, max 2.5, fee 1 ERA, developer account 3), executed through the
/// timelock.
pub(crate) async fn setup(net: &Devnet) {
    let op = net.key(0);
    crate::weave::deploy_with_mailbox(net);
    let verifier = deploy_verifier(net).await.to_string();
    let developer = net.address(3).to_string();
    net.era(&[
        "asset",
        "schema",
        "--verifier",
        &verifier,
        "--scenario",
        "shipping",
        "--developer",
        &developer,
        "--coefficient",
        "1.5",
        "--max-coefficient",
        "2.5",
        "--fee",
        "1",
        "--private-key",
        &op,
    ])
    .ok();
    net.era(&["warp", "1h"]).ok();
    net.era(&["gov", "execute", "--private-key", &op]).ok();
}

pub(crate) fn register(
    net: &Devnet,
    keys: &Path,
    record: &str,
    owner: usize,
) -> crate::common::Run {
    net.era(&[
        "asset",
        "register",
        "--schema",
        "on-time",
        "--keys-dir",
        path(keys),
        "--scenario",
        "shipping",
        "--record",
        record,
        "--private-key",
        &net.key(owner),
        "--json",
    ])
}

/// Account 1 (the owner) signs a 7-day consent for consumer `lending-app` to `asset`, written to
/// `out`; the printed JSON.
pub(crate) fn consent_for_lending(net: &Devnet, asset: &str, out: &Path) -> Value {
    net.era(&[
        "asset",
        "consent",
        "--asset",
        asset,
        "--consumer",
        "lending-app",
        "--for",
        "7d",
        "--out",
        path(out),
        "--private-key",
        &net.key(1),
        "--json",
    ])
    .json()
}

/// A contract of the second anvil (chain 31338), whose record `Devnet::contract` does not read.
pub(crate) fn era(n: u64) -> U256 {
    U256::from(n) * ERA
}

pub(crate) fn decimal(v: &Value) -> U256 {
    v.as_str().unwrap().parse().unwrap()
}

#[tokio::test]
async fn register_authorize_revoke_and_refusals_that_send_nothing() {
    let net = Devnet::start();
    setup(&net).await;
    let keys = keys();
    let files = TempDir::new().unwrap();
    let on_time = write(files.path(), "on-time.json", ON_TIME);
    let late = write(files.path(), "late.json", LATE);
    let owner = net.address(1);

    // No ERA for the anchor stake: refused before proving, nothing sent.
    let line = register(&net, keys.path(), &on_time, 1).refused();
    assert!(line.contains("anchor stake is 10,000 ERA"), "{line}");
    assert_eq!(net.nonce(owner).await, 0);
    net.fund(owner, 10_002).await;
    // A record that fails the predicate has no proof.
    let line = register(&net, keys.path(), &late, 1).refused();
    assert!(line.contains("does not satisfy"), "{line}");
    // An unknown scenario has no schema.
    let line = net
        .era(&[
            "asset",
            "register",
            "--schema",
            "on-time",
            "--keys-dir",
            path(keys.path()),
            "--scenario",
            "lending",
            "--record",
            &on_time,
            "--private-key",
            &net.key(1),
        ])
        .refused();
    assert!(line.contains("no schema for circuit `on-time` and scenario `lending`"), "{line}");
    assert_eq!(net.nonce(owner).await, 0);

    let out = register(&net, keys.path(), &on_time, 1).json();
    let asset = out["assetId"].as_str().unwrap().to_owned();
    assert_eq!(decimal(&out["stake"]), era(10_000));
    let token = ERAToken::new(net.contract("ERAToken"), net.provider());
    assert_eq!(
        token.balanceOf(net.contract("StateAssetRegistry")).call().await.unwrap(),
        era(10_000)
    );
    // Registering again for the same subject, scenario and circuit is refused.
    let line = register(&net, keys.path(), &on_time, 1).refused();
    assert!(line.contains("already registered"), "{line}");

    // Only the owner authorizes.
    let consumer = net.address(4).to_string();
    let authorize = |key: usize| {
        net.era(&[
            "asset",
            "authorize",
            "--asset",
            &asset,
            "--consumer",
            &consumer,
            "--for",
            "30d",
            "--private-key",
            &net.key(key),
            "--json",
        ])
    };
    let line = authorize(2).refused();
    assert!(line.contains(&format!("belongs to {owner}")), "{line}");
    let out = authorize(1).json();
    assert_eq!(decimal(&out["fee"]), era(1));
    assert_eq!(decimal(&out["ownerReward"]), U256::from(200_000_000_000_000_000u64));
    assert_eq!(decimal(&out["developerReward"]), U256::from(10_000_000_000_000_000u64));
    assert_eq!(decimal(&out["protocolShare"]), U256::from(790_000_000_000_000_000u64));
    assert_eq!(
        out["treasury"].as_str().unwrap().parse::<Address>().unwrap(),
        net.contract("AuthorizationFeesInbox")
    );

    // The consumer pays, with the owner's signed consent; a consent pays once.
    let consent = files.path().join("consent.json");
    let signed = consent_for_lending(&net, &asset, &consent);
    // The file the consumer pays with is what was printed.
    let saved: Value = serde_json::from_str(&std::fs::read_to_string(&consent).unwrap()).unwrap();
    assert_eq!(saved, signed);
    assert_eq!(signed["assetId"].as_str().unwrap(), asset);
    net.fund(net.address(5), 2).await;
    let paid = net
        .era(&["asset", "pay", "--consent", path(&consent), "--private-key", &net.key(5), "--json"])
        .json();
    assert_eq!(decimal(&paid["fee"]), era(1));
    assert_eq!(token.balanceOf(net.address(5)).call().await.unwrap(), era(1));
    let line = net
        .era(&["asset", "pay", "--consent", path(&consent), "--private-key", &net.key(5)])
        .refused();
    assert!(line.contains("used or cancelled"), "{line}");
    let lending = net
        .era(&["asset", "check", "--asset", &asset, "--consumer", "lending-app", "--json"])
        .json();
    assert_eq!(lending["authorized"], true);

    let check = || {
        let (code, json) = net
            .era(&["asset", "check", "--asset", &asset, "--consumer", &consumer, "--json"])
            .json_with_code();
        // The exit code is the answer, as scripts use it.
        assert_eq!(code, if json["authorized"] == true { 0 } else { 1 }, "{json}");
        json
    };
    assert_eq!(check()["authorized"], true);
    // The developer's 0.01 ERA per authorization is paid out by anyone, to the developer.
    let claimed = net
        .era(&[
            "asset",
            "claim",
            "--for",
            &net.address(3).to_string(),
            "--private-key",
            &net.key(5),
            "--json",
        ])
        .json();
    assert_eq!(decimal(&claimed["amount"]), U256::from(20_000_000_000_000_000u64));
    assert_eq!(
        token.balanceOf(net.address(3)).call().await.unwrap(),
        U256::from(20_000_000_000_000_000u64)
    );

    let revoke = || {
        net.era(&[
            "asset",
            "revoke",
            "--asset",
            &asset,
            "--consumer",
            &consumer,
            "--private-key",
            &net.key(1),
            "--json",
        ])
    };
    // The owner paid this one itself: no refund.
    let revoked = revoke().json();
    assert_eq!(decimal(&revoked["refund"]), U256::ZERO);
    assert_eq!(revoked["txs"].as_array().unwrap().len(), 1, "no approval for a refund");
    assert_eq!(check()["authorized"], false);
    let line = revoke().refused();
    assert!(line.contains("nothing to revoke"), "{line}");

    let shown = net.era(&["asset", "show", "--asset", &asset, "--json"]).json();
    assert_eq!(shown["status"], "live");
    assert_eq!(shown["uses"], 2);
    assert_eq!(shown["coefficient"], 15_000 + 10_000 * 2 / 12);
    let listed = net.era(&["asset", "list", "--owner", &owner.to_string(), "--json"]).json();
    assert_eq!(listed["assets"][0]["assetId"].as_str().unwrap(), asset);
    let none = net.era(&["asset", "list", "--owner", &net.address(7).to_string(), "--json"]).json();
    assert_eq!(none["assets"].as_array().unwrap().len(), 0);
}

#[tokio::test]
async fn an_export_is_relayed_to_a_second_anvil_and_kept_as_a_unit() {
    let origin = Devnet::start();
    let dest = Devnet::chain(31338);
    setup(&origin).await;
    setup(&dest).await;
    let op = origin.key(0);
    // Governance on each side: the origin's unit sender sends to B's route, B trusts it.
    crate::weave::connect(&origin, &dest);

    let keys = keys();
    let files = TempDir::new().unwrap();
    origin.fund(origin.address(1), 10_002).await;
    let out = register(&origin, keys.path(), &write(files.path(), "r.json", ON_TIME), 1).json();
    let asset = out["assetId"].as_str().unwrap().to_owned();
    let consumer = origin.address(4).to_string();
    origin
        .era(&[
            "asset",
            "authorize",
            "--asset",
            &asset,
            "--consumer",
            &consumer,
            "--for",
            "30d",
            "--private-key",
            &origin.key(1),
        ])
        .ok();

    // An unknown destination is refused before sending.
    let line = origin
        .era(&[
            "asset",
            "export",
            "--asset",
            &asset,
            "--consumer",
            &consumer,
            "--to",
            "5",
            "--private-key",
            &op,
        ])
        .refused();
    assert!(line.contains("no route is enrolled for domain 5"), "{line}");
    let export = || {
        origin
            .era(&[
                "asset",
                "export",
                "--asset",
                &asset,
                "--consumer",
                &consumer,
                "--to",
                "31338",
                "--private-key",
                &op,
                "--json",
            ])
            .json()
    };
    let sent = export();
    assert_eq!(sent["sequence"], 1);

    let relay = || crate::weave::relay(&origin, &dest);
    assert_eq!(relay(), 1);
    assert_eq!(relay(), 0, "delivered once only");

    let received = || {
        dest.era(&[
            "asset",
            "check",
            "--received",
            "--asset",
            &asset,
            "--consumer",
            &consumer,
            "--json",
        ])
        .json_with_code()
    };
    assert_eq!(received(), (0, received().1));
    assert_eq!(received().1["authorized"], true);
    // `cast call` on the destination says the same.
    let consumer_word = B256::left_padding_from(origin.address(4).as_slice()).to_string();
    let cast = std::process::Command::new(crate::common::root().join("tools/bin/cast"))
        .args(["call", "--rpc-url", &dest.url(), &dest.contract("UnitReceiver").to_string()])
        .args(["hasUnit(uint8,bytes32,bytes32)(bool)", "1", &consumer_word, &asset])
        .output()
        .unwrap();
    assert_eq!(String::from_utf8(cast.stdout).unwrap().trim(), "true");

    // A revocation travels the same way.
    origin
        .era(&[
            "asset",
            "revoke",
            "--asset",
            &asset,
            "--consumer",
            &consumer,
            "--private-key",
            &origin.key(1),
        ])
        .ok();
    assert_eq!(export()["expiry"], 0);
    // The revocation sent the message itself; the export sent it again.
    assert_eq!(relay(), 2);
    let (code, json) = received();
    assert_eq!((code, &json["authorized"]), (1, &false.into()));
}
