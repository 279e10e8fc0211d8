//! `era asset register`: prove a private record and register it as an asset, escrowing the anchor stake.

use super::*;

/// `era asset register`.
#[derive(Debug, Args)]
pub(super) struct RegisterArgs {
    #[command(flatten)]
    location: KeyLocation,
    /// The scenario: a bytes32 or a name (its keccak256).
    #[arg(long)]
    scenario: String,
    /// The private record (JSON; see `era prove`). It never leaves this machine.
    #[arg(long)]
    record: PathBuf,
    #[command(flatten)]
    tx: SendArgs,
}

/// A registered asset.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct RegisterOutput {
    asset_id: B256,
    owner: Address,
    schema_id: B256,
    commitment: U256,
    #[serde(serialize_with = "era_client::wei::serialize")]
    stake: U256,
    coefficient: u32,
    transactions: Vec<Sent>,
}

impl fmt::Display for RegisterOutput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "registered asset {}", self.asset_id)?;
        writeln!(f, "  owner        {}", self.owner)?;
        writeln!(f, "  schema       {}", self.schema_id)?;
        writeln!(f, "  commitment   {:#066x}", self.commitment)?;
        writeln!(f, "  stake        {} escrowed", fmt_era(self.stake))?;
        write!(f, "  coefficient  {}", fmt_coefficient(self.coefficient))?;
        for tx in &self.transactions {
            write!(f, "\n  {tx}")?;
        }
        Ok(())
    }
}

impl RegisterArgs {
    pub(super) async fn run(self) -> Result<()> {
        let (info, pk) = self.location.proving_key()?;
        let text = std::fs::read_to_string(&self.record)
            .wrap_err_with(|| format!("cannot read record {}", self.record.display()))?;
        let record = Record::from_json(&text, &info.schema)
            .wrap_err_with(|| format!("record {}", self.record.display()))?;
        if let Err(why) = info.schema.check(&record) {
            bail!("the record does not satisfy the schema's predicate: {why}");
        }
        let (suite, owner) = self.tx.open().await?;
        let registry = suite.assets();
        let circuit = info.schema.id();
        let scenario = scenario_id(&self.scenario);
        let id = schema_id(circuit, scenario);
        let schema = registry.schemaOf(id).call().await?;
        if schema.verifier.is_zero() {
            bail!(
                "no schema for circuit `{}` and scenario `{}` on chain {}: governance adds it with `era asset schema`",
                info.schema.name,
                self.scenario,
                suite.chain.id
            );
        }
        if !schema.active {
            bail!("schema {id} is deactivated by governance: it takes no new assets");
        }
        let on_chain_key = IVerifierKey::new(schema.verifier, &suite.chain.provider)
            .VERIFYING_KEY_HASH()
            .call()
            .await?;
        if on_chain_key != info.vk_hash {
            bail!(
                "the schema's verifier {} checks key {on_chain_key}, but {} holds key {}: use the keys the verifier was generated from",
                schema.verifier,
                info.dir.display(),
                info.vk_hash
            );
        }
        let asset_id = registry.assetIdOf(owner, id).call().await?;
        let existing = registry.assetOf(asset_id).call().await?;
        if existing.status != 0 {
            bail!(
                "{owner} already registered asset {asset_id} for this scenario and circuit (era asset show --asset {asset_id})"
            );
        }
        if suite.assets().paused().call().await? {
            bail!(
                "the registry is paused by its guardian: registrations are refused until it is unpaused"
            );
        }
        let stake = registry.anchorStake().call().await?;
        let balance = suite.era().balanceOf(owner).call().await?;
        if balance < stake {
            bail!(
                "{owner} holds {} but the anchor stake is {}: get ERA first",
                fmt_era(balance),
                fmt_era(stake)
            );
        }
        let binding = Binding {
            subject: owner,
            scenario,
            schema: circuit,
            chain_id: suite.chain.id,
            registry: *registry.address(),
        };
        progress(format!("proving {} over {} ...", info.schema.name, self.record.display()));
        let bundle =
            era_prover::prove(&pk, &info.schema, &record, &binding, &mut era_prover::os_rng())
                .wrap_err("the record does not satisfy the schema's predicate")?;
        let mut transactions = Vec::new();
        transactions.extend(prepare_payment(&suite, owner, stake, "anchor stake").await?);
        let commitment = bundle.public_inputs[0];
        transactions.push(send("register", registry.register(id, commitment, bundle.proof)).await?);
        let out = RegisterOutput {
            asset_id,
            owner,
            schema_id: id,
            commitment,
            stake,
            coefficient: schema.baseCoefficient,
            transactions,
        };
        print(&out, self.tx.json)
    }
}
