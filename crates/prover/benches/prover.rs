//! Prover benchmark: constraints, setup, prove and verify time per built-in schema.
//!
//! `cargo bench -p era-prover --bench prover -- --out DIR` also writes, per schema, the snarkjs
//! files (verification_key.json, proof.json, public.json) and the circom witness input
//! (input.json) that bench/bench.js uses to run the same proof through snarkjs and circom.
//! Timings are medians; this is a benchmark, never a test.

use std::{path::PathBuf, time::Instant};

use alloy::primitives::{U256, address, keccak256};
use era_prover::{
    Binding, Entry, Fr, Record, Schema,
    field::fr_to_u256,
    keys::{DEFAULT_DEV_LABEL, circuit_shape, dev_setup, snarkjs_vk_json},
    prove, verify,
};
use rand_chacha::{ChaCha20Rng, rand_core::SeedableRng};
use serde_json::json;

const PROVE_RUNS: usize = 7;
const SETUP_RUNS: usize = 3;

fn record(schema: &Schema) -> Record {
    let n = schema.entries as usize;
    let mut entries: Vec<Entry> =
        (0..n).map(|i| Entry { value: (i % 4) as u32, valid: true }).collect();
    match schema.name.as_str() {
        "integrity" => entries.iter_mut().take(n / 10).for_each(|e| e.valid = false),
        "range" => entries[0].value = 720,
        _ => {}
    }
    Record { salt: Fr::from(0xbe4c_u64), entries }
}

fn median_ms(mut samples: Vec<f64>) -> f64 {
    samples.sort_by(f64::total_cmp);
    samples[samples.len() / 2]
}

fn time<T>(f: impl FnOnce() -> T) -> (T, f64) {
    let start = Instant::now();
    let out = f();
    (out, start.elapsed().as_secs_f64() * 1e3)
}

fn dec(x: U256) -> String {
    x.to_string()
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let out = args
        .iter()
        .position(|a| a == "--out")
        .map(|i| PathBuf::from(&args[i + 1]))
        .unwrap_or_else(|| PathBuf::from("target/bench"));
    let mut results = Vec::new();
    // The core schemas: bench/bench.js has their circom twins.
    for schema in Schema::builtin().into_iter().filter(|s| s.measure().is_none()) {
        let shape = circuit_shape(&schema).unwrap();
        let mut setup_ms = Vec::new();
        let mut pk = None;
        for _ in 0..SETUP_RUNS {
            let (key, ms) = time(|| dev_setup(&schema, DEFAULT_DEV_LABEL).unwrap());
            setup_ms.push(ms);
            pk = Some(key);
        }
        let pk = pk.unwrap();
        let record = record(&schema);
        let binding = Binding {
            subject: address!("0x00000000000000000000000000000000000a11ce"),
            scenario: keccak256("bench"),
            schema: schema.id(),
            chain_id: 31337,
            registry: address!("0x0000000000000000000000000000000000000e4a"),
        };
        let mut rng = ChaCha20Rng::seed_from_u64(7);
        let mut prove_ms = Vec::new();
        let mut bundle = None;
        for _ in 0..PROVE_RUNS {
            let (b, ms) = time(|| prove(&pk, &schema, &record, &binding, &mut rng).unwrap());
            prove_ms.push(ms);
            bundle = Some(b);
        }
        let bundle = bundle.unwrap();
        let verify_ms = median_ms(
            (0..PROVE_RUNS)
                .map(|_| {
                    time(|| assert!(verify(&pk.vk, &bundle.public_inputs, &bundle.proof).unwrap()))
                        .1
                })
                .collect(),
        );

        let dir = out.join(&schema.name);
        std::fs::create_dir_all(&dir).unwrap();
        let write = |name: &str, value: &serde_json::Value| {
            std::fs::write(dir.join(name), serde_json::to_string_pretty(value).unwrap()).unwrap()
        };
        write("verification_key.json", &snarkjs_vk_json(&pk.vk));
        write("proof.json", &bundle.snarkjs_proof().unwrap());
        write("public.json", &bundle.snarkjs_public());
        write("bundle.json", &serde_json::to_value(&bundle).unwrap());
        write(
            "input.json",
            &json!({
                "commitment": dec(bundle.public_inputs[0]),
                "binding": dec(bundle.public_inputs[1]),
                "salt": dec(fr_to_u256(record.salt)),
                "value": record.entries.iter().map(|e| e.value.to_string()).collect::<Vec<_>>(),
                "valid": record.entries.iter().map(|e| u8::from(e.valid).to_string()).collect::<Vec<_>>(),
            }),
        );
        let result = json!({
            "schema": schema.name,
            "contract": schema.verifier_contract_name(),
            "constraints": shape.constraints,
            "publicInputs": shape.public_inputs,
            "setupMs": median_ms(setup_ms),
            "proveMs": median_ms(prove_ms),
            "verifyMs": verify_ms,
        });
        println!("{result}");
        results.push(result);
    }
    std::fs::write(out.join("rust.json"), serde_json::to_string_pretty(&results).unwrap()).unwrap();
}
