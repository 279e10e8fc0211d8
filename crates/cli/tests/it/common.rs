//! A devnet per test: anvil on a free port, a temporary deployments directory, and the `era` binary.

use std::{
    path::{Path, PathBuf},
    process::{Command, Output},
};

use alloy::{
    node_bindings::{Anvil, AnvilInstance},
    primitives::{Address, U256},
    providers::{DynProvider, Provider, ProviderBuilder},
};
use era_bindings::ERAToken;
use era_client::ERA;
use tempfile::TempDir;

/// The workspace root: `era` runs there, as users run it.
pub(crate) fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().unwrap()
}

/// anvil plus a deployments directory that lives as long as the test.
pub(crate) struct Devnet {
    pub(crate) anvil: AnvilInstance,
    pub(crate) dir: TempDir,
}

/// A finished `era` run.
#[derive(Debug)]
pub(crate) struct Run {
    pub(crate) code: i32,
    pub(crate) stdout: String,
    pub(crate) stderr: String,
}

impl Run {
    /// Asserts success and returns stdout.
    #[track_caller]
    pub(crate) fn ok(self) -> String {
        assert_eq!(self.code, 0, "era failed: {}{}", self.stdout, self.stderr);
        self.stdout
    }

    /// Asserts failure with exactly one line on stderr, starting `error: `; returns that line.
    #[track_caller]
    pub(crate) fn refused(self) -> String {
        assert_ne!(self.code, 0, "era should have failed; stdout: {}", self.stdout);
        let lines: Vec<&str> = self.stderr.lines().collect();
        assert_eq!(lines.len(), 1, "one error line expected, got: {}", self.stderr);
        assert!(lines[0].starts_with("error: "), "{}", lines[0]);
        lines[0].to_owned()
    }

    /// Parses stdout as JSON whatever the exit code, with the code: for commands whose code is
    /// their answer (`asset check` exits 1 when not authorized).
    #[track_caller]
    pub(crate) fn json_with_code(self) -> (i32, serde_json::Value) {
        let json = serde_json::from_str(&self.stdout).expect("--json prints JSON");
        (self.code, json)
    }

    /// Parses stdout as JSON (after asserting success).
    #[track_caller]
    pub(crate) fn json(self) -> serde_json::Value {
        serde_json::from_str(&self.ok()).expect("--json prints JSON")
    }
}

/// Runs `era` in the workspace root with `env` set (and nothing inherited that could redirect it).
pub(crate) fn era_with(env: &[(&str, &str)], args: &[&str]) -> Run {
    let Output { status, stdout, stderr } = Command::new(env!("CARGO_BIN_EXE_era"))
        .current_dir(root())
        .env_remove("ETH_RPC_URL")
        .env_remove("ERA_PRIVATE_KEY")
        .env_remove("ERA_DEPLOYMENTS")
        .envs(env.iter().copied())
        .args(args)
        .output()
        .expect("era runs");
    Run {
        code: status.code().unwrap_or(-1),
        stdout: String::from_utf8(stdout).unwrap(),
        stderr: String::from_utf8(stderr).unwrap(),
    }
}

impl Devnet {
    /// anvil with default settings (chain 31337).
    pub(crate) fn start() -> Self {
        Self::with_args(&[])
    }

    /// anvil on chain `id` (31338: the second demo chain), which its record is named after.
    pub(crate) fn chain(id: u64) -> Self {
        let anvil = Anvil::new()
            .path(root().join("tools/bin/anvil"))
            .chain_id(id)
            .try_spawn()
            .expect("anvil starts (run `make install` first)");
        Self { anvil, dir: tempfile::tempdir().unwrap() }
    }

    /// anvil with extra arguments.
    pub(crate) fn with_args(args: &[&str]) -> Self {
        let anvil = Anvil::new()
            .path(root().join("tools/bin/anvil"))
            .args(args.iter().copied())
            .try_spawn()
            .expect("anvil starts (run `make install` first)");
        Self { anvil, dir: tempfile::tempdir().unwrap() }
    }

    /// The RPC URL.
    pub(crate) fn url(&self) -> String {
        self.anvil.endpoint()
    }

    /// Runs `era` against this devnet and its deployments directory.
    pub(crate) fn era(&self, args: &[&str]) -> Run {
        let url = self.url();
        let dir = self.dir.path().to_str().unwrap().to_owned();
        era_with(&[("ETH_RPC_URL", &url), ("ERA_DEPLOYMENTS", &dir)], args)
    }

    /// Hex private key of anvil account `i`.
    pub(crate) fn key(&self, i: usize) -> String {
        format!("0x{}", alloy::hex::encode(self.anvil.keys()[i].to_bytes()))
    }

    /// Address of anvil account `i`.
    pub(crate) fn address(&self, i: usize) -> Address {
        self.anvil.addresses()[i]
    }

    /// A read-only provider.
    pub(crate) fn provider(&self) -> DynProvider {
        ProviderBuilder::new().connect_http(self.url().parse().unwrap()).erased()
    }

    /// A provider that signs with anvil's account `i`.
    pub(crate) fn wallet(&self, i: usize) -> DynProvider {
        let signer =
            alloy::signers::local::PrivateKeySigner::from_slice(&self.anvil.keys()[i].to_bytes())
                .unwrap();
        ProviderBuilder::new().wallet(signer).connect_http(self.url().parse().unwrap()).erased()
    }

    /// The deployment record as JSON.
    pub(crate) fn record(&self) -> serde_json::Value {
        let path = self.dir.path().join(format!("{}.json", self.anvil.chain_id()));
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
    }

    /// A deployed contract's address from the record.
    pub(crate) fn contract(&self, name: &str) -> Address {
        self.record()["contracts"][name]["address"].as_str().unwrap().parse().unwrap()
    }

    /// Transactions `era deploy` sent: one per contract of the record, then the wiring of staking's
    /// hook to the scenario registry and of the unit sender's asset registry and risk feed.
    pub(crate) fn deploy_txs(&self) -> u64 {
        self.record()["contracts"].as_object().unwrap().len() as u64 + 3
    }

    /// Deploys the suite with account 0 and a 1-hour timelock.
    pub(crate) fn deploy(&self) {
        self.era(&["deploy", "--private-key", &self.key(0), "--timelock-delay", "1h"]).ok();
    }

    /// Sends `era` ERA from account 0 (holder of the local supply) to `to`.
    pub(crate) async fn fund(&self, to: Address, era: u64) {
        let token = ERAToken::new(self.contract("ERAToken"), self.wallet(0));
        let receipt = token
            .transfer(to, U256::from(era) * ERA)
            .send()
            .await
            .unwrap()
            .get_receipt()
            .await
            .unwrap();
        assert!(receipt.status());
    }

    /// Transactions `account` has sent: proof that a refused command sent nothing.
    pub(crate) async fn nonce(&self, account: Address) -> u64 {
        self.provider().get_transaction_count(account).await.unwrap()
    }
}

/// Snapshot settings for human output: what differs from run to run, or with any change of a
/// contract, is replaced; the layout and the rest are kept. anvil's accounts, a fresh devnet's
/// contract addresses and block numbers are the same every run. Block times follow the wall
/// clock, so UTC times, the durations counted from them (`in 59m 58s`) and what hashes them
/// (timelock salts, operation ids) do not; other transaction hashes are the same every run (checked)
/// but carry the fee the node asks, which follows the gas of every earlier block, as gas
/// figures follow the contracts' code: those are replaced too.
pub(crate) fn snapshots() -> insta::Settings {
    let mut settings = insta::Settings::clone_current();
    settings.add_filter(r"0x[0-9a-fA-F]{64}", "[hash]");
    settings.add_filter(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", "[time]");
    settings.add_filter(r"in (\d+[dhms] ?)+", "in [duration]");
    settings.add_filter(r"gas +\d+", "gas [n]");
    settings
}
