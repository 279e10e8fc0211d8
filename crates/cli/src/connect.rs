//! Reaching a chain: the RPC endpoint, the expected chain id and the signing key.

use std::{
    path::{Path, PathBuf},
    time::Duration,
};

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

/// The help heading of the signer flags, as in `cast send --help`.
const WALLET: &str = "Wallet options";

/// Who signs, with Foundry's flags and environment (as `cast send` names them): a keystore by
/// name (`--account`), a keystore file or folder (`--keystore`) or a raw key (`--private-key`).
///
/// Flags win over the environment: an exported `ETH_PRIVATE_KEY` does not get in the way of
/// `--account`. A keystore's password comes from `--password`, `--password-file` (env
/// `ETH_PASSWORD`, a file as in Foundry) or, when none is given, a prompt on the terminal.
#[derive(Clone, Debug, Default, Args)]
pub(crate) struct WalletArgs {
    /// `--account NAME`: a keystore in ~/.foundry/keystores by name.
    #[command(flatten)]
    pub(crate) account: AccountArg,
    /// A keystore file, or a folder of keystores: its only one, or the one of --from
    /// [env: ETH_KEYSTORE].
    #[arg(long, help_heading = WALLET, value_name = "PATH", conflicts_with = "private_key")]
    pub(crate) keystore: Option<PathBuf>,
    /// The keystore's password (visible to other local users in the process list: prefer
    /// --password-file or the prompt).
    #[arg(long, help_heading = WALLET, value_name = "PASSWORD", conflicts_with = "password_file")]
    pub(crate) password: Option<String>,
    /// File holding the keystore's password [env: ETH_PASSWORD].
    #[arg(long, help_heading = WALLET, value_name = "PASSWORD_FILE")]
    pub(crate) password_file: Option<PathBuf>,
    /// Hex private key of the sender [env: ETH_PRIVATE_KEY; ERA_PRIVATE_KEY is still read].
    #[arg(long, help_heading = WALLET, value_name = "RAW_PRIVATE_KEY")]
    pub(crate) private_key: Option<String>,
    /// The sender's address: picks the keystore in a --keystore folder and must match the key
    /// [env: ETH_FROM].
    #[arg(
        long = "from",
        id = "wallet_from",
        help_heading = WALLET,
        value_name = "ADDRESS",
        value_parser = crate::address::parse
    )]
    pub(crate) from: Option<Address>,
}

/// `--account NAME` [env: ETH_KEYSTORE_ACCOUNT], added to a command only if it has no `--account`
/// of its own: clap allows one argument per long name, and a command that already names an address
/// `--account` (e.g. whose credits to pay out) keeps working. Such a command still signs with
/// `ETH_KEYSTORE_ACCOUNT`, `--keystore` or `--private-key`, and gets `--account NAME` once its own
/// flag is renamed.
#[derive(Clone, Debug, Default)]
pub(crate) struct AccountArg(pub(crate) Option<String>);

const ACCOUNT_ID: &str = "wallet_account";

impl clap::FromArgMatches for AccountArg {
    fn from_arg_matches(matches: &clap::ArgMatches) -> Result<Self, clap::Error> {
        // `try_get_one` is an error, not a panic, when the command has no such argument.
        Ok(Self(matches.try_get_one::<String>(ACCOUNT_ID).ok().flatten().cloned()))
    }

    fn update_from_arg_matches(&mut self, matches: &clap::ArgMatches) -> Result<(), clap::Error> {
        *self = Self::from_arg_matches(matches)?;
        Ok(())
    }
}

impl Args for AccountArg {
    fn augment_args(cmd: clap::Command) -> clap::Command {
        if cmd.get_arguments().any(|arg| arg.get_long() == Some("account")) {
            return cmd;
        }
        cmd.arg(
            clap::Arg::new(ACCOUNT_ID)
                .long("account")
                .value_name("ACCOUNT_NAME")
                .help(
                    "A keystore in ~/.foundry/keystores by name, as `cast wallet import NAME` \
                     stores it [env: ETH_KEYSTORE_ACCOUNT]",
                )
                .help_heading(WALLET)
                .conflicts_with_all(["keystore", "private_key"]),
        )
    }

    fn augment_args_for_update(cmd: clap::Command) -> clap::Command {
        Self::augment_args(cmd)
    }
}

/// Where the signing key comes from, once flags and environment are resolved.
#[derive(Debug)]
enum KeySource {
    Raw { key: String, origin: &'static str },
    Keystore(PathBuf),
    Account(String),
}

/// An environment variable; set but empty counts as unset (`ETH_PRIVATE_KEY= era ...`).
fn env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.is_empty())
}

impl WalletArgs {
    /// The signer, or one line saying which key is missing or bad.
    pub(crate) fn signer(&self) -> Result<PrivateKeySigner> {
        let from = match self.from {
            Some(from) => Some(from),
            None => env("ETH_FROM")
                .map(|v| v.trim().parse::<Address>())
                .transpose()
                .map_err(|_| eyre!("ETH_FROM is not an address (0x followed by 40 hex digits)"))?,
        };
        let signer = match self.source()? {
            KeySource::Raw { key, origin } => key.trim().parse().map_err(|_| {
                eyre!("{origin} is not a valid private key: expected 32 bytes of hex (0x…)")
            })?,
            KeySource::Keystore(path) if path.is_dir() => self.open_folder(&path, from)?,
            KeySource::Keystore(path) => self.decrypt(&path, &self.password_for(&path)?)?,
            KeySource::Account(name) => {
                let path = keystores_dir()?.join(&name);
                if !path.is_file() {
                    bail!("{}", no_such_account(&name));
                }
                self.decrypt(&path, &self.password_for(&path)?)?
            }
        };
        if let Some(from) = from
            && from != signer.address()
        {
            bail!("--from {from} is not the address of the signing key ({})", signer.address());
        }
        Ok(signer)
    }

    /// Flags first, then Foundry's environment variables, then the suite's older ERA_PRIVATE_KEY.
    fn source(&self) -> Result<KeySource> {
        if let Some(name) = &self.account.0 {
            return Ok(KeySource::Account(name.clone()));
        }
        if let Some(path) = &self.keystore {
            return Ok(KeySource::Keystore(path.clone()));
        }
        if let Some(key) = &self.private_key {
            return Ok(KeySource::Raw { key: key.clone(), origin: "--private-key" });
        }
        let set: Vec<(&str, String)> = ["ETH_KEYSTORE_ACCOUNT", "ETH_KEYSTORE", "ETH_PRIVATE_KEY"]
            .into_iter()
            .filter_map(|name| env(name).map(|v| (name, v)))
            .collect();
        match set.as_slice() {
            [] => match env("ERA_PRIVATE_KEY") {
                Some(key) => Ok(KeySource::Raw { key, origin: "ERA_PRIVATE_KEY" }),
                None => bail!(
                    "no signing key: pass --account NAME (a keystore in ~/.foundry/keystores), \
                     --keystore PATH or --private-key KEY"
                ),
            },
            [("ETH_KEYSTORE_ACCOUNT", name)] => Ok(KeySource::Account(name.clone())),
            [("ETH_KEYSTORE", path)] => Ok(KeySource::Keystore(PathBuf::from(path))),
            [(_, key)] => Ok(KeySource::Raw { key: key.clone(), origin: "ETH_PRIVATE_KEY" }),
            several => bail!(
                "{} are all set: unset all but one, or pick the signer with a flag \
                 (--account, --keystore or --private-key)",
                several.iter().map(|(name, _)| *name).collect::<Vec<_>>().join(" and ")
            ),
        }
    }

    /// The password of `keystore`: --password, --password-file, ETH_PASSWORD (a file, as in
    /// Foundry), the suite's older ETH_PASSWORD_FILE, else a prompt on the terminal.
    fn password_for(&self, keystore: &Path) -> Result<String> {
        if let Some(password) = &self.password {
            return Ok(password.clone());
        }
        let file = self
            .password_file
            .clone()
            .or_else(|| env("ETH_PASSWORD").map(PathBuf::from))
            .or_else(|| env("ETH_PASSWORD_FILE").map(PathBuf::from));
        if let Some(file) = file {
            let password = std::fs::read_to_string(&file)
                .wrap_err_with(|| format!("cannot read password file {}", file.display()))?;
            return Ok(password.trim_end_matches(['\r', '\n']).to_owned());
        }
        // rpassword reads /dev/tty, not stdin: piped input is never taken for a password, and
        // without a controlling terminal (CI, cron) this fails at once instead of waiting.
        rpassword::prompt_password(format!("Password for keystore {}: ", keystore.display()))
            .map_err(|_| {
                eyre!(
                    "keystore {} needs a password and there is no terminal to ask for it: pass \
                     --password-file FILE (or ETH_PASSWORD=FILE) or --password",
                    keystore.display()
                )
            })
    }

    fn decrypt(&self, keystore: &Path, password: &str) -> Result<PrivateKeySigner> {
        PrivateKeySigner::decrypt_keystore(keystore, password).map_err(|e| {
            let cause = e.to_string();
            if cause.contains("Mac Mismatch") {
                eyre!("wrong password for keystore {}", keystore.display())
            } else {
                eyre!("cannot open keystore {}: {cause}", keystore.display())
            }
        })
    }

    /// A --keystore folder: its only keystore, or with --from the one holding that address (each
    /// is tried with the one password; keystores do not record their address in clear).
    fn open_folder(&self, folder: &Path, from: Option<Address>) -> Result<PrivateKeySigner> {
        let mut files: Vec<PathBuf> = std::fs::read_dir(folder)
            .wrap_err_with(|| format!("cannot read keystore folder {}", folder.display()))?
            .filter_map(|entry| entry.ok().map(|e| e.path()))
            .filter(|path| path.is_file())
            .collect();
        files.sort();
        match (files.as_slice(), from) {
            ([], _) => bail!("keystore folder {} holds no keystore", folder.display()),
            ([only], _) => self.decrypt(only, &self.password_for(only)?),
            (_, None) => bail!(
                "keystore folder {} holds {} keystores: pass --from ADDRESS to pick one, or \
                 --keystore with the file",
                folder.display(),
                files.len()
            ),
            (_, Some(from)) => {
                let password = self.password_for(folder)?;
                files
                    .iter()
                    .filter_map(|file| self.decrypt(file, &password).ok())
                    .find(|signer| signer.address() == from)
                    .ok_or_else(|| {
                        eyre!(
                            "no keystore in {} opens with this password and holds {from}",
                            folder.display()
                        )
                    })
            }
        }
    }
}

/// Foundry's keystore folder, `~/.foundry/keystores`, where `--account NAME` looks.
fn keystores_dir() -> Result<PathBuf> {
    let home =
        env("HOME").ok_or_else(|| eyre!("HOME is not set: cannot find ~/.foundry/keystores"))?;
    Ok(Path::new(&home).join(".foundry").join("keystores"))
}

/// The error for an unknown --account, naming the accounts there are.
fn no_such_account(name: &str) -> String {
    let names: Vec<String> = keystores_dir()
        .ok()
        .and_then(|dir| std::fs::read_dir(dir).ok())
        .map(|entries| {
            let mut names: Vec<String> = entries
                .filter_map(|e| e.ok())
                .filter(|e| e.path().is_file())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect();
            names.sort();
            names
        })
        .unwrap_or_default();
    let known = if names.is_empty() {
        "there is none: create one with `cast wallet import NAME --interactive`".to_owned()
    } else {
        format!("there are: {}", names.join(", "))
    };
    format!("no keystore named {name:?} in ~/.foundry/keystores ({known})")
}

/// The account a read command is about: `--from`, as in `cast call --from` (env ETH_FROM).
#[derive(Clone, Debug, Default, Args)]
pub(crate) struct FromArgs {
    /// The account to read for [env: ETH_FROM].
    #[arg(
        long = "from",
        id = "read_from",
        env = "ETH_FROM",
        value_name = "ADDRESS",
        value_parser = crate::address::parse
    )]
    pub(crate) from: Option<Address>,
}

#[expect(
    dead_code,
    reason = "for read commands (`--from`), wired in by the CLI restructuring; remove this then"
)]
impl FromArgs {
    /// The account, or one line asking for it.
    pub(crate) fn address(&self) -> Result<Address> {
        self.from.ok_or_else(|| eyre!("which account? pass --from ADDRESS (or set ETH_FROM)"))
    }

    /// The account, or `default` when none was given.
    pub(crate) fn or(&self, default: Address) -> Address {
        self.from.unwrap_or(default)
    }
}

/// A connection to a chain whose id has been checked.
#[derive(Clone, Debug)]
pub(crate) struct Chain {
    /// The provider (with a wallet when connected for writing).
    pub(crate) provider: DynProvider,
    /// The chain id the endpoint serves.
    pub(crate) id: u64,
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
        Ok(Chain { provider, id })
    }
}

fn unreachable_rpc(url: &str, cause: impl std::fmt::Display) -> eyre::Report {
    eyre!(
        "cannot reach an Ethereum RPC at {url} ({cause}): start one with `era devnet` or pass --rpc-url"
    )
}
