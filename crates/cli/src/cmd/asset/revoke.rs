//! `era asset revoke`: end a consumer's authorization on your asset.

use super::*;

/// A revoked authorization.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct RevokeOutput {
    asset_id: B256,
    consumer: B256,
    /// ERA refunded to whoever paid for the authorization, for its unused period.
    #[serde(serialize_with = "era_client::wei::serialize")]
    refund: U256,
    /// Who got the refund (zero when the owner paid itself).
    payer: Address,
    txs: Vec<Sent>,
}

impl fmt::Display for RevokeOutput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "revoked {} on asset {} (sent to every rollup it was exported to)",
            self.consumer, self.asset_id
        )?;
        if !self.refund.is_zero() {
            writeln!(
                f,
                "  refunded {} to {} for the unused period",
                fmt_era(self.refund),
                self.payer
            )?;
        }
        let lines: Vec<String> = self.txs.iter().map(|t| format!("  {t}")).collect();
        write!(f, "{}", lines.join("\n"))
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
        let registry = suite.assets();
        // A consumer-paid authorization is refunded pro rata for its unused period, from the
        // owner's credits first and then from its wallet.
        let grant = registry.grantOf(self.asset, consumer).call().await?;
        let (g, payer) = (grant._0, grant.payer);
        let now = chain_time(&suite.chain).await?;
        let refund = if g.paidByOther && g.expiry > g.start.to::<u64>() {
            U256::from(g.fee) * U256::from(g.expiry - now.min(g.expiry))
                / U256::from(g.expiry - g.start.to::<u64>())
        } else {
            U256::ZERO
        };
        let mut txs = Vec::new();
        let from_wallet = refund.saturating_sub(registry.credits(sender).call().await?);
        if !from_wallet.is_zero() {
            txs.extend(prepare_payment(&suite, sender, from_wallet, "refund").await?);
        }
        // Mirrors on other rollups learn of the revocation: the caller pays those messages.
        let fee = registry.quoteMessages(self.asset, consumer).call().await?;
        txs.push(send("revoke", registry.revoke(self.asset, consumer).value(fee)).await?);
        let out = RevokeOutput { asset_id: self.asset, consumer, refund, payer, txs };
        print(&out, self.tx.json)
    }
}
