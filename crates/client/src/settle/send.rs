//! Sending a settlement after the checks, and what it did.

use std::fmt;

use alloy::{
    primitives::{Address, B256, I256},
    providers::Provider,
};
use serde::Serialize;

use super::{Settlement, sign::settlement_digest};
use crate::{Client, Sent, error::Result, tx::send};

/// A settlement applied whole.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Settled {
    /// Its EIP-712 digest (the `Settled` event's id).
    pub digest: B256,
    /// Its scenario.
    pub scenario: u64,
    /// How many legs it applied.
    pub legs: usize,
    /// The net change of each party's balance: (token, account, delta as a decimal string).
    pub changes: Vec<(Address, Address, String)>,
    /// The transaction.
    pub tx: Sent,
}

impl fmt::Display for Settled {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "settled {} legs in scenario {} (digest {})",
            self.legs, self.scenario, self.digest
        )?;
        for (token, account, delta) in &self.changes {
            write!(f, "\n  {account} {delta:>28} of {token}")?;
        }
        write!(f, "\n  {}", self.tx)
    }
}

impl<P: Provider> Client<P> {
    /// Sends `settlement` from `sender` after [`Client::check_settlement`]; every leg applies or none.
    pub async fn settle(&self, sender: Address, settlement: &Settlement) -> Result<Settled> {
        let deltas = self.check_settlement(sender, settlement).await?;
        let engine = self.engine();
        let call = engine.settle(
            settlement.to_sol(),
            settlement.quote_signatures(),
            settlement.party_signatures(),
        );
        let tx = send("settle", call).await?;
        let chain = self.provider.get_chain_id().await?;
        let changes = deltas
            .into_iter()
            .filter(|((_, account), delta)| !account.is_zero() && *delta != I256::ZERO)
            .map(|((token, account), delta)| (token, account, delta.to_string()))
            .collect();
        Ok(Settled {
            digest: settlement_digest(settlement, chain, self.addresses.engine),
            scenario: settlement.scenario,
            legs: settlement.legs.len(),
            changes,
            tx,
        })
    }
}
