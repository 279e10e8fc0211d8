//! `era asset consent cancel`: an owner withdraws a consent nobody has used, by invalidating its
//! unordered nonce (`invalidateUnorderedNonces`); `era asset consent` without it signs one.

use std::{fmt, path::PathBuf};

use alloy::primitives::{Address, U256};
use clap::{ArgGroup, ArgMatches, Args, Command, FromArgMatches, Subcommand};
use eyre::{Result, WrapErr, bail};
use serde::Serialize;

use super::{Consent, ConsentArgs, nonce_used};
use crate::{
    output::print,
    suite::SendArgs,
    tx::{Sent, send},
};

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

/// A cancelled consent nonce.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct CancelOutput {
    owner: Address,
    #[serde(serialize_with = "crate::amount::decimal")]
    nonce: U256,
    /// Bitmap word and mask sent to `invalidateUnorderedNonces`.
    #[serde(serialize_with = "crate::amount::decimal")]
    word: U256,
    mask: U256,
    tx: Sent,
}

impl fmt::Display for CancelOutput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "cancelled {}'s consent nonce {}: a consent signed with it can no longer pay",
            self.owner, self.nonce
        )?;
        write!(f, "  {}", self.tx)
    }
}

impl CancelArgs {
    async fn run(self) -> Result<()> {
        let (suite, sender) = self.tx.open().await?;
        let registry = suite.assets();
        let nonce = match (&self.file, self.nonce) {
            (Some(path), _) => {
                let text = std::fs::read_to_string(path)
                    .wrap_err_with(|| format!("cannot read consent {}", path.display()))?;
                let c: Consent = serde_json::from_str(&text).wrap_err_with(|| {
                    format!("{} is not a consent file from `era asset consent`", path.display())
                })?;
                if c.chain_id != suite.chain.id || c.registry != *registry.address() {
                    bail!(
                        "the consent is for registry {} on chain {}, not this chain's {}",
                        c.registry,
                        c.chain_id,
                        registry.address()
                    );
                }
                // Nonces are the owner's: only the owner's key can spend or cancel one.
                let owner = registry.assetOf(c.asset_id).call().await?.owner;
                if owner != sender {
                    bail!(
                        "the consent is signed by {owner}, the owner of asset {}, not {sender}: use the owner's key",
                        c.asset_id
                    );
                }
                c.nonce
            }
            (None, Some(nonce)) => nonce,
            (None, None) => bail!("give --file or --nonce"),
        };
        if nonce_used(&suite, sender, nonce).await? {
            bail!(
                "{sender}'s consent nonce {nonce} is used or cancelled already: nothing to cancel"
            );
        }
        let word = nonce >> 8;
        let mask = U256::from(1) << (nonce & U256::from(0xff)).to::<usize>();
        let tx = send("cancel consent", registry.invalidateUnorderedNonces(word, mask)).await?;
        print(&CancelOutput { owner: sender, nonce, word, mask, tx }, self.tx.json)
    }
}
