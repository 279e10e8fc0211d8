//! Sending a transaction and reporting it: hash, block and gas, or the revert by name.

use std::fmt;

use alloy::{
    contract::{CallBuilder, CallDecoder},
    network::{Ethereum, TransactionBuilder},
    primitives::{Address, B256, Bytes},
    providers::Provider,
    rpc::types::TransactionRequest,
};
use serde::Serialize;

use crate::{Error, Revert, error::Result};

/// A mined transaction, as actions report it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Sent {
    /// What it did (`stake`, `approve`, ...).
    pub action: String,
    /// Its hash.
    pub tx_hash: B256,
    /// Its block.
    pub block: u64,
    /// Gas it used.
    pub gas_used: u64,
}

impl fmt::Display for Sent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:<16} gas {:>9}  block {:>5}  tx {}",
            self.action, self.gas_used, self.block, self.tx_hash
        )
    }
}

/// Sends a contract call and waits for its receipt. The node simulates it first (gas estimation),
/// so a call that would revert is refused with the contract's error and nothing is sent.
pub async fn send<P, D>(action: &str, call: CallBuilder<P, D>) -> Result<Sent>
where
    P: Provider<Ethereum>,
    D: CallDecoder,
{
    let pending = call.send().await.map_err(|e| refused(action, &e))?;
    let receipt = pending.get_receipt().await?;
    if !receipt.status() {
        return Err(Error::Reverted { action: action.to_owned(), tx: receipt.transaction_hash });
    }
    Ok(Sent {
        action: action.to_owned(),
        tx_hash: receipt.transaction_hash,
        block: receipt.block_number.unwrap_or_default(),
        gas_used: receipt.gas_used,
    })
}

/// Deploys creation `code` from the provider's signer: the new contract's address and the
/// creating transaction (`Error::Reverted` naming `action` when the creation reverted).
pub(crate) async fn create<P: Provider>(
    provider: &P,
    action: &str,
    code: Bytes,
) -> Result<(Address, B256)> {
    let tx = TransactionRequest::default().with_deploy_code(code);
    let receipt = provider.send_transaction(tx).await?.get_receipt().await?;
    match receipt.contract_address {
        Some(address) if receipt.status() => Ok((address, receipt.transaction_hash)),
        _ => Err(Error::Reverted { action: action.into(), tx: receipt.transaction_hash }),
    }
}

/// A call the node refused: the suite's custom error by name with its values (decoded for every
/// contract of the suite), or the node's message.
pub fn refused(action: &str, err: &alloy::contract::Error) -> Error {
    match err.as_revert_data().map(Revert::from_revert_data) {
        Some(Revert::Unknown(_)) | None => Error::Rpc(format!("{action} failed: {err}")),
        Some(revert) => Error::WouldRevert { action: action.to_owned(), revert },
    }
}
