//! `era asset pay`: as a consumer, pay the fee of an authorization the owner consented to.

use std::path::PathBuf;

use clap::Args;
use era_client::assets::Consent;
use eyre::Result;

use super::read_json;
use crate::{output::print, suite::SendArgs};

/// `era asset pay`.
#[derive(Debug, Args)]
pub(super) struct PayArgs {
    /// The owner's consent (`era asset consent`).
    #[arg(long)]
    consent: PathBuf,
    #[command(flatten)]
    tx: SendArgs,
}

impl PayArgs {
    pub(super) async fn run(self) -> Result<()> {
        let consent: Consent = read_json(&self.consent, "consent ", super::CONSENT_FILE)?;
        let (suite, payer) = self.tx.open().await?;
        print(&suite.client().pay(payer, &consent).await?, self.tx.json)
    }
}
