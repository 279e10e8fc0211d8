//! Writing a report out: the one place that decides which files a run leaves in its directory.

use std::{io, path::Path};

use crate::Report;

/// Writes `report` into `dir` (created if missing): `report.json`, and the files drawn from it.
/// Returns the paths written.
pub fn write(report: &Report, dir: &Path) -> io::Result<Vec<std::path::PathBuf>> {
    std::fs::create_dir_all(dir)?;
    let json = dir.join("report.json");
    let text = serde_json::to_string_pretty(report).map_err(io::Error::other)?;
    std::fs::write(&json, text + "\n")?;
    let written = vec![json];
    // Charts and the HTML page (branch report: `charts.rs`, `html.rs`) are written here, from
    // `report` alone, e.g. `std::fs::write(dir.join("index.html"), crate::html::page(report))`.
    Ok(written)
}
