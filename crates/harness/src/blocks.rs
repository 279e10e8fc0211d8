//! The chain's history as a node serves it: mined blocks, one transaction each (as with anvil's
//! automine), with what a receipt reports of that transaction.

use alloy::{
    consensus::{EMPTY_OMMER_ROOT_HASH, Header, Sealable, Sealed, TxType},
    primitives::{Address, B256, Log, logs_bloom},
};

/// A mined block: its header and the transaction it holds (none in the genesis block).
///
/// The header's hash chains to its parent's; its state, transaction and receipt roots are left
/// empty, since the harness keeps no tries.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Block {
    /// The header, sealed with its hash.
    pub header: Sealed<Header>,
    /// The block's transaction.
    pub tx: Option<Mined>,
}

/// A transaction as its receipt tells it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mined {
    /// Its hash: the envelope's for a signed transaction; for an unsigned one (the harness does
    /// not sign) a hash of sender, nonce and block, unique in the chain's history.
    pub hash: B256,
    /// Its type (legacy, EIP-1559, …).
    pub ty: TxType,
    /// The sender.
    pub from: Address,
    /// The account called; `None` for a contract creation.
    pub to: Option<Address>,
    /// The contract it created.
    pub contract_address: Option<Address>,
    /// Whether it ran to completion (a reverted transaction is mined too).
    pub success: bool,
    /// Gas used, after refunds.
    pub gas_used: u64,
    /// Logs emitted, in order (none when it reverted).
    pub logs: Vec<Log>,
}

impl Block {
    /// Block 0: no transaction, no parent.
    pub(crate) fn genesis(timestamp: u64, gas_limit: u64) -> Self {
        let header = Header {
            ommers_hash: EMPTY_OMMER_ROOT_HASH,
            timestamp,
            gas_limit,
            base_fee_per_gas: Some(0),
            ..Default::default()
        };
        Self { header: header.seal_slow(), tx: None }
    }

    /// The block after this one, mined at `timestamp` with `tx`.
    pub(crate) fn child(&self, timestamp: u64, tx: Mined) -> Self {
        let header = Header {
            parent_hash: self.hash(),
            number: self.number() + 1,
            timestamp,
            gas_used: tx.gas_used,
            logs_bloom: logs_bloom(&tx.logs),
            ..self.header.inner().clone()
        };
        Self { header: header.seal_slow(), tx: Some(tx) }
    }

    /// The block's number.
    pub fn number(&self) -> u64 {
        self.header.number
    }

    /// The block's hash.
    pub fn hash(&self) -> B256 {
        self.header.hash()
    }
}
