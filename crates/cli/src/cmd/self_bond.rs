//! INTERIM, for the integrator: `era stake` still calls this; g-stake's `stake.rs` calls
//! `Client::self_bond_shortfall` itself, so delete this file (and its line in `cmd/mod.rs`) when
//! merging g-stake.

use alloy::primitives::Address;
use eyre::Result;

use crate::suite::Suite;

/// One line when `node`'s own stake misses the self-bond of a tier its total stake reaches.
pub(crate) async fn shortfall(suite: &Suite, node: Address) -> Result<Option<String>> {
    Ok(suite.client().self_bond_shortfall(node).await?)
}
