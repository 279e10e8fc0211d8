//! `era component penalize|execute-penalty|absorb|approve-absorption|endorse|complete-absorption|
//! cancel-absorption|absorption`.

use alloy::primitives::B256;
use clap::{Args, Subcommand};
use era_client::capability::metrics_key;
use eyre::Result;

use super::components::IdSend;
use crate::{
    output::print,
    suite::{ReadArgs, SendArgs},
};

/// Penalties and absorptions.
#[derive(Debug, Subcommand)]
pub(super) enum NetworkCommand {
    /// Start the penalty of a component without a qualifying improvement for its evaluation
    /// period (anyone; posts a bond, returned on execution, the owner's if it contests).
    Penalize(IdSend),
    /// Execute a pending penalty after its contest period: 5% of the pledge to the treasury.
    ExecutePenalty(IdSend),
    /// As a component's owner, ask to absorb a feature of another (escrows the absorption fee).
    Absorb(AbsorbArgs),
    /// As the giving component's owner, approve an absorption.
    ApproveAbsorption(IdSend),
    /// As a staked node, endorse an absorption with your stake.
    Endorse(IdSend),
    /// Complete an approved and endorsed absorption: the giver's owner is paid the fee.
    CompleteAbsorption(IdSend),
    /// As the receiver's owner, cancel an expired absorption and get the fee back.
    CancelAbsorption(IdSend),
    /// An absorption: its parties, approvals and fee.
    Absorption(AbsorptionArgs),
}

/// `era component absorb`.
#[derive(Debug, Args)]
pub(super) struct AbsorbArgs {
    /// Your component, which absorbs the feature.
    #[arg(long)]
    receiver: u64,
    /// The component giving it.
    #[arg(long)]
    giver: u64,
    /// The feature (text, hashed; or a bytes32).
    #[arg(long, value_parser = |s: &str| Ok::<B256, String>(metrics_key(s)))]
    feature: B256,
    #[command(flatten)]
    tx: SendArgs,
}

/// `era component absorption`.
#[derive(Debug, Args)]
pub(super) struct AbsorptionArgs {
    /// The absorption.
    id: u64,
    #[command(flatten)]
    read: ReadArgs,
}

impl NetworkCommand {
    pub(super) async fn run(self) -> Result<()> {
        match self {
            Self::Penalize(a) => {
                let (suite, sender) = a.tx.open().await?;
                print(&suite.client().start_penalty(sender, a.id).await?, a.tx.json)
            }
            Self::ExecutePenalty(a) => {
                let (suite, _) = a.tx.open().await?;
                print(&suite.client().execute_penalty(a.id).await?, a.tx.json)
            }
            Self::Absorb(a) => {
                let (suite, sender) = a.tx.open().await?;
                let client = suite.client();
                let out = client.request_absorption(sender, a.receiver, a.giver, a.feature).await?;
                print(&out, a.tx.json)
            }
            Self::ApproveAbsorption(a) => {
                let (suite, sender) = a.tx.open().await?;
                print(&suite.client().approve_absorption(sender, a.id).await?, a.tx.json)
            }
            Self::Endorse(a) => {
                let (suite, sender) = a.tx.open().await?;
                print(&suite.client().endorse_absorption(sender, a.id).await?, a.tx.json)
            }
            Self::CompleteAbsorption(a) => {
                let (suite, _) = a.tx.open().await?;
                print(&suite.client().complete_absorption(a.id).await?, a.tx.json)
            }
            Self::CancelAbsorption(a) => {
                let (suite, _) = a.tx.open().await?;
                print(&suite.client().cancel_absorption(a.id).await?, a.tx.json)
            }
            Self::Absorption(a) => {
                let suite = a.read.suite.open().await?;
                print(&suite.client().absorption_view(a.id).await?, a.read.json)
            }
        }
    }
}
