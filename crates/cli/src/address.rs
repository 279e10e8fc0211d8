//! Addresses as users type them: all-lowercase or all-uppercase hex is taken as is; mixed case
//! must be a correct EIP-55 checksum, since a typo in a checksummed address is what the
//! checksum exists to catch.

use alloy::primitives::Address;

/// Parses an address argument, refusing a mixed-case one whose EIP-55 checksum is wrong.
pub(crate) fn parse(text: &str) -> Result<Address, String> {
    let text = text.trim();
    let address: Address = text.parse().map_err(|_| {
        format!("`{text}` is not an address: expected 0x followed by 40 hex digits")
    })?;
    let digits = text.strip_prefix("0x").unwrap_or(text);
    let mixed = digits.chars().any(|c| c.is_ascii_lowercase())
        && digits.chars().any(|c| c.is_ascii_uppercase());
    if mixed && Address::parse_checksummed(text, None).is_err() {
        return Err(format!(
            "`{text}` has a bad EIP-55 checksum (expected {}): check for a typo, or write it in lowercase",
            address.to_checksum(None)
        ));
    }
    Ok(address)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checksums_are_enforced_on_mixed_case_only() {
        let good = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
        assert!(parse(good).is_ok());
        assert!(parse(&good.to_lowercase()).is_ok());
        assert!(parse(&format!("0x{}", good[2..].to_uppercase())).is_ok());
        let bad = "0x70997970c51812dc3A010C7d01b50e0d17dc79C8";
        assert!(parse(bad).unwrap_err().contains("bad EIP-55 checksum"));
        assert!(parse("0x1234").is_err());
    }
}
