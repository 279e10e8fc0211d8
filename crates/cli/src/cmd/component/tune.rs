//! `era component tune`: the prover as a self-tuning compute component. It measures its real
//! proving time over its configuration space (`era_prover::tune`: rayon thread counts and proofs
//! in flight; arkworks 0.6 exposes no MSM parameter), picks the fastest, writes the report, and
//! with `--claim` claims the measured improvement for its component: before and after in
//! microseconds per proof, the report's keccak256 as the evidence. Nodes attesting the claim run
//! the same measurement on their machines and attest their own `improvementBps`.

use std::path::PathBuf;

use alloy::primitives::{U256, keccak256};
use clap::Args;
use era_client::ImprovementMetric;
use era_prover::tune::{TuneOptions, TuneReport};
use eyre::{Result, WrapErr};
use serde::Serialize;

use crate::{
    output::print,
    prover::{Bar, KeyLocation},
    suite::SendArgs,
};

/// `era component tune`.
#[derive(Debug, Args)]
pub(super) struct TuneArgs {
    /// The circuit to measure (`--schema integrity`) and its keys.
    #[command(flatten)]
    keys: KeyLocation,
    /// Rounds per configuration (the median is kept).
    #[arg(long, default_value_t = 5)]
    rounds: usize,
    /// The most threads to try (default: this machine's cores).
    #[arg(long)]
    max_threads: Option<usize>,
    /// Where to write the report (the claim's evidence).
    #[arg(long)]
    report: PathBuf,
    /// Claim the improvement for this component (yours): before = its accepted baseline, or the
    /// measured default; after = the fastest configuration, in microseconds per proof.
    #[arg(long, value_name = "COMPONENT")]
    claim: Option<u64>,
    #[command(flatten)]
    tx: SendArgs,
}

/// What `era component tune` prints without `--claim`.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct Tuned {
    #[serde(flatten)]
    report: TuneReport,
    /// Where the report was written.
    file: PathBuf,
}

impl std::fmt::Display for Tuned {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let r = &self.report;
        writeln!(
            f,
            "tuned {} over {} configurations ({} rounds each)",
            r.schema,
            r.candidates.len(),
            r.rounds
        )?;
        for m in &r.candidates {
            let mark = if m.config == r.best.config {
                "  <- fastest"
            } else if m.config == r.baseline.config {
                "  (default)"
            } else {
                ""
            };
            let keys = match m.config.keys {
                era_prover::tune::KeyLoading::PerProof => "key read per proof",
                era_prover::tune::KeyLoading::Cached => "key kept in memory",
            };
            writeln!(
                f,
                "  {:>2} threads, {:>2} in flight, {keys:<18} {:>9.1} ms per proof{mark}",
                m.config.threads, m.config.batch, m.ms_per_proof
            )?;
        }
        write!(
            f,
            "  improvement  {:.2}% faster than the default (report {})",
            r.improvement_bps as f64 / 100.0,
            self.file.display()
        )
    }
}

impl TuneArgs {
    pub(super) async fn run(self) -> Result<()> {
        let keys = self.keys.keys();
        let schema = keys.schema()?;
        let options = TuneOptions { rounds: self.rounds.max(1), max_threads: self.max_threads };
        let load = || keys.proving_key().map(|(_, pk)| pk);
        let report = {
            let bar = Bar::new(self.tx.json);
            era_prover::tune::tune(&schema, &load, &options, &bar)?
        };
        let text = serde_json::to_string_pretty(&report)? + "\n";
        std::fs::write(&self.report, &text)
            .wrap_err_with(|| format!("cannot write {}", self.report.display()))?;
        let Some(id) = self.claim else {
            return print(&Tuned { report, file: self.report }, self.tx.json);
        };
        let micros = |ms: f64| U256::from((ms * 1000.0).round() as u64);
        let (suite, sender) = self.tx.open().await?;
        let client = suite.client();
        let baseline = client.component_view(id).await?.baseline;
        let before =
            if baseline != 0 { U256::from(baseline) } else { micros(report.baseline.ms_per_proof) };
        let after = micros(report.best.ms_per_proof);
        let out = client
            .claim_improvement(
                sender,
                id,
                ImprovementMetric::Efficiency,
                (before, after),
                keccak256(text),
            )
            .await?;
        print(&out, self.tx.json)
    }
}
