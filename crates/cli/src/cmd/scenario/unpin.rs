//! `era scenario unpin`: schedule unpinning a scenario's module on the timelock.

use super::*;

/// `era scenario unpin`.
#[derive(Debug, Args)]
pub(super) struct UnpinArgs {
    /// Scenario name.
    name: String,
    #[command(flatten)]
    tx: SendArgs,
}

impl UnpinArgs {
    pub(super) async fn run(self) -> Result<()> {
        let (suite, sender) = self.tx.open().await?;
        let id = scenario_id(&suite, &self.name).await?;
        if !read(&suite, id).await?.pinned {
            bail!("`{}` is not pinned: nothing to schedule", self.name);
        }
        let change =
            format!("unpin `{}` (keeper reports move it again after a cool-down)", self.name);
        let call = calldata(&ScenarioRegistry::unpinCall { scenarioId: id });
        let (operation, tx) =
            propose(&suite, sender, vec![(*suite.scenarios().address(), call)]).await?;
        print(&PinScheduled { change, operation, tx }, self.tx.json)
    }
}
