//! Slashing a node's stake, as a holder of staking's slasher role (granted only by governance):
//! the node, its delegators and its queued withdrawals all lose the same fraction, and the cut
//! goes to the slasher.

use std::fmt;

use alloy::{
    primitives::{Address, U256},
    providers::Provider,
    sol_types::SolCall,
};
use era_bindings::ERAStaking;
use serde::Serialize;

use crate::{Client, Operation, Sent, error::Result, refuse, tx::send, units::fmt_era};

/// A node-stake slash and what it cut.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NodeSlash {
    /// The node.
    pub node: Address,
    /// Who slashed (and received the cut).
    pub slasher: Address,
    /// The fraction, as a wad (1e18 = everything).
    #[serde(serialize_with = "crate::wei::serialize")]
    pub wad: U256,
    /// Cut from the node's active stake.
    #[serde(serialize_with = "crate::wei::serialize")]
    pub active_cut: U256,
    /// Cut from its queued withdrawals.
    #[serde(serialize_with = "crate::wei::serialize")]
    pub unbonding_cut: U256,
    /// The slash.
    pub tx: Sent,
}

impl NodeSlash {
    /// Everything cut, in wei.
    pub fn amount(&self) -> U256 {
        self.active_cut + self.unbonding_cut
    }
}

impl fmt::Display for NodeSlash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "slashed node {}: {} of active stake, {} of queued withdrawals, to {}",
            self.node,
            fmt_era(self.active_cut),
            fmt_era(self.unbonding_cut),
            self.slasher
        )?;
        write!(f, "{}", self.tx)
    }
}

impl<P: Provider> Client<P> {
    /// As `slasher`, slashes the fraction `wad` (1e18 = all) of `node`'s stake. Refused, before
    /// sending, when staking would refuse it: no slasher role, a fraction outside (0, 1], an
    /// unknown node.
    pub async fn slash_node(
        &self,
        slasher: Address,
        node: Address,
        wad: U256,
    ) -> Result<NodeSlash> {
        let staking = self.staking();
        if !self.is_slasher(slasher).await? {
            refuse!(
                "{slasher} does not hold staking's slasher role: governance grants it through the timelock (staking.grantRole(SLASHER_ROLE, account))"
            );
        }
        if wad.is_zero() || wad > crate::ERA {
            refuse!("a slash is a fraction above 0 and at most 1 of the node's stake");
        }
        if !staking.isNode(node).call().await? {
            refuse!("{node} is not a registered node: `era status` lists the nodes");
        }
        let tx = send("slash", staking.slash(node, wad)).await?;
        let e: ERAStaking::NodeSlashed = self.event(&tx).await?;
        Ok(NodeSlash {
            node,
            slasher,
            wad,
            active_cut: e.activeCut,
            unbonding_cut: e.unbondingCut,
            tx,
        })
    }
}

impl<P: Provider> Client<P> {
    /// Whether `account` holds staking's slasher role (the engine, the risk feed, governance's
    /// slashers all need it before a slash can go through).
    pub(crate) async fn is_slasher(&self, account: Address) -> Result<bool> {
        let staking = self.staking();
        let role = staking.SLASHER_ROLE().call().await?;
        Ok(staking.hasRole(role, account).call().await?)
    }

    /// As `proposer`, schedules granting staking's slasher role to `slasher` on the timelock
    /// (`from_block`: the suite's deployment, see [`Client::propose`]); refused when it holds
    /// the role already.
    pub async fn schedule_slasher(
        &self,
        proposer: Address,
        slasher: Address,
        from_block: u64,
    ) -> Result<(Operation, Sent)> {
        let staking = self.staking();
        if self.is_slasher(slasher).await? {
            refuse!("{slasher} already holds staking's slasher role: nothing to grant");
        }
        let role = staking.SLASHER_ROLE().call().await?;
        let grant = ERAStaking::grantRoleCall { role, account: slasher };
        let calls = vec![(self.addresses.staking, grant.abi_encode().into())];
        self.propose(proposer, calls, from_block).await
    }
}
