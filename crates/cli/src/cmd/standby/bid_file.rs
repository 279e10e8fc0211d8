//! What `bid` keeps for `reveal`: `<deployments>/<chainId>/standby/round-<N>-<node>.json`
//! holding the ask and the salt (the salt is the only secret of a sealed bid).

use std::path::{Path, PathBuf};

use alloy::primitives::{Address, B256};
use eyre::{Result, WrapErr};
use serde::{Deserialize, Serialize};

/// A sealed bid's opening.
#[derive(Debug, Serialize, Deserialize)]
pub(super) struct Opening {
    pub(super) ask: u16,
    pub(super) salt: B256,
}

fn path(deployments: &Path, chain_id: u64, round: u64, node: Address) -> PathBuf {
    deployments
        .join(chain_id.to_string())
        .join("standby")
        .join(format!("round-{round}-{node}.json"))
}

impl Opening {
    /// Writes the opening of `node`'s bid in `round`.
    pub(super) fn save(
        &self,
        deployments: &Path,
        chain_id: u64,
        round: u64,
        node: Address,
    ) -> Result<()> {
        let path = path(deployments, chain_id, round, node);
        let dir = path.parent().expect("a directory");
        std::fs::create_dir_all(dir)
            .wrap_err_with(|| format!("cannot create {}", dir.display()))?;
        let json = serde_json::to_string_pretty(self)?;
        std::fs::write(&path, json).wrap_err_with(|| format!("cannot write {}", path.display()))
    }

    /// Reads the opening of `node`'s bid in `round`.
    pub(super) fn load(
        deployments: &Path,
        chain_id: u64,
        round: u64,
        node: Address,
    ) -> Result<Self> {
        let path = path(deployments, chain_id, round, node);
        let text = std::fs::read_to_string(&path).wrap_err_with(|| {
            format!(
                "no bid of {node} in round {round} at {}: bid with `era standby bid` first",
                path.display()
            )
        })?;
        serde_json::from_str(&text)
            .wrap_err_with(|| format!("{} is not a bid file", path.display()))
    }
}
