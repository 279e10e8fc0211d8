//! Governance operations on the suite's `TimelockController`: schedule, find pending, execute.
//!
//! OpenZeppelin's timelock keeps no list of operations, so pending ones are rebuilt from its
//! `CallScheduled`/`CallSalt` events since the deployment block, then filtered by their state.

use std::{collections::BTreeMap, fmt};

use alloy::{
    primitives::{Address, B256, Bytes, U256},
    providers::Provider,
    rpc::types::{BlockNumberOrTag, Filter},
    sol_types::{SolCall, SolEvent, SolInterface},
};
use era_bindings::{
    AssetMirror::AssetMirrorCalls, ERAStaking::ERAStakingCalls,
    StateAssetRegistry::StateAssetRegistryCalls, TimelockController, tier_name,
};
use eyre::{Result, eyre};
use serde::Serialize;

use crate::{
    amount::{fmt_duration, fmt_era, fmt_time},
    connect::Chain,
    record::Record,
    tx::{Sent, send},
};

/// Where an operation stands (OpenZeppelin's `OperationState`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) enum OperationState {
    /// Not scheduled, or cancelled.
    Unset,
    /// Scheduled; its delay has not passed.
    Waiting,
    /// Executable now.
    Ready,
    /// Executed.
    Done,
}

impl From<u8> for OperationState {
    fn from(state: u8) -> Self {
        match state {
            1 => Self::Waiting,
            2 => Self::Ready,
            3 => Self::Done,
            _ => Self::Unset,
        }
    }
}

/// One call of an operation.
#[derive(Clone, Debug, Serialize)]
pub(crate) struct Call {
    /// The contract called.
    pub(crate) target: Address,
    /// Wei sent along.
    #[serde(serialize_with = "crate::amount::decimal")]
    pub(crate) value: U256,
    /// The calldata.
    pub(crate) data: Bytes,
    /// What the call does, decoded when it targets the suite.
    pub(crate) description: String,
}

/// A scheduled timelock operation.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Operation {
    /// Its id (`hashOperation`).
    pub(crate) id: B256,
    /// Its calls (more than one for a batch).
    pub(crate) calls: Vec<Call>,
    /// Operation that must execute first (zero for none).
    pub(crate) predecessor: B256,
    /// Salt it was scheduled with.
    pub(crate) salt: B256,
    /// Unix time from which it can execute.
    pub(crate) ready_at: u64,
    /// Its state when read.
    pub(crate) state: OperationState,
}

impl fmt::Display for Operation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = self.calls.iter().map(|c| c.description.as_str()).collect::<Vec<_>>().join("; ");
        let state = match self.state {
            OperationState::Ready => "ready".to_owned(),
            OperationState::Waiting => format!("ready at {}", fmt_time(self.ready_at)),
            OperationState::Done => "done".to_owned(),
            OperationState::Unset => "cancelled".to_owned(),
        };
        write!(f, "{}  {what}  [{state}]", self.id)
    }
}

/// What a call to a suite contract does, e.g. `setTier(financial, 150,000 ERA)`.
pub(crate) fn describe(record: &Record, target: Address, data: &[u8]) -> String {
    if target == record.addresses().staking
        && let Ok(call) = ERAStakingCalls::abi_decode(data)
    {
        return match call {
            ERAStakingCalls::setTier(c) => format!(
                "staking.setTier({}, {})",
                tier_name(c.tier),
                fmt_era(U256::from(c.minStake))
            ),
            ERAStakingCalls::setUnbondingDelay(c) => {
                format!("staking.setUnbondingDelay({})", fmt_duration(c.delay))
            }
            ERAStakingCalls::setGracePeriod(c) => {
                format!("staking.setGracePeriod({})", fmt_duration(c.period))
            }
            ERAStakingCalls::grantRole(c) => {
                format!("staking.grantRole({}, {})", c.role, c.account)
            }
            ERAStakingCalls::unpause(_) => "staking.unpause()".into(),
            other => format!("staking.{}", selector_name(&other)),
        };
    }
    if target == record.addresses().assets
        && let Ok(call) = StateAssetRegistryCalls::abi_decode(data)
    {
        return match call {
            StateAssetRegistryCalls::setSchema(c) => format!(
                "assets.setSchema(verifier {}, scenario {}, coefficient {} to {} bps, fee {})",
                c.verifier,
                c.scenario,
                c.baseCoefficient,
                c.maxCoefficient,
                fmt_era(U256::from(c.fee))
            ),
            StateAssetRegistryCalls::setRemote(c) => {
                format!("assets.setRemote(domain {}, mirror {})", c.domain, c.mirror)
            }
            StateAssetRegistryCalls::resolveChallenge(c) => {
                format!("assets.resolveChallenge({}, upheld {})", c.assetId, c.upheld)
            }
            other => {
                let debug = format!("{other:?}");
                format!("assets.{}(…)", debug.split('(').next().unwrap_or_default())
            }
        };
    }
    if target == record.addresses().mirror
        && let Ok(AssetMirrorCalls::setOrigin(c)) = AssetMirrorCalls::abi_decode(data)
    {
        return format!("mirror.setOrigin(domain {}, registry {})", c.domain, c.registry);
    }
    format!("call {target} with {} bytes of calldata", data.len())
}

fn selector_name(call: &ERAStakingCalls) -> String {
    let debug = format!("{call:?}");
    debug.split('(').next().unwrap_or_default().to_owned() + "(…)"
}

/// Current chain time (latest block's timestamp).
pub(crate) async fn chain_time(chain: &Chain) -> Result<u64> {
    let block = chain
        .provider
        .get_block_by_number(BlockNumberOrTag::Latest)
        .await?
        .ok_or_else(|| eyre!("{} returned no latest block", chain.url))?;
    Ok(block.header.timestamp)
}

/// Every operation scheduled since the deployment that is still waiting or ready.
pub(crate) async fn pending(chain: &Chain, record: &Record) -> Result<Vec<Operation>> {
    let timelock = TimelockController::new(record.addresses().timelock, &chain.provider);
    let filter = Filter::new()
        .address(*timelock.address())
        .from_block(record.deploy_block())
        .event_signature(vec![
            TimelockController::CallScheduled::SIGNATURE_HASH,
            TimelockController::CallSalt::SIGNATURE_HASH,
        ]);
    let mut scheduled: BTreeMap<B256, (usize, Operation)> = BTreeMap::new();
    let mut salts = BTreeMap::new();
    for (order, log) in chain.provider.get_logs(&filter).await?.into_iter().enumerate() {
        if let Ok(salt) = log.log_decode::<TimelockController::CallSalt>() {
            salts.insert(salt.inner.data.id, salt.inner.data.salt);
            continue;
        }
        let event = log.log_decode::<TimelockController::CallScheduled>()?.inner.data;
        let call = Call {
            target: event.target,
            value: event.value,
            description: describe(record, event.target, &event.data),
            data: event.data,
        };
        // A re-scheduled id (after a cancel) starts over.
        let entry = scheduled.entry(event.id).or_insert_with(|| {
            let op = Operation {
                id: event.id,
                calls: Vec::new(),
                predecessor: event.predecessor,
                salt: B256::ZERO,
                ready_at: 0,
                state: OperationState::Unset,
            };
            (order, op)
        });
        if event.index.is_zero() {
            entry.1.calls.clear();
        }
        entry.1.calls.push(call);
    }
    let mut ops = Vec::new();
    for (_, (order, mut op)) in scheduled {
        op.state = OperationState::from(timelock.getOperationState(op.id).call().await?);
        if matches!(op.state, OperationState::Waiting | OperationState::Ready) {
            op.salt = salts.get(&op.id).copied().unwrap_or_default();
            op.ready_at = timelock.getTimestamp(op.id).call().await?.to::<u64>();
            ops.push((order, op));
        }
    }
    ops.sort_by_key(|(order, _)| *order);
    Ok(ops.into_iter().map(|(_, op)| op).collect())
}

/// Schedules one call with the timelock's minimum delay; returns the operation and the tx.
pub(crate) async fn schedule(
    chain: &Chain,
    record: &Record,
    target: Address,
    data: Bytes,
    salt: B256,
) -> Result<(Operation, Sent)> {
    let timelock = TimelockController::new(record.addresses().timelock, &chain.provider);
    let delay = timelock.getMinDelay().call().await?;
    let id =
        timelock.hashOperation(target, U256::ZERO, data.clone(), B256::ZERO, salt).call().await?;
    let sent = send(
        "schedule",
        timelock.schedule(target, U256::ZERO, data.clone(), B256::ZERO, salt, delay),
    )
    .await?;
    let op = Operation {
        id,
        calls: vec![Call {
            target,
            value: U256::ZERO,
            description: describe(record, target, &data),
            data,
        }],
        predecessor: B256::ZERO,
        salt,
        ready_at: timelock.getTimestamp(id).call().await?.to::<u64>(),
        state: OperationState::Waiting,
    };
    Ok((op, sent))
}

/// Executes a ready operation (anyone may: the suite's timelock has an open executor role).
pub(crate) async fn execute(chain: &Chain, record: &Record, op: &Operation) -> Result<Sent> {
    let timelock = TimelockController::new(record.addresses().timelock, &chain.provider);
    if let [call] = op.calls.as_slice() {
        let exec = timelock
            .execute(call.target, call.value, call.data.clone(), op.predecessor, op.salt)
            .value(call.value);
        return send("execute", exec).await;
    }
    let value = op.calls.iter().map(|c| c.value).sum();
    let batch = TimelockController::executeBatchCall {
        targets: op.calls.iter().map(|c| c.target).collect(),
        values: op.calls.iter().map(|c| c.value).collect(),
        payloads: op.calls.iter().map(|c| c.data.clone()).collect(),
        predecessor: op.predecessor,
        salt: op.salt,
    };
    send("executeBatch", timelock.call_builder(&batch).value(value)).await
}

/// Calldata of a staking call, for scheduling.
pub(crate) fn calldata<C: SolCall>(call: &C) -> Bytes {
    call.abi_encode().into()
}
