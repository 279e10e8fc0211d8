//! `era rewards show ACCOUNT --epoch N`: an account's cumulative amount after epoch N and this
//! epoch's lines (rule, amount, the events and numbers behind it), from the epoch's rewards.json.

use clap::Args;
use era_rewards::files;
use eyre::Result;

use crate::{address, connect::RpcArgs, output::print, record::RecordArgs};

/// `era rewards show`.
#[derive(Debug, Args)]
pub(super) struct ShowArgs {
    /// The account.
    #[arg(value_parser = address::parse)]
    account: alloy::primitives::Address,
    /// The epoch.
    #[arg(long)]
    epoch: u64,
    /// With --chain-id, no RPC is asked: the files are read from the deployments directory.
    #[command(flatten)]
    rpc: RpcArgs,
    #[command(flatten)]
    records: RecordArgs,
    /// Print JSON.
    #[arg(long)]
    json: bool,
}

impl ShowArgs {
    pub(super) async fn run(self) -> Result<()> {
        let chain_id = match self.rpc.chain_id {
            Some(id) => id,
            None => self.rpc.connect().await?.id,
        };
        let dir = files::epoch_dir(&self.records.deployments_dir, chain_id, self.epoch);
        let path = dir.join(files::REWARDS);
        if !path.exists() {
            eyre::bail!(
                "no rewards for epoch {} on chain {chain_id} at {}: run `era rewards compute --epoch {}` first",
                self.epoch,
                path.display(),
                self.epoch
            );
        }
        let rewards = files::read_rewards(&path)?;
        print(&rewards.explain(self.account), self.json)
    }
}
