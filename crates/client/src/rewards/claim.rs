//! Claiming from an active root: plain (anyone submits, the account is paid), straight into a
//! delegation (`claimAndDelegate`, the account itself), or relayed (the account signs the
//! EIP-712 `Claim`, a relayer submits `claimWithSig` and keeps its fee in ERA). Each refusal the
//! distributor would make is checked first and said in one line.

use std::fmt;

use alloy::{
    primitives::{Address, Bytes, U256},
    providers::Provider,
    signers::SignerSync,
    sol_types::{SolStruct, eip712_domain},
};
use era_bindings::IRewardsDistributor::ClaimAuth;
use serde::Serialize;

use super::{
    roots::{RootInfo, not_claimable},
    tree::{Leaf, StandardMerkleTree},
};
use crate::{
    Client, Error, Sent,
    error::Result,
    refuse,
    tx::send,
    units::{fmt_era, fmt_time},
};

mod eip712 {
    alloy::sol! {
        /// What an account signs for a relayed claim (`RewardsDistributor.CLAIM_TYPEHASH`).
        struct Claim {
            uint256 rootIndex;
            address account;
            uint256 cumulativeAmount;
            uint256 nonce;
            uint256 deadline;
            uint256 maxFee;
            address relayer;
        }
    }
}

/// How a claim is paid out.
pub enum ClaimHow<'a> {
    /// `claim`: the sender submits, the ERA goes to the account.
    Plain,
    /// `claimAndDelegate`: the account (the sender) delegates the ERA to this node.
    Delegate(Address),
    /// `claimWithSig`: the sender is the relayer; the account's `signer` signs a `Claim` valid
    /// until `deadline` whose fee cap is `fee`, and the relayer keeps `fee`.
    Relay {
        /// The account's key.
        signer: &'a (dyn SignerSync + Send + Sync),
        /// ERA the relayer keeps, in wei.
        fee: U256,
        /// Last second the signature is good for.
        deadline: u64,
    },
}

/// A claim paid (`era rewards claim`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RewardsClaimed {
    /// Whose rewards.
    pub account: Address,
    /// The root claimed against.
    pub root_index: u64,
    /// What the root promises the account in all, in wei.
    #[serde(with = "crate::wei")]
    pub cumulative: U256,
    /// What this claim paid (the difference to what was paid before), fee included, in wei.
    #[serde(with = "crate::wei")]
    pub amount: U256,
    /// The node the ERA was delegated to, for `--delegate`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub delegated_to: Option<Address>,
    /// The relayer that submitted it, for `--relay`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub relayer: Option<Address>,
    /// ERA the relayer kept, in wei.
    #[serde(with = "crate::wei")]
    pub fee: U256,
    /// The transaction.
    pub tx: Sent,
}

impl fmt::Display for RewardsClaimed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{}", self.tx)?;
        let net = fmt_era(self.amount - self.fee);
        write!(
            f,
            "{} claimed {} from root #{}",
            self.account,
            fmt_era(self.amount),
            self.root_index
        )?;
        if let Some(node) = self.delegated_to {
            write!(f, ", delegated to node {node}")?;
        }
        if let Some(relayer) = self.relayer {
            write!(f, ": relayer {relayer} kept {}, the account got {net}", fmt_era(self.fee))?;
        }
        write!(f, " ({} in all so far)", fmt_era(self.cumulative))
    }
}

impl<P: Provider> Client<P> {
    /// `sender` claims `account`'s rewards from `root` (active), whose tree is `tree`.
    pub async fn claim_rewards(
        &self,
        sender: Address,
        account: Address,
        root: &RootInfo,
        tree: &StandardMerkleTree,
        how: ClaimHow<'_>,
    ) -> Result<RewardsClaimed> {
        let now = self.chain_time().await?;
        if let Some(why) = not_claimable(root, now) {
            refuse!("{why}");
        }
        let i = root.index;
        if tree.root() != root.root {
            refuse!(
                "proof mismatch: the tree file's root {} is not root #{i}'s {}: the file was changed after publishing (or is another root's)",
                tree.root(),
                root.root
            );
        }
        let Some(leaf) = tree.leaf_of(account).copied() else {
            refuse!("{account} has no leaf in root #{i}'s tree: nothing to claim");
        };
        let rewards = self.deployed_distributor().await?;
        let paid = rewards.claimed(account).call().await?;
        if leaf.cumulative <= paid {
            refuse!(
                "{account} was paid {} already, all root #{i} promises it: nothing to claim (already claimed)",
                fmt_era(paid)
            );
        }
        let amount = leaf.cumulative - paid;
        let proof = tree.proof(&leaf);
        let (index, cumulative) = (U256::from(i), leaf.cumulative);
        let (mut delegated_to, mut relayer, mut paid_fee) = (None, None, U256::ZERO);
        let tx = match how {
            ClaimHow::Plain => {
                send("claim", rewards.claim(index, account, cumulative, proof)).await?
            }
            ClaimHow::Delegate(node) => {
                if sender != account {
                    refuse!(
                        "--delegate claims for the signer only: sign as {account}, not {sender}"
                    );
                }
                delegated_to = Some(node);
                send("claimAndDelegate", rewards.claimAndDelegate(index, cumulative, proof, node))
                    .await?
            }
            ClaimHow::Relay { signer, fee, deadline } => {
                if fee > amount {
                    refuse!(
                        "the relayer's fee {} is above the claim of {} (FeeAboveClaim): lower --fee",
                        fmt_era(fee),
                        fmt_era(amount)
                    );
                }
                if deadline <= now {
                    refuse!(
                        "the signature's deadline {} has passed (it is {}): give a later --deadline",
                        fmt_time(deadline),
                        fmt_time(now)
                    );
                }
                let (auth, signature) =
                    self.sign_claim(signer, sender, i, &leaf, fee, deadline).await?;
                (relayer, paid_fee) = (Some(sender), fee);
                let call =
                    rewards.claimWithSig(index, account, cumulative, proof, auth, fee, signature);
                send("claimWithSig", call).await?
            }
        };
        Ok(RewardsClaimed {
            account,
            root_index: i,
            cumulative,
            amount,
            delegated_to,
            relayer,
            fee: paid_fee,
            tx,
        })
    }

    /// The account's EIP-712 signature of a claim of `leaf` from root `index` that only `relayer`
    /// may submit, with fee cap `fee`, on the account's lowest unused nonce.
    async fn sign_claim(
        &self,
        signer: &(dyn SignerSync + Send + Sync),
        relayer: Address,
        index: u64,
        leaf: &Leaf,
        fee: U256,
        deadline: u64,
    ) -> Result<(ClaimAuth, Bytes)> {
        let rewards = self.deployed_distributor().await?;
        let mut word = 0u64;
        let nonce = loop {
            let used = rewards.nonceBitmap(leaf.account, U256::from(word)).call().await?;
            if used != U256::MAX {
                break U256::from(word) * U256::from(256u16) + U256::from(used.trailing_ones());
            }
            word += 1;
        };
        let auth = ClaimAuth { nonce, deadline: U256::from(deadline), maxFee: fee, relayer };
        let claim = eip712::Claim {
            rootIndex: U256::from(index),
            account: leaf.account,
            cumulativeAmount: leaf.cumulative,
            nonce,
            deadline: auth.deadline,
            maxFee: fee,
            relayer,
        };
        let domain = eip712_domain! {
            name: "ERA Rewards",
            version: "1",
            chain_id: self.provider.get_chain_id().await?,
            verifying_contract: *rewards.address(),
        };
        let signature = signer
            .sign_hash_sync(&claim.eip712_signing_hash(&domain))
            .map_err(|e| Error::Refused(format!("cannot sign the claim: {e}")))?;
        Ok((auth, signature.as_bytes().to_vec().into()))
    }
}

#[cfg(test)]
mod tests {
    use alloy::primitives::B256;

    use super::*;
    use crate::ERA;

    #[test]
    fn a_relayed_claim_says_who_kept_what_and_reports_wei_in_json() {
        let claimed = RewardsClaimed {
            account: Address::repeat_byte(3),
            root_index: 1,
            cumulative: ERA * U256::from(350u64),
            amount: ERA * U256::from(300u64),
            delegated_to: None,
            relayer: Some(Address::repeat_byte(5)),
            fee: ERA * U256::from(5u64),
            tx: Sent { action: "claimWithSig".into(), tx_hash: B256::ZERO, block: 9, gas_used: 1 },
        };
        let text = claimed.to_string();
        let last = text.lines().nth(1).unwrap();
        assert!(
            last.ends_with("kept 5 ERA, the account got 295 ERA (350 ERA in all so far)"),
            "{last}"
        );
        let json = serde_json::to_value(&claimed).unwrap();
        assert_eq!((&json["fee"], &json["rootIndex"]), (&"5000000000000000000".into(), &1.into()));
        assert!(json.get("delegatedTo").is_none());
    }
}
