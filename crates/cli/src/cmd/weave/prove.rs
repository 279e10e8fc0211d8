//! `era weave prove` and `era weave epoch`: carry units by storage proof, without a validator set.

use clap::Args;
use eyre::Result;

use super::fact::FactArgs;
use crate::{
    connect::RpcArgs,
    output::print,
    suite::{SendArgs, SuiteArgs},
};

/// `era weave prove`.
#[derive(Debug, Args)]
pub(super) struct ProveArgs {
    #[command(flatten)]
    fact: FactArgs,
    /// The origin chain's RPC endpoint (its suite's UnitSender recorded the unit).
    #[arg(long)]
    from_rpc_url: String,
    /// The destination chain (its StorageProofUnitRoute takes the proof) and the prover's key
    /// (a root poster's key also posts the origin's block hash when an epoch must be opened).
    #[command(flatten)]
    tx: SendArgs,
}

/// `era weave epoch`.
#[derive(Debug, Args)]
pub(super) struct EpochArgs {
    /// The origin chain's RPC endpoint.
    #[arg(long)]
    from_rpc_url: String,
    /// The origin block (default: its latest).
    #[arg(long)]
    block: Option<u64>,
    /// The destination chain and the key that opens the epoch (a root poster's key also posts
    /// the block hash).
    #[command(flatten)]
    tx: SendArgs,
}

/// The origin suite, read-only, next to the destination's records.
async fn origin_of(from_rpc_url: &str, dest: &SuiteArgs) -> Result<crate::suite::Suite> {
    let rpc = RpcArgs { rpc_url: from_rpc_url.to_owned(), chain_id: None };
    SuiteArgs { rpc, records: dest.records.clone() }.open().await
}

impl ProveArgs {
    pub(super) async fn run(self) -> Result<()> {
        let fact = self.fact.fact()?;
        let origin = origin_of(&self.from_rpc_url, &self.tx.suite).await?;
        let (dest, signer) = self.tx.open().await?;
        let from = (&fact, origin.record.deploy_block());
        let out = dest.client().prove_unit(&origin.client(), from, signer).await?;
        print(&out, self.tx.json)
    }
}

impl EpochArgs {
    pub(super) async fn run(self) -> Result<()> {
        let origin = origin_of(&self.from_rpc_url, &self.tx.suite).await?;
        let (dest, signer) = self.tx.open().await?;
        let out = dest.client().open_epoch(&origin.client(), self.block, signer).await?;
        print(&out, self.tx.json)
    }
}
