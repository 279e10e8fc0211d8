//! ERA amounts, percentages and durations as people write them (reading them back is
//! `era_client::units`).

use alloy::primitives::{U256, utils::parse_units};
use eyre::{Result, bail, eyre};

pub(crate) use era_client::units::{fmt_duration, fmt_era, fmt_percent, fmt_time};

/// Parses a positive ERA amount with up to 18 decimals ("60000", "0.5") into wei.
pub(crate) fn parse_era(text: &str) -> Result<U256> {
    // parse_units would silently drop digits past the 18th decimal.
    if text.split_once('.').is_some_and(|(_, frac)| frac.trim().len() > 18) {
        bail!("`{text}` is not an ERA amount: at most 18 decimals (1 wei)");
    }
    let wei: U256 = parse_units(text.trim(), 18)
        .map_err(|_| eyre!("`{text}` is not an ERA amount: write a number like 60000 or 0.5"))?
        .get_absolute();
    if text.trim().starts_with('-') || wei.is_zero() {
        bail!("the amount must be more than 0 ERA (got `{text}`)");
    }
    Ok(wei)
}

/// Parses a percentage ("30%", "0.05%") into a wad (1e18 = 100%), to 1e-16 %.
pub(crate) fn parse_percent(text: &str) -> Result<U256> {
    let number = text
        .trim()
        .strip_suffix('%')
        .ok_or_else(|| eyre!("`{text}` is not a percentage: write e.g. 30% or 0.5%"))?;
    if number.split_once('.').is_some_and(|(_, frac)| frac.len() > 16) {
        bail!("`{text}` has too many decimals: at most 16 after the point");
    }
    parse_units(number.trim(), 16)
        .ok()
        .filter(|v| !v.is_negative())
        .map(|v| v.get_absolute())
        .ok_or_else(|| eyre!("`{text}` is not a percentage: write e.g. 30% or 0.5%"))
}

/// Parses a duration: a number of seconds, or a number with `s`, `m`, `h` or `d` ("7d", "36h").
pub(crate) fn parse_duration(text: &str) -> Result<u64> {
    let text = text.trim();
    let split = text.find(|c: char| !c.is_ascii_digit()).unwrap_or(text.len());
    let (digits, unit) = text.split_at(split);
    let unit_secs = match unit {
        "" | "s" => 1,
        "m" => 60,
        "h" => 3_600,
        "d" => 86_400,
        _ => bail!("`{text}` is not a duration: write e.g. 90s, 30m, 12h or 7d"),
    };
    let n: u64 = digits
        .parse()
        .map_err(|_| eyre!("`{text}` is not a duration: write e.g. 90s, 12h or 7d"))?;
    n.checked_mul(unit_secs).ok_or_else(|| eyre!("duration `{text}` is too long"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use era_client::ERA;

    #[test]
    fn era_amounts_round_trip() {
        assert_eq!(parse_era("60000").unwrap(), U256::from(60_000u64) * ERA);
        assert_eq!(parse_era("0.5").unwrap(), ERA / U256::from(2u8));
        assert_eq!(fmt_era(U256::from(1_234_567u64) * ERA), "1,234,567 ERA");
        assert_eq!(fmt_era(ERA / U256::from(4u8)), "0.25 ERA");
        assert_eq!(fmt_era(U256::ZERO), "0 ERA");
    }

    #[test]
    fn bad_amounts_are_refused() {
        for bad in ["", "abc", "0", "-5", "1.0000000000000000001", "1e3x"] {
            assert!(parse_era(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn durations() {
        assert_eq!(parse_duration("7d").unwrap(), 7 * 86_400);
        assert_eq!(parse_duration("90").unwrap(), 90);
        assert_eq!(parse_duration("36h").unwrap(), 36 * 3_600);
        assert!(parse_duration("7w").is_err());
        assert!(parse_duration("d").is_err());
        assert_eq!(fmt_duration(2 * 86_400), "2d");
        assert_eq!(fmt_duration(86_400 + 12 * 3_600 + 5), "1d 12h 5s");
        assert_eq!(fmt_time(0), "1970-01-01T00:00:00Z");
    }

    #[test]
    fn percentages() {
        assert_eq!(parse_percent("30%").unwrap(), ERA * U256::from(3u8) / U256::from(10u8));
        assert_eq!(parse_percent("0.05%").unwrap(), ERA / U256::from(2_000u16));
        assert_eq!(fmt_percent(ERA / U256::from(2_000u16)), "0.05%");
        assert_eq!(fmt_percent(ERA / U256::from(5u8)), "20%");
        for bad in ["30", "-5%", "x%", "1.00000000000000001%"] {
            assert!(parse_percent(bad).is_err(), "{bad}");
        }
    }
}
