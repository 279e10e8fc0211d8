//! The ERA suite deployed into a [`Chain`], from the same plan and init code `era deploy` uses.

use alloy::primitives::{Address, U256};
use era_bindings::{ERAStaking, ERAToken, UnitSender};
use era_client::{SuiteAddresses, SuiteConfig, SuiteContract, TierNameError, init_code, plan};

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
/// Derefs to its [`SuiteAddresses`], so `suite.staking` is the staking contract's address.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Suite {
    /// Where each contract of the suite lives (the table of `era-client`).
    pub addresses: SuiteAddresses,
    /// The account that sent the deployment transactions.
    pub deployer: Address,
    /// The configuration deployed.
    pub config: SuiteConfig,
    /// Gas used to deploy each contract, in deployment order.
    pub deploy_gas: Vec<(SuiteContract, u64)>,
}

impl std::ops::Deref for Suite {
    type Target = SuiteAddresses;
    fn deref(&self) -> &SuiteAddresses {
        &self.addresses
    }
}

impl Suite {
    /// The addresses in the shape `era-client` and the deployment record use.
    pub fn addresses(&self) -> SuiteAddresses {
        self.addresses
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
        let mut addresses = config.given_addresses();
        let mut deploy_gas = Vec::new();
        for contract in plan(config) {
            let code = init_code(contract, config, &addresses)?;
            let deployed = self
                .deploy(deployer, code)
                .map_err(|revert| DeployError::Reverted { contract: contract.name(), revert })?;
            addresses.set(contract, deployed.address);
            deploy_gas.push((contract, deployed.gas_used));
        }
        // The deployer's one wiring of staking's hook, as `era deploy` does once all is deployed.
        let wire = ERAStaking::setStakeObserverCall { observer: addresses.scenarios };
        self.send(deployer, addresses.staking, &wire).map_err(|revert| DeployError::Reverted {
            contract: SuiteContract::ERAStaking.name(),
            revert,
        })?;
        // And of the unit sender's asset registry.
        let wire = UnitSender::setAssetRegistryCall { registry: addresses.assets };
        self.send(deployer, addresses.unit_sender, &wire).map_err(|revert| {
            DeployError::Reverted { contract: SuiteContract::UnitSender.name(), revert }
        })?;
        // And of its risk feed.
        let wire = UnitSender::setRiskFeedCall { feed: addresses.risk_feed };
        self.send(deployer, addresses.unit_sender, &wire).map_err(|revert| {
            DeployError::Reverted { contract: SuiteContract::UnitSender.name(), revert }
        })?;
        Ok(Suite { addresses, deployer, config: config.clone(), deploy_gas })
    }

    /// A fresh chain with the suite deployed at the SPEC.md defaults by development account 0,
    /// which is also the proposer, the guardian and the holder of the 10,000,000 ERA supply.
    pub fn with_suite() -> Result<(Self, Suite), DeployError> {
        let mut chain = Self::new();
        let suite = chain.deploy_suite(dev(0), &SuiteConfig::defaults(dev(0)))?;
        Ok((chain, suite))
    }
}
