//! `era asset challenge commit|reveal` and `era asset resolve-challenge`: commit-reveal bonded
//! challenges of an asset (`era_client::assets`), and governance's verdict scheduled on the
//! timelock. `commit` saves what the reveal needs before it sends anything.

use std::path::PathBuf;

use alloy::{
    primitives::{Address, B256, keccak256},
    signers::local::PrivateKeySigner,
};
use clap::{ArgGroup, Args, Subcommand};
use era_client::assets::{Commitment, evidence_hash};
use eyre::{Result, bail};

use super::{read_json, write_json};
use crate::{output::print, suite::SendArgs};

/// `era asset challenge`.
#[derive(Debug, Args)]
pub(super) struct ChallengeArgs {
    #[command(subcommand)]
    command: ChallengeCommand,
}

#[derive(Debug, Subcommand)]
enum ChallengeCommand {
    /// Commit to a challenge of an asset (reveal it from a later block with `reveal`).
    Commit(CommitArgs),
    /// Reveal a committed challenge and post its bond (10% of the anchor).
    Reveal(RevealArgs),
}

impl ChallengeArgs {
    pub(super) async fn run(self) -> Result<()> {
        match self.command {
            ChallengeCommand::Commit(a) => a.run().await,
            ChallengeCommand::Reveal(a) => a.run().await,
        }
    }
}

/// `era asset challenge commit`.
#[derive(Debug, Args)]
struct CommitArgs {
    /// The asset id.
    #[arg(long)]
    asset: B256,
    /// The evidence: a 0x-prefixed 32-byte hash of it, or text (its keccak256 is committed).
    #[arg(long)]
    evidence: String,
    /// The salt that hides the evidence until the reveal; default: random.
    #[arg(long)]
    salt: Option<B256>,
    /// Where to save what the reveal needs; default: challenge-<asset id prefix>.json.
    #[arg(long)]
    out: Option<PathBuf>,
    #[command(flatten)]
    tx: SendArgs,
}

impl CommitArgs {
    async fn run(self) -> Result<()> {
        let (suite, challenger) = self.tx.open().await?;
        let client = suite.client();
        let salt = self.salt.unwrap_or_else(|| keccak256(PrivateKeySigner::random().to_bytes()));
        let secret = (evidence_hash(&self.evidence), salt);
        let from = suite.record.deploy_block();
        let c = client.challenge_commitment(challenger, self.asset, secret, from).await?;
        let out = self.out.unwrap_or_else(|| {
            PathBuf::from(format!("challenge-{}.json", &self.asset.to_string()[2..10]))
        });
        // Saved before sending: the reveal is impossible without the salt.
        write_json(&out, &c)?;
        let (saved, committed) = client.commit_challenge(&c, out.clone()).await?;
        write_json(&out, &saved)?;
        print(&committed, self.tx.json)
    }
}

/// `era asset challenge reveal`.
#[derive(Debug, Args)]
#[command(group(ArgGroup::new("secret").required(true).args(["commitment_file", "evidence"])))]
struct RevealArgs {
    /// The asset id.
    #[arg(long)]
    asset: B256,
    /// The file `commit` wrote.
    #[arg(long, conflicts_with_all = ["evidence", "salt"])]
    commitment_file: Option<PathBuf>,
    /// The evidence as committed (instead of --commitment-file).
    #[arg(long, requires = "salt")]
    evidence: Option<String>,
    /// The salt as committed (instead of --commitment-file).
    #[arg(long, requires = "evidence")]
    salt: Option<B256>,
    #[command(flatten)]
    tx: SendArgs,
}

impl RevealArgs {
    async fn run(self) -> Result<()> {
        let (suite, challenger) = self.tx.open().await?;
        let client = suite.client();
        let secret = match (&self.commitment_file, &self.evidence, self.salt) {
            (Some(path), _, _) => {
                let from = "a file from `era asset challenge commit`";
                let c: Commitment = read_json(path, "", from)?;
                let file = path.display().to_string();
                client.saved_commitment(&c, &file, self.asset, challenger).await?
            }
            (None, Some(evidence), Some(salt)) => (evidence_hash(evidence), salt),
            _ => bail!("give --commitment-file, or --evidence with --salt"),
        };
        let from = suite.record.deploy_block();
        let out = client.reveal_challenge(challenger, self.asset, secret, from).await?;
        print(&out, self.tx.json)
    }
}

/// `era asset resolve-challenge`.
#[derive(Debug, Args)]
#[command(group(ArgGroup::new("verdict").required(true).args(["uphold", "dismiss"])))]
pub(super) struct ResolveArgs {
    /// The asset id.
    #[arg(long)]
    asset: B256,
    /// Whose challenge.
    #[arg(long, value_parser = crate::address::parse)]
    challenger: Address,
    /// The challenge is right: the asset becomes invalid, its anchor and the bond go to the
    /// challenger, later challengers get their bonds back.
    #[arg(long)]
    uphold: bool,
    /// The challenge is wrong: its bond goes to the owner.
    #[arg(long)]
    dismiss: bool,
    #[command(flatten)]
    tx: SendArgs,
}

impl ResolveArgs {
    pub(super) async fn run(self) -> Result<()> {
        let (suite, sender) = self.tx.open().await?;
        let which = (self.asset, self.challenger);
        let from = suite.record.deploy_block();
        let out = suite.client().schedule_verdict(sender, which, self.uphold, from).await?;
        print(&out, self.tx.json)
    }
}
