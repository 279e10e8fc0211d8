//! The chain's blocks, receipts and logs as alloy's RPC types, which serialize as a node's JSON
//! answers.

use alloy::{
    consensus::{self, Receipt, ReceiptEnvelope, ReceiptWithBloom, Sealed},
    rpc::types::{Block as RpcBlock, BlockTransactions, Header, Log, TransactionReceipt},
};

use crate::{Block, Chain, Mined};

/// `block` as `eth_getBlockByNumber` returns it: its header and its transaction's hash.
pub(crate) fn block(chain: &Chain, block: &Block) -> RpcBlock {
    let header = Header::from_sealed(sealed(chain, block).clone());
    let hashes = block.tx_hash().into_iter().collect();
    RpcBlock::empty(header).with_transactions(BlockTransactions::Hashes(hashes))
}

/// The logs of `block`'s transaction that `keep` accepts, placed in the block as `eth_getLogs`
/// and receipts carry them.
pub(crate) fn logs(
    chain: &Chain,
    block: &Block,
    keep: impl Fn(&alloy::primitives::Log) -> bool,
) -> Vec<Log> {
    let Some(tx) = block.tx() else { return Vec::new() };
    let place = |(index, log): (usize, &alloy::primitives::Log)| Log {
        inner: log.clone(),
        block_hash: Some(sealed(chain, block).hash()),
        block_number: Some(block.number()),
        block_timestamp: Some(block.timestamp()),
        transaction_hash: block.tx_hash(),
        transaction_index: Some(0),
        log_index: Some(index as u64),
        removed: false,
    };
    tx.logs.iter().enumerate().filter(|(_, log)| keep(log)).map(place).collect()
}

/// The receipt of `tx`, mined in `block`. Gas is free in the harness: its price is zero.
pub(crate) fn receipt(chain: &Chain, block: &Block, tx: &Mined) -> TransactionReceipt {
    let header = sealed(chain, block);
    let receipt = Receipt {
        status: tx.success.into(),
        cumulative_gas_used: tx.gas_used,
        logs: logs(chain, block, |_| true),
    };
    let with_bloom = ReceiptWithBloom { receipt, logs_bloom: header.logs_bloom };
    TransactionReceipt {
        inner: ReceiptEnvelope::from_typed(tx.ty, with_bloom),
        transaction_hash: block.tx_hash().expect("a receipt's block holds its transaction"),
        transaction_index: Some(0),
        block_hash: Some(header.hash()),
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

/// `block`'s header with its hash (the chain seals it when first asked).
fn sealed<'a>(chain: &'a Chain, block: &Block) -> &'a Sealed<consensus::Header> {
    chain.header(block.number()).expect("the block is the chain's")
}
