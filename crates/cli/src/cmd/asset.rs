//! `era asset`: state assets: schemas and remotes (governance), register with a proof, authorize
//! with a fee, revoke, check, export to another rollup, claim, show and list.

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
use era_prover::{Binding, Record};
use eyre::{Result, WrapErr, bail, eyre};
use serde::Serialize;

use super::{keys::KeyLocation, prove::scenario_id};
use crate::{
    amount::{fmt_duration, fmt_era, fmt_time, parse_duration, parse_era},
    output::{print, progress},
    suite::{SendArgs, Suite, SuiteArgs},
    timelock::{Operation, calldata, chain_time, schedule},
    tx::{Sent, send},
};

sol! {
    /// What `era asset register` reads of a schema's verifier before proving.
    #[sol(rpc)]
    interface IVerifierKey {
        function VERIFYING_KEY_HASH() external view returns (bytes32);
        function SCHEMA_ID() external view returns (bytes32);
    }
}

/// Coefficient 1.0 in basis points.
const COEFFICIENT_ONE: u32 = 10_000;
/// Longest authorization the registry accepts.
const MAX_PERIOD: u64 = 365 * 86_400;
/// `Status` of the registry's assets.
const STATUS_NAMES: [&str; 5] = ["none", "live", "retired", "invalid", "retiring"];

#[path = "asset_challenge.rs"]
mod challenge;
#[path = "asset_consent.rs"]
mod consent;
#[path = "asset_retire.rs"]
mod retire;
#[path = "asset_show.rs"]
mod show;

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
    Schema(SchemaArgs),
    /// Schedule the registry's destination mirror for a domain (chain id) on the timelock.
    Remote(RemoteArgs),
    /// Schedule the mirror's trusted origin registry for a domain on the timelock.
    Origin(OriginArgs),
    /// Prove a private record and register it as an asset, escrowing the anchor stake.
    Register(RegisterArgs),
    /// Authorize a consumer on your asset until an expiry, paying the fee.
    Authorize(AuthorizeArgs),
    /// As an owner, sign consent to an authorization that the consumer pays for (`era asset pay`).
    /// Cancel an unused consent with `era asset consent cancel`.
    Consent(consent::ConsentCommand),
    /// As a consumer, pay the fee of an authorization the owner consented to.
    Pay(PayArgs),
    /// End a consumer's authorization on your asset.
    Revoke(ConsumerArgs),
    /// Whether a consumer is authorized now (on this chain's registry, or its mirror with --mirror).
    Check(CheckArgs),
    /// Send a consumer's authorization to the mirror on another rollup through the mailbox.
    Export(ExportArgs),
    /// Pay out the ERA credited to an account (owner rewards, developer rewards, treasury).
    Claim(ClaimArgs),
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
    List(ListArgs),
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

// ---------------------------------------------------------------- parsing

/// A coefficient such as `1.5` in basis points.
fn parse_coefficient(text: &str) -> Result<u32> {
    let value: f64 =
        text.parse().map_err(|_| eyre!("`{text}` is not a coefficient: expected e.g. 1.5"))?;
    if !(1.0..=3.0).contains(&value) {
        bail!("coefficient {text} is outside [1.0, 3.0]");
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

/// A fresh timelock salt per proposal.
async fn salt(suite: &Suite, sender: Address) -> Result<B256> {
    let nonce = suite.chain.provider.get_transaction_count(sender).await?;
    Ok(keccak256(
        (sender, U256::from(nonce), U256::from(chain_time(&suite.chain).await?)).abi_encode(),
    ))
}

async fn require_proposer(suite: &Suite, sender: Address) -> Result<()> {
    let timelock = suite.timelock();
    let proposer = timelock.PROPOSER_ROLE().call().await?;
    if !timelock.hasRole(proposer, sender).call().await? {
        bail!(
            "{sender} may not propose on the timelock {}: use the proposer's key",
            timelock.address()
        );
    }
    Ok(())
}

/// Checks `payer` holds `amount` ERA and approves the registry for it if needed.
async fn prepare_payment(
    suite: &Suite,
    payer: Address,
    amount: U256,
    what: &str,
) -> Result<Option<Sent>> {
    let balance = suite.era().balanceOf(payer).call().await?;
    if balance < amount {
        bail!(
            "{payer} holds {} but the {what} is {}: get ERA first",
            fmt_era(balance),
            fmt_era(amount)
        );
    }
    let registry = suite.record.addresses().assets;
    if suite.era().allowance(payer, registry).call().await? >= amount {
        return Ok(None);
    }
    Ok(Some(send("approve", suite.era().approve(registry, amount)).await?))
}

// ---------------------------------------------------------------- governance

/// `era asset schema`.
#[derive(Debug, Args)]
struct SchemaArgs {
    /// The circuit's deployed verifier (`era verifier deploy`).
    #[arg(long)]
    verifier: Address,
    /// The scenario: a bytes32 or a name (its keccak256).
    #[arg(long)]
    scenario: String,
    /// The scenario developer, paid 0.01 ERA per authorization.
    #[arg(long)]
    developer: Address,
    /// Value coefficient of a new asset, e.g. 1.5.
    #[arg(long, value_parser = parse_coefficient)]
    coefficient: u32,
    /// Bound the coefficient approaches with use (at most 3.0); default: the coefficient + 1.0.
    #[arg(long, value_parser = parse_coefficient)]
    max_coefficient: Option<u32>,
    /// Authorization fee in ERA (at least 0.51).
    #[arg(long, value_parser = parse_era)]
    fee: U256,
    #[command(flatten)]
    tx: SendArgs,
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

impl SchemaArgs {
    async fn run(self) -> Result<()> {
        let max = self
            .max_coefficient
            .unwrap_or((self.coefficient + COEFFICIENT_ONE).min(3 * COEFFICIENT_ONE));
        if max < self.coefficient {
            bail!("--max-coefficient is below --coefficient: the coefficient only rises with use");
        }
        let minimum = U256::from(510_000_000_000_000_000u64);
        if self.fee < minimum {
            bail!(
                "--fee {} cannot pay the owner's 0.5 ERA and the developer's 0.01 ERA: at least 0.51",
                fmt_era(self.fee)
            );
        }
        let Ok(fee) = u128::try_from(self.fee) else { bail!("--fee is too large") };
        let (suite, sender) = self.tx.open().await?;
        require_proposer(&suite, sender).await?;
        if suite.chain.provider.get_code_at(self.verifier).await?.is_empty() {
            bail!(
                "--verifier {} has no contract on chain {}: deploy it with `era verifier deploy`",
                self.verifier,
                suite.chain.id
            );
        }
        let circuit = IVerifierKey::new(self.verifier, &suite.chain.provider)
            .SCHEMA_ID()
            .call()
            .await
            .map_err(|_| {
                eyre!(
                    "--verifier {} is not a generated Groth16 verifier (no SCHEMA_ID)",
                    self.verifier
                )
            })?;
        let scenario = scenario_id(&self.scenario);
        let call = StateAssetRegistry::setSchemaCall {
            verifier: self.verifier,
            scenario,
            developer: self.developer,
            baseCoefficient: self.coefficient,
            maxCoefficient: max,
            fee: alloy::primitives::Uint::<96, 2>::from(fee),
        };
        let target = suite.record.addresses().assets;
        let salt = salt(&suite, sender).await?;
        let (operation, tx) =
            schedule(&suite.chain, &suite.record, target, calldata(&call), salt).await?;
        let out = ScheduledOutput {
            what: format!(
                "schema for scenario `{}`: coefficient {} (max {}), fee {}",
                self.scenario,
                fmt_coefficient(self.coefficient),
                fmt_coefficient(max),
                fmt_era(self.fee)
            ),
            schema_id: Some(schema_id(circuit, scenario)),
            operation,
            tx,
        };
        print(&out, self.tx.json)
    }
}

/// `era asset remote`.
#[derive(Debug, Args)]
struct RemoteArgs {
    /// The destination domain (its chain id).
    #[arg(long)]
    domain: u32,
    /// The AssetMirror on that chain.
    #[arg(long)]
    mirror: Address,
    #[command(flatten)]
    tx: SendArgs,
}

impl RemoteArgs {
    async fn run(self) -> Result<()> {
        let (suite, sender) = self.tx.open().await?;
        require_proposer(&suite, sender).await?;
        if suite.assets().mailbox().call().await?.is_zero() {
            bail!(
                "the registry on chain {} was deployed without a mailbox: redeploy with `era deploy --mailbox`",
                suite.chain.id
            );
        }
        let call = StateAssetRegistry::setRemoteCall {
            domain: self.domain,
            mirror: B256::left_padding_from(self.mirror.as_slice()),
        };
        let target = suite.record.addresses().assets;
        let salt = salt(&suite, sender).await?;
        let (operation, tx) =
            schedule(&suite.chain, &suite.record, target, calldata(&call), salt).await?;
        let what = format!("exports to domain {} go to the mirror {}", self.domain, self.mirror);
        print(&ScheduledOutput { what, schema_id: None, operation, tx }, self.tx.json)
    }
}

/// `era asset origin`.
#[derive(Debug, Args)]
struct OriginArgs {
    /// The origin domain (its chain id).
    #[arg(long)]
    domain: u32,
    /// The StateAssetRegistry on that chain.
    #[arg(long)]
    registry: Address,
    #[command(flatten)]
    tx: SendArgs,
}

impl OriginArgs {
    async fn run(self) -> Result<()> {
        let (suite, sender) = self.tx.open().await?;
        require_proposer(&suite, sender).await?;
        let target = suite.record.addresses().mirror;
        if target.is_zero() {
            bail!(
                "chain {} has no AssetMirror: deploy the suite with `era deploy --mailbox`",
                suite.chain.id
            );
        }
        let call = AssetMirror::setOriginCall {
            domain: self.domain,
            registry: B256::left_padding_from(self.registry.as_slice()),
        };
        let salt = salt(&suite, sender).await?;
        let (operation, tx) =
            schedule(&suite.chain, &suite.record, target, calldata(&call), salt).await?;
        let what =
            format!("the mirror trusts the registry {} on domain {}", self.registry, self.domain);
        print(&ScheduledOutput { what, schema_id: None, operation, tx }, self.tx.json)
    }
}

// ---------------------------------------------------------------- register

/// `era asset register`.
#[derive(Debug, Args)]
struct RegisterArgs {
    #[command(flatten)]
    location: KeyLocation,
    /// The scenario: a bytes32 or a name (its keccak256).
    #[arg(long)]
    scenario: String,
    /// The private record (JSON; see `era prove`). It never leaves this machine.
    #[arg(long)]
    record: PathBuf,
    #[command(flatten)]
    tx: SendArgs,
}

/// A registered asset.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct RegisterOutput {
    asset_id: B256,
    owner: Address,
    schema_id: B256,
    commitment: U256,
    #[serde(serialize_with = "crate::amount::decimal")]
    stake: U256,
    coefficient: u32,
    transactions: Vec<Sent>,
}

impl fmt::Display for RegisterOutput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "registered asset {}", self.asset_id)?;
        writeln!(f, "  owner        {}", self.owner)?;
        writeln!(f, "  schema       {}", self.schema_id)?;
        writeln!(f, "  commitment   {:#066x}", self.commitment)?;
        writeln!(f, "  stake        {} escrowed", fmt_era(self.stake))?;
        write!(f, "  coefficient  {}", fmt_coefficient(self.coefficient))?;
        for tx in &self.transactions {
            write!(f, "\n  {tx}")?;
        }
        Ok(())
    }
}

impl RegisterArgs {
    async fn run(self) -> Result<()> {
        let (info, pk) = self.location.proving_key()?;
        let text = std::fs::read_to_string(&self.record)
            .wrap_err_with(|| format!("cannot read record {}", self.record.display()))?;
        let record = Record::from_json(&text, &info.schema)
            .wrap_err_with(|| format!("record {}", self.record.display()))?;
        if let Err(why) = info.schema.check(&record) {
            bail!("the record does not satisfy the schema's predicate: {why}");
        }
        let (suite, owner) = self.tx.open().await?;
        let registry = suite.assets();
        let circuit = info.schema.id();
        let scenario = scenario_id(&self.scenario);
        let id = schema_id(circuit, scenario);
        let schema = registry.schemaOf(id).call().await?;
        if schema.verifier.is_zero() {
            bail!(
                "no schema for circuit `{}` and scenario `{}` on chain {}: governance adds it with `era asset schema`",
                info.schema.name,
                self.scenario,
                suite.chain.id
            );
        }
        if !schema.active {
            bail!("schema {id} is deactivated by governance: it takes no new assets");
        }
        let on_chain_key = IVerifierKey::new(schema.verifier, &suite.chain.provider)
            .VERIFYING_KEY_HASH()
            .call()
            .await?;
        if on_chain_key != info.vk_hash {
            bail!(
                "the schema's verifier {} checks key {on_chain_key}, but {} holds key {}: use the keys the verifier was generated from",
                schema.verifier,
                info.dir.display(),
                info.vk_hash
            );
        }
        let asset_id = registry.assetIdOf(owner, id).call().await?;
        let existing = registry.assetOf(asset_id).call().await?;
        if existing.status != 0 {
            bail!(
                "{owner} already registered asset {asset_id} for this scenario and circuit (era asset show --asset {asset_id})"
            );
        }
        if suite.assets().paused().call().await? {
            bail!(
                "the registry is paused by its guardian: registrations are refused until it is unpaused"
            );
        }
        let stake = registry.anchorStake().call().await?;
        let balance = suite.era().balanceOf(owner).call().await?;
        if balance < stake {
            bail!(
                "{owner} holds {} but the anchor stake is {}: get ERA first",
                fmt_era(balance),
                fmt_era(stake)
            );
        }
        let binding = Binding {
            subject: owner,
            scenario,
            schema: circuit,
            chain_id: suite.chain.id,
            registry: *registry.address(),
        };
        progress(format!("proving {} over {} ...", info.schema.name, self.record.display()));
        let bundle =
            era_prover::prove(&pk, &info.schema, &record, &binding, &mut era_prover::os_rng())
                .wrap_err("the record does not satisfy the schema's predicate")?;
        let mut transactions = Vec::new();
        transactions.extend(prepare_payment(&suite, owner, stake, "anchor stake").await?);
        let commitment = bundle.public_inputs[0];
        transactions.push(send("register", registry.register(id, commitment, bundle.proof)).await?);
        let out = RegisterOutput {
            asset_id,
            owner,
            schema_id: id,
            commitment,
            stake,
            coefficient: schema.baseCoefficient,
            transactions,
        };
        print(&out, self.tx.json)
    }
}

// ---------------------------------------------------------------- authorize, revoke, check

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

/// `era asset authorize`.
#[derive(Debug, Args)]
struct AuthorizeArgs {
    /// How long the authorization lasts (e.g. 30d; at most 365d).
    #[arg(long = "for", value_parser = parse_duration)]
    period: u64,
    #[command(flatten)]
    target: ConsumerArgs,
}

/// A paid authorization and where its fee went.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct AuthorizeOutput {
    asset_id: B256,
    consumer: B256,
    expiry: u64,
    #[serde(serialize_with = "crate::amount::decimal")]
    fee: U256,
    #[serde(serialize_with = "crate::amount::decimal")]
    owner_reward: U256,
    #[serde(serialize_with = "crate::amount::decimal")]
    developer_reward: U256,
    #[serde(serialize_with = "crate::amount::decimal")]
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

impl AuthorizeArgs {
    async fn run(self) -> Result<()> {
        let t = &self.target;
        let consumer = parse_consumer(&t.consumer)?;
        if self.period == 0 || self.period > MAX_PERIOD {
            bail!("--for {} is outside (0, 365d]", fmt_duration(self.period));
        }
        let (suite, sender) = t.tx.open().await?;
        let registry = suite.assets();
        let asset = owned_asset(&suite, t.asset, sender).await?;
        if asset.status != 1 {
            bail!(
                "asset {} is {}: only live assets can be authorized",
                t.asset,
                STATUS_NAMES[usize::from(asset.status).min(4)]
            );
        }
        let schema = registry.schemaOf(asset.schemaId).call().await?;
        if !schema.active {
            bail!("the asset's schema {} is deactivated by governance", asset.schemaId);
        }
        if registry.paused().call().await? {
            bail!(
                "the registry is paused by its guardian: authorizations are refused until it is unpaused"
            );
        }
        let fee = U256::from(schema.fee);
        let expiry = chain_time(&suite.chain).await? + self.period;
        let mut transactions = Vec::new();
        transactions.extend(prepare_payment(&suite, sender, fee, "fee").await?);
        let sent = send("authorize", registry.authorize(t.asset, consumer, expiry)).await?;
        let out = AuthorizeOutput::read(&suite, sent, transactions, schema.developer).await?;
        print(&out, t.tx.json)
    }
}

/// `era asset consent`.
#[derive(Debug, Args)]
struct ConsentArgs {
    /// How long the authorization lasts (e.g. 30d; at most 365d).
    #[arg(long = "for", value_parser = parse_duration)]
    period: u64,
    /// How long the consumer has to use the consent.
    #[arg(long, value_parser = parse_duration, default_value = "1d")]
    valid: u64,
    /// Where to write the consent.
    #[arg(long, default_value = "consent.json")]
    out: PathBuf,
    #[command(flatten)]
    target: ConsumerArgs,
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

impl ConsentArgs {
    async fn run(self) -> Result<()> {
        let t = &self.target;
        let consumer = parse_consumer(&t.consumer)?;
        if self.period == 0 || self.period > MAX_PERIOD {
            bail!("--for {} is outside (0, 365d]", fmt_duration(self.period));
        }
        let signer = t.tx.wallet.signer()?;
        let (suite, owner) = t.tx.open().await?;
        let asset = owned_asset(&suite, t.asset, owner).await?;
        if asset.status != 1 {
            bail!(
                "asset {} is {}: only live assets can be authorized",
                t.asset,
                STATUS_NAMES[usize::from(asset.status).min(4)]
            );
        }
        let now = chain_time(&suite.chain).await?;
        let registry = suite.assets();
        let (expiry, deadline) = (now + self.period, now + self.valid);
        let nonce = fresh_nonce(&suite, owner, t.asset, consumer).await?;
        let digest = registry
            .consentDigest(t.asset, consumer, expiry, nonce, U256::from(deadline))
            .call()
            .await?;
        let signature = alloy::signers::SignerSync::sign_hash_sync(&signer, &digest)?;
        let consent = Consent {
            chain_id: suite.chain.id,
            registry: *registry.address(),
            asset_id: t.asset,
            consumer,
            expiry,
            nonce,
            deadline,
            signature: signature.as_bytes().to_vec().into(),
        };
        std::fs::write(&self.out, serde_json::to_string_pretty(&consent)? + "\n")
            .wrap_err_with(|| format!("cannot write {}", self.out.display()))?;
        print(&consent, t.tx.json)
    }
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

/// `era asset pay`.
#[derive(Debug, Args)]
struct PayArgs {
    /// The owner's consent (`era asset consent`).
    #[arg(long)]
    consent: PathBuf,
    #[command(flatten)]
    tx: SendArgs,
}

impl PayArgs {
    async fn run(self) -> Result<()> {
        let text = std::fs::read_to_string(&self.consent)
            .wrap_err_with(|| format!("cannot read consent {}", self.consent.display()))?;
        let c: Consent = serde_json::from_str(&text).wrap_err_with(|| {
            format!("{} is not a consent file from `era asset consent`", self.consent.display())
        })?;
        let (suite, payer) = self.tx.open().await?;
        let registry = suite.assets();
        if c.chain_id != suite.chain.id || c.registry != *registry.address() {
            bail!(
                "the consent is for registry {} on chain {}, not this chain's {}",
                c.registry,
                c.chain_id,
                registry.address()
            );
        }
        if chain_time(&suite.chain).await? > c.deadline {
            bail!("the consent expired at {}: ask the owner for a new one", fmt_time(c.deadline));
        }
        let asset = registry.assetOf(c.asset_id).call().await?;
        if nonce_used(&suite, asset.owner, c.nonce).await? {
            bail!(
                "the consent was used or cancelled (its nonce is spent): ask the owner for a new one"
            );
        }
        if asset.status != 1 {
            bail!(
                "asset {} is {}: only live assets can be authorized",
                c.asset_id,
                STATUS_NAMES[usize::from(asset.status).min(4)]
            );
        }
        let schema = registry.schemaOf(asset.schemaId).call().await?;
        let mut transactions = Vec::new();
        transactions.extend(prepare_payment(&suite, payer, U256::from(schema.fee), "fee").await?);
        let call = registry.authorizeWithConsent(
            c.asset_id,
            c.consumer,
            c.expiry,
            c.nonce,
            U256::from(c.deadline),
            c.signature.clone(),
        );
        let sent = send("authorize", call).await?;
        let out = AuthorizeOutput::read(&suite, sent, transactions, schema.developer).await?;
        print(&out, self.tx.json)
    }
}

/// A revoked authorization.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct RevokeOutput {
    asset_id: B256,
    consumer: B256,
    /// ERA refunded to whoever paid for the authorization, for its unused period.
    #[serde(serialize_with = "crate::amount::decimal")]
    refund: U256,
    /// Who got the refund (zero when the owner paid itself).
    payer: Address,
    txs: Vec<Sent>,
}

impl fmt::Display for RevokeOutput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "revoked {} on asset {} (sent to every rollup it was exported to)",
            self.consumer, self.asset_id
        )?;
        if !self.refund.is_zero() {
            writeln!(
                f,
                "  refunded {} to {} for the unused period",
                fmt_era(self.refund),
                self.payer
            )?;
        }
        let lines: Vec<String> = self.txs.iter().map(|t| format!("  {t}")).collect();
        write!(f, "{}", lines.join("\n"))
    }
}

impl ConsumerArgs {
    async fn run(self) -> Result<()> {
        let consumer = parse_consumer(&self.consumer)?;
        let (suite, sender) = self.tx.open().await?;
        owned_asset(&suite, self.asset, sender).await?;
        let expiry = suite.assets().expiryOf(self.asset, consumer).call().await?;
        if expiry <= chain_time(&suite.chain).await? {
            bail!(
                "{consumer} holds no unexpired authorization on asset {}: nothing to revoke",
                self.asset
            );
        }
        let registry = suite.assets();
        // A consumer-paid authorization is refunded pro rata for its unused period, from the
        // owner's credits first and then from its wallet.
        let grant = registry.grantOf(self.asset, consumer).call().await?;
        let (g, payer) = (grant._0, grant.payer);
        let now = chain_time(&suite.chain).await?;
        let refund = if g.paidByOther && g.expiry > g.start.to::<u64>() {
            U256::from(g.fee) * U256::from(g.expiry - now.min(g.expiry))
                / U256::from(g.expiry - g.start.to::<u64>())
        } else {
            U256::ZERO
        };
        let mut txs = Vec::new();
        let from_wallet = refund.saturating_sub(registry.credits(sender).call().await?);
        if !from_wallet.is_zero() {
            txs.extend(prepare_payment(&suite, sender, from_wallet, "refund").await?);
        }
        // Mirrors on other rollups learn of the revocation: the caller pays those messages.
        let fee = registry.quoteMessages(self.asset, consumer).call().await?;
        txs.push(send("revoke", registry.revoke(self.asset, consumer).value(fee)).await?);
        let out = RevokeOutput { asset_id: self.asset, consumer, refund, payer, txs };
        print(&out, self.tx.json)
    }
}

/// `era asset check`.
#[derive(Debug, Args)]
struct CheckArgs {
    /// The asset id.
    #[arg(long)]
    asset: B256,
    /// The consumer: an address, a bytes32, or a scenario name.
    #[arg(long)]
    consumer: String,
    /// Ask this chain's AssetMirror (authorizations exported from other rollups).
    #[arg(long)]
    mirror: bool,
    #[command(flatten)]
    suite: SuiteArgs,
    /// Print JSON.
    #[arg(long)]
    json: bool,
}

/// Whether a consumer is authorized.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct CheckOutput {
    asset_id: B256,
    consumer: B256,
    authorized: bool,
    /// Expiry on record (zero: none or revoked).
    expiry: u64,
    /// `registry` or `mirror`.
    source: &'static str,
    contract: Address,
}

impl fmt::Display for CheckOutput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let verdict = if self.authorized { "authorized" } else { "NOT authorized" };
        write!(
            f,
            "{} is {verdict} on asset {} ({} {}",
            self.consumer, self.asset_id, self.source, self.contract
        )?;
        if self.expiry != 0 {
            write!(f, ", expiry {}", fmt_time(self.expiry))?;
        }
        write!(f, ")")
    }
}

impl CheckArgs {
    async fn run(self) -> Result<()> {
        let consumer = parse_consumer(&self.consumer)?;
        let suite = self.suite.open().await?;
        let out = if self.mirror {
            let mirror = suite.mirror();
            if mirror.address().is_zero() {
                bail!(
                    "chain {} has no AssetMirror: deploy the suite with `era deploy --mailbox`",
                    suite.chain.id
                );
            }
            let m = mirror.mirrored(self.asset, consumer).call().await?;
            CheckOutput {
                asset_id: self.asset,
                consumer,
                authorized: mirror.isAuthorized(self.asset, consumer).call().await?,
                expiry: m.expiry,
                source: "mirror",
                contract: *mirror.address(),
            }
        } else {
            let registry = suite.assets();
            CheckOutput {
                asset_id: self.asset,
                consumer,
                authorized: registry.isAuthorized(self.asset, consumer).call().await?,
                expiry: registry.expiryOf(self.asset, consumer).call().await?,
                source: "registry",
                contract: *registry.address(),
            }
        };
        print(&out, self.json)
    }
}

// ---------------------------------------------------------------- export, claim

/// `era asset export`.
#[derive(Debug, Args)]
struct ExportArgs {
    /// The asset id.
    #[arg(long)]
    asset: B256,
    /// The consumer: an address, a bytes32, or a scenario name.
    #[arg(long)]
    consumer: String,
    /// The destination domain (chain id).
    #[arg(long)]
    to: u32,
    #[command(flatten)]
    tx: SendArgs,
}

/// A dispatched export.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct ExportOutput {
    asset_id: B256,
    consumer: B256,
    domain: u32,
    message_id: B256,
    expiry: u64,
    coefficient: u32,
    sequence: u64,
    tx: Sent,
}

impl fmt::Display for ExportOutput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "exported {} on asset {} to domain {}",
            self.consumer, self.asset_id, self.domain
        )?;
        writeln!(f, "  message      {} (deliver it with era relay)", self.message_id)?;
        let expiry = if self.expiry == 0 { "none (revoked)".into() } else { fmt_time(self.expiry) };
        writeln!(f, "  expiry       {expiry}")?;
        writeln!(f, "  coefficient  {}", fmt_coefficient(self.coefficient))?;
        writeln!(f, "  sequence     {}", self.sequence)?;
        write!(f, "  {}", self.tx)
    }
}

impl ExportArgs {
    async fn run(self) -> Result<()> {
        let consumer = parse_consumer(&self.consumer)?;
        let (suite, _) = self.tx.open().await?;
        let registry = suite.assets();
        if registry.mailbox().call().await?.is_zero() {
            bail!(
                "the registry on chain {} has no mailbox: it cannot export (era deploy --mailbox)",
                suite.chain.id
            );
        }
        if registry.remotes(self.to).call().await?.is_zero() {
            bail!(
                "no mirror is enrolled for domain {}: governance adds it with `era asset remote`",
                self.to
            );
        }
        if registry.assetOf(self.asset).call().await?.owner.is_zero() {
            bail!("no asset {} on chain {}", self.asset, suite.chain.id);
        }
        let sent = send("export", registry.export(self.asset, consumer, self.to)).await?;
        let e: StateAssetRegistry::AuthorizationExported = event(&receipt(&suite, &sent).await?)?;
        let out = ExportOutput {
            asset_id: self.asset,
            consumer,
            domain: self.to,
            message_id: e.messageId,
            expiry: e.expiry,
            coefficient: e.coefficient,
            sequence: e.sequence,
            tx: sent,
        };
        print(&out, self.tx.json)
    }
}

/// `era asset claim`.
#[derive(Debug, Args)]
struct ClaimArgs {
    /// Whose credits to pay out (they always go to that account); default: the sender.
    #[arg(long = "for", value_name = "ADDRESS")]
    account: Option<Address>,
    #[command(flatten)]
    tx: SendArgs,
}

/// Paid-out credits.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct ClaimOutput {
    account: Address,
    #[serde(serialize_with = "crate::amount::decimal")]
    amount: U256,
    tx: Sent,
}

impl fmt::Display for ClaimOutput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "paid {} to {}", fmt_era(self.amount), self.account)?;
        write!(f, "  {}", self.tx)
    }
}

impl ClaimArgs {
    async fn run(self) -> Result<()> {
        let (suite, sender) = self.tx.open().await?;
        let account = self.account.unwrap_or(sender);
        let amount = suite.assets().credits(account).call().await?;
        if amount.is_zero() {
            bail!("{account} has no ERA credited by the asset registry: nothing to claim");
        }
        let tx = send("claim", suite.assets().claim(account)).await?;
        print(&ClaimOutput { account, amount, tx }, self.tx.json)
    }
}

// ---------------------------------------------------------------- show, list

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
    #[serde(serialize_with = "crate::amount::decimal")]
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
        status: STATUS_NAMES[usize::from(a.status).min(4)],
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

/// `era asset list`.
#[derive(Debug, Args)]
struct ListArgs {
    /// The owner.
    #[arg(long)]
    owner: Address,
    #[command(flatten)]
    suite: SuiteArgs,
    /// Print JSON.
    #[arg(long)]
    json: bool,
}

/// An owner's assets.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct ListOutput {
    owner: Address,
    assets: Vec<AssetView>,
}

impl fmt::Display for ListOutput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.assets.is_empty() {
            return write!(f, "{} has registered no assets", self.owner);
        }
        writeln!(f, "{} asset(s) of {}", self.assets.len(), self.owner)?;
        let lines: Vec<String> = self
            .assets
            .iter()
            .map(|a| {
                format!(
                    "  {}  {:<8} coefficient {}  uses {}",
                    a.asset_id,
                    a.status,
                    fmt_coefficient(a.coefficient),
                    a.uses
                )
            })
            .collect();
        write!(f, "{}", lines.join("\n"))
    }
}

impl ListArgs {
    async fn run(self) -> Result<()> {
        let suite = self.suite.open().await?;
        let filter = Filter::new()
            .address(suite.record.addresses().assets)
            .from_block(suite.record.deploy_block())
            .event_signature(StateAssetRegistry::AssetRegistered::SIGNATURE_HASH)
            .topic2(B256::left_padding_from(self.owner.as_slice()));
        let mut assets = Vec::new();
        for log in suite.chain.provider.get_logs(&filter).await? {
            let e = log.log_decode::<StateAssetRegistry::AssetRegistered>()?.inner.data;
            assets.push(view(&suite, e.assetId).await?);
        }
        print(&ListOutput { owner: self.owner, assets }, self.json)
    }
}
