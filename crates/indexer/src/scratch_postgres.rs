//! A throwaway PostgreSQL server for tests and benchmarks: `initdb` into a temporary directory,
//! `pg_ctl start` on a free loopback port (its socket in that directory too), one database, and
//! `pg_ctl stop` when dropped.
//!
//! The server binaries are found through `pg_config --bindir`, else under
//! `/usr/lib/postgresql/*/bin` (Debian keeps them off PATH); `make install` installs them.
//! PostgreSQL refuses to run as root: as root (CI, these machines), the directory is given to the
//! `postgres` user the package creates and the server runs as that user through `runuser`.

use std::{
    net::TcpListener,
    path::{Path, PathBuf},
    process::Command,
};

/// A running server, stopped and deleted on drop.
#[derive(Debug)]
pub struct ScratchPostgres {
    bin: PathBuf,
    dir: tempfile::TempDir,
    as_root: bool,
    port: u16,
}

/// Why a scratch server could not start: one line with what to do.
#[derive(Debug, thiserror::Error)]
#[error("cannot start a scratch PostgreSQL: {0}")]
pub struct StartError(String);

fn fail(what: impl std::fmt::Display) -> StartError {
    StartError(what.to_string())
}

/// The directory of `initdb` and `pg_ctl`.
pub fn bin_dir() -> Option<PathBuf> {
    let from_config = Command::new("pg_config")
        .arg("--bindir")
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| PathBuf::from(String::from_utf8_lossy(&o.stdout).trim()));
    let installed = || {
        let mut dirs: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
            .ok()?
            .filter_map(|e| e.ok().map(|e| e.path().join("bin")))
            .collect();
        dirs.sort();
        dirs.pop()
    };
    from_config.or_else(installed).filter(|dir| dir.join("initdb").is_file())
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

impl ScratchPostgres {
    /// Starts a server with a database `era`.
    pub fn start() -> Result<Self, StartError> {
        let bin = bin_dir().ok_or_else(|| {
            fail("no initdb under `pg_config --bindir` or /usr/lib/postgresql: run `make install`")
        })?;
        let dir = tempfile::Builder::new().prefix("era-pg").tempdir().map_err(fail)?;
        let as_root = is_root();
        if as_root {
            run(Command::new("chown").arg("postgres:").arg(dir.path()))?;
        }
        let port =
            TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).map_err(fail)?.port();
        let server = Self { bin, dir, as_root, port };
        let data = server.dir.path().join("data");
        server
            .run_pg("initdb", &["-D", path(&data), "-A", "trust", "-U", "postgres", "--no-sync"])?;
        // fsync off: a scratch server's data dies with it.
        let options = format!(
            "-p {port} -k {} -c listen_addresses=127.0.0.1 -c fsync=off",
            server.dir.path().display()
        );
        let log = server.dir.path().join("log");
        server.run_pg(
            "pg_ctl",
            &["-D", path(&data), "-o", &options, "-l", path(&log), "-w", "start"],
        )?;
        let port = port.to_string();
        server.run_pg("createdb", &["-h", "127.0.0.1", "-p", &port, "-U", "postgres", "era"])?;
        Ok(server)
    }

    /// `postgres://` URL of its database.
    pub fn url(&self) -> String {
        format!("postgres://postgres@127.0.0.1:{}/era", self.port)
    }

    fn run_pg(&self, program: &str, args: &[&str]) -> Result<(), StartError> {
        let program = self.bin.join(program);
        let mut command = if self.as_root {
            let mut c = Command::new("runuser");
            c.args(["-u", "postgres", "--"]).arg(program);
            c
        } else {
            Command::new(program)
        };
        run(command.args(args))
    }
}

fn path(p: &Path) -> &str {
    p.to_str().expect("temporary paths are UTF-8")
}

fn run(command: &mut Command) -> Result<(), StartError> {
    let out = command.output().map_err(|e| fail(format!("{command:?}: {e}")))?;
    if out.status.success() {
        Ok(())
    } else {
        let err = String::from_utf8_lossy(&out.stderr);
        Err(fail(format!("{command:?} failed: {}", err.trim().replace('\n', " "))))
    }
}

impl Drop for ScratchPostgres {
    fn drop(&mut self) {
        let data = self.dir.path().join("data");
        let _ = self.run_pg("pg_ctl", &["-D", path(&data), "-m", "immediate", "-w", "stop"]);
    }
}
