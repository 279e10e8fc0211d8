//! The chain's blocks, receipts and logs as alloy's RPC types, which serialize as a node's JSON
//! answers.

use alloy::{
    consensus::{Receipt, ReceiptEnvelope, ReceiptWithBloom},
    rpc::types::{Block as RpcBlock, BlockTransactions, Header, Log, TransactionReceipt},
};

use crate::{Block, Mined};

/// `block` as `eth_getBlockByNumber` returns it: its header and its transaction's hash.
pub(crate) fn block(block: &Block) -> RpcBlock {
    let hashes = block.tx.iter().map(|tx| tx.hash).collect();
    let header = Header::from_sealed(block.header.clone());
    RpcBlock::empty(header).with_transactions(BlockTransactions::Hashes(hashes))
}

/// The logs of `block`'s transaction, placed in the block as `eth_getLogs` and receipts carry
/// them.
pub(crate) fn logs(block: &Block) -> Vec<Log> {
    let Some(tx) = &block.tx else { return Vec::new() };
    let place = |(index, log): (usize, &alloy::primitives::Log)| Log {
        inner: log.clone(),
        block_hash: Some(block.hash()),
        block_number: Some(block.number()),
        block_timestamp: Some(block.header.timestamp),
        transaction_hash: Some(tx.hash),
        transaction_index: Some(0),
        log_index: Some(index as u64),
        removed: false,
    };
    tx.logs.iter().enumerate().map(place).collect()
}

/// The receipt of `tx`, mined in `block`. Gas is free in the harness: its price is zero.
pub(crate) fn receipt(block: &Block, tx: &Mined) -> TransactionReceipt {
    let receipt =
        Receipt { status: tx.success.into(), cumulative_gas_used: tx.gas_used, logs: logs(block) };
    let with_bloom = ReceiptWithBloom { receipt, logs_bloom: block.header.logs_bloom };
    TransactionReceipt {
        inner: ReceiptEnvelope::from_typed(tx.ty, with_bloom),
        transaction_hash: tx.hash,
        transaction_index: Some(0),
        block_hash: Some(block.hash()),
        block_number: Some(block.number()),
        gas_used: tx.gas_used,
        effective_gas_price: 0,
        blob_gas_used: None,
        blob_gas_price: None,
        from: tx.from,
        to: tx.to,
        contract_address: tx.contract_address,
    }
}
