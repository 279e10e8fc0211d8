//! `era exec`: standard and async light actions. A user signs an action (`sign-action`, a JSON
//! file); anyone relays it in standard mode (`execute`), or a bonded executor applies many at once
//! in async mode (`execute-async`); anyone challenges a wrong one within the window (`challenge`)
//! and finalizes the batch after it (`finalize`). Executors `bond` and `unbond` ERA.

use std::path::PathBuf;

use alloy::primitives::{Address, U256};
use clap::{Args, Subcommand};
use era_client::{
    light::{Action, SignedAction},
    units::{parse_duration, parse_era},
};
use eyre::{Result, WrapErr};

use crate::{cmd::scenario::named, output::print, suite::SendArgs};

/// `era exec` subcommands for standard and async light actions (boxed: wallet flags are large, and
/// the other modes' commands share the enum).
#[derive(Debug, Subcommand)]
pub(super) enum LightCommand {
    /// Sign an action (a payment from your ledger balance) into a JSON file.
    SignAction(Box<SignArgs>),
    /// Relay a signed action in standard mode (every check at once).
    Execute(Box<ExecuteArgs>),
    /// As a bonded executor, apply signed async actions at once (checked later by challenges).
    ExecuteAsync(Box<ExecuteAsyncArgs>),
    /// Prove an action of an async batch wrong: slashes the executor to the victim and you.
    Challenge(Box<ChallengeArgs>),
    /// Make an async batch final after its challenge window, freeing the executor's bond.
    Finalize(Box<FinalizeArgs>),
    /// Post ERA as your executor bond.
    Bond(Box<BondArgs>),
    /// Start unbonding part of your free bond, or `--claim` it after the delay.
    Unbond(Box<UnbondArgs>),
}

impl LightCommand {
    /// Runs the subcommand.
    pub(super) async fn run(self) -> Result<()> {
        match self {
            Self::SignAction(a) => a.run().await,
            Self::Execute(a) => a.run().await,
            Self::ExecuteAsync(a) => a.run().await,
            Self::Challenge(a) => a.run().await,
            Self::Finalize(a) => a.run().await,
            Self::Bond(a) => a.run().await,
            Self::Unbond(a) => a.run().await,
        }
    }
}

/// `era exec sign-action`.
#[derive(Debug, Args)]
pub(super) struct SignArgs {
    /// Scenario name (`NAME` or `NAME@DEVELOPER`).
    scenario: String,
    /// Who is paid.
    #[arg(long)]
    to: Address,
    /// Amount in ERA.
    #[arg(long, value_parser = parse_era)]
    amount: U256,
    /// Any unused nonce of yours (decimal or 0x-hex).
    #[arg(long)]
    nonce: U256,
    /// How long it may wait to be executed.
    #[arg(long, value_parser = parse_duration, default_value = "1h")]
    valid: u64,
    /// Sign for async mode (a bonded executor) rather than standard mode.
    #[arg(long = "async")]
    r#async: bool,
    /// Where to write the signed action.
    #[arg(long, default_value = "action.json")]
    out: PathBuf,
    #[command(flatten)]
    tx: SendArgs,
}

impl SignArgs {
    async fn run(self) -> Result<()> {
        let signer = self.tx.wallet.signer()?;
        let (suite, from) = self.tx.open().await?;
        let client = suite.client();
        let action = Action {
            scenario_id: client.scenario_id(&named(&self.scenario)?).await?.to_u256(),
            from,
            to: self.to,
            token: client.addresses.era,
            amount: self.amount,
            nonce: self.nonce,
            deadline: client.chain_time().await? + self.valid,
        };
        let signed = action.sign(&signer, &client.engine_domain().await?, self.r#async)?;
        std::fs::write(&self.out, serde_json::to_string_pretty(&signed)?)
            .wrap_err_with(|| format!("cannot write {}", self.out.display()))?;
        print(&signed, self.tx.json)
    }
}

fn read_action(path: &PathBuf) -> Result<SignedAction> {
    let text = std::fs::read_to_string(path).wrap_err_with(|| {
        format!("cannot read {}: sign it with `era exec sign-action`", path.display())
    })?;
    serde_json::from_str(&text).wrap_err_with(|| {
        format!("{} is not a signed action (`era exec sign-action` writes one)", path.display())
    })
}

/// `era exec execute`.
#[derive(Debug, Args)]
pub(super) struct ExecuteArgs {
    /// The signed action (`era exec sign-action --out`).
    file: PathBuf,
    #[command(flatten)]
    tx: SendArgs,
}

impl ExecuteArgs {
    async fn run(self) -> Result<()> {
        let signed = read_action(&self.file)?;
        let (suite, _) = self.tx.open().await?;
        print(&suite.client().execute_action(&signed).await?, self.tx.json)
    }
}

/// `era exec execute-async`.
#[derive(Debug, Args)]
pub(super) struct ExecuteAsyncArgs {
    /// Signed async actions, all of one scenario (`era exec sign-action --async`).
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// Skip the executor's own checks (signatures, deadlines, nonces): a wrong action is then
    /// challenged and slashed from your bond.
    #[arg(long)]
    unchecked: bool,
    #[command(flatten)]
    tx: SendArgs,
}

impl ExecuteAsyncArgs {
    async fn run(self) -> Result<()> {
        let actions = self.files.iter().map(read_action).collect::<Result<Vec<_>>>()?;
        let scenario = actions[0].action.scenario_id;
        if let Some(i) = actions.iter().position(|s| s.action.scenario_id != scenario) {
            eyre::bail!("action {i} is for another scenario than action 0: one batch per scenario");
        }
        let (suite, executor) = self.tx.open().await?;
        let out =
            suite.client().execute_async(executor, scenario, &actions, !self.unchecked).await?;
        print(&out, self.tx.json)
    }
}

/// `era exec challenge`.
#[derive(Debug, Args)]
pub(super) struct ChallengeArgs {
    /// Batch id.
    batch: u64,
    /// Position of the action in the batch (from 0).
    index: usize,
    #[command(flatten)]
    tx: SendArgs,
}

impl ChallengeArgs {
    async fn run(self) -> Result<()> {
        let (suite, challenger) = self.tx.open().await?;
        let from = suite.record.deploy_block();
        let out = suite.client().challenge_action(challenger, self.batch, self.index, from).await?;
        print(&out, self.tx.json)
    }
}

/// `era exec finalize`.
#[derive(Debug, Args)]
pub(super) struct FinalizeArgs {
    /// Batch id.
    batch: u64,
    #[command(flatten)]
    tx: SendArgs,
}

impl FinalizeArgs {
    async fn run(self) -> Result<()> {
        let (suite, _) = self.tx.open().await?;
        print(&suite.client().finalize_batch(self.batch).await?, self.tx.json)
    }
}

/// `era exec bond`.
#[derive(Debug, Args)]
pub(super) struct BondArgs {
    /// Amount in ERA.
    #[arg(value_parser = parse_era)]
    amount: U256,
    #[command(flatten)]
    tx: SendArgs,
}

impl BondArgs {
    async fn run(self) -> Result<()> {
        let (suite, executor) = self.tx.open().await?;
        print(&suite.client().bond(executor, self.amount).await?, self.tx.json)
    }
}

/// `era exec unbond`.
#[derive(Debug, Args)]
pub(super) struct UnbondArgs {
    /// Amount in ERA to start unbonding (omit with `--claim`).
    #[arg(value_parser = parse_era, required_unless_present = "claim", conflicts_with = "claim")]
    amount: Option<U256>,
    /// Withdraw what is unbonding, after the delay.
    #[arg(long)]
    claim: bool,
    /// Where `--claim` sends the ERA (default: you).
    #[arg(long, requires = "claim")]
    to: Option<Address>,
    #[command(flatten)]
    tx: SendArgs,
}

impl UnbondArgs {
    async fn run(self) -> Result<()> {
        let (suite, executor) = self.tx.open().await?;
        let client = suite.client();
        let out = match self.amount {
            Some(amount) => client.request_unbond(executor, amount).await?,
            None => client.unbond(executor, self.to.unwrap_or(executor)).await?,
        };
        print(&out, self.tx.json)
    }
}
