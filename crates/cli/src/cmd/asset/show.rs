//! `era asset show`: one asset.

use super::*;

/// `era asset show`.
#[derive(Debug, Args)]
pub(super) struct ShowArgs {
    /// The asset id.
    #[arg(long)]
    asset: B256,
    #[command(flatten)]
    read: ReadArgs,
}

impl ShowArgs {
    pub(super) async fn run(self) -> Result<()> {
        let suite = self.read.suite.open().await?;
        print(&view(&suite, self.asset).await?, self.read.json)
    }
}
