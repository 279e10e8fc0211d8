//! A notarized entry as its file holds it (`entry.json`): the execution result, the node signatures
//! gathered so far and, once anchored, where its batch is. Its EIP-712 digest is the engine's
//! `entryDigest`; its leaf the batch tree's (`["bytes32"]` over the digest).

use std::collections::HashSet;

use alloy::{
    primitives::{Address, B256, Bytes, Signature, U256, keccak256},
    sol_types::{Eip712Domain, SolStruct},
};
use serde::{Deserialize, Serialize};

use crate::{ScenarioId, bindings::engine::INotaryLog};

mod eip712 {
    alloy::sol! {
        /// What nodes sign (`NotaryLog.ENTRY_TYPEHASH`).
        struct Entry {
            uint256 scenarioId;
            uint64 slot;
            bytes32 resultHash;
            uint64 timestamp;
        }
    }
}

/// One execution result of a scenario, as nodes sign it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Entry {
    /// The scenario executed.
    pub scenario_id: ScenarioId,
    /// The execution's place in the scenario's log: one result per slot.
    pub slot: u64,
    /// Hash of the result.
    pub result_hash: B256,
    /// When the result was produced (unix seconds).
    pub timestamp: u64,
}

impl Entry {
    /// The EIP-712 digest a node signs, as `SettlementEngine.entryDigest` computes it.
    pub fn digest(&self, domain: &Eip712Domain) -> B256 {
        eip712::Entry {
            scenarioId: U256::from(self.scenario_id.0),
            slot: self.slot,
            resultHash: self.result_hash,
            timestamp: self.timestamp,
        }
        .eip712_signing_hash(domain)
    }

    /// The entry as the engine's calls take it.
    pub fn abi(&self) -> INotaryLog::Entry {
        INotaryLog::Entry {
            scenarioId: U256::from(self.scenario_id.0),
            slot: self.slot,
            resultHash: self.result_hash,
            timestamp: self.timestamp,
        }
    }
}

/// The batch tree's leaf of the entry of digest `digest`: `keccak256(keccak256(abi.encode(digest)))`,
/// the standard tree's leaf of one `bytes32` value.
pub fn leaf_of(digest: B256) -> B256 {
    keccak256(keccak256(digest))
}

/// The key that signed `digest` with `signature`, if it is a valid signature.
pub fn recover(signature: &Bytes, digest: B256) -> Option<Address> {
    let signature = Signature::from_raw(signature).ok()?;
    signature.recover_address_from_prehash(&digest).ok()
}

/// One node's signature of an entry.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntrySignature {
    /// The node that says it signed.
    pub signer: Address,
    /// Its 65-byte signature of the entry's digest.
    pub signature: Bytes,
}

/// Where an anchored entry is: its batch's root and its proof in it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Batch {
    /// The anchored root.
    pub root: B256,
    /// The entry's position among the batch's entries.
    pub index: usize,
    /// Its proof (siblings from the leaf up, as OpenZeppelin's `getProof`).
    pub proof: Vec<B256>,
    /// The anchoring transaction.
    pub anchor_tx: B256,
    /// Its block: signers are checked as enrolled there.
    pub anchor_block: u64,
    /// The root's first anchoring time on chain.
    pub anchored_at: u64,
}

/// An entry file: the entry, its signatures, and its batch once anchored.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EntryFile {
    /// The entry signed.
    #[serde(flatten)]
    pub entry: Entry,
    /// The signatures gathered, in the order given.
    #[serde(default)]
    pub signatures: Vec<EntrySignature>,
    /// Its batch, once anchored.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub batch: Option<Batch>,
}

/// Why the signatures of an entry do not make it count.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SignatureError {
    /// A signature that does not recover to the signer it names (a tampered entry, or a wrong key).
    #[error(
        "signature {index} is not {signer}'s signature of this entry (it recovers to {recovered})"
    )]
    NotBySigner {
        /// Its position in `signatures`.
        index: usize,
        /// The signer it names.
        signer: Address,
        /// Who signed the digest, if anyone.
        recovered: String,
    },
    /// A signer listed twice: each counts once.
    #[error("{0} signed twice: each node counts once toward the quorum")]
    Duplicate(Address),
}

impl EntryFile {
    /// A new file of `entry`, unsigned.
    pub fn new(entry: Entry) -> Self {
        Self { entry, signatures: Vec::new(), batch: None }
    }

    /// The distinct signers, each signature checked against the digest `digest`.
    pub fn signers(&self, digest: B256) -> Result<Vec<Address>, SignatureError> {
        let mut seen = HashSet::new();
        for (index, s) in self.signatures.iter().enumerate() {
            let recovered = recover(&s.signature, digest);
            if recovered != Some(s.signer) {
                let recovered = recovered.map_or("no key".into(), |a| a.to_string());
                return Err(SignatureError::NotBySigner { index, signer: s.signer, recovered });
            }
            if !seen.insert(s.signer) {
                return Err(SignatureError::Duplicate(s.signer));
            }
        }
        Ok(self.signatures.iter().map(|s| s.signer).collect())
    }
}

#[cfg(test)]
mod tests {
    use alloy::signers::{SignerSync, local::PrivateKeySigner};

    use super::*;

    fn entry() -> Entry {
        Entry {
            scenario_id: ScenarioId(3),
            slot: 7,
            result_hash: B256::repeat_byte(1),
            timestamp: 9,
        }
    }

    fn signed(key: &PrivateKeySigner, file: &mut EntryFile, digest: B256) {
        let signature = key.sign_hash_sync(&digest).unwrap().as_bytes().to_vec().into();
        file.signatures.push(EntrySignature { signer: key.address(), signature });
    }

    #[test]
    fn signers_are_recovered_and_counted_once() {
        let domain = crate::exec::engine_domain(31337, Address::repeat_byte(2));
        let digest = entry().digest(&domain);
        let (a, b) = (PrivateKeySigner::random(), PrivateKeySigner::random());
        let mut file = EntryFile::new(entry());
        signed(&a, &mut file, digest);
        signed(&b, &mut file, digest);
        assert_eq!(file.signers(digest), Ok(vec![a.address(), b.address()]));
        signed(&a, &mut file, digest);
        assert_eq!(file.signers(digest), Err(SignatureError::Duplicate(a.address())));
        // Another result is another digest: the signatures no longer recover to their signers.
        let other = Entry { result_hash: B256::repeat_byte(4), ..entry() }.digest(&domain);
        assert!(matches!(file.signers(other), Err(SignatureError::NotBySigner { index: 0, .. })));
    }

    /// `StandardMerkleTree.of([[0x11…], [0x22…]], ["bytes32"])` of `@openzeppelin/merkle-tree` 1.0.8:
    /// its root and the first value's proof, as the package computed them.
    #[test]
    fn a_batch_tree_is_the_npm_package_tree_of_bytes32_values() {
        use crate::rewards::tree::{build_tree, tree_proof};
        let leaves = [B256::repeat_byte(0x11), B256::repeat_byte(0x22)].map(leaf_of);
        let (tree, at) = build_tree(&leaves);
        let root = "0xcb18cb5843115351c1cf5f505b6c5929e5b4480a0f3666d63f5d885c49f4acad";
        assert_eq!(tree[0], root.parse::<B256>().unwrap());
        let sibling = "0x0f7e1163c9397953c541dc1b3e1fdde14cb0452e6ee4f9e81cd9665cd5f01774";
        assert_eq!(tree_proof(&tree, at[0]), vec![sibling.parse::<B256>().unwrap()]);
    }

    #[test]
    fn the_file_is_the_entry_its_signatures_and_its_batch_in_camel_case() {
        let mut file = EntryFile::new(entry());
        file.signatures.push(EntrySignature { signer: Address::ZERO, signature: Bytes::new() });
        let json = serde_json::to_value(&file).unwrap();
        assert_eq!(json["scenarioId"], 3);
        assert_eq!(json["resultHash"], format!("{}", B256::repeat_byte(1)));
        assert!(json.get("batch").is_none());
        assert_eq!(serde_json::from_value::<EntryFile>(json).unwrap(), file);
    }
}
