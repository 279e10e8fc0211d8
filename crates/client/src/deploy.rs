//! Deploying the suite one contract at a time, so that an interrupted `era deploy` resumes: the
//! record names the nonce and address before each transaction is sent and its hash right after
//! (`save` writes it), and a rerun tells from them whether the transaction landed. Before that:
//! the settings are checked against the chain and the previous run's record is resumed, adopted
//! or refused.

use std::time::Duration;

use alloy::{
    network::TransactionBuilder,
    primitives::Address,
    providers::{PendingTransactionConfig, Provider},
    rpc::types::TransactionRequest,
};

use crate::{
    Client, DAY, Deployed, Deployment, Error, Pending, Sent, SuiteConfig, SuiteContract,
    error::Result, init_code, plan, refuse, tx::send, units::fmt_duration,
};

/// The shortest timelock delay allowed on a chain that is not a local dev chain.
const MIN_PUBLIC_TIMELOCK_DELAY: u64 = 2 * DAY;
// The shortest reward root activation delay there (what governance could set at the least),
// and the longest anywhere.
use crate::constants::RewardsDistributor::{MAX_ACTIVATION_DELAY, MIN_ACTIVATION_DELAY};

/// How a deployment starts, given the record a previous run left.
#[derive(Clone, Debug)]
pub enum Start {
    /// No record (or `--force`): a new deployment.
    Fresh(Deployment),
    /// A partial deployment by the same deployer with the same settings: go on with it.
    Resume(Deployment),
    /// A dev chain rolled back behind its record: a new deployment that keeps the contracts
    /// still on chain ([`Client::survivors`]).
    Adopt(Deployment),
}

/// How long a rerun waits for a transaction the last run left in the mempool.
const RECEIPT_WAIT: Duration = Duration::from_secs(10);

/// What became of a transaction a previous run recorded as pending.
enum Resolution {
    /// It created the contract.
    Landed(Deployed),
    /// It never made it into a block: send it again with the same nonce.
    Resend,
    /// Its nonce was used by something else (or it reverted): deploy with a new nonce.
    Fresh,
}

impl Start {
    /// What to tell the user before deploying, if anything (`path`: where the record is).
    pub fn note(&self, path: &str) -> Option<String> {
        match self {
            Self::Fresh(_) => None,
            Self::Resume(_) => Some(format!("resuming the partial deployment recorded in {path}")),
            Self::Adopt(kept) => Some(format!(
                "{path} is stale (the dev chain was rolled back): adopting the {} contract(s) still on chain, deploying the rest",
                kept.contracts.len()
            )),
        }
    }

    /// The record to go on with, and whether anything of it was deployed before.
    pub fn into_record(self) -> (Deployment, bool) {
        match self {
            Self::Fresh(record) => (record, false),
            Self::Resume(record) => (record, true),
            Self::Adopt(record) => {
                let resumed = !record.contracts.is_empty();
                (record, resumed)
            }
        }
    }
}

impl<P: Provider> Client<P> {
    /// Checks a deployment's settings against the chain: the given mailbox and ERA token have
    /// code, a timelock delay under 2 days and a reward root activation delay under the
    /// distributor's 1-hour floor are only for dev chains.
    pub async fn check_config(&self, config: &SuiteConfig, chain_id: u64, dev: bool) -> Result<()> {
        if let Some(mailbox) = config.mailbox
            && self.provider.get_code_at(mailbox).await?.is_empty()
        {
            refuse!(
                "--mailbox {mailbox} has no contract on chain {chain_id}: pass a Hyperlane mailbox (or deploy one with `era hyperlane deploy`)"
            );
        }
        if config.timelock_delay < MIN_PUBLIC_TIMELOCK_DELAY && !dev {
            refuse!(
                "a {} timelock delay is only allowed on local dev chains: chain {chain_id} needs at least 2d",
                fmt_duration(config.timelock_delay)
            );
        }
        if config.rewards_activation_delay > MAX_ACTIVATION_DELAY {
            refuse!(
                "a {} reward activation delay is above the distributor's {} maximum",
                fmt_duration(config.rewards_activation_delay),
                fmt_duration(MAX_ACTIVATION_DELAY)
            );
        }
        if config.rewards_activation_delay < MIN_ACTIVATION_DELAY && !dev {
            refuse!(
                "a {} reward activation delay is only allowed on local dev chains: chain {chain_id} needs at least {}",
                fmt_duration(config.rewards_activation_delay),
                fmt_duration(MIN_ACTIVATION_DELAY)
            );
        }
        if let Some(era) = config.era
            && self.provider.get_code_at(era).await?.is_empty()
        {
            refuse!(
                "--era {era} has no contract on chain {chain_id}: pass the ERA token's address"
            );
        }
        Ok(())
    }

    /// Where a deployment of `fresh` starts, given the record a previous run left at `path` (if
    /// any is to be considered): refuses to replace a live deployment, to resume another
    /// deployer's or other settings, and, except on a dev chain (`dev`), a record whose
    /// contracts are not on this chain.
    pub async fn start_deployment(
        &self,
        fresh: Deployment,
        existing: Option<Deployment>,
        path: &str,
        dev: bool,
    ) -> Result<Start> {
        let Some(record) = existing else { return Ok(Start::Fresh(fresh)) };
        let chain_id = fresh.chain_id;
        let missing = self.missing_code(&record).await?;
        if let Some((contract, address)) = missing
            && !dev
        {
            refuse!(
                "{path} records {} at {address}, but chain {chain_id} has no code there: wrong --rpc-url? (--force deploys anew)",
                contract.name()
            );
        }
        if missing.is_some() {
            return Ok(Start::Adopt(self.survivors(&record, fresh).await?));
        }
        if record.complete {
            refuse!(
                "the suite is already deployed on chain {chain_id} (see {path}): pass --force to deploy another"
            );
        }
        if record.deployer != fresh.deployer {
            refuse!(
                "the partial deployment on chain {chain_id} was started by {}: resume it with that key (or --force)",
                record.deployer
            );
        }
        if record.config != fresh.config {
            refuse!(
                "the partial deployment on chain {chain_id} used other settings (see {path}): rerun with the same flags (or --force)"
            );
        }
        Ok(Start::Resume(record))
    }

    /// The first contract `record` names whose address has no code on this chain.
    pub async fn missing_code(
        &self,
        record: &Deployment,
    ) -> Result<Option<(SuiteContract, Address)>> {
        for (contract, deployed) in &record.contracts {
            if self.provider.get_code_at(deployed.address).await?.is_empty() {
                return Ok(Some((*contract, deployed.address)));
            }
        }
        Ok(None)
    }

    /// For a dev chain rolled back behind `record`: a new record for `config` that keeps every
    /// contract of the plan, in order, whose code is still on chain (a rollback removes a suffix;
    /// each later contract was built with the earlier ones' addresses, so the first missing one
    /// and everything after it are redeployed). Kept only if `config` is the record's.
    pub async fn survivors(&self, record: &Deployment, mut kept: Deployment) -> Result<Deployment> {
        if record.config != kept.config {
            return Ok(kept);
        }
        for contract in plan(&kept.config) {
            match record.contracts.get(&contract) {
                Some(d) if !self.provider.get_code_at(d.address).await?.is_empty() => {
                    kept.contracts.insert(contract, d.clone());
                }
                _ => break,
            }
        }
        Ok(kept)
    }

    /// Deploys `contract` for `record` (resolving a transaction a previous run left pending),
    /// calling `save` whenever the record changes.
    pub async fn deploy_contract(
        &self,
        record: &mut Deployment,
        contract: SuiteContract,
        save: &mut impl FnMut(&Deployment) -> Result<()>,
    ) -> Result<Deployed> {
        let deployer = record.deployer;
        let nonce = match record.pending.take().filter(|p| p.contract == contract) {
            Some(pending) => match self.resolve_pending(deployer, &pending).await? {
                Resolution::Landed(deployed) => return finish(record, contract, deployed, save),
                Resolution::Resend => pending.nonce,
                Resolution::Fresh => {
                    self.provider.get_transaction_count(deployer).pending().await?
                }
            },
            None => self.provider.get_transaction_count(deployer).pending().await?,
        };
        let address = deployer.create(nonce);
        record.pending = Some(Pending { contract, nonce, address, tx_hash: None });
        save(record)?;

        let code = init_code(contract, &record.config, &record.addresses())
            .map_err(|e| Error::Refused(e.to_string()))?;
        let tx = TransactionRequest::default().with_deploy_code(code).with_nonce(nonce);
        let sent = self.provider.send_transaction(tx).await.map_err(|e| {
            Error::Rpc(format!(
                "deploying {} failed: {e}; rerun `era deploy` to resume",
                contract.name()
            ))
        })?;
        let tx_hash = *sent.tx_hash();
        if let Some(p) = record.pending.as_mut() {
            p.tx_hash = Some(tx_hash);
        }
        save(record)?;
        let receipt = sent.get_receipt().await.map_err(|e| {
            Error::Rpc(format!("waiting for {tx_hash}; rerun `era deploy` to resume: {e}"))
        })?;
        if !receipt.status() {
            record.pending = None;
            save(record)?;
            // Worded as `era deploy` always said it (not `Error::Reverted`'s "on chain").
            return Err(Error::Rpc(format!(
                "deploying {} reverted in tx {tx_hash}",
                contract.name()
            )));
        }
        let deployed = Deployed {
            address: receipt.contract_address.unwrap_or(address),
            tx_hash: Some(tx_hash),
            block: receipt.block_number,
            gas_used: Some(receipt.gas_used),
        };
        finish(record, contract, deployed, save)
    }

    /// Wires staking's hook to the scenario registry once every contract is deployed: the
    /// deployer's one `setStakeObserver`, which needs no timelock wait. Checks first, so a rerun
    /// after an interruption sends nothing when it is wired; `None` then.
    pub async fn wire_stake_observer(&self) -> Result<Option<Sent>> {
        let (staking, registry) = (self.staking(), self.addresses.scenarios);
        let observer = staking.stakeObserver().call().await?;
        if observer == registry {
            return Ok(None);
        }
        if observer != Address::ZERO {
            refuse!(
                "staking tells {observer}, not the scenario registry {registry}, of stake changes: only governance can change it now (`era gov`)"
            );
        }
        Ok(Some(send("setStakeObserver", staking.setStakeObserver(registry)).await?))
    }

    /// Wires the unit sender to the asset registry, the only sender of asset units: the
    /// deployer's one `setAssetRegistry`, which needs no timelock wait. Checks first, as
    /// [`Client::wire_stake_observer`] does.
    pub async fn wire_asset_registry(&self) -> Result<Option<Sent>> {
        let (sender, registry) = (self.unit_sender(), self.addresses.assets);
        let wired = sender.assetRegistry().call().await?;
        if wired == registry {
            return Ok(None);
        }
        if wired != Address::ZERO {
            refuse!(
                "the unit sender takes asset units from {wired}, not the registry {registry}: only governance can change it now (`era gov`)"
            );
        }
        Ok(Some(send("setAssetRegistry", sender.setAssetRegistry(registry)).await?))
    }

    /// Wires the unit sender to the risk feed its risk units are read from: the deployer's one
    /// `setRiskFeed` (the feed is deployed after the sender), which needs no timelock wait. Checks
    /// first, as [`Client::wire_stake_observer`] does.
    pub async fn wire_risk_feed(&self) -> Result<Option<Sent>> {
        let (sender, feed) = (self.unit_sender(), self.addresses.risk_feed);
        let wired = sender.riskFeed().call().await?;
        if wired == feed {
            return Ok(None);
        }
        if wired != Address::ZERO {
            refuse!(
                "the unit sender reads risk units from {wired}, not the risk feed {feed}: only governance can change it now (`era gov`)"
            );
        }
        Ok(Some(send("setRiskFeed", sender.setRiskFeed(feed)).await?))
    }

    async fn resolve_pending(&self, deployer: Address, pending: &Pending) -> Result<Resolution> {
        if let Some(hash) = pending.tx_hash {
            let mut receipt = self.provider.get_transaction_receipt(hash).await?;
            if receipt.is_none() && self.provider.get_transaction_by_hash(hash).await?.is_some() {
                // Sent but not mined when the last run stopped: give it a moment.
                let wait = PendingTransactionConfig::new(hash).with_timeout(Some(RECEIPT_WAIT));
                if self.provider.watch_pending_transaction(wait).await?.await.is_ok() {
                    receipt = self.provider.get_transaction_receipt(hash).await?;
                }
            }
            if let Some(receipt) = receipt {
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
        }
        if !self.provider.get_code_at(pending.address).await?.is_empty() {
            // Landed, but its receipt is gone (e.g. the node pruned it).
            let landed =
                Deployed { address: pending.address, tx_hash: None, block: None, gas_used: None };
            return Ok(Resolution::Landed(landed));
        }
        let nonce = self.provider.get_transaction_count(deployer).await?;
        Ok(if nonce <= pending.nonce { Resolution::Resend } else { Resolution::Fresh })
    }
}

fn finish(
    record: &mut Deployment,
    contract: SuiteContract,
    deployed: Deployed,
    save: &mut impl FnMut(&Deployment) -> Result<()>,
) -> Result<Deployed> {
    record.pending = None;
    record.contracts.insert(contract, deployed.clone());
    save(record)?;
    Ok(deployed)
}
