//! `era scenario enroll`: enroll a node in a scenario as core or guardian.

use super::*;

/// `era scenario enroll`.
#[derive(Debug, Args)]
pub(super) struct EnrollArgs {
    /// Scenario name.
    name: String,
    /// Enroll as a guardian node (re-verifies core verdicts in financial scenarios).
    #[arg(long)]
    guardian: bool,
    #[command(flatten)]
    tx: SendArgs,
}

impl EnrollArgs {
    pub(super) async fn run(self) -> Result<()> {
        let (suite, node) = self.tx.open().await?;
        let id = scenario_id(&suite, &self.name).await?;
        if !suite.staking().isNode(node).call().await? {
            bail!("{node} is not a node: register and stake with `era stake` first");
        }
        let registry = suite.scenarios();
        if registry.roleOf(id, node).call().await? != 0 {
            bail!("{node} is enrolled in `{}` already", self.name);
        }
        let stake = suite.staking().nodeStake(node).call().await?;
        let required = registry.requiredStake(id).call().await?;
        if stake < required {
            bail!(
                "node {node} has {} staked but `{}` needs {} per node now: stake {} more",
                fmt_era(stake),
                self.name,
                fmt_era(required),
                fmt_era(required - stake)
            );
        }
        let role = if self.guardian { 2 } else { 1 };
        let tx = send("enroll", registry.enroll(id, role)).await?;
        let out = Done {
            summary: format!(
                "enrolled {node} in `{}` as a {} node ({} staked)",
                self.name,
                if self.guardian { "guardian" } else { "core" },
                fmt_era(stake)
            ),
            scenario: read(&suite, id).await?,
            txs: vec![tx],
        };
        print(&out, self.tx.json)
    }
}
