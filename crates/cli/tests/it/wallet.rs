//! Foundry's wallet conventions on a sending command (`era stake`): `--account` keystores in a
//! temporary HOME's ~/.foundry/keystores, `--keystore` files and folders, passwords from flags,
//! files, `ETH_PASSWORD` or the terminal, `ETH_PRIVATE_KEY`, `--from`. Keystores are made by the
//! project's own `cast wallet import` / `cast wallet new`; every run starts from an empty
//! environment, so a developer's exported ETH_* variables cannot change what is tested.

use std::{
    path::Path,
    process::{Command, Output, Stdio},
};

use alloy::primitives::{Address, U256};
use era_bindings::ERAStaking;
use era_client::ERA;
use tempfile::TempDir;

use crate::common::{Devnet, Run, root};

/// A deployed devnet plus a HOME of our own for ~/.foundry/keystores.
struct Wallets {
    net: Devnet,
    home: TempDir,
}

impl Wallets {
    fn start() -> Self {
        let net = Devnet::start();
        net.deploy();
        Self { net, home: tempfile::tempdir().unwrap() }
    }

    fn home(&self) -> &Path {
        self.home.path()
    }

    /// A file holding `password`.
    fn password_file(&self, name: &str, password: &str) -> String {
        let path = self.home().join(name);
        std::fs::write(&path, format!("{password}\n")).unwrap();
        path.to_str().unwrap().to_owned()
    }

    /// The project's `cast` in this HOME.
    fn cast(&self, args: &[&str]) -> String {
        let Output { status, stdout, stderr } = Command::new(root().join("tools/bin/cast"))
            .env("HOME", self.home())
            .args(args)
            .output()
            .expect("cast runs");
        let (stdout, stderr) =
            (String::from_utf8(stdout).unwrap(), String::from_utf8(stderr).unwrap());
        assert!(status.success(), "cast {args:?} failed: {stdout}{stderr}");
        stdout
    }

    /// `era` with nothing from the caller's environment but PATH, plus this HOME, the devnet and
    /// `env`.
    fn command(&self, env: &[(&str, &str)], args: &[&str]) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_era"));
        command
            .current_dir(root())
            .env_clear()
            .env("PATH", std::env::var("PATH").unwrap_or_default())
            .env("HOME", self.home())
            .env("ETH_RPC_URL", self.net.url())
            .env("ERA_DEPLOYMENTS", self.net.dir.path())
            .envs(env.iter().copied())
            .args(args)
            .stdin(Stdio::null());
        command
    }

    /// Runs `era` in its own session: no controlling terminal, as in CI or cron.
    fn era(&self, env: &[(&str, &str)], args: &[&str]) -> Run {
        let era = self.command(env, args);
        let mut command = Command::new("setsid");
        command.arg("--wait").arg(era.get_program()).args(era.get_args());
        command.current_dir(root()).env_clear().stdin(Stdio::null());
        for (key, value) in era.get_envs() {
            if let Some(value) = value {
                command.env(key, value);
            }
        }
        finished(command.output().expect("setsid runs era"))
    }

    /// `era stake <amount> ... --json` with `signer`: the account that staked.
    fn stake_as(&self, env: &[(&str, &str)], amount: &str, signer: &[&str]) -> Address {
        let mut args = vec!["stake", amount, "--json"];
        args.extend_from_slice(signer);
        let out: serde_json::Value = serde_json::from_str(&self.era(env, &args).ok()).unwrap();
        out["account"].as_str().unwrap().parse().unwrap()
    }

    async fn stake_of(&self, node: Address) -> U256 {
        let provider = self.net.provider();
        ERAStaking::new(self.net.contract("ERAStaking"), &provider)
            .nodeStake(node)
            .call()
            .await
            .unwrap()
    }
}

fn finished(Output { status, stdout, stderr }: Output) -> Run {
    Run {
        code: status.code().unwrap_or(-1),
        stdout: String::from_utf8(stdout).unwrap(),
        stderr: String::from_utf8(stderr).unwrap(),
    }
}

fn era(n: u64) -> U256 {
    U256::from(n) * ERA
}

#[tokio::test]
async fn account_keystore_folder_and_env_sign_as_in_foundry() {
    let w = Wallets::start();
    let (a, b) = (w.net.address(1), w.net.address(2));
    w.net.fund(a, 100_000).await;
    w.net.fund(b, 100_000).await;

    // --account NAME: ~/.foundry/keystores/NAME, as `cast wallet import` stores it.
    w.cast(&[
        "wallet",
        "import",
        "deployer",
        "--private-key",
        &w.net.key(1),
        "--unsafe-password",
        "pw-a",
    ]);
    assert!(w.home().join(".foundry/keystores/deployer").is_file());
    let pw_a = w.password_file("pw-a.txt", "pw-a");
    assert_eq!(w.stake_as(&[], "10000", &["--account", "deployer", "--password-file", &pw_a]), a);
    assert_eq!(w.stake_as(&[], "1000", &["--account", "deployer", "--password", "pw-a"]), a);
    // The same from Foundry's environment: ETH_KEYSTORE_ACCOUNT and ETH_PASSWORD (a file).
    let env = [("ETH_KEYSTORE_ACCOUNT", "deployer"), ("ETH_PASSWORD", pw_a.as_str())];
    assert_eq!(w.stake_as(&env, "1000", &[]), a);
    assert_eq!(w.stake_of(a).await, era(12_000));

    // --keystore FOLDER with one keystore takes it; with two it needs --from.
    let folder = w.home().join("keys");
    let folder_str = folder.to_str().unwrap();
    w.cast(&[
        "wallet",
        "import",
        "b",
        "-k",
        folder_str,
        "--private-key",
        &w.net.key(2),
        "--unsafe-password",
        "pw-b",
    ]);
    assert_eq!(w.stake_as(&[], "10000", &["--keystore", folder_str, "--password", "pw-b"]), b);
    let created = w.cast(&["wallet", "new", folder_str, "--unsafe-password", "pw-b"]);
    assert!(created.contains("Created new encrypted keystore file"), "{created}");
    let line =
        w.era(&[], &["stake", "1000", "--keystore", folder_str, "--password", "pw-b"]).refused();
    assert!(line.contains("holds 2 keystores") && line.contains("--from"), "{line}");
    let from_b = b.to_string();
    let signer = ["--keystore", folder_str, "--password", "pw-b", "--from", from_b.as_str()];
    assert_eq!(w.stake_as(&[], "1000", &signer), b);
    // --keystore FILE, with ETH_KEYSTORE as its environment form.
    let file = folder.join("b");
    assert_eq!(
        w.stake_as(&[], "1000", &["--keystore", file.to_str().unwrap(), "--password", "pw-b"]),
        b
    );
    let pw_b = w.password_file("pw-b.txt", "pw-b");
    let env = [("ETH_KEYSTORE", file.to_str().unwrap()), ("ETH_PASSWORD", pw_b.as_str())];
    assert_eq!(w.stake_as(&env, "1000", &[]), b);
    assert_eq!(w.stake_of(b).await, era(13_000));

    // Raw keys: --private-key, ETH_PRIVATE_KEY, and the suite's older ERA_PRIVATE_KEY.
    let key_a = w.net.key(1);
    assert_eq!(w.stake_as(&[("ETH_PRIVATE_KEY", &key_a)], "1000", &[]), a);
    assert_eq!(w.stake_as(&[("ERA_PRIVATE_KEY", &key_a)], "1000", &[]), a);
    // A flag wins over an exported key of another kind.
    let env = [("ETH_PRIVATE_KEY", key_a.as_str())];
    assert_eq!(
        w.stake_as(&env, "1000", &["--keystore", file.to_str().unwrap(), "--password", "pw-b"]),
        b
    );
    assert_eq!(w.stake_of(a).await, era(14_000));
}

#[tokio::test]
async fn missing_or_wrong_wallet_input_is_one_line_and_sends_nothing() {
    let w = Wallets::start();
    let a = w.net.address(1);
    w.cast(&[
        "wallet",
        "import",
        "deployer",
        "--private-key",
        &w.net.key(1),
        "--unsafe-password",
        "pw-a",
    ]);
    let keystore = w.home().join(".foundry/keystores/deployer");
    let keystore = keystore.to_str().unwrap();
    let stake = |env: &[(&str, &str)], signer: &[&str]| {
        let mut args = vec!["stake", "1000"];
        args.extend_from_slice(signer);
        w.era(env, &args).refused()
    };

    // No terminal and no password: one line naming the ways to give one, at once.
    let line = stake(&[], &["--account", "deployer"]);
    assert!(line.contains("no terminal") && line.contains("--password-file"), "{line}");
    let line = stake(&[], &["--keystore", keystore]);
    assert!(line.contains("no terminal"), "{line}");
    let line = stake(&[], &["--account", "deployer", "--password", "nope"]);
    assert!(line.contains("wrong password for keystore"), "{line}");
    let missing = w.home().join("missing.txt");
    let line = stake(&[], &["--account", "deployer", "--password-file", missing.to_str().unwrap()]);
    assert!(line.contains("cannot read password file"), "{line}");
    let line = stake(&[], &["--account", "nobody", "--password", "pw-a"]);
    assert!(line.contains("no keystore named \"nobody\"") && line.contains("deployer"), "{line}");
    // --from must be the key's address.
    let other = w.net.address(3).to_string();
    let line = stake(&[], &["--account", "deployer", "--password", "pw-a", "--from", &other]);
    assert!(line.contains(&format!("--from {other} is not the address")), "{line}");
    // Two signers: as flags clap refuses (exit 2); from the environment, one line naming both.
    let run =
        w.era(&[], &["stake", "1000", "--account", "deployer", "--private-key", &w.net.key(1)]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    let env = [("ETH_KEYSTORE_ACCOUNT", "deployer"), ("ETH_PRIVATE_KEY", "0x01")];
    let line = stake(&env, &[]);
    assert!(line.contains("ETH_KEYSTORE_ACCOUNT and ETH_PRIVATE_KEY are all set"), "{line}");
    let line = stake(&[], &[]);
    assert!(line.contains("no signing key") && line.contains("--account"), "{line}");
    let line = stake(&[("ETH_PRIVATE_KEY", "0x1234")], &[]);
    assert!(line.contains("ETH_PRIVATE_KEY is not a valid private key"), "{line}");
    assert_eq!(w.net.nonce(a).await, 0);
}

#[tokio::test]
async fn without_a_password_the_keystore_prompts_on_the_terminal() {
    let w = Wallets::start();
    let a = w.net.address(1);
    w.net.fund(a, 20_000).await;
    w.cast(&[
        "wallet",
        "import",
        "deployer",
        "--private-key",
        &w.net.key(1),
        "--unsafe-password",
        "pw-a",
    ]);
    // `script` gives era a pseudo-terminal whose input is this test's stdin: the password typed.
    let command = w.command(&[], &["stake", "10000", "--account", "deployer", "--json"]);
    let line: Vec<String> = std::iter::once(command.get_program())
        .chain(command.get_args())
        .map(|part| part.to_str().unwrap().to_owned())
        .collect();
    let mut script = Command::new("script");
    script.args(["--quiet", "--return", "--command", &line.join(" "), "/dev/null"]);
    script.current_dir(root()).env_clear();
    for (key, value) in command.get_envs() {
        if let Some(value) = value {
            script.env(key, value);
        }
    }
    let mut child = script
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("script (util-linux) runs");
    // Typed only once the prompt is up: a terminal in canonical mode keeps the line until read.
    let mut stdin = child.stdin.take().unwrap();
    std::thread::sleep(std::time::Duration::from_millis(300));
    std::io::Write::write_all(&mut stdin, b"pw-a\n").unwrap();
    let run = finished(child.wait_with_output().unwrap());
    drop(stdin);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(run.stdout.contains("Password for keystore"), "{}", run.stdout);
    assert_eq!(w.stake_of(a).await, era(10_000));
}

/// Every sending command takes the same signer flags (the `Wallet options` of its help).
#[test]
fn sending_commands_take_the_foundry_signer_flags() {
    let sending: &[&[&str]] = &[
        &["deploy"],
        &["stake"],
        &["delegate"],
        &["withdraw", "queue"],
        &["withdraw", "complete"],
        &["tier", "set"],
        &["gov", "execute"],
        &["module", "register"],
        &["scenario", "register"],
        &["scenario", "transfer"],
        &["breaker", "trip"],
        &["margin", "post"],
        &["margin", "freeze"],
        &["partner", "add"],
        &["risk", "publish"],
        &["asset", "register"],
        &["asset", "authorize"],
        &["asset", "claim"],
        &["margin", "accept"],
        &["verifier", "deploy"],
        &["hyperlane", "deploy"],
        &["relay"],
    ];
    for command in sending {
        let mut args = command.to_vec();
        args.push("--help");
        let help = crate::common::era_with(&[], &args).ok();
        for flag in
            ["--account", "--keystore", "--password", "--password-file", "--private-key", "--from"]
        {
            assert!(help.contains(&format!("{flag} <")), "era {} lacks {flag}", command.join(" "));
        }
    }
    // `era asset claim` names whose credits it pays with `--for`, leaving `--account` to the wallet.
    let help = crate::common::era_with(&[], &["asset", "claim", "--help"]).ok();
    assert!(help.contains("--for <ADDRESS>"), "{help}");
}
