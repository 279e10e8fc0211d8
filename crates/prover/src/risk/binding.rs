//! What a risk-features proof is bound to: one publication slot of the RiskFeed, and the figures
//! it publishes.

use alloy::primitives::{Address, B256, U256, keccak256};
use ark_bn254::Fr;

use super::{RiskFigures, circuit_id};
use crate::{ProofBinding, field};

/// The binding's domain, `bytes32("era.risk-features")` (ASCII, right-padded with zeros).
pub const RISK_BINDING_DOMAIN: &[u8] = b"era.risk-features";

/// One publication slot and its figures.
///
/// It becomes ONE public input, as the RiskFeed computes it:
/// `((uint256(keccak256(abi.encode(bytes32("era.risk-features"), provider, partner, chainid,
/// feed, index))) >> 99) << 96) | figures`. The hash keeps 157 bits above the 96 bits of
/// [`RiskFigures::packed`], so the value is below 2^253 < r; the circuit decomposes it into 253
/// bits and reads the figures from the low 96. `index` (the publication's position in the
/// (provider, partner) history) makes the proof good for one slot only.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RiskBinding {
    /// The provider the records are about.
    pub provider: Address,
    /// The publishing partner (`ERAMargin.partnerOf(publisher)`).
    pub partner: B256,
    /// The chain the proof is used on.
    pub chain_id: u64,
    /// The RiskFeed contract.
    pub feed: Address,
    /// The publication's index in the (provider, partner) history.
    pub index: u64,
    /// The figures the proof establishes.
    pub figures: RiskFigures,
}

impl RiskBinding {
    /// The binding as a word (see the type's docs for the formula).
    pub fn to_word(&self) -> U256 {
        let mut encoded = [0u8; 192];
        encoded[..RISK_BINDING_DOMAIN.len()].copy_from_slice(RISK_BINDING_DOMAIN);
        encoded[44..64].copy_from_slice(self.provider.as_slice());
        encoded[64..96].copy_from_slice(self.partner.as_slice());
        encoded[96..128].copy_from_slice(&U256::from(self.chain_id).to_be_bytes::<32>());
        encoded[140..160].copy_from_slice(self.feed.as_slice());
        encoded[160..192].copy_from_slice(&U256::from(self.index).to_be_bytes::<32>());
        let hash = U256::from_be_bytes(keccak256(encoded).0);
        ((hash >> 99usize) << RiskFigures::BITS) | self.figures.packed()
    }

    /// The binding as a scalar field element.
    pub fn to_field(&self) -> Fr {
        field::u256_to_fr(self.to_word(), "risk binding").expect("253-bit words are below r")
    }
}

impl ProofBinding for RiskBinding {
    fn to_field(&self) -> Fr {
        RiskBinding::to_field(self)
    }
    fn circuit(&self) -> B256 {
        circuit_id()
    }
    fn threshold(&self) -> Option<u8> {
        None
    }
}
