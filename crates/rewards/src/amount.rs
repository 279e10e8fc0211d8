//! Amounts as the suite writes them in JSON (decimal strings of wei) and as people read them.

use alloy::primitives::U256;
use serde::{Deserialize, Deserializer, Serializer, de::Error};

/// One ERA in wei.
pub const ERA: U256 = U256::from_limbs([1_000_000_000_000_000_000, 0, 0, 0]);

/// `n` ERA in wei.
pub fn era(n: u64) -> U256 {
    U256::from(n) * ERA
}

/// `n` hundredths of an ERA in wei (0.01 ERA is `centi_era(1)`).
pub fn centi_era(n: u64) -> U256 {
    U256::from(n) * (ERA / U256::from(100))
}

/// `wei` as ERA with every significant decimal, grouped: `95.868493150684931506 ERA`,
/// `10,000 ERA`.
pub fn fmt_era(wei: U256) -> String {
    let (whole, frac) = wei.div_rem(ERA);
    let digits = whole.to_string();
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    if frac.is_zero() {
        return format!("{grouped} ERA");
    }
    let frac = format!("{frac:0>18}");
    format!("{grouped}.{} ERA", frac.trim_end_matches('0'))
}

/// Serde for a `U256` of wei: written as a decimal string, read as decimal or `0x` hex.
pub(crate) mod wei {
    use super::*;

    pub(crate) fn serialize<S: Serializer>(wei: &U256, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(wei)
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<U256, D::Error> {
        let text = String::deserialize(d)?;
        text.parse().map_err(|e| D::Error::custom(format!("`{text}` is not an amount of wei: {e}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn era_amounts_print_grouped_with_every_decimal() {
        assert_eq!(fmt_era(era(10_000)), "10,000 ERA");
        assert_eq!(fmt_era(centi_era(1)), "0.01 ERA");
        assert_eq!(fmt_era(U256::from(1)), "0.000000000000000001 ERA");
        assert_eq!(fmt_era(era(1_234_567) + centi_era(50)), "1,234,567.5 ERA");
    }
}
