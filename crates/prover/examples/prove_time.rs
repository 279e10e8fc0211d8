//! Times one on-time proof (after one warm-up), with the constraint counts of every built-in
//! schema: `cargo run --release -p era-prover --example prove_time`. A measurement, not a
//! benchmark (bench/run.sh is the benchmark).

use std::time::Instant;

use alloy::primitives::{address, keccak256};
use era_prover::{
    Binding, Entry, Fr, Record, Schema,
    keys::{circuit_shape, dev_setup},
    prove,
};
use rand_chacha::{ChaCha20Rng, rand_core::SeedableRng};

fn main() {
    for schema in Schema::builtin() {
        println!("{}: {} constraints", schema.name, circuit_shape(&schema).unwrap().constraints);
    }
    let schema = Schema::by_name("on-time").unwrap();
    let pk = dev_setup(&schema, "measure").unwrap();
    let entries = [0, 1, 3, 2, 0, 0, 3, 1, 0, 2, 0, 1].map(|value| Entry { value, valid: true });
    let record = Record { salt: Fr::from(0xbe4c_u64), entries: entries.to_vec() };
    let binding = Binding {
        subject: address!("0x00000000000000000000000000000000000a11ce"),
        scenario: keccak256("measure"),
        schema: schema.id(),
        chain_id: 31337,
        registry: address!("0x0000000000000000000000000000000000000e4a"),
    };
    let mut rng = ChaCha20Rng::seed_from_u64(7);
    prove(&pk, &schema, &record, &binding, &mut rng).unwrap(); // warm-up
    let mut ms: Vec<f64> = (0..5)
        .map(|_| {
            let start = Instant::now();
            prove(&pk, &schema, &record, &binding, &mut rng).unwrap();
            start.elapsed().as_secs_f64() * 1e3
        })
        .collect();
    ms.sort_by(f64::total_cmp);
    println!("on-time prove: median {:.1} ms of 5 ({:.1}..{:.1})", ms[2], ms[0], ms[4]);
}
