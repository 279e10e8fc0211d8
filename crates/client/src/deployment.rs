//! The record of a suite deployment on one chain (`deployments/<chainId>.json`, read and written
//! by the CLI): every address the suite deploys or uses, and how far its deployment got.
//!
//! Amounts are decimal strings of wei. Fields added since the first records (`verifiers`,
//! `hyperlane`) default to empty, so older records stay readable.

use std::collections::BTreeMap;

use alloy::{
    primitives::{Address, B256},
    providers::Provider,
};
use era_bindings::hyperlane::Mailbox;
use serde::{Deserialize, Serialize};

use crate::{SuiteAddresses, SuiteConfig, SuiteContract, error::Result};

/// One deployed contract.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Deployed {
    /// Its address.
    pub address: Address,
    /// The creating transaction (unknown only if adopted after a lost receipt).
    pub tx_hash: Option<B256>,
    /// The block it was created in.
    pub block: Option<u64>,
    /// Gas used by the creating transaction.
    pub gas_used: Option<u64>,
}

/// A deployment transaction that was about to be, or has been, sent.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Pending {
    /// What it deploys.
    pub contract: SuiteContract,
    /// The deployer's nonce it uses.
    pub nonce: u64,
    /// The address it creates (`deployer.create(nonce)`).
    pub address: Address,
    /// Its hash, once sent.
    pub tx_hash: Option<B256>,
}

/// A Groth16 verifier deployed for a schema (`era verifier deploy`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RecordedVerifier {
    /// Its address.
    pub address: Address,
    /// The hash of the verifying key it embeds.
    pub vk_hash: B256,
    /// The creating transaction.
    pub tx_hash: B256,
    /// Whether it embeds development keys (no checked ceremony).
    pub development: bool,
}

/// The Hyperlane contracts the suite sends through and receives from, as its mailbox is set up.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct HyperlaneStack {
    /// The mailbox's domain.
    pub domain: u32,
    /// The mailbox (`--mailbox`).
    pub mailbox: Address,
    /// The hook every dispatch goes through (the Merkle-tree hook of a local stack).
    pub required_hook: Address,
    /// The default hook (it quotes the interchain gas payment).
    pub default_hook: Address,
    /// The ISM that checks the messages the unit route receives.
    pub ism: Address,
}

impl HyperlaneStack {
    /// Reads the stack around `mailbox`; `recipient` is the unit route (zero without one), whose ISM
    /// is the mailbox's default unless it names its own.
    pub async fn read<P: Provider>(
        provider: P,
        mailbox: Address,
        recipient: Address,
    ) -> Result<Self> {
        let mb = Mailbox::new(mailbox, provider);
        let ism = if recipient.is_zero() {
            mb.defaultIsm().call().await?
        } else {
            mb.recipientIsm(recipient).call().await?
        };
        Ok(Self {
            domain: mb.localDomain().call().await?,
            mailbox,
            required_hook: mb.requiredHook().call().await?,
            default_hook: mb.defaultHook().call().await?,
            ism,
        })
    }
}

/// The record of a suite deployment on one chain.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Deployment {
    /// The chain.
    pub chain_id: u64,
    /// Who sent the deployment transactions.
    pub deployer: Address,
    /// The commit of this repository the contracts were built from (`-dirty` if modified).
    pub git_commit: Option<String>,
    /// What was deployed.
    pub config: SuiteConfig,
    /// Deployed contracts by name.
    pub contracts: BTreeMap<SuiteContract, Deployed>,
    /// A transaction in flight when the last run stopped.
    pub pending: Option<Pending>,
    /// Whether every contract of the plan is deployed.
    pub complete: bool,
    /// Verifiers deployed since, by contract name (`OnTimeVerifier`, ...).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub verifiers: BTreeMap<String, RecordedVerifier>,
    /// The Hyperlane stack of `config.mailbox`, read when the suite was deployed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hyperlane: Option<HyperlaneStack>,
}

impl Deployment {
    /// An empty record for a new deployment.
    pub fn new(
        chain_id: u64,
        deployer: Address,
        git_commit: Option<String>,
        config: SuiteConfig,
    ) -> Self {
        Self {
            chain_id,
            deployer,
            git_commit,
            config,
            contracts: BTreeMap::new(),
            pending: None,
            complete: false,
            verifiers: BTreeMap::new(),
            hyperlane: None,
        }
    }

    /// The block of the first deployment transaction: where to start scanning for events.
    pub fn deploy_block(&self) -> u64 {
        self.contracts.values().filter_map(|c| c.block).min().unwrap_or(0)
    }

    /// The suite's addresses (zero for contracts not deployed yet; the given ERA if any).
    pub fn addresses(&self) -> SuiteAddresses {
        let mut addresses = self.config.given_addresses();
        for (contract, deployed) in &self.contracts {
            addresses.set(*contract, deployed.address);
        }
        addresses
    }

    /// Records a verifier deployed for the suite (`era verifier deploy`); a later one of the same
    /// name replaces it.
    pub fn record_verifier(&mut self, contract: &str, verifier: RecordedVerifier) {
        self.verifiers.insert(contract.to_owned(), verifier);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_without_verifiers_or_hyperlane_still_read_and_write_the_same() {
        let old = Deployment::new(
            31337,
            Address::repeat_byte(1),
            None,
            SuiteConfig::defaults(Address::ZERO),
        );
        let json = serde_json::to_value(&old).unwrap();
        assert!(json.get("verifiers").is_none() && json.get("hyperlane").is_none());
        assert_eq!(serde_json::from_value::<Deployment>(json).unwrap(), old);
    }

    #[test]
    fn a_recorded_verifier_is_written_with_its_key_hash() {
        let mut record =
            Deployment::new(1, Address::ZERO, None, SuiteConfig::defaults(Address::ZERO));
        let v = RecordedVerifier {
            address: Address::repeat_byte(9),
            vk_hash: B256::repeat_byte(7),
            tx_hash: B256::repeat_byte(8),
            development: true,
        };
        record.record_verifier("OnTimeVerifier", v.clone());
        let json = serde_json::to_value(&record).unwrap();
        assert_eq!(
            json["verifiers"]["OnTimeVerifier"]["vkHash"],
            serde_json::json!(B256::repeat_byte(7))
        );
        let back: Deployment = serde_json::from_value(json).unwrap();
        assert_eq!(back.verifiers["OnTimeVerifier"], v);
    }
}
