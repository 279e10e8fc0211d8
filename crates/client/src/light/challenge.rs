//! Challenging an async action: the batch's calldata gives every action and signature, from which
//! the challenger rebuilds the tree, finds what is wrong (a signature that is not `from`'s, a
//! deadline passed at execution, a nonce an earlier valid action already used) and proves it.

use alloy::{
    primitives::{Address, B256, U256, keccak256},
    providers::Provider,
    sol_types::{Eip712Domain, SolValue},
};
use era_bindings::engine::IAsyncExecution;
use serde::Serialize;

use super::{AsyncBatch, LightChange, SignedAction};
use crate::{
    Client, error::Result, refuse, standby::tree::PositionalTree, tx::send, units::fmt_era,
};

/// What was wrong with a challenged action.
/// Its discriminant is `IAsyncExecution.Fraud`'s.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Fraud {
    /// Its signature is not `from`'s async signature.
    BadSignature,
    /// Its deadline had passed when the batch was executed.
    Expired,
    /// An earlier included, valid action of `from` used its nonce.
    NonceReused,
}

/// The leaf of `s` in its batch's tree: `keccak256(abi.encode(digest, keccak256(signature)))`.
fn leaf(s: &SignedAction, domain: &Eip712Domain) -> B256 {
    keccak256((s.action.digest(domain, true), keccak256(&s.signature)).abi_encode())
}

/// Whether `s` validly spent its nonce in a batch executed at `executed_at`.
fn valid(s: &SignedAction, domain: &Eip712Domain, executed_at: u64) -> bool {
    s.recovered(domain) == Some(s.action.from) && s.action.deadline >= executed_at
}

fn inclusion(
    batch: &AsyncBatch,
    index: usize,
    domain: &Eip712Domain,
) -> IAsyncExecution::Inclusion {
    let leaves: Vec<_> = batch.actions.iter().map(|s| leaf(s, domain)).collect();
    let s = &batch.actions[index];
    IAsyncExecution::Inclusion {
        batchId: U256::from(batch.id),
        index: U256::from(index),
        action: s.action.to_sol(),
        signature: s.signature.clone(),
        proof: PositionalTree::new(&leaves).proof(index),
    }
}

impl<P: Provider> Client<P> {
    /// `challenger` proves action `index` of batch `id` wrong, finding the evidence itself (logs
    /// and calldata searched from `from_block`); refuses when the action is valid or it is too late.
    pub async fn challenge_action(
        &self,
        challenger: Address,
        id: u64,
        index: usize,
        from_block: u64,
    ) -> Result<LightChange> {
        let batch = self.async_batch(id, from_block).await?;
        let Some(s) = batch.actions.get(index) else {
            refuse!("batch {id} has {} actions: no action {index}", batch.actions.len());
        };
        let now = self.chain_time().await?;
        if now > batch.challenge_end {
            refuse!(
                "batch {id}'s challenge window closed at {} (now {now}): too late",
                batch.challenge_end
            );
        }
        if self.engine().isChallenged(U256::from(id), U256::from(index)).call().await? {
            refuse!("action {index} of batch {id} was already challenged");
        }
        let domain = self.engine_domain().await?;
        let leaves: Vec<_> = batch.actions.iter().map(|a| leaf(a, &domain)).collect();
        if PositionalTree::new(&leaves).root() != batch.root {
            refuse!("batch {id}'s calldata does not rebuild its root: wrong chain or engine?");
        }
        let a = s.action;
        let (fraud, prior) = if s.recovered(&domain) != Some(a.from) {
            (Fraud::BadSignature, None)
        } else if a.deadline < batch.executed_at {
            (Fraud::Expired, None)
        } else if let Some(prior) = self.prior_use(&batch, index, from_block, &domain).await? {
            (Fraud::NonceReused, Some(prior))
        } else {
            refuse!(
                "action {index} of batch {id} is valid (signed by {}, in time, nonce {} not used before): a challenge would fail",
                a.from,
                a.nonce
            );
        };
        let empty = IAsyncExecution::Inclusion {
            batchId: U256::ZERO,
            index: U256::ZERO,
            action: SignedAction::default().action.to_sol(),
            signature: Default::default(),
            proof: Vec::new(),
        };
        let leaf = inclusion(&batch, index, &domain);
        let engine = self.engine();
        let tx =
            send("challenge", engine.challenge(leaf, fraud as u8, prior.unwrap_or(empty))).await?;
        let reward = self.challenge_reward(a.amount).await?;
        let summary = format!(
            "challenge upheld ({fraud:?}): {} compensated {}, {challenger} paid {} from {}'s bond",
            a.from,
            fmt_era(a.amount),
            fmt_era(reward),
            batch.executor
        );
        Ok(LightChange::new(summary, Some(id), vec![tx]))
    }

    /// An earlier valid inclusion of the same signer's nonce: in the same batch, then in earlier ones.
    async fn prior_use(
        &self,
        batch: &AsyncBatch,
        index: usize,
        from_block: u64,
        domain: &Eip712Domain,
    ) -> Result<Option<IAsyncExecution::Inclusion>> {
        let a = batch.actions[index].action;
        let same = |s: &SignedAction| s.action.from == a.from && s.action.nonce == a.nonce;
        let find = |b: &AsyncBatch, end: usize| {
            b.actions[..end].iter().position(|s| same(s) && valid(s, domain, b.executed_at))
        };
        if let Some(i) = find(batch, index) {
            return Ok(Some(inclusion(batch, i, domain)));
        }
        for earlier in (1..batch.id).rev() {
            let b = self.async_batch(earlier, from_block).await?;
            if let Some(i) = find(&b, b.actions.len()) {
                return Ok(Some(inclusion(&b, i, domain)));
            }
        }
        Ok(None)
    }
}
