//! A margin case as read from the chain and as people read it, and what a case action reports.

use std::fmt;

use alloy::{
    primitives::{Address, B256, U256},
    providers::Provider,
};
use serde::Serialize;

use crate::{
    CaseId, CaseStatus, Client, Operation, Sent,
    error::Result,
    refuse, tier_name,
    units::{fmt_era, fmt_time},
};

/// A margin case as read from the chain (amounts in wei).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Case {
    /// The case.
    pub id: CaseId,
    /// Whose margin it froze.
    pub provider: Address,
    /// The partner that froze.
    pub partner: String,
    /// The evidence reference.
    pub evidence: B256,
    /// Margin it holds.
    #[serde(serialize_with = "crate::wei::serialize")]
    pub frozen: U256,
    /// Where it stands.
    pub status: CaseStatus,
    /// When it can be resolved.
    pub dispute_ends_at: u64,
    /// When it lapses unresolved.
    pub lapses_at: u64,
    /// Slashed from the margin.
    #[serde(serialize_with = "crate::wei::serialize")]
    pub slashed: U256,
    /// Paid out to partners so far.
    #[serde(serialize_with = "crate::wei::serialize")]
    pub paid: U256,
    /// Sum of the partners' approved contribution weights.
    #[serde(serialize_with = "crate::wei::serialize")]
    pub total_weight: U256,
    /// The part of that weight whose shares were claimed.
    #[serde(serialize_with = "crate::wei::serialize")]
    pub claimed_weight: U256,
    /// When a slashed case's claims close (then `era margin sweep` sends the rest on); 0 before.
    pub claims_close_at: u64,
    /// Whether what nobody claimed was swept to the rewards pool.
    pub swept: bool,
}

impl fmt::Display for Case {
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

/// What a case action did: a line saying so, its transaction, the timelock operation when it
/// was scheduled through governance, and the case afterwards.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CaseChange {
    /// The approval of the freeze bond, when one was sent (text only, as before the action).
    #[serde(skip)]
    pub approval: Option<Sent>,
    /// What happened, in a line.
    pub summary: String,
    /// The action's transaction.
    pub tx: Sent,
    /// The scheduled timelock operation, when the sender resolves through governance.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub operation: Option<Operation>,
    /// The case afterwards.
    pub case: Case,
}

impl CaseChange {
    /// A change made by one transaction.
    pub(super) const fn sent(summary: String, tx: Sent, case: Case) -> Self {
        Self { approval: None, summary, tx, operation: None, case }
    }
}

impl fmt::Display for CaseChange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(approval) = &self.approval {
            writeln!(f, "{approval}")?;
        }
        writeln!(f, "{}\n{}", self.tx, self.summary)?;
        if let Some(op) = &self.operation {
            writeln!(f, "  operation  {}", op.id)?;
            writeln!(f, "  executable {} (then: era gov execute)", fmt_time(op.ready_at))?;
        }
        write!(f, "{}", self.case)
    }
}

impl<P: Provider> Client<P> {
    /// Case `id`, or `None` if there is no such case.
    pub async fn case(&self, id: CaseId) -> Result<Option<Case>> {
        let c = self.margin_deployed().await?.caseOf(id.to_u256()).call().await?;
        let Ok(status) = CaseStatus::try_from(c.status) else { return Ok(None) };
        if status == CaseStatus::None {
            return Ok(None);
        }
        Ok(Some(Case {
            id,
            provider: c.provider,
            partner: tier_name(c.partner),
            evidence: c.evidence,
            frozen: U256::from(c.frozen),
            status,
            dispute_ends_at: c.disputeEndsAt,
            lapses_at: c.lapsesAt,
            slashed: U256::from(c.slashed),
            paid: U256::from(c.paid),
            total_weight: c.totalWeight,
            claimed_weight: c.claimedWeight,
            claims_close_at: c.claimsCloseAt,
            swept: c.swept,
        }))
    }

    /// Case `id`, or a refusal saying how cases are numbered.
    pub async fn existing_case(&self, id: CaseId) -> Result<Case> {
        match self.case(id).await? {
            Some(case) => Ok(case),
            None => refuse!("there is no case #{id}: cases are numbered from 1 as partners freeze"),
        }
    }

    /// Case `id`, refused unless it is open and has not lapsed.
    pub(super) async fn open_case(&self, id: CaseId) -> Result<Case> {
        let case = self.existing_case(id).await?;
        if case.status != CaseStatus::Open {
            refuse!(
                "case #{id} is {} already: it can no longer be assessed or resolved",
                case.status
            );
        }
        if self.chain_time().await? >= case.lapses_at {
            refuse!(
                "case #{id} lapsed at {}: anyone can release it now; it can no longer be assessed or resolved",
                fmt_time(case.lapses_at)
            );
        }
        Ok(case)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::margin::fixtures::{case, operation, sent};

    #[test]
    fn an_open_case_shows_its_windows_and_a_closed_one_its_slash() {
        let text = case(CaseStatus::Open).to_string();
        assert!(text.starts_with("case #1      open\n  provider   0x0101"), "{text}");
        assert!(text.contains("\n  frozen     60,000 ERA by partner `alpha`\n"), "{text}");
        assert!(text.ends_with("  lapses     1970-01-03T00:00:00Z if unresolved"), "{text}");
        let text = case(CaseStatus::Slashed).to_string();
        assert!(text.ends_with("\n  slashed    30,000 ERA (0 ERA claimed)"), "{text}");
    }

    #[test]
    fn a_change_prints_the_approval_first_but_reports_only_the_action_in_json() {
        let change = CaseChange {
            approval: Some(sent("approve")),
            operation: Some(operation()),
            ..CaseChange::sent("froze".into(), sent("freeze"), case(CaseStatus::Open))
        };
        let text = change.to_string();
        let lines: Vec<&str> = text.lines().collect();
        assert!(lines[0].starts_with("approve ") && lines[1].starts_with("freeze "), "{text}");
        assert_eq!(lines[2], "froze");
        assert_eq!(lines[3], format!("  operation  {}", B256::repeat_byte(0x0b)));
        assert_eq!(lines[4], "  executable 1970-01-01T01:00:00Z (then: era gov execute)");
        assert_eq!(lines[5], "case #1      open");
        let json = serde_json::to_value(&change).unwrap();
        assert_eq!(json["tx"]["action"], "freeze");
        assert!(json.get("approval").is_none());
        let json = serde_json::to_value(CaseChange { operation: None, ..change }).unwrap();
        assert!(json.get("operation").is_none());
        assert_eq!(json["case"]["frozen"], "60000000000000000000000");
    }
}
