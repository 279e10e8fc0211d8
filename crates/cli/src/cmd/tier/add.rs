//! `era tier add`: schedule a new tier.

use clap::Args;

/// `era tier add <name> --min-stake <ERA>`.
#[derive(Debug, Args)]
pub(super) struct AddArgs {
    #[command(flatten)]
    pub(super) change: super::TierChange,
}
