//! Naming the rules roots follow (`era rewards rules FILE`): governance schedules
//! `setRules(hash, uri)` on the distributor through the timelock. The hash is the rules engine's
//! (`era_rewards::Rules::hash`); zero on chain means the default rules.

use std::fmt;

use alloy::{
    primitives::{Address, B256},
    providers::Provider,
    sol_types::SolCall,
};
use era_bindings::RewardsDistributor;
use serde::Serialize;

use crate::{Client, Operation, Sent, error::Result, refuse, timelock::fmt_scheduled};

/// A scheduled change of the rules.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RulesChange {
    /// The distributor's `rulesHash()` now (zero: the default rules).
    pub old_hash: B256,
    /// The hash once executed.
    pub new_hash: B256,
    /// Where the rules file can be fetched.
    pub uri: String,
    /// The timelock operation.
    pub operation: Operation,
    /// The scheduling transaction.
    pub tx: Sent,
}

impl fmt::Display for RulesChange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "scheduled rules {} ({}), replacing {}",
            self.new_hash, self.uri, self.old_hash
        )?;
        fmt_scheduled(f, &self.operation)?;
        write!(f, "  tx           {}", self.tx.tx_hash)
    }
}

impl<P: Provider> Client<P> {
    /// `sender` (the timelock's proposer) schedules `setRules(hash, uri)`.
    pub async fn schedule_rules(
        &self,
        sender: Address,
        hash: B256,
        uri: String,
        from_block: u64,
    ) -> Result<RulesChange> {
        let distributor = self.deployed_distributor().await?;
        let old_hash = distributor.rulesHash().call().await?;
        if old_hash == hash {
            refuse!("the distributor already follows rules {hash}: nothing to schedule");
        }
        let call = RewardsDistributor::setRulesCall { rulesHash_: hash, uri: uri.clone() };
        let target = *distributor.address();
        let (operation, tx) =
            self.propose(sender, vec![(target, call.abi_encode().into())], from_block).await?;
        Ok(RulesChange { old_hash, new_hash: hash, uri, operation, tx })
    }
}
