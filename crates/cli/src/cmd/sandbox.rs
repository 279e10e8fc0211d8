//! `era sandbox run PLAN [--project DIR]`: a plan played against the whole suite on the
//! in-process revm harness (no node needed), its report written to a directory. A plan with
//! `[[contract]]` tables first compiles the scenario project (`--project`, else the plan's
//! `[project] root`) in process.

use std::{
    path::PathBuf,
    sync::{Arc, atomic::Ordering},
};

use clap::{Args, Subcommand};
use era_sandbox::{Options, Plan, Report};
use eyre::{Result, WrapErr};

use crate::output::{bar, print, progress};

/// The scenario sandbox.
#[derive(Debug, Args)]
pub(crate) struct SandboxArgs {
    #[command(subcommand)]
    command: SandboxCommand,
}

/// `era sandbox` subcommands.
#[derive(Debug, Subcommand)]
enum SandboxCommand {
    /// Play a plan (TOML, see sandbox/plans/) on revm and write its report.
    Run(RunArgs),
}

/// `era sandbox run`.
#[derive(Debug, Args)]
struct RunArgs {
    /// The plan, e.g. sandbox/plans/promotion.toml.
    plan: PathBuf,
    /// Where the report goes (report.json, charts, index.html) [default:
    /// deployments/sandbox/PLAN, PLAN being the plan file's stem].
    #[arg(long)]
    out: Option<PathBuf>,
    /// The scenario project (its foundry.toml) whose contracts the plan's [[contract]] tables
    /// deploy; wins over the plan's [project] root.
    #[arg(long, value_name = "DIR")]
    project: Option<PathBuf>,
    /// Print the report as JSON.
    #[arg(long)]
    json: bool,
}

impl SandboxArgs {
    pub(crate) async fn run(self) -> Result<()> {
        match self.command {
            SandboxCommand::Run(args) => args.run().await,
        }
    }
}

impl RunArgs {
    /// Checks the plan (nothing runs if it is bad), plays it, writes the report; Ctrl-C stops
    /// after the action under way and writes what was played so far.
    async fn run(self) -> Result<()> {
        let plan = Plan::load(&self.plan)?;
        // Compiled and checked before anything runs: a compile error is `FILE:LINE: message`.
        let started = std::time::Instant::now();
        let artifacts = era_sandbox::project::load(&plan, self.project.as_deref())
            .map_err(eyre::Report::msg)?;
        if !artifacts.0.is_empty() {
            progress(format_args!(
                "compiled the project's {} contracts in {:.1} s",
                artifacts.0.len(),
                started.elapsed().as_secs_f64()
            ));
        }
        let out = self.out.unwrap_or_else(|| PathBuf::from("deployments/sandbox").join(&plan.name));
        let options = Options {
            bar: Some(bar(self.json, 0, "{elapsed_precise} [{bar:40}] step {pos}/{len} {msg}")),
            artifacts,
            ..Options::default()
        };
        let stop = Arc::clone(&options.stop);
        // A second Ctrl-C while the report is written is ignored; the handler is installed once.
        ctrlc::set_handler(move || stop.store(true, Ordering::Relaxed))
            .wrap_err("installing the Ctrl-C handler")?;
        let report = era_sandbox::run(&plan, &options).await?;
        if let Some(bar) = &options.bar {
            bar.finish_and_clear();
        }
        // The one place a run's files are written (report.json, the charts, index.html).
        let written = era_sandbox::output::write(&report, &out)
            .wrap_err_with(|| format!("writing the report to {}", out.display()))?;
        if report.interrupted {
            progress("interrupted: the report covers the plan up to the stop");
        }
        let summary = Summary { report: &report, written };
        print(&summary, self.json)
    }
}

/// What `era sandbox run` prints: the report (JSON), or a few lines and where it was written.
#[derive(Debug, serde::Serialize)]
#[serde(transparent)]
struct Summary<'a> {
    report: &'a Report,
    #[serde(skip)]
    written: Vec<PathBuf>,
}

impl std::fmt::Display for Summary<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let r = self.report;
        let state = if r.interrupted { " (interrupted)" } else { "" };
        writeln!(f, "plan `{}`: {} s simulated in {} blocks{state}", r.plan, r.seconds, r.blocks)?;
        let actions: u64 = r.actions.values().sum();
        writeln!(f, "  actions  {actions}")?;
        for (name, count) in &r.reverts {
            writeln!(f, "  refused  {count} x {name}")?;
        }
        if let Some(last) = r.samples.last() {
            for (name, s) in &last.scenarios {
                let delay = s.delay_ms.map_or("unbounded".to_owned(), |d| format!("{d:.2} ms"));
                writeln!(
                    f,
                    "  {name:<14} {:<10} level {}  nodes {:>5}  delay {delay}",
                    s.domain, s.level, s.active_nodes
                )?;
            }
        }
        if let (Some(standard), Some(fast)) = era_sandbox::run::light::light_throughput(r) {
            writeln!(
                f,
                "  light    {standard} actions per block in standard mode, {fast} in async"
            )?;
        }
        for c in &r.contracts {
            match (&c.address, &c.error) {
                (Some(at), _) => {
                    writeln!(f, "  deployed {} ({}) at {at}, {} gas", c.name, c.artifact, c.gas)?
                }
                (None, error) => writeln!(
                    f,
                    "  refused  deploying {}: {}",
                    c.name,
                    error.as_deref().unwrap_or("?")
                )?,
            }
        }
        for c in &r.calls {
            let g = &c.gas;
            writeln!(
                f,
                "  call     {}.{}: {} ran, {} reverted, gas {}/{:.0}/{} (min/mean/max)",
                c.contract, c.function, c.ran, c.reverted, g.min, g.mean, g.max
            )?;
        }
        let files: Vec<String> = self.written.iter().map(|p| p.display().to_string()).collect();
        write!(f, "  written  {}", files.join(", "))
    }
}
