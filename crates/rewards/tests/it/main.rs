//! era-rewards' tests: every rule with numbers checked by hand, determinism, the self-checks,
//! and an epoch computed from real suite transactions in the revm harness.

mod budgets;
mod checks;
mod common;
mod determinism;
mod edges;
mod harness;
mod nodes;
mod users;
