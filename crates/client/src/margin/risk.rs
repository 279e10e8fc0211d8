//! Providers' risk features in the standard schema (default rate, delay, tampering frequency,
//! anomalous fluctuation, price volatility), published by partners as figures plus a commitment
//! to the desensitized records and an optional ZK proof reference. Each partner keeps its own
//! history about each provider.

use std::fmt;

use alloy::{
    primitives::{Address, B256, U256},
    providers::Provider,
};
use era_bindings::IERAMargin;
use serde::Serialize;

use crate::{
    Client, Sent,
    error::{Error, Result},
    refuse, tier_id, tier_name,
    tx::send,
    units::{fmt_duration, fmt_time},
};

/// One basis point (0.01%) as a wad.
const BPS_WAD: u64 = 100_000_000_000_000;

/// Risk features as a partner reports them: shares as wads (1e18 = 100%), the delay in seconds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RiskReport {
    /// Share of obligations the provider defaulted on.
    pub default_rate: U256,
    /// Average delay of its deliveries, seconds.
    pub delay: u64,
    /// Share of records found tampered with.
    pub tampering: U256,
    /// Share of observations with anomalous fluctuation.
    pub anomaly: U256,
    /// Price volatility of what it quotes.
    pub volatility: U256,
    /// Commitment to the desensitized raw records.
    pub commitment: B256,
    /// Reference of a ZK proof over the commitment.
    pub proof_ref: Option<B256>,
}

impl RiskReport {
    /// The features as the contract stores them, refused unless each share is in 0.01% steps
    /// up to 100% and the delay fits.
    pub fn features(&self) -> Result<IERAMargin::RiskFeatures> {
        let Ok(delay) = u32::try_from(self.delay) else {
            refuse!("--delay {} is too long (at most about 136 years)", fmt_duration(self.delay));
        };
        Ok(IERAMargin::RiskFeatures {
            defaultRateBps: bps("default-rate", self.default_rate)?,
            delaySeconds: delay,
            tamperingBps: bps("tampering", self.tampering)?,
            anomalyBps: bps("anomaly", self.anomaly)?,
            volatilityBps: bps("volatility", self.volatility)?,
            commitment: self.commitment,
            proofRef: self.proof_ref.unwrap_or_default(),
            partner: B256::ZERO,
            publishedAt: 0,
        })
    }
}

/// A share as basis points: 0.01% steps, at most 100%.
fn bps(name: &str, wad: U256) -> Result<u16> {
    let step = U256::from(BPS_WAD);
    if !(wad % step).is_zero() {
        refuse!("--{name} takes steps of 0.01%");
    }
    let bps = wad / step;
    if bps > U256::from(10_000u16) {
        refuse!("--{name} cannot be above 100%");
    }
    Ok(bps.to::<u16>())
}

/// One publication of risk features, as stored.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RiskFeatures {
    /// The provider described.
    pub provider: Address,
    /// Default rate, basis points.
    pub default_rate_bps: u16,
    /// Average delay, seconds.
    pub delay_seconds: u32,
    /// Tampering frequency, basis points.
    pub tampering_bps: u16,
    /// Anomalous fluctuation, basis points.
    pub anomaly_bps: u16,
    /// Price volatility, basis points.
    pub volatility_bps: u16,
    /// Commitment to the desensitized records.
    pub commitment: B256,
    /// ZK proof reference (zero for none).
    pub proof_ref: B256,
    /// The partner that published them.
    pub partner: String,
    /// When.
    pub published_at: u64,
    /// Which of the partner's publications about the provider this is, from 0.
    pub index: u64,
    /// How many the partner has published about the provider.
    pub publications: u64,
}

fn pct(bps: u16) -> String {
    format!("{}.{:02}%", bps / 100, bps % 100)
}

impl fmt::Display for RiskFeatures {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "risk features of {} (by partner `{}`, {}; publication {} of {})",
            self.provider,
            self.partner,
            fmt_time(self.published_at),
            self.index + 1,
            self.publications
        )?;
        writeln!(f, "  default rate   {}", pct(self.default_rate_bps))?;
        writeln!(f, "  delay          {}", fmt_duration(self.delay_seconds.into()))?;
        writeln!(f, "  tampering      {}", pct(self.tampering_bps))?;
        writeln!(f, "  anomaly        {}", pct(self.anomaly_bps))?;
        writeln!(f, "  volatility     {}", pct(self.volatility_bps))?;
        writeln!(f, "  commitment     {}", self.commitment)?;
        if self.proof_ref.is_zero() {
            write!(f, "  zk proof       none")
        } else {
            write!(f, "  zk proof       {}", self.proof_ref)
        }
    }
}

/// What a publication did: its transaction and the features as stored.
#[derive(Clone, Debug, Serialize)]
pub struct RiskPublished {
    /// The publication's transaction.
    pub tx: Sent,
    /// The features as stored.
    pub features: RiskFeatures,
}

impl fmt::Display for RiskPublished {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}\n{}", self.tx, self.features)
    }
}

impl<P: Provider> Client<P> {
    /// Partner `partner`'s publication number `index` (default: the latest) about `provider`.
    pub async fn risk_features(
        &self,
        provider: Address,
        partner: &str,
        index: Option<u64>,
    ) -> Result<RiskFeatures> {
        let partner = tier_id(partner).map_err(|e| Error::Refused(e.to_string()))?;
        self.features_at(provider, partner, index).await
    }

    async fn features_at(
        &self,
        provider: Address,
        partner: B256,
        index: Option<u64>,
    ) -> Result<RiskFeatures> {
        let margin = self.margin_deployed().await?;
        let publications = margin.riskFeaturesCount(provider, partner).call().await?.to::<u64>();
        if publications == 0 {
            refuse!("partner `{}` published no risk features for {provider}", tier_name(partner));
        }
        let index = index.unwrap_or(publications - 1);
        if index >= publications {
            refuse!(
                "partner `{}` has {publications} publication(s) about {provider}: --index {index} is past the last ({})",
                tier_name(partner),
                publications - 1
            );
        }
        let f = margin.riskFeaturesAt(provider, partner, U256::from(index)).call().await?;
        Ok(RiskFeatures {
            provider,
            default_rate_bps: f.defaultRateBps,
            delay_seconds: f.delaySeconds,
            tampering_bps: f.tamperingBps,
            anomaly_bps: f.anomalyBps,
            volatility_bps: f.volatilityBps,
            commitment: f.commitment,
            proof_ref: f.proofRef,
            partner: tier_name(f.partner),
            published_at: f.publishedAt,
            index,
            publications,
        })
    }

    /// The partner `sender` acts for publishes `report` about `provider`, appended to its
    /// history.
    pub async fn publish_risk(
        &self,
        sender: Address,
        provider: Address,
        report: &RiskReport,
    ) -> Result<RiskPublished> {
        let features = report.features()?;
        let margin = self.margin_deployed().await?;
        let partner = margin.partnerOf(sender).call().await?;
        if partner.is_zero() {
            refuse!(
                "{sender} acts for no registered partner: only partners publish risk features (`era partner add`)"
            );
        }
        let tx =
            send("publishRiskFeatures", margin.publishRiskFeatures(provider, features)).await?;
        Ok(RiskPublished { tx, features: self.features_at(provider, partner, None).await? })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::units::parse_percent;

    fn report(volatility: &str) -> RiskReport {
        RiskReport {
            default_rate: parse_percent("1.5%").unwrap(),
            delay: 5_400,
            tampering: parse_percent("0.02%").unwrap(),
            anomaly: parse_percent("0.4%").unwrap(),
            volatility: parse_percent(volatility).unwrap(),
            commitment: B256::repeat_byte(1),
            proof_ref: None,
        }
    }

    #[test]
    fn shares_become_basis_points_in_steps_up_to_all() {
        let f = report("100%").features().unwrap();
        assert_eq!(
            (f.defaultRateBps, f.tamperingBps, f.anomalyBps, f.volatilityBps),
            (150, 2, 40, 10_000)
        );
        assert_eq!((f.delaySeconds, f.proofRef), (5_400, B256::ZERO));
        let refusal = |r: RiskReport| r.features().unwrap_err().to_string();
        assert_eq!(refusal(report("100.01%")), "--volatility cannot be above 100%");
        assert_eq!(refusal(report("0.005%")), "--volatility takes steps of 0.01%");
        let long = RiskReport { delay: u64::from(u32::MAX) + 1, ..report("9%") };
        assert!(refusal(long).starts_with("--delay 49710d 6h 28m 16s is too long"));
    }

    #[test]
    fn features_print_shares_as_percentages() {
        let features = RiskFeatures {
            provider: Address::ZERO,
            default_rate_bps: 150,
            delay_seconds: 5_400,
            tampering_bps: 2,
            anomaly_bps: 40,
            volatility_bps: 1_200,
            commitment: B256::ZERO,
            proof_ref: B256::ZERO,
            partner: "alpha".into(),
            published_at: 0,
            index: 1,
            publications: 2,
        };
        let text = features.to_string();
        assert!(text.contains("by partner `alpha`, 1970-01-01T00:00:00Z; publication 2 of 2"));
        assert!(text.contains("  default rate   1.50%\n  delay          1h 30m\n"), "{text}");
        assert!(text.contains("  volatility     12.00%") && text.ends_with("zk proof       none"));
    }
}
