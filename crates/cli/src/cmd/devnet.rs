//! `era devnet`: a local anvil from the project's own install.

use std::{
    net::TcpListener,
    path::PathBuf,
    process::{Command, Stdio},
    time::{Duration, Instant},
};

use clap::Args;
use eyre::{Result, WrapErr, bail};

use crate::{connect::RpcArgs, output::write_stdout};

/// Start anvil on a loopback port, or report the node already answering there.
#[derive(Debug, Args)]
pub(crate) struct DevnetArgs {
    /// Port to listen on (127.0.0.1).
    #[arg(long, default_value_t = 8545)]
    port: u16,
    /// The anvil binary; by default the project's `tools/bin/anvil`.
    #[arg(long)]
    anvil: Option<PathBuf>,
    /// Run in the background (log in `<port>.anvil.log` under the system temp dir) and return once
    /// it answers.
    #[arg(long)]
    detach: bool,
    /// Extra arguments passed to anvil as they are (after `--`).
    #[arg(last = true)]
    anvil_args: Vec<String>,
}

impl DevnetArgs {
    /// Starts anvil (in the foreground unless `--detach`).
    pub(crate) async fn run(self) -> Result<()> {
        let url = format!("http://127.0.0.1:{}", self.port);
        let rpc = RpcArgs { rpc_url: url.clone(), chain_id: None };
        if TcpListener::bind(("127.0.0.1", self.port)).is_err() {
            return match rpc.connect().await {
                Ok(chain) => write_stdout(&format!(
                    "a node is already running at {url} (chain {})",
                    chain.id
                )),
                Err(_) => bail!(
                    "port {} is taken by something that is not an Ethereum node: pick another with --port",
                    self.port
                ),
            };
        }
        let anvil = self.anvil.clone().map_or_else(find_anvil, Ok)?;
        let mut command = Command::new(&anvil);
        command
            .args(["--host", "127.0.0.1", "--port", &self.port.to_string()])
            .args(&self.anvil_args);
        if !self.detach {
            // Replace this process, so signals and the exit code are anvil's own.
            use std::os::unix::process::CommandExt;
            let err = command.exec();
            bail!("cannot run anvil at {}: {err}", anvil.display());
        }
        let log = std::env::temp_dir().join(format!("{}.anvil.log", self.port));
        let file = std::fs::File::create(&log)
            .wrap_err_with(|| format!("cannot create {}", log.display()))?;
        let child = command
            .stdout(file.try_clone()?)
            .stderr(file)
            .stdin(Stdio::null())
            .spawn()
            .wrap_err_with(|| format!("cannot run anvil at {}", anvil.display()))?;
        let started = Instant::now();
        loop {
            if let Ok(chain) = rpc.connect().await {
                return write_stdout(&format!(
                    "anvil running at {url} (chain {}, pid {}, log {})",
                    chain.id,
                    child.id(),
                    log.display()
                ));
            }
            if started.elapsed() > Duration::from_secs(20) {
                bail!("anvil did not answer at {url} within 20s: see {}", log.display());
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }
}

/// The project's anvil (`tools/bin/anvil`, which runs the npm-installed binary) in the current
/// directory or an ancestor, else `anvil` on PATH.
fn find_anvil() -> Result<PathBuf> {
    let cwd = std::env::current_dir()?;
    let local = cwd
        .ancestors()
        .filter(|dir| dir.join("node_modules/@foundry-rs/anvil").is_dir())
        .map(|dir| dir.join("tools/bin/anvil"));
    let path = std::env::var_os("PATH").unwrap_or_default();
    let on_path = std::env::split_paths(&path).map(|dir| dir.join("anvil"));
    // As before: only the nearest project counts, then PATH.
    local.take(1).chain(on_path).find(|p| p.exists()).ok_or_else(|| {
        eyre::eyre!(
            "anvil not found: run `npm install` in the project (or `make install`), or pass --anvil"
        )
    })
}
