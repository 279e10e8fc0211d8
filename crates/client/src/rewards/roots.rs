//! The distributor's roots as the chain has them: each root's state from `rootOf`, its tree and
//! metrics hashes and total from its `RootPosted` event (they are not stored), and the funds.

use std::fmt;

use alloy::{
    primitives::{Address, B256, U256},
    providers::Provider,
    rpc::types::Filter,
    sol_types::SolEvent,
};
use era_bindings::RewardsDistributor::{self, RewardsDistributorInstance};
use serde::Serialize;

use crate::{
    Client, RootStatus,
    error::Result,
    refuse,
    units::{fmt_duration, fmt_era, fmt_time, fmt_until},
};

/// Where a root stands for claimants.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum RootState {
    /// Posted, in its dispute window: claims start at `activatesAt`.
    Pending,
    /// Claimable.
    Active,
    /// Disputed: it pays nothing unless governance dismisses the dispute.
    Disputed,
    /// Disabled for good (an upheld dispute, or the guardian).
    Disabled,
}

/// A posted root.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RootInfo {
    /// Its index, counted from 0.
    pub index: u64,
    /// The Merkle root.
    pub root: B256,
    /// Who posted it (and locked the bond).
    pub poster: Address,
    /// Where it stands now.
    pub state: RootState,
    /// When it activates (or activated).
    pub activates_at: u64,
    /// keccak256 of the tree.json it was built from.
    pub tree_hash: B256,
    /// keccak256 of the metrics.json the amounts were computed from.
    pub metrics_hash: B256,
    /// The sum of its cumulative amounts, in wei.
    #[serde(with = "crate::wei")]
    pub total: U256,
    /// Who disputed it, while the dispute is open.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub disputer: Option<Address>,
    /// Whether the poster's bond went back (or to an upheld disputer).
    pub bond_settled: bool,
}

/// Every root and the distributor's funds (`era rewards roots`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Roots {
    /// The distributor.
    pub distributor: Address,
    /// The latest block's time.
    pub block_time: u64,
    /// ERA funded so far: the most a root may promise, in wei.
    #[serde(with = "crate::wei")]
    pub funded: U256,
    /// Seconds between a post and its activation.
    pub activation_delay: u64,
    /// Every root, oldest first.
    pub roots: Vec<RootInfo>,
}

impl Roots {
    /// The latest root that pays now.
    pub fn latest_active(&self) -> Option<&RootInfo> {
        self.roots.iter().rev().find(|r| r.state == RootState::Active)
    }

    /// The latest root whose tree.json hashes to `tree_hash`.
    pub fn by_tree_hash(&self, tree_hash: B256) -> Option<&RootInfo> {
        self.roots.iter().rev().find(|r| r.tree_hash == tree_hash)
    }
}

impl fmt::Display for RootInfo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let state = match self.state {
            RootState::Pending => format!("pending until {}", fmt_time(self.activates_at)),
            RootState::Active => format!("active since {}", fmt_time(self.activates_at)),
            RootState::Disputed => "disputed (governance resolves)".into(),
            RootState::Disabled => "disabled".into(),
        };
        writeln!(f, "root #{}  {}  {}", self.index, self.root, state)?;
        writeln!(f, "  total    {}  poster {}", fmt_era(self.total), self.poster)?;
        write!(f, "  tree     {}\n  metrics  {}", self.tree_hash, self.metrics_hash)?;
        if let Some(disputer) = self.disputer {
            write!(f, "\n  disputer {disputer}")?;
        }
        Ok(())
    }
}

impl fmt::Display for Roots {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "distributor {}  funded {}  dispute window {}",
            self.distributor,
            fmt_era(self.funded),
            fmt_duration(self.activation_delay)
        )?;
        if self.roots.is_empty() {
            return write!(f, "\nno roots posted yet");
        }
        for root in &self.roots {
            write!(f, "\n{root}")?;
        }
        Ok(())
    }
}

impl<P: Provider> Client<P> {
    /// The distributor; a suite recorded before it had one is told to redeploy.
    pub(super) async fn deployed_distributor(&self) -> Result<RewardsDistributorInstance<&P>> {
        if self.addresses.distributor.is_zero() {
            let chain = self.provider.get_chain_id().await?;
            refuse!(
                "the suite on chain {chain} has no RewardsDistributor: deploy the current suite with `era deploy --force`"
            );
        }
        Ok(self.distributor())
    }

    /// Every root posted since block `from_block` (the deployment), with the funds.
    pub async fn reward_roots(&self, from_block: u64) -> Result<Roots> {
        let rewards = self.deployed_distributor().await?;
        let filter = Filter::new()
            .address(*rewards.address())
            .from_block(from_block)
            .event_signature(RewardsDistributor::RootPosted::SIGNATURE_HASH);
        let now = self.chain_time().await?;
        let mut roots = Vec::new();
        for log in self.provider.get_logs(&filter).await? {
            let Ok(posted) = log.log_decode::<RewardsDistributor::RootPosted>() else { continue };
            let posted = posted.inner.data;
            let index: u64 = posted.rootIndex.saturating_to();
            let stored = rewards.rootOf(posted.rootIndex).call().await?;
            let status = RootStatus::try_from(stored.status).unwrap_or(RootStatus::None);
            let activates_at = stored.activatesAt.to::<u64>();
            let state = match status {
                RootStatus::Disputed => RootState::Disputed,
                RootStatus::Disabled => RootState::Disabled,
                _ if now < activates_at => RootState::Pending,
                _ => RootState::Active,
            };
            let disputer = rewards.disputerOf(posted.rootIndex).call().await?;
            roots.push(RootInfo {
                index,
                root: posted.root,
                poster: posted.poster,
                state,
                activates_at,
                tree_hash: posted.treeHash,
                metrics_hash: posted.metricsHash,
                total: posted.total,
                disputer: (!disputer.is_zero()).then_some(disputer),
                bond_settled: stored.bondSettled,
            });
        }
        Ok(Roots {
            distributor: *rewards.address(),
            block_time: now,
            funded: rewards.funded().call().await?,
            activation_delay: rewards.activationDelay().call().await?,
            roots,
        })
    }

    /// Root `index`, or a refusal naming how many there are.
    pub(super) async fn reward_root(&self, index: u64, from_block: u64) -> Result<RootInfo> {
        let roots = self.reward_roots(from_block).await?;
        match roots.roots.into_iter().find(|r| r.index == index) {
            Some(root) => Ok(root),
            None => refuse!("there is no root #{index}: `era rewards roots` lists the posted ones"),
        }
    }
}

/// Why `root` pays nothing at `now`, as a refusal line (`None` when it is active).
pub fn not_claimable(root: &RootInfo, now: u64) -> Option<String> {
    let i = root.index;
    Some(match root.state {
        RootState::Active => return None,
        RootState::Pending => format!(
            "root #{i} is not active yet: its dispute window ends at {}",
            fmt_until(root.activates_at, now)
        ),
        RootState::Disputed => format!(
            "root #{i} is disputed: it pays only if governance dismisses the dispute (`era rewards resolve {i} --dismiss`)"
        ),
        RootState::Disabled => format!("root #{i} is disabled: claim against a later root"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn root(index: u64, state: RootState) -> RootInfo {
        RootInfo {
            index,
            root: B256::repeat_byte(1),
            poster: Address::repeat_byte(2),
            state,
            activates_at: 60,
            tree_hash: B256::repeat_byte(index as u8),
            metrics_hash: B256::ZERO,
            total: U256::ZERO,
            disputer: None,
            bond_settled: false,
        }
    }

    #[test]
    fn claims_go_to_the_latest_active_root_and_others_say_why_not() {
        let roots = Roots {
            distributor: Address::ZERO,
            block_time: 30,
            funded: U256::ZERO,
            activation_delay: 60,
            roots: vec![root(0, RootState::Active), root(1, RootState::Pending)],
        };
        assert_eq!(roots.latest_active().unwrap().index, 0);
        assert_eq!(roots.by_tree_hash(B256::repeat_byte(1)).unwrap().index, 1);
        assert!(not_claimable(&roots.roots[0], 30).is_none());
        let why = not_claimable(&roots.roots[1], 30).unwrap();
        assert_eq!(
            why,
            "root #1 is not active yet: its dispute window ends at 1970-01-01T00:01:00Z (in 30s)"
        );
        assert!(roots.to_string().starts_with("distributor 0x0000000000000000000000000000000000000000  funded 0 ERA  dispute window 1m\nroot #0"));
        assert_eq!(serde_json::to_value(&roots.roots[1]).unwrap()["state"], "pending");
    }
}
