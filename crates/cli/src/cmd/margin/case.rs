//! `era margin freeze|accept|assess|resolve|lapse|claim|sweep|case`: a partner's case against a
//! provider's margin, from the freeze to the claims (or to its lapse when nobody resolves it).

use alloy::primitives::{Address, B256, U256};
use clap::Args;
use era_client::{
    CaseId, parse_reference,
    units::{parse_duration, parse_era, parse_percent},
};
use eyre::Result;

use crate::{
    output::print,
    suite::{ReadArgs, SendArgs},
};

/// `era margin freeze`.
#[derive(Debug, Args)]
pub(crate) struct FreezeArgs {
    /// The provider that defaulted.
    #[arg(value_parser = crate::address::parse)]
    provider: Address,
    /// ERA to freeze (at most its unfrozen margin; also the most the case can slash).
    #[arg(value_parser = parse_era)]
    amount: U256,
    /// Evidence of the default: a 32-byte hash (0x…), or text that is hashed (keccak256).
    #[arg(long, value_parser = parse_reference)]
    evidence: B256,
    #[command(flatten)]
    tx: SendArgs,
}

/// `era margin accept`.
#[derive(Debug, Args)]
pub(crate) struct AcceptArgs {
    /// The case (you must be the partner that opened it).
    case: u64,
    /// The partner to accept (its registered name).
    partner: String,
    #[command(flatten)]
    tx: SendArgs,
}

/// `era margin assess`.
#[derive(Debug, Args)]
pub(crate) struct AssessArgs {
    /// The case.
    case: u64,
    /// How long before the default you warned (e.g. 48h, 2d); counted in whole hours.
    #[arg(long, value_parser = parse_duration)]
    lead_time: u64,
    /// Loss you prevented, in ERA (counts up to the case's freeze).
    #[arg(long, value_parser = parse_era)]
    loss_prevented: U256,
    #[command(flatten)]
    tx: SendArgs,
}

/// `era margin resolve`.
#[derive(Debug, Args)]
pub(crate) struct ResolveArgs {
    /// The case.
    case: u64,
    /// Slash this share of the provider's margin, 20% to 50% (capped at the freeze).
    #[arg(long, value_parser = parse_percent, required_unless_present = "release")]
    slash: Option<U256>,
    /// Release the freeze without a slash.
    #[arg(long, conflicts_with = "slash")]
    release: bool,
    #[command(flatten)]
    tx: SendArgs,
}

/// `era margin lapse`.
#[derive(Debug, Args)]
pub(crate) struct LapseArgs {
    /// The case.
    case: u64,
    #[command(flatten)]
    tx: SendArgs,
}

/// `era margin claim`, `era margin sweep`.
#[derive(Debug, Args)]
pub(crate) struct SlashedArgs {
    /// The slashed case.
    case: u64,
    #[command(flatten)]
    tx: SendArgs,
}

/// `era margin case`.
#[derive(Debug, Args)]
pub(crate) struct CaseArgs {
    /// The case.
    case: u64,
    #[command(flatten)]
    read: ReadArgs,
}

impl FreezeArgs {
    pub(crate) async fn run(self) -> Result<()> {
        let (suite, sender) = self.tx.open().await?;
        let out = suite.client().freeze(sender, self.provider, self.amount, self.evidence).await?;
        // The bond's approval goes to the text only: the JSON reports the freeze.
        print(&out, self.tx.json)
    }
}

impl AcceptArgs {
    pub(crate) async fn run(self) -> Result<()> {
        let (suite, sender) = self.tx.open().await?;
        let out = suite.client().accept(sender, CaseId(self.case), &self.partner).await?;
        print(&out, self.tx.json)
    }
}

impl AssessArgs {
    pub(crate) async fn run(self) -> Result<()> {
        let (suite, sender) = self.tx.open().await?;
        let (id, lead, loss) = (CaseId(self.case), self.lead_time, self.loss_prevented);
        print(&suite.client().assess(sender, id, lead, loss).await?, self.tx.json)
    }
}

impl ResolveArgs {
    pub(crate) async fn run(self) -> Result<()> {
        // clap makes `--slash` and `--release` exclusive and one of them required: no slash is
        // a release.
        let slash = self.slash.filter(|_| !self.release);
        let (suite, sender) = self.tx.open().await?;
        let (id, from) = (CaseId(self.case), suite.record.deploy_block());
        print(&suite.client().resolve(sender, id, slash, from).await?, self.tx.json)
    }
}

impl LapseArgs {
    pub(crate) async fn run(self) -> Result<()> {
        let (suite, _) = self.tx.open().await?;
        print(&suite.client().lapse(CaseId(self.case)).await?, self.tx.json)
    }
}

impl SlashedArgs {
    pub(crate) async fn claim(self) -> Result<()> {
        let (suite, sender) = self.tx.open().await?;
        print(&suite.client().claim_case(sender, CaseId(self.case)).await?, self.tx.json)
    }

    pub(crate) async fn sweep(self) -> Result<()> {
        let (suite, _) = self.tx.open().await?;
        print(&suite.client().sweep(CaseId(self.case)).await?, self.tx.json)
    }
}

impl CaseArgs {
    pub(crate) async fn run(self) -> Result<()> {
        let suite = self.read.suite.open().await?;
        print(&suite.client().existing_case(CaseId(self.case)).await?, self.read.json)
    }
}
