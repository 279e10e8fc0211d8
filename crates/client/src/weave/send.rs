//! `UnitSender`'s sends: the origin reads the fact itself, numbers it, records its hash and
//! dispatches it to the destination's route (destination 0: record only, for the proof route).

use std::fmt;

use alloy::{
    primitives::{Address, B256, U256},
    providers::Provider,
};
use era_bindings::weave::sender::{StateUnit::Unit, UnitSender};
use serde::Serialize;

use super::{Described, Fact};
use crate::{Client, Sent, error::Result, refuse, tx::send};

/// A unit the origin sent.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SentUnit {
    /// The unit.
    #[serde(flatten)]
    pub unit: Described,
    /// Whether the fact holds on the origin (false: the unit is a revocation).
    pub holds: bool,
    /// The destination domain (zero: recorded only, for a storage proof).
    pub destination: u32,
    /// The Hyperlane message (zero when recorded only).
    pub message_id: B256,
    /// The send.
    pub tx: Sent,
}

impl fmt::Display for SentUnit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let verdict = if self.holds { "holds" } else { "REVOKED: no longer holds" };
        writeln!(f, "sent unit {}: {} ({verdict})", self.unit.nonce, self.unit.fact)?;
        writeln!(f, "{}", self.unit)?;
        if self.destination == 0 {
            writeln!(
                f,
                "  recorded on chain {} for a storage proof (era weave prove)",
                self.unit.origin
            )?;
        } else {
            writeln!(
                f,
                "  message      {} to domain {} (deliver it with era weave relay)",
                self.message_id, self.destination
            )?;
        }
        write!(f, "  {}", self.tx)
    }
}

impl<P: Provider> Client<P> {
    /// Sends `fact` (read on this chain) to domain `to` (zero: record only). Contributions need
    /// their rewards proof: use [`Client::send_contribution`].
    pub async fn send_unit(&self, fact: &Fact, to: u32) -> Result<SentUnit> {
        let s = self.unit_sender();
        let fact = &self.risk_fact(fact).await?;
        let fee = self.unit_fee(fact, to).await?;
        let tx = match *fact {
            Fact::Tier { node, tier } => {
                send("sendTier", s.sendTier(node, tier, to).value(fee)).await?
            }
            Fact::ScenarioRole { node, scenario } => {
                let call = s.sendScenarioRole(node, U256::from(scenario), to);
                send("sendScenarioRole", call.value(fee)).await?
            }
            Fact::Partner { actor, partner } => {
                send("sendPartner", s.sendPartner(actor, partner, to).value(fee)).await?
            }
            Fact::Role { target, role, account } => {
                send("sendRole", s.sendRole(target, role, account, to).value(fee)).await?
            }
            Fact::Invites { inviter } => {
                send("sendInvites", s.sendInvites(inviter, to).value(fee)).await?
            }
            Fact::Votes { account, snapshot } => {
                let now = self.provider.get_block_number().await?;
                if snapshot >= now {
                    refuse!(
                        "block {snapshot} is not in the past (the chain is at block {now}): voting power is sent only for past blocks"
                    );
                }
                let call = s.sendVotes(account, U256::from(snapshot), to);
                send("sendVotes", call.value(fee)).await?
            }
            Fact::Risk { provider, .. } => {
                send("sendRisk", s.sendRisk(provider, to).value(fee)).await?
            }
            Fact::Contribution { .. } => {
                refuse!("a contribution needs its rewards proof: use send_contribution")
            }
            Fact::Asset { .. } => {
                refuse!("asset units are sent by the registry: use `era asset export`")
            }
        };
        self.sent_unit(fact, to, tx).await
    }

    /// Sends `account`'s cumulative contribution rewards `cumulative` in active root
    /// `root_index`, shown by `proof`, to domain `to`.
    pub async fn send_contribution(
        &self,
        account: Address,
        (root_index, cumulative, proof): (u64, U256, Vec<B256>),
        to: u32,
    ) -> Result<SentUnit> {
        let fact = Fact::Contribution { account };
        let fee = self.unit_fee(&fact, to).await?;
        let sender = self.unit_sender();
        let call = sender.sendContribution(account, U256::from(root_index), cumulative, proof, to);
        let tx = send("sendContribution", call.value(fee)).await?;
        self.sent_unit(&fact, to, tx).await
    }

    /// `fact`, a risk fact naming the feed the sender reads (refused when it names another, or
    /// the sender has none); any other fact as it is.
    async fn risk_fact(&self, fact: &Fact) -> Result<Fact> {
        let Fact::Risk { provider, feed } = *fact else { return Ok(fact.clone()) };
        let s = self.unit_sender();
        if s.address().is_zero() {
            refuse!("this chain's suite has no UnitSender: redeploy it with this version of era")
        }
        let wired = s.riskFeed().call().await?;
        if wired.is_zero() {
            refuse!(
                "the UnitSender reads no risk feed yet: `era deploy` wires it (governance: setRiskFeed)"
            )
        }
        if !feed.is_zero() && feed != wired {
            refuse!("the UnitSender reads risk units from the feed {wired}, not {feed}")
        }
        Ok(Fact::Risk { provider, feed: wired })
    }

    /// The fee of sending a unit of `fact`'s kind to `to`, after checking a route is enrolled.
    async fn unit_fee(&self, fact: &Fact, to: u32) -> Result<U256> {
        let s = self.unit_sender();
        if s.address().is_zero() {
            refuse!("this chain's suite has no UnitSender: redeploy it with this version of era")
        }
        if to == 0 {
            return Ok(U256::ZERO);
        }
        if s.routes(to).call().await?.is_zero() {
            refuse!(
                "no route is enrolled for domain {to}: governance enrolls the destination's HyperlaneUnitRoute with `era weave route --domain {to} --route <address>`"
            );
        }
        let kind = u8::from(fact.locate(0).kind);
        Ok(s.quote(Unit { kind, ..Default::default() }, to).call().await?)
    }

    async fn sent_unit(&self, fact: &Fact, to: u32, tx: Sent) -> Result<SentUnit> {
        let e: UnitSender::UnitSent = self.event(&tx).await?;
        let u = e.unit;
        Ok(SentUnit {
            unit: Described::new(fact, u.origin, (u.value, u.expiry, u.nonce)),
            holds: u.expiry != 0,
            destination: to,
            message_id: e.messageId,
            tx,
        })
    }
}
