//! The checks every computed epoch passes before anything is written: a root that breaks one
//! would let the distributor pay what no rule granted, or refuse what it owes.

use alloy::primitives::{Address, U256};

use crate::{Category, Rewards};

/// A computed epoch that must not be published.
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub enum CheckError {
    /// The previous rewards file is for another epoch.
    #[error(
        "the previous rewards are for epoch {found}, not {expected}: pass epoch {expected}'s rewards.json"
    )]
    PreviousEpoch {
        /// The epoch before this one.
        expected: u64,
        /// The epoch of the file given.
        found: u64,
    },
    /// An account's cumulative amount went down (the distributor would have paid it more).
    #[error("{account}'s cumulative amount fell from {previous} to {now} wei")]
    CumulativeDecreased {
        /// The account.
        account: Address,
        /// Its previous cumulative amount.
        previous: U256,
        /// Its new one.
        now: U256,
    },
    /// An account's cumulative amount is not its previous one plus this epoch's.
    #[error("{account}: cumulative {cumulative} wei is not previous {previous} + epoch {epoch}")]
    CumulativeMismatch {
        /// The account.
        account: Address,
        /// Its previous cumulative amount.
        previous: U256,
        /// This epoch's amount.
        epoch: U256,
        /// Its cumulative amount.
        cumulative: U256,
    },
    /// An account's epoch amount is not the sum of its lines.
    #[error("{account}: epoch amount {epoch} wei but its lines sum to {lines}")]
    LinesMismatch {
        /// The account.
        account: Address,
        /// Its epoch amount.
        epoch: U256,
        /// The sum of its lines.
        lines: U256,
    },
    /// A category's paid total is not the sum of its lines.
    #[error("category {category}: paid {paid} wei but its lines sum to {lines}")]
    CategoryMismatch {
        /// The category.
        category: Category,
        /// Its paid total.
        paid: U256,
        /// The sum of its lines over every account.
        lines: U256,
    },
    /// The epoch's total is not the sum of the categories.
    #[error("the epoch total {total} wei is not the sum of the categories {categories}")]
    TotalMismatch {
        /// The epoch total.
        total: U256,
        /// The sum of the categories' paid totals.
        categories: U256,
    },
    /// The cumulative total is not the sum of the accounts' cumulative amounts.
    #[error("the cumulative total {total} wei is not the sum of the accounts {accounts}")]
    CumulativeTotalMismatch {
        /// The cumulative total.
        total: U256,
        /// The sum over accounts.
        accounts: U256,
    },
    /// A category paid more than its budget.
    #[error("category {category} pays {paid} wei, above its budget {budget}")]
    OverBudget {
        /// The category.
        category: Category,
        /// What it pays.
        paid: U256,
        /// Its budget.
        budget: U256,
    },
}

/// Checks `next` against itself and against `previous` (the epoch before, if any).
pub fn check(previous: Option<&Rewards>, next: &Rewards) -> Result<(), CheckError> {
    if let Some(prev) = previous {
        if prev.epoch + 1 != next.epoch {
            return Err(CheckError::PreviousEpoch { expected: next.epoch - 1, found: prev.epoch });
        }
        for (account, before) in &prev.accounts {
            let now = next.accounts.get(account).map_or(U256::ZERO, |a| a.cumulative);
            if now < before.cumulative {
                return Err(CheckError::CumulativeDecreased {
                    account: *account,
                    previous: before.cumulative,
                    now,
                });
            }
        }
    }
    let mut per_category = std::collections::BTreeMap::<Category, U256>::new();
    let mut cumulative = U256::ZERO;
    for (account, a) in &next.accounts {
        let lines = a.lines.iter().fold(U256::ZERO, |sum, line| {
            *per_category.entry(line.category).or_default() += line.amount;
            sum + line.amount
        });
        if lines != a.epoch {
            return Err(CheckError::LinesMismatch { account: *account, epoch: a.epoch, lines });
        }
        if a.previous + a.epoch != a.cumulative {
            return Err(CheckError::CumulativeMismatch {
                account: *account,
                previous: a.previous,
                epoch: a.epoch,
                cumulative: a.cumulative,
            });
        }
        cumulative += a.cumulative;
    }
    let mut categories = U256::ZERO;
    for (category, total) in &next.totals {
        let lines = per_category.remove(category).unwrap_or_default();
        if lines != total.paid {
            return Err(CheckError::CategoryMismatch {
                category: *category,
                paid: total.paid,
                lines,
            });
        }
        if total.paid > total.budget {
            return Err(CheckError::OverBudget {
                category: *category,
                paid: total.paid,
                budget: total.budget,
            });
        }
        categories += total.paid;
    }
    if let Some((category, lines)) = per_category.into_iter().next() {
        return Err(CheckError::CategoryMismatch { category, paid: U256::ZERO, lines });
    }
    if next.epoch_total != categories {
        return Err(CheckError::TotalMismatch { total: next.epoch_total, categories });
    }
    if next.cumulative_total != cumulative {
        return Err(CheckError::CumulativeTotalMismatch {
            total: next.cumulative_total,
            accounts: cumulative,
        });
    }
    Ok(())
}
