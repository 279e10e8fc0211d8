//! Amounts, shares and times as people write and read them: `60,000 ERA`, `30%`, `1d 12h`,
//! `2026-11-25T09:30:00Z`. Used by the descriptions of governance calls and by the CLI.

use alloy::primitives::{
    U256,
    utils::{format_units, parse_units},
};

/// Text that is not the amount, share or duration it should be; says how to write it.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct ParseError(String);

macro_rules! parse_error {
    ($($arg:tt)*) => { ParseError(format!($($arg)*)) };
}

/// Parses a positive ERA amount with up to 18 decimals ("60000", "0.5") into wei.
pub fn parse_era(text: &str) -> Result<U256, ParseError> {
    // parse_units would silently drop digits past the 18th decimal.
    if text.split_once('.').is_some_and(|(_, frac)| frac.trim().len() > 18) {
        return Err(parse_error!("`{text}` is not an ERA amount: at most 18 decimals (1 wei)"));
    }
    let wei: U256 = parse_units(text.trim(), 18)
        .map_err(|_| {
            parse_error!("`{text}` is not an ERA amount: write a number like 60000 or 0.5")
        })?
        .get_absolute();
    if text.trim().starts_with('-') || wei.is_zero() {
        return Err(parse_error!("the amount must be more than 0 ERA (got `{text}`)"));
    }
    Ok(wei)
}

/// Parses a percentage ("30%", "0.05%") into a wad (1e18 = 100%), to 1e-16 %.
pub fn parse_percent(text: &str) -> Result<U256, ParseError> {
    let bad = || parse_error!("`{text}` is not a percentage: write e.g. 30% or 0.5%");
    let number = text.trim().strip_suffix('%').ok_or_else(bad)?;
    if number.split_once('.').is_some_and(|(_, frac)| frac.len() > 16) {
        return Err(parse_error!("`{text}` has too many decimals: at most 16 after the point"));
    }
    parse_units(number.trim(), 16)
        .ok()
        .filter(|v| !v.is_negative())
        .map(|v| v.get_absolute())
        .ok_or_else(bad)
}

/// Parses a duration: a number of seconds, or a number with `s`, `m`, `h` or `d` ("7d", "36h").
pub fn parse_duration(text: &str) -> Result<u64, ParseError> {
    let text = text.trim();
    let split = text.find(|c: char| !c.is_ascii_digit()).unwrap_or(text.len());
    let (digits, unit) = text.split_at(split);
    let unit_secs = match unit {
        "" | "s" => 1,
        "m" => 60,
        "h" => 3_600,
        "d" => 86_400,
        _ => {
            return Err(parse_error!("`{text}` is not a duration: write e.g. 90s, 30m, 12h or 7d"));
        }
    };
    let n: u64 = digits
        .parse()
        .map_err(|_| parse_error!("`{text}` is not a duration: write e.g. 90s, 12h or 7d"))?;
    n.checked_mul(unit_secs).ok_or_else(|| parse_error!("duration `{text}` is too long"))
}

/// Formats wei as ERA with thousands separators and no trailing zeros: `60,000 ERA`.
pub fn fmt_era(wei: U256) -> String {
    let text = format_units(wei, 18).expect("18 decimals is valid");
    let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
    let frac = frac.trim_end_matches('0');
    let mut grouped = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    if frac.is_empty() { format!("{grouped} ERA") } else { format!("{grouped}.{frac} ERA") }
}

/// Formats a wad (1e18 = 100%) as a percentage: `30%`, `0.05%`.
pub fn fmt_percent(wad: U256) -> String {
    let text = format_units(wad, 16).expect("16 decimals is valid");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    format!("{text}%")
}

/// Formats seconds compactly: `2d`, `1d 12h`, `45m 10s`.
pub fn fmt_duration(secs: u64) -> String {
    if secs == 0 {
        return "0s".into();
    }
    let parts =
        [(secs / 86_400, "d"), (secs / 3_600 % 24, "h"), (secs / 60 % 60, "m"), (secs % 60, "s")];
    parts
        .iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, u)| format!("{n}{u}"))
        .collect::<Vec<_>>()
        .join(" ")
}

/// A deadline as refusals and reports name it: `2026-11-25T09:30:00Z (in 1d 12h)`.
pub fn fmt_until(at: u64, now: u64) -> String {
    format!("{} (in {})", fmt_time(at), fmt_duration(at.saturating_sub(now)))
}

/// Formats a unix timestamp as UTC: `2026-11-25T09:30:00Z`.
pub fn fmt_time(unix: u64) -> String {
    i64::try_from(unix)
        .ok()
        .and_then(|s| jiff::Timestamp::from_second(s).ok())
        .map_or_else(|| format!("@{unix}"), |t| t.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ERA;

    #[test]
    fn formats() {
        assert_eq!(fmt_era(U256::from(1_234_567u64) * ERA), "1,234,567 ERA");
        assert_eq!(fmt_era(ERA / U256::from(4u8)), "0.25 ERA");
        assert_eq!(fmt_era(U256::ZERO), "0 ERA");
        assert_eq!(fmt_percent(ERA / U256::from(2_000u16)), "0.05%");
        assert_eq!(fmt_duration(86_400 + 12 * 3_600 + 5), "1d 12h 5s");
        assert_eq!(fmt_time(0), "1970-01-01T00:00:00Z");
    }

    #[test]
    fn parses_what_it_formats() {
        assert_eq!(parse_era("60000").unwrap(), U256::from(60_000u64) * ERA);
        assert_eq!(parse_era("0.5").unwrap(), ERA / U256::from(2u8));
        for bad in ["", "abc", "0", "-5", "1.0000000000000000001", "1e3x"] {
            assert!(parse_era(bad).is_err(), "{bad}");
        }
        assert_eq!(parse_duration("7d").unwrap(), 7 * 86_400);
        assert_eq!(parse_duration("90").unwrap(), 90);
        assert_eq!(parse_duration("36h").unwrap(), 36 * 3_600);
        for bad in ["7w", "d"] {
            assert!(parse_duration(bad).is_err(), "{bad}");
        }
        assert_eq!(parse_percent("30%").unwrap(), ERA * U256::from(3u8) / U256::from(10u8));
        assert_eq!(parse_percent("0.05%").unwrap(), ERA / U256::from(2_000u16));
        for bad in ["30", "-5%", "x%", "1.00000000000000001%"] {
            assert!(parse_percent(bad).is_err(), "{bad}");
        }
    }
}
