//! Funding the distributor: ERA pulled from the sender and tagged with its source (`treasury`,
//! `fees`, ...), the amount roots may promise.

use std::fmt;

use alloy::{
    primitives::{Address, B256, U256},
    providers::Provider,
};
use serde::Serialize;

use crate::{Client, Sent, error::Result, tx::send, units::fmt_era};

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
        let rewards = self.distributor().await?;
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
