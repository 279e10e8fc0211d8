//! Stake-weighted service time: for every node and every account staked on it (the node itself
//! or a delegator), the ERA staked times the seconds of the epoch the node was serving (enrolled
//! in a scenario).
//!
//! An account's ERA value stands in for its shares: every holder of a node's pool gains and loses
//! value at the same rate (a slash cuts them all by the same fraction), so values are in the same
//! proportion as shares, and `Deposited`/`WithdrawalQueued` carry the ERA amount.

use std::collections::BTreeMap;

use alloy::primitives::{Address, U256};

/// One account's stake on a node.
#[derive(Clone, Debug, Default)]
struct Holding {
    /// ERA value, wei.
    value: U256,
    /// Accrued up to this timestamp.
    since: u64,
    /// ERA-seconds of service inside the epoch.
    stake_seconds: U256,
}

/// One node's pool.
#[derive(Clone, Debug, Default)]
struct Pool {
    holders: BTreeMap<Address, Holding>,
    /// From when the node serves (its first enrollment).
    serving_since: Option<u64>,
}

/// Every node's pool, accrued over the epoch `[from, to)`.
#[derive(Clone, Debug)]
pub(crate) struct Stakes {
    from: u64,
    to: u64,
    pools: BTreeMap<Address, Pool>,
}

impl Pool {
    /// Accrues `holder` up to `now`.
    fn accrue(&mut self, holder: &mut Holding, now: u64, (from, to): (u64, u64)) {
        if let Some(serving) = self.serving_since {
            let lo = holder.since.max(serving).max(from);
            let hi = now.min(to);
            if hi > lo {
                holder.stake_seconds += holder.value * U256::from(hi - lo);
            }
        }
        holder.since = holder.since.max(now);
    }

    fn change(&mut self, account: Address, now: u64, epoch: (u64, u64), f: impl FnOnce(&mut U256)) {
        let mut holder =
            self.holders.remove(&account).unwrap_or(Holding { since: now, ..Default::default() });
        self.accrue(&mut holder, now, epoch);
        f(&mut holder.value);
        self.holders.insert(account, holder);
    }
}

impl Stakes {
    pub(crate) fn new((from, to): (u64, u64)) -> Self {
        Self { from, to, pools: BTreeMap::new() }
    }

    /// `account` staked `amount` more on `node` at `now`.
    pub(crate) fn deposit(&mut self, node: Address, account: Address, amount: U256, now: u64) {
        let epoch = (self.from, self.to);
        self.pools.entry(node).or_default().change(account, now, epoch, |v| *v += amount);
    }

    /// `account` took `amount` off `node` at `now` (queued for withdrawal: it no longer serves).
    pub(crate) fn withdraw(&mut self, node: Address, account: Address, amount: U256, now: u64) {
        let epoch = (self.from, self.to);
        self.pools
            .entry(node)
            .or_default()
            .change(account, now, epoch, |v| *v = v.saturating_sub(amount));
    }

    /// `node` was slashed by `wad` (1e18 = all) at `now`: every holder loses that fraction.
    pub(crate) fn slash(&mut self, node: Address, wad: U256, now: u64) {
        let epoch = (self.from, self.to);
        let one = U256::from(10u64).pow(U256::from(18));
        let pool = self.pools.entry(node).or_default();
        let accounts: Vec<Address> = pool.holders.keys().copied().collect();
        for account in accounts {
            pool.change(account, now, epoch, |v| *v -= *v * wad.min(one) / one);
        }
    }

    /// `node` enrolled in a scenario at `now`: it serves from its first enrollment on.
    pub(crate) fn enroll(&mut self, node: Address, now: u64) {
        // Holders accrued before this (while not serving) have nothing: `accrue` starts at
        // `serving_since` at the earliest.
        self.pools.entry(node).or_default().serving_since.get_or_insert(now);
    }

    /// Accrues everyone to the epoch's end; returns, per serving node, each holder's
    /// stake-seconds (zero ones left out).
    pub(crate) fn finish(mut self) -> BTreeMap<Address, BTreeMap<Address, U256>> {
        let epoch = (self.from, self.to);
        let mut out = BTreeMap::new();
        for (node, pool) in &mut self.pools {
            let mut holders = BTreeMap::new();
            let accounts: Vec<Address> = pool.holders.keys().copied().collect();
            for account in accounts {
                let mut holder = pool.holders.remove(&account).expect("listed");
                pool.accrue(&mut holder, epoch.1, epoch);
                if !holder.stake_seconds.is_zero() {
                    holders.insert(account, holder.stake_seconds);
                }
            }
            if !holders.is_empty() {
                out.insert(*node, holders);
            }
        }
        out
    }
}
