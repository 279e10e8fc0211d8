//! Joining a module's standby pool, and leaving it after the exit delay.

use alloy::{primitives::Address, providers::Provider};

use super::StandbyChange;
use crate::{Client, error::Result, tx::send, units::fmt_era};

impl<P: Provider> Client<P> {
    /// `node` joins the standby pool of module `module` (by name). The pool checks the node's
    /// stake and self-bond against the module's threshold.
    pub async fn standby_join(&self, node: Address, module: &str) -> Result<StandbyChange> {
        let id = self.module_id(module).await?;
        let tx = send("join", self.standby().join(id.0)).await?;
        let stake = self.staking().nodeStake(node).call().await?;
        let summary =
            format!("{node} joined the standby pool of `{module}` ({} staked)", fmt_era(stake));
        Ok(StandbyChange::new(summary, None, vec![tx]))
    }
}
