//! In-process revm harness for the ERA suite: a [`Chain`] with anvil's funded development
//! accounts, typed calls through the `era-bindings` `sol!` types, custom errors decoded by `era-client`'s table, time travel, snapshots, gas per
//! transaction, custom errors decoded by name, and the whole suite deployed by [`Chain::with_suite`]
//! or [`Chain::deploy_suite`] from the same plan `era deploy` uses.
//!
//! ```
//! use era_bindings::{ERAStaking, ERAToken};
//! use era_client::ERA;
//! use era_harness::{Chain, Revert, dev};
//!
//! let (mut chain, suite) = Chain::with_suite()?;
//! let node = dev(1);
//! suite.give_era(&mut chain, node, ERA * alloy::primitives::U256::from(20_000))?;
//! chain.send(node, suite.staking, &ERAStaking::registerNodeCall {})?;
//! let amount = ERA * alloy::primitives::U256::from(15_000);
//! chain.send(node, suite.era, &ERAToken::approveCall { spender: suite.staking, value: amount })?;
//! let staked = chain.send(node, suite.staking, &ERAStaking::stakeCall { amount })?;
//! assert!(staked.gas_used > 21_000);
//! assert_eq!(chain.call(suite.staking, &ERAStaking::nodeStakeCall { node })?, amount);
//!
//! // Custom errors come back decoded, and print by name with their values.
//! let tier = era_client::tier_id("financial")?;
//! let err = chain.call(suite.staking, &ERAStaking::requireTierCall { node, tier }).unwrap_err();
//! assert!(matches!(err, Revert::Staking(ERAStaking::ERAStakingErrors::StakeBelowTier(_))));
//! assert!(err.to_string().starts_with("StakeBelowTier(0x70997970C51812dc3A010C7d01b50e0d17dc79C8, financial, 15000"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Over an alloy provider
//!
//! [`Chain::serve`] puts the chain behind an alloy provider ([`provider`], over a
//! [`ChainTransport`]), so `era-client`'s typed reads and the bindings' contract instances run on
//! revm through the same JSON-RPC calls the CLI makes to a node: calls, gas estimates, sends with
//! receipts, logs by filter. The chain stays shared: a test warps time, takes snapshots or sends
//! directly beside the provider. A wallet provider (`ProviderBuilder::new().wallet(..)
//! .connect_client(ChainTransport::new(chain).client())`) sends signed transactions, whose
//! sender the chain recovers.
//!
//! Served: `eth_chainId`, `eth_blockNumber`, `eth_getBlockByNumber` (transaction hashes only),
//! `eth_getBalance`, `eth_getTransactionCount`, `eth_getCode`, `eth_call`, `eth_estimateGas`,
//! `eth_gasPrice`, `eth_maxPriorityFeePerGas`, `eth_feeHistory` (gas is free: all zero),
//! `eth_sendTransaction` (unsigned, from any account), `eth_sendRawTransaction` and
//! `eth_sendRawTransactionSync`, `eth_getTransactionReceipt`, `eth_getLogs`. Any other method is
//! refused with an error naming it, and so is a read at a block older than the latest: the chain
//! keeps only its latest state. Lock the chain only between requests: a guard held across an
//! `.await` on the provider would wait for itself.
//!
//! ```
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! use alloy::{primitives::U256, providers::Provider};
//! use era_bindings::{ERAStaking, ERAToken};
//! use era_client::{Client, ERA, OperationState};
//! use era_harness::{Chain, TimelockOp, dev};
//!
//! let (chain, suite) = Chain::with_suite()?;
//! let (chain, provider) = chain.serve();
//! let client = Client::new(provider.clone(), suite.addresses());
//! assert_eq!(client.min_delay().await?, U256::from(suite.config.timelock_delay));
//!
//! // A send: gas estimated, the transaction mined in a block of its own, its receipt returned.
//! let token = ERAToken::new(suite.era, &provider);
//! let sent = token.transfer(dev(1), ERA).from(suite.config.proposer).send().await?;
//! let receipt = sent.get_receipt().await?;
//! assert!(receipt.status());
//! assert_eq!(receipt.block_number, Some(provider.get_block_number().await?));
//! assert_eq!(token.balanceOf(dev(1)).call().await?, ERA);
//!
//! // The chain is still the test's: schedule directly, travel in time, read through the client.
//! let unpause = TimelockOp::new(suite.staking, &ERAStaking::unpauseCall {});
//! suite.schedule(&mut chain.lock().unwrap(), &unpause)?;
//! assert_eq!(client.operation_state(unpause.id()).await?, OperationState::Waiting);
//! chain.lock().unwrap().warp(suite.config.timelock_delay);
//! assert_eq!(client.operation_state(unpause.id()).await?, OperationState::Ready);
//! # Ok(())
//! # }
//! ```

// `Revert` holds the decoded error inline (about 136 bytes) so that tests can match a nested
// pattern such as `Err(Revert::Staking(ERAStakingErrors::StakeBelowTier(e)))`; boxing it would
// make every such match two steps. Error paths of a test harness are not hot.
#![allow(clippy::result_large_err)]

mod accounts;
mod blocks;
mod evm;
mod receipt;
mod rpc;
mod suite;
mod timelock;

pub use accounts::{DEV_ACCOUNTS, DEV_BALANCE, DevAccount, dev};
pub use blocks::{Block, Mined};
/// Why a call did not return a value: the client's revert decoding, for every contract of the
/// suite.
pub use era_client::Revert;
/// A timelock operation, as `era-client` builds it for the CLI too.
pub use era_client::TimelockOp;
pub use evm::{
    BLOCK_TIME, CHAIN_ID, Chain, Deployment, GENESIS_TIMESTAMP, SnapshotId, TX_GAS_LIMIT,
    UnknownSnapshot,
};
pub use receipt::Receipt;
pub use rpc::{ChainTransport, provider};
pub use suite::{DeployError, Suite};
