//! Reaching a chain: the RPC endpoint, the expected chain id and the signing key.

use std::{path::PathBuf, time::Duration};

use alloy::{
    network::EthereumWallet,
    primitives::Address,
    providers::{DynProvider, Provider, ProviderBuilder},
    signers::local::PrivateKeySigner,
};
use clap::Args;
use eyre::{Result, WrapErr, bail, eyre};

/// anvil/hardhat (31337), a second local anvil (31338, e.g. the destination of state-asset exports)
/// and ganache (1337): chains where dev shortcuts are fine.
pub(crate) fn is_dev_chain(chain_id: u64) -> bool {
    matches!(chain_id, 31337 | 31338 | 1337)
}

/// Which chain to talk to.
#[derive(Clone, Debug, Args)]
pub(crate) struct RpcArgs {
    /// JSON-RPC endpoint.
    #[arg(long, env = "ETH_RPC_URL", default_value = "http://127.0.0.1:8545")]
    pub(crate) rpc_url: String,
    /// Refuse to act unless the endpoint serves this chain id.
    #[arg(long)]
    pub(crate) chain_id: Option<u64>,
}

/// Who signs: a raw private key or a Foundry keystore.
#[derive(Clone, Debug, Args)]
pub(crate) struct WalletArgs {
    /// Hex private key of the sender.
    #[arg(long, env = "ERA_PRIVATE_KEY", hide_env_values = true, conflicts_with = "keystore")]
    pub(crate) private_key: Option<String>,
    /// A Foundry (web3 secret storage) keystore file, e.g. ~/.foundry/keystores/<name>.
    #[arg(long, env = "ETH_KEYSTORE")]
    pub(crate) keystore: Option<PathBuf>,
    /// File holding the keystore's password.
    #[arg(long, env = "ETH_PASSWORD_FILE", requires = "keystore")]
    pub(crate) password_file: Option<PathBuf>,
}

impl WalletArgs {
    /// The signer, or one line saying which key is missing or bad.
    pub(crate) fn signer(&self) -> Result<PrivateKeySigner> {
        if let Some(key) = &self.private_key {
            return key.trim().parse().map_err(|_| {
                eyre!("--private-key is not a valid private key: expected 32 bytes of hex (0x…)")
            });
        }
        let Some(keystore) = &self.keystore else {
            bail!(
                "no signing key: pass --private-key (or ERA_PRIVATE_KEY) or --keystore with --password-file"
            );
        };
        let Some(password_file) = &self.password_file else {
            bail!("--keystore needs --password-file (a file holding the keystore's password)");
        };
        let password = std::fs::read_to_string(password_file)
            .wrap_err_with(|| format!("cannot read password file {}", password_file.display()))?;
        PrivateKeySigner::decrypt_keystore(keystore, password.trim_end_matches(['\r', '\n']))
            .map_err(|e| eyre!("cannot open keystore {}: {e}", keystore.display()))
    }
}

/// A connection to a chain whose id has been checked.
#[derive(Clone, Debug)]
pub(crate) struct Chain {
    /// The provider (with a wallet when connected for writing).
    pub(crate) provider: DynProvider,
    /// The chain id the endpoint serves.
    pub(crate) id: u64,
    /// The endpoint.
    pub(crate) url: String,
}

/// How long to wait for an endpoint's first answer.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

impl RpcArgs {
    /// Connects read-only.
    pub(crate) async fn connect(&self) -> Result<Chain> {
        let provider = ProviderBuilder::new()
            .connect(&self.rpc_url)
            .await
            .map_err(|e| unreachable_rpc(&self.rpc_url, e))?
            .erased();
        self.checked(provider).await
    }

    /// Connects with `signer` as the sender of transactions.
    pub(crate) async fn connect_signer(
        &self,
        signer: PrivateKeySigner,
    ) -> Result<(Chain, Address)> {
        let sender = signer.address();
        let provider = ProviderBuilder::new()
            .wallet(EthereumWallet::from(signer))
            .connect(&self.rpc_url)
            .await
            .map_err(|e| unreachable_rpc(&self.rpc_url, e))?
            .erased();
        Ok((self.checked(provider).await?, sender))
    }

    async fn checked(&self, provider: DynProvider) -> Result<Chain> {
        let id = tokio::time::timeout(CONNECT_TIMEOUT, provider.get_chain_id())
            .await
            .map_err(|_| unreachable_rpc(&self.rpc_url, "no answer within 10s"))?
            .map_err(|e| unreachable_rpc(&self.rpc_url, e))?;
        if let Some(expected) = self.chain_id
            && expected != id
        {
            bail!(
                "{} serves chain {id}, not chain {expected}: check --rpc-url or --chain-id",
                self.rpc_url
            );
        }
        Ok(Chain { provider, id, url: self.rpc_url.clone() })
    }
}

fn unreachable_rpc(url: &str, cause: impl std::fmt::Display) -> eyre::Report {
    eyre!(
        "cannot reach an Ethereum RPC at {url} ({cause}): start one with `era devnet` or pass --rpc-url"
    )
}
