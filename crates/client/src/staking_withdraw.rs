//! Leaving a node through the unbonding delay: queue a withdrawal (it stays slashable), complete
//! it once the delay has passed, list the queued ones (`era withdraw queue|complete|list`).

use std::fmt;

use alloy::{
    primitives::{Address, U256},
    providers::Provider,
};
use serde::Serialize;

use crate::{
    Client, Error, Sent,
    error::Result,
    refuse,
    tx::send,
    units::{fmt_era, fmt_time, fmt_until},
};

/// A queued withdrawal.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct QueuedWithdrawal {
    /// Its id, per account.
    pub id: u64,
    /// The node the stake leaves.
    pub node: Address,
    /// What it would pay now (less if the node is slashed before completion).
    #[serde(serialize_with = "crate::wei::serialize")]
    pub amount: U256,
    /// When it can complete.
    pub ready_at: u64,
}

impl fmt::Display for QueuedWithdrawal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "#{:<3} {:>16} from node {}  ready at {}",
            self.id,
            fmt_era(self.amount),
            self.node,
            fmt_time(self.ready_at)
        )
    }
}

/// What queueing or completing a withdrawal did.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct WithdrawalChange {
    /// The withdrawal (as it was before completion).
    pub withdrawal: QueuedWithdrawal,
    /// Whether it was completed (paid out) rather than queued.
    pub completed: bool,
    /// The transaction.
    pub tx: Sent,
}

impl fmt::Display for WithdrawalChange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{}", self.tx)?;
        let w = &self.withdrawal;
        if self.completed {
            write!(f, "withdrawal #{} completed: {} paid out", w.id, fmt_era(w.amount))
        } else {
            write!(
                f,
                "withdrawal #{} queued: {} from node {}, ready at {}",
                w.id,
                fmt_era(w.amount),
                w.node,
                fmt_time(w.ready_at)
            )
        }
    }
}

/// An account's queued withdrawals.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Withdrawals {
    /// Whose.
    pub account: Address,
    /// Queued and not completed, by id.
    pub withdrawals: Vec<QueuedWithdrawal>,
}

impl fmt::Display for Withdrawals {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.withdrawals.is_empty() {
            return write!(f, "no queued withdrawals for {}", self.account);
        }
        let lines: Vec<String> = self.withdrawals.iter().map(ToString::to_string).collect();
        write!(f, "{}", lines.join("\n"))
    }
}

impl<P: Provider> Client<P> {
    /// Withdrawal `id` of `account`, unless it was completed (or never queued).
    pub async fn withdrawal(&self, account: Address, id: u64) -> Result<Option<QueuedWithdrawal>> {
        let staking = self.staking();
        let w = staking.withdrawal(account, U256::from(id)).call().await?;
        if w.node == Address::ZERO {
            return Ok(None);
        }
        let amount = staking.withdrawalAmount(account, U256::from(id)).call().await?;
        Ok(Some(QueuedWithdrawal { id, node: w.node, amount, ready_at: w.readyAt }))
    }

    /// `account`'s queued withdrawals.
    pub async fn withdrawals(&self, account: Address) -> Result<Withdrawals> {
        let count = self.staking().withdrawalCount(account).call().await?.to::<u64>();
        let mut withdrawals = Vec::new();
        for id in 0..count {
            withdrawals.extend(self.withdrawal(account, id).await?);
        }
        Ok(Withdrawals { account, withdrawals })
    }

    /// `account` queues a withdrawal of `amount` of its stake with `node`.
    pub async fn queue_withdrawal(
        &self,
        account: Address,
        node: Address,
        amount: U256,
    ) -> Result<WithdrawalChange> {
        let staking = self.staking();
        if staking.paused().call().await? {
            refuse!(
                "staking is paused by its guardian: withdrawals can be queued once it is unpaused"
            );
        }
        let held = staking.stakeOf(node, account).call().await?;
        if held < amount {
            refuse!(
                "{account} has {} staked with node {node}, less than {}",
                fmt_era(held),
                fmt_era(amount)
            );
        }
        let id = staking.withdrawalCount(account).call().await?.to::<u64>();
        let tx = send("queueWithdrawal", staking.queueWithdrawal(node, amount)).await?;
        let Some(withdrawal) = self.withdrawal(account, id).await? else {
            return Err(Error::Rpc(format!(
                "withdrawal #{id} is not on chain after tx {}",
                tx.tx_hash
            )));
        };
        Ok(WithdrawalChange { withdrawal, completed: false, tx })
    }

    /// `account` completes its withdrawal `id` once the unbonding delay has passed.
    pub async fn complete_withdrawal(&self, account: Address, id: u64) -> Result<WithdrawalChange> {
        let Some(withdrawal) = self.withdrawal(account, id).await? else {
            refuse!(
                "{account} has no queued withdrawal #{id}: `era withdraw list --account {account}` shows them"
            );
        };
        let now = self.chain_time().await?;
        if now < withdrawal.ready_at {
            refuse!(
                "withdrawal #{id} is not ready: unbonding ends at {}",
                fmt_until(withdrawal.ready_at, now)
            );
        }
        let tx =
            send("completeWithdrawal", self.staking().completeWithdrawal(U256::from(id))).await?;
        Ok(WithdrawalChange { withdrawal, completed: true, tx })
    }
}
