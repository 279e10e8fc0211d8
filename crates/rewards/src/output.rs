//! `rewards.json` (interface 4): every account's cumulative amount and the lines that explain
//! this epoch's part, with the totals per category; and the `(account, cumulative)` list the
//! distributor's tree is built from.

use std::{collections::BTreeMap, fmt};

use alloy::primitives::{Address, B256, U256};
use serde::{Deserialize, Serialize};

use crate::amount::{fmt_era, wei};

/// What a reward pays for; each has its own budget.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Category {
    /// Service rewards of nodes, shared with delegators, paying pledged assets' yield.
    Nodes,
    /// Nodes' share of scenario revenue (`RevenuePaid.toNodes`), shared with delegators.
    Revenue,
    /// Developer subsidies.
    Developers,
    /// Users: cross-chain transactions, authorizations, invites.
    Users,
    /// Governance-approved bounties from the metrics file.
    Grants,
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = serde_json::to_value(self).expect("a category serializes");
        f.write_str(name.as_str().expect("a string"))
    }
}

/// Which rule paid a line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Rule {
    /// A node operator's part of its service reward, for its own stake.
    NodeService,
    /// A node's commission on its delegators' part.
    Commission,
    /// A delegator's part of a node's service reward.
    Delegation,
    /// A pledged asset's yield, out of the node's reward.
    PledgeYield,
    /// A node operator's part of scenario revenue.
    Revenue,
    /// A delegator's part of a node's revenue.
    RevenueDelegation,
    /// A scenario's monthly-active-users subsidy.
    DeveloperSubsidy,
    /// Cross-chain transactions.
    CrossChain,
    /// More than the threshold of authorizations paid.
    Authorizations,
    /// Counted invites.
    Invites,
    /// A bounty.
    Grant,
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = serde_json::to_value(self).expect("a rule serializes");
        f.write_str(name.as_str().expect("a string"))
    }
}

/// One amount and why.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Line {
    /// Its category.
    pub category: Category,
    /// The rule.
    pub rule: Rule,
    /// Wei paid.
    #[serde(with = "wei")]
    pub amount: U256,
    /// The events and numbers behind it.
    pub detail: String,
}

/// One account.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AccountRewards {
    /// Everything earned since the first epoch: the tree's amount.
    #[serde(with = "wei")]
    pub cumulative: U256,
    /// The cumulative amount of the previous epoch.
    #[serde(with = "wei")]
    pub previous: U256,
    /// Earned this epoch: the sum of `lines`.
    #[serde(with = "wei")]
    pub epoch: U256,
    /// This epoch's amounts.
    pub lines: Vec<Line>,
}

/// A category's budget, what the rules asked of it, and what was paid.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Total {
    /// The epoch's budget (the rules' amount plus tagged inflows; revenue: what was paid in).
    #[serde(with = "wei")]
    pub budget: U256,
    /// What the rules asked for before scaling.
    #[serde(with = "wei")]
    pub demand: U256,
    /// What is paid (at most the budget; demand scaled down pro rata when above it).
    #[serde(with = "wei")]
    pub paid: U256,
}

/// The rewards of one epoch.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Rewards {
    /// The epoch.
    pub epoch: u64,
    /// Its first second.
    pub from: u64,
    /// The second after its last.
    pub to: u64,
    /// [`crate::Rules::hash`] of the rules used.
    pub rules_hash: B256,
    /// keccak256 of the metrics file's bytes.
    pub metrics_hash: B256,
    /// Per category.
    pub totals: BTreeMap<Category, Total>,
    /// Paid this epoch, all accounts.
    #[serde(with = "wei")]
    pub epoch_total: U256,
    /// Sum of every account's cumulative amount: the root's `total`.
    #[serde(with = "wei")]
    pub cumulative_total: U256,
    /// Per account.
    pub accounts: BTreeMap<Address, AccountRewards>,
}

impl Rewards {
    /// The tree's leaves: every account with a cumulative amount, by address.
    pub fn leaves(&self) -> Vec<(Address, U256)> {
        self.accounts
            .iter()
            .filter(|(_, a)| !a.cumulative.is_zero())
            .map(|(account, a)| (*account, a.cumulative))
            .collect()
    }

    /// The file's bytes: compact JSON (a million accounts' lines run to a gigabyte; `era rewards
    /// show` prints them) and a newline, the same for the same rewards.
    pub fn to_json(&self) -> Vec<u8> {
        let mut bytes = serde_json::to_vec(self).expect("rewards serialize");
        bytes.push(b'\n');
        bytes
    }

    /// What `account` earned, line by line (an account never paid gets zeros and no lines).
    pub fn explain(&self, account: Address) -> Explanation {
        Explanation {
            account,
            epoch: self.epoch,
            rewards: self.accounts.get(&account).cloned().unwrap_or_default(),
        }
    }
}

/// One account's amount explained (`era rewards show`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Explanation {
    /// The account.
    pub account: Address,
    /// The epoch.
    pub epoch: u64,
    /// Its amounts and lines.
    #[serde(flatten)]
    pub rewards: AccountRewards,
}

impl fmt::Display for Explanation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let r = &self.rewards;
        writeln!(
            f,
            "{} after epoch {}: {} in all",
            self.account,
            self.epoch,
            fmt_era(r.cumulative)
        )?;
        if let Some(before) = self.epoch.checked_sub(1) {
            writeln!(f, "  until epoch {before}: {}", fmt_era(r.previous))?;
        }
        write!(f, "  epoch {}: {}", self.epoch, fmt_era(r.epoch))?;
        for line in &r.lines {
            write!(
                f,
                "\n    {} {} ({}): {}",
                fmt_era(line.amount),
                line.category,
                line.rule,
                line.detail
            )?;
        }
        Ok(())
    }
}
