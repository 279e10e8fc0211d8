//! `era exec quote | sign-settlement | settle` against anvil: a provider quotes USD -> EUR, the
//! payer signs a 4-leg cross-border payment that a relayer sends, and refusals (a missing
//! signature, legs that do not net, an expired quote, a short balance, a replay, a leg the
//! receiving contract rejects) leave every balance as it was.

use std::path::Path;

use alloy::{
    primitives::{Address, U256},
    providers::{DynProvider, Provider, ProviderBuilder},
    signers::local::PrivateKeySigner,
};
use era_bindings::engine::SettlementEngine;
use era_client::{
    ERA,
    settle::{Settlement, Stablecoin, deploy_stablecoin, quote_digest, settlement_digest},
};
use serde_json::json;

use crate::{common::Devnet, scenarios::with_modules};

const PAYER: usize = 1;
const PROVIDER: usize = 2;
const COLLECTOR: usize = 3;
const PAYEE: usize = 4;

fn wallet(net: &Devnet, i: usize) -> DynProvider {
    let signer: PrivateKeySigner = net.key(i).parse().unwrap();
    ProviderBuilder::new().wallet(signer).connect_http(net.url().parse().unwrap()).erased()
}

/// Gives account `i` `amount` tokens from account 0 and deposits them in the engine as `i`.
async fn fund_and_deposit(net: &Devnet, token: Address, i: usize, amount: U256) {
    let engine = net.contract("SettlementEngine");
    let holder = Stablecoin::new(token, wallet(net, 0));
    holder.transfer(net.address(i), amount).send().await.unwrap().watch().await.unwrap();
    let own = wallet(net, i);
    let coin = Stablecoin::new(token, &own);
    coin.approve(engine, amount).send().await.unwrap().watch().await.unwrap();
    let ledger = SettlementEngine::new(engine, &own);
    ledger.deposit(token, amount).send().await.unwrap().watch().await.unwrap();
}

async fn ledger(net: &Devnet, token: Address, i: usize) -> U256 {
    let engine = SettlementEngine::new(net.contract("SettlementEngine"), net.provider());
    engine.balanceOf(token, net.address(i)).call().await.unwrap()
}

async fn now(net: &Devnet) -> u64 {
    let block = net.provider().get_block_by_number(Default::default()).await.unwrap().unwrap();
    block.header.timestamp
}

fn units(n: u64) -> U256 {
    U256::from(n) * ERA
}

/// The 4-leg payment: 1,000 USD debited, 990 converted at 0.92, a 10 USD fee, 910.8 EUR credited.
fn payment(
    net: &Devnet,
    usd: Address,
    eur: Address,
    quote: &serde_json::Value,
    deadline: u64,
) -> serde_json::Value {
    let leg = |kind: &str, who: usize, token: Address, amount: U256, target: u64| json!({"kind": kind, "party": net.address(who), "token": token, "amount": amount.to_string(), "target": target});
    json!({
        "scenario": 1,
        "initiator": net.address(PAYER),
        "nonce": "1",
        "deadline": deadline,
        "legs": [
            leg("debit", PAYER, usd, units(1_000), 0),
            leg("convert", PROVIDER, usd, units(990), 0),
            leg("fee", COLLECTOR, usd, units(10), 1),
            leg("credit", PAYEE, eur, units(990) * U256::from(92) / U256::from(100), 1),
        ],
        "quotes": [quote],
    })
}

fn write(path: &Path, value: &serde_json::Value) {
    std::fs::write(path, serde_json::to_string_pretty(value).unwrap()).unwrap();
}

#[tokio::test]
async fn a_cross_border_settlement_applies_whole_or_not_at_all() {
    let net = with_modules();
    let gov = net.key(0);
    let register = ["scenario", "register", "payments", "--domain", "financial"];
    net.era(&[&register[..], &["--base-module", "validity-proof", "--private-key", &gov]].concat())
        .ok();
    let supply = units(1_000_000);
    let usd = deploy_stablecoin(wallet(&net, 0), "USD", net.address(0), supply).await.unwrap();
    let eur = deploy_stablecoin(wallet(&net, 0), "EUR", net.address(0), supply).await.unwrap();
    fund_and_deposit(&net, usd, PAYER, units(5_000)).await;
    fund_and_deposit(&net, eur, PROVIDER, units(5_000)).await;
    let dir = tempfile::tempdir().unwrap();
    let file = |name: &str| dir.path().join(name).to_str().unwrap().to_owned();

    // The provider signs a quote; its digest is the engine's.
    let (usd_s, eur_s, key2) = (usd.to_string(), eur.to_string(), net.key(PROVIDER));
    let quote_to = |name: &str| {
        let out = file(name);
        let args = ["exec", "quote", "--token-in", &usd_s, "--token-out", &eur_s, "--rate", "0.92"];
        let more = ["--max-in", "5000", "--out", &out, "--private-key", &key2, "--json"];
        net.era(&[&args[..], &more[..]].concat()).json()
    };
    let quote = quote_to("quote.json");
    assert_eq!(quote["rate"], "920000000000000000");
    let engine = SettlementEngine::new(net.contract("SettlementEngine"), net.provider());
    let signed: era_client::settle::SignedQuote = serde_json::from_value(quote.clone()).unwrap();
    let on_chain = engine.quoteDigest(signed.quote.to_sol()).call().await.unwrap();
    assert_eq!(on_chain, quote_digest(&signed.quote, 31337, *engine.address()));

    // A relayer (the collector) cannot send it before the payer signed.
    let deadline = now(&net).await + 3_600;
    write(Path::new(&file("pay.json")), &payment(&net, usd, eur, &quote, deadline));
    let key3 = net.key(COLLECTOR);
    let line = net.era(&["exec", "settle", &file("pay.json"), "--private-key", &key3]).refused();
    assert!(line.contains(&format!("{} must sign the settlement", net.address(PAYER))), "{line}");

    // The payer signs (the digest is the engine's); the relayer sends; every leg applied.
    let key1 = net.key(PAYER);
    let out = net
        .era(&["exec", "sign-settlement", &file("pay.json"), "--private-key", &key1, "--json"])
        .json();
    let settlement = Settlement::read(Path::new(&file("pay.json"))).unwrap();
    let digest = engine.settlementDigest(settlement.to_sol()).call().await.unwrap();
    assert_eq!(digest, settlement_digest(&settlement, 31337, *engine.address()));
    assert_eq!(out["digest"], digest.to_string());
    let out =
        net.era(&["exec", "settle", &file("pay.json"), "--private-key", &key3, "--json"]).json();
    assert_eq!(out["legs"], 4);
    assert_eq!(ledger(&net, usd, PAYER).await, units(4_000));
    assert_eq!(ledger(&net, usd, PROVIDER).await, units(990));
    assert_eq!(ledger(&net, eur, PROVIDER).await, units(5_000) - units(9108) / U256::from(10));
    assert_eq!(ledger(&net, usd, COLLECTOR).await, units(10));
    assert_eq!(ledger(&net, eur, PAYEE).await, units(9108) / U256::from(10));

    // A replay is refused.
    let line = net.era(&["exec", "settle", &file("pay.json"), "--private-key", &key3]).refused();
    assert!(line.contains("nonce 1 of") && line.contains("used already"), "{line}");

    // Refusals before sending, each one line; balances stay.
    let send_as_payer = |name: &str, value: serde_json::Value| {
        write(Path::new(&file(name)), &value);
        net.era(&["exec", "settle", &file(name), "--private-key", &key1]).refused()
    };
    let fresh = quote_to("q2.json");
    let mut unbalanced = payment(&net, usd, eur, &fresh, deadline);
    unbalanced["nonce"] = json!("2");
    unbalanced["legs"][3]["amount"] = json!("910800000000000000001");
    let line = send_as_payer("unbalanced.json", unbalanced);
    assert!(line.contains("do not net to zero") && line.contains("off by -1"), "{line}");
    // A payment of `amount` USD (1% fee) with nonce 2 at the fresh quote.
    let scaled = |amount: u64| {
        let mut p = payment(&net, usd, eur, &fresh, deadline);
        p["nonce"] = json!("2");
        let converted = units(amount) * U256::from(99) / U256::from(100);
        p["legs"][0]["amount"] = json!(units(amount).to_string());
        p["legs"][1]["amount"] = json!(converted.to_string());
        p["legs"][2]["amount"] = json!((units(amount) - converted).to_string());
        p["legs"][3]["amount"] = json!((converted * U256::from(92) / U256::from(100)).to_string());
        p
    };
    let line = send_as_payer("big.json", scaled(10_000));
    assert!(line.contains("takes at most 5000000000000000000000"), "{line}");
    let line = send_as_payer("short.json", scaled(4_500));
    assert!(line.contains("deposit the difference first"), "{line}");
    net.era(&["warp", "2h"]).ok();
    let mut late = payment(&net, usd, eur, &fresh, now(&net).await + 3_600);
    late["nonce"] = json!("2");
    let line = send_as_payer("late.json", late);
    assert!(line.contains("expired") && line.contains("fresh quote"), "{line}");

    // A leg that fails on chain (the credited contract takes no settlement credit) reverts all.
    let fresh = quote_to("q3.json");
    let mut rejected = payment(&net, usd, eur, &fresh, now(&net).await + 3_600);
    rejected["nonce"] = json!("2");
    rejected["legs"][3]["kind"] = json!("credit-and-call");
    rejected["legs"][3]["party"] = json!(usd);
    let sent_before = net.nonce(net.address(PAYER)).await;
    let line = send_as_payer("rejected.json", rejected);
    assert!(line.contains("settle"), "{line}");
    assert_eq!(net.nonce(net.address(PAYER)).await, sent_before);
    assert_eq!(ledger(&net, usd, PAYER).await, units(4_000));
    assert_eq!(ledger(&net, eur, PROVIDER).await, units(5_000) - units(9108) / U256::from(10));
    assert_eq!(engine.totalBalances(usd).call().await.unwrap(), units(5_000));
}
