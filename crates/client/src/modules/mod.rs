//! `ModuleRegistry`: the security modules, read here and changed through the timelock
//! (`govern.rs`); the standard ten of the specification in `standard.rs`.

mod govern;
mod standard;

use std::fmt;

use alloy::{
    primitives::{Address, U256},
    providers::Provider,
};
use serde::Serialize;

pub use govern::{ModuleSchedule, NewModule};
pub use standard::{STANDARD_MODULES, StandardModule};

use crate::{
    Client, Error, ModuleId, ModuleType, error::Result, refuse, tier_id, tier_name, units::fmt_era,
};

/// A registered module as read from the `ModuleRegistry`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Module {
    /// Its id.
    pub id: ModuleId,
    /// Its name.
    pub name: String,
    /// Its kind (`None` for a kind this client does not know).
    pub kind: Option<ModuleType>,
    /// Its security level.
    pub level: u8,
    /// stake threshold per node, in wei.
    #[serde(serialize_with = "crate::wei::serialize")]
    pub stake_threshold: U256,
    /// Its Groth16 verifier, if it has one.
    pub verifier: Option<Address>,
    /// Whether it is deprecated.
    pub deprecated: bool,
    /// Whether escalation steps into it at its level.
    pub level_default: bool,
}

impl fmt::Display for Module {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "  {:>2}  {:<20} level {}  {:>12} per node{}{}{}",
            self.id,
            self.name,
            self.level,
            fmt_era(self.stake_threshold),
            if self.level_default { "  (level default)" } else { "" },
            self.verifier.map(|v| format!("  verifier {v}")).unwrap_or_default(),
            if self.deprecated { "  DEPRECATED" } else { "" }
        )
    }
}

/// Every module.
#[derive(Clone, Debug, Serialize)]
pub struct ModuleList {
    /// By id.
    pub modules: Vec<Module>,
}

impl fmt::Display for ModuleList {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.modules.is_empty() {
            return write!(f, "no modules registered (era module register --standard)");
        }
        write!(f, "security modules")?;
        for m in &self.modules {
            write!(f, "\n{m}")?;
        }
        Ok(())
    }
}

impl<P: Provider> Client<P> {
    /// Every registered module, by id.
    pub async fn module_list(&self) -> Result<ModuleList> {
        let registry = self.modules();
        let mut modules = Vec::new();
        for id in 1..=registry.moduleCount().call().await? {
            let m = registry.module(id).call().await?;
            modules.push(Module {
                id: ModuleId(id),
                name: tier_name(m.name),
                kind: ModuleType::try_from(m.moduleType).ok(),
                level: m.level,
                stake_threshold: U256::from(m.stakeThreshold),
                verifier: (!m.verifier.is_zero()).then_some(m.verifier),
                deprecated: m.deprecated,
                level_default: registry.levelDefault(m.level).call().await? == id,
            });
        }
        Ok(ModuleList { modules })
    }

    /// The id of the module named `name`, or a refusal saying how to list them.
    pub async fn module_id(&self, name: &str) -> Result<ModuleId> {
        let key = tier_id(name).map_err(|e| Error::Refused(e.to_string()))?;
        let id = self.modules().moduleIdOf(key).call().await?;
        if id == 0 {
            refuse!("no module is named `{name}`: see `era module list`");
        }
        Ok(ModuleId(id))
    }
}
