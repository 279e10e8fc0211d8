//! In-process revm harness for the ERA suite.
