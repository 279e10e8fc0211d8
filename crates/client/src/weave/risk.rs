//! A risk unit's value: a provider's risk figures packed into one word by the origin's
//! `UnitSender.sendRisk`, read back exactly as `contracts/weave/RiskUnit.sol`'s `unpack` does.

use std::fmt;

use alloy::primitives::U256;
use serde::Serialize;

/// Basis points in a whole.
const BPS: u64 = 10_000;

/// The figures a risk unit carries (layout, bit 0 first: n 8 | defaults 8 | tampered 8 |
/// anomalies 8 | meanDelay 32 | anomalyThreshold 32 | publishedAt 64 | attestations 32 |
/// backingEra 64), with the rates the origin feed's `riskOf` derives from the counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RiskWord {
    /// Present records.
    pub n: u8,
    /// Records that defaulted.
    pub defaults: u8,
    /// Records that were tampered with.
    pub tampered: u8,
    /// Records above the anomaly threshold.
    pub anomalies: u8,
    /// Mean settlement delay of the records that did not default, seconds.
    pub mean_delay: u32,
    /// The anomaly threshold the publisher declared.
    pub anomaly_threshold: u32,
    /// Origin block time of the publication.
    pub published_at: u64,
    /// Nodes that had attested it when it was sent.
    pub attestations: u32,
    /// Their recorded stake when it was sent, whole ERA rounded down.
    pub backing_era: u64,
    /// defaults * 10,000 / n, rounded down.
    pub default_rate_bps: u64,
    /// tampered * 10,000 / n, rounded down.
    pub tampering_bps: u64,
    /// anomalies * 10,000 / n, rounded down.
    pub anomaly_bps: u64,
}

impl RiskWord {
    /// The figures of `value` (every word unpacks).
    pub fn unpack(value: U256) -> Self {
        let field = |shift: usize, bits: usize| -> u64 {
            let mask = (U256::from(1u8) << bits) - U256::from(1u8);
            ((value >> shift) & mask).to::<u64>()
        };
        let narrow = |v: u64| u32::try_from(v).unwrap_or(u32::MAX);
        let byte = |v: u64| u8::try_from(v).unwrap_or(u8::MAX);
        let (n, defaults, tampered, anomalies) =
            (byte(field(0, 8)), byte(field(8, 8)), byte(field(16, 8)), byte(field(24, 8)));
        let rate = |count: u8| if n == 0 { 0 } else { u64::from(count) * BPS / u64::from(n) };
        Self {
            n,
            defaults,
            tampered,
            anomalies,
            mean_delay: narrow(field(32, 32)),
            anomaly_threshold: narrow(field(64, 32)),
            published_at: field(96, 64),
            attestations: narrow(field(160, 32)),
            backing_era: field(192, 64),
            default_rate_bps: rate(defaults),
            tampering_bps: rate(tampered),
            anomaly_bps: rate(anomalies),
        }
    }
}

impl fmt::Display for RiskWord {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} records: {} defaulted ({} bps), {} tampered ({} bps), {} anomalous above {} ({} bps), mean delay {} s; published {}, {} attestations backing {} ERA",
            self.n,
            self.defaults,
            self.default_rate_bps,
            self.tampered,
            self.tampering_bps,
            self.anomalies,
            self.anomaly_threshold,
            self.anomaly_bps,
            self.mean_delay,
            crate::units::fmt_time(self.published_at),
            self.attestations,
            self.backing_era,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The fixture's binding (test/verifiers/fixtures/RiskFeaturesFixture.sol): its low 96 bits
    /// are the figures word a risk unit starts with (20 records, 3 defaults, 2 tampered, 5
    /// anomalies above 70, mean delay 5611 s).
    #[test]
    fn unpacks_the_contracts_layout() {
        let binding: U256 =
            "0x116c2e2fbbba31b6fad673771a995cf5602dccca00000046000015eb05020314".parse().unwrap();
        let figures = binding & ((U256::from(1u8) << 96) - U256::from(1u8));
        let value = figures
            | (U256::from(1_800_000_000u64) << 96)
            | (U256::from(2u8) << 160)
            | (U256::from(60_000u64) << 192);
        let w = RiskWord::unpack(value);
        assert_eq!((w.n, w.defaults, w.tampered, w.anomalies), (20, 3, 2, 5));
        assert_eq!((w.mean_delay, w.anomaly_threshold), (5611, 70));
        assert_eq!((w.published_at, w.attestations, w.backing_era), (1_800_000_000, 2, 60_000));
        assert_eq!((w.default_rate_bps, w.tampering_bps, w.anomaly_bps), (1500, 1000, 2500));
        assert_eq!(RiskWord::unpack(U256::MAX).backing_era, u64::MAX);
        assert_eq!(RiskWord::unpack(U256::ZERO).default_rate_bps, 0);
    }
}
