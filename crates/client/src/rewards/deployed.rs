//! The refusal for a deployment that predates a contract of the rewards flows.

use alloy::{primitives::Address, providers::Provider};

use crate::{Client, SuiteContract, error::Result, refuse};

impl<P: Provider> Client<P> {
    /// `contract`'s recorded address; refused if this deployment has none.
    pub(crate) fn deployed(&self, contract: SuiteContract) -> Result<Address> {
        let address = self.addresses.get(contract);
        if address.is_zero() {
            refuse!(
                "this deployment has no {}: it predates the rewards flows; redeploy with `era deploy --force`",
                contract.name()
            );
        }
        Ok(address)
    }
}
