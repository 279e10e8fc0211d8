//! Commit-reveal bonded challenges of an asset. A challenge is committed first
//! (`keccak256(abi.encode(assetId, challenger, evidence, salt))`) and revealed in a later block,
//! so nobody who sees the evidence can commit it ahead of the challenger. The salt is the only
//! secret the reveal needs: the caller saves the [`Commitment`] before it is sent, so a crash
//! after the commitment never loses it.

use std::{fmt, path::PathBuf};

use alloy::{
    primitives::{Address, B256, U256, keccak256},
    providers::Provider,
    rpc::types::Filter,
    sol_types::{SolEvent, SolValue},
};
use era_bindings::StateAssetRegistry;
use serde::{Deserialize, Serialize};

use super::LIST_HINT;
use crate::{
    AssetStatus, Client, Sent, constants::StateAssetRegistry::CHALLENGE_BOND_BPS, error::Result,
    refuse, tx::send, units::fmt_era,
};

/// What the reveal needs (saved by `era asset challenge commit`, read by `reveal`).
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Commitment {
    /// The chain of the registry.
    pub chain_id: u64,
    /// The registry.
    pub registry: Address,
    /// The asset challenged.
    pub asset_id: B256,
    /// Who challenges (the commitment binds it).
    pub challenger: Address,
    /// The evidence's hash.
    pub evidence: B256,
    /// The secret salt.
    pub salt: B256,
    /// The commitment sent.
    pub commitment: B256,
    /// Its block (absent until it is mined).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub committed_at: Option<u64>,
}

/// A committed challenge.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Committed {
    /// The asset challenged.
    pub asset_id: B256,
    /// Who challenges.
    pub challenger: Address,
    /// The evidence's hash.
    pub evidence: B256,
    /// The secret salt.
    pub salt: B256,
    /// The commitment.
    pub commitment: B256,
    /// Its block.
    pub committed_at: u64,
    /// Where the commitment is saved.
    pub file: PathBuf,
    /// The commitment's transaction.
    pub tx: Sent,
}

impl fmt::Display for Committed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "committed a challenge of asset {}", self.asset_id)?;
        writeln!(f, "  commitment   {} (block {})", self.commitment, self.committed_at)?;
        writeln!(f, "  evidence     {}", self.evidence)?;
        writeln!(f, "  salt         {} (saved to {})", self.salt, self.file.display())?;
        writeln!(
            f,
            "  reveal from block {}: era asset challenge reveal --asset {} --commitment-file {}",
            self.committed_at + 1,
            self.asset_id,
            self.file.display()
        )?;
        write!(f, "  {}", self.tx)
    }
}

/// A revealed challenge.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Revealed {
    /// The asset challenged.
    pub asset_id: B256,
    /// Who challenges.
    pub challenger: Address,
    /// The evidence's hash.
    pub evidence: B256,
    /// The commitment's block: the evidence time, which orders rewards.
    pub committed_at: u64,
    /// The bond posted.
    #[serde(serialize_with = "crate::wei::serialize")]
    pub bond: U256,
    /// The approval (if one was needed) and the challenge.
    pub transactions: Vec<Sent>,
}

impl fmt::Display for Revealed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "challenged asset {}", self.asset_id)?;
        writeln!(f, "  challenger   {}", self.challenger)?;
        writeln!(f, "  evidence     {} (committed at block {})", self.evidence, self.committed_at)?;
        write!(
            f,
            "  bond         {} (back with the anchor if upheld; to the owner if dismissed)",
            fmt_era(self.bond)
        )?;
        for tx in &self.transactions {
            write!(f, "\n  {tx}")?;
        }
        Ok(())
    }
}

/// Evidence as committed: a 32-byte hash as given, or the keccak256 of text.
pub fn evidence_hash(text: &str) -> B256 {
    text.parse::<B256>().unwrap_or_else(|_| keccak256(text.as_bytes()))
}

fn commitment_of(asset: B256, challenger: Address, evidence: B256, salt: B256) -> B256 {
    keccak256((asset, challenger, evidence, salt).abi_encode())
}

impl<P: Provider> Client<P> {
    /// Checks that `challenger` can challenge `asset` with `evidence` and `salt` (never committed
    /// before; `from_block`: the suite's deployment) and returns the commitment to save, then
    /// send with [`Client::commit_challenge`].
    pub async fn challenge_commitment(
        &self,
        challenger: Address,
        asset: B256,
        (evidence, salt): (B256, B256),
        from_block: u64,
    ) -> Result<Commitment> {
        self.challengeable(asset, challenger).await?;
        let commitment = commitment_of(asset, challenger, evidence, salt);
        if let Some(block) = self.committed_at(commitment, from_block).await? {
            refuse!(
                "this challenge was committed already at block {block}: reveal it (era asset challenge reveal), or commit with another --salt"
            );
        }
        Ok(Commitment {
            chain_id: self.chain_id().await?,
            registry: self.addresses.assets,
            asset_id: asset,
            challenger,
            evidence,
            salt,
            commitment,
            committed_at: None,
        })
    }

    /// Sends a commitment saved to `file`; returns it with its block set, to save again.
    pub async fn commit_challenge(
        &self,
        c: &Commitment,
        file: PathBuf,
    ) -> Result<(Commitment, Committed)> {
        let tx = send("commit challenge", self.assets().commitChallenge(c.commitment)).await?;
        let saved = Commitment { committed_at: Some(tx.block), ..c.clone() };
        let committed = Committed {
            asset_id: c.asset_id,
            challenger: c.challenger,
            evidence: c.evidence,
            salt: c.salt,
            commitment: c.commitment,
            committed_at: tx.block,
            file,
            tx,
        };
        Ok((saved, committed))
    }

    /// Refuses a saved commitment (`file` names it) that is not `challenger`'s for `asset` on
    /// this chain's registry; returns its evidence and salt.
    pub async fn saved_commitment(
        &self,
        c: &Commitment,
        file: &str,
        asset: B256,
        challenger: Address,
    ) -> Result<(B256, B256)> {
        let registry = self.addresses.assets;
        if c.chain_id != self.chain_id().await? || c.registry != registry {
            refuse!(
                "{file} is for registry {} on chain {}, not this chain's {registry}",
                c.registry,
                c.chain_id
            );
        }
        if c.asset_id != asset {
            refuse!("{file} commits to asset {}, not {asset}", c.asset_id);
        }
        if c.challenger != challenger {
            refuse!(
                "the commitment binds {}, not {challenger}: reveal with {}'s key",
                c.challenger,
                c.challenger
            );
        }
        Ok((c.evidence, c.salt))
    }

    /// Reveals `challenger`'s committed challenge of `asset` and posts its bond.
    pub async fn reveal_challenge(
        &self,
        challenger: Address,
        asset: B256,
        (evidence, salt): (B256, B256),
        from_block: u64,
    ) -> Result<Revealed> {
        let stake = self.challengeable(asset, challenger).await?;
        let commitment = commitment_of(asset, challenger, evidence, salt);
        let Some(committed) = self.committed_at(commitment, from_block).await? else {
            refuse!(
                "no commitment of {challenger} to this evidence and salt for asset {asset}: commit first (era asset challenge commit)"
            );
        };
        // One block on top of the commitment before the evidence goes public: revealed in the
        // commitment's own block (or before it is buried) a reorg could drop the commitment while
        // the evidence is out, and a copier's commitment would then be the earlier one.
        if self.provider.get_block_number().await? <= committed {
            refuse!(
                "reveal too early: the commitment is in block {committed}, the latest; reveal once block {} is mined",
                committed + 1
            );
        }
        let bond = stake * CHALLENGE_BOND_BPS / U256::from(10_000u64);
        let mut transactions = Vec::new();
        transactions.extend(self.pay_registry(challenger, bond, "challenge bond").await?);
        let sent = send("challenge", self.assets().challenge(asset, evidence, salt)).await?;
        let e: StateAssetRegistry::AssetChallenged = self.event(&sent).await?;
        transactions.push(sent);
        Ok(Revealed {
            asset_id: asset,
            challenger,
            evidence,
            committed_at: e.committedAt.to::<u64>(),
            bond: e.bond,
            transactions,
        })
    }

    /// Refuses a challenge `challenger` cannot open on `asset`; returns its anchor stake.
    async fn challengeable(&self, asset: B256, challenger: Address) -> Result<U256> {
        let a = self.existing_asset(asset, LIST_HINT).await?;
        // An upheld challenge still slashes a retiring asset's anchor.
        if a.status != AssetStatus::Live as u8 && a.status != AssetStatus::Retiring as u8 {
            refuse!(
                "asset {asset} is {}: only live or retiring assets can be challenged",
                AssetStatus::name_of(a.status)
            );
        }
        if a.owner == challenger {
            refuse!(
                "asset {asset} is {challenger}'s own: an owner's upheld challenge pays the treasury, not the owner; challenge from another account"
            );
        }
        let open = self.assets().challengeOf(asset, challenger).call().await?;
        if open.committedAt != 0 {
            refuse!(
                "{challenger} has an open challenge of asset {asset} already (committed at block {})",
                open.committedAt
            );
        }
        Ok(U256::from(a.stake))
    }

    /// The block of `commitment`, from its `ChallengeCommitted` event (the registry has no getter).
    async fn committed_at(&self, commitment: B256, from_block: u64) -> Result<Option<u64>> {
        let filter = Filter::new()
            .address(self.addresses.assets)
            .from_block(from_block)
            .event_signature(StateAssetRegistry::ChallengeCommitted::SIGNATURE_HASH)
            .topic1(commitment);
        let logs = self.provider.get_logs(&filter).await?;
        Ok(logs.first().and_then(|l| l.block_number))
    }
}
