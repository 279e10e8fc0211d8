//! `era margin`: providers post and withdraw cross-domain margin; partners freeze it and assess
//! their contributions; the arbiter resolves; partners claim (the case commands are in
//! `case.rs`, the performance penalty in `penalty.rs`).

mod case;
mod penalty;
mod sweep;

use std::fmt;

use alloy::primitives::{Address, U256};
use clap::{Args, Subcommand};
use eyre::{Result, bail};
use serde::Serialize;

use case::{AcceptArgs, AssessArgs, CaseArgs, ClaimArgs, FreezeArgs, LapseArgs, ResolveArgs};
use penalty::PenalizeArgs;

use crate::{
    amount::{fmt_duration, fmt_era, fmt_time, parse_era},
    output::print,
    suite::{ReadArgs, SendArgs, Suite},
    timelock::chain_time,
    tx::{Sent, send},
};

/// Cross-domain margin of providers, and the cases partners open against it.
#[derive(Debug, Args)]
pub(crate) struct MarginArgs {
    #[command(subcommand)]
    command: MarginCommand,
}

/// `era margin` subcommands.
#[derive(Debug, Subcommand)]
enum MarginCommand {
    /// Post margin for the ecosystems you serve (at least the minimum per ecosystem).
    Post(PostArgs),
    /// Add margin, keeping your ecosystems.
    Add(AddArgs),
    /// Queue a withdrawal, or complete it after the delay.
    Withdraw(WithdrawArgs),
    /// A provider's margin: posted, frozen, ecosystems, queued withdrawal.
    Show(ShowArgs),
    /// Freeze part of a provider's margin on a reported default (partners).
    Freeze(FreezeArgs),
    /// Accept another partner into a case you opened, so it can assess its contribution.
    Accept(AcceptArgs),
    /// Submit your contribution to an open case: warning lead time and loss prevented (partners).
    Assess(AssessArgs),
    /// Release or slash a case after its dispute window (the arbiter; through the timelock).
    Resolve(ResolveArgs),
    /// Release an open case nobody resolved before it lapsed (anyone).
    Lapse(LapseArgs),
    /// Schedule a performance penalty: 5% of a provider's margin to the rewards pool (governance;
    /// execute it with `era gov execute` after the timelock delay).
    Penalize(PenalizeArgs),
    /// Claim your share of a slashed case (partners).
    Claim(ClaimArgs),
    /// A case: provider, freeze, dispute window, status, slash and claims.
    Case(CaseArgs),
    /// Send what nobody claimed of a slashed case to the rewards pool, after its claim window
    /// (anyone).
    Sweep(sweep::SweepArgs),
}

/// `era margin post`.
#[derive(Debug, Args)]
struct PostArgs {
    /// Amount in ERA, e.g. 100000.
    #[arg(value_parser = parse_era)]
    amount: U256,
    /// How many ecosystems you serve; the margin must cover each.
    #[arg(long)]
    ecosystems: u32,
    #[command(flatten)]
    tx: SendArgs,
}

/// `era margin add`.
#[derive(Debug, Args)]
struct AddArgs {
    /// Amount in ERA.
    #[arg(value_parser = parse_era)]
    amount: U256,
    #[command(flatten)]
    tx: SendArgs,
}

/// `era margin withdraw`.
#[derive(Debug, Args)]
struct WithdrawArgs {
    #[command(subcommand)]
    command: WithdrawCommand,
}

/// `era margin withdraw` subcommands.
#[derive(Debug, Subcommand)]
enum WithdrawCommand {
    /// Queue a withdrawal (replaces a queued one); the rest must still cover your ecosystems
    /// unless you withdraw everything.
    Queue(QueueArgs),
    /// Complete the queued withdrawal once the delay has passed and nothing is frozen.
    Complete(CompleteArgs),
}

/// `era margin withdraw queue`.
#[derive(Debug, Args)]
struct QueueArgs {
    /// Amount in ERA.
    #[arg(value_parser = parse_era)]
    amount: U256,
    #[command(flatten)]
    tx: SendArgs,
}

/// `era margin withdraw complete`.
#[derive(Debug, Args)]
struct CompleteArgs {
    #[command(flatten)]
    tx: SendArgs,
}

/// `era margin show`.
#[derive(Debug, Args)]
struct ShowArgs {
    /// The provider.
    #[arg(value_parser = crate::address::parse)]
    provider: Address,
    #[command(flatten)]
    read: ReadArgs,
}

/// A provider's margin as read from the chain, as the CLI prints it.
#[derive(Debug, Serialize)]
#[serde(transparent)]
pub(crate) struct MarginState(era_client::ProviderMargin);

impl std::ops::Deref for MarginState {
    type Target = era_client::ProviderMargin;
    fn deref(&self) -> &era_client::ProviderMargin {
        &self.0
    }
}

impl MarginState {
    /// Reads `provider`'s margin.
    pub(crate) async fn read(suite: &Suite, provider: Address) -> Result<Self> {
        suite.margin()?;
        Ok(Self(suite.client().provider_margin(provider).await?))
    }
}

impl fmt::Display for MarginState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "provider     {}", self.provider)?;
        writeln!(f, "margin       {}", fmt_era(self.margin))?;
        writeln!(f, "frozen       {}", fmt_era(self.frozen))?;
        write!(f, "ecosystems   {} (needs {})", self.ecosystems, fmt_era(self.required))?;
        if self.margin < self.required {
            write!(
                f,
                "\nshortfall    {}: add margin before withdrawing part of it",
                fmt_era(self.required - self.margin)
            )?;
        }
        if !self.pending_withdrawal.is_zero() {
            write!(
                f,
                "\nwithdrawal   {} queued, ready at {}",
                fmt_era(self.pending_withdrawal),
                fmt_time(self.withdrawable_at)
            )?;
        }
        Ok(())
    }
}

/// What a transacting margin command did: its transactions and the margin afterwards.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct MarginOutput {
    txs: Vec<Sent>,
    /// ERA paid out to the provider, for a completed withdrawal.
    #[serde(serialize_with = "era_client::wei::serialize")]
    paid: U256,
    margin: MarginState,
}

impl fmt::Display for MarginOutput {
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

impl MarginArgs {
    /// Runs the subcommand.
    pub(crate) async fn run(self) -> Result<()> {
        match self.command {
            MarginCommand::Post(args) => args.run().await,
            MarginCommand::Add(args) => args.run().await,
            MarginCommand::Withdraw(args) => match args.command {
                WithdrawCommand::Queue(args) => args.run().await,
                WithdrawCommand::Complete(args) => args.run().await,
            },
            MarginCommand::Show(args) => {
                let suite = args.read.suite.open().await?;
                print(&MarginState::read(&suite, args.provider).await?, args.read.json)
            }
            MarginCommand::Freeze(args) => args.run().await,
            MarginCommand::Accept(args) => args.run().await,
            MarginCommand::Assess(args) => args.run().await,
            MarginCommand::Resolve(args) => args.run().await,
            MarginCommand::Lapse(args) => args.run().await,
            MarginCommand::Penalize(args) => args.run().await,
            MarginCommand::Claim(args) => args.run().await,
            MarginCommand::Case(args) => args.run().await,
            MarginCommand::Sweep(args) => args.run().await,
        }
    }
}

/// Checks that margin is open and `sender` holds `amount`, and approves the margin contract if
/// needed; returns the approval, if one was sent.
async fn prepare(suite: &Suite, sender: Address, amount: U256) -> Result<Option<Sent>> {
    let margin = suite.margin()?;
    if margin.paused().call().await? {
        bail!("margin is paused by its guardian: posting is refused until it is unpaused");
    }
    suite.approve_era(sender, *margin.address(), amount, "needs").await
}

/// Fails unless `margin` covers `ecosystems` at the current minimum.
async fn require_covered(suite: &Suite, margin: U256, ecosystems: u32) -> Result<()> {
    let per = suite.margin()?.minMarginPerEcosystem().call().await?;
    let required = U256::from(per) * U256::from(ecosystems);
    if margin < required {
        bail!(
            "{} of margin does not cover {ecosystems} ecosystem(s): {} needed ({} each)",
            fmt_era(margin),
            fmt_era(required),
            fmt_era(U256::from(per))
        );
    }
    Ok(())
}

impl PostArgs {
    async fn run(self) -> Result<()> {
        if self.ecosystems == 0 {
            bail!("--ecosystems must be at least 1");
        }
        let (suite, sender) = self.tx.open().await?;
        let before = MarginState::read(&suite, sender).await?;
        require_covered(&suite, before.margin + self.amount, self.ecosystems).await?;
        let mut txs: Vec<Sent> = prepare(&suite, sender, self.amount).await?.into_iter().collect();
        let margin = suite.margin()?;
        txs.push(send("post", margin.post(self.amount, self.ecosystems)).await?);
        let out = MarginOutput {
            txs,
            paid: U256::ZERO,
            margin: MarginState::read(&suite, sender).await?,
        };
        print(&out, self.tx.json)
    }
}

impl AddArgs {
    async fn run(self) -> Result<()> {
        let (suite, sender) = self.tx.open().await?;
        let before = MarginState::read(&suite, sender).await?;
        if before.ecosystems == 0 {
            bail!(
                "{sender} has posted no margin: use `era margin post <amount> --ecosystems <n>` first"
            );
        }
        let mut txs: Vec<Sent> = prepare(&suite, sender, self.amount).await?.into_iter().collect();
        txs.push(send("add", suite.margin()?.add(self.amount)).await?);
        let out = MarginOutput {
            txs,
            paid: U256::ZERO,
            margin: MarginState::read(&suite, sender).await?,
        };
        print(&out, self.tx.json)
    }
}

impl QueueArgs {
    async fn run(self) -> Result<()> {
        let (suite, sender) = self.tx.open().await?;
        let before = MarginState::read(&suite, sender).await?;
        // A new queueing replaces the old one: what was queued counts as held again first.
        let held = before.margin + before.pending_withdrawal;
        if self.amount > held {
            bail!("{sender} holds {} of margin, less than {}", fmt_era(held), fmt_era(self.amount));
        }
        if self.amount != held {
            require_covered(&suite, held - self.amount, before.ecosystems).await?;
        }
        let tx = send("queueWithdrawal", suite.margin()?.queueWithdrawal(self.amount)).await?;
        let out = MarginOutput {
            txs: vec![tx],
            paid: U256::ZERO,
            margin: MarginState::read(&suite, sender).await?,
        };
        print(&out, self.tx.json)
    }
}

impl CompleteArgs {
    async fn run(self) -> Result<()> {
        let (suite, sender) = self.tx.open().await?;
        let before = MarginState::read(&suite, sender).await?;
        if before.pending_withdrawal.is_zero() {
            bail!(
                "{sender} has no queued margin withdrawal: `era margin withdraw queue <amount>` first"
            );
        }
        let now = chain_time(&suite.chain).await?;
        if now < before.withdrawable_at {
            bail!(
                "the margin withdrawal is not ready: its delay ends at {} (in {})",
                fmt_time(before.withdrawable_at),
                fmt_duration(before.withdrawable_at - now)
            );
        }
        // Open cases hold back what they froze; the rest of the queued amount leaves.
        let paid = before.pending_withdrawal.min(before.unfrozen());
        if paid.is_zero() {
            bail!(
                "{} of {sender}'s margin is frozen by open cases: nothing can be withdrawn until they are resolved or lapse",
                fmt_era(before.frozen)
            );
        }
        let tx = send("completeWithdrawal", suite.margin()?.completeWithdrawal()).await?;
        let out =
            MarginOutput { txs: vec![tx], paid, margin: MarginState::read(&suite, sender).await? };
        print(&out, self.tx.json)
    }
}
