//! Standard mode: one signed action per transaction, every check made by the engine at once. The
//! client makes the same checks first, so a doomed action is refused in one line without gas.

use alloy::{primitives::U256, providers::Provider};

use super::{LightChange, SignedAction};

/// `IExecutionModes.Mode` values of the two light modes.
pub(super) const STANDARD: u8 = 3;
pub(super) const ASYNC: u8 = 4;

fn mode_name(mode: u8) -> &'static str {
    ["none", "atomic", "notarized", "standard", "async"]
        .get(usize::from(mode))
        .copied()
        .unwrap_or("unknown")
}
use crate::{Client, error::Result, refuse, tx::send, units::fmt_era};

impl<P: Provider> Client<P> {
    /// Relays `signed` in standard mode (anyone may: the signature binds it).
    pub async fn execute_action(&self, signed: &SignedAction) -> Result<LightChange> {
        let a = &signed.action;
        if signed.r#async {
            refuse!("the action is signed for async mode: sign it for standard mode (no --async)");
        }
        self.require_mode(a.scenario_id, STANDARD).await?;
        self.require_live(a.deadline).await?;
        let domain = self.engine_domain().await?;
        let has_code = !self.provider.get_code_at(a.from).await?.is_empty();
        if !has_code && signed.recovered(&domain) != Some(a.from) {
            refuse!("the signature is not {}'s: sign the action with its key", a.from);
        }
        let word = self.engine().nonceBitmap(a.from, a.nonce >> 8).call().await?;
        if word.bit((a.nonce & U256::from(0xff)).to::<usize>()) {
            refuse!(
                "{}'s nonce {} is used: sign the action again with another nonce",
                a.from,
                a.nonce
            );
        }
        let balance = self.engine().balanceOf(a.token, a.from).call().await?;
        if balance < a.amount {
            refuse!(
                "{} holds {} in the engine, less than {}: deposit first",
                a.from,
                fmt_era(balance),
                fmt_era(a.amount)
            );
        }
        let tx =
            send("execute", self.engine().execute(a.to_sol(), signed.signature.clone())).await?;
        let summary =
            format!("executed: {} paid {} {} in standard mode", a.from, a.to, fmt_era(a.amount));
        Ok(LightChange::new(summary, None, vec![tx]))
    }

    /// Refuses unless scenario `id` runs in `mode` now.
    pub(super) async fn require_mode(&self, id: U256, mode: u8) -> Result<()> {
        let now = self.engine().modeOf(id).call().await?;
        if now != mode {
            let hint = if mode == ASYNC {
                "send it in standard mode (`era exec execute`) until a surge makes it async"
            } else {
                "sign it with --async for a bonded executor (`era exec execute-async`)"
            };
            refuse!(
                "scenario {id} runs in {} mode now, not {}: {hint}",
                mode_name(now),
                mode_name(mode)
            );
        }
        Ok(())
    }

    /// Refuses if `deadline` has passed.
    async fn require_live(&self, deadline: u64) -> Result<()> {
        let now = self.chain_time().await?;
        if now > deadline {
            refuse!(
                "the action expired at {deadline} (now {now}): sign it again with a later deadline"
            );
        }
        Ok(())
    }
}
