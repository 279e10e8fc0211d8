//! Components: registration with a pledge, prepaid invocations (the owner credited the price less
//! the evolution pool's share), retiring and withdrawing the pledge, claiming credits.

use alloy::{
    primitives::{Address, B256, U256},
    providers::Provider,
};
use era_bindings::CapabilityRegistry;

use super::{Acted, ComponentView, PoolView};
use crate::{Client, ComponentKind, Sent, error::Result, refuse, tx::send, units::fmt_era};

impl<P: Provider> Client<P> {
    /// Checks `payer` holds `amount` ERA and approves the capability registry for it if needed.
    pub(super) async fn pay_capabilities(
        &self,
        payer: Address,
        amount: U256,
        what: &str,
    ) -> Result<Vec<Sent>> {
        let spender = self.addresses.capabilities;
        Ok(self
            .approve_era(payer, spender, amount, &format!("the {what} is"))
            .await?
            .into_iter()
            .collect())
    }

    /// `owner` registers a component of `kind` under `metrics`, priced `price` per invocation,
    /// pledging `pledge` ERA.
    pub async fn register_component(
        &self,
        owner: Address,
        kind: ComponentKind,
        metrics: B256,
        price: U256,
        pledge: U256,
    ) -> Result<Acted<ComponentView>> {
        let minimum = U256::from(self.capabilities().params().call().await?.minPledge);
        if pledge < minimum {
            refuse!("a pledge of {} is below the minimum {}", fmt_era(pledge), fmt_era(minimum));
        }
        let mut transactions = self.pay_capabilities(owner, pledge, "pledge").await?;
        let registry = self.capabilities();
        let call = registry.registerComponent(kind.into(), metrics, price, pledge);
        let sent = send("registerComponent", call).await?;
        let e: CapabilityRegistry::ComponentRegistered = self.event(&sent).await?;
        transactions.push(sent);
        let id: u64 = e.componentId.to();
        Ok(Acted {
            headline: format!("registered component {id} ({kind}), pledging {}", fmt_era(pledge)),
            state: self.component_view(id).await?,
            transactions,
        })
    }

    /// `account` prepays `amount` ERA for invocations.
    pub async fn deposit_components(
        &self,
        account: Address,
        amount: U256,
    ) -> Result<Acted<PoolView>> {
        if amount.is_zero() {
            refuse!("the amount must be more than zero");
        }
        let mut transactions = self.pay_capabilities(account, amount, "deposit").await?;
        transactions.push(send("deposit", self.capabilities().deposit(amount)).await?);
        let balance = self.capabilities().prepaid(account).call().await?;
        Ok(Acted {
            headline: format!(
                "prepaid {} ({account} holds {} for invocations)",
                fmt_era(amount),
                fmt_era(balance)
            ),
            state: self.pool_view().await?,
            transactions,
        })
    }

    /// `invoker` invokes component `id` from its prepaid balance, at most at `max_price`.
    pub async fn invoke_component(
        &self,
        invoker: Address,
        id: u64,
        max_price: Option<U256>,
    ) -> Result<Acted<ComponentView>> {
        let view = self.component_view(id).await?;
        let balance = self.capabilities().prepaid(invoker).call().await?;
        if balance < view.price {
            refuse!(
                "{invoker} prepaid {} but component {id} costs {}: era component deposit first",
                fmt_era(balance),
                fmt_era(view.price)
            );
        }
        let registry = self.capabilities();
        let call = registry.invoke(U256::from(id), max_price.unwrap_or(view.price));
        let sent = send("invoke", call).await?;
        let e: CapabilityRegistry::Invoked = self.event(&sent).await?;
        Ok(Acted {
            headline: format!(
                "invoked component {id} for {}: {} to its owner, {} to the evolution pool",
                fmt_era(e.price),
                fmt_era(e.ownerShare),
                fmt_era(e.poolShare)
            ),
            state: self.component_view(id).await?,
            transactions: vec![sent],
        })
    }

    /// The owner `sender` starts retiring component `id` (its pledge leaves after the delay).
    pub async fn retire_component(&self, sender: Address, id: u64) -> Result<Acted<ComponentView>> {
        self.require_component_owner(sender, id).await?;
        let sent =
            send("retireComponent", self.capabilities().retireComponent(U256::from(id))).await?;
        Ok(Acted {
            headline: format!("retiring component {id}: it takes no more invocations"),
            state: self.component_view(id).await?,
            transactions: vec![sent],
        })
    }

    /// The owner `sender` takes component `id`'s pledge back after its retirement delay.
    pub async fn withdraw_pledge(&self, sender: Address, id: u64) -> Result<Acted<ComponentView>> {
        self.require_component_owner(sender, id).await?;
        let sent =
            send("withdrawPledge", self.capabilities().withdrawPledge(U256::from(id))).await?;
        let e: CapabilityRegistry::PledgeWithdrawn = self.event(&sent).await?;
        Ok(Acted {
            headline: format!("withdrew the pledge of component {id}: {}", fmt_era(e.pledge)),
            state: self.component_view(id).await?,
            transactions: vec![sent],
        })
    }

    /// Pays `account` its credits from the capability registry.
    pub async fn claim_component_credits(&self, account: Address) -> Result<Acted<PoolView>> {
        let amount = self.capabilities().credits(account).call().await?;
        if amount.is_zero() {
            refuse!("{account} has no credits in the capability registry");
        }
        let sent = send("claim", self.capabilities().claim(account)).await?;
        Ok(Acted {
            headline: format!("paid {account} {}", fmt_era(amount)),
            state: self.pool_view().await?,
            transactions: vec![sent],
        })
    }

    /// Refuses `sender` unless it owns component `id`.
    pub(super) async fn require_component_owner(
        &self,
        sender: Address,
        id: u64,
    ) -> Result<ComponentView> {
        let view = self.component_view(id).await?;
        if view.owner != sender {
            refuse!("component {id} is {}'s, not {sender}'s: use the owner's key", view.owner);
        }
        Ok(view)
    }
}
