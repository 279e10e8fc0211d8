//! A run's report on disk: `report.json` (the [`Report`] itself, so the rest can be drawn again).
//! Branch report's version of this file (same function) adds the SVG charts and `index.html`;
//! on merge, take that one whole.

use std::{
    fs,
    path::{Path, PathBuf},
};

use crate::report::Report;

/// Writes the report's files into `dir` (created if missing) and returns their paths, JSON first.
pub fn write(report: &Report, dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    fs::create_dir_all(dir)?;
    let json = dir.join("report.json");
    fs::write(&json, serde_json::to_string_pretty(report)?)?;
    Ok(vec![json])
}
