//! The chain's history as a node serves it: mined blocks, one transaction each (as with anvil's
//! automine), with what a receipt reports of that transaction.
//!
//! Hashes are computed when first asked for, then kept: keccak is slow in unoptimized builds
//! (about 0.1 ms a permutation), and most tests drive the chain directly and never ask.

use std::sync::OnceLock;

use alloy::{
    consensus::{EMPTY_OMMER_ROOT_HASH, Header, Sealable, Sealed, TxType},
    primitives::{Address, B256, Log, keccak256, logs_bloom},
    sol_types::SolValue,
};

/// A mined block: when, and the transaction it holds (none in the genesis block).
#[derive(Clone, Debug)]
pub struct Block {
    number: u64,
    timestamp: u64,
    gas_limit: u64,
    tx: Option<Mined>,
    /// The header with its hash, sealed by [`header`] (it covers the parent's hash).
    header: OnceLock<Sealed<Header>>,
}

/// A transaction as its receipt tells it.
#[derive(Clone, Debug)]
pub struct Mined {
    /// Its type (legacy, EIP-1559, …).
    pub ty: TxType,
    /// The sender.
    pub from: Address,
    /// The sender's nonce it used.
    pub nonce: u64,
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
    /// Its hash: the envelope's for a signed transaction, set when mined; see [`Block::tx_hash`].
    pub(crate) hash: OnceLock<B256>,
}

impl Block {
    /// Block 0: no transaction, no parent.
    pub(crate) fn genesis(timestamp: u64, gas_limit: u64) -> Self {
        Self { number: 0, timestamp, gas_limit, tx: None, header: OnceLock::new() }
    }

    /// The block after this one, mined at `timestamp` with `tx`.
    pub(crate) fn child(&self, timestamp: u64, tx: Mined) -> Self {
        let number = self.number + 1;
        Self { number, timestamp, gas_limit: self.gas_limit, tx: Some(tx), header: OnceLock::new() }
    }

    /// Its number.
    pub const fn number(&self) -> u64 {
        self.number
    }

    /// Its timestamp.
    pub const fn timestamp(&self) -> u64 {
        self.timestamp
    }

    /// Its gas limit.
    pub const fn gas_limit(&self) -> u64 {
        self.gas_limit
    }

    /// Gas its transaction used.
    pub fn gas_used(&self) -> u64 {
        self.tx.as_ref().map_or(0, |tx| tx.gas_used)
    }

    /// Its transaction.
    pub const fn tx(&self) -> Option<&Mined> {
        self.tx.as_ref()
    }

    /// The hash of its transaction. An unsigned one (the harness does not sign) is named by a
    /// hash of sender, nonce and block, unique in the chain's history.
    pub fn tx_hash(&self) -> Option<B256> {
        let tx = self.tx.as_ref()?;
        Some(*tx.hash.get_or_init(|| keccak256((tx.from, tx.nonce, self.number).abi_encode())))
    }

    /// Its header, sealed with `parent` as the parent's hash the first time.
    fn seal(&self, parent: B256) -> &Sealed<Header> {
        self.header.get_or_init(|| {
            let logs = self.tx.as_ref().map_or(&[][..], |tx| &tx.logs);
            let header = Header {
                parent_hash: parent,
                ommers_hash: EMPTY_OMMER_ROOT_HASH,
                number: self.number,
                timestamp: self.timestamp,
                gas_limit: self.gas_limit,
                gas_used: self.gas_used(),
                logs_bloom: logs_bloom(logs),
                base_fee_per_gas: Some(0),
                ..Default::default()
            };
            header.seal_slow()
        })
    }
}

/// The header of `blocks[n]`, in a chain of blocks from genesis. Its hash covers its parent's, so
/// the blocks after the last sealed one are sealed in turn. State, transaction and receipt roots
/// are left empty: the harness keeps no tries.
pub(crate) fn header(blocks: &[Block], n: usize) -> &Sealed<Header> {
    let start = blocks[..n].iter().rposition(|b| b.header.get().is_some()).unwrap_or(0);
    // `blocks[start]` is sealed already (its parent's hash is not needed) or is the genesis.
    let mut parent = B256::ZERO;
    for block in &blocks[start..n] {
        parent = block.seal(parent).hash();
    }
    blocks[n].seal(parent)
}
