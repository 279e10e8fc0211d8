//! `era exec deposit|withdraw|balance`: the engine's ledger; `era exec mode|declare-modes|
//! base-mode|pause|unpause`: each scenario's execution mode; `era exec grant-slasher`.

use alloy::primitives::Address;
use clap::{Args, Subcommand};
use era_client::ExecutionMode;
use eyre::Result;

use crate::{
    cmd::scenario::named,
    output::print,
    suite::{ReadArgs, SendArgs, Suite},
};

/// `era exec` subcommands for the ledger and the modes.
#[derive(Debug, Subcommand)]
pub(super) enum LedgerCommand {
    /// Deposit an ERC-20 token into the engine's ledger (approves the engine first if needed).
    Deposit(DepositArgs),
    /// Withdraw from your ledger balance.
    Withdraw(WithdrawArgs),
    /// An account's ledger balance of a token.
    Balance(BalanceArgs),
    /// Which execution mode a scenario runs in now, and why.
    Mode(ModeArgs),
    /// Declare the modes your scenario allows (its developer only).
    DeclareModes(DeclareArgs),
    /// Schedule a scenario's base mode on the timelock (governance); then `era gov execute`.
    BaseMode(BaseModeArgs),
    /// Pause a scenario's executions at once (the guardian).
    Pause(PauseArgs),
    /// Schedule unpausing a scenario's executions on the timelock (governance).
    Unpause(PauseArgs),
    /// Schedule granting the engine staking's slasher role on the timelock (governance), so that
    /// nodes signing two results for one slot can be slashed (`era notary slash`).
    GrantSlasher(GrantArgs),
}

/// `era exec grant-slasher`.
#[derive(Debug, Args)]
pub(super) struct GrantArgs {
    #[command(flatten)]
    tx: SendArgs,
}

/// `era exec deposit`.
#[derive(Debug, Args)]
pub(super) struct DepositArgs {
    /// The token's address.
    #[arg(value_parser = crate::address::parse)]
    token: Address,
    /// Amount in the token's units ("250", "0.5").
    amount: String,
    /// Credit this account instead of yourself.
    #[arg(long, value_parser = crate::address::parse)]
    account: Option<Address>,
    #[command(flatten)]
    tx: SendArgs,
}

/// `era exec withdraw`.
#[derive(Debug, Args)]
pub(super) struct WithdrawArgs {
    /// The token's address.
    #[arg(value_parser = crate::address::parse)]
    token: Address,
    /// Amount in the token's units.
    amount: String,
    /// Send it here instead of to yourself.
    #[arg(long, value_parser = crate::address::parse)]
    to: Option<Address>,
    #[command(flatten)]
    tx: SendArgs,
}

/// `era exec balance`.
#[derive(Debug, Args)]
pub(super) struct BalanceArgs {
    /// The token's address.
    #[arg(value_parser = crate::address::parse)]
    token: Address,
    /// The account.
    #[arg(value_parser = crate::address::parse)]
    account: Address,
    #[command(flatten)]
    read: ReadArgs,
}

/// `era exec mode`.
#[derive(Debug, Args)]
pub(super) struct ModeArgs {
    /// The scenario: NAME or NAME@DEVELOPER.
    scenario: String,
    #[command(flatten)]
    read: ReadArgs,
}

/// `era exec declare-modes`.
#[derive(Debug, Args)]
pub(super) struct DeclareArgs {
    /// The scenario: NAME or NAME@DEVELOPER.
    scenario: String,
    /// The modes it allows: atomic, notarized, standard, async (comma-separated).
    #[arg(long, value_delimiter = ',', required = true)]
    modes: Vec<ExecutionMode>,
    /// Node signatures a notarized entry needs (with notarized).
    #[arg(long, default_value_t = 0)]
    quorum: u16,
    #[command(flatten)]
    tx: SendArgs,
}

/// `era exec base-mode`.
#[derive(Debug, Args)]
pub(super) struct BaseModeArgs {
    /// The scenario: NAME or NAME@DEVELOPER.
    scenario: String,
    /// The mode outside surges: one the scenario allows.
    mode: ExecutionMode,
    #[command(flatten)]
    tx: SendArgs,
}

/// `era exec pause` and `era exec unpause`.
#[derive(Debug, Args)]
pub(super) struct PauseArgs {
    /// The scenario: NAME or NAME@DEVELOPER.
    scenario: String,
    #[command(flatten)]
    tx: SendArgs,
}

impl LedgerCommand {
    /// Runs the subcommand.
    pub(super) async fn run(self) -> Result<()> {
        match self {
            Self::Deposit(args) => {
                let (suite, sender) = args.tx.open().await?;
                let client = suite.client();
                let amount = client.token_amount(args.token, &args.amount).await?;
                print(&client.deposit_ledger(sender, &amount, args.account).await?, args.tx.json)
            }
            Self::Withdraw(args) => {
                let (suite, sender) = args.tx.open().await?;
                let client = suite.client();
                let amount = client.token_amount(args.token, &args.amount).await?;
                print(&client.withdraw_ledger(sender, &amount, args.to).await?, args.tx.json)
            }
            Self::Balance(args) => {
                let suite = args.read.suite.open().await?;
                let out = suite.client().ledger_balance(args.token, args.account).await?;
                print(&out, args.read.json)
            }
            Self::Mode(args) => {
                let suite = args.read.suite.open().await?;
                let id = scenario_id(&suite, &args.scenario).await?;
                print(&suite.client().mode_status(id).await?, args.read.json)
            }
            Self::DeclareModes(args) => {
                let (suite, sender) = args.tx.open().await?;
                let id = scenario_id(&suite, &args.scenario).await?;
                let out =
                    suite.client().declare_modes(sender, id, &args.modes, args.quorum).await?;
                print(&out, args.tx.json)
            }
            Self::BaseMode(args) => {
                let (suite, sender) = args.tx.open().await?;
                let id = scenario_id(&suite, &args.scenario).await?;
                let from = suite.record.deploy_block();
                let out = suite.client().schedule_base_mode(sender, id, args.mode, from).await?;
                print(&out, args.tx.json)
            }
            Self::Pause(args) => {
                let (suite, sender) = args.tx.open().await?;
                let id = scenario_id(&suite, &args.scenario).await?;
                print(&suite.client().pause_scenario(sender, id).await?, args.tx.json)
            }
            Self::Unpause(args) => {
                let (suite, sender) = args.tx.open().await?;
                let id = scenario_id(&suite, &args.scenario).await?;
                let from = suite.record.deploy_block();
                let out = suite.client().schedule_unpause_scenario(sender, id, from).await?;
                print(&out, args.tx.json)
            }
            Self::GrantSlasher(args) => {
                let (suite, sender) = args.tx.open().await?;
                let from = suite.record.deploy_block();
                print(&suite.client().schedule_engine_slasher(sender, from).await?, args.tx.json)
            }
        }
    }
}

async fn scenario_id(suite: &Suite, text: &str) -> Result<era_client::ScenarioId> {
    Ok(suite.client().scenario_id(&named(text)?).await?)
}
