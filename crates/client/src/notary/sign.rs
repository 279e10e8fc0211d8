//! A node signs an entry: its EIP-712 signature appended to the entry's file.

use alloy::{primitives::Address, providers::Provider, signers::SignerSync};

use super::{EntryFile, EntrySignature};
use crate::{Client, Error, error::Result, refuse};

impl<P: Provider> Client<P> {
    /// `signer` signs `file`'s entry, appending its signature. Refuses a node not enrolled in the
    /// entry's scenario (its signature would not count), a second signature by the same node and
    /// an entry already anchored.
    pub async fn sign_entry(
        &self,
        signer: &(dyn SignerSync + Send + Sync),
        node: Address,
        file: &mut EntryFile,
    ) -> Result<()> {
        let id = file.entry.scenario_id;
        if let Some(batch) = &file.batch {
            refuse!("this entry is already anchored in root {}: sign a new entry", batch.root);
        }
        if file.signatures.iter().any(|s| s.signer == node) {
            refuse!("{node} already signed this entry");
        }
        if self.scenarios().roleOf(id.to_u256(), node).call().await? == 0 {
            refuse!(
                "{node} is not enrolled in scenario {id}: its signature would not count (enroll with `era scenario enroll`)"
            );
        }
        let digest = file.entry.digest(&self.engine_domain().await?);
        let signature = signer
            .sign_hash_sync(&digest)
            .map_err(|e| Error::Refused(format!("cannot sign the entry: {e}")))?;
        file.signatures
            .push(EntrySignature { signer: node, signature: signature.as_bytes().to_vec().into() });
        Ok(())
    }
}
