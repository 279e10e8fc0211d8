//! `era scenario show`: one scenario.

use super::*;

/// `era scenario show`.
#[derive(Debug, Args)]
pub(super) struct ShowArgs {
    /// Scenario name.
    name: String,
    #[command(flatten)]
    read: ReadArgs,
}

impl ShowArgs {
    pub(super) async fn run(self) -> Result<()> {
        let suite = self.read.suite.open().await?;
        let id = scenario_id(&suite, &self.name).await?;
        print(&read(&suite, id).await?, self.read.json)
    }
}
