//! A deployed suite as commands use it: the connection, its record, and the client over both.

use alloy::{primitives::Address, providers::DynProvider};
use clap::Args;
use eyre::Result;

use crate::{
    connect::{Chain, RpcArgs, WalletArgs},
    record::{Record, RecordArgs},
};

/// Which chain, and where its deployment record is.
#[derive(Clone, Debug, Args)]
pub(crate) struct SuiteArgs {
    #[command(flatten)]
    pub(crate) rpc: RpcArgs,
    #[command(flatten)]
    pub(crate) records: RecordArgs,
}

/// What every reading command takes: the chain and its record, and `--json`.
#[derive(Clone, Debug, Args)]
pub(crate) struct ReadArgs {
    #[command(flatten)]
    pub(crate) suite: SuiteArgs,
    /// Print JSON.
    #[arg(long)]
    pub(crate) json: bool,
}

/// What every transacting command takes: the chain and its record, the signer, and `--json`.
#[derive(Clone, Debug, Args)]
pub(crate) struct SendArgs {
    #[command(flatten)]
    pub(crate) suite: SuiteArgs,
    #[command(flatten)]
    pub(crate) wallet: WalletArgs,
    /// Print JSON.
    #[arg(long)]
    pub(crate) json: bool,
}

impl SendArgs {
    /// Opens the suite with the signer; returns the sender too.
    pub(crate) async fn open(&self) -> Result<(Suite, Address)> {
        self.suite.open_signer(&self.wallet).await
    }
}

/// The suite on a chain.
#[derive(Clone, Debug)]
pub(crate) struct Suite {
    /// The connection.
    pub(crate) chain: Chain,
    /// Its deployment record.
    pub(crate) record: Record,
}

impl SuiteArgs {
    /// Opens the suite read-only.
    pub(crate) async fn open(&self) -> Result<Suite> {
        let chain = self.rpc.connect().await?;
        let record = self.records.load(chain.id)?;
        Ok(Suite { chain, record })
    }

    /// Opens the suite with a signer; returns the sender too.
    pub(crate) async fn open_signer(&self, wallet: &WalletArgs) -> Result<(Suite, Address)> {
        let signer = wallet.signer()?;
        let (chain, sender) = self.rpc.connect_signer(signer).await?;
        let record = self.records.load(chain.id)?;
        Ok((Suite { chain, record }, sender))
    }
}

impl Suite {
    /// The suite as `era-client` sees it: its table's addresses over this connection.
    pub(crate) fn client(&self) -> era_client::Client<&DynProvider> {
        era_client::Client::new(&self.chain.provider, self.record.addresses())
    }
}
