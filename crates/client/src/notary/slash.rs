//! Slashing a node that signed two different results for one slot of a scenario, with both
//! signatures as evidence.

use std::fmt;

use alloy::{
    primitives::{Address, B256, U256},
    providers::Provider,
};
use serde::Serialize;

use super::{EntryFile, recover};
use crate::{Client, ScenarioId, Sent, error::Result, refuse, tx::send, units::fmt_era};

/// A slashed equivocation.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct EquivocationSlashed {
    /// The node that signed both.
    pub node: Address,
    /// The scenario and slot it equivocated on.
    pub scenario_id: ScenarioId,
    /// The slot.
    pub slot: u64,
    /// The two results it signed.
    pub results: [B256; 2],
    /// ERA cut from its stake (wei).
    pub slashed: U256,
    /// The reporter's part of it (wei); the treasury has the rest.
    pub reward: U256,
    /// The slashing transaction.
    pub tx: Sent,
}

impl fmt::Display for EquivocationSlashed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "slashed {} for signing two results for slot {} of scenario {}: {} cut, {} to the reporter\n  {}",
            self.node,
            self.slot,
            self.scenario_id,
            fmt_era(self.slashed),
            fmt_era(self.reward),
            self.tx
        )
    }
}

impl<P: Provider> Client<P> {
    /// Slashes the node that signed both `a` and `b` (the first such signer of `a`), as reporter.
    pub async fn slash_equivocation(
        &self,
        a: &EntryFile,
        b: &EntryFile,
    ) -> Result<EquivocationSlashed> {
        let (ea, eb) = (a.entry, b.entry);
        if (ea.scenario_id, ea.slot) != (eb.scenario_id, eb.slot) {
            refuse!(
                "the entries are for slot {} of scenario {} and slot {} of scenario {}: only results for one slot conflict",
                ea.slot,
                ea.scenario_id,
                eb.slot,
                eb.scenario_id
            );
        }
        if ea.result_hash == eb.result_hash {
            refuse!(
                "both entries give result {} for slot {}: no conflict",
                ea.result_hash,
                ea.slot
            );
        }
        let domain = self.engine_domain().await?;
        let (da, db) = (ea.digest(&domain), eb.digest(&domain));
        let signed = |file: &EntryFile, digest| {
            file.signatures
                .iter()
                .filter(|s| recover(&s.signature, digest) == Some(s.signer))
                .cloned()
                .collect::<Vec<_>>()
        };
        let (sa, sb) = (signed(a, da), signed(b, db));
        let Some((sig_a, sig_b)) =
            sa.iter().find_map(|x| sb.iter().find(|y| y.signer == x.signer).map(|y| (x, y)))
        else {
            refuse!("no key validly signed both entries: nobody equivocated");
        };
        let node = sig_a.signer;
        let (id, slot) = (ea.scenario_id, ea.slot);
        if self.engine().equivocationSlashed(node, id.to_u256(), slot).call().await? {
            refuse!("{node} was already slashed for slot {slot} of scenario {id}");
        }
        if !self.is_slasher(self.addresses.engine).await? {
            refuse!(
                "the engine cannot slash: grant it staking's SLASHER_ROLE through the timelock first"
            );
        }
        let engine = self.engine();
        let call = engine.slashEquivocation(
            ea.abi(),
            sig_a.signature.clone(),
            eb.abi(),
            sig_b.signature.clone(),
        );
        let slashed = call.call().await.map_err(|e| crate::tx::refused("slashEquivocation", &e))?;
        let tx = send("slashEquivocation", call).await?;
        let share = engine.REPORTER_SHARE_BPS().call().await?;
        let reward = slashed * share / U256::from(10_000u64);
        Ok(EquivocationSlashed {
            node,
            scenario_id: id,
            slot,
            results: [ea.result_hash, eb.result_hash],
            slashed,
            reward,
            tx,
        })
    }
}
