//! Transfers between scenarios: across domains the circuit breaker decides, and a transfer above
//! its limit trips the source domain and is held in escrow instead of delivered.

use alloy::{
    primitives::{Address, U256},
    providers::Provider,
};
use era_bindings::ScenarioRegistry;

use crate::{
    Client, ScenarioChange, ScenarioRef, domain_name,
    error::Result,
    refuse,
    tx::send,
    units::{fmt_era, fmt_time},
};

impl<P: Provider> Client<P> {
    /// `sender` sends `amount` ERA from scenario `from` to scenario `to`, paid to `recipient`.
    pub async fn transfer(
        &self,
        sender: Address,
        from: &ScenarioRef,
        to: &ScenarioRef,
        amount: U256,
        recipient: Address,
    ) -> Result<ScenarioChange> {
        let from_id = self.scenario_id(from).await?;
        let to_id = self.scenario_id(to).await?;
        let registry = self.scenarios();
        let fd = registry.scenario(from_id.to_u256()).call().await?.domain;
        let td = registry.scenario(to_id.to_u256()).call().await?.domain;
        let route = format!("{} -> {}", domain_name(fd), domain_name(td));
        if !self.breaker().isChannelOpen(fd, td).call().await? {
            refuse!(
                "the channel {route} is closed by the circuit breaker: nothing was sent (governance reopens with `era breaker reopen`)"
            );
        }
        let mut txs = self.approve_registry(sender, amount).await?;
        let call = registry.transfer(from_id.to_u256(), to_id.to_u256(), recipient, amount);
        let tx = send("transfer", call).await?;
        let receipt = self.provider.get_transaction_receipt(tx.tx_hash).await?;
        let escrow = receipt.and_then(|r| {
            r.inner.logs().iter().find_map(|l| {
                l.log_decode::<ScenarioRegistry::TransferEscrowed>().ok().map(|e| e.inner.data)
            })
        });
        txs.push(tx);
        let summary = if let Some(e) = escrow {
            format!(
                "BLOCKED: {} ({route}) is above the breaker's limit; the {} domain is now tripped and the ERA is held in escrow #{} until {} (governance settles it, or anyone refunds it to the sender then)",
                fmt_era(amount),
                domain_name(fd),
                e.escrowId,
                fmt_time(e.releaseAt)
            )
        } else {
            format!("sent {} from `{from}` to `{to}` ({route}) to {recipient}", fmt_era(amount))
        };
        Ok(ScenarioChange { summary, scenario: self.scenario(from_id).await?, txs })
    }
}
