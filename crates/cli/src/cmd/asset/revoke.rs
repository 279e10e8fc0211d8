//! `era asset revoke`: end a consumer's authorization on your asset.

use super::*;

/// A revoked authorization.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct RevokeOutput {
    asset_id: B256,
    consumer: B256,
    tx: Sent,
}

impl fmt::Display for RevokeOutput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "revoked {} on asset {} (export again to revoke it on other rollups)",
            self.consumer, self.asset_id
        )?;
        write!(f, "  {}", self.tx)
    }
}

impl ConsumerArgs {
    pub(super) async fn run(self) -> Result<()> {
        let consumer = parse_consumer(&self.consumer)?;
        let (suite, sender) = self.tx.open().await?;
        owned_asset(&suite, self.asset, sender).await?;
        let expiry = suite.assets().expiryOf(self.asset, consumer).call().await?;
        if expiry <= chain_time(&suite.chain).await? {
            bail!(
                "{consumer} holds no unexpired authorization on asset {}: nothing to revoke",
                self.asset
            );
        }
        let tx = send("revoke", suite.assets().revoke(self.asset, consumer)).await?;
        print(&RevokeOutput { asset_id: self.asset, consumer, tx }, self.tx.json)
    }
}
