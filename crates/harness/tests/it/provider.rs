//! The harness as an alloy provider: contract instances of `era-bindings` send through it and get
//! receipts with logs, refused calls come back with the contract's error, signed transactions are
//! recovered, and what it cannot serve it refuses by name.

use alloy::{
    network::TransactionBuilder,
    primitives::{B256, U256},
    providers::{Provider, ProviderBuilder},
    rpc::types::{BlockNumberOrTag, Filter, TransactionRequest},
    signers::local::PrivateKeySigner,
    sol_types::SolEvent,
};
use era_bindings::{ERAStaking, ERAStaking::ERAStakingErrors, ERAToken};
use era_client::{DAY, tier_id};
use era_harness::{ChainTransport, DEV_ACCOUNTS, DEV_BALANCE, Revert, dev};

use crate::{era, setup};

#[tokio::test]
async fn a_transfer_is_mined_with_its_receipt_and_logs() {
    let (chain, suite) = setup();
    let (proposer, holder) = (suite.config.proposer, dev(3));
    let (chain, provider) = chain.serve();
    let token = ERAToken::new(suite.era, &provider);

    let pending = token.transfer(holder, era(5)).from(proposer).send().await.unwrap();
    let receipt = pending.get_receipt().await.unwrap();
    assert!(receipt.status());
    let latest = provider.get_block_number().await.unwrap();
    assert_eq!(receipt.block_number, Some(latest));
    let event = receipt.inner.logs()[0].log_decode::<ERAToken::Transfer>().unwrap().inner.data;
    assert_eq!((event.from, event.to, event.value), (proposer, holder, era(5)));
    {
        let chain = chain.lock().unwrap();
        assert_eq!(latest, chain.block_number() - 1, "the receipt's block is the latest mined");
        let (_, mined) = chain.mined(receipt.transaction_hash).unwrap();
        assert!(receipt.gas_used > 21_000 && receipt.gas_used == mined.gas_used);
    }
    assert_eq!(token.balanceOf(holder).call().await.unwrap(), era(5));

    let transfers = Filter::new()
        .address(suite.era)
        .event_signature(ERAToken::Transfer::SIGNATURE_HASH)
        .from_block(latest);
    let logs = provider.get_logs(&transfers).await.unwrap();
    assert_eq!(logs.len(), 1);
    assert_eq!(logs[0].transaction_hash, Some(receipt.transaction_hash));
    assert_eq!(provider.get_logs(&transfers.from_block(0)).await.unwrap().len(), 2, "and the mint");

    let nonce = chain.lock().unwrap().nonce(proposer);
    assert_eq!(provider.get_transaction_count(proposer).await.unwrap(), nonce);
    assert_eq!(provider.get_balance(holder).await.unwrap(), DEV_BALANCE, "gas is free");
    assert!(!provider.get_code_at(suite.era).await.unwrap().is_empty());
    assert!(provider.get_code_at(holder).await.unwrap().is_empty());
}

#[tokio::test]
async fn a_call_or_send_that_would_revert_comes_back_as_the_contract_error() {
    let (chain, suite) = setup();
    let node = dev(1);
    let (_chain, provider) = chain.serve();
    let staking = ERAStaking::new(suite.staking, &provider);
    let decoded = |err: alloy::contract::Error| {
        Revert::from_revert_data(err.as_revert_data().expect("the error carries revert data"))
    };

    // eth_call.
    let tier = tier_id("financial").unwrap();
    match decoded(staking.requireTier(node, tier).call().await.unwrap_err()) {
        Revert::Staking(ERAStakingErrors::StakeBelowTier(e)) => {
            assert_eq!((e.node, e.tier, e.stake), (node, tier, U256::ZERO));
        }
        other => panic!("expected StakeBelowTier, got {other}"),
    }

    // eth_estimateGas refuses the send, and nothing is mined.
    let before = provider.get_block_number().await.unwrap();
    let err = staking.stake(era(1)).from(node).send().await.unwrap_err();
    assert_eq!(decoded(err).to_string(), format!("UnknownNode({node})"));
    assert_eq!(provider.get_block_number().await.unwrap(), before);

    // With its gas given nothing is estimated: the transaction is mined, and fails.
    let pending = staking.stake(era(1)).from(node).gas(200_000).send().await.unwrap();
    let receipt = pending.get_receipt().await.unwrap();
    assert!(!receipt.status());
    assert_eq!(receipt.block_number, Some(before + 1));
}

#[tokio::test]
async fn signed_transactions_are_recovered_and_named_by_their_hash() {
    let (chain, suite) = setup();
    let node = DEV_ACCOUNTS[1];
    let (chain, _) = chain.serve();
    let signer = PrivateKeySigner::from_bytes(&node.key).unwrap();
    let provider = ProviderBuilder::new()
        .wallet(signer)
        .connect_client(ChainTransport::new(chain.clone()).client());
    let staking = ERAStaking::new(suite.staking, &provider);

    let pending = staking.registerNode().send().await.unwrap();
    let hash = *pending.tx_hash();
    let receipt = pending.get_receipt().await.unwrap();
    assert_eq!((receipt.from, receipt.transaction_hash), (node.address, hash));
    assert!(receipt.status());
    assert!(staking.isNode(node.address).call().await.unwrap());

    // EIP-7966: the receipt comes back with the send; with its gas given, a reverting
    // transaction (staking nothing: ZeroAmount) is mined and fails.
    let stake = staking.stake(U256::ZERO).gas(100_000).into_transaction_request();
    let failed = provider.send_transaction_sync(stake).await.unwrap();
    assert_eq!((failed.from, failed.status()), (node.address, false));

    // A raw transaction signed for another chain is rejected, and mines nothing.
    let before = chain.lock().unwrap().block_number();
    let other_chain = TransactionRequest::default()
        .from(node.address)
        .to(dev(2))
        .value(U256::from(1))
        .with_chain_id(1);
    let err = provider.send_transaction(other_chain).await.unwrap_err();
    assert!(err.to_string().contains("invalid chain ID"), "{err}");
    assert_eq!(chain.lock().unwrap().block_number(), before);
}

#[tokio::test]
async fn snapshots_and_time_travel_show_through_the_provider() {
    let (chain, suite) = setup();
    let (chain, provider) = chain.serve();
    let token = ERAToken::new(suite.era, &provider);
    let snapshot = chain.lock().unwrap().snapshot();
    let deployed = provider.get_block_number().await.unwrap();
    let sent = token.transfer(dev(2), era(1)).from(dev(0)).send().await.unwrap();
    let undone = sent.get_receipt().await.unwrap().transaction_hash;

    chain.lock().unwrap().revert_to(snapshot).unwrap();
    assert_eq!(provider.get_block_number().await.unwrap(), deployed);
    assert!(provider.get_transaction_receipt(undone).await.unwrap().is_none());
    assert_eq!(token.balanceOf(dev(2)).call().await.unwrap(), U256::ZERO);

    // A warp shows in the next mined block, whose header chains to the one before.
    let parent = provider.get_block_by_number(deployed.into()).await.unwrap().unwrap();
    chain.lock().unwrap().warp(DAY);
    let sent = token.transfer(dev(2), era(1)).from(dev(0)).send().await.unwrap();
    let receipt = sent.get_receipt().await.unwrap();
    let number = receipt.block_number.unwrap();
    let block = provider.get_block_by_number(number.into()).await.unwrap().unwrap();
    assert_eq!((number, block.header.hash), (deployed + 1, receipt.block_hash.unwrap()));
    assert_eq!(block.header.parent_hash, parent.header.hash);
    assert_eq!(block.header.timestamp, parent.header.timestamp + DAY + 1);
    assert_eq!(block.transactions.hashes().collect::<Vec<B256>>(), [receipt.transaction_hash]);
}

#[tokio::test]
async fn unknown_methods_and_past_blocks_are_refused_by_name() {
    let (chain, _suite) = setup();
    let (_chain, provider) = chain.serve();
    let err = provider
        .raw_request::<_, serde_json::Value>(
            "eth_getProof".into(),
            (dev(0), [B256::ZERO], "latest"),
        )
        .await
        .unwrap_err();
    assert!(err.to_string().contains("the harness does not serve eth_getProof"), "{err}");
    let err = provider.get_balance(dev(0)).number(1).await.unwrap_err();
    assert!(err.to_string().contains("keeps only its latest state"), "{err}");
    let err = provider.get_block_by_number(BlockNumberOrTag::Latest).full().await.unwrap_err();
    assert!(err.to_string().contains("keeps only transaction hashes"), "{err}");
    let unsigned = TransactionRequest::default().to(dev(1)).value(U256::from(1));
    let err = provider
        .raw_request::<_, B256>("eth_sendTransaction".into(), [unsigned])
        .await
        .unwrap_err();
    assert!(err.to_string().contains("eth_sendTransaction: no `from`"), "{err}");
}
