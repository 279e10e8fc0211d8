//! Governance as the CLI's commands share it: every scheduling command goes through [`propose`]
//! (the client's `Client::propose` from the suite's deployment block). Operations, their ids,
//! descriptions and the list of pending ones come from `era_client`.

use alloy::{
    primitives::{Address, Bytes},
    sol_types::SolCall,
};
use era_client::Operation;
use eyre::Result;

use crate::{connect::Chain, suite::Suite, tx::Sent};

pub(crate) use era_client::fmt_scheduled as fmt_operation;

/// Current chain time (latest block's timestamp).
pub(crate) async fn chain_time(chain: &Chain) -> Result<u64> {
    let client = era_client::Client::new(&chain.provider, Default::default());
    Ok(client.chain_time().await?)
}

/// Schedules `calls` as one operation through the client's [`era_client::Client::propose`].
pub(crate) async fn propose(
    suite: &Suite,
    sender: Address,
    calls: Vec<(Address, Bytes)>,
) -> Result<(Operation, Sent)> {
    Ok(suite.client().propose(sender, calls, suite.record.deploy_block()).await?)
}

/// Calldata of a staking call, for scheduling.
pub(crate) fn calldata<C: SolCall>(call: &C) -> Bytes {
    call.abi_encode().into()
}
