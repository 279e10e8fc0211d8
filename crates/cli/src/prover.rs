//! The flags and the spinner that `era keys|prove|verify|verifier` and `era asset register` share
//! around era-prover: which schema and where its keys are, where snarkjs is, and era-prover's
//! progress steps drawn on stderr.

use std::path::PathBuf;

use clap::Args;
use era_prover::KeyDir;

/// What every `--schema` flag says it takes.
pub(crate) const SCHEMA_HELP: &str = "Schema: a built-in name (on-time, integrity, range; \
     integrity-share, timeliness, continuity: derivatives of integrity records) or the path to a \
     schema file (JSON, e.g. {\"name\": \"shipment-temperature\", \"entries\": 24, \"predicate\": \
     \"all_in_range\", \"lo\": 27515, \"hi\": 28115}); keys go to <keys-dir>/<schema name>";

/// `--schema`: a built-in schema's name or a schema file ([`era_prover::Schema::resolve`]).
pub(crate) fn schema(text: &str) -> Result<era_prover::Schema, String> {
    era_prover::Schema::resolve(text).map_err(|e| e.to_string())
}

/// Which schema and where its keys are.
#[derive(Debug, Args)]
pub(crate) struct KeyLocation {
    #[arg(long, value_parser = schema, help = SCHEMA_HELP)]
    pub(crate) schema: era_prover::Schema,
    /// Directory holding one sub-directory of keys per schema.
    #[arg(long, default_value = "keys")]
    pub(crate) keys_dir: PathBuf,
}

impl KeyLocation {
    /// The key directory.
    pub(crate) fn keys(&self) -> KeyDir {
        KeyDir::of(&self.keys_dir, self.schema.clone())
    }

    /// The checked proving key, and the private record at `path` read against its schema.
    pub(crate) fn proving_key_and_record(
        &self,
        path: &std::path::Path,
    ) -> eyre::Result<(era_prover::KeyInfo, era_prover::ProvingKey, era_prover::Record)> {
        use eyre::WrapErr as _;
        let (info, pk) = self.keys().proving_key()?;
        let text = std::fs::read_to_string(path)
            .wrap_err_with(|| format!("cannot read record {}", path.display()))?;
        let record = era_prover::Record::from_json(&text, &info.schema)
            .wrap_err_with(|| format!("record {}", path.display()))?;
        Ok((info, pk, record))
    }
}

/// Where snarkjs is.
#[derive(Debug, Args)]
pub(crate) struct SnarkjsArgs {
    /// snarkjs' CLI script, run with node (default: node_modules/snarkjs from `npm ci`).
    #[arg(long, value_name = "CLI_JS")]
    pub(crate) snarkjs: Option<PathBuf>,
}

/// era-prover's progress steps as a spinner with the elapsed time on stderr; hidden when stderr
/// is not a terminal or with --json. Drop it before printing.
pub(crate) struct Bar(Option<indicatif::ProgressBar>);

impl Bar {
    pub(crate) fn new(json: bool) -> Self {
        use std::io::IsTerminal as _;
        Self((!json && std::io::stderr().is_terminal()).then(|| {
            let bar = indicatif::ProgressBar::new_spinner();
            bar.set_style(
                indicatif::ProgressStyle::with_template("{spinner} {msg} [{elapsed}]")
                    .expect("a valid template"),
            );
            bar.enable_steady_tick(std::time::Duration::from_millis(100));
            bar
        }))
    }
}

impl era_prover::Progress for Bar {
    fn start(&self, step: &str) {
        if let Some(bar) = &self.0 {
            bar.reset_elapsed();
            bar.set_message(step.to_owned());
        }
    }

    fn finish(&self) {}
}

impl Drop for Bar {
    fn drop(&mut self) {
        if let Some(bar) = &self.0 {
            bar.finish_and_clear();
        }
    }
}
