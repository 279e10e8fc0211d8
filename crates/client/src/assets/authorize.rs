//! Authorizing a consumer on an asset (the owner pays, or the consumer with the owner's consent),
//! revoking it with a refund of the unused period, and paying out the credits fees leave.

use std::fmt;

use alloy::{
    primitives::{Address, B256, U256},
    providers::Provider,
};
use era_bindings::StateAssetRegistry;
use serde::Serialize;

use super::{Consent, check_period, fmt_coefficient, require_live};
use crate::{
    Client, Sent,
    error::Result,
    refuse,
    tx::send,
    units::{fmt_era, fmt_time},
};

/// A paid authorization and where its fee went.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Authorization {
    /// The asset.
    pub asset_id: B256,
    /// The consumer.
    pub consumer: B256,
    /// Until when.
    pub expiry: u64,
    /// The fee paid.
    #[serde(serialize_with = "crate::wei::serialize")]
    pub fee: U256,
    /// The owner's part (credited: `era asset claim`).
    #[serde(serialize_with = "crate::wei::serialize")]
    pub owner_reward: U256,
    /// The scenario developer's part.
    #[serde(serialize_with = "crate::wei::serialize")]
    pub developer_reward: U256,
    /// The treasury's part.
    #[serde(serialize_with = "crate::wei::serialize")]
    pub protocol_share: U256,
    /// The scenario developer.
    pub developer: Address,
    /// The treasury.
    pub treasury: Address,
    /// The coefficient after this use, basis points.
    pub coefficient: u32,
    /// The approval (if one was needed) and the authorization.
    pub transactions: Vec<Sent>,
}

impl fmt::Display for Authorization {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "authorized {} on asset {}", self.consumer, self.asset_id)?;
        writeln!(f, "  until        {}", fmt_time(self.expiry))?;
        writeln!(f, "  fee          {}", fmt_era(self.fee))?;
        writeln!(f, "    owner      {} (credited; era asset claim)", fmt_era(self.owner_reward))?;
        writeln!(f, "    developer  {} to {}", fmt_era(self.developer_reward), self.developer)?;
        writeln!(f, "    protocol   {} to {}", fmt_era(self.protocol_share), self.treasury)?;
        write!(f, "  coefficient  {}", fmt_coefficient(self.coefficient))?;
        for tx in &self.transactions {
            write!(f, "\n  {tx}")?;
        }
        Ok(())
    }
}

/// A revoked authorization.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Revoked {
    /// The asset.
    pub asset_id: B256,
    /// The consumer.
    pub consumer: B256,
    /// ERA refunded to whoever paid for the authorization, for its unused period.
    #[serde(serialize_with = "crate::wei::serialize")]
    pub refund: U256,
    /// Who got the refund (zero when the owner paid itself).
    pub payer: Address,
    /// The approval (if the refund needed one) and the revocation.
    pub txs: Vec<Sent>,
}

impl fmt::Display for Revoked {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "revoked {} on asset {} (sent to every rollup it was exported to)",
            self.consumer, self.asset_id
        )?;
        if !self.refund.is_zero() {
            writeln!(
                f,
                "  refunded {} to {} for the unused period",
                fmt_era(self.refund),
                self.payer
            )?;
        }
        let lines: Vec<String> = self.txs.iter().map(|t| format!("  {t}")).collect();
        write!(f, "{}", lines.join("\n"))
    }
}

/// Paid-out credits.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Claimed {
    /// Whose credits (they always go to that account).
    pub account: Address,
    /// How much.
    #[serde(serialize_with = "crate::wei::serialize")]
    pub amount: U256,
    /// The claim.
    pub tx: Sent,
}

impl fmt::Display for Claimed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "paid {} to {}", fmt_era(self.amount), self.account)?;
        write!(f, "  {}", self.tx)
    }
}

impl<P: Provider> Client<P> {
    /// As the owner of `asset`, authorizes `consumer` for `period` seconds and pays the fee.
    pub async fn authorize(
        &self,
        owner: Address,
        asset: B256,
        consumer: B256,
        period: u64,
    ) -> Result<Authorization> {
        check_period(period)?;
        let registry = self.assets();
        let a = self.owned_asset(asset, owner).await?;
        require_live(asset, &a)?;
        let schema = registry.schemaOf(a.schemaId).call().await?;
        if !schema.active {
            refuse!("the asset's schema {} is deactivated by governance", a.schemaId);
        }
        if registry.paused().call().await? {
            refuse!(
                "the registry is paused by its guardian: authorizations are refused until it is unpaused"
            );
        }
        let expiry = self.chain_time().await? + period;
        let mut transactions = Vec::new();
        transactions.extend(self.pay_registry(owner, U256::from(schema.fee), "fee").await?);
        let sent = send("authorize", registry.authorize(asset, consumer, expiry)).await?;
        self.authorization(sent, transactions, schema.developer).await
    }

    /// As a consumer (`payer`), pays the fee of the authorization the owner consented to.
    pub async fn pay(&self, payer: Address, consent: &Consent) -> Result<Authorization> {
        let registry = self.assets();
        self.check_consent(consent).await?;
        if self.chain_time().await? > consent.deadline {
            refuse!(
                "the consent expired at {}: ask the owner for a new one",
                fmt_time(consent.deadline)
            );
        }
        let a = registry.assetOf(consent.asset_id).call().await?;
        if self.nonce_used(a.owner, consent.nonce).await? {
            refuse!(
                "the consent was used or cancelled (its nonce is spent): ask the owner for a new one"
            );
        }
        require_live(consent.asset_id, &a)?;
        let schema = registry.schemaOf(a.schemaId).call().await?;
        let mut transactions = Vec::new();
        transactions.extend(self.pay_registry(payer, U256::from(schema.fee), "fee").await?);
        let call = registry.authorizeWithConsent(
            consent.asset_id,
            consent.consumer,
            consent.expiry,
            consent.nonce,
            U256::from(consent.deadline),
            consent.signature.clone(),
        );
        let sent = send("authorize", call).await?;
        self.authorization(sent, transactions, schema.developer).await
    }

    /// What an authorization transaction did, from its `Authorized` event; `sent` joins the
    /// transactions that prepared it.
    async fn authorization(
        &self,
        sent: Sent,
        mut transactions: Vec<Sent>,
        developer: Address,
    ) -> Result<Authorization> {
        let e: StateAssetRegistry::Authorized = self.event(&sent).await?;
        transactions.push(sent);
        Ok(Authorization {
            asset_id: e.assetId,
            consumer: e.consumer,
            expiry: e.expiry,
            fee: e.fee,
            owner_reward: e.ownerReward,
            developer_reward: e.developerReward,
            protocol_share: e.protocolShare,
            developer,
            treasury: self.assets().treasury().call().await?,
            coefficient: e.coefficient,
            transactions,
        })
    }

    /// As the owner of `asset`, ends `consumer`'s authorization. A consumer-paid authorization is
    /// refunded pro rata for its unused period, from the owner's credits first and then from its
    /// wallet; mirrors on other rollups learn of it, and the owner pays those messages.
    pub async fn revoke(&self, owner: Address, asset: B256, consumer: B256) -> Result<Revoked> {
        self.owned_asset(asset, owner).await?;
        let registry = self.assets();
        let now = self.chain_time().await?;
        let grant = registry.grantOf(asset, consumer).call().await?;
        let (g, payer) = (grant._0, grant.payer);
        if g.expiry <= now {
            refuse!(
                "{consumer} holds no unexpired authorization on asset {asset}: nothing to revoke"
            );
        }
        let start = g.start.to::<u64>();
        let refund = if g.paidByOther && g.expiry > start {
            U256::from(g.fee) * U256::from(g.expiry - now.min(g.expiry))
                / U256::from(g.expiry - start)
        } else {
            U256::ZERO
        };
        let mut txs = Vec::new();
        let from_wallet = refund.saturating_sub(registry.credits(owner).call().await?);
        if !from_wallet.is_zero() {
            txs.extend(self.pay_registry(owner, from_wallet, "refund").await?);
        }
        let fee = registry.quoteMessages(asset, consumer).call().await?;
        txs.push(send("revoke", registry.revoke(asset, consumer).value(fee)).await?);
        Ok(Revoked { asset_id: asset, consumer, refund, payer, txs })
    }

    /// Pays out the ERA the registry credited to `account` (anyone may send it).
    pub async fn claim_fees(&self, account: Address) -> Result<Claimed> {
        let amount = self.assets().credits(account).call().await?;
        if amount.is_zero() {
            refuse!("{account} has no ERA credited by the asset registry: nothing to claim");
        }
        let tx = send("claim", self.assets().claim(account)).await?;
        Ok(Claimed { account, amount, tx })
    }
}
