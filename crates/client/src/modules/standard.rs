//! The standard security modules of SPEC.md 2.3, in the contract's `ModuleType` order: the one
//! copy in Rust (the CLI registers them, the harness's tests too).

use alloy::primitives::U256;

use crate::{ERA, ModuleType};

/// A standard module: its kind (whose kebab-case name is also the module's name), level, and
/// stake threshold per node in whole ERA.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StandardModule {
    /// The kind, `ModuleType` of the contract.
    pub kind: ModuleType,
    /// Security level, 1 (lowest) to 6 (lockdown).
    pub level: u8,
    /// Stake a node needs to run it, in whole ERA.
    pub stake_threshold_era: u64,
}

impl StandardModule {
    /// The module's name (its kind's name).
    pub const fn name(&self) -> &'static str {
        self.kind.name()
    }

    /// The stake threshold in wei.
    pub fn stake_threshold(&self) -> U256 {
        U256::from(self.stake_threshold_era) * ERA
    }
}

const fn m(kind: ModuleType, level: u8, stake_threshold_era: u64) -> StandardModule {
    StandardModule { kind, level, stake_threshold_era }
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
