//! `era margin freeze|assess|resolve|lapse|claim|case`: a partner's case against a provider's
//! margin, from the freeze to the claims (or to its lapse when nobody resolves it).

use std::fmt;

use alloy::primitives::{Address, B256, U256, keccak256};
use clap::Args;
use era_bindings::ERAMargin;
use era_client::tier_name;
use eyre::{Result, bail};
use serde::Serialize;

use crate::{
    amount::{
        fmt_duration, fmt_era, fmt_percent, fmt_time, parse_duration, parse_era, parse_percent,
    },
    output::print,
    suite::{ReadArgs, SendArgs, Suite},
    timelock::{calldata, chain_time, propose},
    tx::{Sent, send},
};
use era_client::CaseStatus;
use era_client::Operation;

use super::MarginState;

/// The contract's slash range (generated from its source, checked against its bytecode).
use era_client::constants::ERAMargin::{MAX_SLASH, MIN_SLASH};

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
    #[arg(long)]
    evidence: String,
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

/// `era margin claim`.
#[derive(Debug, Args)]
pub(crate) struct ClaimArgs {
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

/// A case as read from the chain, as the CLI prints it.
#[derive(Debug, Serialize)]
#[serde(transparent)]
struct CaseState(era_client::Case);

impl std::ops::Deref for CaseState {
    type Target = era_client::Case;
    fn deref(&self) -> &era_client::Case {
        &self.0
    }
}

impl CaseState {
    async fn read(suite: &Suite, id: u64) -> Result<Self> {
        suite.margin()?;
        match suite.client().case(era_client::CaseId(id)).await? {
            Some(case) => Ok(Self(case)),
            None => bail!("there is no case #{id}: cases are numbered from 1 as partners freeze"),
        }
    }
}

impl fmt::Display for CaseState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "case #{}      {}", self.id, self.status)?;
        writeln!(f, "  provider   {}", self.provider)?;
        writeln!(f, "  frozen     {} by partner `{}`", fmt_era(self.frozen), self.partner)?;
        writeln!(f, "  evidence   {}", self.evidence)?;
        if self.status == CaseStatus::Open {
            writeln!(f, "  dispute    resolvable from {}", fmt_time(self.dispute_ends_at))?;
            write!(f, "  lapses     {} if unresolved", fmt_time(self.lapses_at))
        } else {
            write!(f, "  slashed    {} ({} claimed)", fmt_era(self.slashed), fmt_era(self.paid))
        }
    }
}

/// What a case command did.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct CaseOutput {
    /// What happened, in a line.
    summary: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    tx: Option<Sent>,
    /// The scheduled timelock operation, when the sender resolves through governance.
    #[serde(skip_serializing_if = "Option::is_none")]
    operation: Option<Operation>,
    case: CaseState,
}

impl fmt::Display for CaseOutput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(tx) = &self.tx {
            writeln!(f, "{tx}")?;
        }
        writeln!(f, "{}", self.summary)?;
        if let Some(op) = &self.operation {
            writeln!(f, "  operation  {}", op.id)?;
            writeln!(f, "  executable {} (then: era gov execute)", fmt_time(op.ready_at))?;
        }
        write!(f, "{}", self.case)
    }
}

/// The partner `sender` acts for, or a one-line refusal.
async fn partner_of(suite: &Suite, sender: Address) -> Result<B256> {
    let partner = suite.margin()?.partnerOf(sender).call().await?;
    if partner.is_zero() {
        bail!(
            "{sender} acts for no registered partner: governance registers partners with `era partner add <name> --actor <address>`"
        );
    }
    Ok(partner)
}

/// Case `id`, failing unless it is open and has not lapsed.
async fn open_case(suite: &Suite, id: u64) -> Result<CaseState> {
    let case = CaseState::read(suite, id).await?;
    if case.status != CaseStatus::Open {
        bail!("case #{id} is {} already: it can no longer be assessed or resolved", case.status);
    }
    if chain_time(&suite.chain).await? >= case.lapses_at {
        bail!(
            "case #{id} lapsed at {}: anyone can release it now; it can no longer be assessed or resolved",
            fmt_time(case.lapses_at)
        );
    }
    Ok(case)
}

/// `--evidence`: a 32-byte hash as given, or the keccak256 of the text.
fn evidence_hash(text: &str) -> B256 {
    text.parse::<B256>().unwrap_or_else(|_| keccak256(text.as_bytes()))
}

impl FreezeArgs {
    pub(crate) async fn run(self) -> Result<()> {
        let (suite, sender) = self.tx.open().await?;
        let partner = partner_of(&suite, sender).await?;
        let state = MarginState::read(&suite, self.provider).await?;
        if self.amount > state.unfrozen() {
            bail!(
                "cannot freeze {}: provider {} has only {} of unfrozen margin",
                fmt_era(self.amount),
                self.provider,
                fmt_era(state.unfrozen())
            );
        }
        let margin = suite.margin()?;
        // The freeze posts a bond: the provider's if the case is released or lapses, back to the
        // freezer with its share if the slash is upheld.
        let bond = margin.freezeBond(self.amount).call().await?;
        let approval =
            suite.approve_era(sender, *margin.address(), bond, "the freeze bond is").await?;
        let id = margin.caseCount().call().await?.to::<u64>() + 1;
        let evidence = evidence_hash(&self.evidence);
        let tx = send("freeze", margin.freeze(self.provider, self.amount, evidence)).await?;
        let case = CaseState::read(&suite, id).await?;
        let summary = format!(
            "partner `{}` froze {} of {}: case #{id} (bond {})",
            tier_name(partner),
            fmt_era(self.amount),
            self.provider,
            fmt_era(bond)
        );
        if let Some(t) = approval.filter(|_| !self.tx.json) {
            println!("{t}");
        }
        print(&CaseOutput { summary, tx: Some(tx), operation: None, case }, self.tx.json)
    }
}

impl AcceptArgs {
    pub(crate) async fn run(self) -> Result<()> {
        let (suite, sender) = self.tx.open().await?;
        let opener = partner_of(&suite, sender).await?;
        let case = open_case(&suite, self.case).await?;
        if tier_name(opener) != case.partner {
            bail!(
                "case #{} was opened by partner `{}`: only it accepts other partners",
                self.case,
                case.partner
            );
        }
        let margin = suite.margin()?;
        let partner = era_client::tier_id(&self.partner)?;
        if margin.actorOf(partner).call().await?.is_zero() {
            bail!("`{}` is not a registered partner: see `era partner add`", self.partner);
        }
        let tx = send("accept", margin.accept(U256::from(self.case), partner)).await?;
        let summary = format!(
            "partner `{}` accepted into case #{}: it may assess now",
            self.partner, self.case
        );
        let case = CaseState::read(&suite, self.case).await?;
        print(&CaseOutput { summary, tx: Some(tx), operation: None, case }, self.tx.json)
    }
}

impl AssessArgs {
    pub(crate) async fn run(self) -> Result<()> {
        let (suite, sender) = self.tx.open().await?;
        let partner = partner_of(&suite, sender).await?;
        let case = open_case(&suite, self.case).await?;
        let margin = suite.margin()?;
        let (id, hours) = (U256::from(self.case), U256::from(self.lead_time / 3_600));
        let name = tier_name(partner);
        if name != case.partner && !margin.contribution(id, partner).call().await?.accepted {
            bail!(
                "partner `{name}` is not in case #{}: `{}`, which opened it, accepts it with `era margin accept {} {name}`",
                self.case,
                case.partner,
                self.case
            );
        }
        let now = chain_time(&suite.chain).await?;
        if now >= case.dispute_ends_at {
            bail!(
                "assessments of case #{} closed at {} with its dispute window",
                self.case,
                fmt_time(case.dispute_ends_at)
            );
        }
        let weight = margin.contributionWeight(id, hours, self.loss_prevented).call().await?;
        let tx = send("assess", margin.assess(id, hours, self.loss_prevented)).await?;
        let summary = format!(
            "partner `{}` assessed case #{}: {} lead time, {} prevented, weight {weight}",
            tier_name(partner),
            self.case,
            fmt_duration(self.lead_time / 3_600 * 3_600),
            fmt_era(self.loss_prevented)
        );
        let case = CaseState::read(&suite, self.case).await?;
        print(&CaseOutput { summary, tx: Some(tx), operation: None, case }, self.tx.json)
    }
}

impl ResolveArgs {
    pub(crate) async fn run(self) -> Result<()> {
        let wad = if self.release { U256::ZERO } else { self.slash.unwrap_or_default() };
        if !self.release && (wad < MIN_SLASH || wad > MAX_SLASH) {
            bail!("--slash {} is outside the allowed 20% to 50%", fmt_percent(wad));
        }
        let (suite, sender) = self.tx.open().await?;
        let case = open_case(&suite, self.case).await?;
        let margin = suite.margin()?;
        let what =
            if self.release { "release".to_owned() } else { format!("slash {}", fmt_percent(wad)) };
        let now = chain_time(&suite.chain).await?;
        // The resolution commits to the exact weights it approves: the participants' assessments,
        // final once the dispute window has closed.
        let (partners, weights) = if self.release {
            (vec![], vec![])
        } else {
            approved_weights(&suite, self.case).await?
        };
        let arbiter = margin.ARBITER_ROLE().call().await?;
        if margin.hasRole(arbiter, sender).call().await? {
            if now < case.dispute_ends_at {
                bail!(
                    "case #{}'s dispute window ends at {} (in {}): resolve it then",
                    self.case,
                    fmt_time(case.dispute_ends_at),
                    fmt_duration(case.dispute_ends_at - now)
                );
            }
            let tx = send("resolve", margin.resolve(U256::from(self.case), wad, partners, weights))
                .await?;
            let case = CaseState::read(&suite, self.case).await?;
            let summary = format!("case #{} resolved: {what}", self.case);
            return print(
                &CaseOutput { summary, tx: Some(tx), operation: None, case },
                self.tx.json,
            );
        }
        // Otherwise governance resolves: schedule on the timelock, `era gov execute` later.
        let client = suite.client();
        if client.check_proposer(sender).await.is_err() {
            bail!(
                "{sender} is neither an arbiter of the margin nor a proposer of the timelock {}: use the proposer's key",
                client.addresses.timelock
            );
        }
        if now < case.dispute_ends_at {
            bail!(
                "case #{}'s dispute window ends at {} (in {}): its assessments are final only then, so schedule the resolution from then on",
                self.case,
                fmt_time(case.dispute_ends_at),
                fmt_duration(case.dispute_ends_at - now)
            );
        }
        let call = calldata(&ERAMargin::resolveCall {
            caseId: U256::from(self.case),
            wad,
            partners,
            weights,
        });
        let (operation, tx) = propose(&suite, sender, vec![(*margin.address(), call)]).await?;
        let summary =
            format!("scheduled case #{} for the arbiter (the timelock): {what}", self.case);
        print(&CaseOutput { summary, tx: Some(tx), operation: Some(operation), case }, self.tx.json)
    }
}

/// The case's participants with a non-zero assessment, and those assessments as the weights to
/// approve.
async fn approved_weights(suite: &Suite, case: u64) -> Result<(Vec<B256>, Vec<U256>)> {
    let margin = suite.margin()?;
    let id = U256::from(case);
    let (mut partners, mut weights) = (Vec::new(), Vec::new());
    for partner in margin.caseParticipants(id).call().await? {
        let assessed = margin.contribution(id, partner).call().await?.assessed;
        if !assessed.is_zero() {
            partners.push(partner);
            weights.push(assessed);
        }
    }
    Ok((partners, weights))
}

impl LapseArgs {
    pub(crate) async fn run(self) -> Result<()> {
        let (suite, _) = self.tx.open().await?;
        let case = CaseState::read(&suite, self.case).await?;
        if case.status != CaseStatus::Open {
            bail!("case #{} is {} already: only an open case can lapse", self.case, case.status);
        }
        let now = chain_time(&suite.chain).await?;
        if now < case.lapses_at {
            bail!(
                "case #{} lapses at {} (in {}) unless the arbiter resolves it first: release it then",
                self.case,
                fmt_time(case.lapses_at),
                fmt_duration(case.lapses_at - now)
            );
        }
        let tx = send("lapse", suite.margin()?.lapse(U256::from(self.case))).await?;
        let case = CaseState::read(&suite, self.case).await?;
        let summary = format!(
            "case #{} lapsed: {} of {}'s margin is no longer frozen",
            self.case,
            fmt_era(case.frozen),
            case.provider
        );
        print(&CaseOutput { summary, tx: Some(tx), operation: None, case }, self.tx.json)
    }
}

impl ClaimArgs {
    pub(crate) async fn run(self) -> Result<()> {
        let (suite, sender) = self.tx.open().await?;
        let partner = partner_of(&suite, sender).await?;
        let case = CaseState::read(&suite, self.case).await?;
        if case.status != CaseStatus::Slashed {
            bail!(
                "case #{} is {}: only a slashed case has shares to claim",
                self.case,
                case.status
            );
        }
        let margin = suite.margin()?;
        let id = U256::from(self.case);
        let contribution = margin.contribution(id, partner).call().await?;
        if contribution.claimed {
            bail!(
                "partner `{}` already claimed its share of case #{}",
                tier_name(partner),
                self.case
            );
        }
        if margin.claimable(id, partner).call().await?.is_zero() {
            bail!(
                "partner `{}` has no share of case #{}: the resolution approved no weight for it",
                tier_name(partner),
                self.case
            );
        }
        if contribution.claimed {
            bail!(
                "partner `{}` already claimed its share of case #{}",
                tier_name(partner),
                self.case
            );
        }
        let amount = margin.claimable(id, partner).call().await?;
        let tx = send("claim", margin.claim(id)).await?;
        let case = CaseState::read(&suite, self.case).await?;
        let summary = format!(
            "partner `{}` claimed {} from case #{} to {sender}",
            tier_name(partner),
            fmt_era(amount),
            self.case
        );
        print(&CaseOutput { summary, tx: Some(tx), operation: None, case }, self.tx.json)
    }
}

impl CaseArgs {
    pub(crate) async fn run(self) -> Result<()> {
        let suite = self.read.suite.open().await?;
        print(&CaseState::read(&suite, self.case).await?, self.read.json)
    }
}
