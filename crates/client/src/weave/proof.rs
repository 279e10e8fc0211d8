//! The storage-proof route, from the destination's side: open an epoch of the origin (its block
//! header, whose hash the root poster posted, and the EIP-1186 proof of the origin sender's
//! account), then prove units with the storage proof of their record slot. No validator set is
//! trusted; the posted block hash is the trust root.

use std::fmt;

use alloy::{
    primitives::{Address, B256, Bytes, keccak256},
    providers::Provider,
    rpc::types::Filter,
    sol_types::{SolEvent, SolValue},
};
use era_bindings::weave::{proof_route::StateUnit::Unit as RouteUnit, sender::UnitSender};
use serde::Serialize;

use super::{Fact, Locator, hash_of, slot_of, subject_of};
use crate::{Client, Error, Sent, error::Result, refuse, tx::send};

/// An epoch opened on the destination.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Epoch {
    /// The origin domain.
    pub origin: u32,
    /// The origin block.
    pub number: u64,
    /// Its hash (the trust root).
    pub block_hash: B256,
    /// The origin sender's storage root at that block.
    pub storage_root: B256,
    /// Posting the block hash, when this signer did it.
    pub posted: Option<Sent>,
    /// Opening the epoch.
    pub opened: Sent,
}

impl fmt::Display for Epoch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "opened epoch: domain {} at block {}", self.origin, self.number)?;
        writeln!(f, "  block hash    {}", self.block_hash)?;
        writeln!(f, "  storage root  {} (the origin sender's)", self.storage_root)?;
        if let Some(tx) = &self.posted {
            writeln!(f, "  {tx}")?;
        }
        write!(f, "  {}", self.opened)
    }
}

/// A unit carried by storage proof.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Proven {
    /// The fact, in words.
    pub fact: String,
    /// Where it is kept.
    #[serde(flatten)]
    pub locator: Locator,
    /// The origin domain.
    pub origin: u32,
    /// The unit's nonce.
    pub nonce: u64,
    /// Whether it holds (false: a revocation was proven).
    pub holds: bool,
    /// The origin block the proof was taken at.
    pub epoch: u64,
    /// The epoch opened for it, if the unit was newer than the open one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub opened: Option<Epoch>,
    /// The proof.
    pub tx: Sent,
}

impl fmt::Display for Proven {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(epoch) = &self.opened {
            writeln!(f, "{epoch}")?;
        }
        let verdict = if self.holds { "holds" } else { "revoked" };
        writeln!(f, "proved unit {}: {} ({verdict})", self.nonce, self.fact)?;
        writeln!(f, "  key          {}", self.locator.key)?;
        writeln!(f, "  epoch        block {} of domain {}", self.epoch, self.origin)?;
        write!(f, "  {}", self.tx)
    }
}

impl<P: Provider> Client<P> {
    /// Opens, on this chain, an epoch of `origin`'s suite at its block `number` (default: its
    /// latest). `signer` posts the block hash first if it holds ROOT_POSTER_ROLE and nobody did.
    pub async fn open_epoch<Q: Provider>(
        &self,
        origin: &Client<Q>,
        number: Option<u64>,
        signer: Address,
    ) -> Result<Epoch> {
        let route = self.proof_route();
        if route.address().is_zero() {
            refuse!(
                "this chain's suite has no StorageProofUnitRoute: redeploy it with this version"
            )
        }
        let domain = origin.domain().await?;
        let sender = origin.addresses.unit_sender;
        let trusted = self.unit_receiver().senderOf(domain).call().await?;
        if trusted != subject_of(sender) {
            refuse!(
                "this chain's receiver does not trust the sender {sender} of domain {domain}: schedule `era weave trust --origin {domain} --sender {sender}` here"
            );
        }
        let number = match number {
            Some(n) => n,
            None => origin.provider.get_block_number().await?,
        };
        let current = route.epochOf(domain).call().await?.number;
        if number <= current {
            refuse!(
                "block {number} of domain {domain} is not newer than its open epoch (block {current})"
            );
        }
        let block = origin
            .provider
            .get_block_by_number(number.into())
            .await?
            .ok_or_else(|| Error::Rpc(format!("domain {domain} has no block {number}")))?;
        let header: Bytes = alloy::rlp::encode(&block.header.inner).into();
        if keccak256(&header) != block.header.hash {
            return Err(Error::Rpc(format!(
                "the origin node's header of block {number} does not hash to its block hash: its RPC does not return full headers"
            )));
        }
        let mut posted = None;
        if route.blockHashOf(domain, number.try_into().unwrap_or_default()).call().await?.is_zero()
        {
            let role = route.ROOT_POSTER_ROLE().call().await?;
            if !route.hasRole(role, signer).call().await? {
                refuse!(
                    "block {number} of domain {domain} has no posted hash here, and {signer} is not a root poster: the settlement relay (ROOT_POSTER_ROLE) posts it"
                );
            }
            let post = route.postBlockHash(
                domain,
                number.try_into().unwrap_or_default(),
                block.header.hash,
            );
            posted = Some(send("postBlockHash", post).await?);
        }
        let proof = origin.provider.get_proof(sender, vec![]).block_id(number.into()).await?;
        let open = route.openEpoch(domain, header, proof.account_proof);
        let opened = send("openEpoch", open).await?;
        Ok(Epoch {
            origin: domain,
            number,
            block_hash: block.header.hash,
            storage_root: proof.storage_hash,
            posted,
            opened,
        })
    }

    /// Proves, on this chain, the newest unit `origin`'s sender recorded of `fact` (sent since
    /// block `from_block`), opening a newer epoch first (as `signer`) when the open one predates it.
    pub async fn prove_unit<Q: Provider>(
        &self,
        origin: &Client<Q>,
        (fact, from_block): (&Fact, u64),
        signer: Address,
    ) -> Result<Proven> {
        let domain = origin.domain().await?;
        let locator = fact.locate(domain);
        let sender = origin.addresses.unit_sender;
        let sent = Filter::new()
            .address(sender)
            .from_block(from_block)
            .event_signature(UnitSender::UnitSent::SIGNATURE_HASH)
            .topic1(locator.key);
        let Some(log) = origin.provider.get_logs(&sent).await?.pop() else {
            refuse!(
                "domain {domain} never sent a unit of {fact}: send it first with `era weave send`"
            );
        };
        let unit = log.log_decode::<UnitSender::UnitSent>().map_err(rpc)?.inner.data.unit;
        let slot = slot_of(locator.key);
        let mut epoch = self.proof_route().epochOf(domain).call().await?.number;
        let mut opened = None;
        if epoch == 0 || !self.recorded_at(origin, slot, epoch, hash_of(&unit)).await? {
            let e = self.open_epoch(origin, None, signer).await?;
            epoch = e.number;
            opened = Some(e);
        }
        let proof = origin.provider.get_proof(sender, vec![slot]).block_id(epoch.into()).await?;
        let storage = proof.storage_proof.into_iter().next().map(|p| p.proof).unwrap_or_default();
        let route_unit = RouteUnit::abi_decode(&unit.abi_encode()).map_err(rpc)?;
        let tx = send(
            "prove",
            self.proof_route().prove(route_unit, epoch.try_into().unwrap_or_default(), storage),
        )
        .await?;
        Ok(Proven {
            fact: fact.to_string(),
            locator,
            origin: domain,
            nonce: unit.nonce,
            holds: unit.expiry != 0,
            epoch,
            opened,
            tx,
        })
    }

    /// Whether the origin sender's slot held `hash` at block `number`.
    async fn recorded_at<Q: Provider>(
        &self,
        origin: &Client<Q>,
        slot: B256,
        number: u64,
        hash: B256,
    ) -> Result<bool> {
        let sender = origin.addresses.unit_sender;
        let held =
            origin.provider.get_storage_at(sender, slot.into()).block_id(number.into()).await?;
        Ok(B256::from(held) == hash)
    }

    /// This chain's Hyperlane domain (its chain id).
    pub(crate) async fn domain(&self) -> Result<u32> {
        let id = self.chain_id().await?;
        u32::try_from(id).map_err(|_| Error::Rpc(format!("chain id {id} is not a u32 domain")))
    }
}

fn rpc(e: impl fmt::Display) -> Error {
    Error::Rpc(e.to_string())
}
