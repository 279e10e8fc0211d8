//! Changing the module registry through the timelock: registering modules (the standard ten as
//! one batch), a new stake threshold per node, a deprecation.

use std::fmt;

use alloy::{
    primitives::{Address, Bytes, U256},
    providers::Provider,
    sol_types::SolCall,
};
use era_bindings::ModuleRegistry;
use serde::Serialize;

use crate::{
    Client, Error, ModuleType, Operation, STANDARD_MODULES, Sent, error::Result, refuse, tier_id,
    timelock::fmt_scheduled, units::fmt_era,
};

/// A scheduled module change.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ModuleSchedule {
    /// What will change, one line per call.
    pub changes: Vec<String>,
    /// The operation.
    pub operation: Operation,
    /// The scheduling transaction.
    pub tx: Sent,
}

impl fmt::Display for ModuleSchedule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "scheduled:")?;
        for c in &self.changes {
            writeln!(f, "  {c}")?;
        }
        fmt_scheduled(f, &self.operation)?;
        write!(f, "  tx           {}", self.tx.tx_hash)
    }
}

/// A module to register, checked as the registry would check it.
#[derive(Clone, Debug)]
pub struct NewModule {
    /// Its name.
    pub name: String,
    /// The line saying what registering it does.
    pub line: String,
    call: ModuleRegistry::registerModuleCall,
}

impl NewModule {
    /// A module of kind `kind` (a standard name; default: `name` itself) at `level` (1 to 6),
    /// needing `stake_threshold` wei per node (the larger of it and the domain's minimum counts), with an optional Groth16 verifier.
    pub fn new(
        name: &str,
        kind: Option<&str>,
        level: u8,
        stake_threshold: U256,
        verifier: Option<Address>,
    ) -> Result<Self> {
        let kind_text = kind.unwrap_or(name);
        let Ok(kind) = kind_text.parse::<ModuleType>() else {
            refuse!(
                "`{kind_text}` is not a module kind: use --type with one of {}",
                ModuleType::NAMES.join(", ")
            );
        };
        Self::checked(name, kind, level, stake_threshold, verifier.unwrap_or_default())
    }

    /// The ten standard modules of the specification.
    pub fn standard() -> Result<Vec<Self>> {
        STANDARD_MODULES
            .iter()
            .map(|m| Self::checked(m.name(), m.kind, m.level, m.stake_threshold(), Address::ZERO))
            .collect()
    }

    fn checked(
        name: &str,
        kind: ModuleType,
        level: u8,
        extra: U256,
        verifier: Address,
    ) -> Result<Self> {
        if !(1..=6).contains(&level) {
            refuse!("--level {level} is out of range: security levels run from 1 to 6");
        }
        let Ok(stake_threshold) = u128::try_from(extra) else {
            refuse!("--stake-threshold {} is too large", fmt_era(extra));
        };
        let line = format!(
            "register `{name}`{} level {level}, threshold {} per node{}",
            if kind.name() == name { String::new() } else { format!(" ({kind})") },
            fmt_era(extra),
            if verifier.is_zero() { String::new() } else { format!(", verifier {verifier}") }
        );
        let call = ModuleRegistry::registerModuleCall {
            name: tier_id(name).map_err(|e| Error::Refused(e.to_string()))?,
            moduleType_: kind.into(),
            level,
            stakeThreshold: stake_threshold,
            verifier,
        };
        Ok(Self { name: name.to_owned(), line, call })
    }
}

impl<P: Provider> Client<P> {
    /// Schedules registering `modules` as one operation, after checking none is registered.
    pub async fn register_modules(
        &self,
        sender: Address,
        modules: Vec<NewModule>,
        from_block: u64,
    ) -> Result<ModuleSchedule> {
        for m in &modules {
            let existing = self.modules().moduleIdOf(m.call.name).call().await?;
            if existing != 0 {
                refuse!(
                    "module `{}` is registered already (id {existing}): see `era module list`",
                    m.name
                );
            }
        }
        let target = self.addresses.modules;
        let (changes, calls) =
            modules.into_iter().map(|m| (m.line, (target, m.call.abi_encode().into()))).unzip();
        self.schedule_modules(sender, changes, calls, from_block).await
    }

    /// Schedules a new stake threshold per node for module `name`.
    pub async fn set_threshold(
        &self,
        sender: Address,
        name: &str,
        stake_threshold: U256,
        from_block: u64,
    ) -> Result<ModuleSchedule> {
        let id = self.module_id(name).await?;
        let m = self.modules().module(id.0).call().await?;
        if m.deprecated {
            refuse!("module `{name}` is deprecated: register a new module instead");
        }
        let Ok(extra) = u128::try_from(stake_threshold) else {
            refuse!("--stake-threshold {} is too large", fmt_era(stake_threshold));
        };
        if extra == m.stakeThreshold {
            refuse!(
                "module `{name}` already needs {} per node: nothing to schedule",
                fmt_era(stake_threshold)
            );
        }
        let change = format!(
            "module `{name}`: threshold {} -> {} per node",
            fmt_era(U256::from(m.stakeThreshold)),
            fmt_era(stake_threshold)
        );
        let call = ModuleRegistry::setThresholdCall { moduleId: id.0, stakeThreshold: extra };
        let calls = vec![(self.addresses.modules, call.abi_encode().into())];
        self.schedule_modules(sender, vec![change], calls, from_block).await
    }

    /// Schedules deprecating module `name` (no new scenarios, no escalation into it).
    pub async fn deprecate_module(
        &self,
        sender: Address,
        name: &str,
        from_block: u64,
    ) -> Result<ModuleSchedule> {
        let id = self.module_id(name).await?;
        if self.modules().module(id.0).call().await?.deprecated {
            refuse!("module `{name}` is deprecated already: nothing to schedule");
        }
        let change = format!("deprecate module `{name}` (id {id})");
        let call = ModuleRegistry::deprecateCall { moduleId: id.0 };
        let calls = vec![(self.addresses.modules, call.abi_encode().into())];
        self.schedule_modules(sender, vec![change], calls, from_block).await
    }

    async fn schedule_modules(
        &self,
        sender: Address,
        changes: Vec<String>,
        calls: Vec<(Address, Bytes)>,
        from_block: u64,
    ) -> Result<ModuleSchedule> {
        let (operation, tx) = self.propose(sender, calls, from_block).await?;
        Ok(ModuleSchedule { changes, operation, tx })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn modules_are_checked_before_anything_is_sent() {
        let line = |name, kind, level| {
            NewModule::new(name, kind, level, U256::from(1), None).map(|m| m.line)
        };
        assert_eq!(
            line("x", Some("validity-proof"), 4).unwrap(),
            "register `x` (validity-proof) level 4, threshold 0.000000000000000001 ERA per node"
        );
        let err = line("x", Some("validity-proof"), 0).unwrap_err().to_string();
        assert!(err.contains("security levels run from 1 to 6"), "{err}");
        let err = line("x", None, 1).unwrap_err().to_string();
        assert!(err.starts_with("`x` is not a module kind: use --type with one of"), "{err}");
        let standard = NewModule::standard().unwrap();
        assert_eq!(standard.len(), 10);
        assert_eq!(
            standard[5].line,
            "register `validity-proof` level 4, threshold 150,000 ERA per node"
        );
    }
}
