//! `era derivative show|adopt|invoke|deposit|claim`.

use alloy::primitives::{Address, B256, U256};
use clap::{Args, Subcommand};
use era_client::units::parse_era;
use eyre::Result;

use super::id;
use crate::{
    output::print,
    suite::{ReadArgs, SendArgs},
};

/// Reads, adoptions and invocations.
#[derive(Debug, Subcommand)]
pub(super) enum UsageCommand {
    /// A derivative: its core's status, whether it is usable, counts, credits and credit line.
    Show(ShowArgs),
    /// Adopt a derivative for an adopter (a licence, counted once), paying its provider.
    Adopt(UseArgs),
    /// Invoke a derivative for an invoker, paying its provider.
    Invoke(UseArgs),
    /// Prepay ERA for adoptions and invocations (cheaper than paying from the wallet each time).
    Deposit(AmountArgs),
    /// Pay an account its credits from the derivative registry.
    Claim(ClaimArgs),
}

/// `era derivative show`.
#[derive(Debug, Args)]
pub(super) struct ShowArgs {
    /// The derivative.
    #[arg(value_parser = id)]
    derivative: B256,
    #[command(flatten)]
    read: ReadArgs,
}

/// `era derivative adopt` and `invoke`.
#[derive(Debug, Args)]
pub(super) struct UseArgs {
    /// The derivative.
    #[arg(value_parser = id)]
    derivative: B256,
    /// Who adopts or invokes it: an address, a bytes32 or a name (its keccak256).
    #[arg(long = "for", value_name = "CONSUMER")]
    consumer: String,
    #[command(flatten)]
    tx: SendArgs,
}

/// An amount of ERA.
#[derive(Debug, Args)]
pub(super) struct AmountArgs {
    /// ERA ("1000", "0.5").
    #[arg(value_parser = parse_era)]
    pub(super) amount: U256,
    #[command(flatten)]
    pub(super) tx: SendArgs,
}

/// `era derivative claim`.
#[derive(Debug, Args)]
pub(super) struct ClaimArgs {
    /// The account paid (default: the sender).
    #[arg(long, value_parser = crate::address::parse)]
    account: Option<Address>,
    #[command(flatten)]
    tx: SendArgs,
}

impl UsageCommand {
    pub(super) async fn run(self) -> Result<()> {
        match self {
            Self::Show(args) => {
                let suite = args.read.suite.open().await?;
                print(&suite.client().derivative_view(args.derivative).await?, args.read.json)
            }
            Self::Adopt(args) => {
                let (suite, sender) = args.tx.open().await?;
                let out = suite.client().adopt(sender, args.derivative, &args.consumer).await?;
                print(&out, args.tx.json)
            }
            Self::Invoke(args) => {
                let (suite, sender) = args.tx.open().await?;
                let client = suite.client();
                let out = client.invoke_derivative(sender, args.derivative, &args.consumer).await?;
                print(&out, args.tx.json)
            }
            Self::Deposit(args) => {
                let (suite, sender) = args.tx.open().await?;
                print(&suite.client().deposit_derivatives(sender, args.amount).await?, args.tx.json)
            }
            Self::Claim(args) => {
                let (suite, sender) = args.tx.open().await?;
                let account = args.account.unwrap_or(sender);
                print(&suite.client().claim_derivative_credits(account).await?, args.tx.json)
            }
        }
    }
}
