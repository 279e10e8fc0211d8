//! `era asset consent`: as an owner, sign consent to an authorization the consumer pays for;
//! `era asset consent cancel` withdraws a consent nobody has used, by invalidating its unordered
//! nonce.

use std::path::PathBuf;

use alloy::{primitives::U256, signers::SignerSync};
use clap::{ArgGroup, ArgMatches, Args, Command, FromArgMatches, Subcommand};
use era_client::{assets::Consent, units::parse_duration};
use eyre::Result;

use super::{CONSENT_FILE, ConsumerArgs, read_json, write_json};
use crate::{output::print, suite::SendArgs};

/// `era asset consent`.
#[derive(Debug, Args)]
pub(super) struct ConsentArgs {
    /// How long the authorization lasts (e.g. 30d; at most 365d).
    #[arg(long = "for", value_parser = parse_duration)]
    period: u64,
    /// How long the consumer has to use the consent.
    #[arg(long, value_parser = parse_duration, default_value = "1d")]
    valid: u64,
    /// Where to write the consent.
    #[arg(long, default_value = "consent.json")]
    out: PathBuf,
    #[command(flatten)]
    target: ConsumerArgs,
}

impl ConsentArgs {
    async fn run(self) -> Result<()> {
        let t = &self.target;
        let signer = t.tx.wallet.signer()?;
        let (suite, owner) = t.tx.open().await?;
        let sign = |digest| signer.sign_hash_sync(&digest);
        let periods = (self.period, self.valid);
        let consent = suite.client().consent(owner, t.asset, t.consumer, periods, sign).await?;
        write_json(&self.out, &consent)?;
        print(&consent, t.tx.json)
    }
}

/// `era asset consent [cancel]`: signing takes the flags of `ConsentArgs`; `cancel` is a
/// subcommand. Parsed by hand because clap's derive cannot make a flattened group of required
/// flags optional when a subcommand is given.
#[derive(Debug)]
pub(super) enum ConsentCommand {
    Sign(ConsentArgs),
    Cancel(CancelArgs),
}

#[derive(Debug, Subcommand)]
enum ConsentSubcommand {
    /// Withdraw an unused consent: its nonce can no longer pay (`era asset pay` refuses it).
    Cancel(CancelArgs),
}

impl FromArgMatches for ConsentCommand {
    fn from_arg_matches(matches: &ArgMatches) -> Result<Self, clap::Error> {
        Self::from_arg_matches_mut(&mut matches.clone())
    }

    fn from_arg_matches_mut(matches: &mut ArgMatches) -> Result<Self, clap::Error> {
        if matches.subcommand_name().is_some() {
            let ConsentSubcommand::Cancel(a) = ConsentSubcommand::from_arg_matches_mut(matches)?;
            return Ok(Self::Cancel(a));
        }
        Ok(Self::Sign(ConsentArgs::from_arg_matches_mut(matches)?))
    }

    fn update_from_arg_matches(&mut self, matches: &ArgMatches) -> Result<(), clap::Error> {
        *self = Self::from_arg_matches(matches)?;
        Ok(())
    }
}

impl Args for ConsentCommand {
    fn augment_args(cmd: Command) -> Command {
        ConsentSubcommand::augment_subcommands(ConsentArgs::augment_args(cmd))
            .args_conflicts_with_subcommands(true)
            .subcommand_negates_reqs(true)
    }

    fn augment_args_for_update(cmd: Command) -> Command {
        Self::augment_args(cmd)
    }
}

impl ConsentCommand {
    pub(super) async fn run(self) -> Result<()> {
        match self {
            Self::Sign(a) => a.run().await,
            Self::Cancel(a) => a.run().await,
        }
    }
}

/// `era asset consent cancel`.
#[derive(Debug, Args)]
#[command(group(ArgGroup::new("which").required(true).args(["file", "nonce"])))]
pub(super) struct CancelArgs {
    /// The consent file (`era asset consent --out`).
    #[arg(long)]
    file: Option<PathBuf>,
    /// The consent's nonce (decimal or 0x-hex).
    #[arg(long)]
    nonce: Option<U256>,
    #[command(flatten)]
    tx: SendArgs,
}

impl CancelArgs {
    async fn run(self) -> Result<()> {
        let (suite, owner) = self.tx.open().await?;
        let client = suite.client();
        let out = match (&self.file, self.nonce) {
            (Some(path), _) => {
                let consent: Consent = read_json(path, "consent ", CONSENT_FILE)?;
                client.cancel_consent(owner, &consent).await?
            }
            (None, Some(nonce)) => client.cancel_nonce(owner, nonce).await?,
            (None, None) => eyre::bail!("give --file or --nonce"),
        };
        print(&out, self.tx.json)
    }
}
