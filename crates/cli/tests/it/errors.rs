//! Bad input: one line on stderr, a non-zero exit, nothing sent.

use crate::common::{Devnet, era_with};

#[tokio::test]
async fn unreachable_rpc_wrong_chain_missing_record_bad_key_and_amount() {
    let net = Devnet::start();

    // Nothing listens on port 1.
    let line = era_with(&[], &["status", "--rpc-url", "http://127.0.0.1:1"]).refused();
    assert!(line.contains("cannot reach an Ethereum RPC at http://127.0.0.1:1"), "{line}");

    let line = net.era(&["status"]).refused();
    assert!(
        line.contains("no deployment record for chain 31337") && line.contains("era deploy"),
        "{line}"
    );

    net.deploy();
    let line = net.era(&["status", "--chain-id", "1"]).refused();
    assert!(line.contains("serves chain 31337, not chain 1"), "{line}");

    let line = net.era(&["stake", "5", "--private-key", "0x1234"]).refused();
    assert!(line.contains("not a valid private key"), "{line}");
    let line = net.era(&["stake", "5"]).refused();
    assert!(line.contains("no signing key"), "{line}");

    for bad in ["0", "ten", "1.0000000000000000001"] {
        let run = net.era(&["stake", bad, "--private-key", &net.key(1)]);
        assert_eq!(run.code, 2, "{bad}: clap usage errors exit 2");
        let line = run.refused();
        assert!(line.contains("ERA amount") || line.contains("more than 0 ERA"), "{bad}: {line}");
    }
    let line = net.era(&["warp", "3 weeks"]).refused();
    assert!(line.contains("is not a duration"), "{line}");
    // Nothing above sent a transaction beyond the deployment.
    assert_eq!(net.nonce(net.address(0)).await, net.deploy_txs());
    assert_eq!(net.nonce(net.address(1)).await, 0);
}

#[tokio::test]
async fn warp_is_for_dev_chains_only() {
    let net = Devnet::with_args(&["--chain-id", "5"]);
    let line = net.era(&["warp", "1d"]).refused();
    assert!(line.contains("chain 5 is not a local dev chain"), "{line}");
}

#[tokio::test]
async fn a_closed_stdout_is_quiet_and_a_bad_checksum_is_refused() {
    use std::process::{Command, Stdio};
    let net = Devnet::start();
    net.deploy();
    // `era status | true`: the reader is gone before era prints.
    let mut child = Command::new(env!("CARGO_BIN_EXE_era"))
        .current_dir(crate::common::root())
        .env("ETH_RPC_URL", net.url())
        .env("ERA_DEPLOYMENTS", net.dir.path())
        .args(["status", "--json"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(!stderr.contains("Broken pipe") && !stderr.contains("panicked"), "{stderr}");

    // One letter's case flipped in a checksummed address.
    let bad = "0x70997970c51812dc3A010C7d01b50e0d17dc79C8";
    let line = net.era(&["delegate", bad, "1", "--private-key", &net.key(2)]).refused();
    assert!(line.contains("bad EIP-55 checksum"), "{line}");
    let good = net.address(1).to_string().to_lowercase();
    let line = net.era(&["delegate", &good, "1", "--private-key", &net.key(2)]).refused();
    assert!(!line.contains("checksum"), "{line}");
}
