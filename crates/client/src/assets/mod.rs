//! State assets of `StateAssetRegistry` and their units on other rollups: the facts every
//! asset action shares (how consumers, scenarios, schemas and coefficients are written, which
//! asset an action may touch) and one file per action. The registry's calls live here, so an ABI
//! change of the registry is adapted in this directory.

mod authorize;
mod challenge;
mod consent;
mod exported;
mod govern;
mod pledge;
mod register;
mod resolve;
mod retire;
mod view;

use alloy::{
    primitives::{Address, B256, U256, keccak256},
    providers::Provider,
    sol,
    sol_types::{SolEvent, SolValue},
};
use era_bindings::IStateAssetRegistry;

pub use authorize::{Authorization, Claimed, Revoked};
pub use challenge::{Commitment, Committed, Revealed, evidence_hash};
pub use consent::{Consent, ConsentCancelled};
pub use exported::{Checked, Exported};
pub use govern::{NewSchema, Scheduled};
pub use pledge::{Pledged, Unpledged};
pub use register::{ProverKeys, Registered, Registration};
pub use resolve::Verdict;
pub use retire::{Retired, Retiring};
pub use view::{AssetList, AssetView, ChallengeView, Shown};

/// Coefficient 1.0 in basis points, and the registry's bounds: its own constants (generated from
/// its source, checked against its bytecode).
use crate::constants::StateAssetRegistry::{
    COEFFICIENT_ONE, MAX_AUTHORIZATION_PERIOD, MAX_COEFFICIENT,
};
use crate::{AssetStatus, Client, Error, Sent, error::Result, refuse, units::fmt_duration};

sol! {
    /// What a schema's generated verifier tells about itself.
    #[sol(rpc)]
    interface IVerifierKey {
        function VERIFYING_KEY_HASH() external view returns (bytes32);
        function SCHEMA_ID() external view returns (bytes32);
    }
}

/// An asset as the registry stores it.
type RawAsset = IStateAssetRegistry::Asset;

/// A scenario as assets name it: a bytes32 as given, or the keccak256 of a name.
pub fn scenario_key(text: &str) -> B256 {
    text.parse::<B256>().unwrap_or_else(|_| keccak256(text))
}

/// A consumer: an address (left-padded), a bytes32, or a name (its keccak256, e.g. a scenario).
pub fn consumer_key(text: &str) -> B256 {
    match text.parse::<Address>() {
        Ok(address) => B256::left_padding_from(address.as_slice()),
        Err(_) => scenario_key(text),
    }
}

/// The registry's id of the schema of `circuit` for `scenario`.
pub fn schema_id(circuit: B256, scenario: B256) -> B256 {
    keccak256((circuit, scenario).abi_encode())
}

/// A coefficient such as `1.5` in basis points (for clap's `value_parser`).
pub fn parse_coefficient(text: &str) -> Result<u32, String> {
    let value: f64 =
        text.parse().map_err(|_| format!("`{text}` is not a coefficient: expected e.g. 1.5"))?;
    let max = f64::from(MAX_COEFFICIENT) / f64::from(COEFFICIENT_ONE);
    if !(1.0..=max).contains(&value) {
        return Err(format!("coefficient {text} is outside [1.0, {max:.1}]"));
    }
    Ok((value * f64::from(COEFFICIENT_ONE)).round() as u32)
}

/// A coefficient in basis points as people read it: `1.5000`.
pub fn fmt_coefficient(bps: u32) -> String {
    format!("{:.4}", f64::from(bps) / f64::from(COEFFICIENT_ONE))
}

/// Refuses an asset that is not live: only live assets can be authorized.
fn require_live(asset_id: B256, asset: &RawAsset) -> Result<()> {
    if asset.status != AssetStatus::Live as u8 {
        refuse!(
            "asset {asset_id} is {}: only live assets can be authorized",
            AssetStatus::name_of(asset.status)
        );
    }
    Ok(())
}

/// Refuses an authorization period the registry would: outside (0, MAX_AUTHORIZATION_PERIOD].
fn check_period(period: u64) -> Result<()> {
    if period == 0 || U256::from(period) > MAX_AUTHORIZATION_PERIOD {
        refuse!(
            "--for {} is outside (0, {}]",
            fmt_duration(period),
            fmt_duration(MAX_AUTHORIZATION_PERIOD.to())
        );
    }
    Ok(())
}

/// Where a refusal about an unknown asset points: the owner's list, or nowhere.
const LIST_HINT: &str = " (era asset list --owner <address>)";

impl<P: Provider> Client<P> {
    /// The chain id the provider serves, for refusals that name the chain.
    pub(crate) async fn chain_id(&self) -> Result<u64> {
        Ok(self.provider.get_chain_id().await?)
    }

    /// Asset `id`, refused when there is none (`hint` says where to look).
    async fn existing_asset(&self, id: B256, hint: &str) -> Result<RawAsset> {
        let a = self.assets().assetOf(id).call().await?;
        if a.owner.is_zero() {
            refuse!("no asset {id} on chain {}{hint}", self.chain_id().await?);
        }
        Ok(a)
    }

    /// Asset `id`, checked to exist and belong to `sender`.
    pub(crate) async fn owned_asset(&self, id: B256, sender: Address) -> Result<RawAsset> {
        let a = self.existing_asset(id, LIST_HINT).await?;
        if a.owner != sender {
            refuse!("asset {id} belongs to {}, not {sender}: use the owner's key", a.owner);
        }
        Ok(a)
    }

    /// Checks `payer` holds `amount` ERA and approves the registry for it if needed (`what`:
    /// "fee", "anchor stake", ...).
    async fn pay_registry(&self, payer: Address, amount: U256, what: &str) -> Result<Option<Sent>> {
        let registry = self.addresses.assets;
        self.approve_era(payer, registry, amount, &format!("the {what} is")).await
    }

    /// The event `E` a sent transaction emitted.
    pub(crate) async fn event<E: SolEvent>(&self, sent: &Sent) -> Result<E> {
        let receipt = self
            .provider
            .get_transaction_receipt(sent.tx_hash)
            .await?
            .ok_or_else(|| Error::Rpc(format!("no receipt for {}", sent.tx_hash)))?;
        receipt
            .inner
            .logs()
            .iter()
            .find_map(|log| E::decode_log(&log.inner).ok().map(|l| l.data))
            .ok_or_else(|| Error::Rpc(format!("the transaction emitted no {}", E::SIGNATURE)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn consumers_scenarios_and_coefficients_are_written_as_people_write_them() {
        let a = Address::repeat_byte(0xab);
        assert_eq!(consumer_key(&a.to_string()), B256::left_padding_from(a.as_slice()));
        assert_eq!(consumer_key("shipping"), keccak256("shipping"));
        let word = B256::repeat_byte(7);
        assert_eq!(scenario_key(&word.to_string()), word);
        assert_eq!(parse_coefficient("1.5"), Ok(15_000));
        assert!(parse_coefficient("0.9").unwrap_err().contains("outside [1.0, 3.0]"));
        assert!(parse_coefficient("x").is_err());
        assert_eq!(fmt_coefficient(16_666), "1.6666");
        assert!(check_period(0).is_err());
        assert!(check_period(MAX_AUTHORIZATION_PERIOD.to::<u64>() + 1).is_err());
        assert!(check_period(86_400).is_ok());
    }
}
