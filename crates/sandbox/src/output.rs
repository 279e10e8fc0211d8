//! A run's report on disk: `report.json` (the [`Report`] itself, so the rest can be drawn again),
//! one SVG per chart (`<chart>.svg`) and `index.html` showing them all.

use std::fs;
use std::path::{Path, PathBuf};

use crate::report::Report;
use crate::{charts, html};

/// Writes the report's files into `dir` (created if missing) and returns their paths, JSON first,
/// the page last.
pub fn write(report: &Report, dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    fs::create_dir_all(dir)?;
    let charts = charts::all(report);
    let mut files = vec![(dir.join("report.json"), serde_json::to_string_pretty(report)?)];
    files.extend(charts.iter().map(|c| (dir.join(format!("{}.svg", c.name)), c.svg.clone())));
    files.push((dir.join("index.html"), html::page_with(report, &charts)));
    files.into_iter().map(|(path, text)| fs::write(&path, text).map(|()| path)).collect()
}
