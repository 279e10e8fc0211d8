//! The rewards tree at scale: builds a 1,000,000-leaf `StandardMerkleTree`, computes every proof
//! (checking one in a thousand against the root) and writes and reads back its `standard-v1`
//! JSON, printing the time of each step. Not a test (it takes seconds in release and minutes
//! unoptimized): `cargo bench -p era-client --bench merkle_tree` (`make bench` runs it).

use std::time::Instant;

use alloy::primitives::{Address, U256};
use era_client::rewards::tree::{StandardMerkleTree, leaf_hash, process_proof};

const LEAVES: u64 = 1_000_000;

fn main() {
    let values: Vec<(Address, U256)> = (1..=LEAVES)
        .map(|i| {
            (Address::left_padding_from(&i.to_be_bytes()), U256::from(i * 1_000_000_000_000_000))
        })
        .collect();

    let start = Instant::now();
    let tree = StandardMerkleTree::of(&values).expect("distinct accounts");
    let built = start.elapsed();

    let start = Instant::now();
    let mut siblings = 0;
    for (i, leaf) in tree.leaves().iter().enumerate() {
        let proof = tree.proof(leaf);
        if i % 1_000 == 0 {
            let hash = leaf_hash(leaf.account, leaf.cumulative);
            assert_eq!(process_proof(hash, &proof), tree.root());
        }
        siblings += proof.len();
    }
    let proved = start.elapsed();

    let start = Instant::now();
    let json = tree.to_json();
    let dumped = start.elapsed();
    let start = Instant::now();
    let back = StandardMerkleTree::from_json(&json).expect("our own dump loads");
    let loaded = start.elapsed();
    assert_eq!(back.root(), tree.root());

    println!("{LEAVES} leaves, root {}", tree.root());
    println!("  build the tree             {:>8.2} s", built.as_secs_f64());
    println!("  every proof                {:>8.2} s  ({siblings} siblings)", proved.as_secs_f64());
    println!("  tree + proofs              {:>8.2} s", (built + proved).as_secs_f64());
    println!(
        "  dump standard-v1           {:>8.2} s  ({} MB)",
        dumped.as_secs_f64(),
        json.len() / 1_000_000
    );
    println!("  load and check the dump    {:>8.2} s", loaded.as_secs_f64());
}
