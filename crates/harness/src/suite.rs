//! The ERA suite deployed into a [`Chain`], from the same plan and init code `era deploy` uses.

use alloy::primitives::{Address, U256};
use era_bindings::{
    ERAToken, SuiteAddresses, SuiteConfig, SuiteContract, TierNameError, init_code, plan,
};

use crate::{Chain, Revert, dev};

/// Why the suite could not be deployed.
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DeployError {
    /// The configuration names a tier that cannot be a `bytes32` name.
    #[error(transparent)]
    Config(#[from] TierNameError),
    /// A constructor reverted.
    #[error("deploying {contract} failed: {revert}")]
    Reverted {
        /// The contract whose creation failed.
        contract: &'static str,
        /// Why.
        revert: Revert,
    },
}

/// A deployed suite: where each contract lives, who deployed it, and with which configuration.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Suite {
    /// OpenZeppelin `TimelockController`: holds every admin role.
    pub timelock: Address,
    /// The ERA token.
    pub era: Address,
    /// `ERAStaking`.
    pub staking: Address,
    /// `ModuleRegistry`.
    pub modules: Address,
    /// `ScenarioRegistry`.
    pub scenarios: Address,
    /// `CircuitBreaker`, created by the scenario registry.
    pub breaker: Address,
    /// `ERAMargin`.
    pub margin: Address,
    /// `StateAssetRegistry`.
    pub assets: Address,
    /// `AssetMirror` (zero without a mailbox).
    pub mirror: Address,
    /// The account that sent the deployment transactions.
    pub deployer: Address,
    /// The configuration deployed.
    pub config: SuiteConfig,
    /// Gas used to deploy each contract, in deployment order.
    pub deploy_gas: Vec<(SuiteContract, u64)>,
}

impl Suite {
    /// The addresses in the shape `era-bindings` and the deployment record use.
    pub fn addresses(&self) -> SuiteAddresses {
        SuiteAddresses {
            timelock: self.timelock,
            era: self.era,
            staking: self.staking,
            modules: self.modules,
            scenarios: self.scenarios,
            breaker: self.breaker,
            margin: self.margin,
            assets: self.assets,
            mirror: self.mirror,
        }
    }

    /// Transfers `amount` ERA (wei) to `to` from the proposer, who holds a local token's initial
    /// supply.
    pub fn give_era(&self, chain: &mut Chain, to: Address, amount: U256) -> Result<(), Revert> {
        chain.send(
            self.config.proposer,
            self.era,
            &ERAToken::transferCall { to, value: amount },
        )?;
        Ok(())
    }

    /// ERA balance of `account`, in wei.
    pub fn era_balance(&self, chain: &mut Chain, account: Address) -> Result<U256, Revert> {
        chain.call(self.era, &ERAToken::balanceOfCall { account })
    }
}

impl Chain {
    /// Deploys the suite from `deployer`, contract by contract in [`plan`] order.
    pub fn deploy_suite(
        &mut self,
        deployer: Address,
        config: &SuiteConfig,
    ) -> Result<Suite, DeployError> {
        let mut addresses =
            SuiteAddresses { era: config.era.unwrap_or_default(), ..Default::default() };
        let mut deploy_gas = Vec::new();
        for contract in plan(config) {
            let code = init_code(contract, config, &addresses)?;
            let deployed = self
                .deploy(deployer, code)
                .map_err(|revert| DeployError::Reverted { contract: contract.name(), revert })?;
            addresses.set(contract, deployed.address);
            deploy_gas.push((contract, deployed.gas_used));
        }
        Ok(Suite {
            timelock: addresses.timelock,
            era: addresses.era,
            staking: addresses.staking,
            modules: addresses.modules,
            scenarios: addresses.scenarios,
            breaker: addresses.breaker,
            margin: addresses.margin,
            assets: addresses.assets,
            mirror: addresses.mirror,
            deployer,
            config: config.clone(),
            deploy_gas,
        })
    }

    /// A fresh chain with the suite deployed at the SPEC.md defaults by development account 0,
    /// which is also the proposer, the guardian and the holder of the 10,000,000 ERA supply.
    pub fn with_suite() -> Result<(Self, Suite), DeployError> {
        let mut chain = Self::new();
        let suite = chain.deploy_suite(dev(0), &SuiteConfig::defaults(dev(0)))?;
        Ok((chain, suite))
    }
}
