//! `era deploy`: deploy the suite, recording every step so an interrupted run resumes.

use std::{fmt, path::PathBuf, time::Duration};

use alloy::{
    network::TransactionBuilder, primitives::Address, providers::Provider,
    rpc::types::TransactionRequest,
};
use clap::Args;
use era_client::{
    DAY, Deployed, HyperlaneStack, Pending, SuiteConfig, SuiteContract, init_code, plan,
};
use eyre::{Result, WrapErr, bail, eyre};
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
        let steps = plan(&record.config);
        for (i, contract) in steps.iter().copied().enumerate() {
            let step = format!("[{}/{}] {}", i + 1, steps.len(), contract.name());
            if let Some(done) = record.contracts.get(&contract) {
                progress(format!("{step:<26} {} (already deployed)", done.address));
                continue;
            }
            let deployed = deploy_step(&chain, &mut record, &path, contract).await?;
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
        let mut live = true;
        for (contract, deployed) in &record.contracts {
            if chain.provider.get_code_at(deployed.address).await?.is_empty() {
                live = false;
                if !is_dev_chain(chain.id) {
                    bail!(
                        "{} records {} at {}, but chain {} has no code there: wrong --rpc-url? (--force deploys anew)",
                        path.display(),
                        contract.name(),
                        deployed.address,
                        chain.id
                    );
                }
            }
        }
        if !live {
            return adopt_survivors(chain, path, record, deployer, config).await;
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

/// A dev chain rolled back behind its record: keeps every contract of the plan, in order, whose
/// code is still on chain (a rollback removes a suffix; each later contract was built with the
/// earlier ones' addresses, so the first missing one and everything after it are redeployed).
async fn adopt_survivors(
    chain: &Chain,
    path: &std::path::Path,
    record: Record,
    deployer: Address,
    config: SuiteConfig,
) -> Result<(Record, bool)> {
    let mut kept = Record::start(chain.id, deployer, config);
    if record.config == kept.config {
        for contract in plan(&kept.config) {
            match record.contracts.get(&contract) {
                Some(d) if !chain.provider.get_code_at(d.address).await?.is_empty() => {
                    kept.contracts.insert(contract, d.clone());
                }
                _ => break,
            }
        }
    }
    progress(format!(
        "{} is stale (the dev chain was rolled back): adopting the {} contract(s) still on chain, deploying the rest",
        path.display(),
        kept.contracts.len()
    ));
    let resumed = !kept.contracts.is_empty();
    Ok((kept, resumed))
}

/// Deploys one contract. The record names the nonce and address before the transaction is sent
/// and the hash right after, so a rerun can tell whether it landed.
async fn deploy_step(
    chain: &Chain,
    record: &mut Record,
    path: &std::path::Path,
    contract: SuiteContract,
) -> Result<Deployed> {
    let deployer = record.deployer;
    let nonce = match record.pending.take().filter(|p| p.contract == contract) {
        Some(pending) => match resolve_pending(chain, deployer, &pending).await? {
            Resolution::Landed(deployed) => return finish(record, path, contract, deployed),
            Resolution::Resend => pending.nonce,
            Resolution::Fresh => chain.provider.get_transaction_count(deployer).pending().await?,
        },
        None => chain.provider.get_transaction_count(deployer).pending().await?,
    };
    let address = deployer.create(nonce);
    record.pending = Some(Pending { contract, nonce, address, tx_hash: None });
    record.write(path)?;

    let code = init_code(contract, &record.config, &record.addresses())?;
    let tx = TransactionRequest::default().with_deploy_code(code).with_nonce(nonce);
    let sent = chain.provider.send_transaction(tx).await.map_err(|e| {
        eyre!("deploying {} failed: {e}; rerun `era deploy` to resume", contract.name())
    })?;
    let tx_hash = *sent.tx_hash();
    if let Some(p) = record.pending.as_mut() {
        p.tx_hash = Some(tx_hash);
    }
    record.write(path)?;
    let receipt = sent
        .get_receipt()
        .await
        .wrap_err_with(|| format!("waiting for {tx_hash}; rerun `era deploy` to resume"))?;
    if !receipt.status() {
        record.pending = None;
        record.write(path)?;
        bail!("deploying {} reverted in tx {tx_hash}", contract.name());
    }
    let deployed = Deployed {
        address: receipt.contract_address.unwrap_or(address),
        tx_hash: Some(tx_hash),
        block: receipt.block_number,
        gas_used: Some(receipt.gas_used),
    };
    finish(record, path, contract, deployed)
}

fn finish(
    record: &mut Record,
    path: &std::path::Path,
    contract: SuiteContract,
    deployed: Deployed,
) -> Result<Deployed> {
    record.pending = None;
    record.contracts.insert(contract, deployed.clone());
    record.write(path)?;
    Ok(deployed)
}

/// What became of a transaction a previous run recorded as pending.
enum Resolution {
    /// It created the contract.
    Landed(Deployed),
    /// It never made it into a block: send it again with the same nonce.
    Resend,
    /// Its nonce was used by something else (or it reverted): deploy with a new nonce.
    Fresh,
}

async fn resolve_pending(
    chain: &Chain,
    deployer: Address,
    pending: &Pending,
) -> Result<Resolution> {
    if let Some(hash) = pending.tx_hash {
        // Sent but not mined when the last run stopped: give it a moment.
        for _ in 0..50 {
            if let Some(receipt) = chain.provider.get_transaction_receipt(hash).await? {
                if !receipt.status() {
                    return Ok(Resolution::Fresh);
                }
                return Ok(Resolution::Landed(Deployed {
                    address: pending.address,
                    tx_hash: Some(hash),
                    block: receipt.block_number,
                    gas_used: Some(receipt.gas_used),
                }));
            }
            if chain.provider.get_transaction_by_hash(hash).await?.is_none() {
                break;
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    }
    if !chain.provider.get_code_at(pending.address).await?.is_empty() {
        // Landed, but its receipt is gone (e.g. the node pruned it).
        let landed =
            Deployed { address: pending.address, tx_hash: None, block: None, gas_used: None };
        return Ok(Resolution::Landed(landed));
    }
    let nonce = chain.provider.get_transaction_count(deployer).await?;
    Ok(if nonce <= pending.nonce { Resolution::Resend } else { Resolution::Fresh })
}
