//! How commands print: text for people, JSON (`--json`) for scripts, in one style everywhere:
//! camelCase keys, amounts as decimal strings of wei, `bytes32` ids as 0x-padded 32-byte hex,
//! addresses as lowercase 0x hex as JSON-RPC writes them (the types of `era-client` serialize that
//! way; the human text checksums them).
//!
//! A closed stdout (`era … | head`) is not an error: the command still finishes what it started
//! (a transaction that landed stays landed) and exits 0, with nothing more printed.

use std::{
    fmt,
    io::{ErrorKind, Write},
};

use eyre::Result;
use serde::Serialize;

/// Prints `out` as pretty JSON or as its `Display` text.
pub(crate) fn print<T: Serialize + fmt::Display>(out: &T, json: bool) -> Result<()> {
    let text = if json { serde_json::to_string_pretty(out)? } else { out.to_string() };
    write_stdout(&text)
}

/// Writes one block of text and a newline to stdout; a reader that went away is ignored.
pub(crate) fn write_stdout(text: &str) -> Result<()> {
    let mut stdout = std::io::stdout().lock();
    match writeln!(stdout, "{text}").and_then(|()| stdout.flush()) {
        Err(e) if e.kind() == ErrorKind::BrokenPipe => Ok(()),
        other => Ok(other?),
    }
}

/// Progress of long work, on stderr so that stdout stays clean for `--json`.
pub(crate) fn progress(line: impl fmt::Display) {
    let _ = writeln!(std::io::stderr(), "{line}");
}

/// A progress bar of `len` steps drawn on stderr with `template` (indicatif's syntax); hidden with
/// `--json` or when stderr is not a terminal, so scripts and logs get no control characters.
pub(crate) fn bar(json: bool, len: u64, template: &str) -> indicatif::ProgressBar {
    use std::io::IsTerminal as _;
    if json || !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let style = indicatif::ProgressStyle::with_template(template).expect("a valid template");
    indicatif::ProgressBar::new(len).with_style(style)
}

/// A command whose answer is its exit code: it printed its output and exits with this code,
/// with no error line.
#[derive(Debug, thiserror::Error)]
#[error("exit {0}")]
pub(crate) struct Quiet(pub(crate) u8);
