//! `era asset show`: one asset, with its open challenges and, while it retires, when its anchor
//! may leave.

use std::fmt;

use alloy::primitives::{Address, B256, U256};
use clap::Args;
use eyre::Result;
use serde::Serialize;

use super::{AssetView, view};
use crate::{
    amount::{fmt_era, fmt_time},
    output::print,
    suite::SuiteArgs,
};

/// `era asset show`.
#[derive(Debug, Args)]
pub(super) struct ShowArgs {
    /// The asset id.
    #[arg(long)]
    asset: B256,
    #[command(flatten)]
    suite: SuiteArgs,
    /// Print JSON.
    #[arg(long)]
    json: bool,
}

/// An open challenge as shown.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct ChallengeView {
    challenger: Address,
    /// Block of its commitment: the evidence time, which orders rewards.
    committed_at: u64,
    #[serde(serialize_with = "crate::amount::decimal")]
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
        let suite = self.suite.open().await?;
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
        // Status 4: Retiring.
        let retire_at = (a.status == 4).then(|| a.retireAt.to::<u64>());
        print(&ShowOutput { asset, retire_at, challenges }, self.json)
    }
}
