//! `era component claim-improvement|attest|reveal|settle|expire|claim-status`.

use std::path::PathBuf;

use alloy::primitives::{B256, U256, keccak256};
use clap::{Args, Subcommand};
use era_client::ImprovementMetric;
use eyre::{Result, WrapErr};

use super::components::IdSend;
use crate::{
    output::print,
    suite::{ReadArgs, SendArgs},
};

/// Improvement claims and their attestations.
#[derive(Debug, Subcommand)]
pub(super) enum ClaimsCommand {
    /// As a component's owner, claim an improvement (before/after metrics and evidence), paying
    /// the claim fee; staked nodes attest it.
    ClaimImprovement(ClaimArgs),
    /// As a staked node, commit the improvement you measured on a claim (secret until revealed).
    Attest(AttestArgs),
    /// Reveal your committed attestation once the commit period is over (the same value).
    Reveal(AttestArgs),
    /// Settle a claim on the stake-weighted median of the revealed attestations (anyone).
    Settle(IdSend),
    /// Close a claim too few nodes attested (anyone).
    Expire(IdSend),
    /// A claim, its attestations and its outcome.
    ClaimStatus(ClaimRead),
}

/// `era component claim-improvement`.
#[derive(Debug, Args)]
pub(super) struct ClaimArgs {
    /// The component.
    id: u64,
    /// efficiency (a cost, lower is better) or scope (scenarios served).
    #[arg(long)]
    metric: ImprovementMetric,
    /// The metric before (e.g. microseconds per proof; the last accepted `after` for efficiency).
    #[arg(long)]
    before: U256,
    /// The metric after.
    #[arg(long)]
    after: U256,
    /// The evidence (a measurement report): its keccak256 is committed with the claim.
    #[arg(long)]
    evidence: PathBuf,
    #[command(flatten)]
    tx: SendArgs,
}

/// `era component attest` and `reveal`.
#[derive(Debug, Args)]
pub(super) struct AttestArgs {
    /// The claim.
    claim: u64,
    /// The improvement you measured: basis points for efficiency (3000 = 30% faster), scenarios
    /// added for scope.
    #[arg(long)]
    measured: U256,
    #[command(flatten)]
    tx: SendArgs,
}

/// `era component claim-status`.
#[derive(Debug, Args)]
pub(super) struct ClaimRead {
    /// The claim.
    claim: u64,
    #[command(flatten)]
    read: ReadArgs,
}

impl ClaimsCommand {
    pub(super) async fn run(self) -> Result<()> {
        match self {
            Self::ClaimImprovement(a) => {
                let report = std::fs::read(&a.evidence)
                    .wrap_err_with(|| format!("cannot read evidence {}", a.evidence.display()))?;
                let evidence: B256 = keccak256(report);
                let (suite, sender) = a.tx.open().await?;
                let out = suite
                    .client()
                    .claim_improvement(sender, a.id, a.metric, (a.before, a.after), evidence)
                    .await?;
                print(&out, a.tx.json)
            }
            Self::Attest(a) => {
                let signer = a.tx.wallet.signer()?;
                let (suite, sender) = a.tx.open().await?;
                let out =
                    suite.client().commit_attestation(&signer, sender, a.claim, a.measured).await?;
                print(&out, a.tx.json)
            }
            Self::Reveal(a) => {
                let signer = a.tx.wallet.signer()?;
                let (suite, _) = a.tx.open().await?;
                print(
                    &suite.client().reveal_attestation(&signer, a.claim, a.measured).await?,
                    a.tx.json,
                )
            }
            Self::Settle(a) => {
                let (suite, _) = a.tx.open().await?;
                print(&suite.client().settle_claim(a.id).await?, a.tx.json)
            }
            Self::Expire(a) => {
                let (suite, _) = a.tx.open().await?;
                print(&suite.client().expire_claim(a.id).await?, a.tx.json)
            }
            Self::ClaimStatus(a) => {
                let suite = a.read.suite.open().await?;
                print(&suite.client().claim_view(a.claim).await?, a.read.json)
            }
        }
    }
}
