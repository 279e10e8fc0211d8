//! `ERAMargin`: providers' cross-domain margin, the cases partners open against it, partners
//! and their risk features. One file per concept: the reads of a provider's margin
//! (`account.rs`) and of a case (`case.rs`), the provider's own actions (`posting.rs`), a case
//! from its freeze (`freeze.rs`) to its resolution and claims (`resolve.rs`) and the sweep of
//! what nobody claimed (`sweep.rs`), governance's penalty (`penalty.rs`) and partner
//! registration (`partner.rs`), and the proven, attested risk features partners publish to the
//! RiskFeed (`risk.rs`), shown false and slashed (`risk_refute.rs`) and governed (`risk_govern.rs`). An ABI change of the margin contract is adapted in this folder only.

mod account;
mod case;
mod freeze;
mod partner;
mod penalty;
mod posting;
mod resolve;
mod risk;
mod risk_govern;
mod risk_refute;
mod sweep;

use std::convert::Infallible;

use alloy::{
    primitives::{Address, B256, keccak256},
    providers::Provider,
};
use era_bindings::ERAMargin::ERAMarginInstance;

pub use account::ProviderMargin;
pub use case::{Case, CaseChange};
pub use partner::PartnerScheduled;
pub use penalty::PenaltyScheduled;
pub use posting::MarginChange;
pub use risk::{RISK_PROOF_NOTE, RiskAttested, RiskPublication, RiskPublished};
pub use risk_govern::{MAX_VOLATILITY_ROUNDS, RiskGovernanceScheduled};
pub use risk_refute::{AttesterSlashed, RiskRefuted};
pub use sweep::Swept;

use crate::{Client, error::Result, refuse};

/// A reference as people give it (evidence of a default, a commitment to records): a 32-byte
/// hash as written (0x…), or the keccak256 of the text. Never fails; the `Result` lets clap use
/// it as a value parser.
pub fn parse_reference(text: &str) -> Result<B256, Infallible> {
    Ok(text.parse::<B256>().unwrap_or_else(|_| keccak256(text.as_bytes())))
}

impl<P: Provider> Client<P> {
    /// The margin contract; a suite recorded before it had one is told to redeploy.
    async fn margin_deployed(&self) -> Result<ERAMarginInstance<&P>> {
        if self.addresses.margin.is_zero() {
            let chain = self.provider.get_chain_id().await?;
            refuse!(
                "the suite on chain {chain} has no ERAMargin: deploy the current suite with `era deploy --force`"
            );
        }
        Ok(self.margin())
    }

    /// The partner `sender` acts for, or a refusal saying how partners are registered.
    async fn partner_of(&self, sender: Address) -> Result<B256> {
        let partner = self.margin_deployed().await?.partnerOf(sender).call().await?;
        if partner.is_zero() {
            refuse!(
                "{sender} acts for no registered partner: governance registers partners with `era partner add <name> --actor <address>`"
            );
        }
        Ok(partner)
    }
}

/// What the outcomes' tests print: a transaction and a scheduled operation.
#[cfg(test)]
mod fixtures {
    use alloy::primitives::{Address, B256, U256};

    use crate::{CaseId, CaseStatus, ERA, Operation, OperationState, Sent};

    pub(super) fn sent(action: &str) -> Sent {
        Sent { action: action.into(), tx_hash: B256::repeat_byte(0xaa), block: 7, gas_used: 50_000 }
    }

    pub(super) fn operation() -> Operation {
        Operation {
            id: B256::repeat_byte(0x0b),
            calls: vec![],
            predecessor: B256::ZERO,
            salt: B256::ZERO,
            ready_at: 3_600,
            state: OperationState::Waiting,
        }
    }

    pub(super) fn case(status: CaseStatus) -> super::Case {
        super::Case {
            id: CaseId(1),
            provider: Address::repeat_byte(1),
            partner: "alpha".into(),
            evidence: B256::repeat_byte(0xee),
            frozen: ERA * U256::from(60_000u64),
            status,
            dispute_ends_at: 86_400,
            lapses_at: 2 * 86_400,
            slashed: ERA * U256::from(30_000u64),
            paid: U256::ZERO,
            total_weight: U256::ZERO,
            claimed_weight: U256::ZERO,
            claims_close_at: 0,
            swept: false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_are_hashes_as_written_or_hashed_text() {
        let hash = B256::repeat_byte(7);
        assert_eq!(parse_reference(&hash.to_string()), Ok(hash));
        assert_eq!(parse_reference("invoice 42"), Ok(keccak256("invoice 42")));
        // Not 32 bytes of hex: hashed as text, not refused.
        assert_eq!(parse_reference("0x1234"), Ok(keccak256("0x1234")));
    }
}
