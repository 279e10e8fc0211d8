//! `era asset`: state assets: schemas and remotes (governance), register with a proof, authorize
//! with a fee, revoke, check, export to another rollup, claim, show and list.

mod authorize;
mod challenge;
mod check;
mod claim;
mod consent;
mod export;
mod list;
mod origin;
mod pay;
mod register;
mod remote;
mod retire;
mod revoke;
mod schema;
mod show;

use std::{fmt, path::PathBuf};

use alloy::{
    primitives::{Address, B256, U256, keccak256},
    providers::Provider,
    rpc::types::{Filter, TransactionReceipt},
    sol,
    sol_types::{SolEvent, SolValue},
};
use clap::{Args, Subcommand};
use era_bindings::{AssetMirror, IStateAssetRegistry, StateAssetRegistry};
use era_client::AssetStatus;
use era_prover::{Binding, Record, scenario_id};
use eyre::{Result, WrapErr, bail, eyre};
use serde::Serialize;

use crate::{
    amount::{fmt_duration, fmt_era, fmt_time, parse_duration, parse_era},
    output::{Quiet, print, progress},
    prover::KeyLocation,
    suite::{ReadArgs, SendArgs, Suite},
    timelock::{calldata, chain_time, propose},
    tx::{Sent, send},
};
use era_client::Operation;

sol! {
    /// What `era asset register` reads of a schema's verifier before proving.
    #[sol(rpc)]
    interface IVerifierKey {
        function VERIFYING_KEY_HASH() external view returns (bytes32);
        function SCHEMA_ID() external view returns (bytes32);
    }
}

/// Coefficient 1.0 in basis points, the longest authorization, and the reward floor of a fee:
/// the registry's own constants (generated from its source, checked against its bytecode).
use era_client::constants::StateAssetRegistry::{
    COEFFICIENT_ONE, DEVELOPER_REWARD, MAX_AUTHORIZATION_PERIOD, MAX_COEFFICIENT, MAX_OWNER_REWARD,
};

/// The registry's `Status` of an asset, by name.
fn status_name(status: u8) -> &'static str {
    AssetStatus::try_from(status).map_or("unknown", AssetStatus::name)
}

/// Refuses an asset that is not live: only live assets can be authorized.
fn require_live(asset_id: B256, asset: &IStateAssetRegistry::Asset) -> Result<()> {
    if asset.status != AssetStatus::Live as u8 {
        bail!(
            "asset {asset_id} is {}: only live assets can be authorized",
            status_name(asset.status)
        );
    }
    Ok(())
}

/// Whether `period` is an authorization the registry accepts: (0, MAX_AUTHORIZATION_PERIOD].
fn check_period(period: u64) -> Result<()> {
    if period == 0 || U256::from(period) > MAX_AUTHORIZATION_PERIOD {
        bail!(
            "--for {} is outside (0, {}]",
            fmt_duration(period),
            fmt_duration(MAX_AUTHORIZATION_PERIOD.to())
        );
    }
    Ok(())
}

/// State assets: register, authorize, revoke, check, export, claim, show, list.
#[derive(Debug, Args)]
pub(crate) struct AssetArgs {
    #[command(subcommand)]
    command: AssetCommand,
}

/// `era asset` subcommands.
#[derive(Debug, Subcommand)]
enum AssetCommand {
    /// Schedule a schema (a circuit's verifier for a scenario, its coefficient and fee) on the
    /// timelock; execute it with `era gov execute`.
    Schema(schema::SchemaArgs),
    /// Schedule the registry's destination mirror for a domain (chain id) on the timelock.
    Remote(remote::RemoteArgs),
    /// Schedule the mirror's trusted origin registry for a domain on the timelock.
    Origin(origin::OriginArgs),
    /// Prove a private record and register it as an asset, escrowing the anchor stake.
    Register(register::RegisterArgs),
    /// Authorize a consumer on your asset until an expiry, paying the fee.
    Authorize(authorize::AuthorizeArgs),
    /// As an owner, sign consent to an authorization that the consumer pays for (`era asset pay`).
    /// Cancel an unused consent with `era asset consent cancel`.
    Consent(consent::ConsentCommand),
    /// As a consumer, pay the fee of an authorization the owner consented to.
    Pay(pay::PayArgs),
    /// End a consumer's authorization on your asset.
    Revoke(ConsumerArgs),
    /// Whether a consumer is authorized now (on this chain's registry, or its mirror with --mirror).
    Check(check::CheckArgs),
    /// Send a consumer's authorization to the mirror on another rollup through the mailbox.
    Export(export::ExportArgs),
    /// Pay out the ERA credited to an account (owner rewards, developer rewards, treasury).
    Claim(claim::ClaimArgs),
    /// Commit to a challenge of an asset, then reveal it with its bond.
    Challenge(challenge::ChallengeArgs),
    /// Schedule governance's verdict on a challenge on the timelock (uphold or dismiss).
    ResolveChallenge(challenge::ResolveArgs),
    /// Start retiring your asset: the anchor may leave after 7 days with no challenge open.
    Retire(retire::RetireArgs),
    /// Return a retiring asset's anchor to its owner once the delay is over (anyone).
    CompleteRetire(retire::RetireArgs),
    /// One asset, its open challenges and its retirement.
    Show(show::ShowArgs),
    /// Assets registered by an owner.
    List(list::ListArgs),
}

impl AssetArgs {
    /// Runs the subcommand.
    pub(crate) async fn run(self) -> Result<()> {
        match self.command {
            AssetCommand::Schema(a) => a.run().await,
            AssetCommand::Remote(a) => a.run().await,
            AssetCommand::Origin(a) => a.run().await,
            AssetCommand::Register(a) => a.run().await,
            AssetCommand::Authorize(a) => a.run().await,
            AssetCommand::Consent(a) => a.run().await,
            AssetCommand::Pay(a) => a.run().await,
            AssetCommand::Revoke(a) => a.run().await,
            AssetCommand::Check(a) => a.run().await,
            AssetCommand::Export(a) => a.run().await,
            AssetCommand::Claim(a) => a.run().await,
            AssetCommand::Challenge(a) => a.run().await,
            AssetCommand::ResolveChallenge(a) => a.run().await,
            AssetCommand::Retire(a) => a.retire().await,
            AssetCommand::CompleteRetire(a) => a.complete().await,
            AssetCommand::Show(a) => a.run().await,
            AssetCommand::List(a) => a.run().await,
        }
    }
}

/// A coefficient such as `1.5` in basis points.
fn parse_coefficient(text: &str) -> Result<u32> {
    let value: f64 =
        text.parse().map_err(|_| eyre!("`{text}` is not a coefficient: expected e.g. 1.5"))?;
    let max = f64::from(MAX_COEFFICIENT) / f64::from(COEFFICIENT_ONE);
    if !(1.0..=max).contains(&value) {
        bail!("coefficient {text} is outside [1.0, {max:.1}]");
    }
    Ok((value * f64::from(COEFFICIENT_ONE)).round() as u32)
}

fn fmt_coefficient(bps: u32) -> String {
    format!("{:.4}", f64::from(bps) / f64::from(COEFFICIENT_ONE))
}

/// A consumer: an address (left-padded), a bytes32, or a name (its keccak256, e.g. a scenario).
fn parse_consumer(text: &str) -> Result<B256> {
    if let Ok(address) = text.parse::<Address>() {
        return Ok(B256::left_padding_from(address.as_slice()));
    }
    Ok(scenario_id(text))
}

fn schema_id(circuit: B256, scenario: B256) -> B256 {
    keccak256((circuit, scenario).abi_encode())
}

/// The receipt of a sent transaction, for its events.
async fn receipt(suite: &Suite, sent: &Sent) -> Result<TransactionReceipt> {
    suite
        .chain
        .provider
        .get_transaction_receipt(sent.tx_hash)
        .await?
        .ok_or_else(|| eyre!("no receipt for {}", sent.tx_hash))
}

fn event<E: SolEvent>(receipt: &TransactionReceipt) -> Result<E> {
    receipt
        .inner
        .logs()
        .iter()
        .find_map(|log| E::decode_log(&log.inner).ok().map(|l| l.data))
        .ok_or_else(|| eyre!("the transaction emitted no {}", E::SIGNATURE))
}

/// An unused consent nonce of `owner`: nonces are unordered (a Permit2-style bitmap), so each
/// consent takes a random-looking one and an unused consent never blocks a later one.
async fn fresh_nonce(suite: &Suite, owner: Address, asset: B256, consumer: B256) -> Result<U256> {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or_default();
    let mut seed = keccak256((owner, asset, consumer, U256::from(nanos)).abi_encode());
    loop {
        let nonce = U256::from_be_bytes(seed.0);
        if !nonce_used(suite, owner, nonce).await? {
            return Ok(nonce);
        }
        seed = keccak256(seed);
    }
}

/// Whether `owner` used (or invalidated) consent nonce `nonce`.
async fn nonce_used(suite: &Suite, owner: Address, nonce: U256) -> Result<bool> {
    let bitmap = suite.assets().nonceBitmap(owner, nonce >> 8).call().await?;
    Ok(bitmap.bit((nonce & U256::from(0xff)).to::<usize>()))
}

/// Checks `payer` holds `amount` ERA and approves the registry for it if needed.
async fn prepare_payment(
    suite: &Suite,
    payer: Address,
    amount: U256,
    what: &str,
) -> Result<Option<Sent>> {
    let registry = suite.record.addresses().assets;
    suite.approve_era(payer, registry, amount, &format!("the {what} is")).await
}

/// A scheduled governance change.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct ScheduledOutput {
    what: String,
    /// The schema id (for `era asset schema`).
    #[serde(skip_serializing_if = "Option::is_none")]
    schema_id: Option<B256>,
    operation: Operation,
    tx: Sent,
}

impl fmt::Display for ScheduledOutput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "scheduled {}", self.what)?;
        if let Some(id) = self.schema_id {
            writeln!(f, "  schema       {id}")?;
        }
        crate::timelock::fmt_operation(f, &self.operation)?;
        write!(f, "  tx           {}", self.tx.tx_hash)
    }
}

/// An asset and a consumer.
#[derive(Debug, Args)]
struct ConsumerArgs {
    /// The asset id.
    #[arg(long)]
    asset: B256,
    /// The consumer: an address, a bytes32, or a scenario name.
    #[arg(long)]
    consumer: String,
    #[command(flatten)]
    tx: SendArgs,
}

/// A paid authorization and where its fee went.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct AuthorizeOutput {
    asset_id: B256,
    consumer: B256,
    expiry: u64,
    #[serde(serialize_with = "era_client::wei::serialize")]
    fee: U256,
    #[serde(serialize_with = "era_client::wei::serialize")]
    owner_reward: U256,
    #[serde(serialize_with = "era_client::wei::serialize")]
    developer_reward: U256,
    #[serde(serialize_with = "era_client::wei::serialize")]
    protocol_share: U256,
    developer: Address,
    treasury: Address,
    /// The coefficient after this use, basis points.
    coefficient: u32,
    transactions: Vec<Sent>,
}

impl AuthorizeOutput {
    /// What an authorization transaction did, from its `Authorized` event; `sent` joins the
    /// transactions that prepared it.
    async fn read(
        suite: &Suite,
        sent: Sent,
        mut transactions: Vec<Sent>,
        developer: Address,
    ) -> Result<Self> {
        let e: StateAssetRegistry::Authorized = event(&receipt(suite, &sent).await?)?;
        transactions.push(sent);
        Ok(Self {
            asset_id: e.assetId,
            consumer: e.consumer,
            expiry: e.expiry,
            fee: e.fee,
            owner_reward: e.ownerReward,
            developer_reward: e.developerReward,
            protocol_share: e.protocolShare,
            developer,
            treasury: suite.assets().treasury().call().await?,
            coefficient: e.coefficient,
            transactions,
        })
    }
}

impl fmt::Display for AuthorizeOutput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "authorized {} on asset {}", self.consumer, self.asset_id)?;
        writeln!(f, "  until        {}", fmt_time(self.expiry))?;
        writeln!(f, "  fee          {}", fmt_era(self.fee))?;
        writeln!(f, "    owner      {} (credited; era asset claim)", fmt_era(self.owner_reward))?;
        writeln!(f, "    developer  {} to {}", fmt_era(self.developer_reward), self.developer)?;
        writeln!(f, "    protocol   {} to {}", fmt_era(self.protocol_share), self.treasury)?;
        write!(f, "  coefficient  {}", fmt_coefficient(self.coefficient))?;
        for tx in &self.transactions {
            write!(f, "\n  {tx}")?;
        }
        Ok(())
    }
}

/// The asset, checked to exist and belong to `sender`.
async fn owned_asset(
    suite: &Suite,
    asset: B256,
    sender: Address,
) -> Result<IStateAssetRegistry::Asset> {
    let a = suite.assets().assetOf(asset).call().await?;
    if a.owner.is_zero() {
        bail!("no asset {asset} on chain {} (era asset list --owner <address>)", suite.chain.id);
    }
    if a.owner != sender {
        bail!("asset {asset} belongs to {}, not {sender}: use the owner's key", a.owner);
    }
    Ok(a)
}

/// An owner's signed consent (EIP-712 `Authorization`), for the consumer to submit and pay.
#[derive(Debug, Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
struct Consent {
    chain_id: u64,
    registry: Address,
    asset_id: B256,
    consumer: B256,
    expiry: u64,
    nonce: U256,
    deadline: u64,
    signature: alloy::primitives::Bytes,
}

impl Consent {
    /// Reads a consent file written by `era asset consent`.
    fn read(path: &std::path::Path) -> Result<Self> {
        let text = std::fs::read_to_string(path)
            .wrap_err_with(|| format!("cannot read consent {}", path.display()))?;
        serde_json::from_str(&text).wrap_err_with(|| {
            format!("{} is not a consent file from `era asset consent`", path.display())
        })
    }

    /// Refuses a consent made for another chain's registry.
    fn check_registry(&self, suite: &Suite) -> Result<()> {
        let registry = suite.record.addresses().assets;
        if self.chain_id != suite.chain.id || self.registry != registry {
            bail!(
                "the consent is for registry {} on chain {}, not this chain's {registry}",
                self.registry,
                self.chain_id
            );
        }
        Ok(())
    }
}

impl fmt::Display for Consent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "consent for {} on asset {}", self.consumer, self.asset_id)?;
        writeln!(f, "  until        {}", fmt_time(self.expiry))?;
        write!(
            f,
            "  usable until {} (then: era asset pay --consent <file>)",
            fmt_time(self.deadline)
        )
    }
}

/// An asset as shown.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct AssetView {
    asset_id: B256,
    owner: Address,
    status: &'static str,
    schema_id: B256,
    scenario: B256,
    commitment: U256,
    #[serde(serialize_with = "era_client::wei::serialize")]
    stake: U256,
    uses: u32,
    coefficient: u32,
    registered_at: u64,
    /// Who has an open challenge against it (the earliest commitment first in line).
    challengers: Vec<Address>,
}

impl fmt::Display for AssetView {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "asset {}", self.asset_id)?;
        writeln!(f, "  owner        {}", self.owner)?;
        writeln!(f, "  status       {}", self.status)?;
        writeln!(f, "  schema       {} (scenario {})", self.schema_id, self.scenario)?;
        writeln!(f, "  commitment   {:#066x}", self.commitment)?;
        writeln!(f, "  stake        {}", fmt_era(self.stake))?;
        writeln!(f, "  uses         {}", self.uses)?;
        writeln!(f, "  coefficient  {}", fmt_coefficient(self.coefficient))?;
        write!(f, "  registered   {}", fmt_time(self.registered_at))?;
        for c in &self.challengers {
            write!(f, "\n  challenged   by {c}")?;
        }
        Ok(())
    }
}

async fn view(suite: &Suite, asset_id: B256) -> Result<AssetView> {
    let registry = suite.assets();
    let a = registry.assetOf(asset_id).call().await?;
    if a.owner.is_zero() {
        bail!("no asset {asset_id} on chain {}", suite.chain.id);
    }
    let schema = registry.schemaOf(a.schemaId).call().await?;
    let challengers = registry.challengersOf(asset_id).call().await?;
    Ok(AssetView {
        asset_id,
        owner: a.owner,
        status: status_name(a.status),
        schema_id: a.schemaId,
        scenario: schema.scenario,
        commitment: a.commitment,
        stake: U256::from(a.stake),
        uses: a.uses,
        coefficient: registry.coefficientOf(asset_id).call().await?,
        registered_at: a.registeredAt.to::<u64>(),
        challengers,
    })
}
