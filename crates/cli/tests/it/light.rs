//! `era exec` light actions against anvil: a standard action relayed by a stranger; a surge makes
//! the scenario async; a bonded executor applies a batch with a forged action, which a watcher
//! challenges (the bond pays the victim and the watcher); finalize; and the refusals on the way.

use alloy::primitives::{Address, U256};
use era_bindings::{ERAToken, SettlementEngine};
use era_client::{ERA, light::Action};
use std::path::PathBuf;

use crate::{
    common::Devnet,
    scenarios::{register_shop, with_modules},
};

/// Account `i` deposits `amount` ERA into the engine's ledger.
async fn deposit(net: &Devnet, i: usize, amount: u64) {
    let provider = net.wallet(i);
    let engine = net.contract("SettlementEngine");
    let value = U256::from(amount) * ERA;
    let token = ERAToken::new(net.contract("ERAToken"), &provider);
    assert!(
        token.approve(engine, value).send().await.unwrap().get_receipt().await.unwrap().status()
    );
    let engine = SettlementEngine::new(engine, &provider);
    let era = net.contract("ERAToken");
    assert!(engine.deposit(era, value).send().await.unwrap().get_receipt().await.unwrap().status());
}

/// Account 0 (the shop's developer) allows {Standard, Async}: bits 1 << 3 | 1 << 4.
async fn declare_light_modes(net: &Devnet) {
    let provider = net.wallet(0);
    let engine = SettlementEngine::new(net.contract("SettlementEngine"), &provider);
    let declared = engine.declareModes(U256::from(1), 0x18, 0).send().await.unwrap();
    assert!(declared.get_receipt().await.unwrap().status());
}

async fn ledger(net: &Devnet, account: Address) -> U256 {
    let engine = SettlementEngine::new(net.contract("SettlementEngine"), net.provider());
    engine.balanceOf(net.contract("ERAToken"), account).call().await.unwrap()
}

/// `era exec sign-action shop` as account `i` paying `to`, written to `out`; returns its path.
fn sign(
    net: &Devnet,
    out: PathBuf,
    i: usize,
    to: Address,
    amount: &str,
    nonce: &str,
    r#async: bool,
) -> String {
    let out = out.to_str().unwrap().to_owned();
    let (to, key) = (to.to_string(), net.key(i));
    let mut args =
        vec!["exec", "sign-action", "shop", "--to", &to, "--amount", amount, "--nonce", nonce];
    args.extend(["--out", &out, "--private-key", &key]);
    if r#async {
        args.push("--async");
    }
    net.era(&args).ok();
    out
}

#[tokio::test]
async fn standard_then_async_with_a_forged_action_challenged() {
    let net = with_modules();
    let gov = net.key(0);
    register_shop(&net);
    declare_light_modes(&net).await;
    let (alice, bob, shop) = (net.address(1), net.address(2), net.address(3));
    let (executor, watcher) = (5, 6);
    for i in [1, 2, executor] {
        net.fund(net.address(i), 1_000).await;
    }
    deposit(&net, 1, 100).await;
    deposit(&net, 2, 100).await;
    let dir = tempfile::tempdir().unwrap();

    // The client's digest is the engine's, in both modes.
    let engine = SettlementEngine::new(net.contract("SettlementEngine"), net.provider());
    let action = Action {
        scenario_id: U256::from(1),
        from: alice,
        to: shop,
        token: net.contract("ERAToken"),
        amount: ERA,
        nonce: U256::from(9),
        deadline: 1 << 40,
    };
    for r#async in [false, true] {
        let domain = alloy::sol_types::eip712_domain! {
            name: "ERA SettlementEngine",
            version: "1",
            chain_id: 31337,
            verifying_contract: net.contract("SettlementEngine"),
        };
        let onchain = engine.actionDigest(action.to_sol(), r#async).call().await.unwrap();
        assert_eq!(action.digest(&domain, r#async), onchain);
    }

    // Standard mode: alice signs, a stranger relays; a replay and an async batch are refused.
    let paid = sign(&net, dir.path().join("a1.json"), 1, shop, "10", "1", false);
    let out = net.era(&["exec", "execute", &paid, "--private-key", &net.key(4), "--json"]).json();
    assert!(out["summary"].as_str().unwrap().contains("in standard mode"), "{out}");
    assert_eq!(ledger(&net, shop).await, U256::from(10) * ERA);
    let line = net.era(&["exec", "execute", &paid, "--private-key", &net.key(4)]).refused();
    assert!(line.contains("nonce 1 is used"), "{line}");
    let early = sign(&net, dir.path().join("early.json"), 1, shop, "1", "2", true);
    net.era(&["exec", "bond", "100", "--private-key", &net.key(executor)]).ok();
    let line =
        net.era(&["exec", "execute-async", &early, "--private-key", &net.key(executor)]).refused();
    assert!(line.contains("runs in standard mode now, not async"), "{line}");

    // A surge: the shop runs in async mode; standard execution is refused.
    net.era(&["domain", "min-nodes", "light", "0", "--private-key", &gov]).ok();
    net.era(&["warp", "1h"]).ok();
    net.era(&["gov", "execute", "--private-key", &gov]).ok();
    net.era(&["scenario", "report-volume", "shop", "3000", "--private-key", &gov]).ok();
    let standard = sign(&net, dir.path().join("a3.json"), 1, shop, "1", "3", false);
    let line = net.era(&["exec", "execute", &standard, "--private-key", &net.key(4)]).refused();
    assert!(line.contains("runs in async mode now, not standard"), "{line}");

    // A batch: alice's genuine purchase and one "from alice" that bob signed.
    let genuine = sign(&net, dir.path().join("g.json"), 1, shop, "10", "2", true);
    let forged = sign(&net, dir.path().join("f.json"), 2, shop, "20", "7", true);
    let text = std::fs::read_to_string(&forged).unwrap();
    let text = text
        .replace(&format!("{bob:#x}"), &format!("{alice:#x}"))
        .replace(&bob.to_string(), &alice.to_string());
    std::fs::write(&forged, text).unwrap();
    let line = net
        .era(&["exec", "execute-async", &genuine, &forged, "--private-key", &net.key(executor)])
        .refused();
    assert!(line.contains("action 1: not"), "{line}");
    let out = net
        .era(&[
            "exec",
            "execute-async",
            &genuine,
            &forged,
            "--unchecked",
            "--private-key",
            &net.key(executor),
            "--json",
        ])
        .json();
    assert_eq!(out["batch"], 1, "{out}");
    assert_eq!(ledger(&net, alice).await, U256::from(60) * ERA, "applied at once, unchecked");

    // The genuine action cannot be challenged; the forged one is, once.
    let line =
        net.era(&["exec", "challenge", "1", "0", "--private-key", &net.key(watcher)]).refused();
    assert!(line.contains("is valid"), "{line}");
    let out = net
        .era(&["exec", "challenge", "1", "1", "--private-key", &net.key(watcher), "--json"])
        .json();
    assert!(out["summary"].as_str().unwrap().contains("challenge upheld (BadSignature)"), "{out}");
    assert_eq!(ledger(&net, alice).await, U256::from(80) * ERA, "the victim is made whole");
    assert_eq!(ledger(&net, net.address(watcher)).await, U256::from(2) * ERA, "10% reward");
    let bonded = engine.executorOf(net.address(executor)).call().await.unwrap().bonded;
    assert_eq!(U256::from(bonded), U256::from(78) * ERA);
    let line =
        net.era(&["exec", "challenge", "1", "1", "--private-key", &net.key(watcher)]).refused();
    assert!(line.contains("already challenged"), "{line}");

    // Finalize: refused inside the window, then final; bond freed and withdrawn after the delay.
    let line = net.era(&["exec", "finalize", "1", "--private-key", &net.key(4)]).refused();
    assert!(line.contains("can be challenged until"), "{line}");
    let line =
        net.era(&["exec", "unbond", "--claim", "--private-key", &net.key(executor)]).refused();
    assert!(line.contains("nothing unbonding"), "{line}");
    net.era(&["warp", "2h"]).ok();
    let line =
        net.era(&["exec", "challenge", "1", "0", "--private-key", &net.key(watcher)]).refused();
    assert!(line.contains("challenge window closed"), "{line}");
    net.era(&["exec", "finalize", "1", "--private-key", &net.key(4)]).ok();
    let line = net.era(&["exec", "finalize", "1", "--private-key", &net.key(4)]).refused();
    assert!(line.contains("already final"), "{line}");
    net.era(&["exec", "unbond", "78", "--private-key", &net.key(executor)]).ok();
    net.era(&["warp", "1h"]).ok();
    net.era(&["exec", "unbond", "--claim", "--private-key", &net.key(executor)]).ok();
    assert_eq!(engine.totalBonded().call().await.unwrap(), U256::ZERO);
}
