//! `era asset check`: whether a consumer is authorized now (exit 1 when not).

use super::*;

/// `era asset check`.
#[derive(Debug, Args)]
pub(super) struct CheckArgs {
    /// The asset id.
    #[arg(long)]
    asset: B256,
    /// The consumer: an address, a bytes32, or a scenario name.
    #[arg(long)]
    consumer: String,
    /// Ask this chain's AssetMirror (authorizations exported from other rollups).
    #[arg(long)]
    mirror: bool,
    #[command(flatten)]
    read: ReadArgs,
}

/// Whether a consumer is authorized.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct CheckOutput {
    asset_id: B256,
    consumer: B256,
    authorized: bool,
    /// Expiry on record (zero: none or revoked).
    expiry: u64,
    /// `registry` or `mirror`.
    source: &'static str,
    contract: Address,
}

impl fmt::Display for CheckOutput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let verdict = if self.authorized { "authorized" } else { "NOT authorized" };
        write!(
            f,
            "{} is {verdict} on asset {} ({} {}",
            self.consumer, self.asset_id, self.source, self.contract
        )?;
        if self.expiry != 0 {
            write!(f, ", expiry {}", fmt_time(self.expiry))?;
        }
        write!(f, ")")
    }
}

impl CheckArgs {
    pub(super) async fn run(self) -> Result<()> {
        let consumer = parse_consumer(&self.consumer)?;
        let suite = self.read.suite.open().await?;
        let out = if self.mirror {
            let mirror = suite.mirror();
            if mirror.address().is_zero() {
                bail!(
                    "chain {} has no AssetMirror: deploy the suite with `era deploy --mailbox`",
                    suite.chain.id
                );
            }
            let m = mirror.mirrored(self.asset, consumer).call().await?;
            CheckOutput {
                asset_id: self.asset,
                consumer,
                authorized: mirror.isAuthorized(self.asset, consumer).call().await?,
                expiry: m.expiry,
                source: "mirror",
                contract: *mirror.address(),
            }
        } else {
            let registry = suite.assets();
            CheckOutput {
                asset_id: self.asset,
                consumer,
                authorized: registry.isAuthorized(self.asset, consumer).call().await?,
                expiry: registry.expiryOf(self.asset, consumer).call().await?,
                source: "registry",
                contract: *registry.address(),
            }
        };
        print(&out, self.read.json)?;
        // The exit code answers too, as with `grep -q`: scripts test `era asset check`.
        if out.authorized { Ok(()) } else { Err(Quiet(1).into()) }
    }
}
