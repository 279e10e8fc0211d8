//! Where the suite's index is (`--database-url`): `era index` writes it, `era rewards compute`
//! reads it; and which deployment a database belongs to.

use std::path::Path;

use clap::Args;
use era_indexer::{Identity, Store};
use eyre::{Result, WrapErr as _};

use crate::record::Record;

/// Where the index is: `era index` writes it, `era rewards compute` reads it.
#[derive(Clone, Debug, Args)]
pub(crate) struct DatabaseArgs {
    /// sqlite://PATH or postgres://USER@HOST:PORT/DB [default: the SQLite file
    /// <deployments-dir>/<chainId>/index.sqlite]
    #[arg(long, env = "ERA_DATABASE_URL")]
    pub(crate) database_url: Option<String>,
}

impl DatabaseArgs {
    /// Opens the index of `chain_id` (records in `deployments_dir`); returns it with its URL fit
    /// to print (no password).
    pub(crate) async fn open(
        &self,
        deployments_dir: &Path,
        chain_id: u64,
    ) -> Result<(Store, String)> {
        let url = match &self.database_url {
            Some(url) => url.clone(),
            None => {
                let path = deployments_dir.join(chain_id.to_string());
                std::fs::create_dir_all(&path)
                    .wrap_err_with(|| format!("cannot create {}", path.display()))?;
                format!("sqlite://{}", path.join("index.sqlite").display())
            }
        };
        let database = redacted(&url);
        let store = Store::open(&url).await.wrap_err_with(|| format!("cannot open {database}"))?;
        Ok((store, database))
    }
}

/// The deployment an index belongs to: the chain and `<ERAStaking address>@<deploy block>`, not a
/// hash of every address, so a contract added to the record later keeps the same index
/// (docs/indexer.md).
pub(crate) fn identity(chain_id: u64, record: &Record) -> Identity {
    Identity {
        chain_id,
        deployment: format!("{}@{}", record.addresses().staking, record.deploy_block()),
    }
}

/// A database URL fit to print: without a password.
fn redacted(url: &str) -> String {
    match (url.split_once("://"), url.rfind('@')) {
        (Some((scheme, rest)), Some(_)) => match rest.split_once('@') {
            Some((user, host)) => {
                format!("{scheme}://{}@{host}", user.split(':').next().unwrap_or(user))
            }
            None => url.to_owned(),
        },
        _ => url.to_owned(),
    }
}
