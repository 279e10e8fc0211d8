//! Providers' risk features, proven and attested (the `RiskFeed`): a partner proves with
//! era-prover's risk circuit that its figures (records, defaults, tampered records, anomalies,
//! mean settlement delay) are those of up to 32 incident records it commits to, and publishes
//! them with the proof; staked ERA nodes attest publications, and their stake backs them.
//!
//! The proof binds one publication slot (provider, partner, chain, feed, index), so the client
//! reads the next index right before proving, and checks everything the feed checks (capacity,
//! the figures against the records, the binding against the feed's `bindingOf`, the proof
//! against the key) before anything is sent.

use std::fmt;

use alloy::{
    primitives::{Address, B256, U256},
    providers::Provider,
};
use era_bindings::{IRiskFeed, RiskFeed::RiskFeedInstance};
use era_prover::{
    Progress,
    keys::DEFAULT_DEV_LABEL,
    risk::{self, RiskBinding, RiskFigures, RiskRecords},
    verify_bundle,
};
use serde::Serialize;

use crate::{
    Client, Sent,
    error::{Error, Result},
    refuse, tier_id, tier_name,
    tx::send,
    units::{fmt_duration, fmt_era, fmt_time},
};

/// What the proof establishes, and what it does not (printed with every publication).
pub const RISK_PROOF_NOTE: &str = "the Groth16 proof shows these figures are computed correctly \
     from the incident records the partner committed to; it cannot show the records are true: \
     that is what the attesting nodes' stake backs";

/// Basis points as a percentage with two decimals: `5.00%`.
fn pct(bps: u16) -> String {
    format!("{}.{:02}%", bps / 100, bps % 100)
}

/// One publication of proven figures, as the feed stores it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RiskPublication {
    /// The provider described.
    pub provider: Address,
    /// The publishing partner (its name when it reads as one, else the bytes32).
    pub partner: String,
    /// The publication's index in the (provider, partner) history.
    pub index: u64,
    /// Present records the figures are over.
    pub records: u8,
    /// Records that defaulted.
    pub defaults: u8,
    /// Records found tampered with.
    pub tampered: u8,
    /// Records with an anomaly score above `anomaly_threshold`.
    pub anomalies: u8,
    /// defaults / records, basis points (rounded down, as the feed derives it).
    pub default_rate_bps: u16,
    /// tampered / records, basis points.
    pub tampering_bps: u16,
    /// anomalies / records, basis points.
    pub anomaly_bps: u16,
    /// Mean settlement delay of the records that did not default, seconds.
    pub mean_delay: u32,
    /// The anomaly score threshold the partner declared.
    pub anomaly_threshold: u32,
    /// Commitment to the record set the proof opened.
    pub commitment: B256,
    /// Block time of the publication.
    pub published_at: u64,
    /// Staked nodes that attested it.
    pub attestations: u32,
    /// Sum of the attesting nodes' active stakes when each attested, ERA wei; zero once refuted.
    #[serde(with = "crate::wei")]
    pub backing: U256,
    /// ERA/fiat volatility from the declared price source when published, basis points; `null`
    /// when the source could not answer (or none was declared).
    pub volatility_bps: Option<u16>,
    /// Who showed the figures false by opening the commitment; `null` if nobody did.
    pub refuter: Option<Address>,
}

/// The feed's "volatility unknown" (`PriceVolatility.UNKNOWN`).
const VOLATILITY_UNKNOWN: u16 = u16::MAX;

fn bps(count: u8, n: u8) -> u16 {
    if n == 0 { 0 } else { (u32::from(count) * 10_000 / u32::from(n)) as u16 }
}

impl RiskPublication {
    fn new(
        provider: Address,
        partner: B256,
        index: u64,
        p: &IRiskFeed::Publication,
    ) -> RiskPublication {
        let f = &p.figures;
        RiskPublication {
            provider,
            partner: tier_name(partner),
            index,
            records: f.n,
            defaults: f.defaults,
            tampered: f.tampered,
            anomalies: f.anomalies,
            default_rate_bps: bps(f.defaults, f.n),
            tampering_bps: bps(f.tampered, f.n),
            anomaly_bps: bps(f.anomalies, f.n),
            mean_delay: f.meanDelay,
            anomaly_threshold: f.anomalyThreshold,
            commitment: B256::from(p.commitment),
            published_at: p.publishedAt,
            attestations: p.attestations,
            backing: p.backing,
            volatility_bps: (p.volatilityBps != VOLATILITY_UNKNOWN).then_some(p.volatilityBps),
            refuter: (!p.refuter.is_zero()).then_some(p.refuter),
        }
    }
}

impl fmt::Display for RiskPublication {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "risk of {} (partner `{}`, publication {}, {})",
            self.provider,
            self.partner,
            self.index,
            fmt_time(self.published_at)
        )?;
        writeln!(f, "  records        {}", self.records)?;
        writeln!(f, "  default rate   {} ({})", pct(self.default_rate_bps), self.defaults)?;
        writeln!(f, "  tampering      {} ({})", pct(self.tampering_bps), self.tampered)?;
        writeln!(
            f,
            "  anomaly        {} ({} above score {})",
            pct(self.anomaly_bps),
            self.anomalies,
            self.anomaly_threshold
        )?;
        writeln!(f, "  mean delay     {}", fmt_duration(self.mean_delay.into()))?;
        writeln!(f, "  commitment     {}", self.commitment)?;
        match self.volatility_bps {
            Some(bps) => {
                writeln!(f, "  volatility     {} (ERA/fiat, declared price source)", pct(bps))?
            }
            None => writeln!(f, "  volatility     unknown (no price source answered)")?,
        }
        writeln!(f, "  attestations   {} (backing {})", self.attestations, fmt_era(self.backing))?;
        if let Some(refuter) = self.refuter {
            writeln!(
                f,
                "  REFUTED by {refuter}: its records do not give these figures; its attesters are slashable"
            )?;
        }
        write!(f, "  {RISK_PROOF_NOTE}")
    }
}

/// What a proven publication did.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RiskPublished {
    /// The publication's transaction.
    pub tx: Sent,
    /// Milliseconds spent proving (key setup included).
    pub prove_ms: u64,
    /// The proof as the feed took it ([A.x, A.y, B.x1, B.x0, B.y1, B.y0, C.x, C.y]): anyone can
    /// check it against the feed's verifier with the commitment and `bindingOf`.
    pub proof: [U256; 8],
    /// The publication as stored.
    pub publication: RiskPublication,
}

impl fmt::Display for RiskPublished {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}\nproved in {} ms\n{}", self.tx, self.prove_ms, self.publication)
    }
}

/// What an attestation did.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RiskAttested {
    /// The attestation's transaction.
    pub tx: Sent,
    /// The attesting node.
    pub node: Address,
    /// The node's stake the attestation recorded, ERA wei.
    #[serde(with = "crate::wei")]
    pub stake: U256,
    /// The publication after it.
    pub publication: RiskPublication,
}

impl fmt::Display for RiskAttested {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}\nnode {} backs it with {}\n{}",
            self.tx,
            self.node,
            fmt_era(self.stake),
            self.publication
        )
    }
}

/// `partner` as a name (`alpha`) or a 0x-prefixed bytes32.
pub(super) fn partner_id(partner: &str) -> Result<B256> {
    if partner.starts_with("0x") && partner.len() == 66 {
        return partner
            .parse()
            .map_err(|_| Error::Refused(format!("`{partner}` is not a bytes32")));
    }
    tier_id(partner).map_err(|e| Error::Refused(e.to_string()))
}

impl<P: Provider> Client<P> {
    /// The risk feed; a suite recorded before it had one is told to redeploy.
    pub(super) async fn risk_feed_deployed(&self) -> Result<RiskFeedInstance<&P>> {
        if self.addresses.risk_feed.is_zero() {
            let chain = self.provider.get_chain_id().await?;
            refuse!(
                "the suite on chain {chain} has no RiskFeed: deploy the current suite with `era deploy --force`"
            );
        }
        Ok(self.risk_feed())
    }

    /// Publication `index` of (`provider`, `partner`), refused past the end.
    pub(super) async fn risk_publication_at(
        &self,
        provider: Address,
        partner: B256,
        index: u64,
    ) -> Result<RiskPublication> {
        let feed = self.risk_feed_deployed().await?;
        let count = feed.publications(provider, partner).call().await?.to::<u64>();
        if index >= count {
            refuse!(
                "partner `{}` has {count} risk publication(s) about {provider}: there is no index {index}",
                tier_name(partner)
            );
        }
        let p = feed.publication(provider, partner, U256::from(index)).call().await?;
        Ok(RiskPublication::new(provider, partner, index, &p))
    }

    /// Partner `partner`'s (a name or a bytes32) publication `index` about `provider`.
    pub async fn risk_publication(
        &self,
        provider: Address,
        partner: &str,
        index: u64,
    ) -> Result<RiskPublication> {
        self.risk_publication_at(provider, partner_id(partner)?, index).await
    }

    /// `provider`'s newest proven publication (of any partner), as `riskOf` reads it.
    pub async fn risk_of(&self, provider: Address) -> Result<RiskPublication> {
        let feed = self.risk_feed_deployed().await?;
        let risk = feed.riskOf(provider).call().await?;
        if risk.partner.is_zero() {
            refuse!("no partner published proven risk features about {provider}");
        }
        let count = feed.publications(provider, risk.partner).call().await?.to::<u64>();
        self.risk_publication_at(provider, risk.partner, count - 1).await
    }

    /// The partner `sender` acts for proves that `records` (JSON, see
    /// [`era_prover::risk::RiskRecords`]) have the figures it publishes about `provider` (with
    /// anomalies counted above `threshold`), for the next slot of its history, and publishes
    /// them with the proof. Everything the feed checks is checked first: nothing is sent for a
    /// set the proof cannot cover.
    pub async fn publish_proven_risk(
        &self,
        sender: Address,
        provider: Address,
        records: &str,
        threshold: u32,
        progress: &dyn Progress,
    ) -> Result<RiskPublished> {
        let refused = |e: era_prover::Error| Error::Refused(format!("records: {e}"));
        let records = RiskRecords::from_json(records).map_err(refused)?;
        let figures = RiskFigures::compute(&records, threshold).map_err(refused)?;
        let feed = self.risk_feed_deployed().await?;
        let partner = self.partner_of(sender).await?;
        let index = feed.publications(provider, partner).call().await?.to::<u64>();
        let binding = RiskBinding {
            provider,
            partner,
            chain_id: self.provider.get_chain_id().await?,
            feed: *feed.address(),
            index,
            figures,
        };
        let on_chain = IRiskFeed::Figures {
            n: figures.n,
            defaults: figures.defaults,
            tampered: figures.tampered,
            anomalies: figures.anomalies,
            meanDelay: figures.mean_delay,
            anomalyThreshold: figures.anomaly_threshold,
        };
        let expected = feed.bindingOf(provider, partner, U256::from(index), on_chain.clone());
        if expected.call().await? != binding.to_word() {
            refuse!("the RiskFeed at {} binds proofs differently from era-prover", feed.address());
        }

        let started = std::time::Instant::now();
        progress.start("setting up the risk circuit's development key");
        let pk = risk::dev_setup(DEFAULT_DEV_LABEL).map_err(refused)?;
        progress.finish();
        // The development key proves only for a feed whose verifier was generated from it (a
        // ceremony's key on a public chain): say so rather than let the feed refuse the proof.
        let verifier =
            era_bindings::RiskFeaturesVerifier::new(feed.verifier().call().await?, &self.provider);
        let deployed_key = verifier.VERIFYING_KEY_HASH().call().await?;
        let own_key = era_prover::keys::vk_hash(&pk.vk);
        if deployed_key != own_key {
            refuse!(
                "the RiskFeed's verifier {} checks key {deployed_key}, era proves with the development key {own_key}: proofs for it need its own key",
                verifier.address()
            );
        }
        progress.start("proving the risk figures");
        let bundle =
            risk::prove(&pk, &records, &binding, &mut era_prover::os_rng()).map_err(refused)?;
        progress.finish();
        if !verify_bundle(&pk.vk, &bundle).map_err(refused)? {
            refuse!("the risk proof does not verify with its own key");
        }
        let prove_ms = started.elapsed().as_millis() as u64;

        let call = feed.publish(provider, on_chain, bundle.public_inputs[0], bundle.proof);
        let tx = send("publish", call).await?;
        let publication = self.risk_publication_at(provider, partner, index).await?;
        Ok(RiskPublished { tx, prove_ms, proof: bundle.proof, publication })
    }

    /// The node `sender` attests publication `index` of (`provider`, `partner`): its active
    /// stake backs it. The feed refuses (and nothing is sent) a sender that is not a node with
    /// the minimum stake, or one that attested it already.
    pub async fn attest_risk(
        &self,
        sender: Address,
        provider: Address,
        partner: &str,
        index: u64,
    ) -> Result<RiskAttested> {
        let partner = partner_id(partner)?;
        self.risk_publication_at(provider, partner, index).await?;
        let feed = self.risk_feed_deployed().await?;
        let tx = send("attest", feed.attest(provider, partner, U256::from(index))).await?;
        let stake = feed.attestedStake(provider, partner, U256::from(index), sender).call().await?;
        let publication = self.risk_publication_at(provider, partner, index).await?;
        Ok(RiskAttested { tx, node: sender, stake, publication })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rates_are_rounded_down_basis_points() {
        assert_eq!((bps(1, 20), bps(1, 3), bps(0, 0), bps(32, 32)), (500, 3_333, 0, 10_000));
        assert_eq!(pct(3_333), "33.33%");
    }

    #[test]
    fn partners_are_names_or_bytes32() {
        let raw = format!("{}", B256::repeat_byte(0x9a));
        assert_eq!(partner_id(&raw).unwrap(), B256::repeat_byte(0x9a));
        assert_eq!(partner_id("alpha").unwrap(), tier_id("alpha").unwrap());
    }
}
