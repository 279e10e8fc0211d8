//! The standard security modules of SPEC.md 2.3, in the contract's `ModuleType` order: the one
//! copy in Rust (the CLI registers them, the harness's tests too).

use alloy::{
    contract::Error,
    primitives::{Address, U256},
    providers::Provider,
};
use serde::Serialize;

use crate::{Client, ERA, ModuleId, ModuleType, tier_name};

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
    /// Extra stake per node, in wei.
    #[serde(serialize_with = "crate::wei::serialize")]
    pub extra_stake: U256,
    /// Its Groth16 verifier, if it has one.
    pub verifier: Option<Address>,
    /// Whether it is deprecated.
    pub deprecated: bool,
    /// Whether escalation steps into it at its level.
    pub level_default: bool,
}

impl<P: Provider> Client<P> {
    /// Every registered module, by id.
    pub async fn modules_all(&self) -> Result<Vec<Module>, Error> {
        let registry = self.modules();
        let mut modules = Vec::new();
        for id in 1..=registry.moduleCount().call().await? {
            let m = registry.module(id).call().await?;
            modules.push(Module {
                id: ModuleId(id),
                name: tier_name(m.name),
                kind: ModuleType::try_from(m.moduleType).ok(),
                level: m.level,
                extra_stake: U256::from(m.extraStake),
                verifier: (!m.verifier.is_zero()).then_some(m.verifier),
                deprecated: m.deprecated,
                level_default: registry.levelDefault(m.level).call().await? == id,
            });
        }
        Ok(modules)
    }
}

/// A standard module: its kind (whose kebab-case name is also the module's name), level, and
/// extra stake per node in whole ERA.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StandardModule {
    /// The kind, `ModuleType` of the contract.
    pub kind: ModuleType,
    /// Security level, 1 (lowest) to 6 (lockdown).
    pub level: u8,
    /// Extra stake a node needs to run it, in whole ERA.
    pub extra_stake_era: u64,
}

impl StandardModule {
    /// The module's name (its kind's name).
    pub const fn name(&self) -> &'static str {
        self.kind.name()
    }

    /// The extra stake in wei.
    pub fn extra_stake(&self) -> U256 {
        U256::from(self.extra_stake_era) * ERA
    }
}

const fn m(kind: ModuleType, level: u8, extra_stake_era: u64) -> StandardModule {
    StandardModule { kind, level, extra_stake_era }
}

/// SPEC.md 2.3's ten modules with their default levels and thresholds.
pub const STANDARD_MODULES: [StandardModule; 10] = [
    m(ModuleType::BasicFraudProof, 1, 50_000),
    m(ModuleType::OptimisticWatchers, 2, 50_000),
    m(ModuleType::HybridProof, 3, 75_000),
    m(ModuleType::ComplianceAudit, 3, 100_000),
    m(ModuleType::PrivacyData, 3, 100_000),
    m(ModuleType::ValidityProof, 4, 150_000),
    m(ModuleType::MultiLayerZk, 5, 200_000),
    m(ModuleType::DualValidation, 5, 200_000),
    m(ModuleType::ZeroTrustClearing, 5, 200_000),
    m(ModuleType::EmergencyLockdown, 6, 200_000),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_standard_module_per_kind_in_order() {
        for (i, module) in STANDARD_MODULES.iter().enumerate() {
            assert_eq!(module.kind as usize, i);
        }
        assert_eq!(STANDARD_MODULES.len(), ModuleType::ALL.len());
    }
}
