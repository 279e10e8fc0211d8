//! What a deployment of the suite is made of, in order, as init code. Shared by the revm harness
//! and `era deploy` so both deploy exactly the same thing; mirrors `script/Deploy.s.sol`.

use crate::{
    AssetMirror, ERAMargin, ERAStaking, ERAToken, ModuleRegistry, ScenarioRegistry,
    StateAssetRegistry, TierNameError, TimelockController, tier_id,
};
use alloy::{
    primitives::{Address, Bytes, U256},
    sol_types::SolConstructor,
};
use serde::{Deserialize, Serialize};

/// One ERA: 10^18 wei.
pub const ERA: U256 = U256::from_limbs([1_000_000_000_000_000_000, 0, 0, 0]);

/// Seconds in a day.
pub const DAY: u64 = 86_400;

/// Parameters of a deployment. `defaults` gives the numbers of SPEC.md.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SuiteConfig {
    /// An existing ERA token; `None` deploys a local `ERAToken`.
    pub era: Option<Address>,
    /// May schedule timelock operations (a Safe on real networks).
    pub proposer: Address,
    /// May pause.
    pub guardian: Address,
    /// Timelock minimum delay, seconds.
    pub timelock_delay: u64,
    /// ERA minted to the proposer by a local `ERAToken`, in wei.
    pub initial_supply: U256,
    /// Unbonding delay of withdrawals, seconds.
    pub unbonding_delay: u64,
    /// Grace period after a tier raise, seconds.
    pub grace_period: u64,
    /// Initial tiers: name and minimum stake in wei.
    pub tiers: Vec<(String, U256)>,
    /// Cross-domain margin a provider needs per ecosystem it serves, in wei.
    pub min_margin_per_ecosystem: U256,
    /// Time between a margin freeze and its earliest resolution, seconds.
    pub dispute_window: u64,
    /// Time after which an unresolved freeze lapses, seconds.
    pub max_freeze_period: u64,
    /// Delay of margin withdrawals, seconds.
    pub margin_withdrawal_delay: u64,
    /// ERA escrowed per state asset, in wei.
    #[serde(default = "default_anchor_stake")]
    pub anchor_stake: U256,
    /// Credited the protocol's share of authorization fees; `None`: the timelock.
    #[serde(default)]
    pub treasury: Option<Address>,
    /// A Hyperlane mailbox for exporting authorizations (and receiving them in an `AssetMirror`);
    /// `None`: no exports and no mirror.
    #[serde(default)]
    pub mailbox: Option<Address>,
}

/// SPEC.md's anchor stake of a state asset: 10,000 ERA.
fn default_anchor_stake() -> U256 {
    U256::from(10_000u64) * ERA
}

impl SuiteConfig {
    /// SPEC.md defaults with `operator` as proposer and guardian: 2-day timelock, 7-day unbonding
    /// and grace, 10,000,000 ERA for a local token, and the three risk domains' per-node minimums
    /// as tiers (light 10,000, enterprise 50,000, financial 100,000 ERA); margin of 20,000 ERA per
    /// ecosystem, a 3-day dispute window, freezes lapsing after 30 days, 7-day margin withdrawals.
    pub fn defaults(operator: Address) -> Self {
        Self {
            era: None,
            proposer: operator,
            guardian: operator,
            timelock_delay: 2 * DAY,
            initial_supply: U256::from(10_000_000u64) * ERA,
            unbonding_delay: 7 * DAY,
            grace_period: 7 * DAY,
            tiers: vec![
                ("light".into(), U256::from(10_000u64) * ERA),
                ("enterprise".into(), U256::from(50_000u64) * ERA),
                ("financial".into(), U256::from(100_000u64) * ERA),
            ],
            min_margin_per_ecosystem: U256::from(20_000u64) * ERA,
            dispute_window: 3 * DAY,
            max_freeze_period: 30 * DAY,
            margin_withdrawal_delay: 7 * DAY,
            anchor_stake: default_anchor_stake(),
            treasury: None,
            mailbox: None,
        }
    }
}

/// A contract of the suite, in deployment order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum SuiteContract {
    /// OpenZeppelin `TimelockController`: owns every parameter.
    TimelockController,
    /// The local `ERAToken` (skipped when the config names an existing token).
    ERAToken,
    /// `ERAStaking`.
    ERAStaking,
    /// `ModuleRegistry`: the security modules.
    ModuleRegistry,
    /// `ScenarioRegistry`: scenarios and risk domains; creates the `CircuitBreaker`.
    ScenarioRegistry,
    /// `ERAMargin`: cross-domain margin, partner freezes, slashing and risk features.
    ERAMargin,
    /// `StateAssetRegistry`.
    StateAssetRegistry,
    /// `AssetMirror` (only with a mailbox).
    AssetMirror,
}

impl SuiteContract {
    /// All contracts, in the order they must be deployed.
    pub const ALL: [Self; 8] = [
        Self::TimelockController,
        Self::ERAToken,
        Self::ERAStaking,
        Self::ModuleRegistry,
        Self::ScenarioRegistry,
        Self::ERAMargin,
        Self::StateAssetRegistry,
        Self::AssetMirror,
    ];

    /// The contract's name, as in the artifacts and the deployment record.
    pub const fn name(self) -> &'static str {
        match self {
            Self::TimelockController => "TimelockController",
            Self::ERAToken => "ERAToken",
            Self::ERAStaking => "ERAStaking",
            Self::ModuleRegistry => "ModuleRegistry",
            Self::ScenarioRegistry => "ScenarioRegistry",
            Self::ERAMargin => "ERAMargin",
            Self::StateAssetRegistry => "StateAssetRegistry",
            Self::AssetMirror => "AssetMirror",
        }
    }
}

/// Addresses of a deployed suite.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SuiteAddresses {
    /// The timelock.
    pub timelock: Address,
    /// The ERA token (deployed or given).
    pub era: Address,
    /// The staking contract.
    pub staking: Address,
    /// The security module registry.
    #[serde(default)]
    pub modules: Address,
    /// The scenario registry.
    #[serde(default)]
    pub scenarios: Address,
    /// The circuit breaker, created by the scenario registry (its first `CREATE`).
    #[serde(default)]
    pub breaker: Address,
    /// The cross-domain margin contract.
    #[serde(default)]
    pub margin: Address,
    /// The state-asset registry.
    #[serde(default)]
    pub assets: Address,
    /// The mirror of authorizations exported from other rollups (zero without a mailbox).
    #[serde(default)]
    pub mirror: Address,
}

impl SuiteAddresses {
    /// Records where `contract` was deployed.
    pub fn set(&mut self, contract: SuiteContract, address: Address) {
        match contract {
            SuiteContract::TimelockController => self.timelock = address,
            SuiteContract::ERAToken => self.era = address,
            SuiteContract::ERAStaking => self.staking = address,
            SuiteContract::ModuleRegistry => self.modules = address,
            SuiteContract::ScenarioRegistry => {
                self.scenarios = address;
                // A contract's nonce starts at 1, so its first `CREATE` lands here.
                self.breaker = address.create(1);
            }
            SuiteContract::ERAMargin => self.margin = address,
            SuiteContract::StateAssetRegistry => self.assets = address,
            SuiteContract::AssetMirror => self.mirror = address,
        }
    }
}

/// The contracts `config` needs deployed, in order (the token only without an existing ERA, the
/// mirror only with a mailbox).
pub fn plan(config: &SuiteConfig) -> Vec<SuiteContract> {
    SuiteContract::ALL
        .into_iter()
        .filter(|c| *c != SuiteContract::ERAToken || config.era.is_none())
        .filter(|c| *c != SuiteContract::AssetMirror || config.mailbox.is_some())
        .collect()
}

/// Init code (creation bytecode and constructor arguments) of `contract`, given the addresses of
/// the contracts deployed before it. Fails only on a tier name that is not a valid `bytes32` name.
pub fn init_code(
    contract: SuiteContract,
    config: &SuiteConfig,
    done: &SuiteAddresses,
) -> Result<Bytes, TierNameError> {
    let (code, args): (&Bytes, Vec<u8>) = match contract {
        SuiteContract::TimelockController => (
            &TimelockController::BYTECODE,
            TimelockController::constructorCall::new((
                U256::from(config.timelock_delay),
                vec![config.proposer],
                vec![Address::ZERO], // anyone may execute an operation once it is ready
                Address::ZERO,       // the timelock administers itself
            ))
            .abi_encode(),
        ),
        SuiteContract::ERAToken => (
            &ERAToken::BYTECODE,
            ERAToken::constructorCall::new((done.timelock, config.proposer, config.initial_supply))
                .abi_encode(),
        ),
        SuiteContract::ERAStaking => (
            &ERAStaking::BYTECODE,
            ERAStaking::constructorCall::new((
                done.era,
                done.timelock,
                config.guardian,
                config.unbonding_delay,
                config.grace_period,
                config.tiers.iter().map(|(name, _)| tier_id(name)).collect::<Result<_, _>>()?,
                config.tiers.iter().map(|(_, min)| min.to::<u128>()).collect(),
            ))
            .abi_encode(),
        ),
        SuiteContract::ModuleRegistry => (
            &ModuleRegistry::BYTECODE,
            ModuleRegistry::constructorCall::new((done.timelock,)).abi_encode(),
        ),
        SuiteContract::ScenarioRegistry => (
            &ScenarioRegistry::BYTECODE,
            // Node and user shares go to the timelock (the treasury) until a rewards distributor
            // exists; the guardian keeps and is the breaker's sentinel.
            ScenarioRegistry::constructorCall::new((
                done.staking,
                done.modules,
                done.timelock,
                config.guardian,
                done.timelock,
                done.timelock,
            ))
            .abi_encode(),
        ),
        // The timelock is admin, arbiter and, until a rewards distributor exists, the rewards pool.
        SuiteContract::ERAMargin => (
            &ERAMargin::BYTECODE,
            ERAMargin::constructorCall::new((
                done.era,
                done.timelock,
                config.guardian,
                done.timelock,
                config.min_margin_per_ecosystem.to::<u128>(),
                config.dispute_window,
                config.max_freeze_period,
                config.margin_withdrawal_delay,
            ))
            .abi_encode(),
        ),
        SuiteContract::StateAssetRegistry => (
            &StateAssetRegistry::BYTECODE,
            StateAssetRegistry::constructorCall::new((
                done.era,
                done.timelock,
                config.guardian,
                config.treasury.unwrap_or(done.timelock),
                config.mailbox.unwrap_or_default(),
                config.anchor_stake,
            ))
            .abi_encode(),
        ),
        SuiteContract::AssetMirror => (
            &AssetMirror::BYTECODE,
            AssetMirror::constructorCall::new((config.mailbox.unwrap_or_default(), done.timelock))
                .abi_encode(),
        ),
    };
    Ok([code.as_ref(), &args].concat().into())
}
