//! `era breaker escrow`: transfers held because they tripped the breaker. List them, settle one
//! through the timelock (governance, any time), refund one to its sender after its review period
//! (anyone).

use std::fmt;

use alloy::{
    primitives::{Address, U256},
    providers::Provider,
    rpc::types::Filter,
    sol_types::SolEvent,
};
use clap::{Args, Subcommand};
use era_bindings::ScenarioRegistry;
use era_client::Operation;
use eyre::{Result, bail};
use serde::Serialize;

use crate::{
    amount::{fmt_duration, fmt_era, fmt_time},
    output::print,
    suite::{ReadArgs, SendArgs, Suite},
    timelock::{calldata, chain_time, propose},
    tx::{Sent, send},
};

/// Transfers held in escrow because they tripped the breaker.
#[derive(Debug, Args)]
pub(crate) struct EscrowArgs {
    #[command(subcommand)]
    command: EscrowCommand,
}

/// `era breaker escrow` subcommands.
#[derive(Debug, Subcommand)]
enum EscrowCommand {
    /// Every escrow: sender, recipient, amount, when it may be refunded, and where it stands.
    List(ListArgs),
    /// Schedule releasing an escrow on the timelock (governance, any time): to its recipient
    /// (--deliver) or back to its sender (--refund).
    Settle(SettleArgs),
    /// Refund an escrow to its sender once its review period has passed (anyone).
    Refund(RefundArgs),
}

/// `era breaker escrow list`.
#[derive(Debug, Args)]
struct ListArgs {
    #[command(flatten)]
    read: ReadArgs,
}

/// `era breaker escrow settle`.
#[derive(Debug, Args)]
#[group(id = "how", required = true, multiple = false, args = ["deliver", "refund"])]
struct SettleArgs {
    /// The escrow id (see `era breaker escrow list`).
    id: u64,
    /// Let the transfer through: pay the recipient.
    #[arg(long)]
    deliver: bool,
    /// Send the ERA back to the sender.
    #[arg(long)]
    refund: bool,
    #[command(flatten)]
    tx: SendArgs,
}

/// `era breaker escrow refund`.
#[derive(Debug, Args)]
struct RefundArgs {
    /// The escrow id (see `era breaker escrow list`).
    id: u64,
    #[command(flatten)]
    tx: SendArgs,
}

/// One escrow as the CLI shows it.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct EscrowView {
    id: u64,
    from: Address,
    to: Address,
    #[serde(serialize_with = "era_client::wei::serialize")]
    amount: U256,
    /// Scenario the transfer left.
    from_scenario: u64,
    /// Scenario it was bound for.
    to_scenario: u64,
    /// From when anyone may refund it to `from`.
    release_at: u64,
    /// `held` (under review), `refundable` (review over), `delivered` or `refunded` (`released`
    /// when sender and recipient are one account).
    state: &'static str,
}

impl fmt::Display for EscrowView {
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
struct EscrowList {
    block_time: u64,
    /// ERA held in escrows not yet released.
    #[serde(serialize_with = "era_client::wei::serialize")]
    total_escrowed: U256,
    escrows: Vec<EscrowView>,
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

/// Every escrow since the deployment, rebuilt from the registry's events (a released escrow is
/// deleted from storage, so only its events say what it was and where it went).
async fn list(suite: &Suite) -> Result<EscrowList> {
    let registry = suite.scenarios();
    let filter = Filter::new()
        .address(*registry.address())
        .from_block(suite.record.deploy_block())
        .event_signature(vec![
            ScenarioRegistry::TransferEscrowed::SIGNATURE_HASH,
            ScenarioRegistry::EscrowReleased::SIGNATURE_HASH,
        ]);
    let now = chain_time(&suite.chain).await?;
    let mut escrows: Vec<EscrowView> = Vec::new();
    for log in suite.chain.provider.get_logs(&filter).await? {
        if let Ok(e) = log.log_decode::<ScenarioRegistry::TransferEscrowed>() {
            let e = e.inner.data;
            escrows.push(EscrowView {
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
    Ok(EscrowList {
        block_time: now,
        total_escrowed: registry.totalEscrowed().call().await?,
        escrows,
    })
}

/// An escrow still holding ERA.
struct Held {
    from: Address,
    to: Address,
    amount: U256,
    release_at: u64,
}

/// Escrow `id` while it still holds ERA, or a one-line refusal.
async fn held(suite: &Suite, id: u64) -> Result<Held> {
    let registry = suite.scenarios();
    let count = registry.escrowCount().call().await?;
    if id == 0 || U256::from(id) > count {
        bail!(
            "there is no escrow #{id}: {count} transfer(s) have been escrowed (see `era breaker escrow list`)"
        );
    }
    let e = registry.escrow(U256::from(id)).call().await?;
    if e.from == Address::ZERO {
        bail!("escrow #{id} is released already: see `era breaker escrow list`");
    }
    Ok(Held { from: e.from, to: e.to, amount: e.amount, release_at: e.releaseAt })
}

/// A scheduled settlement.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct Settlement {
    id: u64,
    deliver: bool,
    /// Who is paid when it executes.
    recipient: Address,
    #[serde(serialize_with = "era_client::wei::serialize")]
    amount: U256,
    /// From when anyone may refund the escrow, perhaps before this executes.
    release_at: u64,
    operation: Operation,
    tx: Sent,
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
        crate::timelock::fmt_operation(f, &self.operation)?;
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
struct Refunded {
    id: u64,
    to: Address,
    #[serde(serialize_with = "era_client::wei::serialize")]
    amount: U256,
    tx: Sent,
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

impl EscrowArgs {
    /// Runs the subcommand.
    pub(crate) async fn run(self) -> Result<()> {
        match self.command {
            EscrowCommand::List(args) => {
                let suite = args.read.suite.open().await?;
                print(&list(&suite).await?, args.read.json)
            }
            EscrowCommand::Settle(args) => {
                let (suite, sender) = args.tx.open().await?;
                let e = held(&suite, args.id).await?;
                let call = calldata(&ScenarioRegistry::settleEscrowCall {
                    escrowId: U256::from(args.id),
                    deliver: args.deliver,
                });
                let target = *suite.scenarios().address();
                let (operation, tx) = propose(&suite, sender, vec![(target, call)]).await?;
                let out = Settlement {
                    id: args.id,
                    deliver: args.deliver,
                    recipient: if args.deliver { e.to } else { e.from },
                    amount: e.amount,
                    release_at: e.release_at,
                    operation,
                    tx,
                };
                print(&out, args.tx.json)
            }
            EscrowCommand::Refund(args) => {
                let (suite, _) = args.tx.open().await?;
                let e = held(&suite, args.id).await?;
                let now = chain_time(&suite.chain).await?;
                if now < e.release_at {
                    bail!(
                        "escrow #{} is under review until {} (in {}): only governance settles it before (`era breaker escrow settle`)",
                        args.id,
                        fmt_time(e.release_at),
                        fmt_duration(e.release_at - now)
                    );
                }
                let tx = send("refundEscrow", suite.scenarios().refundEscrow(U256::from(args.id)))
                    .await?;
                print(&Refunded { id: args.id, to: e.from, amount: e.amount, tx }, args.tx.json)
            }
        }
    }
}
