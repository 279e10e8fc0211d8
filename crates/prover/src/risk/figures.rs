//! The risk figures a proof establishes about a record set, computed natively, and their packing
//! into the low 96 bits of the binding input.

use alloy::primitives::U256;
use serde::{Deserialize, Serialize};

use super::RiskRecords;
use crate::Result;

/// What the proof shows about a provider's present records (the circuit recomputes each).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RiskFigures {
    /// Present records (1..=32).
    pub n: u8,
    /// Present records that defaulted.
    pub defaults: u8,
    /// Present records found tampered with.
    pub tampered: u8,
    /// Present records with an anomaly score above `anomaly_threshold`.
    pub anomalies: u8,
    /// `floor(Σ max(0, settled - due) / (n - defaults))` over present, non-defaulted records, in
    /// seconds; 0 when every record defaulted.
    pub mean_delay: u32,
    /// The anomaly score threshold the publisher declares.
    pub anomaly_threshold: u32,
}

impl RiskFigures {
    /// Bits the figures take at the bottom of the binding.
    pub const BITS: usize = 96;

    /// Each figure's `(offset, width)` in the packed figures, bit 0 first, in field order.
    pub const LAYOUT: [(usize, usize); 6] = [(0, 8), (8, 8), (16, 8), (24, 8), (32, 32), (64, 32)];

    /// The figures of `set` with the declared anomaly threshold (checks the set first).
    pub fn compute(set: &RiskRecords, anomaly_threshold: u32) -> Result<Self> {
        set.check()?;
        let records = &set.records;
        let count = |f: &dyn Fn(&super::IncidentRecord) -> bool| {
            u8::try_from(records.iter().filter(|r| f(r)).count()).expect("at most 32 records")
        };
        let settled: Vec<_> = records.iter().filter(|r| !r.defaulted).collect();
        let delay_sum: u64 = settled.iter().map(|r| u64::from(r.delay())).sum();
        let mean_delay = match settled.len() as u64 {
            0 => 0,
            k => u32::try_from(delay_sum / k).expect("a mean of u32 delays is a u32"),
        };
        Ok(Self {
            n: count(&|_| true),
            defaults: count(&|r| r.defaulted),
            tampered: count(&|r| r.tampered),
            anomalies: count(&|r| r.anomaly > anomaly_threshold),
            mean_delay,
            anomaly_threshold,
        })
    }

    /// The figures in field order, as [`Self::LAYOUT`] places them.
    pub fn values(&self) -> [u64; 6] {
        [
            u64::from(self.n),
            u64::from(self.defaults),
            u64::from(self.tampered),
            u64::from(self.anomalies),
            u64::from(self.mean_delay),
            u64::from(self.anomaly_threshold),
        ]
    }

    /// The packed figures: n (8) | defaults (8) | tampered (8) | anomalies (8) | meanDelay (32) |
    /// anomalyThreshold (32), bit 0 first.
    pub fn packed(&self) -> U256 {
        Self::LAYOUT
            .iter()
            .zip(self.values())
            .fold(U256::ZERO, |acc, (&(offset, _), v)| acc | (U256::from(v) << offset))
    }

    /// The figures from the low 96 bits of a binding word.
    pub fn unpack(word: U256) -> Self {
        let field = |i: usize| {
            let (offset, width) = Self::LAYOUT[i];
            ((word >> offset) & ((U256::from(1) << width) - U256::from(1))).to::<u64>()
        };
        let byte = |i| u8::try_from(field(i)).expect("8-bit field");
        let word32 = |i| u32::try_from(field(i)).expect("32-bit field");
        Self {
            n: byte(0),
            defaults: byte(1),
            tampered: byte(2),
            anomalies: byte(3),
            mean_delay: word32(4),
            anomaly_threshold: word32(5),
        }
    }
}
