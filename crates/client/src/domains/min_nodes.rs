//! Scheduling a domain's minimum node count on the timelock (`era domain min-nodes`), as
//! `era tier set` schedules a tier's minimum stake.

use std::fmt;

use alloy::{primitives::Address, providers::Provider, sol_types::SolCall};
use era_bindings::ScenarioRegistry;
use serde::Serialize;

use crate::{Client, Operation, RiskDomain, Sent, error::Result, refuse, timelock::fmt_scheduled};

/// A scheduled change of a domain's minimum node count.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MinNodesScheduled {
    /// The domain.
    pub domain: RiskDomain,
    /// Its minimum now.
    pub old_min_nodes: u32,
    /// Its minimum once executed.
    pub new_min_nodes: u32,
    /// The timelock operation.
    pub operation: Operation,
    /// The scheduling transaction.
    pub tx: Sent,
}

impl fmt::Display for MinNodesScheduled {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "scheduled {} minimum nodes: {} -> {}",
            self.domain, self.old_min_nodes, self.new_min_nodes
        )?;
        fmt_scheduled(f, &self.operation)?;
        write!(f, "  tx           {}", self.tx.tx_hash)
    }
}

impl<P: Provider> Client<P> {
    /// `sender` schedules `domain` to need `min_nodes` qualifying nodes. `from_block`: the
    /// suite's deployment.
    pub async fn schedule_min_nodes(
        &self,
        sender: Address,
        domain: RiskDomain,
        min_nodes: u32,
        from_block: u64,
    ) -> Result<MinNodesScheduled> {
        if domain == RiskDomain::None {
            refuse!("pick a risk domain: light, enterprise or financial");
        }
        let old = self.domain_status(domain).await?.min_nodes;
        if old == min_nodes {
            refuse!("{domain} already needs {min_nodes} nodes: nothing to schedule");
        }
        let call = ScenarioRegistry::setMinNodesCall { domain: domain.into(), minNodes: min_nodes };
        let calls = vec![(self.addresses.scenarios, call.abi_encode().into())];
        let (operation, tx) = self.propose(sender, calls, from_block).await?;
        Ok(MinNodesScheduled {
            domain,
            old_min_nodes: old,
            new_min_nodes: min_nodes,
            operation,
            tx,
        })
    }
}
