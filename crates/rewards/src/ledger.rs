//! Lines as they are decided, per account, and what each category was asked and paid; scaling a
//! category down to its budget.

use std::collections::BTreeMap;

use alloy::primitives::{Address, U256};

use crate::{Category, Line, Rule, Total, amount::fmt_era};

/// `amount` of a category whose demand is `demand`, scaled down pro rata when the demand is above
/// `budget` (rounded down: the remainder stays unpaid).
pub(crate) fn scale(amount: U256, demand: U256, budget: U256) -> U256 {
    if demand <= budget { amount } else { amount * budget / demand }
}

/// What a scaled line says about it.
pub(crate) fn scaled_note(demand: U256, budget: U256) -> String {
    if demand <= budget {
        String::new()
    } else {
        format!("; scaled by budget {} / demand {}", fmt_era(budget), fmt_era(demand))
    }
}

/// One account's claim on a category before scaling.
pub(crate) struct Demand {
    pub(crate) account: Address,
    pub(crate) rule: Rule,
    pub(crate) amount: U256,
    pub(crate) detail: String,
}

/// The epoch's lines and totals.
#[derive(Debug, Default)]
pub(crate) struct Ledger {
    pub(crate) lines: BTreeMap<Address, Vec<Line>>,
    pub(crate) totals: BTreeMap<Category, Total>,
}

impl Ledger {
    /// Pays `amount` (already scaled) to `account`; zero amounts leave no line.
    pub(crate) fn pay(
        &mut self,
        account: Address,
        category: Category,
        rule: Rule,
        amount: U256,
        detail: String,
    ) {
        if amount.is_zero() {
            return;
        }
        self.totals.entry(category).or_default().paid += amount;
        self.lines.entry(account).or_default().push(Line { category, rule, amount, detail });
    }

    /// Sets a category's budget and demand (its paid total adds up from [`Ledger::pay`]).
    pub(crate) fn budget(&mut self, category: Category, budget: U256, demand: U256) {
        let total = self.totals.entry(category).or_default();
        total.budget = budget;
        total.demand = demand;
    }

    /// Pays a category of independent demands, scaled down together to its budget.
    pub(crate) fn pay_category(&mut self, category: Category, budget: U256, demands: Vec<Demand>) {
        let demand = demands.iter().map(|d| d.amount).sum();
        self.budget(category, budget, demand);
        let note = scaled_note(demand, budget);
        for d in demands {
            let amount = scale(d.amount, demand, budget);
            self.pay(d.account, category, d.rule, amount, format!("{}{note}", d.detail));
        }
    }
}
