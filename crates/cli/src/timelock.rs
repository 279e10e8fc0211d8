//! Governance as the CLI does it: every scheduling command goes through [`propose`], `era gov
//! execute` through [`execute`]. Operations, their ids, descriptions and the list of pending
//! ones come from `era_client` (the timelock module of the client).

use std::fmt;

use alloy::{
    primitives::{Address, Bytes},
    sol_types::SolCall,
};
use era_client::Operation;
use eyre::Result;

use crate::{amount::fmt_time, connect::Chain, record::Record, suite::Suite, tx::Sent};

/// The two lines every scheduling command prints: the operation's id and when it can execute.
pub(crate) fn fmt_operation(f: &mut fmt::Formatter<'_>, operation: &Operation) -> fmt::Result {
    writeln!(f, "  operation    {}", operation.id)?;
    writeln!(f, "  executable   {} (then: era gov execute)", fmt_time(operation.ready_at))
}

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

/// Executes a ready operation (anyone may: the suite's timelock has an open executor role).
pub(crate) async fn execute(chain: &Chain, record: &Record, op: &Operation) -> Result<Sent> {
    let client = era_client::Client::new(&chain.provider, record.addresses());
    Ok(client.execute(op).await?)
}

/// Calldata of a staking call, for scheduling.
pub(crate) fn calldata<C: SolCall>(call: &C) -> Bytes {
    call.abi_encode().into()
}
