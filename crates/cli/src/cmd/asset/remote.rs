//! `era asset remote`: schedule the registry's destination mirror for a domain on the timelock.

use super::*;

/// `era asset remote`.
#[derive(Debug, Args)]
pub(super) struct RemoteArgs {
    /// The destination domain (its chain id).
    #[arg(long)]
    domain: u32,
    /// The AssetMirror on that chain.
    #[arg(value_parser = crate::address::parse, long)]
    mirror: Address,
    #[command(flatten)]
    tx: SendArgs,
}

impl RemoteArgs {
    pub(super) async fn run(self) -> Result<()> {
        let (suite, sender) = self.tx.open().await?;
        if suite.assets().mailbox().call().await?.is_zero() {
            bail!(
                "the registry on chain {} was deployed without a mailbox: redeploy with `era deploy --mailbox`",
                suite.chain.id
            );
        }
        let call = StateAssetRegistry::setRemoteCall {
            domain: self.domain,
            mirror: B256::left_padding_from(self.mirror.as_slice()),
        };
        let target = suite.record.addresses().assets;
        let (operation, tx) = propose(&suite, sender, vec![(target, calldata(&call))]).await?;
        let what = format!("exports to domain {} go to the mirror {}", self.domain, self.mirror);
        print(&ScheduledOutput { what, schema_id: None, operation, tx }, self.tx.json)
    }
}
