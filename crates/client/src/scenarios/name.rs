//! Naming a scenario: names are namespaced by their developer, so two developers may each own a
//! `payments`. `NAME@DEVELOPER` is exact; a bare `NAME` is accepted when only one developer has
//! it, which takes reading every scenario (one read per scenario).

use std::fmt;

use alloy::{
    primitives::{Address, U256},
    providers::Provider,
};

use crate::{Client, Error, ScenarioId, error::Result, refuse, tier_id};

/// A scenario as people name it: `NAME`, or `NAME@DEVELOPER`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScenarioRef {
    /// As it was written (what messages repeat).
    pub text: String,
    /// The name.
    pub name: String,
    /// The developer, when named.
    pub developer: Option<Address>,
}

impl ScenarioRef {
    /// Reads `text`; the developer's address is read by `address` (the caller's rule for
    /// addresses, e.g. checksums).
    pub fn parse(text: &str, address: impl Fn(&str) -> Result<Address, String>) -> Result<Self> {
        let (name, developer) = match text.split_once('@') {
            None => (text, None),
            Some((name, developer)) => {
                let developer = address(developer).map_err(|e| {
                    Error::Refused(format!(
                        "`{text}`: expected NAME@DEVELOPER with a 0x address: {e}"
                    ))
                })?;
                (name, Some(developer))
            }
        };
        Ok(Self { text: text.to_owned(), name: name.to_owned(), developer })
    }
}

impl fmt::Display for ScenarioRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl<P: Provider> Client<P> {
    /// The id of the scenario `name` refers to, or a refusal saying how to name it.
    pub async fn scenario_id(&self, name: &ScenarioRef) -> Result<ScenarioId> {
        let registry = self.scenarios();
        let wanted = tier_id(&name.name).map_err(|e| Error::Refused(e.to_string()))?;
        if let Some(developer) = name.developer {
            let id = registry.scenarioIdOf(developer, wanted).call().await?;
            if id.is_zero() {
                refuse!(
                    "{developer} has no scenario named `{}`: see `era scenario list`",
                    name.name
                );
            }
            return Ok(id.into());
        }
        let count = registry.scenarioCount().call().await?.saturating_to::<u64>();
        let mut found = Vec::new();
        for id in 1..=count {
            let s = registry.scenario(U256::from(id)).call().await?;
            if s.name == wanted {
                found.push((ScenarioId(id), s.developer));
            }
        }
        match found.as_slice() {
            [] => refuse!("no scenario is named `{name}`: see `era scenario list`"),
            [(id, _)] => Ok(*id),
            several => {
                let owners: Vec<String> =
                    several.iter().map(|(_, d)| format!("{name}@{d}")).collect();
                refuse!(
                    "several developers have a scenario named `{name}`: name one of {}",
                    owners.join(", ")
                )
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_with_and_without_a_developer() {
        let plain = |t: &str| t.parse::<Address>().map_err(|e| e.to_string());
        let bare = ScenarioRef::parse("payments", plain).unwrap();
        assert_eq!((bare.name.as_str(), bare.developer), ("payments", None));
        let dev = Address::repeat_byte(7);
        let exact = ScenarioRef::parse(&format!("payments@{dev}"), plain).unwrap();
        assert_eq!((exact.name.as_str(), exact.developer), ("payments", Some(dev)));
        let err = ScenarioRef::parse("payments@0x12", plain).unwrap_err().to_string();
        assert!(err.starts_with("`payments@0x12`: expected NAME@DEVELOPER"), "{err}");
    }
}
