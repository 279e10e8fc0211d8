//! `era asset origin`: schedule the mirror's trusted origin registry for a domain on the timelock.

use super::*;

/// `era asset origin`.
#[derive(Debug, Args)]
pub(super) struct OriginArgs {
    /// The origin domain (its chain id).
    #[arg(long)]
    domain: u32,
    /// The StateAssetRegistry on that chain.
    #[arg(value_parser = crate::address::parse, long)]
    registry: Address,
    #[command(flatten)]
    tx: SendArgs,
}

impl OriginArgs {
    pub(super) async fn run(self) -> Result<()> {
        let (suite, sender) = self.tx.open().await?;
        let target = suite.record.addresses().mirror;
        if target.is_zero() {
            bail!(
                "chain {} has no AssetMirror: deploy the suite with `era deploy --mailbox`",
                suite.chain.id
            );
        }
        let call = AssetMirror::setOriginCall {
            domain: self.domain,
            registry: B256::left_padding_from(self.registry.as_slice()),
        };
        let (operation, tx) = propose(&suite, sender, vec![(target, calldata(&call))]).await?;
        let what =
            format!("the mirror trusts the registry {} on domain {}", self.registry, self.domain);
        print(&ScheduledOutput { what, schema_id: None, operation, tx }, self.tx.json)
    }
}
