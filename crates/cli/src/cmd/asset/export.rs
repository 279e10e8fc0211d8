//! `era asset export`: send a consumer's authorization to the mirror on another rollup.

use super::*;

/// `era asset export`.
#[derive(Debug, Args)]
pub(super) struct ExportArgs {
    /// The asset id.
    #[arg(long)]
    asset: B256,
    /// The consumer: an address, a bytes32, or a scenario name.
    #[arg(long)]
    consumer: String,
    /// The destination domain (chain id).
    #[arg(long)]
    to: u32,
    #[command(flatten)]
    tx: SendArgs,
}

/// A dispatched export.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct ExportOutput {
    asset_id: B256,
    consumer: B256,
    domain: u32,
    message_id: B256,
    expiry: u64,
    coefficient: u32,
    sequence: u64,
    tx: Sent,
}

impl fmt::Display for ExportOutput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "exported {} on asset {} to domain {}",
            self.consumer, self.asset_id, self.domain
        )?;
        writeln!(f, "  message      {} (deliver it with era relay)", self.message_id)?;
        let expiry = if self.expiry == 0 { "none (revoked)".into() } else { fmt_time(self.expiry) };
        writeln!(f, "  expiry       {expiry}")?;
        writeln!(f, "  coefficient  {}", fmt_coefficient(self.coefficient))?;
        writeln!(f, "  sequence     {}", self.sequence)?;
        write!(f, "  {}", self.tx)
    }
}

impl ExportArgs {
    pub(super) async fn run(self) -> Result<()> {
        let consumer = parse_consumer(&self.consumer)?;
        let (suite, _) = self.tx.open().await?;
        let registry = suite.assets();
        if registry.mailbox().call().await?.is_zero() {
            bail!(
                "the registry on chain {} has no mailbox: it cannot export (era deploy --mailbox)",
                suite.chain.id
            );
        }
        if registry.remotes(self.to).call().await?.is_zero() {
            bail!(
                "no mirror is enrolled for domain {}: governance adds it with `era asset remote`",
                self.to
            );
        }
        if registry.assetOf(self.asset).call().await?.owner.is_zero() {
            bail!("no asset {} on chain {}", self.asset, suite.chain.id);
        }
        let sent = send("export", registry.export(self.asset, consumer, self.to)).await?;
        let e: StateAssetRegistry::AuthorizationExported = event(&receipt(&suite, &sent).await?)?;
        let out = ExportOutput {
            asset_id: self.asset,
            consumer,
            domain: self.to,
            message_id: e.messageId,
            expiry: e.expiry,
            coefficient: e.coefficient,
            sequence: e.sequence,
            tx: sent,
        };
        print(&out, self.tx.json)
    }
}
