//! The plan's state assets: `[[assets]]` tables. Each names a scenario of the plan; governance
//! adds an on-time schema for it (the dev keys' verifier, the scenario's developer paid), each
//! of `owners` owners proves a record and registers it as an asset at setup, and at `at` each
//! owner authorizes `consumers` consumers on its asset, paying the schema's fee each time.
//!
//! ```toml
//! [[assets]]
//! scenario = "payments"
//! owners = 4          # assets registered (one per owner, each proved with Groth16)
//! consumers = 25      # consumers authorized per asset
//! at = 7200           # when the authorizations are paid
//! period = 86400      # seconds each lasts (default a day)
//! fee = 1.0           # ERA per authorization (default 1)
//! ```

use std::ops::Range;

use alloy::primitives::U256;
use era_client::constants::StateAssetRegistry::{
    DEVELOPER_REWARD, MAX_AUTHORIZATION_PERIOD, MAX_OWNER_REWARD,
};
use serde::Deserialize;
use toml::Spanned;

use crate::plan::{Plan, slash_wad};

/// Owners registering assets in a scenario, and the consumers they authorize.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Assets {
    /// The scenario (the schema is the on-time circuit's for it).
    pub scenario: Spanned<String>,
    /// How many owners register one asset each.
    pub owners: u32,
    /// Consumers each owner authorizes on its asset.
    #[serde(default)]
    pub consumers: u32,
    /// When the authorizations are paid.
    pub at: Spanned<u64>,
    /// Seconds an authorization lasts.
    #[serde(default = "a_day")]
    pub period: Spanned<u64>,
    /// ERA an authorization costs (the schema's fee).
    #[serde(default = "one_era")]
    pub fee: Spanned<f64>,
}

fn a_day() -> Spanned<u64> {
    Spanned::new(0..0, 86_400)
}

fn one_era() -> Spanned<f64> {
    Spanned::new(0..0, 1.0)
}

impl Assets {
    /// The schema's fee in wei (the fraction's wad is ERA's too).
    pub fn fee_wei(&self) -> U256 {
        slash_wad(self.fee.get_ref().fract())
            + U256::from(self.fee.get_ref().trunc() as u64) * era_client::ERA
    }

    /// Authorizations it pays: consumers times owners.
    pub fn authorizations(&self) -> u64 {
        u64::from(self.owners) * u64::from(self.consumers)
    }
}

/// What the suite or the run would refuse in `plan.assets`, with the offending span.
pub fn check(plan: &Plan) -> Result<(), (Range<usize>, String)> {
    let mut seen: Vec<&str> = Vec::new();
    for a in &plan.assets {
        let name = a.scenario.get_ref().as_str();
        if plan.scenario(name).is_none() {
            return Err((a.scenario.span(), format!("no scenario is named `{name}` in this plan")));
        }
        if seen.contains(&name) {
            let problem =
                format!("assets of `{name}` are defined twice: one [[assets]] per scenario");
            return Err((a.scenario.span(), problem));
        }
        seen.push(name);
        if *a.at.get_ref() > *plan.duration.get_ref() {
            let problem = format!(
                "at {} is after the run's end ({} s)",
                a.at.get_ref(),
                plan.duration.get_ref()
            );
            return Err((a.at.span(), problem));
        }
        let period = *a.period.get_ref();
        if period == 0 || U256::from(period) > MAX_AUTHORIZATION_PERIOD {
            let problem = format!(
                "period {period} is refused by the suite: an authorization lasts 1 to {MAX_AUTHORIZATION_PERIOD} seconds"
            );
            return Err((a.period.span(), problem));
        }
        let fee = *a.fee.get_ref();
        let minimum = MAX_OWNER_REWARD + DEVELOPER_REWARD;
        if !(fee.is_finite() && fee >= 0.0) || a.fee_wei() < minimum {
            let problem = format!(
                "fee {fee} is refused by the suite: it must pay the owner's and the developer's rewards, at least {}",
                era_client::units::fmt_era(minimum)
            );
            return Err((a.fee.span(), problem));
        }
    }
    Ok(())
}

/// Whole ERA the plan's owners need: each one's anchor stake (`anchor`, wei) and its fees.
pub fn supply(plan: &Plan, anchor: U256) -> u64 {
    let anchor: u64 = (anchor / era_client::ERA).saturating_to::<u64>() + 1;
    plan.assets
        .iter()
        .map(|a| {
            u64::from(a.owners) * (anchor + u64::from(a.consumers) * a.fee.get_ref().ceil() as u64)
        })
        .sum()
}

/// The on-time circuit with era-prover's deterministic development keys: one key for the whole
/// run (the setup is the slow part once), a proof per owner's record.
pub struct Prover {
    /// The circuit.
    pub schema: era_prover::Schema,
    /// Its dev proving key.
    pub key: era_prover::ProvingKey,
    /// The hash of its verifying key (what the deployed verifier checks).
    pub vk_hash: alloy::primitives::B256,
}

impl Prover {
    /// The on-time circuit's dev keys.
    pub fn dev() -> era_prover::Result<Self> {
        let schema = era_prover::Schema::by_name("on-time")?;
        let key = era_prover::keys::dev_setup(&schema, era_prover::keys::DEFAULT_DEV_LABEL)?;
        let vk_hash = era_prover::keys::vk_hash(&key.vk);
        Ok(Self { schema, key, vk_hash })
    }

    /// A proof of owner `owner`'s record (twelve on-time months, salted by its index) bound to
    /// `binding`.
    pub fn prove(
        &self,
        owner: u32,
        binding: &era_prover::Binding,
    ) -> era_prover::Result<era_prover::ProofBundle> {
        let entries = [0, 1, 3, 2, 0, 0, 3, 1, 0, 2, 0, 1]
            .map(|value| era_prover::Entry { value, valid: true });
        let record = era_prover::Record {
            salt: era_prover::Fr::from(u64::from(owner)),
            entries: entries.to_vec(),
        };
        era_prover::prove(&self.key, &self.schema, &record, binding, &mut era_prover::os_rng())
    }
}
