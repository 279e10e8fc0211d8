//! Funding the distributor: ERA pulled from the sender and tagged with its source (`treasury`,
//! `fees`, ...), the amount roots may promise.

use std::fmt;

use alloy::{
    primitives::{Address, B256, U256},
    providers::Provider,
};
use serde::Serialize;

use alloy::sol_types::SolCall;
use era_bindings::{ERAToken, RewardsDistributor};

use crate::{
    Client, Operation, Sent,
    error::Result,
    refuse,
    tx::send,
    units::{fmt_era, fmt_time},
};

/// A top-up of the rewards funds (`era rewards fund`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Funded {
    /// Who paid.
    pub from: Address,
    /// Its source tag.
    pub source: String,
    /// ERA added, in wei.
    #[serde(with = "crate::wei")]
    pub amount: U256,
    /// ERA funded so far, in wei.
    #[serde(with = "crate::wei")]
    pub funded: U256,
    /// The approval (when one was needed) and the funding.
    pub txs: Vec<Sent>,
}

impl fmt::Display for Funded {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for tx in &self.txs {
            writeln!(f, "{tx}")?;
        }
        write!(
            f,
            "{} funded {} ({}): {} funded in all",
            self.from,
            fmt_era(self.amount),
            self.source,
            fmt_era(self.funded)
        )
    }
}

/// A top-up from the treasury scheduled through the timelock (`era rewards fund --from-treasury`).
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FundingScheduled {
    /// ERA the timelock will approve and fund, in wei.
    #[serde(with = "crate::wei")]
    pub amount: U256,
    /// Its source tag.
    pub source: String,
    /// The scheduling transaction.
    pub tx: Sent,
    /// The operation: `era.approve` then `distributor.fund`, as one batch.
    pub operation: Operation,
}

impl fmt::Display for FundingScheduled {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{}", self.tx)?;
        writeln!(
            f,
            "scheduled funding {} ({}) from the treasury (the timelock)",
            fmt_era(self.amount),
            self.source
        )?;
        writeln!(f, "  operation  {}", self.operation.id)?;
        write!(f, "  executable {} (then: era gov execute)", fmt_time(self.operation.ready_at))
    }
}

/// A source tag as the `Funded` event carries it: the text, left-aligned in 32 bytes.
pub fn source_tag(source: &str) -> Option<B256> {
    let bytes = source.as_bytes();
    (!bytes.is_empty() && bytes.len() <= 32).then(|| B256::right_padding_from(bytes))
}

impl<P: Provider> Client<P> {
    /// `sender` adds `amount` ERA to the rewards funds, tagged `source` (at most 32 bytes).
    pub async fn fund_rewards(
        &self,
        sender: Address,
        amount: U256,
        source: &str,
    ) -> Result<Funded> {
        let Some(tag) = source_tag(source) else {
            crate::refuse!("--source `{source}` must be 1 to 32 bytes, e.g. treasury or fees");
        };
        let rewards = self.deployed_distributor().await?;
        let spender = *rewards.address();
        let mut txs: Vec<Sent> = self
            .approve_era(sender, spender, amount, "the funding is")
            .await?
            .into_iter()
            .collect();
        txs.push(send("fund", rewards.fund(amount, tag)).await?);
        let funded = rewards.funded().call().await?;
        Ok(Funded { from: sender, source: source.to_owned(), amount, funded, txs })
    }
}

impl<P: Provider> Client<P> {
    /// Schedules, as the timelock's proposer `sender`, a top-up of `amount` ERA from the ERA the
    /// timelock holds (the treasury's fee shares): one batch approving the distributor and
    /// funding it, tagged `source`. Pending operations are looked up from block `from_block`.
    pub async fn fund_rewards_from_treasury(
        &self,
        sender: Address,
        amount: U256,
        source: &str,
        from_block: u64,
    ) -> Result<FundingScheduled> {
        let Some(tag) = source_tag(source) else {
            refuse!("--source `{source}` must be 1 to 32 bytes, e.g. treasury or fees");
        };
        let (rewards, timelock) =
            (*self.deployed_distributor().await?.address(), self.addresses.timelock);
        let held = self.era().balanceOf(timelock).call().await?;
        if held < amount {
            refuse!(
                "the treasury (the timelock {timelock}) holds {}, less than {}: fund from a wallet without --from-treasury",
                fmt_era(held),
                fmt_era(amount)
            );
        }
        let approve = ERAToken::approveCall { spender: rewards, value: amount }.abi_encode();
        let fund = RewardsDistributor::fundCall { amount, source: tag }.abi_encode();
        let calls = vec![(self.addresses.era, approve.into()), (rewards, fund.into())];
        let (operation, tx) = self.propose(sender, calls, from_block).await?;
        Ok(FundingScheduled { amount, source: source.to_owned(), tx, operation })
    }
}
