//! A provider's own margin actions: post, add, queue a withdrawal and complete it. Each is
//! checked first against what the contract would refuse, and reports the margin afterwards.

use std::fmt;

use alloy::{
    primitives::{Address, U256},
    providers::Provider,
};
use serde::Serialize;

use crate::{
    Client, ProviderMargin, Sent,
    error::Result,
    refuse,
    tx::send,
    units::{fmt_era, fmt_until},
};

/// What a provider's margin action did: its transactions and the margin afterwards.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MarginChange {
    /// The transactions sent (an approval first, when one was needed).
    pub txs: Vec<Sent>,
    /// ERA paid out to the provider, for a completed withdrawal.
    #[serde(serialize_with = "crate::wei::serialize")]
    pub paid: U256,
    /// The margin afterwards.
    pub margin: ProviderMargin,
}

impl fmt::Display for MarginChange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for tx in &self.txs {
            writeln!(f, "{tx}")?;
        }
        if !self.paid.is_zero() {
            writeln!(f, "withdrew {}", fmt_era(self.paid))?;
        }
        write!(f, "{}", self.margin)
    }
}

impl<P: Provider> Client<P> {
    /// `sender` posts `amount` of margin for the `ecosystems` it serves (the whole margin must
    /// cover each at the current minimum).
    pub async fn post_margin(
        &self,
        sender: Address,
        amount: U256,
        ecosystems: u32,
    ) -> Result<MarginChange> {
        if ecosystems == 0 {
            refuse!("--ecosystems must be at least 1");
        }
        let before = self.provider_margin(sender).await?;
        self.require_covered(before.margin + amount, ecosystems).await?;
        let mut txs: Vec<Sent> = self.prepare_margin(sender, amount).await?.into_iter().collect();
        txs.push(send("post", self.margin().post(amount, ecosystems)).await?);
        self.margin_change(sender, txs, U256::ZERO).await
    }

    /// `sender` adds `amount` to the margin it posted, keeping its ecosystems.
    pub async fn add_margin(&self, sender: Address, amount: U256) -> Result<MarginChange> {
        if self.provider_margin(sender).await?.ecosystems == 0 {
            refuse!(
                "{sender} has posted no margin: use `era margin post <amount> --ecosystems <n>` first"
            );
        }
        let mut txs: Vec<Sent> = self.prepare_margin(sender, amount).await?.into_iter().collect();
        txs.push(send("add", self.margin().add(amount)).await?);
        self.margin_change(sender, txs, U256::ZERO).await
    }

    /// `sender` queues a withdrawal of `amount` (replacing a queued one); the rest must still
    /// cover its ecosystems unless it withdraws everything.
    pub async fn queue_margin_withdrawal(
        &self,
        sender: Address,
        amount: U256,
    ) -> Result<MarginChange> {
        let before = self.provider_margin(sender).await?;
        // A new queueing replaces the old one: what was queued counts as held again first.
        let held = before.margin + before.pending_withdrawal;
        if amount > held {
            refuse!("{sender} holds {} of margin, less than {}", fmt_era(held), fmt_era(amount));
        }
        if amount != held {
            self.require_covered(held - amount, before.ecosystems).await?;
        }
        let tx = send("queueWithdrawal", self.margin().queueWithdrawal(amount)).await?;
        self.margin_change(sender, vec![tx], U256::ZERO).await
    }

    /// `sender` completes its queued withdrawal once the delay has passed, for the part no case
    /// holds.
    pub async fn complete_margin_withdrawal(&self, sender: Address) -> Result<MarginChange> {
        let before = self.provider_margin(sender).await?;
        if before.pending_withdrawal.is_zero() {
            refuse!(
                "{sender} has no queued margin withdrawal: `era margin withdraw queue <amount>` first"
            );
        }
        let now = self.chain_time().await?;
        if now < before.withdrawable_at {
            refuse!(
                "the margin withdrawal is not ready: its delay ends at {}",
                fmt_until(before.withdrawable_at, now)
            );
        }
        // Open cases hold back what they froze; the rest of the queued amount leaves.
        let paid = before.pending_withdrawal.min(before.unfrozen());
        if paid.is_zero() {
            refuse!(
                "{} of {sender}'s margin is frozen by open cases: nothing can be withdrawn until they are resolved or lapse",
                fmt_era(before.frozen)
            );
        }
        let tx = send("completeWithdrawal", self.margin().completeWithdrawal()).await?;
        self.margin_change(sender, vec![tx], paid).await
    }

    /// Checks that margin is open and `sender` holds `amount`, and approves the margin contract
    /// if needed; returns the approval, if one was sent.
    async fn prepare_margin(&self, sender: Address, amount: U256) -> Result<Option<Sent>> {
        let margin = self.margin();
        if margin.paused().call().await? {
            refuse!("margin is paused by its guardian: posting is refused until it is unpaused");
        }
        self.approve_era(sender, *margin.address(), amount, "needs").await
    }

    /// Refuses unless `margin` covers `ecosystems` at the current minimum.
    async fn require_covered(&self, margin: U256, ecosystems: u32) -> Result<()> {
        let per = U256::from(self.margin().minMarginPerEcosystem().call().await?);
        let required = per * U256::from(ecosystems);
        if margin < required {
            refuse!(
                "{} of margin does not cover {ecosystems} ecosystem(s): {} needed ({} each)",
                fmt_era(margin),
                fmt_era(required),
                fmt_era(per)
            );
        }
        Ok(())
    }

    async fn margin_change(
        &self,
        provider: Address,
        txs: Vec<Sent>,
        paid: U256,
    ) -> Result<MarginChange> {
        Ok(MarginChange { txs, paid, margin: self.provider_margin(provider).await? })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{ERA, margin::fixtures::sent};

    #[test]
    fn a_change_lists_its_transactions_and_what_was_paid_before_the_margin() {
        let margin = ProviderMargin {
            provider: Address::repeat_byte(1),
            margin: U256::ZERO,
            frozen: U256::ZERO,
            ecosystems: 0,
            required: U256::ZERO,
            pending_withdrawal: U256::ZERO,
            withdrawable_at: 0,
        };
        let paid = ERA * U256::from(20_000u64);
        let out = MarginChange { txs: vec![sent("completeWithdrawal")], paid, margin };
        let text = out.to_string();
        let lines: Vec<&str> = text.lines().collect();
        assert!(lines[0].starts_with("completeWithdrawal "), "{text}");
        assert_eq!(lines[1], "withdrew 20,000 ERA");
        assert!(lines[2].starts_with("provider     0x0101"), "{text}");
        let json = serde_json::to_value(MarginChange { paid: U256::ZERO, ..out }).unwrap();
        assert_eq!(
            (&json["paid"], &json["txs"][0]["action"]),
            (&"0".into(), &"completeWithdrawal".into())
        );
    }
}
