//! `era asset pay`: as a consumer, pay the fee of an authorization the owner consented to.

use super::*;

/// `era asset pay`.
#[derive(Debug, Args)]
pub(super) struct PayArgs {
    /// The owner's consent (`era asset consent`).
    #[arg(long)]
    consent: PathBuf,
    #[command(flatten)]
    tx: SendArgs,
}

impl PayArgs {
    pub(super) async fn run(self) -> Result<()> {
        let c = Consent::read(&self.consent)?;
        let (suite, payer) = self.tx.open().await?;
        let registry = suite.assets();
        c.check_registry(&suite)?;
        if chain_time(&suite.chain).await? > c.deadline {
            bail!("the consent expired at {}: ask the owner for a new one", fmt_time(c.deadline));
        }
        let asset = registry.assetOf(c.asset_id).call().await?;
        if nonce_used(&suite, asset.owner, c.nonce).await? {
            bail!(
                "the consent was used or cancelled (its nonce is spent): ask the owner for a new one"
            );
        }
        require_live(c.asset_id, &asset)?;
        let schema = registry.schemaOf(asset.schemaId).call().await?;
        let mut transactions = Vec::new();
        transactions.extend(prepare_payment(&suite, payer, U256::from(schema.fee), "fee").await?);
        let call = registry.authorizeWithConsent(
            c.asset_id,
            c.consumer,
            c.expiry,
            c.nonce,
            U256::from(c.deadline),
            c.signature.clone(),
        );
        let sent = send("authorize", call).await?;
        let out = AuthorizeOutput::read(&suite, sent, transactions, schema.developer).await?;
        print(&out, self.tx.json)
    }
}
