//! Schemas declared in a file: loading and refusals, the AllInRange predicate, their key
//! directories, and the enterprise template's committed schema, verifier, hook and fixture.

use std::path::{Path, PathBuf};

use era_prover::{
    Entry, KeyDir, Predicate, ProofBundle, Record, Schema, Silent,
    hook::hook_source,
    keys::{DEFAULT_DEV_LABEL, dev_setup},
    solidity::verifier_source,
};
use tempfile::TempDir;

fn template() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../templates/enterprise")
}

fn shipment() -> Schema {
    Schema::from_file(&template().join("schemas/shipment-temperature.json")).unwrap()
}

fn refusal(dir: &Path, text: &str) -> String {
    let file = dir.join("s.json");
    std::fs::write(&file, text).unwrap();
    let err = Schema::resolve(file.to_str().unwrap()).unwrap_err().to_string();
    assert!(err.contains(&format!("schema file {}: ", file.display())), "names the file: {err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    err
}

#[test]
fn a_schema_file_declares_a_schema_and_bad_ones_are_refused_naming_the_file() {
    let schema = shipment();
    assert_eq!(schema.predicate, Predicate::AllInRange { lo: 27515, hi: 28115 });
    assert_eq!((schema.name.as_str(), schema.entries), ("shipment-temperature", 24));
    assert_eq!(Schema::resolve("range").unwrap(), Schema::by_name("range").unwrap());

    let tmp = TempDir::new().unwrap();
    let shape = |name: &str, rest: &str| format!(r#"{{"name": "{name}", "entries": 4, {rest}}}"#);
    let all = r#""predicate": "all_in_range", "lo": 5, "hi": 9"#;
    assert!(refusal(tmp.path(), "{").contains("EOF"));
    assert!(
        refusal(tmp.path(), &shape("x", r#""predicate": "all_in_range", "lo": 5"#))
            .contains("missing field `hi`")
    );
    assert!(
        refusal(tmp.path(), &shape("x", r#""predicate": "all_in_range", "lo": 9, "hi": 5"#))
            .contains("lo = 9 exceeds hi = 5")
    );
    assert!(refusal(tmp.path(), &shape("x", r#""predicate": "sometimes""#)).contains("sometimes"));
    assert!(refusal(tmp.path(), &shape("Bad Name", all)).contains("the name must be"));
    assert!(refusal(tmp.path(), &shape("range", all)).contains("built-in schema's name"));
    assert!(
        refusal(
            tmp.path(),
            r#"{"name": "x", "entries": 0, "predicate": "valid_share", "min_percent": 9}"#
        )
        .contains("entries = 0")
    );
    let missing = Schema::resolve("no/such.json").unwrap_err().to_string();
    assert!(missing.contains("unknown schema `no/such.json`"), "{missing}");
    assert!(missing.contains("or a path to a schema file (none exists there)"), "{missing}");
}

#[test]
fn all_in_range_boundaries() {
    let schema = Schema {
        name: "t".into(),
        entries: 3,
        predicate: Predicate::AllInRange { lo: 10, hi: 20 },
    };
    let record = |values: [u32; 3], valid: bool| Record {
        salt: era_prover::Fr::from(1u64),
        entries: values.iter().map(|&value| Entry { value, valid }).collect(),
    };
    assert!(schema.check(&record([10, 15, 20], true)).is_ok());
    assert_eq!(
        schema.check(&record([10, 21, 20], true)).unwrap_err(),
        "entry 1 has value 21, outside [10, 20]"
    );
    assert_eq!(
        schema.check(&record([9, 15, 20], true)).unwrap_err(),
        "entry 0 has value 9, outside [10, 20]"
    );
    assert_eq!(schema.check(&record([10, 15, 20], false)).unwrap_err(), "entry 0 is not valid");
}

#[test]
fn keys_of_a_schema_file_go_under_its_name_and_an_edited_file_refuses_them() {
    let tmp = TempDir::new().unwrap();
    let keys = KeyDir::of(tmp.path(), shipment());
    let info = keys.setup("test", &Silent).unwrap();
    assert_eq!(info.dir, tmp.path().join("shipment-temperature"));
    assert_eq!(keys.verifying_key().unwrap().0, info);
    // Found by name too (e.g. `era verify` from a proof file's schema name).
    assert_eq!(KeyDir::new(tmp.path(), "shipment-temperature").info().unwrap(), info);

    let mut edited = shipment();
    edited.predicate = Predicate::AllInRange { lo: 27515, hi: 28200 };
    let err = KeyDir::of(tmp.path(), edited).proving_key().unwrap_err().to_string();
    assert!(err.contains("are for `era.schema.v1/shipment-temperature/entries=24/all_in_range(lo=27515,hi=28115)`"), "{err}");
    assert!(err.contains("run `era keys setup` with the schema file again"), "{err}");
}

/// `make schema` and `make fixture` in templates/enterprise wrote these; they must still be what
/// the generator produces from the schema file and the default development keys.
#[test]
fn the_enterprise_templates_generated_contracts_and_fixture_are_current() {
    let schema = shipment();
    let pk = dev_setup(&schema, DEFAULT_DEV_LABEL).unwrap();
    let generated = template().join("src/generated");
    let read = |name: String| std::fs::read_to_string(generated.join(name)).unwrap();
    let stale = "stale: run `make schema` in templates/enterprise";
    assert!(
        read(format!("{}.sol", schema.verifier_contract_name()))
            == verifier_source(&schema, &pk.vk),
        "{stale}"
    );
    assert!(
        read(format!("{}.sol", schema.hook_contract_name()))
            == hook_source(&schema, &pk.vk).unwrap(),
        "{stale}"
    );

    let fixtures = template().join("test/fixtures");
    let bundle: ProofBundle = serde_json::from_str(
        &std::fs::read_to_string(fixtures.join("shipment.proof.json")).unwrap(),
    )
    .unwrap();
    let record = Record::from_json(
        &std::fs::read_to_string(fixtures.join("shipment.record.json")).unwrap(),
        &schema,
    )
    .unwrap();
    assert_eq!(bundle.public_inputs[0], era_prover::field::fr_to_u256(record.commitment(&schema)));
    assert!(era_prover::verify_bundle(&pk.vk, &bundle).unwrap(), "run `make fixture`");
}

#[test]
fn the_shipment_circuit_size() {
    let shape = era_prover::keys::circuit_shape(&shipment()).unwrap();
    println!("shipment-temperature: {} constraints", shape.constraints);
    assert_eq!(shape.public_inputs, 2);
}
