//! `era scenario list`: every scenario.

use super::*;

/// `era scenario list`.
#[derive(Debug, Args)]
pub(super) struct ListArgs {
    #[command(flatten)]
    read: ReadArgs,
}

impl ListArgs {
    pub(super) async fn run(self) -> Result<()> {
        let suite = self.read.suite.open().await?;
        print(&list(&suite).await?, self.read.json)
    }
}
