//! Deploying a Groth16 verifier: era-prover checks the key for the chain and compiles the
//! contract (it talks to no chain); this sends its creation code.

use alloy::{
    primitives::{Address, B256, Bytes},
    providers::Provider,
};

use crate::{Result, tx::create};

/// Deploys `code` (a verifier's creation code) from the provider's signer; its address and the
/// creating transaction.
pub async fn deploy_verifier<P: Provider>(provider: &P, code: Bytes) -> Result<(Address, B256)> {
    create(provider, "verifier deployment", code).await
}
