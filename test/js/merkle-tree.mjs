// Checks era-client's StandardMerkleTree (crates/client/src/rewards/tree.rs) against the npm
// package @openzeppelin/merkle-tree, which claimants and auditors use. Run by the Rust test
// `rewards::tree::tests::the_npm_package_loads_our_tree_and_verifies_every_proof`:
//   node test/js/merkle-tree.mjs TREE_JSON PROOFS_JSON OUT_JSON
// TREE_JSON is a tree.json written by our Rust code; PROOFS_JSON is `{root, proofs: [{value,
// proof}]}` as our code computed them. The package must load the tree (it checks every hash),
// find the same root, verify every proof, compute the same proofs and write the same bytes back.
// For the reverse check it writes OUT_JSON: its own tree of the same values, which the Rust test
// loads and compares with ours.
import { readFileSync, writeFileSync } from "node:fs";
import merkle from "@openzeppelin/merkle-tree";

const { StandardMerkleTree } = merkle;
const ENCODING = ["address", "uint256"];
const [treeFile, proofsFile, outFile] = process.argv.slice(2);

function fail(message) {
  console.error(message);
  process.exit(1);
}

const text = readFileSync(treeFile, "utf8");
const tree = StandardMerkleTree.load(JSON.parse(text));
const { root, proofs } = JSON.parse(readFileSync(proofsFile, "utf8"));
if (tree.root !== root) fail(`root: the package computes ${tree.root}, ours is ${root}`);
if (JSON.stringify(tree.dump()) !== text) fail("the package dumps other bytes than tree.json");
for (const { value, proof } of proofs) {
  if (!StandardMerkleTree.verify(root, ENCODING, value, proof)) fail(`proof of ${value} fails`);
  if (JSON.stringify(tree.getProof(value)) !== JSON.stringify(proof)) {
    fail(`the package proves ${value} otherwise`);
  }
}
const values = tree.dump().values.map((v) => v.value);
writeFileSync(outFile, JSON.stringify(StandardMerkleTree.of(values, ENCODING).dump()));
console.log(`${proofs.length} proofs verified against ${root}`);
