//! `era`: deploy and operate the ERA suite.
fn main() {}
