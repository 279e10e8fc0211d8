//! Harness vs anvil benchmark (being written).

fn main() {}
