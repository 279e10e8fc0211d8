//! Deposits with a node: a node operator stakes on itself (`era stake`, registering the node the
//! first time), a holder delegates to a node (`era delegate`); and the self-bond a tier asks.

use std::fmt;

use alloy::{
    primitives::{Address, U256},
    providers::Provider,
};
use serde::Serialize;

use crate::{Client, Sent, error::Result, refuse, tier_name, tx::send, units::fmt_era};

/// A stake or delegation, with the stakes read back afterwards.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Deposit {
    /// The node.
    pub node: Address,
    /// Who deposited.
    pub account: Address,
    /// How much, in wei.
    #[serde(serialize_with = "crate::wei::serialize")]
    pub amount: U256,
    /// The account's stake with the node afterwards.
    #[serde(serialize_with = "crate::wei::serialize")]
    pub stake: U256,
    /// The node's total stake afterwards.
    #[serde(serialize_with = "crate::wei::serialize")]
    pub node_stake: U256,
    /// The transactions sent.
    pub txs: Vec<Sent>,
}

impl fmt::Display for Deposit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for tx in &self.txs {
            writeln!(f, "{tx}")?;
        }
        write!(
            f,
            "{} deposited {} with node {}: account stake {}, node stake {}",
            self.account,
            fmt_era(self.amount),
            self.node,
            fmt_era(self.stake),
            fmt_era(self.node_stake)
        )
    }
}

impl<P: Provider> Client<P> {
    /// `node` stakes `amount` on itself, registering first if it is not a node yet. Funds are
    /// checked (and approved) before registering, so a refused stake leaves no registration.
    pub async fn stake(&self, node: Address, amount: U256) -> Result<Deposit> {
        let staking = self.staking();
        let mut txs: Vec<Sent> = self.approve_deposit(node, amount).await?.into_iter().collect();
        if !staking.isNode(node).call().await? {
            txs.push(send("registerNode", staking.registerNode()).await?);
        }
        txs.push(send("stake", staking.stake(amount)).await?);
        self.deposit(node, node, amount, txs).await
    }

    /// `account` delegates `amount` to the registered `node`.
    pub async fn delegate(&self, account: Address, node: Address, amount: U256) -> Result<Deposit> {
        let staking = self.staking();
        if !staking.isNode(node).call().await? {
            refuse!("{node} is not a registered node: `era status` lists the nodes");
        }
        let mut txs: Vec<Sent> = self.approve_deposit(account, amount).await?.into_iter().collect();
        txs.push(send("delegate", staking.delegate(node, amount)).await?);
        self.deposit(node, account, amount, txs).await
    }

    /// Checks that staking is open and `sender` holds `amount` ERA, and approves staking to take
    /// it if needed.
    async fn approve_deposit(&self, sender: Address, amount: U256) -> Result<Option<Sent>> {
        if self.staking().paused().call().await? {
            refuse!("staking is paused by its guardian: deposits are refused until it is unpaused");
        }
        self.approve_era(sender, self.addresses.staking, amount, "needs").await
    }

    /// The report of a deposit that `txs` made: the stakes are read back from the chain.
    async fn deposit(
        &self,
        node: Address,
        account: Address,
        amount: U256,
        txs: Vec<Sent>,
    ) -> Result<Deposit> {
        let staking = self.staking();
        let stake = staking.stakeOf(node, account).call().await?;
        let node_stake = staking.nodeStake(node).call().await?;
        Ok(Deposit { node, account, amount, stake, node_stake, txs })
    }

    /// One line when `node`'s total stake reaches a tier whose self-bond its own stake misses
    /// (the highest such tier), else `None`: a node holds a tier only while its own stake is at
    /// least `selfBondBps` of the tier's minimum, however much is delegated to it.
    pub async fn self_bond_shortfall(&self, node: Address) -> Result<Option<String>> {
        let staking = self.staking();
        let (own, total) =
            (staking.selfStake(node).call().await?, staking.nodeStake(node).call().await?);
        let mut worst: Option<(U256, String)> = None;
        for id in staking.tierIds().call().await? {
            let min = U256::from(staking.tiers(id).call().await?.minStake);
            let bond = staking.minSelfBond(id).call().await?;
            if total >= min && own < bond && worst.as_ref().is_none_or(|(b, _)| bond > *b) {
                worst = Some((bond, tier_name(id)));
            }
        }
        Ok(worst.map(|(bond, tier)| {
            format!(
                "self-bond short: {node} stakes {} on itself, below the {} tier `{tier}` asks: it does not hold `{tier}` until it stakes {} more on itself",
                fmt_era(own),
                fmt_era(bond),
                fmt_era(bond - own)
            )
        }))
    }
}
