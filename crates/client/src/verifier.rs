//! Deploying a Groth16 verifier: era-prover checks the key for the chain and compiles the
//! contract (it talks to no chain); this sends its creation code.

use alloy::{
    network::TransactionBuilder,
    primitives::{Address, B256, Bytes},
    providers::Provider,
    rpc::types::TransactionRequest,
};

use crate::{Error, Result};

/// Deploys `code` (a verifier's creation code) from the provider's signer; its address and the
/// creating transaction.
pub async fn deploy_verifier<P: Provider>(provider: &P, code: Bytes) -> Result<(Address, B256)> {
    let tx = TransactionRequest::default().with_deploy_code(code);
    let receipt = provider.send_transaction(tx).await?.get_receipt().await?;
    match receipt.contract_address {
        Some(address) if receipt.status() => Ok((address, receipt.transaction_hash)),
        _ => Err(Error::Reverted {
            action: "verifier deployment".into(),
            tx: receipt.transaction_hash,
        }),
    }
}
