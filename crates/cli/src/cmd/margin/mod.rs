//! `era margin`: providers post and withdraw cross-domain margin, governance penalizes it;
//! partners open cases against it (`case.rs`). The logic is `era_client`'s.

mod case;

use alloy::primitives::{Address, U256};
use clap::{Args, Subcommand};
use era_client::units::parse_era;
use eyre::Result;

use crate::{
    output::print,
    suite::{ReadArgs, SendArgs},
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
    Freeze(case::FreezeArgs),
    /// Accept another partner into a case you opened, so it can assess its contribution.
    Accept(case::AcceptArgs),
    /// Submit your contribution to an open case: warning lead time and loss prevented (partners).
    Assess(case::AssessArgs),
    /// Release or slash a case after its dispute window (the arbiter; through the timelock).
    Resolve(case::ResolveArgs),
    /// Release an open case nobody resolved before it lapsed (anyone).
    Lapse(case::LapseArgs),
    /// Schedule a performance penalty: 5% of a provider's margin to the rewards pool (governance;
    /// execute it with `era gov execute` after the timelock delay).
    Penalize(PenalizeArgs),
    /// Claim your share of a slashed case (partners).
    Claim(case::SlashedArgs),
    /// A case: provider, freeze, dispute window, status, slash and claims.
    Case(case::CaseArgs),
    /// Send what nobody claimed of a slashed case to the rewards pool, after its claim window
    /// (anyone).
    Sweep(case::SlashedArgs),
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

/// `era margin add`, `era margin withdraw queue`.
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
    Queue(AddArgs),
    /// Complete the queued withdrawal once the delay has passed and nothing is frozen.
    Complete(CompleteArgs),
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

/// `era margin penalize`.
#[derive(Debug, Args)]
struct PenalizeArgs {
    /// The provider that failed its performance standard.
    #[arg(value_parser = crate::address::parse)]
    provider: Address,
    #[command(flatten)]
    tx: SendArgs,
}

impl MarginArgs {
    /// Runs the subcommand.
    pub(crate) async fn run(self) -> Result<()> {
        match self.command {
            MarginCommand::Post(a) => {
                let (suite, sender) = a.tx.open().await?;
                let out = suite.client().post_margin(sender, a.amount, a.ecosystems).await?;
                print(&out, a.tx.json)
            }
            MarginCommand::Add(a) => {
                let (suite, sender) = a.tx.open().await?;
                print(&suite.client().add_margin(sender, a.amount).await?, a.tx.json)
            }
            MarginCommand::Withdraw(w) => match w.command {
                WithdrawCommand::Queue(a) => {
                    let (suite, sender) = a.tx.open().await?;
                    let out = suite.client().queue_margin_withdrawal(sender, a.amount).await?;
                    print(&out, a.tx.json)
                }
                WithdrawCommand::Complete(a) => {
                    let (suite, sender) = a.tx.open().await?;
                    print(&suite.client().complete_margin_withdrawal(sender).await?, a.tx.json)
                }
            },
            MarginCommand::Show(a) => {
                let suite = a.read.suite.open().await?;
                print(&suite.client().provider_margin(a.provider).await?, a.read.json)
            }
            MarginCommand::Penalize(a) => {
                let (suite, sender) = a.tx.open().await?;
                let from = suite.record.deploy_block();
                print(&suite.client().penalize(sender, a.provider, from).await?, a.tx.json)
            }
            MarginCommand::Freeze(a) => a.run().await,
            MarginCommand::Accept(a) => a.run().await,
            MarginCommand::Assess(a) => a.run().await,
            MarginCommand::Resolve(a) => a.run().await,
            MarginCommand::Case(a) => a.run().await,
            MarginCommand::Lapse(a) => a.run().await,
            MarginCommand::Claim(a) => a.claim().await,
            MarginCommand::Sweep(a) => a.sweep().await,
        }
    }
}
