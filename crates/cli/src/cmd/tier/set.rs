//! `era tier set`: schedule a new minimum stake for an existing tier.

use clap::Args;

/// `era tier set <name> --min-stake <ERA>`.
#[derive(Debug, Args)]
pub(super) struct SetArgs {
    #[command(flatten)]
    pub(super) change: super::TierChange,
}
