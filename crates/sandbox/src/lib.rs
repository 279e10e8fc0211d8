//! The ERA scenario sandbox: a described load (a plan) run against the whole deployed suite on
//! the in-process revm harness, through the same typed `era-client` calls the CLI makes, with a
//! verification-delay model for what revm cannot measure, and a report (JSON, charts, an HTML
//! page) of how the suite behaved over time.
//!
//! [`Plan::load`] reads and checks a plan (a problem is one `FILE:LINE: problem` line),
//! [`run()`] plays it and returns the [`Report`], [`output::write`] puts the report in a directory.

pub mod accounts;
pub mod assets;
pub mod charts;
pub mod compile;
pub mod html;
pub mod model;
pub mod output;
pub mod plan;
pub mod project;
pub mod report;
pub mod run;
pub mod sender;
pub mod slash;

pub use plan::{Plan, PlanError};
pub use report::{LightSample, Report, Sample, ScenarioSample};
pub use run::{Options, RunError, run};
