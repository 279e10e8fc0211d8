//! `era asset list`: assets registered by an owner.

use super::*;

/// `era asset list`.
#[derive(Debug, Args)]
pub(super) struct ListArgs {
    /// The owner.
    #[arg(value_parser = crate::address::parse, long)]
    owner: Address,
    #[command(flatten)]
    read: ReadArgs,
}

/// An owner's assets.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct ListOutput {
    owner: Address,
    assets: Vec<AssetView>,
}

impl fmt::Display for ListOutput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.assets.is_empty() {
            return write!(f, "{} has registered no assets", self.owner);
        }
        writeln!(f, "{} asset(s) of {}", self.assets.len(), self.owner)?;
        let lines: Vec<String> = self
            .assets
            .iter()
            .map(|a| {
                format!(
                    "  {}  {:<8} coefficient {}  uses {}",
                    a.asset_id,
                    a.status,
                    fmt_coefficient(a.coefficient),
                    a.uses
                )
            })
            .collect();
        write!(f, "{}", lines.join("\n"))
    }
}

impl ListArgs {
    pub(super) async fn run(self) -> Result<()> {
        let suite = self.read.suite.open().await?;
        let filter = Filter::new()
            .address(suite.record.addresses().assets)
            .from_block(suite.record.deploy_block())
            .event_signature(StateAssetRegistry::AssetRegistered::SIGNATURE_HASH)
            .topic2(B256::left_padding_from(self.owner.as_slice()));
        let mut assets = Vec::new();
        for log in suite.chain.provider.get_logs(&filter).await? {
            let e = log.log_decode::<StateAssetRegistry::AssetRegistered>()?.inner.data;
            assets.push(view(&suite, e.assetId).await?);
        }
        print(&ListOutput { owner: self.owner, assets }, self.read.json)
    }
}
