//! `era asset schema`: schedule a schema (a circuit's verifier for a scenario, its coefficient
//! and fee) on the timelock.

use alloy::primitives::{Address, U256};
use clap::Args;
use era_client::{
    assets::{NewSchema, parse_coefficient},
    units::parse_era,
};
use eyre::Result;

use crate::{output::print, suite::SendArgs};

/// `era asset schema`.
#[derive(Debug, Args)]
pub(super) struct SchemaArgs {
    /// The circuit's deployed verifier (`era verifier deploy`).
    #[arg(value_parser = crate::address::parse, long)]
    verifier: Address,
    /// The scenario: a bytes32 or a name (its keccak256).
    #[arg(long)]
    scenario: String,
    /// The scenario developer, paid 0.01 ERA per authorization.
    #[arg(value_parser = crate::address::parse, long)]
    developer: Address,
    /// Value coefficient of a new asset, e.g. 1.5.
    #[arg(long, value_parser = parse_coefficient)]
    coefficient: u32,
    /// Bound the coefficient approaches with use (at most 3.0); default: the coefficient + 1.0.
    #[arg(long, value_parser = parse_coefficient)]
    max_coefficient: Option<u32>,
    /// Authorization fee in ERA (at least 0.51).
    #[arg(long, value_parser = parse_era)]
    fee: U256,
    #[command(flatten)]
    tx: SendArgs,
}

impl SchemaArgs {
    pub(super) async fn run(self) -> Result<()> {
        let (suite, sender) = self.tx.open().await?;
        let schema = NewSchema {
            verifier: self.verifier,
            scenario: self.scenario,
            developer: self.developer,
            coefficient: self.coefficient,
            max_coefficient: self.max_coefficient,
            fee: self.fee,
        };
        let from = suite.record.deploy_block();
        print(&suite.client().schedule_schema(sender, &schema, from).await?, self.tx.json)
    }
}
