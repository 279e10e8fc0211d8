//! Governance operations on the suite's `TimelockController`: schedule, find pending, execute.
//!
//! OpenZeppelin's timelock keeps no list of operations, so pending ones are rebuilt from its
//! `CallScheduled`/`CallSalt` events since the deployment block, then filtered by their state.

use std::{collections::BTreeMap, fmt};

use alloy::{
    contract::RawCallBuilder,
    primitives::{Address, B256, Bytes, U256},
    providers::Provider,
    rpc::types::{BlockNumberOrTag, Filter},
    sol_types::{SolCall, SolEvent, SolInterface},
};
use era_bindings::{
    AssetMirror::AssetMirrorCalls, CircuitBreaker::CircuitBreakerCalls, ERAMargin::ERAMarginCalls,
    ERAStaking::ERAStakingCalls, ModuleRegistry::ModuleRegistryCalls,
    ScenarioRegistry::ScenarioRegistryCalls, StateAssetRegistry::StateAssetRegistryCalls,
    TimelockController,
};
use era_client::{OperationState, TimelockOp, tier_name};
use eyre::{Result, bail, eyre};
use serde::Serialize;

use crate::{
    amount::{fmt_duration, fmt_era, fmt_time},
    connect::Chain,
    record::Record,
    suite::Suite,
    tx::{Sent, send},
};

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
            other => format!("staking.{}", call_name(&other)),
        };
    }
    let addresses = record.addresses();
    if target == addresses.modules
        && let Ok(call) = ModuleRegistryCalls::abi_decode(data)
    {
        return match call {
            ModuleRegistryCalls::registerModule(c) => format!(
                "modules.registerModule({}, level {}, +{} per node{})",
                tier_name(c.name),
                c.level,
                fmt_era(U256::from(c.extraStake)),
                if c.verifier.is_zero() {
                    String::new()
                } else {
                    format!(", verifier {}", c.verifier)
                }
            ),
            ModuleRegistryCalls::setThreshold(c) => format!(
                "modules.setThreshold(module {}, +{} per node)",
                c.moduleId,
                fmt_era(U256::from(c.extraStake))
            ),
            ModuleRegistryCalls::deprecate(c) => {
                format!("modules.deprecate(module {})", c.moduleId)
            }
            other => format!("modules.{}", call_name(&other)),
        };
    }
    if target == addresses.scenarios
        && let Ok(call) = ScenarioRegistryCalls::abi_decode(data)
    {
        return match call {
            ScenarioRegistryCalls::pin(c) => {
                format!("scenarios.pin(scenario {}, module {})", c.scenarioId, c.moduleId)
            }
            ScenarioRegistryCalls::unpin(c) => {
                format!("scenarios.unpin(scenario {})", c.scenarioId)
            }
            other => format!("scenarios.{}", call_name(&other)),
        };
    }
    if target == addresses.breaker
        && let Ok(call) = CircuitBreakerCalls::abi_decode(data)
    {
        return match call {
            CircuitBreakerCalls::reopen(c) => format!("breaker.reopen({})", domain_name(c.domain)),
            CircuitBreakerCalls::setEraUsdPrice(c) => {
                format!("breaker.setEraUsdPrice({} USD)", fmt_era(c.price).trim_end_matches(" ERA"))
            }
            other => format!("breaker.{}", call_name(&other)),
        };
    }
    if target == addresses.margin
        && let Ok(call) = ERAMarginCalls::abi_decode(data)
    {
        return describe_margin(call);
    }
    if target == addresses.assets
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
            other => format!("assets.{}", call_name(&other)),
        };
    }
    if target == addresses.mirror
        && let Ok(AssetMirrorCalls::setOrigin(c)) = AssetMirrorCalls::abi_decode(data)
    {
        return format!("mirror.setOrigin(domain {}, registry {})", c.domain, c.registry);
    }
    format!("call {target} with {} bytes of calldata", data.len())
}

/// What a governance call to the margin contract does, e.g. `margin.setPartner(alpha, 0x…)`.
fn describe_margin(call: ERAMarginCalls) -> String {
    match call {
        ERAMarginCalls::setPartner(c) => {
            format!("margin.setPartner({}, {})", tier_name(c.partner), c.actor)
        }
        ERAMarginCalls::resolve(c) if c.wad.is_zero() => {
            format!("margin.resolve(case #{}, release)", c.caseId)
        }
        ERAMarginCalls::resolve(c) => {
            format!(
                "margin.resolve(case #{}, slash {})",
                c.caseId,
                crate::amount::fmt_percent(c.wad)
            )
        }
        ERAMarginCalls::penalize(c) => format!("margin.penalize({})", c.provider),
        ERAMarginCalls::setMinMarginPerEcosystem(c) => {
            format!("margin.setMinMarginPerEcosystem({})", fmt_era(U256::from(c.minimum)))
        }
        ERAMarginCalls::setDisputeWindow(c) => {
            format!("margin.setDisputeWindow({})", fmt_duration(c.window))
        }
        ERAMarginCalls::setMaxFreezePeriod(c) => {
            format!("margin.setMaxFreezePeriod({})", fmt_duration(c.period))
        }
        ERAMarginCalls::setWithdrawalDelay(c) => {
            format!("margin.setWithdrawalDelay({})", fmt_duration(c.delay))
        }
        ERAMarginCalls::setRewardsPool(c) => format!("margin.setRewardsPool({})", c.pool),
        ERAMarginCalls::grantRole(c) => format!("margin.grantRole({}, {})", c.role, c.account),
        ERAMarginCalls::unpause(_) => "margin.unpause()".into(),
        other => format!("margin.{}", call_name(&other)),
    }
}

/// A risk domain's name, as the CLI writes it.
pub(crate) fn domain_name(domain: u8) -> &'static str {
    era_client::RiskDomain::try_from(domain).map_or("unknown", era_client::RiskDomain::name)
}

fn call_name(call: &impl fmt::Debug) -> String {
    let debug = format!("{call:?}");
    debug.split('(').next().unwrap_or_default().to_owned() + "(…)"
}

/// The two lines every scheduling command prints: the operation's id and when it can execute.
pub(crate) fn fmt_operation(f: &mut fmt::Formatter<'_>, operation: &Operation) -> fmt::Result {
    writeln!(f, "  operation    {}", operation.id)?;
    writeln!(f, "  executable   {} (then: era gov execute)", fmt_time(operation.ready_at))
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

/// The one way every governance command schedules: checks that `sender` may propose and that
/// no pending operation already makes the same calls, then schedules them as one operation (a
/// batch when there are several) with a fresh salt, so the same change can be proposed again
/// after it ran. Returns the operation and the scheduling transaction.
pub(crate) async fn propose(
    suite: &Suite,
    sender: Address,
    calls: Vec<(Address, Bytes)>,
) -> Result<(Operation, Sent)> {
    let client = suite.client();
    client.check_proposer(sender).await?;
    for op in pending(&suite.chain, &suite.record).await? {
        let same = op.calls.len() == calls.len()
            && op.calls.iter().zip(&calls).all(|(a, (t, d))| a.target == *t && a.data == *d);
        if same {
            bail!(
                "the same change is already pending as operation {} (executable at {}): execute it with `era gov execute` instead of scheduling it again",
                op.id,
                fmt_time(op.ready_at)
            );
        }
    }
    let nonce = suite.chain.provider.get_transaction_count(sender).await?;
    let now = chain_time(&suite.chain).await?;
    let op = TimelockOp::batch(calls).with_salt(TimelockOp::fresh_salt(sender, nonce, now));
    let action = if op.calls.len() == 1 { "schedule" } else { "scheduleBatch" };
    let data = op.schedule_data(client.min_delay().await?);
    let call =
        RawCallBuilder::new_raw(&suite.chain.provider, data).to(suite.record.addresses().timelock);
    let sent = send(action, call).await?;
    let id = op.id();
    let operation = Operation {
        id,
        calls: op
            .calls
            .into_iter()
            .map(|(target, value, data)| Call {
                target,
                value,
                description: describe(&suite.record, target, &data),
                data,
            })
            .collect(),
        predecessor: op.predecessor,
        salt: op.salt,
        ready_at: suite.timelock().getTimestamp(id).call().await?.to::<u64>(),
        state: OperationState::Waiting,
    };
    Ok((operation, sent))
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
