//! Registering a scenario: its domain fixes the lowest base level and, for financial and light,
//! the split of its security cost.

use std::str::FromStr;

use alloy::{primitives::Address, providers::Provider};

use crate::{Client, Error, ScenarioChange, domain_name, error::Result, refuse, tier_id, tx::send};

/// Shares of a security cost in basis points: nodes, developer, users.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Shares(pub u16, pub u16, pub u16);

impl FromStr for Shares {
    type Err = String;

    /// Parses `40/30/30` (whole percent, summing to 100).
    fn from_str(text: &str) -> Result<Self, String> {
        let parts: Vec<&str> = text.split('/').collect();
        let [n, d, u] = parts.as_slice() else {
            return Err(format!(
                "`{text}` is not a split: write nodes/developer/users in percent, e.g. 40/30/30"
            ));
        };
        let pct = |p: &str| match p.trim().parse::<u16>() {
            Ok(v) if v <= 100 => Ok(v * 100),
            _ => Err(format!("`{p}` in `{text}` is not a whole percentage from 0 to 100")),
        };
        let shares = Self(pct(n)?, pct(d)?, pct(u)?);
        let sum = u32::from(shares.0) + u32::from(shares.1) + u32::from(shares.2);
        if sum != 10_000 {
            return Err(format!("shares {text} sum to {}%, not 100%", sum / 100));
        }
        Ok(shares)
    }
}

impl Shares {
    /// The split a domain fixes, if it fixes one (SPEC.md: financial 40/30/30, light 30/20/50).
    pub const fn fixed(domain: u8) -> Option<Self> {
        match domain {
            3 => Some(Self(4_000, 3_000, 3_000)),
            1 => Some(Self(3_000, 2_000, 5_000)),
            _ => None,
        }
    }
}

/// A scenario to register.
#[derive(Clone, Debug)]
pub struct NewScenario {
    /// Its name (1 to 32 bytes).
    pub name: String,
    /// Its risk domain (`RiskDomain` as the contract's `uint8`).
    pub domain: u8,
    /// Its base module, by name.
    pub base_module: String,
    /// Its split; `None` for the domain's (enterprise: 40/30/30).
    pub shares: Option<Shares>,
    /// The volume a surge is measured against.
    pub baseline: u128,
}

impl NewScenario {
    /// The split it will have, or why the flags do not fit (checked before connecting).
    pub fn split(&self) -> Result<Shares> {
        let shares = match (self.shares, Shares::fixed(self.domain)) {
            (Some(given), Some(fixed)) if given != fixed => refuse!(
                "the {} domain fixes the shares at {}/{}/{}: drop --shares",
                domain_name(self.domain),
                fixed.0 / 100,
                fixed.1 / 100,
                fixed.2 / 100
            ),
            (Some(given), _) => given,
            (None, fixed) => fixed.unwrap_or(Shares(4_000, 3_000, 3_000)),
        };
        if self.baseline == 0 {
            refuse!("--baseline must be above 0");
        }
        Ok(shares)
    }

    /// The lowest level a base module of its domain may have.
    const fn min_level(&self) -> u8 {
        match self.domain {
            3 => 4,
            2 => 3,
            _ => 1,
        }
    }
}

impl<P: Provider> Client<P> {
    /// Registers `new` with `developer` as its developer.
    pub async fn register_scenario(
        &self,
        developer: Address,
        new: &NewScenario,
    ) -> Result<ScenarioChange> {
        let shares = new.split()?;
        let registry = self.scenarios();
        let name = tier_id(&new.name).map_err(|e| Error::Refused(e.to_string()))?;
        if !registry.scenarioIdOf(developer, name).call().await?.is_zero() {
            refuse!(
                "you ({developer}) have a scenario named `{}` already: pick another name",
                new.name
            );
        }
        let base = self.module_id(&new.base_module).await?;
        let m = self.modules().module(base.0).call().await?;
        let min_level = new.min_level();
        if m.deprecated {
            refuse!("module `{}` is deprecated: pick another base module", new.base_module);
        }
        if m.level < min_level || m.level == 6 {
            refuse!(
                "module `{}` (level {}) cannot be the base of a {} scenario: it needs level {min_level} to 5",
                new.base_module,
                m.level,
                domain_name(new.domain)
            );
        }
        let call = registry.registerScenario(
            name,
            new.domain,
            base.0,
            new.baseline,
            shares.0,
            shares.1,
            shares.2,
        );
        let tx = send("registerScenario", call).await?;
        let id = registry.scenarioIdOf(developer, name).call().await?.into();
        Ok(ScenarioChange {
            summary: format!("registered scenario `{}` (#{id})", new.name),
            scenario: self.scenario(id).await?,
            txs: vec![tx],
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_parse_in_percent_and_sum_to_100() {
        assert_eq!("40/30/30".parse(), Ok(Shares(4_000, 3_000, 3_000)));
        assert_eq!(
            "50/30/30".parse::<Shares>().unwrap_err(),
            "shares 50/30/30 sum to 110%, not 100%"
        );
        for bad in ["40/60", "x/50/50", "101/0/0"] {
            assert!(bad.parse::<Shares>().is_err(), "{bad}");
        }
    }

    #[test]
    fn fixed_domains_refuse_other_shares() {
        let new = |domain, shares| NewScenario {
            name: "x".into(),
            domain,
            base_module: "m".into(),
            shares,
            baseline: 1,
        };
        assert_eq!(new(2, None).split().unwrap(), Shares(4_000, 3_000, 3_000));
        assert_eq!(new(1, None).split().unwrap(), Shares(3_000, 2_000, 5_000));
        let err = new(1, Some(Shares(4_000, 3_000, 3_000))).split().unwrap_err().to_string();
        assert_eq!(err, "the light domain fixes the shares at 30/20/50: drop --shares");
    }
}
