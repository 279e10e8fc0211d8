//! Atomic multi-leg settlements (finance): build, sign and send a settlement.
