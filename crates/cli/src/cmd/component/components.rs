//! `era component register|show|pool|deposit|invoke|retire|withdraw-pledge|claim`.

use alloy::primitives::{Address, B256, U256};
use clap::{Args, Subcommand};
use era_client::{ComponentKind, capability::metrics_key, units::parse_era};
use eyre::Result;

use crate::{
    output::print,
    suite::{ReadArgs, SendArgs},
};

/// Components and invocations.
#[derive(Debug, Subcommand)]
pub(super) enum ComponentsCommand {
    /// Register a component with a pledge, a metrics schema and a price per invocation.
    Register(RegisterArgs),
    /// A component: owner, price, pledge, invocations, evaluation and any pending penalty.
    Show(IdRead),
    /// The evolution pool and the network's terms.
    Pool(PoolArgs),
    /// Prepay ERA for invocations.
    Deposit(DepositArgs),
    /// Invoke a component from your prepaid balance (its owner is paid, 20% to the evolution pool).
    Invoke(InvokeArgs),
    /// Start retiring your component: no more invocations; the pledge leaves after the delay.
    Retire(IdSend),
    /// Take a retired component's pledge back (refused while a penalty is pending).
    WithdrawPledge(IdSend),
    /// Pay an account its credits (revenue, rewards, fees, bonds) from the capability registry.
    Claim(ClaimArgs),
}

/// `era component register`.
#[derive(Debug, Args)]
pub(super) struct RegisterArgs {
    /// compute, data, rules or service.
    #[arg(long)]
    kind: ComponentKind,
    /// What its metrics are and how they are measured (text, hashed; or a bytes32).
    #[arg(long, value_parser = |s: &str| Ok::<B256, String>(metrics_key(s)))]
    metrics: B256,
    /// ERA per invocation.
    #[arg(long, value_parser = parse_era)]
    price: U256,
    /// ERA pledged (5% of it is at stake when the component stops improving).
    #[arg(long, value_parser = parse_era)]
    pledge: U256,
    #[command(flatten)]
    tx: SendArgs,
}

/// A component to read.
#[derive(Debug, Args)]
pub(super) struct IdRead {
    /// The component.
    pub(super) id: u64,
    #[command(flatten)]
    pub(super) read: ReadArgs,
}

/// A component to act on.
#[derive(Debug, Args)]
pub(super) struct IdSend {
    /// The component (or claim, or absorption).
    pub(super) id: u64,
    #[command(flatten)]
    pub(super) tx: SendArgs,
}

/// `era component pool`.
#[derive(Debug, Args)]
pub(super) struct PoolArgs {
    #[command(flatten)]
    read: ReadArgs,
}

/// `era component deposit`.
#[derive(Debug, Args)]
pub(super) struct DepositArgs {
    /// ERA ("1000", "0.5").
    #[arg(value_parser = parse_era)]
    amount: U256,
    #[command(flatten)]
    tx: SendArgs,
}

/// `era component invoke`.
#[derive(Debug, Args)]
pub(super) struct InvokeArgs {
    /// The component.
    id: u64,
    /// Refuse a price above this (default: the price read now; guards against a raised price).
    #[arg(long, value_parser = parse_era)]
    max_price: Option<U256>,
    #[command(flatten)]
    tx: SendArgs,
}

/// `era component claim`.
#[derive(Debug, Args)]
pub(super) struct ClaimArgs {
    /// The account paid (default: the sender).
    #[arg(long, value_parser = crate::address::parse)]
    account: Option<Address>,
    #[command(flatten)]
    tx: SendArgs,
}

impl ComponentsCommand {
    pub(super) async fn run(self) -> Result<()> {
        match self {
            Self::Register(a) => {
                let (suite, sender) = a.tx.open().await?;
                let client = suite.client();
                let out =
                    client.register_component(sender, a.kind, a.metrics, a.price, a.pledge).await?;
                print(&out, a.tx.json)
            }
            Self::Show(a) => {
                let suite = a.read.suite.open().await?;
                print(&suite.client().component_view(a.id).await?, a.read.json)
            }
            Self::Pool(a) => {
                let suite = a.read.suite.open().await?;
                print(&suite.client().pool_view().await?, a.read.json)
            }
            Self::Deposit(a) => {
                let (suite, sender) = a.tx.open().await?;
                print(&suite.client().deposit_components(sender, a.amount).await?, a.tx.json)
            }
            Self::Invoke(a) => {
                let (suite, sender) = a.tx.open().await?;
                print(&suite.client().invoke_component(sender, a.id, a.max_price).await?, a.tx.json)
            }
            Self::Retire(a) => {
                let (suite, sender) = a.tx.open().await?;
                print(&suite.client().retire_component(sender, a.id).await?, a.tx.json)
            }
            Self::WithdrawPledge(a) => {
                let (suite, sender) = a.tx.open().await?;
                print(&suite.client().withdraw_pledge(sender, a.id).await?, a.tx.json)
            }
            Self::Claim(a) => {
                let (suite, sender) = a.tx.open().await?;
                let account = a.account.unwrap_or(sender);
                print(&suite.client().claim_component_credits(account).await?, a.tx.json)
            }
        }
    }
}
