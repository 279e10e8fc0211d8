//! Runs the self-tuning measurement ([`era_prover::tune`]) on a built-in schema under its
//! development key and prints the report as JSON:
//! `cargo run -p era-prover --example tune -- [schema] [rounds]` (default: integrity, 5 rounds).

use era_prover::{
    Schema,
    keys::dev_setup,
    tune::{TuneOptions, tune},
};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let schema = Schema::by_name(args.get(1).map_or("integrity", String::as_str)).unwrap();
    let rounds = args.get(2).map_or(5, |r| r.parse().unwrap());
    let pk = dev_setup(&schema, "tune").unwrap();
    let options = TuneOptions { rounds, ..TuneOptions::default() };
    let report = tune(&schema, &pk, &options, &era_prover::Silent).unwrap();
    println!("{}", serde_json::to_string_pretty(&report).unwrap());
}
