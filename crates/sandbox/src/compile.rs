//! A scenario project's own contracts, compiled in process with `foundry-compilers` and the
//! project's own solc, so a plan can deploy and call them beside the suite.
//!
//! What is read of the project's `foundry.toml` (its `[profile.default]`): `solc` (a path,
//! relative to the project: the sandbox never downloads a compiler), `src` (default `src`),
//! `libs` (default `lib`), `remappings` (only those written there: no remappings.txt),
//! `allow_paths`, `evm_version`, `optimizer`, `optimizer_runs`, `via_ir`. The files under `src/`
//! are compiled with what they import (not test/ nor script/: a template's tests import the
//! whole suite); only their contracts are artifacts.
//! Nothing is written to the project (no out/, no cache/: forge's stay forge's).
//!
//! A compile error is one line, `FILE:LINE: message`, the file relative to the project.

use std::{
    collections::BTreeMap,
    path::{Path, PathBuf},
    str::FromStr,
};

use alloy::{json_abi::JsonAbi, primitives::Bytes};
use foundry_compilers::{
    ConfigurableArtifacts, ProjectBuilder, ProjectPathsConfig,
    artifacts::{EvmVersion, Remapping, Settings, Severity},
    solc::{Solc, SolcCompiler, SolcSettings},
};
use serde::Deserialize;

/// A deployable contract of the project.
#[derive(Clone, Debug)]
pub struct Artifact {
    /// Its file, relative to the project.
    pub file: PathBuf,
    /// Its ABI.
    pub abi: JsonAbi,
    /// Its creation code (constructor arguments are appended).
    pub bytecode: Bytes,
}

/// The project's contracts by name; a name defined in two files maps to both (ambiguous).
#[derive(Clone, Debug, Default)]
pub struct Artifacts(pub BTreeMap<String, Vec<Artifact>>);

/// The parts of `foundry.toml` the sandbox uses.
#[derive(Debug, Default, Deserialize)]
struct Profile {
    solc: Option<String>,
    src: Option<String>,
    #[serde(default)]
    remappings: Vec<String>,
    #[serde(default)]
    allow_paths: Vec<String>,
    libs: Option<Vec<String>>,
    evm_version: Option<String>,
    optimizer: Option<bool>,
    optimizer_runs: Option<usize>,
    via_ir: Option<bool>,
}

#[derive(Debug, Deserialize)]
struct FoundryToml {
    #[serde(default)]
    profile: BTreeMap<String, Profile>,
}

/// Compiles the project at `root` (the directory of its `foundry.toml`). The error is one line.
pub fn compile(root: &Path) -> Result<Artifacts, String> {
    let root = root
        .canonicalize()
        .map_err(|e| format!("{}: cannot open the project: {e}", root.display()))?;
    let toml_path = root.join("foundry.toml");
    let text = std::fs::read_to_string(&toml_path)
        .map_err(|e| format!("{}: cannot read it: {e} (a Foundry project)", toml_path.display()))?;
    let mut config: FoundryToml = toml::from_str(&text)
        .map_err(|e| format!("{}: {}", toml_path.display(), e.message().trim()))?;
    let profile = config.profile.remove("default").unwrap_or_default();
    let Some(solc) = &profile.solc else {
        return Err(format!(
            "{}: [profile.default] names no `solc`: give the path of the project's solc (the sandbox downloads none)",
            toml_path.display()
        ));
    };
    let solc_path = absolute(&root, solc);
    let solc = Solc::new(&solc_path).map_err(|e| {
        format!("{}: solc `{}` does not run: {e}", toml_path.display(), solc_path.display())
    })?;
    let remappings = profile
        .remappings
        .iter()
        .map(|r| {
            let mut r = Remapping::from_str(r)
                .map_err(|e| format!("{}: remapping `{r}`: {e}", toml_path.display()))?;
            r.context = r.context.map(|c| dir_of(&root, &c));
            r.path = dir_of(&root, &r.path);
            Ok(r)
        })
        .collect::<Result<Vec<_>, String>>()?;
    let src = root.join(profile.src.as_deref().unwrap_or("src"));
    let paths = ProjectPathsConfig::builder()
        .root(&root)
        .sources(&src)
        .libs(profile.libs.as_deref().unwrap_or(&["lib".to_owned()]).iter().map(|l| root.join(l)))
        .remappings(remappings)
        .allowed_paths(profile.allow_paths.iter().map(|p| absolute(&root, p)))
        .build_with_root(&root);
    let mut settings = Settings::default();
    settings.optimizer.enabled = profile.optimizer;
    settings.optimizer.runs = profile.optimizer_runs;
    settings.via_ir = profile.via_ir;
    if let Some(v) = &profile.evm_version {
        let version = EvmVersion::from_str(v)
            .map_err(|e| format!("{}: evm_version `{v}`: {e}", toml_path.display()))?;
        settings.evm_version = Some(version);
    }
    let project = ProjectBuilder::<SolcCompiler>::new(ConfigurableArtifacts::default())
        .paths(paths)
        .settings(SolcSettings { settings, ..SolcSettings::default() })
        .ephemeral()
        .no_artifacts()
        .offline()
        .build(SolcCompiler::Specific(solc))
        .map_err(|e| format!("{}: {e}", root.display()))?;
    // src/ alone (with what it imports): tests and scripts would compile the whole suite.
    let sources = project.paths.read_sources().map_err(|e| format!("{}: {e}", src.display()))?;
    let output = project
        .compile_files(sources.keys().cloned().collect::<Vec<_>>())
        .map_err(|e| format!("{}: {}", root.display(), one_line(&e.to_string())))?;
    let output = output.output();
    if let Some(e) = output.errors.iter().find(|e| e.severity == Severity::Error) {
        return Err(located(&root, e));
    }
    let mut artifacts = Artifacts::default();
    for (file, name, contract) in output.contracts.contracts_with_files() {
        let file = Path::new(file);
        let full = if file.is_absolute() { file.to_path_buf() } else { root.join(file) };
        if !full.starts_with(&src) {
            continue; // imported: the suite's or a library's, not the project's
        }
        let (Some(abi), Some(evm)) = (&contract.abi, &contract.evm) else { continue };
        let Some(code) = evm.bytecode.as_ref().and_then(|b| b.object.as_bytes()) else {
            continue; // unlinked (uses an external library) or abstract: not deployable
        };
        if code.is_empty() {
            continue; // an interface or abstract contract
        }
        let file = full.strip_prefix(&root).unwrap_or(&full).to_path_buf();
        let artifact = Artifact { file, abi: abi.clone(), bytecode: code.clone() };
        artifacts.0.entry(name.clone()).or_default().push(artifact);
    }
    Ok(artifacts)
}

/// A compiler error as `FILE:LINE: message` (the file relative to the project).
fn located(root: &Path, e: &foundry_compilers::artifacts::Error) -> String {
    let message = one_line(&e.message);
    let Some(at) = &e.source_location else { return format!("{}: {message}", root.display()) };
    let file = Path::new(&at.file);
    let full = if file.is_absolute() { file.to_path_buf() } else { root.join(file) };
    let line = std::fs::read_to_string(&full).map_or(0, |text| {
        let end = usize::try_from(at.start).unwrap_or(0).min(text.len());
        text.as_bytes()[..end].iter().filter(|b| **b == b'\n').count() + 1
    });
    format!("{}:{line}: {message}", full.strip_prefix(root).unwrap_or(&full).display())
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `path` of the project's configuration made absolute (relative ones are to the project).
fn absolute(root: &Path, path: &str) -> PathBuf {
    let joined = root.join(path);
    joined.canonicalize().unwrap_or(joined)
}

/// A remapping's directory made absolute, keeping its trailing slash (solc matches prefixes).
fn dir_of(root: &Path, path: &str) -> String {
    let dir = absolute(root, path).display().to_string();
    if path.ends_with('/') && !dir.ends_with('/') { format!("{dir}/") } else { dir }
}
