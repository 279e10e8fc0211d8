//! `era rewards claim`: the account's leaf in the tree of the latest active root (found by the
//! hash of its file), claimed plainly, into a delegation (`--delegate NODE`), or relayed
//! (`--relay`: the account signs, the relayer's key submits and keeps `--fee`).

use std::path::PathBuf;

use alloy::primitives::{Address, U256};
use clap::Args;
use era_client::{
    rewards::ClaimHow,
    units::{parse_duration, parse_era},
};
use eyre::{Result, bail};

use super::files::{RewardsDir, pick_root};
use crate::{
    connect::{AccountArg, WalletArgs},
    output::print,
    suite::SendArgs,
};

/// The help heading of the relayer's flags.
const RELAYER: &str = "Relayer options (--relay)";

/// `era rewards claim`.
#[derive(Debug, Args)]
pub(crate) struct ClaimArgs {
    /// Claim against the root posted from this epoch's tree (default: the latest active root).
    #[arg(long)]
    epoch: Option<u64>,
    /// Whose rewards (default: the signer). Anyone may submit a plain claim; the ERA goes to
    /// the account.
    #[arg(long = "for", value_name = "ADDRESS", value_parser = crate::address::parse)]
    account: Option<Address>,
    /// Delegate the claimed ERA to this node in staking, in your name.
    #[arg(long, value_name = "NODE", value_parser = crate::address::parse, conflicts_with_all = ["relay", "account"])]
    delegate: Option<Address>,
    /// Sign the claim (EIP-712) and have a relayer submit it: the relayer pays the gas and keeps
    /// --fee in ERA.
    #[arg(long, conflicts_with = "account")]
    relay: bool,
    /// The relayer's hex private key [env: ERA_RELAYER_KEY].
    #[arg(long, env = "ERA_RELAYER_KEY", hide_env_values = true, help_heading = RELAYER, value_name = "RAW_PRIVATE_KEY", requires = "relay")]
    relayer_key: Option<String>,
    /// The relayer's keystore in ~/.foundry/keystores by name.
    #[arg(long, help_heading = RELAYER, value_name = "ACCOUNT_NAME", requires = "relay", conflicts_with = "relayer_key")]
    relayer_account: Option<String>,
    /// File holding the relayer keystore's password (else a prompt).
    #[arg(long, help_heading = RELAYER, value_name = "PASSWORD_FILE", requires = "relayer_account")]
    relayer_password_file: Option<PathBuf>,
    /// ERA the relayer keeps (the signed maximum), e.g. 5.
    #[arg(long, help_heading = RELAYER, value_parser = parse_era, requires = "relay")]
    fee: Option<U256>,
    /// How long the signature stays good (e.g. 10m, 1h).
    #[arg(long, help_heading = RELAYER, value_parser = parse_duration, default_value = "1h", requires = "relay")]
    deadline: u64,
    #[command(flatten)]
    tx: SendArgs,
}

impl ClaimArgs {
    pub(crate) async fn run(self) -> Result<()> {
        if self.relay {
            return self.relayed().await;
        }
        let (suite, sender) = self.tx.open().await?;
        let client = suite.client();
        let account = self.account.unwrap_or(sender);
        let roots = client.reward_roots(suite.record.deploy_block()).await?;
        let dir = RewardsDir::new(&self.tx.suite.records.deployments_dir, suite.chain.id);
        let (root, tree) = pick_root(&dir, &roots, self.epoch)?;
        let how = match self.delegate {
            Some(node) => ClaimHow::Delegate(node),
            None => ClaimHow::Plain,
        };
        print(&client.claim_rewards(sender, account, &root, &tree, how).await?, self.tx.json)
    }

    /// `--relay`: the wallet's key signs, the relayer's sends.
    async fn relayed(&self) -> Result<()> {
        let signer = self.tx.wallet.signer()?;
        let relayer = WalletArgs {
            account: AccountArg(self.relayer_account.clone()),
            private_key: self.relayer_key.clone(),
            password_file: self.relayer_password_file.clone(),
            ..WalletArgs::default()
        };
        if relayer.account.0.is_none() && relayer.private_key.is_none() {
            bail!("--relay needs the relayer's key: --relayer-key KEY or --relayer-account NAME");
        }
        let (suite, sender) = self.tx.suite.open_signer(&relayer).await?;
        let client = suite.client();
        let roots = client.reward_roots(suite.record.deploy_block()).await?;
        let dir = RewardsDir::new(&self.tx.suite.records.deployments_dir, suite.chain.id);
        let (root, tree) = pick_root(&dir, &roots, self.epoch)?;
        let deadline = roots.block_time + self.deadline;
        let fee = self.fee.unwrap_or_default();
        let how = ClaimHow::Relay { signer: &signer, fee, deadline };
        let out = client.claim_rewards(sender, signer.address(), &root, &tree, how).await?;
        print(&out, self.tx.json)
    }
}
