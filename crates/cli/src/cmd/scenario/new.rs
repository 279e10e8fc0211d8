//! `era scenario new`: a scenario project from one of the suite's templates.
//!
//! The templates are real Foundry projects in the suite's `templates/<template>/`, tested in place
//! (their paths to the suite are the relative `../..`). A new project is a copy of one, minus what
//! its `.gitignore` lists (build output), with two edits: in `foundry.toml` and `Makefile` (the
//! only files that name the suite) `../../deployments` becomes the absolute path of the deployment
//! records this command reads (`--deployments-dir`, env `ERA_DEPLOYMENTS`) and every other `../..`
//! the suite's absolute path; and `scenario.toml` gets the scenario's name and, with `--rpc-url`,
//! the chain the suite was found on. Every check runs
//! before anything is written, and the copy is made in a scratch directory beside the target and
//! renamed into place, so a refused or failed run leaves nothing behind.

use std::{
    fmt,
    path::{Path, PathBuf},
};

use clap::{Args, ValueEnum};
use era_client::SuiteContract;
use eyre::{Result, WrapErr as _, bail};
use serde::Serialize;

use crate::{
    connect::RpcArgs,
    output::{print, progress},
    record::RecordArgs,
};

/// The files that name the suite's root (as `../..` in the templates).
const SUITE_PATH_FILES: [&str; 2] = ["foundry.toml", "Makefile"];

/// The longest scenario name: the registry keeps names as `bytes32`.
const MAX_NAME_BYTES: usize = 32;

/// `era scenario new`.
#[derive(Debug, Args)]
pub(super) struct NewArgs {
    /// The scenario's name, also the project's: a letter, then letters, digits, `-` or `_`
    /// (at most 32 bytes).
    name: String,
    /// What the scenario is: finance (compliance plugin, atomic settlement), enterprise (private
    /// fields proven with zero knowledge, notarized) or light (clones from the suite's factory).
    #[arg(long, value_enum)]
    template: Template,
    /// Where to write the project (default: ./<name>); it must not exist or be empty.
    #[arg(long)]
    dir: Option<PathBuf>,
    /// The suite checkout the project builds against: its templates, contracts, npm packages and
    /// tools (default: the current directory).
    #[arg(long, env = "ERA_SUITE", default_value = ".")]
    suite: PathBuf,
    /// Check that the suite is deployed on this chain first, and pin the project to it.
    #[arg(long)]
    rpc_url: Option<String>,
    #[command(flatten)]
    records: RecordArgs,
    /// Print JSON.
    #[arg(long)]
    json: bool,
}

/// The templates.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum, Serialize)]
#[serde(rename_all = "camelCase")]
enum Template {
    Finance,
    Enterprise,
    Light,
}

impl Template {
    fn dir_name(self) -> &'static str {
        match self {
            Self::Finance => "finance",
            Self::Enterprise => "enterprise",
            Self::Light => "light",
        }
    }
}

/// What was written.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct Created {
    name: String,
    template: Template,
    dir: PathBuf,
    suite: PathBuf,
    chain_id: Option<u64>,
    files: usize,
}

impl fmt::Display for Created {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let dir = self.dir.display();
        writeln!(f, "created {dir}: the {} scenario `{}`", self.template.dir_name(), self.name)?;
        writeln!(f, "  {} files, built against the suite at {}", self.files, self.suite.display())?;
        if let Some(chain) = self.chain_id {
            writeln!(f, "  pinned to chain {chain}, where the suite is deployed")?;
        }
        write!(f, "  next: cd {dir} && make test   (then make deploy, make sandbox; see README.md)")
    }
}

impl NewArgs {
    pub(super) async fn run(self) -> Result<()> {
        check_name(&self.name)?;
        let suite = suite_root(&self.suite)?;
        let template = suite.join("templates").join(self.template.dir_name());
        if !template.join("foundry.toml").is_file() {
            bail!("{} has no template `{}`", suite.display(), self.template.dir_name());
        }
        let dir = self.dir.clone().unwrap_or_else(|| PathBuf::from(&self.name));
        check_target(&dir)?;
        let chain_id = match &self.rpc_url {
            Some(url) => Some(self.check_deployed(url).await?),
            None => None,
        };
        let records = std::path::absolute(&self.records.deployments_dir)?;
        let roots = Roots { suite: &suite, records: &records };
        let files = write_project(&template, &dir, &roots, &self.name, chain_id)?;
        let dir = dir.canonicalize().unwrap_or(dir);
        let created =
            Created { name: self.name, template: self.template, dir, suite, chain_id, files };
        print(&created, self.json)
    }

    /// The chain id behind `url`, once its deployment record is complete and its registry and
    /// factory have code.
    async fn check_deployed(&self, url: &str) -> Result<u64> {
        use alloy::providers::Provider as _;
        let rpc = RpcArgs { rpc_url: url.to_owned(), chain_id: None };
        let chain = rpc.connect().await?;
        let record = self.records.load(chain.id)?;
        let addresses = record.addresses();
        for contract in [SuiteContract::ScenarioRegistry, SuiteContract::ScenarioFactory] {
            let at = addresses.get(contract);
            if chain.provider.get_code_at(at).await?.is_empty() {
                bail!(
                    "the suite is not deployed on chain {}: {} has no code at {at} (run `era deploy` on it first)",
                    chain.id,
                    contract.name()
                );
            }
        }
        Ok(chain.id)
    }
}

/// A name the registry and a directory both take.
fn check_name(name: &str) -> Result<()> {
    let mut chars = name.chars();
    let starts = chars.next().is_some_and(|c| c.is_ascii_alphabetic());
    let rest = chars.all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if !(starts && rest) || name.len() > MAX_NAME_BYTES {
        bail!(
            "`{name}` is not a scenario name: use a letter, then letters, digits, `-` or `_`, at most {MAX_NAME_BYTES} bytes"
        );
    }
    Ok(())
}

/// The suite's absolute root, once it has templates and its npm install.
fn suite_root(suite: &Path) -> Result<PathBuf> {
    let root = suite.canonicalize().ok().filter(|r| r.join("templates").is_dir()).ok_or_else(|| {
        eyre::eyre!(
            "{} is not an ERA suite checkout (no templates/): run from the suite's root or pass --suite DIR",
            suite.display()
        )
    })?;
    if !root.join("node_modules/@openzeppelin/contracts").is_dir() {
        bail!(
            "the suite at {} has no npm packages: run `npm install` (or `make install`) there first",
            root.display()
        );
    }
    Ok(root)
}

/// A target that does not exist, or is an empty directory.
fn check_target(dir: &Path) -> Result<()> {
    if !dir.exists() {
        return Ok(());
    }
    let empty = dir.is_dir()
        && dir
            .read_dir()
            .wrap_err_with(|| format!("cannot read {}", dir.display()))?
            .next()
            .is_none();
    if !empty {
        bail!("{} exists and is not empty: choose another --dir or remove it", dir.display());
    }
    Ok(())
}

/// Where the suite and its deployment records are, as a project names them.
struct Roots<'a> {
    suite: &'a Path,
    records: &'a Path,
}

/// Copies `template` into `dir` with the project's edits; returns how many files it wrote.
fn write_project(
    template: &Path,
    dir: &Path,
    roots: &Roots<'_>,
    name: &str,
    chain_id: Option<u64>,
) -> Result<usize> {
    let parent = match dir.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&parent)
        .wrap_err_with(|| format!("cannot create {}", parent.display()))?;
    let scratch = tempfile::Builder::new()
        .prefix(".era-scenario-new-")
        .tempdir_in(&parent)
        .wrap_err_with(|| format!("cannot write in {}", parent.display()))?;
    let mut files = 0;
    // The template's .gitignore says what is build output (out/, cache/, reports): not copied.
    for entry in ignore::WalkBuilder::new(template).hidden(false).require_git(false).build() {
        let entry = entry?;
        let relative = entry.path().strip_prefix(template)?;
        let to = scratch.path().join(relative);
        if entry.file_type().is_some_and(|t| t.is_dir()) {
            std::fs::create_dir_all(&to)?;
            continue;
        }
        let text = std::fs::read(entry.path())?;
        let text = match relative.to_str() {
            Some(f) if SUITE_PATH_FILES.contains(&f) => with_suite_paths(&text, roots)?,
            Some("scenario.toml") => scenario_toml(&text, name, chain_id)?,
            _ => text,
        };
        std::fs::write(&to, text)?;
        files += 1;
    }
    if dir.exists() {
        std::fs::remove_dir(dir)?; // empty, checked above
    }
    let scratch = scratch.keep();
    std::fs::rename(&scratch, dir).wrap_err_with(|| format!("cannot create {}", dir.display()))?;
    progress(format_args!("wrote {files} files from {}", template.display()));
    Ok(files)
}

/// A file naming the suite as `../..` and its records as `../../deployments`, naming both by
/// their absolute paths.
fn with_suite_paths(text: &[u8], roots: &Roots<'_>) -> Result<Vec<u8>> {
    let text = std::str::from_utf8(text)?;
    let utf8 = |p: &Path| {
        p.to_str().map(str::to_owned).ok_or_else(|| eyre::eyre!("{} is not UTF-8", p.display()))
    };
    let (suite, records) = (utf8(roots.suite)?, utf8(roots.records)?);
    Ok(text.replace("../../deployments", &records).replace("../..", &suite).into_bytes())
}

/// `scenario.toml` with the project's name (and chain), its comments kept.
fn scenario_toml(text: &[u8], name: &str, chain_id: Option<u64>) -> Result<Vec<u8>> {
    let mut doc: toml_edit::DocumentMut = std::str::from_utf8(text)?.parse()?;
    set(&mut doc, "name", name.into());
    if let Some(chain) = chain_id {
        set(&mut doc, "chain_id", i64::try_from(chain)?.into());
    }
    Ok(doc.to_string().into_bytes())
}

/// Sets `key` to `value`, keeping the comment after the old value.
fn set(doc: &mut toml_edit::DocumentMut, key: &str, mut value: toml_edit::Value) {
    if let Some(old) = doc.get(key).and_then(toml_edit::Item::as_value) {
        *value.decor_mut() = old.decor().clone();
    }
    doc[key] = toml_edit::Item::Value(value);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_identifiers_that_fit_a_bytes32() {
        for good in ["notary", "a", "cold-chain_2", &"x".repeat(32)] {
            assert!(check_name(good).is_ok(), "{good}");
        }
        for bad in ["", "1abc", "-x", "has space", "dot.ted", "ünï", "../up", &"x".repeat(33)] {
            let err = check_name(bad).unwrap_err().to_string();
            assert!(err.contains("is not a scenario name"), "{bad}: {err}");
        }
    }

    #[test]
    fn the_suite_paths_replace_only_the_relative_root() {
        let text = b"solc = \"../../tools/solc\"\nallow_paths = [\"../..\"]\nsrc = \"src\"\nread = \"../../deployments\"\n";
        let roots = Roots { suite: Path::new("/opt/era"), records: Path::new("/var/records") };
        let out = with_suite_paths(text, &roots).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "solc = \"/opt/era/tools/solc\"\nallow_paths = [\"/opt/era\"]\nsrc = \"src\"\nread = \"/var/records\"\n"
        );
    }

    #[test]
    fn scenario_toml_keeps_its_comments() {
        let text = b"# what is registered\nname = \"light\"   # rewritten\ndomain = \"light\"\n";
        let out = String::from_utf8(scenario_toml(text, "arcade", Some(31337)).unwrap()).unwrap();
        assert!(out.starts_with("# what is registered\nname = \"arcade\""), "{out}");
        assert!(out.contains("# rewritten"), "{out}");
        assert!(out.contains("domain = \"light\"") && out.contains("chain_id = 31337"), "{out}");
    }

    #[test]
    fn a_non_empty_target_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        assert!(check_target(dir.path()).is_ok(), "empty");
        assert!(check_target(&dir.path().join("absent")).is_ok(), "absent");
        std::fs::write(dir.path().join("x"), "").unwrap();
        let err = check_target(dir.path()).unwrap_err().to_string();
        assert!(err.contains("exists and is not empty"), "{err}");
    }
}
