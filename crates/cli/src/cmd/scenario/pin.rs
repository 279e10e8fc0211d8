//! `era scenario pin`: schedule pinning a scenario's module on the timelock.

use super::*;

/// `era scenario pin`.
#[derive(Debug, Args)]
pub(super) struct PinArgs {
    /// Scenario name.
    name: String,
    /// Module to pin it to, by name.
    module: String,
    #[command(flatten)]
    tx: SendArgs,
}

impl PinArgs {
    pub(super) async fn run(self) -> Result<()> {
        let (suite, sender) = self.tx.open().await?;
        let id = scenario_id(&suite, &self.name).await?;
        let module = suite.module_id(&self.module).await?;
        let m = suite.modules().module(module).call().await?;
        let view = read(&suite, id).await?;
        if m.deprecated {
            bail!("module `{}` is deprecated: pick another", self.module);
        }
        if m.level < view.base_level {
            bail!(
                "module `{}` (level {}) is below the base of `{}` (level {}): pins never lower security",
                self.module,
                m.level,
                self.name,
                view.base_level
            );
        }
        let change = format!(
            "pin `{}` to {} (level {}), now {} (level {})",
            self.name, self.module, m.level, view.active_module, view.active_level
        );
        let call = calldata(&ScenarioRegistry::pinCall { scenarioId: id, moduleId: module });
        let (operation, tx) =
            propose(&suite, sender, vec![(*suite.scenarios().address(), call)]).await?;
        print(&PinScheduled { change, operation, tx }, self.tx.json)
    }
}
