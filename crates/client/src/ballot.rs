//! Node ballots (`NodeBallot.sol`): the commitment a node makes and the salt it reveals. The salt
//! is derived from the node's own key (a signature over the ballot, deterministic under RFC 6979),
//! so the reveal needs no file and cannot lose its secret: the same key on the same ballot gives
//! the same salt, and nobody without the key can compute it. The commitment itself comes from the
//! contract's own `commitmentOf` view, so its encoding is written once, in Solidity.

use alloy::{
    primitives::{Address, B256, U256, keccak256},
    signers::SignerSync,
};

use crate::{Error, Result};

/// The salt `node`'s key uses on ballot `ballot` of `contract` on `chain_id`.
pub fn ballot_salt(
    signer: &impl SignerSync,
    chain_id: u64,
    contract: Address,
    ballot: U256,
) -> Result<B256> {
    let message = format!("era.ballot.v1/{chain_id}/{contract}/{ballot}");
    let signature =
        signer.sign_message_sync(message.as_bytes()).map_err(|e| Error::Rpc(e.to_string()))?;
    Ok(keccak256(signature.as_bytes()))
}

#[cfg(test)]
mod tests {
    use alloy::signers::local::PrivateKeySigner;

    use super::*;

    #[test]
    fn salts_are_per_key_and_ballot_and_repeatable() {
        let a = PrivateKeySigner::random();
        let b = PrivateKeySigner::random();
        let contract = Address::repeat_byte(1);
        let salt = ballot_salt(&a, 31337, contract, U256::from(1)).unwrap();
        assert_eq!(salt, ballot_salt(&a, 31337, contract, U256::from(1)).unwrap());
        assert_ne!(salt, ballot_salt(&b, 31337, contract, U256::from(1)).unwrap());
        assert_ne!(salt, ballot_salt(&a, 31337, contract, U256::from(2)).unwrap());
        assert_ne!(salt, ballot_salt(&a, 1, contract, U256::from(1)).unwrap());
    }
}
