//! `era asset show`: one asset, with its open challenges and, while it retires, when its anchor
//! may leave.

use super::*;

/// `era asset show`.
#[derive(Debug, Args)]
pub(super) struct ShowArgs {
    /// The asset id.
    #[arg(long)]
    asset: B256,
    #[command(flatten)]
    read: ReadArgs,
}

/// An open challenge as shown.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct ChallengeView {
    challenger: Address,
    /// Block of its commitment: the evidence time, which orders rewards.
    committed_at: u64,
    #[serde(serialize_with = "era_client::wei::serialize")]
    bond: U256,
    evidence: B256,
}

/// An asset with its challenges.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct ShowOutput {
    #[serde(flatten)]
    asset: AssetView,
    /// When a retiring asset's anchor may leave.
    #[serde(skip_serializing_if = "Option::is_none")]
    retire_at: Option<u64>,
    /// Its open challenges, earliest commitment first.
    challenges: Vec<ChallengeView>,
}

impl fmt::Display for ShowOutput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The asset's own lines; its challengers are listed below with their details.
        let base = self.asset.to_string();
        let lines: Vec<&str> =
            base.lines().filter(|l| !l.starts_with("  challenged   by")).collect();
        write!(f, "{}", lines.join("\n"))?;
        if let Some(at) = self.retire_at {
            write!(f, "\n  retires      {} (anchor leaves if no challenge is open)", fmt_time(at))?;
        }
        for c in &self.challenges {
            write!(
                f,
                "\n  challenged   by {} at block {}, bond {}",
                c.challenger,
                c.committed_at,
                fmt_era(c.bond)
            )?;
        }
        Ok(())
    }
}

impl ShowArgs {
    pub(super) async fn run(self) -> Result<()> {
        let suite = self.read.suite.open().await?;
        let asset = view(&suite, self.asset).await?;
        let registry = suite.assets();
        let mut challenges = Vec::new();
        for challenger in &asset.challengers {
            let c = registry.challengeOf(self.asset, *challenger).call().await?;
            challenges.push(ChallengeView {
                challenger: *challenger,
                committed_at: c.committedAt,
                bond: U256::from(c.bond),
                evidence: c.evidence,
            });
        }
        challenges.sort_by_key(|c| c.committed_at);
        let a = registry.assetOf(self.asset).call().await?;
        let retire_at = (a.status == AssetStatus::Retiring as u8).then(|| a.retireAt.to::<u64>());
        print(&ShowOutput { asset, retire_at, challenges }, self.read.json)
    }
}
