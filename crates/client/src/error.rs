//! Why an action of the client did not happen. Every variant is one line a person can act on;
//! none of them leaves a transaction half-sent.

use alloy::primitives::B256;

use crate::Revert;

/// Why an action did not happen.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A check before sending failed, and nothing was sent. The text says what to do instead.
    #[error("{0}")]
    Refused(String),
    /// The node simulated the call and it would revert with this error of the suite; nothing was
    /// sent.
    #[error("{action} would revert with {revert}; nothing was sent")]
    WouldRevert {
        /// What was tried (`stake`, `freeze`, ...).
        action: String,
        /// The contract's error, decoded with its values.
        revert: Revert,
    },
    /// The transaction was mined and reverted (the state changed between simulation and
    /// inclusion).
    #[error("{action} reverted on chain in tx {tx}")]
    Reverted {
        /// What was tried.
        action: String,
        /// The mined transaction.
        tx: B256,
    },
    /// The node failed to answer, or answered something that does not decode.
    #[error("{0}")]
    Rpc(String),
}

/// What the client's actions return.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Refuses an action: `refuse!("{x} is not ...: do this")` returns `Err(Error::Refused(..))`.
#[macro_export]
macro_rules! refuse {
    ($($arg:tt)*) => {
        return Err($crate::Error::Refused(format!($($arg)*)))
    };
}

impl From<alloy::contract::Error> for Error {
    fn from(e: alloy::contract::Error) -> Self {
        Self::Rpc(e.to_string())
    }
}

impl From<alloy::transports::TransportError> for Error {
    fn from(e: alloy::transports::TransportError) -> Self {
        Self::Rpc(e.to_string())
    }
}

impl From<alloy::providers::PendingTransactionError> for Error {
    fn from(e: alloy::providers::PendingTransactionError) -> Self {
        Self::Rpc(e.to_string())
    }
}

impl From<crate::GovernError> for Error {
    fn from(e: crate::GovernError) -> Self {
        match e {
            crate::GovernError::Rpc(e) => e.into(),
            other => Self::Refused(other.to_string()),
        }
    }
}

impl From<crate::EnumError> for Error {
    /// The chain returned a value outside one of the contracts' enums (an ABI mismatch).
    fn from(e: crate::EnumError) -> Self {
        Self::Rpc(format!("the chain answered {e}"))
    }
}
