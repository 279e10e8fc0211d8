//! `era scenario register`: register a scenario in a risk domain.

use clap::Args;
use era_client::{NewScenario, Shares};
use eyre::Result;

use crate::{output::print, suite::SendArgs};

/// `era scenario register`.
#[derive(Debug, Args)]
pub(super) struct RegisterArgs {
    /// Scenario name (1 to 32 bytes).
    name: String,
    /// Risk domain: financial, enterprise or light.
    #[arg(long, value_parser = era_client::RiskDomain::parse_domain)]
    domain: u8,
    /// Base security module, by name (see `era module list`).
    #[arg(long)]
    base_module: String,
    /// Shares of the security cost in percent, nodes/developer/users, e.g. 40/30/30; financial
    /// and light are fixed (40/30/30, 30/20/50), enterprise defaults to 40/30/30.
    #[arg(long)]
    shares: Option<Shares>,
    /// Baseline volume a surge is measured against.
    #[arg(long, default_value_t = 1_000)]
    baseline: u128,
    #[command(flatten)]
    tx: SendArgs,
}

impl RegisterArgs {
    pub(super) async fn run(self) -> Result<()> {
        let new = NewScenario {
            name: self.name,
            domain: self.domain,
            base_module: self.base_module,
            shares: self.shares,
            baseline: self.baseline,
        };
        new.split()?; // flags that do not fit are refused before connecting
        let (suite, developer) = self.tx.open().await?;
        print(&suite.client().register_scenario(developer, &new).await?, self.tx.json)
    }
}
