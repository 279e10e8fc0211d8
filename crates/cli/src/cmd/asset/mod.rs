//! `era asset`: state assets: schemas (governance), register with a proof, authorize
//! with a fee, revoke, check, export to another rollup, claim, pledge to a node, show and list.
//! The logic lives in `era_client::assets`; each command here parses its flags, calls it and
//! prints the outcome.

mod authorize;
mod challenge;
mod check;
mod claim;
mod consent;
mod export;
mod list;
mod pay;
mod pledge;
mod register;
mod retire;
mod revoke;
mod schema;
mod show;
mod unpledge;

use std::path::Path;

use alloy::primitives::B256;
use clap::{Args, Subcommand};
use eyre::{Result, WrapErr};
use serde::de::DeserializeOwned;

use crate::suite::SendArgs;

/// State assets: register, authorize, revoke, check, export, claim, pledge, show, list.
#[derive(Debug, Args)]
pub(crate) struct AssetArgs {
    #[command(subcommand)]
    command: AssetCommand,
}

/// `era asset` subcommands.
#[derive(Debug, Subcommand)]
enum AssetCommand {
    /// Schedule a schema (a circuit's verifier for a scenario, its coefficient and fee) on the
    /// timelock; execute it with `era gov execute`.
    Schema(schema::SchemaArgs),
    /// Prove a private record and register it as an asset, escrowing the anchor stake.
    Register(register::RegisterArgs),
    /// Authorize a consumer on your asset until an expiry, paying the fee.
    Authorize(authorize::AuthorizeArgs),
    /// As an owner, sign consent to an authorization that the consumer pays for (`era asset pay`).
    /// Cancel an unused consent with `era asset consent cancel`.
    Consent(consent::ConsentCommand),
    /// As a consumer, pay the fee of an authorization the owner consented to.
    Pay(pay::PayArgs),
    /// End a consumer's authorization on your asset.
    Revoke(ConsumerArgs),
    /// Whether a consumer is authorized now (on this chain's registry, or its mirror with --mirror).
    Check(check::CheckArgs),
    /// Send a consumer's authorization to the mirror on another rollup through the mailbox.
    Export(export::ExportArgs),
    /// Pay out the ERA credited to an account (owner rewards, developer rewards, treasury).
    Claim(claim::ClaimArgs),
    /// Commit to a challenge of an asset, then reveal it with its bond.
    Challenge(challenge::ChallengeArgs),
    /// Schedule governance's verdict on a challenge on the timelock (uphold or dismiss).
    ResolveChallenge(challenge::ResolveArgs),
    /// Pledge your live asset to a node: it earns yield on its anchor from the node's rewards and
    /// cannot be retired until unpledged; the node gets no power over it.
    Pledge(pledge::PledgeArgs),
    /// End your asset's pledge.
    Unpledge(unpledge::UnpledgeArgs),
    /// Start retiring your asset: the anchor may leave after 7 days with no challenge open.
    Retire(retire::RetireArgs),
    /// Return a retiring asset's anchor to its owner once the delay is over (anyone).
    CompleteRetire(retire::RetireArgs),
    /// One asset, its open challenges and its retirement.
    Show(show::ShowArgs),
    /// Assets registered by an owner.
    List(list::ListArgs),
}

impl AssetArgs {
    /// Runs the subcommand.
    pub(crate) async fn run(self) -> Result<()> {
        match self.command {
            AssetCommand::Schema(a) => a.run().await,
            AssetCommand::Register(a) => a.run().await,
            AssetCommand::Authorize(a) => a.run().await,
            AssetCommand::Consent(a) => a.run().await,
            AssetCommand::Pay(a) => a.run().await,
            AssetCommand::Revoke(a) => a.run().await,
            AssetCommand::Check(a) => a.run().await,
            AssetCommand::Export(a) => a.run().await,
            AssetCommand::Claim(a) => a.run().await,
            AssetCommand::Challenge(a) => a.run().await,
            AssetCommand::ResolveChallenge(a) => a.run().await,
            AssetCommand::Pledge(a) => a.run().await,
            AssetCommand::Unpledge(a) => a.run().await,
            AssetCommand::Retire(a) => a.retire().await,
            AssetCommand::CompleteRetire(a) => a.complete().await,
            AssetCommand::Show(a) => a.run().await,
            AssetCommand::List(a) => a.run().await,
        }
    }
}

/// An asset and a consumer.
#[derive(Debug, Args)]
struct ConsumerArgs {
    /// The asset id.
    #[arg(long)]
    asset: B256,
    /// The consumer: an address, a bytes32, or a scenario name.
    #[arg(long, value_parser = parse_consumer)]
    consumer: B256,
    #[command(flatten)]
    tx: SendArgs,
}

/// `--consumer` as the registry keys it ([`era_client::assets::consumer_key`]).
fn parse_consumer(text: &str) -> Result<B256, std::convert::Infallible> {
    Ok(era_client::assets::consumer_key(text))
}

/// Reads the JSON file of a `noun` (`consent `, or none) that another command wrote (`from`
/// says which).
fn read_json<T: DeserializeOwned>(path: &Path, noun: &str, from: &str) -> Result<T> {
    let text = std::fs::read_to_string(path)
        .wrap_err_with(|| format!("cannot read {noun}{}", path.display()))?;
    serde_json::from_str(&text).wrap_err_with(|| format!("{} is not {from}", path.display()))
}

/// Writes `value` as pretty JSON to `path`.
fn write_json<T: serde::Serialize>(path: &Path, value: &T) -> Result<()> {
    std::fs::write(path, serde_json::to_string_pretty(value)? + "\n")
        .wrap_err_with(|| format!("cannot write {}", path.display()))
}

/// What a consent file is, in the refusal of a file that is not one.
const CONSENT_FILE: &str = "a consent file from `era asset consent`";
