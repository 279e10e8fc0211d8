//! Async batches: an executor applies signed actions at once against its bond; the batch's
//! calldata is what anyone reads back (`async_batch`) to check it; `finalize_batch` ends its window.

use std::collections::HashSet;

use alloy::{
    primitives::{Address, B256, U256},
    providers::Provider,
    rpc::types::Filter,
    sol_types::{SolCall, SolEvent},
};
use era_bindings::engine::SettlementEngine;
use serde::Serialize;

use super::{Action, LightChange, SignedAction, standard::ASYNC};
use crate::{Client, Sent, error::Result, refuse, tx::refused, units::fmt_era};

/// An executed async batch as its transaction's calldata and the engine's record tell it.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AsyncBatch {
    /// Its id.
    pub id: u64,
    /// The executor whose bond backs it.
    pub executor: Address,
    /// When it was executed (deadlines are judged against it).
    pub executed_at: u64,
    /// Last timestamp a challenge is accepted.
    pub challenge_end: u64,
    /// Its Merkle root.
    pub root: B256,
    /// Its actions, in position order, with their signatures (as sent, unchecked).
    pub actions: Vec<SignedAction>,
}

impl<P: Provider> Client<P> {
    /// `executor` applies `actions` (all of scenario `scenario`, signed for async mode) as one
    /// batch. With `check`, refuses actions a challenge would prove wrong (the executor's own
    /// protection); without it, sends them as they are, at the bond's risk.
    pub async fn execute_async(
        &self,
        executor: Address,
        scenario: U256,
        actions: &[SignedAction],
        check: bool,
    ) -> Result<LightChange> {
        if actions.is_empty() {
            refuse!("an async batch needs at least one signed action");
        }
        self.require_mode(scenario, ASYNC).await?;
        if check {
            self.check_batch(actions).await?;
        }
        let total = actions.iter().fold(U256::ZERO, |sum, s| sum + s.action.amount);
        let exposure = total + self.challenge_reward(total).await?;
        let e = self.engine().executorOf(executor).call().await?;
        if e.bonded == 0 {
            refuse!("{executor} has no executor bond: `era exec bond AMOUNT` first");
        }
        let free = U256::from(e.bonded - e.exposure - e.unbonding);
        if exposure > free {
            refuse!(
                "the batch may be slashed {} but {executor}'s free bond is {}: bond more or send fewer actions",
                fmt_era(exposure),
                fmt_era(free)
            );
        }
        let sol: Vec<_> = actions.iter().map(|s| s.action.to_sol()).collect();
        let signatures: Vec<_> = actions.iter().map(|s| s.signature.clone()).collect();
        let engine = self.engine();
        let receipt = engine
            .executeAsync(scenario, sol, signatures)
            .send()
            .await
            .map_err(|e| refused("executeAsync", &e))?
            .get_receipt()
            .await?;
        let id = receipt
            .decoded_log::<SettlementEngine::AsyncBatchExecuted>()
            .map(|l| l.data.batchId.to::<u64>())
            .ok_or_else(|| crate::Error::Rpc("executeAsync: no AsyncBatchExecuted log".into()))?;
        let tx = Sent {
            action: "executeAsync".into(),
            tx_hash: receipt.transaction_hash,
            block: receipt.block_number.unwrap_or_default(),
            gas_used: receipt.gas_used,
        };
        let summary = format!(
            "executed async batch {id}: {} actions, {} moved, {} of {executor}'s bond held until the window ends",
            actions.len(),
            fmt_era(total),
            fmt_era(exposure)
        );
        Ok(LightChange::new(summary, Some(id), vec![tx]))
    }

    /// The reward of an upheld challenge of an action of `amount` (the engine's
    /// `CHALLENGE_REWARD_BPS` of it), paid from the executor's bond.
    pub async fn challenge_reward(&self, amount: U256) -> Result<U256> {
        let bps = self.engine().CHALLENGE_REWARD_BPS().call().await?;
        Ok(amount * bps / U256::from(10_000u16))
    }

    /// The checks the engine skips in async mode, made by the executor before it risks its bond.
    async fn check_batch(&self, actions: &[SignedAction]) -> Result<()> {
        let domain = self.engine_domain().await?;
        let now = self.chain_time().await?;
        let mut used = HashSet::new();
        for (i, s) in actions.iter().enumerate() {
            let a = &s.action;
            if !s.r#async || s.recovered(&domain) != Some(a.from) {
                refuse!(
                    "action {i}: not {}'s async signature: drop it (a challenge would slash the bond)",
                    a.from
                );
            }
            if a.deadline < now {
                refuse!("action {i}: expired at {} (now {now}): drop it", a.deadline);
            }
            if !used.insert((a.from, a.nonce)) {
                refuse!(
                    "action {i}: {}'s nonce {} is used twice in the batch: drop one",
                    a.from,
                    a.nonce
                );
            }
        }
        Ok(())
    }

    /// Batch `id` read back from its transaction's calldata (logs searched from `from_block`).
    pub async fn async_batch(&self, id: u64, from_block: u64) -> Result<AsyncBatch> {
        let record = self.engine().batchOf(U256::from(id)).call().await?;
        if record.executor.is_zero() {
            refuse!("there is no async batch {id}");
        }
        let filter = Filter::new()
            .address(self.addresses.engine)
            .from_block(from_block)
            .event_signature(SettlementEngine::AsyncBatchExecuted::SIGNATURE_HASH)
            .topic1(U256::from(id));
        let Some(log) = self.provider.get_logs(&filter).await?.into_iter().next() else {
            refuse!(
                "batch {id}'s log is not after block {from_block}: give an earlier --from-block"
            );
        };
        let hash = log.transaction_hash.unwrap_or_default();
        let Some(tx) = self.provider.get_transaction_by_hash(hash).await? else {
            refuse!("batch {id}'s transaction {hash} is not available from this node");
        };
        let input = alloy::consensus::Transaction::input(&tx);
        let Ok(call) = SettlementEngine::executeAsyncCall::abi_decode(input) else {
            refuse!(
                "batch {id} was sent through a contract: its actions are not in the transaction's calldata"
            );
        };
        let actions = call
            .actions
            .iter()
            .zip(call.signatures)
            .map(|(a, signature)| SignedAction {
                action: Action::from_sol(a),
                r#async: true,
                signature,
            })
            .collect();
        Ok(AsyncBatch {
            id,
            executor: record.executor,
            executed_at: record.executedAt.to::<u64>(),
            challenge_end: record.challengeEnd.to::<u64>(),
            root: record.root,
            actions,
        })
    }

    /// Anyone: makes batch `id` final after its window, freeing the bond it held.
    pub async fn finalize_batch(&self, id: u64) -> Result<LightChange> {
        let b = self.engine().batchOf(U256::from(id)).call().await?;
        if b.executor.is_zero() {
            refuse!("there is no async batch {id}");
        }
        if b.finalized {
            refuse!("batch {id} is already final");
        }
        let now = self.chain_time().await?;
        let end = b.challengeEnd.to::<u64>();
        if now <= end {
            refuse!(
                "batch {id} can be challenged until {}: finalize after that",
                crate::units::fmt_until(end, now)
            );
        }
        let tx = crate::tx::send("finalize", self.engine().finalize(U256::from(id))).await?;
        let summary = format!(
            "finalized batch {id}: its results are final and {} of {}'s bond is free",
            fmt_era(U256::from(b.exposure)),
            b.executor
        );
        Ok(LightChange::new(summary, Some(id), vec![tx]))
    }
}
