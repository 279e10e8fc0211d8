//! `era asset consent`: as an owner, sign consent to an authorization the consumer pays for.

use super::*;

/// `era asset consent`.
#[derive(Debug, Args)]
pub(super) struct ConsentArgs {
    /// How long the authorization lasts (e.g. 30d; at most 365d).
    #[arg(long = "for", value_parser = parse_duration)]
    period: u64,
    /// How long the consumer has to use the consent.
    #[arg(long, value_parser = parse_duration, default_value = "1d")]
    valid: u64,
    /// Where to write the consent.
    #[arg(long, default_value = "consent.json")]
    out: PathBuf,
    #[command(flatten)]
    target: ConsumerArgs,
}

impl ConsentArgs {
    pub(super) async fn run(self) -> Result<()> {
        let t = &self.target;
        let consumer = parse_consumer(&t.consumer)?;
        check_period(self.period)?;
        let signer = t.tx.wallet.signer()?;
        let (suite, owner) = t.tx.open().await?;
        let asset = owned_asset(&suite, t.asset, owner).await?;
        require_live(t.asset, &asset)?;
        let now = chain_time(&suite.chain).await?;
        let registry = suite.assets();
        let (expiry, deadline) = (now + self.period, now + self.valid);
        let nonce = registry.nonces(owner).call().await?;
        let digest = registry
            .consentDigest(t.asset, consumer, expiry, nonce, U256::from(deadline))
            .call()
            .await?;
        let signature = alloy::signers::SignerSync::sign_hash_sync(&signer, &digest)?;
        let consent = Consent {
            chain_id: suite.chain.id,
            registry: *registry.address(),
            asset_id: t.asset,
            consumer,
            expiry,
            nonce,
            deadline,
            signature: signature.as_bytes().to_vec().into(),
        };
        std::fs::write(&self.out, serde_json::to_string_pretty(&consent)? + "\n")
            .wrap_err_with(|| format!("cannot write {}", self.out.display()))?;
        print(&consent, t.tx.json)
    }
}
