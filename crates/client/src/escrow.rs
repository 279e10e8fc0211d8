//! Transfers the circuit breaker held in escrow: listed from the registry's events, settled by
//! governance through the timelock (any time), refunded to their sender by anyone once their
//! review period has passed.

use std::fmt;

use alloy::{
    primitives::{Address, U256},
    providers::Provider,
    rpc::types::Filter,
    sol_types::{SolCall, SolEvent},
};
use era_bindings::ScenarioRegistry;
use serde::Serialize;

use crate::{
    Client, Operation, Sent,
    error::Result,
    refuse,
    timelock::fmt_scheduled,
    tx::send,
    units::{fmt_era, fmt_time, fmt_until},
};

/// One escrow.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Escrow {
    /// Its id.
    pub id: u64,
    /// The sender.
    pub from: Address,
    /// The recipient.
    pub to: Address,
    /// ERA held.
    #[serde(serialize_with = "crate::wei::serialize")]
    pub amount: U256,
    /// Scenario the transfer left.
    pub from_scenario: u64,
    /// Scenario it was bound for.
    pub to_scenario: u64,
    /// From when anyone may refund it to `from`.
    pub release_at: u64,
    /// `held` (under review), `refundable` (review over), `delivered` or `refunded` (`released`
    /// when sender and recipient are one account).
    pub state: &'static str,
}

impl fmt::Display for Escrow {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "  #{:<3} {:<10} {:>16}  {} -> {}  (scenario {} -> {})  refundable from {}",
            self.id,
            self.state,
            fmt_era(self.amount),
            self.from,
            self.to,
            self.from_scenario,
            self.to_scenario,
            fmt_time(self.release_at)
        )
    }
}

/// Every escrow.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct EscrowList {
    /// The chain time they were read at.
    pub block_time: u64,
    /// ERA held in escrows not yet released.
    #[serde(serialize_with = "crate::wei::serialize")]
    pub total_escrowed: U256,
    /// By id.
    pub escrows: Vec<Escrow>,
}

impl fmt::Display for EscrowList {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "breaker escrows  {} held", fmt_era(self.total_escrowed))?;
        if self.escrows.is_empty() {
            write!(f, "\n  none: no transfer has tripped the breaker")?;
        }
        for e in &self.escrows {
            write!(f, "\n{e}")?;
        }
        Ok(())
    }
}

/// A scheduled settlement.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Settlement {
    /// The escrow.
    pub id: u64,
    /// Whether it goes to the recipient (else back to the sender).
    pub deliver: bool,
    /// Who is paid when it executes.
    pub recipient: Address,
    /// ERA held.
    #[serde(serialize_with = "crate::wei::serialize")]
    pub amount: U256,
    /// From when anyone may refund the escrow, perhaps before this executes.
    pub release_at: u64,
    /// The operation.
    pub operation: Operation,
    /// The scheduling transaction.
    pub tx: Sent,
}

impl fmt::Display for Settlement {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let how = if self.deliver { "deliver to its recipient" } else { "refund to its sender" };
        writeln!(
            f,
            "scheduled: escrow #{} ({}): {how} {}",
            self.id,
            fmt_era(self.amount),
            self.recipient
        )?;
        fmt_scheduled(f, &self.operation)?;
        if self.release_at <= self.operation.ready_at {
            writeln!(
                f,
                "  note         anyone may refund it to its sender from {}, before this can execute",
                fmt_time(self.release_at)
            )?;
        }
        write!(f, "  tx           {}", self.tx.tx_hash)
    }
}

/// A refund.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Refunded {
    /// The escrow.
    pub id: u64,
    /// Its sender, paid back.
    pub to: Address,
    /// ERA paid back.
    #[serde(serialize_with = "crate::wei::serialize")]
    pub amount: U256,
    /// The transaction.
    pub tx: Sent,
}

impl fmt::Display for Refunded {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "refunded escrow #{}: {} back to its sender {}",
            self.id,
            fmt_era(self.amount),
            self.to
        )?;
        write!(f, "  {}", self.tx)
    }
}

impl<P: Provider> Client<P> {
    /// Every escrow since block `from_block` (the deployment), rebuilt from the registry's
    /// events: a released escrow is deleted from storage, so only its events say what it was.
    pub async fn escrows(&self, from_block: u64) -> Result<EscrowList> {
        let registry = self.scenarios();
        let filter = Filter::new()
            .address(*registry.address())
            .from_block(from_block)
            .event_signature(vec![
                ScenarioRegistry::TransferEscrowed::SIGNATURE_HASH,
                ScenarioRegistry::EscrowReleased::SIGNATURE_HASH,
            ]);
        let now = self.chain_time().await?;
        let mut escrows: Vec<Escrow> = Vec::new();
        for log in self.provider.get_logs(&filter).await? {
            if let Ok(e) = log.log_decode::<ScenarioRegistry::TransferEscrowed>() {
                let e = e.inner.data;
                escrows.push(Escrow {
                    id: e.escrowId.saturating_to(),
                    from: e.from,
                    to: e.to,
                    amount: e.amount,
                    from_scenario: e.fromScenario.saturating_to(),
                    to_scenario: e.toScenario.saturating_to(),
                    release_at: e.releaseAt,
                    state: if now < e.releaseAt { "held" } else { "refundable" },
                });
            } else if let Ok(r) = log.log_decode::<ScenarioRegistry::EscrowReleased>() {
                let r = r.inner.data;
                let id: u64 = r.escrowId.saturating_to();
                if let Some(e) = escrows.iter_mut().find(|e| e.id == id) {
                    // A transfer to oneself reads as neither: it was released.
                    e.state = match (r.recipient == e.to, r.recipient == e.from) {
                        (true, false) => "delivered",
                        (false, true) => "refunded",
                        _ => "released",
                    };
                }
            }
        }
        escrows.sort_by_key(|e| e.id);
        let total_escrowed = registry.totalEscrowed().call().await?;
        Ok(EscrowList { block_time: now, total_escrowed, escrows })
    }

    /// Schedules releasing escrow `id`: to its recipient (`deliver`) or back to its sender.
    pub async fn settle_escrow(
        &self,
        sender: Address,
        id: u64,
        deliver: bool,
        from_block: u64,
    ) -> Result<Settlement> {
        let e = self.held(id).await?;
        let call = ScenarioRegistry::settleEscrowCall { escrowId: U256::from(id), deliver };
        let calls = vec![(self.addresses.scenarios, call.abi_encode().into())];
        let (operation, tx) = self.propose(sender, calls, from_block).await?;
        let recipient = if deliver { e.to } else { e.from };
        Ok(Settlement {
            id,
            deliver,
            recipient,
            amount: e.amount,
            release_at: e.releaseAt,
            operation,
            tx,
        })
    }

    /// Refunds escrow `id` to its sender, once its review period has passed (anyone may).
    pub async fn refund_escrow(&self, id: u64) -> Result<Refunded> {
        let e = self.held(id).await?;
        let now = self.chain_time().await?;
        if now < e.releaseAt {
            refuse!(
                "escrow #{id} is under review until {}: only governance settles it before (`era breaker escrow settle`)",
                fmt_until(e.releaseAt, now)
            );
        }
        let tx = send("refundEscrow", self.scenarios().refundEscrow(U256::from(id))).await?;
        Ok(Refunded { id, to: e.from, amount: e.amount, tx })
    }

    /// Escrow `id` while it still holds ERA, or a refusal.
    async fn held(&self, id: u64) -> Result<era_bindings::IScenarioRegistry::Escrow> {
        let registry = self.scenarios();
        let count = registry.escrowCount().call().await?;
        if id == 0 || U256::from(id) > count {
            refuse!(
                "there is no escrow #{id}: {count} transfer(s) have been escrowed (see `era breaker escrow list`)"
            );
        }
        let e = registry.escrow(U256::from(id)).call().await?;
        if e.from == Address::ZERO {
            refuse!("escrow #{id} is released already: see `era breaker escrow list`");
        }
        Ok(e)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ERA;

    #[test]
    fn escrows_read_as_one_line_each() {
        let escrow = Escrow {
            id: 1,
            from: Address::repeat_byte(1),
            to: Address::repeat_byte(2),
            amount: U256::from(1_000_001u64) * ERA,
            from_scenario: 1,
            to_scenario: 2,
            release_at: 0,
            state: "held",
        };
        let list = EscrowList { block_time: 0, total_escrowed: escrow.amount, escrows: vec![] };
        assert_eq!(
            list.to_string(),
            "breaker escrows  1,000,001 ERA held\n  none: no transfer has tripped the breaker"
        );
        let list = EscrowList { escrows: vec![escrow.clone()], ..list };
        assert_eq!(
            list.to_string(),
            format!(
                "breaker escrows  1,000,001 ERA held\n  #1   held          1,000,001 ERA  {} -> {}  (scenario 1 -> 2)  refundable from 1970-01-01T00:00:00Z",
                escrow.from, escrow.to
            )
        );
    }
}
