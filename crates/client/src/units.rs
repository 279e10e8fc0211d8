//! Amounts, shares and times as people read them: `60,000 ERA`, `30%`, `1d 12h`,
//! `2026-11-25T09:30:00Z`. Used by the descriptions of governance calls and by the CLI.

use alloy::primitives::{U256, utils::format_units};

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
}
