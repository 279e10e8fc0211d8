//! Which contract emits what: only logs of the deployment's own contracts count, so a contract
//! anyone deploys cannot mint rewards by emitting the suite's events.

use alloy::primitives::Address;

/// The suite's contracts whose logs the engine reads (zero: not deployed, nothing counts).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Sources {
    /// ERAStaking: stakes, delegations, withdrawals, slashes.
    pub staking: Address,
    /// ScenarioRegistry: scenarios, enrollments, verdicts, costs, transfers.
    pub scenarios: Address,
    /// StateAssetRegistry: assets, authorizations, exports, pledges.
    pub assets: Address,
    /// RewardsDistributor: inflows.
    pub distributor: Address,
    /// ScenarioRevenue: revenue.
    pub revenue: Address,
    /// Invitations.
    pub invitations: Address,
}
