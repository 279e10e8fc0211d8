//! `era deploy`: deploy the suite, recording every step so an interrupted run resumes.

use std::{fmt, path::PathBuf};

use alloy::{primitives::Address, providers::Provider};
use clap::Args;
use era_client::{DAY, HyperlaneStack, SuiteConfig, plan};
use eyre::{Result, bail};
use serde::Serialize;

use crate::{
    amount::{fmt_duration, parse_duration},
    connect::{Chain, RpcArgs, WalletArgs, is_dev_chain},
    output::{print, progress},
    record::{Record, RecordArgs, RecordFile},
};

/// The shortest timelock delay allowed on a chain that is not a local dev chain.
const MIN_PUBLIC_TIMELOCK_DELAY: u64 = 2 * DAY;

/// Deploy the timelock, the ERA token (unless `--era`), staking, the module and scenario
/// registries (the latter creates the circuit breaker), the margin contract, the state-asset
/// registry and, with `--mailbox`, the asset mirror.
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
    /// A Hyperlane (or Caldera Metalayer) mailbox: the state-asset registry exports authorizations
    /// through it and an AssetMirror receives them (see `era hyperlane deploy` for a local one).
    #[arg(value_parser = crate::address::parse, long)]
    mailbox: Option<Address>,
    /// Who is credited the protocol's share of authorization fees; default: the timelock.
    #[arg(value_parser = crate::address::parse, long)]
    treasury: Option<Address>,
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
        write!(f, "record {}", self.record_path.display())
    }
}

impl DeployArgs {
    /// Deploys (or resumes) and writes the record.
    pub(crate) async fn run(self) -> Result<()> {
        let signer = self.wallet.signer()?;
        let (chain, deployer) = self.rpc.connect_signer(signer).await?;
        let config = self.config(&chain, deployer).await?;
        let path = self.records.path(chain.id);
        let (mut record, resumed) = self.start(&chain, &path, deployer, config).await?;
        if chain.provider.get_balance(deployer).await?.is_zero() {
            bail!("deployer {deployer} has no ETH on chain {}: fund it first", chain.id);
        }
        let client = era_client::Client::new(&chain.provider, Default::default());
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
            let mirror = record.addresses().mirror;
            record.hyperlane = Some(HyperlaneStack::read(&chain.provider, mailbox, mirror).await?);
        }
        record.complete = true;
        record.write(&path)?;
        print(&DeployOutput { record_path: path, resumed, record }, self.json)
    }

    /// The deployment's settings: SPEC defaults with the deployer as proposer and guardian.
    async fn config(&self, chain: &Chain, deployer: Address) -> Result<SuiteConfig> {
        let mut config = SuiteConfig::defaults(deployer);
        config.era = self.era;
        config.proposer = self.proposer.unwrap_or(deployer);
        config.guardian = self.guardian.unwrap_or(deployer);
        config.treasury = self.treasury;
        config.mailbox = self.mailbox;
        if let Some(mailbox) = self.mailbox
            && chain.provider.get_code_at(mailbox).await?.is_empty()
        {
            bail!(
                "--mailbox {mailbox} has no contract on chain {}: pass a Hyperlane mailbox (or deploy one with `era hyperlane deploy`)",
                chain.id
            );
        }
        if let Some(delay) = self.timelock_delay {
            if delay < MIN_PUBLIC_TIMELOCK_DELAY && !is_dev_chain(chain.id) {
                bail!(
                    "a {} timelock delay is only allowed on local dev chains: chain {} needs at least 2d",
                    fmt_duration(delay),
                    chain.id
                );
            }
            config.timelock_delay = delay;
        }
        if let Some(era) = self.era
            && chain.provider.get_code_at(era).await?.is_empty()
        {
            bail!(
                "--era {era} has no contract on chain {}: pass the ERA token's address",
                chain.id
            );
        }
        Ok(config)
    }

    /// A fresh record, or the partial one to resume. Refuses to replace a live deployment.
    async fn start(
        &self,
        chain: &Chain,
        path: &std::path::Path,
        deployer: Address,
        config: SuiteConfig,
    ) -> Result<(Record, bool)> {
        if self.force || !path.exists() {
            return Ok((Record::start(chain.id, deployer, config), false));
        }
        let record = Record::read(path)?;
        let client = era_client::Client::new(&chain.provider, Default::default());
        let missing = client.missing_code(&record).await?;
        if let Some((contract, address)) = missing
            && !is_dev_chain(chain.id)
        {
            bail!(
                "{} records {} at {address}, but chain {} has no code there: wrong --rpc-url? (--force deploys anew)",
                path.display(),
                contract.name(),
                chain.id
            );
        }
        if missing.is_some() {
            // A dev chain rolled back behind its record: keep what is still on it.
            let kept = client.survivors(&record, Record::start(chain.id, deployer, config)).await?;
            progress(format!(
                "{} is stale (the dev chain was rolled back): adopting the {} contract(s) still on chain, deploying the rest",
                path.display(),
                kept.contracts.len()
            ));
            let resumed = !kept.contracts.is_empty();
            return Ok((kept, resumed));
        }
        if record.complete {
            bail!(
                "the suite is already deployed on chain {} (see {}): pass --force to deploy another",
                chain.id,
                path.display()
            );
        }
        if record.deployer != deployer {
            bail!(
                "the partial deployment on chain {} was started by {}: resume it with that key (or --force)",
                chain.id,
                record.deployer
            );
        }
        if record.config != config {
            bail!(
                "the partial deployment on chain {} used other settings (see {}): rerun with the same flags (or --force)",
                chain.id,
                path.display()
            );
        }
        progress(format!("resuming the partial deployment recorded in {}", path.display()));
        Ok((record, true))
    }
}
