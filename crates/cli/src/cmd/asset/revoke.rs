//! `era asset revoke`: end a consumer's authorization on your asset (a consumer who paid is
//! refunded for the unused period).

use eyre::Result;

use super::ConsumerArgs;
use crate::output::print;

impl ConsumerArgs {
    pub(super) async fn run(self) -> Result<()> {
        let (suite, sender) = self.tx.open().await?;
        let out = suite.client().revoke(sender, self.asset, self.consumer).await?;
        print(&out, self.tx.json)
    }
}
