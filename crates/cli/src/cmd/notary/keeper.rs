//! `era notary keeper`: anchors a directory's entries whenever some have reached their quorum, one
//! batch per scenario, until Ctrl-C (which lets the batch under way finish).

use std::{
    collections::{BTreeMap, HashMap},
    path::PathBuf,
    sync::{
        Arc,
        atomic::{AtomicBool, Ordering},
    },
    time::Duration,
};

use clap::Args;
use era_client::units::parse_duration;
use eyre::{Result, WrapErr};

use super::files;
use crate::{
    output::{print, progress},
    suite::SendArgs,
};

/// `era notary keeper`.
#[derive(Debug, Args)]
pub(super) struct KeeperArgs {
    /// The directory of entry files (nodes sign into it; anchored entries get their proof).
    dir: PathBuf,
    /// How often to look for entries ready to anchor.
    #[arg(long, value_parser = parse_duration, default_value = "10s")]
    interval: u64,
    /// Anchor what is ready once and exit.
    #[arg(long)]
    once: bool,
    #[command(flatten)]
    tx: SendArgs,
}

impl KeeperArgs {
    pub(super) async fn run(self) -> Result<()> {
        let (suite, keeper) = self.tx.open().await?;
        let client = suite.client();
        let stop = Arc::new(AtomicBool::new(false));
        let flag = Arc::clone(&stop);
        ctrlc::set_handler(move || flag.store(true, Ordering::Relaxed))
            .wrap_err("installing the Ctrl-C handler")?;
        progress(format!(
            "keeper {keeper} watching {} every {}s",
            self.dir.display(),
            self.interval
        ));
        // The last reason each entry waits for, so that each reason is said once.
        let mut said: HashMap<PathBuf, String> = HashMap::new();
        while !stop.load(Ordering::Relaxed) {
            let mut ready: BTreeMap<_, (Vec<_>, Vec<_>)> = BTreeMap::new();
            for (path, file) in files::pending(&self.dir)? {
                match client.entry_waiting(&file).await? {
                    Some(why) => {
                        if said.get(&path) != Some(&why) {
                            progress(format!("waiting: {}: {why}", path.display()));
                            said.insert(path, why);
                        }
                    }
                    None => {
                        let (paths, batch) = ready.entry(file.entry.scenario_id).or_default();
                        paths.push(path);
                        batch.push(file);
                    }
                }
            }
            for (id, (paths, mut batch)) in ready {
                // A batch the engine refuses now (e.g. the scenario left notarized mode while
                // escalated) is said and tried again at the next look; the keeper keeps going.
                let anchored = match client.anchor_batch(&mut batch).await {
                    Ok(anchored) => anchored,
                    Err(e) => {
                        progress(format!(
                            "not anchored: {} entries of scenario {id}: {e}",
                            paths.len()
                        ));
                        continue;
                    }
                };
                for (path, file) in paths.iter().zip(&batch) {
                    files::write(path, file)?;
                    said.remove(path);
                }
                print(&anchored, self.tx.json)?;
            }
            if self.once {
                break;
            }
            for _ in 0..self.interval * 10 {
                if stop.load(Ordering::Relaxed) {
                    break;
                }
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
        }
        progress("keeper stopped");
        Ok(())
    }
}
