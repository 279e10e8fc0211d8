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
    // Nothing above sent a transaction beyond the deployment (one per contract).
    let contracts = net.record()["contracts"].as_object().unwrap().len() as u64;
    assert_eq!(net.nonce(net.address(0)).await, contracts);
    assert_eq!(net.nonce(net.address(1)).await, 0);
}

#[tokio::test]
async fn warp_is_for_dev_chains_only() {
    let net = Devnet::with_args(&["--chain-id", "5"]);
    let line = net.era(&["warp", "1d"]).refused();
    assert!(line.contains("chain 5 is not a local dev chain"), "{line}");
}
