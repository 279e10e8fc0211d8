//! `era asset schema`: schedule a schema (a circuit's verifier for a scenario, its coefficient and fee) on the timelock.

use super::*;

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
        let max = self
            .max_coefficient
            .unwrap_or((self.coefficient + COEFFICIENT_ONE).min(MAX_COEFFICIENT));
        if max < self.coefficient {
            bail!("--max-coefficient is below --coefficient: the coefficient only rises with use");
        }
        let minimum = MAX_OWNER_REWARD + DEVELOPER_REWARD;
        if self.fee < minimum {
            bail!(
                "--fee {} cannot pay the owner's {} and the developer's {}: at least {}",
                fmt_era(self.fee),
                fmt_era(MAX_OWNER_REWARD),
                fmt_era(DEVELOPER_REWARD),
                fmt_era(minimum)
            );
        }
        let Ok(fee) = u128::try_from(self.fee) else { bail!("--fee is too large") };
        let (suite, sender) = self.tx.open().await?;
        if suite.chain.provider.get_code_at(self.verifier).await?.is_empty() {
            bail!(
                "--verifier {} has no contract on chain {}: deploy it with `era verifier deploy`",
                self.verifier,
                suite.chain.id
            );
        }
        let circuit = IVerifierKey::new(self.verifier, &suite.chain.provider)
            .SCHEMA_ID()
            .call()
            .await
            .map_err(|_| {
                eyre!(
                    "--verifier {} is not a generated Groth16 verifier (no SCHEMA_ID)",
                    self.verifier
                )
            })?;
        let scenario = scenario_id(&self.scenario);
        let call = StateAssetRegistry::setSchemaCall {
            verifier: self.verifier,
            scenario,
            developer: self.developer,
            baseCoefficient: self.coefficient,
            maxCoefficient: max,
            fee: alloy::primitives::Uint::<96, 2>::from(fee),
        };
        let target = suite.record.addresses().assets;
        let (operation, tx) = propose(&suite, sender, vec![(target, calldata(&call))]).await?;
        let out = ScheduledOutput {
            what: format!(
                "schema for scenario `{}`: coefficient {} (max {}), fee {}",
                self.scenario,
                fmt_coefficient(self.coefficient),
                fmt_coefficient(max),
                fmt_era(self.fee)
            ),
            schema_id: Some(schema_id(circuit, scenario)),
            operation,
            tx,
        };
        print(&out, self.tx.json)
    }
}
