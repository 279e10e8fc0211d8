//! `era asset authorize`: authorize a consumer on your asset until an expiry, paying the fee.

use clap::Args;
use era_client::units::parse_duration;
use eyre::Result;

use super::ConsumerArgs;
use crate::output::print;

/// `era asset authorize`.
#[derive(Debug, Args)]
pub(super) struct AuthorizeArgs {
    /// How long the authorization lasts (e.g. 30d; at most 365d).
    #[arg(long = "for", value_parser = parse_duration)]
    period: u64,
    #[command(flatten)]
    target: ConsumerArgs,
}

impl AuthorizeArgs {
    pub(super) async fn run(self) -> Result<()> {
        let t = &self.target;
        let (suite, sender) = t.tx.open().await?;
        let out = suite.client().authorize(sender, t.asset, t.consumer, self.period).await?;
        print(&out, t.tx.json)
    }
}
