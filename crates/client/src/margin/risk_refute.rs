//! Showing a risk publication false and slashing its attesters (`RiskFeed.refute`,
//! `slashAttester`). A proof under a sound key makes a false publication impossible; under a
//! broken one (the development key's seed is public) it is not, and whoever holds the records
//! opens the commitment on chain. Everything the feed checks is checked here first, so a
//! refutation that would revert (other records, a true publication) is refused and not sent.

use std::fmt;

use alloy::{
    primitives::{Address, U256},
    providers::Provider,
};
use era_prover::{
    field::fr_to_u256,
    risk::{RiskFigures, RiskRecords},
};
use serde::Serialize;

use super::risk::{RiskPublication, partner_id};
use crate::{
    Client, Sent,
    error::{Error, Result},
    refuse, tier_name,
    tx::send,
    units::fmt_era,
};

/// What a refutation did.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RiskRefuted {
    /// The refutation's transaction.
    pub tx: Sent,
    /// The figures the opened records give (the publication claimed `publication`'s).
    pub opened: RiskFigures,
    /// The publication after it (backing zero, refuter set).
    pub publication: RiskPublication,
}

impl fmt::Display for RiskRefuted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let o = &self.opened;
        write!(
            f,
            "{}\nthe committed records give {} records, {} defaults, {} tampered, {} anomalies, mean delay {} s\n{}",
            self.tx, o.n, o.defaults, o.tampered, o.anomalies, o.mean_delay, self.publication
        )
    }
}

/// What slashing an attester did.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AttesterSlashed {
    /// The slash's transaction.
    pub tx: Sent,
    /// The slashed node.
    pub node: Address,
    /// The stake it attested with, ERA wei.
    #[serde(with = "crate::wei")]
    pub attested: U256,
    /// ERA wei taken from it and paid to the refuter.
    #[serde(with = "crate::wei")]
    pub amount: U256,
    /// The refuter, who was paid.
    pub refuter: Address,
}

impl fmt::Display for AttesterSlashed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}\nnode {} (attested with {}) slashed {}, paid to the refuter {}",
            self.tx,
            self.node,
            fmt_era(self.attested),
            fmt_era(self.amount),
            self.refuter
        )
    }
}

impl<P: Provider> Client<P> {
    /// Opens publication `index` of (`provider`, `partner`) with `records` (the JSON the partner
    /// proved from) and refutes it. Refused, with nothing sent, when the records are not the ones
    /// it committed to, or when they give the published figures (the publication is true).
    pub async fn refute_risk(
        &self,
        provider: Address,
        partner: &str,
        index: u64,
        records: &str,
    ) -> Result<RiskRefuted> {
        let partner = partner_id(partner)?;
        let published = self.risk_publication_at(provider, partner, index).await?;
        if let Some(refuter) = published.refuter {
            refuse!(
                "publication {index} of `{}` was refuted already, by {refuter}",
                published.partner
            );
        }
        let records =
            RiskRecords::from_json(records).map_err(|e| Error::Refused(format!("records: {e}")))?;
        let commitment = fr_to_u256(records.commitment());
        if commitment != U256::from_be_bytes(published.commitment.0) {
            refuse!(
                "these records commit to {commitment:#x}, publication {index} to {}: they are not its records",
                published.commitment
            );
        }
        let opened = RiskFigures::compute(&records, published.anomaly_threshold)
            .map_err(|e| Error::Refused(format!("records: {e}")))?;
        let claimed = (
            published.records,
            published.defaults,
            published.tampered,
            published.anomalies,
            published.mean_delay,
        );
        if claimed
            == (opened.n, opened.defaults, opened.tampered, opened.anomalies, opened.mean_delay)
        {
            refuse!(
                "publication {index} of `{}` is true: its records give exactly its figures (nothing sent)",
                published.partner
            );
        }
        let words: [U256; 32] =
            records.packed_slots().try_into().expect("a record set is padded to 32 slots");
        let feed = self.risk_feed_deployed().await?;
        let call =
            feed.refute(provider, partner, U256::from(index), fr_to_u256(records.salt), words);
        let tx = send("refute", call).await?;
        let publication = self.risk_publication_at(provider, partner, index).await?;
        Ok(RiskRefuted { tx, opened, publication })
    }

    /// Slashes `node` for attesting refuted publication `index` of (`provider`, `partner`); the
    /// refuter is paid. Refused when it is not refuted, `node` has no unslashed attestation of it,
    /// or the feed does not hold staking's slasher role yet.
    pub async fn slash_risk_attester(
        &self,
        provider: Address,
        partner: &str,
        index: u64,
        node: Address,
    ) -> Result<AttesterSlashed> {
        let partner = partner_id(partner)?;
        let publication = self.risk_publication_at(provider, partner, index).await?;
        let Some(refuter) = publication.refuter else {
            refuse!(
                "publication {index} of `{}` about {provider} was not refuted: its attesters are not slashable",
                tier_name(partner)
            );
        };
        let feed = self.risk_feed_deployed().await?;
        let attested =
            feed.attestedStake(provider, partner, U256::from(index), node).call().await?;
        if attested.is_zero() {
            refuse!("{node} has no unslashed attestation of publication {index}: nothing to slash");
        }
        if !self.is_slasher(*feed.address()).await? {
            refuse!(
                "the RiskFeed cannot slash yet: grant it staking's slasher role through the timelock first (`era risk grant-slasher`)"
            );
        }
        let before = self.era().balanceOf(refuter).call().await?;
        let call = feed.slashAttester(provider, partner, U256::from(index), node);
        let tx = send("slashAttester", call).await?;
        let amount = self.era().balanceOf(refuter).call().await? - before;
        Ok(AttesterSlashed { tx, node, attested, amount, refuter })
    }
}
