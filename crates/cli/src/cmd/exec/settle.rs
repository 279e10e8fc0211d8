//! `era exec`: atomic settlements. A provider signs a quote into a file (`quote`), each party that
//! pays signs the settlement file (`sign-settlement`), anyone sends it (`settle`): every leg applies
//! or none does.

use std::{fmt, path::PathBuf};

use alloy::{
    primitives::{Address, B256, U256},
    signers::SignerSync,
};
use clap::{Args, Subcommand};
use era_client::{
    settle::{Quote, Settlement},
    units::{parse_duration, parse_era},
};
use eyre::Result;
use serde::Serialize;

use crate::{output::print, suite::SendArgs};

/// `era exec` subcommands for atomic settlements (boxed: the wallet flags are large).
#[derive(Debug, Subcommand)]
pub(super) enum SettleCommand {
    /// As an FX provider, sign a quote into a file (no transaction).
    Quote(Box<QuoteArgs>),
    /// Add your signature to a settlement file (the initiator and every debited party sign, unless
    /// they send it themselves).
    SignSettlement(Box<SignArgs>),
    /// Send a settlement file: checked first, then applied whole or not at all.
    Settle(Box<SendFileArgs>),
}

impl SettleCommand {
    /// Runs the subcommand.
    pub(super) async fn run(self) -> Result<()> {
        match self {
            Self::Quote(args) => args.run().await,
            Self::SignSettlement(args) => args.run().await,
            Self::Settle(args) => args.run().await,
        }
    }
}

/// `era exec quote`.
#[derive(Debug, Args)]
pub(super) struct QuoteArgs {
    /// Token the provider takes.
    #[arg(long, value_parser = crate::address::parse)]
    token_in: Address,
    /// Token the provider pays.
    #[arg(long, value_parser = crate::address::parse)]
    token_out: Address,
    /// Output tokens per input token (e.g. 0.92).
    #[arg(long, value_parser = parse_era)]
    rate: U256,
    /// Most input the quote takes, in tokens of 18 decimals (e.g. 1000).
    #[arg(long, value_parser = parse_era)]
    max_in: U256,
    /// How long the quote is valid.
    #[arg(long, value_parser = parse_duration, default_value = "1h")]
    valid: u64,
    /// The provider's nonce (default: its next unused one in the engine).
    #[arg(long)]
    nonce: Option<U256>,
    /// Where to write the signed quote.
    #[arg(long, default_value = "quote.json")]
    out: PathBuf,
    #[command(flatten)]
    tx: SendArgs,
}

impl QuoteArgs {
    async fn run(self) -> Result<()> {
        let signer = self.tx.wallet.signer()?;
        let (suite, provider) = self.tx.open().await?;
        let client = suite.client();
        let nonce = match self.nonce {
            Some(n) => n,
            None => client.engine_nonce(provider).await?,
        };
        let quote = Quote {
            provider,
            token_in: self.token_in,
            token_out: self.token_out,
            rate: self.rate,
            max_in: self.max_in,
            expiry: client.chain_time().await? + self.valid,
            nonce,
        };
        let signed = client.sign_quote(quote, |d| signer.sign_hash_sync(&d)).await?;
        std::fs::write(&self.out, serde_json::to_string_pretty(&signed)? + "\n")?;
        print(&signed, self.tx.json)
    }
}

/// `era exec sign-settlement`.
#[derive(Debug, Args)]
pub(super) struct SignArgs {
    /// The settlement file (JSON, or TOML).
    file: PathBuf,
    /// Where to write the signed settlement (default: the file itself, or FILE.json for TOML).
    #[arg(long)]
    out: Option<PathBuf>,
    #[command(flatten)]
    tx: SendArgs,
}

/// A signature added to a settlement file.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct SignedSettlement {
    signer: Address,
    digest: B256,
    file: PathBuf,
}

impl fmt::Display for SignedSettlement {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} signed settlement {} into {}", self.signer, self.digest, self.file.display())
    }
}

impl SignArgs {
    async fn run(self) -> Result<()> {
        let signer = self.tx.wallet.signer()?;
        let (suite, account) = self.tx.open().await?;
        let mut settlement = Settlement::read(&self.file)?;
        let sign = |d: B256| signer.sign_hash_sync(&d);
        let digest = suite.client().sign_settlement(&mut settlement, account, sign).await?;
        let file = self.out.unwrap_or_else(|| self.file.with_extension("json"));
        settlement.write(&file)?;
        print(&SignedSettlement { signer: account, digest, file }, self.tx.json)
    }
}

/// `era exec settle`.
#[derive(Debug, Args)]
pub(super) struct SendFileArgs {
    /// The settlement file (JSON, or TOML).
    file: PathBuf,
    #[command(flatten)]
    tx: SendArgs,
}

impl SendFileArgs {
    async fn run(self) -> Result<()> {
        let (suite, sender) = self.tx.open().await?;
        let settlement = Settlement::read(&self.file)?;
        print(&suite.client().settle(sender, &settlement).await?, self.tx.json)
    }
}
