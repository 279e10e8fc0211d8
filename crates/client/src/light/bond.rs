//! Executor bonds: posting ERA, asking to unbond part of the free bond, withdrawing it after the
//! delay once no batch of the executor is open.

use alloy::{
    primitives::{Address, U256},
    providers::Provider,
};

use super::LightChange;
use crate::{Client, error::Result, refuse, tx::send, units::fmt_era};

impl<P: Provider> Client<P> {
    /// `executor` posts `amount` of ERA as its bond (approving the engine first if needed).
    pub async fn bond(&self, executor: Address, amount: U256) -> Result<LightChange> {
        if amount.is_zero() {
            refuse!("bond a positive amount of ERA");
        }
        let engine = self.addresses.engine;
        let mut txs: Vec<_> = self
            .approve_era(executor, engine, amount, "the bond needs")
            .await?
            .into_iter()
            .collect();
        txs.push(send("bond", self.engine().bond(amount)).await?);
        let bonded = self.engine().executorOf(executor).call().await?.bonded;
        let summary = format!(
            "bonded {}: {executor} backs batches with {}",
            fmt_era(amount),
            fmt_era(U256::from(bonded))
        );
        Ok(LightChange::new(summary, None, txs))
    }

    /// `executor` asks to withdraw `amount` of its free bond (after one challenge window).
    pub async fn request_unbond(&self, executor: Address, amount: U256) -> Result<LightChange> {
        let e = self.engine().executorOf(executor).call().await?;
        let free = U256::from(e.bonded - e.exposure - e.unbonding);
        if amount.is_zero() || amount > free {
            refuse!(
                "{executor}'s free bond is {}: unbond a positive amount up to it",
                fmt_era(free)
            );
        }
        let tx = send("requestUnbond", self.engine().requestUnbond(amount)).await?;
        let e = self.engine().executorOf(executor).call().await?;
        let summary = format!(
            "unbonding {} of {executor}'s bond: withdraw it from {} with `era exec unbond --claim`",
            fmt_era(U256::from(e.unbonding)),
            crate::units::fmt_time(e.unbondAt)
        );
        Ok(LightChange::new(summary, None, vec![tx]))
    }

    /// `executor` withdraws its unbonding part to `to`.
    pub async fn unbond(&self, executor: Address, to: Address) -> Result<LightChange> {
        let e = self.engine().executorOf(executor).call().await?;
        if e.unbonding == 0 {
            refuse!("{executor} has nothing unbonding: `era exec unbond AMOUNT` first");
        }
        let now = self.chain_time().await?;
        if now < e.unbondAt {
            refuse!("the unbonding is ready at {}: wait", crate::units::fmt_until(e.unbondAt, now));
        }
        if e.exposure != 0 {
            refuse!(
                "{executor} still backs open batches ({}): finalize them first (`era exec finalize`)",
                fmt_era(U256::from(e.exposure))
            );
        }
        let tx = send("unbond", self.engine().unbond(to)).await?;
        let summary =
            format!("withdrew {} of {executor}'s bond to {to}", fmt_era(U256::from(e.unbonding)));
        Ok(LightChange::new(summary, None, vec![tx]))
    }
}
