//! A root in its dispute window: disputed with a bond, the dispute resolved by governance through
//! the timelock, disabled by the guardian, and the poster's bond released once the root is settled.

use std::fmt;

use alloy::{
    primitives::{Address, B256, U256},
    providers::Provider,
    sol_types::SolCall,
};
use era_bindings::RewardsDistributor;
use serde::Serialize;

use super::roots::{RootInfo, RootState};
use crate::{
    Client, Operation, Sent,
    constants::RewardsDistributor::DISPUTE_BOND,
    error::Result,
    refuse,
    tx::send,
    units::{fmt_time, fmt_until},
};

/// What a dispute, resolution or bond release did: a line saying so, its transactions, the
/// timelock operation when governance was asked, and the root afterwards.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RootChange {
    /// What happened, in a line.
    pub summary: String,
    /// The transactions (an approval of the bond first, when one was needed).
    pub txs: Vec<Sent>,
    /// The scheduled timelock operation, for a resolution.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub operation: Option<Operation>,
    /// The root afterwards.
    pub root: RootInfo,
}

impl fmt::Display for RootChange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for tx in &self.txs {
            writeln!(f, "{tx}")?;
        }
        writeln!(f, "{}", self.summary)?;
        if let Some(op) = &self.operation {
            writeln!(f, "  operation  {}", op.id)?;
            writeln!(f, "  executable {} (then: era gov execute)", fmt_time(op.ready_at))?;
        }
        write!(f, "{}", self.root)
    }
}

impl<P: Provider> Client<P> {
    /// `sender` disputes root `index` before it activates, for `reason` (a hash of the case),
    /// with `DISPUTE_BOND` (approved first when needed). Roots are read from block `from_block`.
    pub async fn dispute_root(
        &self,
        sender: Address,
        index: u64,
        reason: B256,
        from_block: u64,
    ) -> Result<RootChange> {
        let root = self.reward_root(index, from_block).await?;
        let now = self.chain_time().await?;
        match root.state {
            RootState::Pending => {}
            RootState::Active => refuse!(
                "root #{index} became active at {}: its dispute window is closed (the guardian can still disable it)",
                fmt_time(root.activates_at)
            ),
            RootState::Disputed => {
                refuse!("root #{index} is disputed already: one dispute per root")
            }
            RootState::Disabled => {
                refuse!("root #{index} is disabled: there is nothing to dispute")
            }
        }
        let rewards = self.deployed_distributor().await?;
        let spender = *rewards.address();
        let mut txs: Vec<Sent> = self
            .approve_era(sender, spender, DISPUTE_BOND, "the dispute bond is")
            .await?
            .into_iter()
            .collect();
        txs.push(send("dispute", rewards.dispute(U256::from(index), reason)).await?);
        let summary = format!(
            "disputed root #{index} in its window (closing {}): it stays inactive until governance resolves the dispute",
            fmt_until(root.activates_at, now)
        );
        self.root_change(summary, txs, None, index, from_block).await
    }

    /// Schedules governance's resolution of root `index`'s open dispute through the timelock
    /// (`sender` must be its proposer): `uphold` disables the root and pays the disputer both
    /// bonds; otherwise the root activates and the dispute bond joins the funds.
    pub async fn resolve_root_dispute(
        &self,
        sender: Address,
        index: u64,
        uphold: bool,
        from_block: u64,
    ) -> Result<RootChange> {
        let root = self.reward_root(index, from_block).await?;
        if root.disputer.is_none() {
            refuse!("root #{index} has no open dispute: only a disputed root is resolved");
        }
        let call = RewardsDistributor::resolveDisputeCall { rootIndex: U256::from(index), uphold };
        let target = *self.deployed_distributor().await?.address();
        let (operation, tx) =
            self.propose(sender, vec![(target, call.abi_encode().into())], from_block).await?;
        let what = if uphold { "uphold (disable the root)" } else { "dismiss (activate the root)" };
        let summary = format!("scheduled the resolution of root #{index}'s dispute: {what}");
        self.root_change(summary, vec![tx], Some(operation), index, from_block).await
    }

    /// Returns the poster's bond of root `index` to its bond balance (anyone may), once the root
    /// is active or disabled and no dispute is open.
    pub async fn release_root_bond(&self, index: u64, from_block: u64) -> Result<RootChange> {
        let root = self.reward_root(index, from_block).await?;
        if root.bond_settled {
            refuse!("root #{index}'s bond was settled already");
        }
        let now = self.chain_time().await?;
        match root.state {
            RootState::Pending => refuse!(
                "root #{index} is in its dispute window until {}: its bond is released after",
                fmt_until(root.activates_at, now)
            ),
            RootState::Disputed => {
                refuse!("root #{index} has an open dispute: governance resolves it first")
            }
            RootState::Active | RootState::Disabled => {}
        }
        let tx =
            send("releaseBond", self.deployed_distributor().await?.releaseBond(U256::from(index)))
                .await?;
        let summary = format!("released root #{index}'s bond to its poster {}", root.poster);
        self.root_change(summary, vec![tx], None, index, from_block).await
    }

    /// The guardian (`sender`) disables root `index` for good, before or after it activates: no
    /// claim is paid against it again (a wrong root caught outside the dispute window).
    pub async fn disable_root(
        &self,
        sender: Address,
        index: u64,
        from_block: u64,
    ) -> Result<RootChange> {
        let root = self.reward_root(index, from_block).await?;
        if root.state == RootState::Disabled {
            refuse!("root #{index} is disabled already");
        }
        let rewards = self.deployed_distributor().await?;
        if !rewards.hasRole(rewards.GUARDIAN_ROLE().call().await?, sender).call().await? {
            refuse!(
                "{sender} is not the distributor's guardian: only the guardian disables a root (sign with its key)"
            );
        }
        let tx = send("disableRoot", rewards.disableRoot(U256::from(index))).await?;
        let summary = format!("disabled root #{index}: no claim is paid against it any more");
        self.root_change(summary, vec![tx], None, index, from_block).await
    }

    async fn root_change(
        &self,
        summary: String,
        txs: Vec<Sent>,
        operation: Option<Operation>,
        index: u64,
        from_block: u64,
    ) -> Result<RootChange> {
        let root = self.reward_root(index, from_block).await?;
        Ok(RootChange { summary, txs, operation, root })
    }
}
