//! Publishing an epoch's rewards: the tree's root posted with the hashes of the files it was
//! published as (`treeHash`, `metricsHash`) and its total, after the checks the distributor would
//! make (poster role, funds) and one it cannot make (the tree is cumulative: no account gets less
//! than the previous tree gave it). The poster's bond is topped up first when it is short.

use std::fmt;

use alloy::{
    primitives::{Address, B256, U256, keccak256},
    providers::Provider,
};
use serde::Serialize;

use super::tree::StandardMerkleTree;
use crate::{
    Client, Sent,
    constants::RewardsDistributor::POST_BOND,
    error::Result,
    refuse,
    tx::send,
    units::{fmt_era, fmt_time},
};

/// A root posted (`era rewards publish`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Published {
    /// The new root's index.
    pub root_index: u64,
    /// The Merkle root.
    pub root: B256,
    /// keccak256 of tree.json's bytes.
    pub tree_hash: B256,
    /// keccak256 of metrics.json's bytes.
    pub metrics_hash: B256,
    /// The sum of the cumulative amounts, in wei.
    #[serde(with = "crate::wei")]
    pub total: U256,
    /// Accounts in the tree.
    pub accounts: usize,
    /// When claims against it start (the end of its dispute window).
    pub activates_at: u64,
    /// The transactions: the approval and bond deposit when the bond was short, then the post.
    pub txs: Vec<Sent>,
}

impl fmt::Display for Published {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for tx in &self.txs {
            writeln!(f, "{tx}")?;
        }
        writeln!(
            f,
            "posted root #{} {} for {} accounts, {} in all",
            self.root_index,
            self.root,
            self.accounts,
            fmt_era(self.total)
        )?;
        writeln!(f, "  tree     {}\n  metrics  {}", self.tree_hash, self.metrics_hash)?;
        write!(f, "  claimable from {} unless disputed before", fmt_time(self.activates_at))
    }
}

impl<P: Provider> Client<P> {
    /// `sender` posts the root of the tree whose `standard-v1` JSON is `tree_json`, computed from
    /// `metrics_json` (both as published: the hashes are of these bytes). `previous` is the tree
    /// of the latest root still standing, if any: no account may get less than it gave.
    pub async fn publish_root(
        &self,
        sender: Address,
        tree_json: &[u8],
        metrics_json: &[u8],
        previous: Option<&StandardMerkleTree>,
    ) -> Result<Published> {
        let text = std::str::from_utf8(tree_json).unwrap_or_default();
        let tree = match StandardMerkleTree::from_json(text) {
            Ok(tree) => tree,
            Err(e) => refuse!("the tree to publish is not valid: {e}"),
        };
        if let Some(previous) = previous {
            check_monotone(previous, &tree)?;
        }
        let rewards = self.deployed_distributor().await?;
        if !rewards.hasRole(rewards.POSTER_ROLE().call().await?, sender).call().await? {
            refuse!(
                "{sender} may not post reward roots: governance grants the poster role (`era deploy --poster` names the first poster)"
            );
        }
        let (total, funded) = (tree.total(), rewards.funded().call().await?);
        if total > funded {
            refuse!(
                "the tree promises {} but the distributor was funded {} (RootAboveFunds): fund at least {} more first (`era rewards fund AMOUNT`)",
                fmt_era(total),
                fmt_era(funded),
                fmt_era(total - funded)
            );
        }
        let mut txs = Vec::new();
        let bond = rewards.bondOf(sender).call().await?;
        if bond < POST_BOND {
            let short = POST_BOND - bond;
            let spender = *rewards.address();
            txs.extend(self.approve_era(sender, spender, short, "the post bond needs").await?);
            txs.push(send("depositBond", rewards.depositBond(short)).await?);
        }
        let root_index: u64 = rewards.rootCount().call().await?.saturating_to();
        let (tree_hash, metrics_hash) = (keccak256(tree_json), keccak256(metrics_json));
        let post = rewards.postRoot(tree.root(), tree_hash, metrics_hash, total);
        txs.push(send("postRoot", post).await?);
        let stored = rewards.rootOf(U256::from(root_index)).call().await?;
        Ok(Published {
            root_index,
            root: tree.root(),
            tree_hash,
            metrics_hash,
            total,
            accounts: tree.leaves().len(),
            activates_at: stored.activatesAt.to::<u64>(),
            txs,
        })
    }
}

/// Refuses a tree that gives an account less than `previous` did: claims are cumulative, so a
/// lower amount could not be taken back from an account already paid, and roots could then pay
/// out more in all than their totals say.
pub fn check_monotone(previous: &StandardMerkleTree, next: &StandardMerkleTree) -> Result<()> {
    for before in previous.leaves() {
        let after = next.leaf_of(before.account).map_or(U256::ZERO, |l| l.cumulative);
        if after < before.cumulative {
            refuse!(
                "{} would get {} in all, less than the {} the previous tree gave it: rewards trees are cumulative, an account's amount never decreases",
                before.account,
                fmt_era(after),
                fmt_era(before.cumulative)
            );
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tree_may_add_accounts_and_raise_amounts_but_lower_none() {
        let (a, b) = (Address::repeat_byte(1), Address::repeat_byte(2));
        let one = U256::from(1u8);
        let first = StandardMerkleTree::of(&[(a, one), (b, one)]).unwrap();
        let more = StandardMerkleTree::of(&[(a, one), (b, one + one), (Address::ZERO, one)]);
        assert!(check_monotone(&first, &more.unwrap()).is_ok());
        let dropped = StandardMerkleTree::of(&[(a, one + one)]).unwrap();
        let err = check_monotone(&first, &dropped).unwrap_err().to_string();
        assert!(err.starts_with(&format!("{b} would get 0 ERA in all")), "{err}");
    }
}
