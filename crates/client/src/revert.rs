//! Revert data as one line: `Name(arg, …)` with addresses checksummed, numbers in decimal and
//! `bytes32` names as text. Which contract declares which error is the table's business
//! (`contracts.rs`); this file only formats.

use alloy::{
    dyn_abi::{DynSolType, DynSolValue},
    hex,
};

use crate::{SuiteContract, tier_name};

/// `Name(arg, …)` for revert data of an error some contract of the suite declares.
pub(crate) fn describe_error(data: &[u8]) -> String {
    let Some(selector) = data.get(..4).and_then(|s| <[u8; 4]>::try_from(s).ok()) else {
        return describe_unknown(data);
    };
    let signature = SuiteContract::ALL.iter().find_map(|c| c.error_signature(selector));
    match signature.and_then(|s| describe_signature(s, &data[4..])) {
        Some(text) => text,
        None => describe_unknown(data),
    }
}

/// `name(arg, …)` for `args` encoded after the selector of `signature` (`name(type,…)`).
pub(crate) fn describe_signature(signature: &str, args: &[u8]) -> Option<String> {
    let (name, params) = signature.split_once('(')?;
    let values = DynSolType::parse(&format!("({params}")).ok()?.abi_decode_params(args).ok()?;
    let args = match values {
        DynSolValue::Tuple(args) => args.iter().map(format_value).collect::<Vec<_>>(),
        other => vec![format_value(&other)],
    };
    Some(format!("{name}({})", args.join(", ")))
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
    let list = |items: &[DynSolValue]| items.iter().map(format_value).collect::<Vec<_>>();
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
            format!("[{}]", list(items).join(", "))
        }
        DynSolValue::Tuple(items) => format!("({})", list(items).join(", ")),
        other => format!("{other:?}"),
    }
}
