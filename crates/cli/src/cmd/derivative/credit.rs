//! `era derivative fund|pledge|unpledge|draw|repay|liquidate`: credit lines backed by derivatives.

use alloy::primitives::{B256, U256};
use clap::{Args, Subcommand};
use era_client::units::parse_era;
use eyre::Result;

use super::id;
use crate::{output::print, suite::SendArgs};

/// Credit lines.
#[derive(Debug, Subcommand)]
pub(super) enum CreditCommand {
    /// Fund the credit pool (governance funds it; anyone may add).
    Fund(super::usage::AmountArgs),
    /// Pledge your derivative for a credit line (limit: core anchor x LTV x the derivative's weight).
    Pledge(LineArgs),
    /// End your derivative's credit line (it must owe nothing), freeing its core for another line.
    Unpledge(LineArgs),
    /// Draw ERA on your derivative's credit line.
    Draw(MoveArgs),
    /// Repay a derivative's debt (anyone may).
    Repay(MoveArgs),
    /// Take a defaulted credit line's liquidation one step on (anyone): seize the derivative and
    /// commit a challenge of its core, then reveal it, then close it once governance resolved it.
    Liquidate(LineArgs),
}

/// A derivative's credit line.
#[derive(Debug, Args)]
pub(super) struct LineArgs {
    /// The derivative.
    #[arg(value_parser = id)]
    derivative: B256,
    #[command(flatten)]
    tx: SendArgs,
}

/// A draw or repayment.
#[derive(Debug, Args)]
pub(super) struct MoveArgs {
    /// The derivative.
    #[arg(value_parser = id)]
    derivative: B256,
    /// ERA ("1000", "0.5").
    #[arg(value_parser = parse_era)]
    amount: U256,
    #[command(flatten)]
    tx: SendArgs,
}

impl CreditCommand {
    pub(super) async fn run(self) -> Result<()> {
        match self {
            Self::Fund(args) => {
                let (suite, sender) = args.tx.open().await?;
                print(&suite.client().fund_credit_pool(sender, args.amount).await?, args.tx.json)
            }
            Self::Pledge(args) => {
                let (suite, sender) = args.tx.open().await?;
                print(
                    &suite.client().pledge_derivative(sender, args.derivative).await?,
                    args.tx.json,
                )
            }
            Self::Unpledge(args) => {
                let (suite, sender) = args.tx.open().await?;
                let out = suite.client().unpledge_derivative(sender, args.derivative).await?;
                print(&out, args.tx.json)
            }
            Self::Draw(args) => {
                let (suite, sender) = args.tx.open().await?;
                let out = suite.client().draw_credit(sender, args.derivative, args.amount).await?;
                print(&out, args.tx.json)
            }
            Self::Repay(args) => {
                let (suite, sender) = args.tx.open().await?;
                let out = suite.client().repay_credit(sender, args.derivative, args.amount).await?;
                print(&out, args.tx.json)
            }
            Self::Liquidate(args) => {
                let (suite, _) = args.tx.open().await?;
                print(&suite.client().liquidate_derivative(args.derivative).await?, args.tx.json)
            }
        }
    }
}
