//! The typed action and its EIP-712 signature: type `Action` for standard mode, `AsyncAction` for
//! async mode (same fields), over the engine's domain ("ERA SettlementEngine", "1"), as
//! `AsyncExecution._digest` hashes them.

use alloy::{
    primitives::{Address, B256, Bytes, U256},
    signers::SignerSync,
    sol_types::{Eip712Domain, SolStruct},
};
use era_bindings::engine::IAsyncExecution;
use serde::{Deserialize, Serialize};

use crate::{Error, error::Result};

mod eip712 {
    alloy::sol! {
        /// What `from` signs for standard mode (`AsyncExecution.ACTION_TYPEHASH`).
        struct Action {
            uint256 scenarioId;
            address from;
            address to;
            address token;
            uint256 amount;
            uint256 nonce;
            uint256 deadline;
        }
        /// What `from` signs for async mode (`AsyncExecution.ASYNC_ACTION_TYPEHASH`).
        struct AsyncAction {
            uint256 scenarioId;
            address from;
            address to;
            address token;
            uint256 amount;
            uint256 nonce;
            uint256 deadline;
        }
    }
}

/// A transfer of `amount` of `token` from `from`'s ledger balance to `to`'s in a scenario.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Action {
    /// The scenario.
    pub scenario_id: U256,
    /// Who pays (and signs).
    pub from: Address,
    /// Who is paid.
    pub to: Address,
    /// The token (ERA in async mode).
    pub token: Address,
    /// Amount in the token's units.
    pub amount: U256,
    /// Any unused nonce of `from` (async nonces are a separate space).
    pub nonce: U256,
    /// Last timestamp it may be executed at.
    pub deadline: u64,
}

/// An action with `from`'s signature, for the mode it was signed for.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SignedAction {
    /// The action.
    pub action: Action,
    /// Signed for async mode (`AsyncAction`) rather than standard (`Action`).
    pub r#async: bool,
    /// `from`'s 65-byte signature.
    pub signature: Bytes,
}

impl Action {
    /// Its EIP-712 digest in `domain`, as standard or async type.
    pub fn digest(&self, domain: &Eip712Domain, r#async: bool) -> B256 {
        let a = self;
        let deadline = U256::from(a.deadline);
        if r#async {
            eip712::AsyncAction {
                scenarioId: a.scenario_id,
                from: a.from,
                to: a.to,
                token: a.token,
                amount: a.amount,
                nonce: a.nonce,
                deadline,
            }
            .eip712_signing_hash(domain)
        } else {
            eip712::Action {
                scenarioId: a.scenario_id,
                from: a.from,
                to: a.to,
                token: a.token,
                amount: a.amount,
                nonce: a.nonce,
                deadline,
            }
            .eip712_signing_hash(domain)
        }
    }

    /// Signs it with `signer` (who must be `from`) for standard or async mode.
    pub fn sign(
        self,
        signer: &(dyn SignerSync + Send + Sync),
        domain: &Eip712Domain,
        r#async: bool,
    ) -> Result<SignedAction> {
        let signature = signer
            .sign_hash_sync(&self.digest(domain, r#async))
            .map_err(|e| Error::Refused(format!("cannot sign the action: {e}")))?;
        Ok(SignedAction { action: self, r#async, signature: signature.as_bytes().to_vec().into() })
    }

    /// As the engine's ABI type.
    pub fn to_sol(&self) -> IAsyncExecution::Action {
        IAsyncExecution::Action {
            scenarioId: self.scenario_id,
            from: self.from,
            to: self.to,
            token: self.token,
            amount: self.amount,
            nonce: self.nonce,
            deadline: U256::from(self.deadline),
        }
    }

    /// From the engine's ABI type (a deadline past 64 bits reads as the largest).
    pub fn from_sol(a: &IAsyncExecution::Action) -> Self {
        Self {
            scenario_id: a.scenarioId,
            from: a.from,
            to: a.to,
            token: a.token,
            amount: a.amount,
            nonce: a.nonce,
            deadline: u64::try_from(a.deadline).unwrap_or(u64::MAX),
        }
    }
}

impl SignedAction {
    /// The signer its signature recovers to under `domain`, if any.
    pub fn recovered(&self, domain: &Eip712Domain) -> Option<Address> {
        let signature = alloy::primitives::Signature::try_from(self.signature.as_ref()).ok()?;
        signature.recover_address_from_prehash(&self.action.digest(domain, self.r#async)).ok()
    }
}

impl std::fmt::Display for SignedAction {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let a = &self.action;
        let mode = if self.r#async { "async" } else { "standard" };
        write!(
            f,
            "{} pays {} {} in scenario {} (nonce {}, deadline {}), signed for {mode} mode",
            a.from,
            a.to,
            crate::units::fmt_era(a.amount),
            a.scenario_id,
            a.nonce,
            a.deadline
        )
    }
}
