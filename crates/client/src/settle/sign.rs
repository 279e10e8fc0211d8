//! The EIP-712 digests of settlements and quotes, as the engine computes them (domain
//! `ERA SettlementEngine`, version 1), and signing them.

use alloy::{
    primitives::{Address, B256, Bytes},
    providers::Provider,
    signers::Signature,
    sol_types::SolStruct,
};

use super::{Quote, Settlement, SignedQuote};
use crate::{Client, Error, error::Result, exec::engine_domain};

/// The engine's EIP-712 domain on chain `chain_id`.
/// The digest parties sign for `settlement` (equals the engine's `settlementDigest`).
pub fn settlement_digest(settlement: &Settlement, chain_id: u64, engine: Address) -> B256 {
    settlement.to_sol().eip712_signing_hash(&engine_domain(chain_id, engine))
}

/// The digest a provider signs for `quote` (equals the engine's `quoteDigest`).
pub fn quote_digest(quote: &Quote, chain_id: u64, engine: Address) -> B256 {
    quote.to_sol().eip712_signing_hash(&engine_domain(chain_id, engine))
}

fn signed(sig: std::result::Result<Signature, alloy::signers::Error>) -> Result<Bytes> {
    sig.map(|s| s.as_bytes().to_vec().into())
        .map_err(|e| Error::Refused(format!("cannot sign: {e}")))
}

impl<P: Provider> Client<P> {
    /// `quote` signed with `sign` (the provider's key signing a digest).
    pub async fn sign_quote<F>(&self, quote: Quote, sign: F) -> Result<SignedQuote>
    where
        F: FnOnce(B256) -> std::result::Result<Signature, alloy::signers::Error>,
    {
        let (chain, engine) = (self.chain_id().await?, self.addresses.engine);
        let signature = signed(sign(quote_digest(&quote, chain, engine)))?;
        Ok(SignedQuote { quote, signature })
    }

    /// Adds `signer`'s signature of `settlement`'s digest (made with `sign`).
    pub async fn sign_settlement<F>(
        &self,
        settlement: &mut Settlement,
        signer: Address,
        sign: F,
    ) -> Result<B256>
    where
        F: FnOnce(B256) -> std::result::Result<Signature, alloy::signers::Error>,
    {
        let (chain, engine) = (self.chain_id().await?, self.addresses.engine);
        let digest = settlement_digest(settlement, chain, engine);
        settlement.add_signature(signer, signed(sign(digest))?);
        Ok(digest)
    }

    /// The next unused nonce of `account` in the engine's bitmap, from word 0.
    pub async fn engine_nonce(&self, account: Address) -> Result<alloy::primitives::U256> {
        use alloy::primitives::U256;
        let mut word = 0u64;
        loop {
            let used = self.engine().nonceBitmap(account, U256::from(word)).call().await?;
            if used != U256::MAX {
                return Ok(U256::from(word) * U256::from(256u16) + U256::from(used.trailing_ones()));
            }
            word += 1;
        }
    }
}
