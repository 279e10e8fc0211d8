//! Risk domains' provisioning in the `ScenarioRegistry`: how many qualifying nodes each domain
//! has against the minimum it needs (`era domain status`), re-counting nodes after a governance
//! change (`era domain sync`), scheduling a new minimum (`era domain min-nodes`) and leaving a
//! scenario (`era scenario leave`). One file per action.

mod leave;
mod min_nodes;
mod sync;

use std::fmt;

use alloy::{primitives::U256, providers::Provider};
use serde::Serialize;

pub use min_nodes::MinNodesScheduled;
pub use sync::{SYNC_BATCH, Synced};

use crate::{Client, RiskDomain, error::Result, units::fmt_era};

/// Where one domain's provisioning stands.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DomainStatus {
    /// The domain.
    pub domain: RiskDomain,
    /// Qualifying nodes it needs (a governance parameter).
    pub min_nodes: u32,
    /// Stake each needs: the domain's tier minimum, in wei.
    #[serde(serialize_with = "crate::wei::serialize")]
    pub per_node_stake: U256,
    /// Nodes enrolled in at least one of its scenarios.
    pub enrolled_nodes: u32,
    /// Of those, the ones counted as holding its tier.
    pub qualifying_nodes: u32,
    /// Whether the qualifying nodes reach the minimum.
    pub provisioned: bool,
    /// Tier parameters changed since some enrolled nodes were counted: `era domain sync`.
    pub stale: bool,
}

impl DomainStatus {
    /// "under-provisioned: 1 of 300 nodes", or `None` when provisioned.
    pub fn shortfall(&self) -> Option<String> {
        (!self.provisioned).then(|| {
            format!("under-provisioned: {} of {} nodes", self.qualifying_nodes, self.min_nodes)
        })
    }
}

impl fmt::Display for DomainStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "  {:<10}  {:>5} of {:>5} nodes at {} each  ({} enrolled)  {}",
            self.domain.name(),
            self.qualifying_nodes,
            self.min_nodes,
            fmt_era(self.per_node_stake),
            self.enrolled_nodes,
            if self.provisioned { "provisioned" } else { "UNDER-PROVISIONED" }
        )?;
        if self.stale {
            write!(f, "  (stale: run `era domain sync`)")?;
        }
        Ok(())
    }
}

/// The three domains' provisioning.
#[derive(Clone, Debug, Serialize)]
pub struct DomainsStatus {
    /// Light, enterprise, financial.
    pub domains: Vec<DomainStatus>,
}

impl fmt::Display for DomainsStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "risk domains (qualifying of minimum nodes)")?;
        for d in &self.domains {
            write!(f, "\n{d}")?;
        }
        Ok(())
    }
}

/// The three risk domains, in the contract's order.
pub const DOMAINS: [RiskDomain; 3] =
    [RiskDomain::Light, RiskDomain::Enterprise, RiskDomain::Financial];

impl<P: Provider> Client<P> {
    /// Where `domain`'s provisioning stands.
    pub async fn domain_status(&self, domain: RiskDomain) -> Result<DomainStatus> {
        let s = self.scenarios().domainStatus(domain.into()).call().await?;
        Ok(DomainStatus {
            domain,
            min_nodes: s.minNodes,
            per_node_stake: s.perNodeStake,
            enrolled_nodes: s.enrolledNodes,
            qualifying_nodes: s.qualifyingNodes,
            provisioned: s.provisioned,
            stale: s.stale,
        })
    }

    /// Every domain's provisioning.
    pub async fn domains_status(&self) -> Result<DomainsStatus> {
        let mut domains = Vec::new();
        for domain in DOMAINS {
            domains.push(self.domain_status(domain).await?);
        }
        Ok(DomainsStatus { domains })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ERA;

    #[test]
    fn a_domain_reads_as_one_line() {
        let mut s = DomainStatus {
            domain: RiskDomain::Financial,
            min_nodes: 300,
            per_node_stake: U256::from(100_000u64) * ERA,
            enrolled_nodes: 2,
            qualifying_nodes: 1,
            provisioned: false,
            stale: true,
        };
        assert_eq!(
            s.to_string(),
            "  financial       1 of   300 nodes at 100,000 ERA each  (2 enrolled)  UNDER-PROVISIONED  (stale: run `era domain sync`)"
        );
        assert_eq!(s.shortfall().as_deref(), Some("under-provisioned: 1 of 300 nodes"));
        (s.provisioned, s.stale) = (true, false);
        assert!(s.to_string().ends_with("provisioned"), "{s}");
        assert_eq!(s.shortfall(), None);
        let json = serde_json::to_value(&s).unwrap();
        assert_eq!(json["perNodeStake"], "100000000000000000000000");
        assert_eq!(json["domain"], "financial");
    }
}
