//! `era deploy`: deploy the suite, recording every step so an interrupted run resumes.

use std::{fmt, path::PathBuf};

use alloy::{primitives::Address, providers::Provider};
use clap::Args;
use era_client::{
    DEV_ACTIVATION_DELAY, HyperlaneStack, SuiteConfig, plan,
    units::{fmt_duration, parse_duration},
};
use eyre::{Result, bail};
use serde::Serialize;

use crate::{
    connect::{RpcArgs, WalletArgs, is_dev_chain},
    output::{print, progress},
    record::{Record, RecordArgs, RecordFile},
};

/// Deploy the timelock, the ERA token (unless `--era`), staking, the rewards distributor, the
/// module and scenario registries (the latter creates the circuit breaker), the margin contract,
/// the state-asset registry, the unit sender and receiver of cross-chain weaving and, with
/// `--mailbox`, the receiver's Hyperlane route, and the rest of the suite's table.
#[derive(Debug, Args)]
pub(crate) struct DeployArgs {
    #[command(flatten)]
    rpc: RpcArgs,
    #[command(flatten)]
    wallet: WalletArgs,
    #[command(flatten)]
    records: RecordArgs,
    /// An existing ERA token; by default a local ERAToken is deployed (its supply goes to the
    /// proposer).
    #[arg(value_parser = crate::address::parse, long)]
    era: Option<Address>,
    /// Who may schedule governance operations (a Safe on real networks); default: the deployer.
    #[arg(value_parser = crate::address::parse, long)]
    proposer: Option<Address>,
    /// Who may pause staking; default: the deployer.
    #[arg(value_parser = crate::address::parse, long)]
    guardian: Option<Address>,
    /// Timelock delay (e.g. 2d, 60s). Below 2 days only on local dev chains.
    #[arg(long, value_parser = parse_duration)]
    timelock_delay: Option<u64>,
    /// A Hyperlane (or Caldera Metalayer) mailbox: the unit sender sends state units (asset
    /// exports included) through it and a HyperlaneUnitRoute receives them (see
    /// `era hyperlane deploy` for a local one).
    #[arg(value_parser = crate::address::parse, long)]
    mailbox: Option<Address>,
    /// Who is credited the protocol's share of authorization fees; default: the timelock.
    #[arg(value_parser = crate::address::parse, long)]
    treasury: Option<Address>,
    /// Who posts reward roots to the RewardsDistributor (`era rewards publish`); default: the
    /// deployer.
    #[arg(value_parser = crate::address::parse, long)]
    poster: Option<Address>,
    /// How long a posted reward root can be disputed before it pays (e.g. 2d, 60s); default: 2d,
    /// 60s on local dev chains. Below 1h only on local dev chains.
    #[arg(long, value_parser = parse_duration)]
    activation_delay: Option<u64>,
    /// Deploy a new suite even if the chain's record shows one.
    #[arg(long)]
    force: bool,
    /// Print JSON.
    #[arg(long)]
    json: bool,
}

/// What `era deploy` did.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct DeployOutput {
    record_path: PathBuf,
    resumed: bool,
    #[serde(flatten)]
    record: Record,
}

impl fmt::Display for DeployOutput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let verb = if self.resumed { "resumed and completed" } else { "deployed" };
        writeln!(f, "suite {verb} on chain {}", self.record.chain_id)?;
        for (contract, d) in &self.record.contracts {
            let gas = d.gas_used.map_or("-".into(), |g| g.to_string());
            writeln!(f, "  {:<20} {}  gas {gas:>9}", contract.name(), d.address)?;
        }
        if let Some(era) = self.record.config.era {
            writeln!(f, "  {:<20} {era}  (existing)", "ERA")?;
        }
        writeln!(f, "  timelock delay       {}", fmt_duration(self.record.config.timelock_delay))?;
        let delay = fmt_duration(self.record.config.rewards_activation_delay);
        writeln!(f, "  reward root delay    {delay} (dispute window)")?;
        write!(f, "record {}", self.record_path.display())
    }
}

impl DeployArgs {
    /// Deploys (or resumes) and writes the record.
    pub(crate) async fn run(self) -> Result<()> {
        let signer = self.wallet.signer()?;
        let (chain, deployer) = self.rpc.connect_signer(signer).await?;
        let (dev, path) = (is_dev_chain(chain.id), self.records.path(chain.id));
        let client = era_client::Client::new(&chain.provider, Default::default());
        let fresh = Record::start(chain.id, deployer, self.config(deployer, dev));
        client.check_config(&fresh.config, chain.id, dev).await?;
        let existing = if self.force || !path.exists() { None } else { Some(Record::read(&path)?) };
        let shown = path.display().to_string();
        let start = client.start_deployment(fresh, existing, &shown, dev).await?;
        if let Some(note) = start.note(&shown) {
            progress(note);
        }
        let (mut record, resumed) = start.into_record();
        if chain.provider.get_balance(deployer).await?.is_zero() {
            bail!("deployer {deployer} has no ETH on chain {}: fund it first", chain.id);
        }
        #[allow(clippy::result_large_err)] // the client's `Error`, which holds a decoded revert
        let mut save =
            |r: &Record| r.write(&path).map_err(|e| era_client::Error::Rpc(format!("{e:#}")));
        let steps = plan(&record.config);
        for (i, contract) in steps.iter().copied().enumerate() {
            let step = format!("[{}/{}] {}", i + 1, steps.len(), contract.name());
            if let Some(done) = record.contracts.get(&contract) {
                progress(format!("{step:<26} {} (already deployed)", done.address));
                continue;
            }
            let deployed = client.deploy_contract(&mut record, contract, &mut save).await?;
            progress(format!(
                "{step:<26} {}  gas {}",
                deployed.address,
                deployed.gas_used.unwrap_or_default()
            ));
        }
        if let Some(mailbox) = record.config.mailbox {
            // A mailbox without Hyperlane's getters (another implementation) still deploys.
            let route = record.addresses().unit_route;
            match HyperlaneStack::read(&chain.provider, mailbox, route).await {
                Ok(stack) => record.hyperlane = Some(stack),
                Err(e) => progress(format!("the mailbox's hooks and ISM are not recorded: {e}")),
            }
        }
        // Last, so every contract exists; before `complete`, so an interrupted run wires it on resume.
        let suite = era_client::Client::new(&chain.provider, record.addresses());
        if let Some(sent) = suite.wire_stake_observer().await? {
            progress(format!(
                "staking's hook wired to the ScenarioRegistry  gas {}",
                sent.gas_used
            ));
        }
        if let Some(sent) = suite.wire_asset_registry().await? {
            progress(format!(
                "the UnitSender takes asset units from the StateAssetRegistry  gas {}",
                sent.gas_used
            ));
        }
        if let Some(sent) = suite.wire_risk_feed().await? {
            progress(format!(
                "the UnitSender reads risk units from the RiskFeed  gas {}",
                sent.gas_used
            ));
        }
        record.complete = true;
        record.write(&path)?;
        print(&DeployOutput { record_path: path, resumed, record }, self.json)
    }

    /// The deployment's settings: SPEC defaults with the deployer as proposer, guardian and
    /// poster; on a dev chain (`dev`) reward roots activate after a minute.
    fn config(&self, deployer: Address, dev: bool) -> SuiteConfig {
        let mut config = SuiteConfig::defaults(deployer);
        config.era = self.era;
        config.proposer = self.proposer.unwrap_or(deployer);
        config.guardian = self.guardian.unwrap_or(deployer);
        config.treasury = self.treasury;
        config.mailbox = self.mailbox;
        config.timelock_delay = self.timelock_delay.unwrap_or(config.timelock_delay);
        config.rewards_poster = Some(self.poster.unwrap_or(deployer));
        let delay = if dev { DEV_ACTIVATION_DELAY } else { config.rewards_activation_delay };
        config.rewards_activation_delay = self.activation_delay.unwrap_or(delay);
        config
    }
}
