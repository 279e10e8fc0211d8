//! Using a derivative: adoptions (a licence for the adopter, counted once, paid to the provider)
//! and invocations (each one paid), from the payer's prepaid balance when it covers the price or
//! else from its wallet; and the derivative as one view.

use std::fmt;

use alloy::{
    primitives::{Address, B256, U256},
    providers::Provider,
};
use era_bindings::derivatives::{DerivativeRegistry, IDerivativeRegistry::Derivative};
use serde::Serialize;

use crate::{
    AssetStatus, Client, LiquidationStage, Sent,
    error::Result,
    refuse,
    tx::send,
    units::{fmt_era, fmt_time},
};

/// An adoption or an invocation.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Used {
    /// "adopted" or "invoked".
    pub action: &'static str,
    /// The derivative.
    pub derivative_id: B256,
    /// The adopter or invoker as given.
    pub consumer: String,
    /// Its bytes32 key.
    pub consumer_key: B256,
    /// Who paid.
    pub payer: Address,
    /// Who was credited (the provider; the registry's credit pool once the derivative is seized).
    pub payee: Address,
    /// The price paid, ERA wei.
    #[serde(serialize_with = "crate::wei::serialize")]
    pub price: U256,
    /// Adoptions or invocations of the derivative so far.
    pub count: u32,
    /// The provider's credits now (claimable with `era derivative claim`), ERA wei.
    #[serde(serialize_with = "crate::wei::serialize")]
    pub payee_credits: U256,
    /// The approval (if the prepaid balance did not cover it) and the call.
    pub transactions: Vec<Sent>,
}

impl fmt::Display for Used {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{} derivative {} as {} for {} (#{})",
            self.action,
            self.derivative_id,
            self.consumer,
            fmt_era(self.price),
            self.count
        )?;
        write!(f, "  paid to      {} (credits {})", self.payee, fmt_era(self.payee_credits))?;
        for tx in &self.transactions {
            write!(f, "\n  {tx}")?;
        }
        Ok(())
    }
}

/// A derivative's credit line.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LoanView {
    /// Whether the derivative is pledged.
    pub pledged: bool,
    /// The credit limit now, ERA wei (zero when not pledged or not usable).
    #[serde(serialize_with = "crate::wei::serialize")]
    pub limit: U256,
    /// Principal and interest owed, ERA wei.
    #[serde(serialize_with = "crate::wei::serialize")]
    pub debt: U256,
    /// When the debt is due (zero: none drawn).
    pub due_at: u64,
    /// The liquidation's stage: none, committed, challenged, closed.
    pub liquidation: &'static str,
}

/// A derivative.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DerivativeView {
    /// The derivative.
    pub derivative_id: B256,
    /// The provider (the core's owner).
    pub provider: Address,
    /// The rule's kind.
    pub kind: String,
    /// The rule.
    pub rule_id: B256,
    /// The core asset.
    pub core_asset: B256,
    /// The core asset's status in the state-asset registry, read now.
    pub core_status: &'static str,
    /// The artifact's content hash.
    pub artifact: B256,
    /// Usable now: the rule is active and the core is live.
    pub usable: bool,
    /// Seized by a liquidation (its payments go to the credit pool).
    pub seized: bool,
    /// Adoptions so far.
    pub adoptions: u32,
    /// Invocations so far.
    pub invocations: u32,
    /// ERA wei per adoption.
    #[serde(serialize_with = "crate::wei::serialize")]
    pub adoption_price: U256,
    /// ERA wei per invocation.
    #[serde(serialize_with = "crate::wei::serialize")]
    pub invocation_price: U256,
    /// The provider's unclaimed credits, ERA wei.
    #[serde(serialize_with = "crate::wei::serialize")]
    pub provider_credits: U256,
    /// The credit line.
    pub loan: LoanView,
}

impl fmt::Display for DerivativeView {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let state = match (self.usable, self.seized) {
            (true, false) => "usable",
            (true, true) => "usable, seized",
            (false, _) => "NOT usable",
        };
        writeln!(f, "derivative {} ({}, {state})", self.derivative_id, self.kind)?;
        writeln!(f, "  provider     {}", self.provider)?;
        writeln!(f, "  core asset   {} ({})", self.core_asset, self.core_status)?;
        writeln!(f, "  artifact     {}", self.artifact)?;
        writeln!(
            f,
            "  adoptions    {} at {}   invocations {} at {}",
            self.adoptions,
            fmt_era(self.adoption_price),
            self.invocations,
            fmt_era(self.invocation_price)
        )?;
        writeln!(f, "  credits      {} to claim", fmt_era(self.provider_credits))?;
        let loan = &self.loan;
        if loan.pledged {
            write!(f, "  credit line  limit {}, owes {}", fmt_era(loan.limit), fmt_era(loan.debt))?;
            if loan.due_at != 0 {
                write!(f, ", due {}", fmt_time(loan.due_at))?;
            }
        } else {
            write!(f, "  credit line  not pledged")?;
        }
        if loan.liquidation != "none" {
            write!(f, " (liquidation {})", loan.liquidation)?;
        }
        Ok(())
    }
}

impl<P: Provider> Client<P> {
    /// The derivative `id`.
    pub async fn derivative_view(&self, id: B256) -> Result<DerivativeView> {
        let registry = self.derivatives();
        let d = self.existing_derivative(id).await?;
        let rule = registry.ruleOf(d.ruleId).call().await?;
        let core_status = self.assets().statusOf(d.coreAssetId).call().await?;
        let loan = registry.loanOf(id).call().await?;
        Ok(DerivativeView {
            derivative_id: id,
            provider: d.provider,
            kind: super::kind_name(rule.kind),
            rule_id: d.ruleId,
            core_asset: d.coreAssetId,
            core_status: AssetStatus::name_of(core_status),
            artifact: d.artifactHash,
            usable: registry.isUsable(id).call().await?,
            seized: d.seized,
            adoptions: d.adoptions,
            invocations: d.invocations,
            adoption_price: U256::from(rule.adoptionPrice),
            invocation_price: U256::from(rule.invocationPrice),
            provider_credits: registry.credits(d.provider).call().await?,
            loan: LoanView {
                pledged: loan.pledged,
                limit: registry.creditLimit(id).call().await?,
                debt: registry.debtOf(id).call().await?,
                due_at: loan.dueAt.to(),
                liquidation: LiquidationStage::name_of(loan.liquidation),
            },
        })
    }

    /// Derivative `id` as the registry stores it; refused when there is none.
    async fn existing_derivative(&self, id: B256) -> Result<Derivative> {
        let d = self.derivatives().derivativeOf(id).call().await?;
        if d.provider.is_zero() {
            refuse!("no derivative {id}: era derivative register creates one");
        }
        Ok(d)
    }

    /// `payer` adopts derivative `id` for `adopter` (a licence, counted once).
    pub async fn adopt(&self, payer: Address, id: B256, adopter: &str) -> Result<Used> {
        let key = crate::assets::consumer_key(adopter);
        if self.derivatives().isLicensed(id, key).call().await? {
            refuse!("{adopter} adopted derivative {id} already: an adoption is counted once");
        }
        self.use_derivative(payer, id, adopter, key, true).await
    }

    /// `payer` invokes derivative `id` for `invoker` (each invocation is paid).
    pub async fn invoke_derivative(&self, payer: Address, id: B256, invoker: &str) -> Result<Used> {
        let key = crate::assets::consumer_key(invoker);
        self.use_derivative(payer, id, invoker, key, false).await
    }

    async fn use_derivative(
        &self,
        payer: Address,
        id: B256,
        consumer: &str,
        key: B256,
        adoption: bool,
    ) -> Result<Used> {
        // What the registry checks on every use, and the price: not the whole view.
        let registry = self.derivatives();
        let d = self.existing_derivative(id).await?;
        let rule = registry.ruleOf(d.ruleId).call().await?;
        if !rule.active {
            refuse!("derivative {id} is not usable: its rule {} is deactivated", d.ruleId);
        }
        let status = self.assets().statusOf(d.coreAssetId).call().await?;
        if status != AssetStatus::Live as u8 {
            refuse!(
                "derivative {id} is not usable: its core asset {} is {} (a derivative is usable only while its core is live)",
                d.coreAssetId,
                AssetStatus::name_of(status)
            );
        }
        let price = U256::from(if adoption { rule.adoptionPrice } else { rule.invocationPrice });
        let mut transactions = Vec::new();
        if registry.deposits(payer).call().await? < price {
            let spender = self.addresses.derivatives;
            transactions.extend(self.approve_era(payer, spender, price, "the price is").await?);
        }
        let (sent, payee, count) = if adoption {
            let sent = send("adopt", registry.adopt(id, key)).await?;
            let e: DerivativeRegistry::Adopted = self.event(&sent).await?;
            (sent, e.payee, e.adoptions)
        } else {
            let sent = send("invoke", registry.invoke(id, key)).await?;
            let e: DerivativeRegistry::Invoked = self.event(&sent).await?;
            (sent, e.payee, e.invocations)
        };
        transactions.push(sent);
        Ok(Used {
            action: if adoption { "adopted" } else { "invoked" },
            derivative_id: id,
            consumer: consumer.to_owned(),
            consumer_key: key,
            payer,
            payee,
            price,
            count,
            payee_credits: registry.credits(payee).call().await?,
            transactions,
        })
    }
}
