//! OpenZeppelin's `StandardMerkleTree` (npm `@openzeppelin/merkle-tree` 1.x) for the leaves
//! `["address", "uint256"]` that `RewardsDistributor` checks: what the tree is, its proofs, and its
//! `standard-v1` JSON, written byte for byte as `JSON.stringify(tree.dump())` writes it.
//!
//! As the package builds it: a leaf is `keccak256(keccak256(abi.encode(account, amount)))`; the
//! leaves are sorted by hash and stored at the end of one array in reverse (the largest hash
//! first), node `i` has children `2i + 1` and `2i + 2` and is the keccak256 of the two sorted
//! (sorted-pair hashing, as `MerkleProof` verifies), and the root is node 0. `values` keep the
//! order they were given in, each with the index of its leaf.
//!
//! `test/js/merkle-tree.mjs` loads a tree written here with the package and verifies every proof;
//! the tests below load a dump the package wrote.

use std::{collections::HashSet, fmt::Write};

use alloy::{
    primitives::{Address, B256, U256, keccak256},
    sol_types::SolValue,
};
use serde::Deserialize;

/// The `format` of a dump.
const FORMAT: &str = "standard-v1";
/// The leaf types of a rewards tree.
const LEAF_ENCODING: [&str; 2] = ["address", "uint256"];

/// Why a list of rewards or a tree file is not a tree the distributor can pay from.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum TreeError {
    /// No accounts.
    #[error("a rewards tree needs at least one account")]
    Empty,
    /// An account listed twice: its leaf would be ambiguous.
    #[error("account {0} is listed twice: give each account one cumulative amount")]
    Duplicate(Address),
    /// Not a `standard-v1` dump of `["address","uint256"]` leaves.
    #[error("not a standard-v1 tree of [\"address\",\"uint256\"] leaves: {0}")]
    Format(String),
    /// The dump's nodes or leaves do not hash to what it says.
    #[error("the tree does not hash as written: {0}")]
    Invalid(String),
}

/// One account's leaf.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Leaf {
    /// The account paid.
    pub account: Address,
    /// All it has earned since the start, in wei.
    pub cumulative: U256,
    /// Where its leaf hash is in the tree's array.
    pub tree_index: usize,
}

/// An OpenZeppelin `StandardMerkleTree` of `(account, cumulative amount)` leaves.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StandardMerkleTree {
    /// Every node, root first, leaves last (the package's array layout).
    tree: Vec<B256>,
    /// The leaves in the order they were given.
    values: Vec<Leaf>,
}

/// `keccak256(keccak256(abi.encode(account, amount)))`: the leaf `RewardsDistributor` checks.
pub fn leaf_hash(account: Address, amount: U256) -> B256 {
    keccak256(keccak256((account, amount).abi_encode()))
}

/// `keccak256` of the two nodes, the smaller first (OpenZeppelin's `MerkleProof`).
pub fn node_hash(a: B256, b: B256) -> B256 {
    let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
    let mut both = [0u8; 64];
    both[..32].copy_from_slice(lo.as_slice());
    both[32..].copy_from_slice(hi.as_slice());
    keccak256(both)
}

/// The root `proof` leads to from `leaf` (OpenZeppelin's `processProof`).
pub fn process_proof(leaf: B256, proof: &[B256]) -> B256 {
    proof.iter().fold(leaf, |node, sibling| node_hash(node, *sibling))
}

/// The package's array for the leaf hashes `hashes` (in the order given): every node, root first,
/// and where each leaf went. Any standard tree of the suite is built here, whatever its leaf
/// encoding (the rewards' `["address","uint256"]`, the notary batches' `["bytes32"]`).
pub fn build_tree(hashes: &[B256]) -> (Vec<B256>, Vec<usize>) {
    // Sorted by hash; a stable sort, as JavaScript's.
    let mut order: Vec<usize> = (0..hashes.len()).collect();
    order.sort_by_key(|&i| hashes[i]);
    let len = (2 * hashes.len()).saturating_sub(1);
    let mut tree = vec![B256::ZERO; len];
    let mut at = vec![0; hashes.len()];
    for (sorted, &i) in order.iter().enumerate() {
        at[i] = len - 1 - sorted;
        tree[at[i]] = hashes[i];
    }
    for i in (0..len - hashes.len()).rev() {
        tree[i] = node_hash(tree[2 * i + 1], tree[2 * i + 2]);
    }
    (tree, at)
}

/// The proof of the leaf at array index `tree_index` of `tree` (the siblings from the leaf up), as
/// the package's `getProof` returns it.
pub fn tree_proof(tree: &[B256], mut tree_index: usize) -> Vec<B256> {
    let mut proof = Vec::new();
    while tree_index > 0 {
        proof.push(tree[if tree_index % 2 == 1 { tree_index + 1 } else { tree_index - 1 }]);
        tree_index = (tree_index - 1) / 2;
    }
    proof
}

impl StandardMerkleTree {
    /// The tree of `values`, as `StandardMerkleTree.of(values, ["address", "uint256"])` builds it.
    pub fn of(values: &[(Address, U256)]) -> Result<Self, TreeError> {
        if values.is_empty() {
            return Err(TreeError::Empty);
        }
        let mut seen = HashSet::with_capacity(values.len());
        for (account, _) in values {
            if !seen.insert(*account) {
                return Err(TreeError::Duplicate(*account));
            }
        }
        let hashes: Vec<B256> = values.iter().map(|(a, v)| leaf_hash(*a, *v)).collect();
        let (tree, at) = build_tree(&hashes);
        let leaves = values
            .iter()
            .zip(at)
            .map(|(&(account, cumulative), tree_index)| Leaf { account, cumulative, tree_index })
            .collect();
        Ok(Self { tree, values: leaves })
    }

    /// The root the distributor is given.
    pub fn root(&self) -> B256 {
        self.tree[0]
    }

    /// The leaves, in the order they were given.
    pub fn leaves(&self) -> &[Leaf] {
        &self.values
    }

    /// The sum of the cumulative amounts: the `total` a root of this tree promises.
    pub fn total(&self) -> U256 {
        self.values.iter().map(|l| l.cumulative).sum()
    }

    /// `account`'s leaf, if it has one.
    pub fn leaf_of(&self, account: Address) -> Option<&Leaf> {
        self.values.iter().find(|l| l.account == account)
    }

    /// The proof of `leaf` (the siblings from the leaf up), as `getProof` returns it.
    pub fn proof(&self, leaf: &Leaf) -> Vec<B256> {
        tree_proof(&self.tree, leaf.tree_index)
    }

    /// The `standard-v1` dump, byte for byte as `JSON.stringify(tree.dump())` writes it when the
    /// values were given as `[lowercase address, decimal amount]` strings (no spaces, no newline).
    pub fn to_json(&self) -> String {
        // Written by hand, not through serde: ~170 bytes a leaf, for trees of millions of leaves.
        let mut out = String::with_capacity(70 * self.tree.len() + 110 * self.values.len() + 100);
        out.push_str(r#"{"format":"standard-v1","leafEncoding":["address","uint256"],"tree":["#);
        for (i, node) in self.tree.iter().enumerate() {
            let sep = if i == 0 { "" } else { "," };
            write!(out, "{sep}\"{node}\"").expect("writing to a String");
        }
        out.push_str(r#"],"values":["#);
        for (i, leaf) in self.values.iter().enumerate() {
            let sep = if i == 0 { "" } else { "," };
            write!(
                out,
                r#"{sep}{{"value":["{:#x}","{}"],"treeIndex":{}}}"#,
                leaf.account, leaf.cumulative, leaf.tree_index
            )
            .expect("writing to a String");
        }
        out.push_str("]}");
        out
    }

    /// Reads a `standard-v1` dump of `["address","uint256"]` leaves and checks it as
    /// `StandardMerkleTree.load` does: every value hashes to its leaf and every node to its
    /// children. Addresses in any case and amounts in decimal or `0x` hex are read.
    pub fn from_json(text: &str) -> Result<Self, TreeError> {
        let dump: Dump =
            serde_json::from_str(text).map_err(|e| TreeError::Format(e.to_string()))?;
        if dump.format != FORMAT || dump.leaf_encoding != LEAF_ENCODING {
            return Err(TreeError::Format(format!(
                "format {:?} with leaves {:?}",
                dump.format, dump.leaf_encoding
            )));
        }
        let tree = dump.tree;
        if tree.len().is_multiple_of(2) || dump.values.len() != tree.len().div_ceil(2) {
            return Err(TreeError::Invalid(format!(
                "{} nodes for {} values (a tree of n leaves has 2n - 1 nodes)",
                tree.len(),
                dump.values.len()
            )));
        }
        let first_leaf = tree.len() / 2;
        let mut values = Vec::with_capacity(dump.values.len());
        let mut seen = HashSet::with_capacity(dump.values.len());
        for (i, v) in dump.values.into_iter().enumerate() {
            let (account, amount) = &v.value;
            let account: Address = account.parse().map_err(|_| {
                TreeError::Format(format!("value {i}: `{account}` is not an address"))
            })?;
            let cumulative: U256 = amount.parse().map_err(|_| {
                TreeError::Format(format!("value {i}: `{amount}` is not a uint256"))
            })?;
            let at = v.tree_index;
            if !(first_leaf..tree.len()).contains(&at) || tree[at] != leaf_hash(account, cumulative)
            {
                return Err(TreeError::Invalid(format!("value {i} is not the leaf at index {at}")));
            }
            if !seen.insert(account) {
                return Err(TreeError::Duplicate(account));
            }
            values.push(Leaf { account, cumulative, tree_index: at });
        }
        for i in (0..first_leaf).rev() {
            if tree[i] != node_hash(tree[2 * i + 1], tree[2 * i + 2]) {
                return Err(TreeError::Invalid(format!(
                    "node {i} is not the hash of its children"
                )));
            }
        }
        Ok(Self { tree, values })
    }
}

/// A `standard-v1` dump as read.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Dump {
    format: String,
    leaf_encoding: Vec<String>,
    tree: Vec<B256>,
    values: Vec<DumpValue>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct DumpValue {
    value: (String, String),
    tree_index: usize,
}

#[cfg(test)]
mod tests {
    use alloy::primitives::address;

    use super::*;

    fn accounts(n: u8) -> Vec<(Address, U256)> {
        (1..=n)
            .map(|i| {
                (Address::repeat_byte(i), U256::from(i) * U256::from(10u64).pow(U256::from(18)))
            })
            .collect()
    }

    /// Every proof leads from its leaf to the root; the array is 2n - 1 nodes.
    fn check(tree: &StandardMerkleTree) {
        assert_eq!(tree.tree.len(), 2 * tree.leaves().len() - 1);
        for leaf in tree.leaves() {
            let hash = leaf_hash(leaf.account, leaf.cumulative);
            assert_eq!(process_proof(hash, &tree.proof(leaf)), tree.root());
        }
    }

    #[test]
    fn one_leaf_is_its_own_root_with_an_empty_proof() {
        let tree = StandardMerkleTree::of(&accounts(1)).unwrap();
        let (a, v) = accounts(1)[0];
        assert_eq!(tree.root(), leaf_hash(a, v));
        assert!(tree.proof(&tree.leaves()[0]).is_empty());
    }

    #[test]
    fn two_three_and_five_leaves_prove_every_account() {
        for n in [2, 3, 5, 8, 13] {
            let tree = StandardMerkleTree::of(&accounts(n)).unwrap();
            check(&tree);
            assert_eq!(StandardMerkleTree::from_json(&tree.to_json()).unwrap(), tree);
        }
        // Two leaves: the root hashes them, each proof is the other leaf.
        let tree = StandardMerkleTree::of(&accounts(2)).unwrap();
        let [a, b] = [0, 1].map(|i| leaf_hash(accounts(2)[i].0, accounts(2)[i].1));
        assert_eq!(tree.root(), node_hash(a, b));
        assert_eq!(tree.proof(&tree.leaves()[0]), vec![b]);
        // Three leaves, stored largest hash first: the root's right child is the largest leaf,
        // its left child hashes the two smallest.
        let tree = StandardMerkleTree::of(&accounts(3)).unwrap();
        let mut sorted: Vec<B256> = tree.leaves().iter().map(|l| tree.tree[l.tree_index]).collect();
        sorted.sort();
        assert_eq!(tree.tree[2..], [sorted[2], sorted[1], sorted[0]]);
        assert_eq!(tree.tree[1], node_hash(sorted[1], sorted[0]));
    }

    #[test]
    fn empty_and_duplicate_lists_are_refused() {
        assert_eq!(StandardMerkleTree::of(&[]), Err(TreeError::Empty));
        let mut twice = accounts(3);
        twice.push(twice[0]);
        assert_eq!(StandardMerkleTree::of(&twice), Err(TreeError::Duplicate(twice[0].0)));
    }

    /// Written by `@openzeppelin/merkle-tree` 1.0.8 (`StandardMerkleTree.of(values, ["address",
    /// "uint256"])`, checksummed addresses, one amount in hex): the same vector the distributor's
    /// forge test claims against, plus three more values (five: an odd count).
    const NPM_DUMP: &str = include_str!("fixtures/npm-dump.json");

    #[test]
    fn a_dump_written_by_the_npm_package_loads_with_the_same_root_and_proofs() {
        let npm = StandardMerkleTree::from_json(NPM_DUMP).unwrap();
        let values: Vec<(Address, U256)> =
            npm.leaves().iter().map(|l| (l.account, l.cumulative)).collect();
        let ours = StandardMerkleTree::of(&values).unwrap();
        assert_eq!(ours, npm);
        check(&npm);
        // The distributor's forge test claims against the package's tree of the first two.
        let two = StandardMerkleTree::of(&values[..2]).unwrap();
        let pinned = "0xb75b97152d464c0fcf2b97add2814aa07d7f38f863be7268140d5369f8144bc8";
        assert_eq!(two.root(), pinned.parse::<B256>().unwrap());
        let first = address!("0x016C8780e5ccB32E5CAA342a926794cE64d9C364");
        assert_eq!(
            npm.leaf_of(first).unwrap().cumulative,
            U256::from(10u64) * U256::from(10u64).pow(U256::from(18))
        );
    }

    /// The npm package loads a tree we wrote (checking every hash), finds our root, verifies and
    /// recomputes every proof and dumps the same bytes; its own tree of the same values, loaded
    /// here, is ours. Needs `npm install` (as `make test` does first).
    #[test]
    fn the_npm_package_loads_our_tree_and_verifies_every_proof() {
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
        let dir = std::env::temp_dir().join(format!("era-merkle-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        for n in [1u8, 2, 3, 7] {
            let tree = StandardMerkleTree::of(&accounts(n)).unwrap();
            let proofs: Vec<_> = tree
                .leaves()
                .iter()
                .map(|l| {
                    let value = [format!("{:#x}", l.account), l.cumulative.to_string()];
                    serde_json::json!({ "value": value, "proof": tree.proof(l) })
                })
                .collect();
            let [tree_file, proofs_file, out_file] =
                ["tree.json", "proofs.json", "npm.json"].map(|f| dir.join(format!("{n}-{f}")));
            std::fs::write(&tree_file, tree.to_json()).unwrap();
            let proofs = serde_json::json!({ "root": tree.root(), "proofs": proofs });
            std::fs::write(&proofs_file, proofs.to_string()).unwrap();
            let out = std::process::Command::new("node")
                .current_dir(root)
                .args(["test/js/merkle-tree.mjs".as_ref(), tree_file.as_os_str()])
                .args([proofs_file.as_os_str(), out_file.as_os_str()])
                .output()
                .expect("node runs (npm install first)");
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert!(out.status.success(), "{n} leaves: {stderr}");
            let npm = std::fs::read_to_string(&out_file).unwrap();
            assert_eq!(npm, tree.to_json(), "{n} leaves: the package's own dump");
            assert_eq!(StandardMerkleTree::from_json(&npm).unwrap(), tree);
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn tampered_dumps_are_refused() {
        let tree = StandardMerkleTree::of(&accounts(3)).unwrap();
        let json = tree.to_json();
        let amount = accounts(3)[1].1.to_string();
        let more = json.replace(&format!("\"{amount}\""), "\"1\"");
        assert!(matches!(StandardMerkleTree::from_json(&more), Err(TreeError::Invalid(_))));
        let wrong = json.replace("standard-v1", "simple-v1");
        assert!(matches!(StandardMerkleTree::from_json(&wrong), Err(TreeError::Format(_))));
        assert!(matches!(StandardMerkleTree::from_json("[]"), Err(TreeError::Format(_))));
    }
}
