//! Credit lines backed by derivatives: a governance-funded pool, a limit of the core's anchor x
//! the loan-to-value ratio x the derivative's weight, draws and repayments with interest, and
//! liquidation of a defaulted line (the derivative is seized and the core's anchor is put at stake
//! through the state-asset registry's own challenge, which governance resolves). Also the
//! prepaid balance adoptions and invocations are paid from, and claiming credits.

use std::fmt;

use alloy::{
    primitives::{Address, B256, U256},
    providers::Provider,
};
use era_bindings::derivatives::DerivativeRegistry;
use serde::Serialize;

use super::LoanView;
use crate::{Client, LiquidationStage, Sent, error::Result, refuse, tx::send, units::fmt_era};

/// A pool, balance or credit-line movement.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CreditMove {
    /// What happened ("funded the credit pool", "drew", ...).
    pub action: String,
    /// The derivative, for credit-line moves.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub derivative_id: Option<B256>,
    /// The amount moved, ERA wei.
    #[serde(serialize_with = "crate::wei::serialize")]
    pub amount: U256,
    /// The credit pool afterwards, ERA wei (for pool and credit-line moves).
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "crate::wei::serialize_opt")]
    pub pool: Option<U256>,
    /// The credit line afterwards, for credit-line moves.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub loan: Option<LoanView>,
    /// The approval (if one was needed) and the call.
    pub transactions: Vec<Sent>,
}

impl fmt::Display for CreditMove {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.action, fmt_era(self.amount))?;
        if let Some(pool) = self.pool {
            write!(f, " (credit pool {})", fmt_era(pool))?;
        }
        if let (Some(id), Some(loan)) = (self.derivative_id, &self.loan) {
            write!(
                f,
                "\n  derivative   {id}: limit {}, owes {}",
                fmt_era(loan.limit),
                fmt_era(loan.debt)
            )?;
        }
        for tx in &self.transactions {
            write!(f, "\n  {tx}")?;
        }
        Ok(())
    }
}

/// What a [`CreditMove`] changed, and so what it reports afterwards: the pool, a credit line
/// (with the pool), or an account's balance here (prepaid or credited).
enum Moved {
    Pool,
    Line(B256),
    Balance,
}

/// Funds for the pool ([`Client::fund_credit_pool`]).
pub type PoolFunded = CreditMove;

/// A liquidation step.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Liquidated {
    /// The derivative.
    pub derivative_id: B256,
    /// The stage reached: committed (the derivative is seized and a challenge of the core is
    /// committed), challenged (revealed, bond posted: governance resolves it), closed.
    pub stage: &'static str,
    /// What to do next.
    pub next: String,
    /// The credit pool after the step, ERA wei.
    #[serde(serialize_with = "crate::wei::serialize")]
    pub pool: U256,
    /// The step's transaction.
    pub tx: Sent,
}

impl fmt::Display for Liquidated {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "liquidation of derivative {}: {}", self.derivative_id, self.stage)?;
        writeln!(f, "  credit pool  {}", fmt_era(self.pool))?;
        writeln!(f, "  next         {}", self.next)?;
        write!(f, "  {}", self.tx)
    }
}

impl<P: Provider> Client<P> {
    /// `sender` adds `amount` ERA to the credit pool (`what`: "fund") or to its prepaid balance
    /// ("deposit"), or repays `amount` of derivative `repay`'s debt.
    async fn pay_derivatives(
        &self,
        sender: Address,
        amount: U256,
        what: &str,
    ) -> Result<Vec<Sent>> {
        if amount.is_zero() {
            refuse!("the amount must be more than zero");
        }
        let spender = self.addresses.derivatives;
        Ok(self
            .approve_era(sender, spender, amount, &format!("the {what} is"))
            .await?
            .into_iter()
            .collect())
    }

    async fn credit_move(
        &self,
        action: String,
        moved: Moved,
        amount: U256,
        mut transactions: Vec<Sent>,
        sent: Sent,
    ) -> Result<CreditMove> {
        transactions.push(sent);
        let pool = match moved {
            Moved::Balance => None,
            Moved::Pool | Moved::Line(_) => Some(self.derivatives().creditPool().call().await?),
        };
        let (derivative_id, loan) = match moved {
            Moved::Line(id) => (Some(id), Some(self.derivative_view(id).await?.loan)),
            Moved::Pool | Moved::Balance => (None, None),
        };
        Ok(CreditMove { action, derivative_id, amount, pool, loan, transactions })
    }

    /// `sender` funds the credit pool with `amount` ERA (anyone may; governance does).
    pub async fn fund_credit_pool(&self, sender: Address, amount: U256) -> Result<CreditMove> {
        let txs = self.pay_derivatives(sender, amount, "funding").await?;
        let sent = send("fundCreditPool", self.derivatives().fundCreditPool(amount)).await?;
        self.credit_move("funded the credit pool with".into(), Moved::Pool, amount, txs, sent).await
    }

    /// `sender` prepays `amount` ERA for adoptions and invocations.
    pub async fn deposit_derivatives(&self, sender: Address, amount: U256) -> Result<CreditMove> {
        let txs = self.pay_derivatives(sender, amount, "deposit").await?;
        let sent = send("deposit", self.derivatives().deposit(amount)).await?;
        self.credit_move("prepaid".into(), Moved::Balance, amount, txs, sent).await
    }

    /// The provider `sender` pledges derivative `id` for a credit line.
    pub async fn pledge_derivative(&self, sender: Address, id: B256) -> Result<CreditMove> {
        let view = self.derivative_view(id).await?;
        if view.provider != sender {
            refuse!("derivative {id} is {}'s: only its provider pledges it", view.provider);
        }
        if view.loan.pledged {
            refuse!("derivative {id} is pledged already (limit {})", fmt_era(view.loan.limit));
        }
        let other = self.derivatives().pledgeOf(view.core_asset).call().await?;
        if !other.is_zero() {
            refuse!(
                "core asset {} backs the credit line of derivative {other} already: one line per core (era derivative unpledge {other} once it owes nothing)",
                view.core_asset
            );
        }
        let sent = send("pledge", self.derivatives().pledge(id)).await?;
        let e: DerivativeRegistry::Pledged = self.event(&sent).await?;
        self.credit_move(
            "pledged for a credit line of".into(),
            Moved::Line(id),
            e.limit,
            vec![],
            sent,
        )
        .await
    }

    /// The provider `sender` ends derivative `id`'s credit line (it must owe nothing).
    pub async fn unpledge_derivative(&self, sender: Address, id: B256) -> Result<CreditMove> {
        let view = self.derivative_view(id).await?;
        if view.provider != sender {
            refuse!("derivative {id} is {}'s: only its provider unpledges it", view.provider);
        }
        if !view.loan.pledged {
            refuse!("derivative {id} is not pledged");
        }
        if !view.loan.debt.is_zero() {
            refuse!("derivative {id} owes {}: repay it first", fmt_era(view.loan.debt));
        }
        let sent = send("unpledge", self.derivatives().unpledge(id)).await?;
        self.credit_move(
            "ended the credit line of".into(),
            Moved::Line(id),
            view.loan.limit,
            vec![],
            sent,
        )
        .await
    }

    /// The provider `sender` draws `amount` ERA on derivative `id`'s credit line.
    pub async fn draw_credit(&self, sender: Address, id: B256, amount: U256) -> Result<CreditMove> {
        let view = self.derivative_view(id).await?;
        if view.provider != sender {
            refuse!("derivative {id} is {}'s: only its provider draws on it", view.provider);
        }
        if !view.loan.pledged {
            refuse!("derivative {id} is not pledged: era derivative pledge {id} first");
        }
        let available = view.loan.limit.saturating_sub(view.loan.debt);
        if amount > available {
            refuse!(
                "{} is above the credit available on derivative {id}: {} (limit {}, owed {})",
                fmt_era(amount),
                fmt_era(available),
                fmt_era(view.loan.limit),
                fmt_era(view.loan.debt)
            );
        }
        let sent = send("draw", self.derivatives().draw(id, amount)).await?;
        self.credit_move("drew".into(), Moved::Line(id), amount, vec![], sent).await
    }

    /// `sender` repays up to `amount` ERA of derivative `id`'s debt.
    pub async fn repay_credit(
        &self,
        sender: Address,
        id: B256,
        amount: U256,
    ) -> Result<CreditMove> {
        let debt = self.derivatives().debtOf(id).call().await?;
        if debt.is_zero() {
            refuse!("derivative {id} owes nothing");
        }
        let paid = amount.min(debt);
        let txs = self.pay_derivatives(sender, paid, "repayment").await?;
        let sent = send("repay", self.derivatives().repay(id, amount)).await?;
        self.credit_move("repaid".into(), Moved::Line(id), paid, txs, sent).await
    }

    /// `sender` takes derivative `id`'s liquidation one step on.
    pub async fn liquidate_derivative(&self, id: B256) -> Result<Liquidated> {
        let sent = send("liquidate", self.derivatives().liquidate(id)).await?;
        let loan = self.derivatives().loanOf(id).call().await?;
        let stage = LiquidationStage::name_of(loan.liquidation);
        let core = self.derivatives().derivativeOf(id).call().await?.coreAssetId;
        let next = match stage {
            "committed" => format!(
                "era derivative liquidate {id} again from the next block: it reveals the challenge of core asset {core}"
            ),
            "challenged" => format!(
                "governance resolves the challenge of core asset {core} (era asset resolve-challenge --asset {core} --challenger {} --uphold|--dismiss); then era derivative liquidate {id} closes it",
                self.addresses.derivatives
            ),
            _ => "nothing: the liquidation is closed".to_owned(),
        };
        let pool = self.derivatives().creditPool().call().await?;
        Ok(Liquidated { derivative_id: id, stage, next, pool, tx: sent })
    }

    /// Pays `account` its credits from the derivative registry.
    pub async fn claim_derivative_credits(&self, account: Address) -> Result<CreditMove> {
        let amount = self.derivatives().credits(account).call().await?;
        if amount.is_zero() {
            refuse!("{account} has no credits in the derivative registry");
        }
        let sent = send("claim", self.derivatives().claim(account)).await?;
        self.credit_move(format!("paid {account}"), Moved::Balance, amount, vec![], sent).await
    }
}
