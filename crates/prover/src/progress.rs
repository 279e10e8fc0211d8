//! Progress of long steps (key setup, reading keys, proving, checking a ceremony), reported to a
//! [`Progress`] the caller implements (the `era` CLI draws a progress bar on stderr).

/// Receives the steps of long operations, in order; each `start` is followed by its `finish`.
pub trait Progress {
    /// A step starts, e.g. "synthesizing the circuit".
    fn start(&self, step: &str);
    /// The step started last is done.
    fn finish(&self);
}

/// Reports nothing.
#[derive(Clone, Copy, Debug, Default)]
pub struct Silent;

impl Progress for Silent {
    fn start(&self, _: &str) {}
    fn finish(&self) {}
}

/// Runs `f` as one step of `progress`.
pub fn step<T>(progress: &dyn Progress, name: &str, f: impl FnOnce() -> T) -> T {
    progress.start(name);
    let out = f();
    progress.finish();
    out
}
