//! A local dev chain's clock (anvil's `evm_increaseTime`), for `era warp`: how the timelock's
//! delays and the unbonding delay pass in demos and tests.

use std::fmt;

use alloy::providers::Provider;
use serde::{Serialize, de::IgnoredAny};

use crate::{
    Client,
    error::Result,
    units::{fmt_duration, fmt_time},
};

/// The chain's time after a warp.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Warped {
    /// Seconds the clock moved.
    pub advanced: u64,
    /// The new latest block's time.
    pub timestamp: u64,
}

impl fmt::Display for Warped {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "advanced {}; chain time is now {}",
            fmt_duration(self.advanced),
            fmt_time(self.timestamp)
        )
    }
}

impl<P: Provider> Client<P> {
    /// Moves the clock `seconds` forward and mines a block (anvil only: the caller checks that
    /// the chain is a dev chain).
    pub async fn warp(&self, seconds: u64) -> Result<Warped> {
        let _: IgnoredAny =
            self.provider.raw_request("evm_increaseTime".into(), (seconds,)).await?;
        let _: IgnoredAny = self.provider.raw_request("evm_mine".into(), ()).await?;
        Ok(Warped { advanced: seconds, timestamp: self.chain_time().await? })
    }
}
