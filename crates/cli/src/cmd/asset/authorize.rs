//! `era asset authorize`: authorize a consumer on your asset until an expiry, paying the fee.

use super::*;

/// `era asset authorize`.
#[derive(Debug, Args)]
pub(super) struct AuthorizeArgs {
    /// How long the authorization lasts (e.g. 30d; at most 365d).
    #[arg(long = "for", value_parser = parse_duration)]
    period: u64,
    #[command(flatten)]
    target: ConsumerArgs,
}

impl AuthorizeArgs {
    pub(super) async fn run(self) -> Result<()> {
        let t = &self.target;
        let consumer = parse_consumer(&t.consumer)?;
        check_period(self.period)?;
        let (suite, sender) = t.tx.open().await?;
        let registry = suite.assets();
        let asset = owned_asset(&suite, t.asset, sender).await?;
        require_live(t.asset, &asset)?;
        let schema = registry.schemaOf(asset.schemaId).call().await?;
        if !schema.active {
            bail!("the asset's schema {} is deactivated by governance", asset.schemaId);
        }
        if registry.paused().call().await? {
            bail!(
                "the registry is paused by its guardian: authorizations are refused until it is unpaused"
            );
        }
        let fee = U256::from(schema.fee);
        let expiry = chain_time(&suite.chain).await? + self.period;
        let mut transactions = Vec::new();
        transactions.extend(prepare_payment(&suite, sender, fee, "fee").await?);
        let sent = send("authorize", registry.authorize(t.asset, consumer, expiry)).await?;
        let out = AuthorizeOutput::read(&suite, sent, transactions, schema.developer).await?;
        print(&out, t.tx.json)
    }
}
