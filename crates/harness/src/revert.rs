//! Why a call or transaction did not return a value, with the suite's custom errors decoded by
//! name so tests can match on them and failures print `StakeBelowTier(0x…, financial, …)`.

use alloy::{
    dyn_abi::{DynSolType, DynSolValue},
    hex,
    primitives::{Bytes, U256},
    sol_types::{Panic, Revert as RevertString, SolError, SolInterface},
};
use era_bindings::{
    CircuitBreaker::CircuitBreakerErrors, ERAMargin::ERAMarginErrors, ERAStaking::ERAStakingErrors,
    ERAToken::ERATokenErrors, ModuleRegistry::ModuleRegistryErrors,
    ScenarioRegistry::ScenarioRegistryErrors, TimelockController::TimelockControllerErrors,
    tier_name,
};

/// Why a call or transaction did not return a value.
///
/// Revert data is decoded against `ERAStaking`, then `ERAToken`, then `TimelockController`, then
/// `ModuleRegistry`, `ScenarioRegistry`, `CircuitBreaker` and `ERAMargin`, so an
/// error several of them declare (OpenZeppelin's `AccessControlUnauthorizedAccount`, for
/// instance) comes back as the first one's variant whichever contract raised it.
///
/// The decoded error is held inline, so the type is large (clippy's `result_large_err` fires on
/// functions returning it; test code may allow that lint).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Revert {
    /// A custom error that `ERAStaking` declares.
    #[error("{}", describe(&.0.abi_encode()))]
    Staking(ERAStakingErrors),
    /// A custom error that `ERAToken` declares.
    #[error("{}", describe(&.0.abi_encode()))]
    Token(ERATokenErrors),
    /// A custom error that OpenZeppelin's `TimelockController` declares.
    #[error("{}", describe(&.0.abi_encode()))]
    Timelock(TimelockControllerErrors),
    /// A custom error that `ModuleRegistry` declares.
    #[error("{}", describe(&.0.abi_encode()))]
    Modules(ModuleRegistryErrors),
    /// A custom error that `ScenarioRegistry` declares.
    #[error("{}", describe(&.0.abi_encode()))]
    Scenarios(ScenarioRegistryErrors),
    /// A custom error that `CircuitBreaker` declares.
    #[error("{}", describe(&.0.abi_encode()))]
    Breaker(CircuitBreakerErrors),
    /// A custom error that `ERAMargin` declares (and the contracts before it do not).
    #[error("{}", describe(&.0.abi_encode()))]
    Margin(ERAMarginErrors),
    /// `revert("…")` / `require(cond, "…")`.
    #[error("Error({0:?})")]
    Message(String),
    /// A Solidity panic (`0x11` overflow, `0x12` division by zero, …).
    #[error("Panic({0:#x})")]
    Panic(U256),
    /// Revert data the suite's contracts do not declare (decode it with [`Revert::custom`]), or
    /// none at all.
    #[error("{}", describe_unknown(.0))]
    Unknown(Bytes),
    /// The EVM stopped the call (out of gas, invalid opcode, stack overflow, …).
    #[error("halted: {0}")]
    Halt(String),
    /// The transaction was rejected before it ran (nonce, balance, chain id, gas limit); it
    /// changed nothing, not even the sender's nonce.
    #[error("invalid transaction: {0}")]
    Invalid(String),
    /// The call succeeded but returned data that does not decode as the call's return type.
    #[error("return data {data} does not decode: {reason}")]
    BadReturn {
        /// The data returned.
        data: Bytes,
        /// The decoder's complaint.
        reason: String,
    },
}

impl Revert {
    /// Decodes the revert data of a reverted call.
    pub fn from_revert_data(data: Bytes) -> Self {
        if let Ok(e) = ERAStakingErrors::abi_decode(&data) {
            Self::Staking(e)
        } else if let Ok(e) = ERATokenErrors::abi_decode(&data) {
            Self::Token(e)
        } else if let Ok(e) = TimelockControllerErrors::abi_decode(&data) {
            Self::Timelock(e)
        } else if let Ok(e) = ModuleRegistryErrors::abi_decode(&data) {
            Self::Modules(e)
        } else if let Ok(e) = ScenarioRegistryErrors::abi_decode(&data) {
            Self::Scenarios(e)
        } else if let Ok(e) = CircuitBreakerErrors::abi_decode(&data) {
            Self::Breaker(e)
        } else if let Ok(e) = ERAMarginErrors::abi_decode(&data) {
            Self::Margin(e)
        } else if let Ok(e) = RevertString::abi_decode(&data) {
            Self::Message(e.reason)
        } else if let Ok(p) = Panic::abi_decode(&data) {
            Self::Panic(p.code)
        } else {
            Self::Unknown(data)
        }
    }

    /// The revert data, if the call reverted (rather than halted or being rejected).
    pub fn data(&self) -> Option<Bytes> {
        Some(match self {
            Self::Staking(e) => e.abi_encode().into(),
            Self::Token(e) => e.abi_encode().into(),
            Self::Timelock(e) => e.abi_encode().into(),
            Self::Modules(e) => e.abi_encode().into(),
            Self::Scenarios(e) => e.abi_encode().into(),
            Self::Breaker(e) => e.abi_encode().into(),
            Self::Margin(e) => e.abi_encode().into(),
            Self::Message(reason) => RevertString { reason: reason.clone() }.abi_encode().into(),
            Self::Panic(code) => Panic { code: *code }.abi_encode().into(),
            Self::Unknown(data) => data.clone(),
            Self::Halt(_) | Self::Invalid(_) | Self::BadReturn { .. } => return None,
        })
    }

    /// The revert data decoded as one of `E`'s errors: for contracts the harness does not know,
    /// e.g. `err.custom::<OnTimeVerifier::OnTimeVerifierErrors>()`.
    pub fn custom<E: SolInterface>(&self) -> Option<E> {
        E::abi_decode(&self.data()?).ok()
    }

    /// The error's name (`StakeBelowTier`, `Error`, `Panic`), if the call reverted with a known
    /// error.
    pub fn name(&self) -> Option<&'static str> {
        match self {
            Self::Staking(e) => ERAStakingErrors::name_by_selector(e.selector()),
            Self::Token(e) => ERATokenErrors::name_by_selector(e.selector()),
            Self::Timelock(e) => TimelockControllerErrors::name_by_selector(e.selector()),
            Self::Modules(e) => ModuleRegistryErrors::name_by_selector(e.selector()),
            Self::Scenarios(e) => ScenarioRegistryErrors::name_by_selector(e.selector()),
            Self::Breaker(e) => CircuitBreakerErrors::name_by_selector(e.selector()),
            Self::Margin(e) => ERAMarginErrors::name_by_selector(e.selector()),
            Self::Message(_) => Some("Error"),
            Self::Panic(_) => Some("Panic"),
            Self::Unknown(_) | Self::Halt(_) | Self::Invalid(_) | Self::BadReturn { .. } => None,
        }
    }
}

/// `Name(arg, …)` for revert data of a known error, with addresses checksummed, numbers in
/// decimal and `bytes32` tier names as text.
fn describe(data: &[u8]) -> String {
    let Some(selector) = data.get(..4).map(|s| <[u8; 4]>::try_from(s).expect("4 bytes")) else {
        return describe_unknown(data);
    };
    let signature = ERAStakingErrors::signature_by_selector(selector)
        .or_else(|| ERATokenErrors::signature_by_selector(selector))
        .or_else(|| TimelockControllerErrors::signature_by_selector(selector))
        .or_else(|| ModuleRegistryErrors::signature_by_selector(selector))
        .or_else(|| ScenarioRegistryErrors::signature_by_selector(selector))
        .or_else(|| CircuitBreakerErrors::signature_by_selector(selector))
        .or_else(|| ERAMarginErrors::signature_by_selector(selector));
    let Some((name, params)) = signature.and_then(|s| s.split_once('(')) else {
        return describe_unknown(data);
    };
    let args = DynSolType::parse(&format!("({params}"))
        .and_then(|ty| ty.abi_decode_params(&data[4..]))
        .map(|v| match v {
            DynSolValue::Tuple(args) => args.iter().map(format_value).collect::<Vec<_>>(),
            other => vec![format_value(&other)],
        });
    match args {
        Ok(args) => format!("{name}({})", args.join(", ")),
        Err(_) => describe_unknown(data),
    }
}

fn describe_unknown(data: &[u8]) -> String {
    match data.get(..4) {
        None if data.is_empty() => "reverted without data".to_owned(),
        None => format!("reverted with 0x{}", hex::encode(data)),
        Some(selector) => format!(
            "unknown error 0x{} (revert data 0x{})",
            hex::encode(selector),
            hex::encode(data)
        ),
    }
}

fn format_value(v: &DynSolValue) -> String {
    match v {
        DynSolValue::Address(a) => a.to_string(),
        DynSolValue::Uint(u, _) => u.to_string(),
        DynSolValue::Int(i, _) => i.to_string(),
        DynSolValue::Bool(b) => b.to_string(),
        DynSolValue::FixedBytes(word, 32) => tier_name(*word),
        DynSolValue::FixedBytes(word, size) => format!("0x{}", hex::encode(&word[..*size])),
        DynSolValue::Bytes(b) => format!("0x{}", hex::encode(b)),
        DynSolValue::String(s) => format!("{s:?}"),
        DynSolValue::Array(items) | DynSolValue::FixedArray(items) => {
            format!("[{}]", items.iter().map(format_value).collect::<Vec<_>>().join(", "))
        }
        DynSolValue::Tuple(items) => {
            format!("({})", items.iter().map(format_value).collect::<Vec<_>>().join(", "))
        }
        other => format!("{other:?}"),
    }
}
