//! `era asset consent`: as an owner, sign consent to an authorization the consumer pays for;
//! `era asset consent cancel` withdraws a consent nobody has used, by invalidating its unordered
//! nonce (`invalidateUnorderedNonces`).

use clap::{ArgGroup, ArgMatches, Command, FromArgMatches};

use super::*;

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
    pub(super) async fn run(self) -> Result<()> {
        let t = &self.target;
        let consumer = parse_consumer(&t.consumer)?;
        check_period(self.period)?;
        let signer = t.tx.wallet.signer()?;
        let (suite, owner) = t.tx.open().await?;
        let asset = owned_asset(&suite, t.asset, owner).await?;
        require_live(t.asset, &asset)?;
        let now = chain_time(&suite.chain).await?;
        let registry = suite.assets();
        let (expiry, deadline) = (now + self.period, now + self.valid);
        let nonce = fresh_nonce(&suite, owner, t.asset, consumer).await?;
        let digest = registry
            .consentDigest(t.asset, consumer, expiry, nonce, U256::from(deadline))
            .call()
            .await?;
        let signature = alloy::signers::SignerSync::sign_hash_sync(&signer, &digest)?;
        let consent = Consent {
            chain_id: suite.chain.id,
            registry: *registry.address(),
            asset_id: t.asset,
            consumer,
            expiry,
            nonce,
            deadline,
            signature: signature.as_bytes().to_vec().into(),
        };
        std::fs::write(&self.out, serde_json::to_string_pretty(&consent)? + "\n")
            .wrap_err_with(|| format!("cannot write {}", self.out.display()))?;
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

/// A cancelled consent nonce.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct CancelOutput {
    owner: Address,
    #[serde(serialize_with = "era_client::wei::serialize")]
    nonce: U256,
    /// Bitmap word and mask sent to `invalidateUnorderedNonces`.
    #[serde(serialize_with = "era_client::wei::serialize")]
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
                let c = Consent::read(path)?;
                c.check_registry(&suite)?;
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
