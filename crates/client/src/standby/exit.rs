//! Leaving the standby pool: ask, wait the exit delay, leave.

use alloy::{primitives::Address, providers::Provider};

use super::StandbyChange;
use crate::{Client, error::Result, refuse, tx::send, units::fmt_time};

impl<P: Provider> Client<P> {
    /// `node` asks to leave; it bids no more and may leave after the exit delay.
    pub async fn standby_request_exit(&self, node: Address) -> Result<StandbyChange> {
        let tx = send("requestExit", self.standby().requestExit()).await?;
        let exit_at = self.standby().member(node).call().await?.exitAt;
        let summary = format!(
            "{node} leaves the standby pool from {} (then: era standby leave)",
            fmt_time(exit_at)
        );
        Ok(StandbyChange::new(summary, None, vec![tx]))
    }

    /// `node` leaves the pool once its exit delay has passed.
    pub async fn standby_leave(&self, node: Address) -> Result<StandbyChange> {
        let member = self.standby().member(node).call().await?;
        if member.moduleId != 0 && member.exitAt == 0 {
            refuse!("{node} has not asked to leave: run `era standby exit` first");
        }
        let tx = send("leave", self.standby().leave()).await?;
        Ok(StandbyChange::new(format!("{node} left the standby pool"), None, vec![tx]))
    }
}
