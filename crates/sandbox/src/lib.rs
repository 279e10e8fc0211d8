//! The ERA scenario sandbox: a described load (a plan) run against the whole deployed suite on
//! the in-process revm harness, through the same typed `era-client` calls the CLI makes, with a
//! verification-delay model for what revm cannot measure, and a report (JSON, charts, an HTML
//! page) of how the suite behaved over time.

pub mod charts;
pub mod html;
pub mod output;
pub mod report;

pub use report::{Report, Sample, ScenarioSample};
