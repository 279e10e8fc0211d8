//! How commands print: text for people, JSON (`--json`) for scripts.

use std::fmt;

use eyre::Result;
use serde::Serialize;

/// Prints `out` as pretty JSON or as its `Display` text.
pub(crate) fn print<T: Serialize + fmt::Display>(out: &T, json: bool) -> Result<()> {
    if json {
        println!("{}", serde_json::to_string_pretty(out)?);
    } else {
        println!("{out}");
    }
    Ok(())
}

/// Progress of long work, on stderr so that stdout stays clean for `--json`.
pub(crate) fn progress(line: impl fmt::Display) {
    eprintln!("{line}");
}
