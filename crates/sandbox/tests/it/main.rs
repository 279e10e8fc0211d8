//! The sandbox's integration tests: plans read and refused, and runs on the revm harness.

mod light;
mod plans;
mod project;
mod run;
mod settlements;
mod slasher;
