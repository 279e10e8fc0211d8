//! `era scenario register`: register a scenario in a risk domain.

use super::*;

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
    #[arg(long, value_parser = parse_shares)]
    shares: Option<(u16, u16, u16)>,
    /// Baseline volume a surge is measured against.
    #[arg(long, default_value_t = 1_000)]
    baseline: u128,
    #[command(flatten)]
    tx: SendArgs,
}

impl RegisterArgs {
    pub(super) async fn run(self) -> Result<()> {
        let fixed = fixed_shares(self.domain);
        let shares = match (self.shares, fixed) {
            (Some(given), Some(fixed)) if given != fixed => bail!(
                "the {} domain fixes the shares at {}/{}/{}: drop --shares",
                domain_name(self.domain),
                fixed.0 / 100,
                fixed.1 / 100,
                fixed.2 / 100
            ),
            (Some(given), _) => given,
            (None, fixed) => fixed.unwrap_or((4_000, 3_000, 3_000)),
        };
        if self.baseline == 0 {
            bail!("--baseline must be above 0");
        }
        let (suite, developer) = self.tx.open().await?;
        let name = tier_id(&self.name)?;
        if !suite.scenarios().scenarioIdOf(developer, name).call().await?.is_zero() {
            bail!(
                "you ({developer}) have a scenario named `{}` already: pick another name",
                self.name
            );
        }
        let base = suite.module_id(&self.base_module).await?;
        let m = suite.modules().module(base).call().await?;
        let min_level = match self.domain {
            3 => 4,
            2 => 3,
            _ => 1,
        };
        if m.deprecated {
            bail!("module `{}` is deprecated: pick another base module", self.base_module);
        }
        if m.level < min_level || m.level == 6 {
            bail!(
                "module `{}` (level {}) cannot be the base of a {} scenario: it needs level {min_level} to 5",
                self.base_module,
                m.level,
                domain_name(self.domain)
            );
        }
        let registry = suite.scenarios();
        let call = registry.registerScenario(
            name,
            self.domain,
            base,
            self.baseline,
            shares.0,
            shares.1,
            shares.2,
        );
        let tx = send("registerScenario", call).await?;
        let id = registry.scenarioIdOf(developer, name).call().await?;
        let out = Done {
            summary: format!("registered scenario `{}` (#{id})", self.name),
            scenario: read(&suite, id).await?,
            txs: vec![tx],
        };
        print(&out, self.tx.json)
    }
}
