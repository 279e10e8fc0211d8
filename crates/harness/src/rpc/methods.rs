//! The JSON-RPC methods the harness serves, each answered through the [`Chain`]'s API: the
//! methods a client needs (reads, calls, gas and fee estimates, transactions signed or not,
//! receipts, logs). The chain keeps only its latest state, so a read at an older block is refused
//! rather than answered from the present; calls and estimates run in the block the next
//! transaction is mined in, as [`Chain::call`] does, so a warp shows in them at once.

use alloy::{
    consensus::{TxEnvelope, transaction::SignerRecoverable},
    eips::{BlockId, BlockNumberOrTag, eip2718::Decodable2718},
    primitives::{Address, B256, Bytes, U64},
    rpc::{
        json_rpc::ErrorPayload,
        types::{FeeHistory, Filter, TransactionRequest},
    },
};
use serde::{Serialize, de::DeserializeOwned};
use serde_json::{Value, value::RawValue};

use super::views;
use crate::{Block, CHAIN_ID, Chain, Revert};

/// A JSON-RPC error object, as the transport sends it.
pub(crate) type Failure = ErrorPayload;

/// The answer to `method` called with `params` (the request's positional parameters).
pub(crate) fn answer(
    chain: &mut Chain,
    method: &str,
    params: Option<&RawValue>,
) -> Result<Box<RawValue>, Failure> {
    let values: Vec<Value> = match params {
        None => Vec::new(),
        Some(raw) => serde_json::from_str(raw.get())
            .map_err(|e| failure(-32602, &format!("{method}: parameters are not a list: {e}")))?,
    };
    let p = Params { method, values: &values };
    match method {
        "eth_chainId" => json(U64::from(CHAIN_ID)),
        "eth_blockNumber" => json(U64::from(chain.latest_block().number())),
        "eth_getBlockByNumber" => {
            let block = at(chain, p.get(0)?);
            if p.opt(1)?.unwrap_or(false) && block.is_some_and(|b| b.tx().is_some()) {
                return Err(p.invalid("the harness keeps only transaction hashes: pass `false`"));
            }
            json(block.map(|b| views::block(chain, b)))
        }
        "eth_getBalance" => {
            let address: Address = p.get(0)?;
            latest(chain, &p, 1)?;
            json(chain.balance(address))
        }
        "eth_getTransactionCount" => {
            let address: Address = p.get(0)?;
            latest(chain, &p, 1)?;
            json(U64::from(chain.nonce(address)))
        }
        "eth_getCode" => {
            let address: Address = p.get(0)?;
            latest(chain, &p, 1)?;
            json(chain.code(address))
        }
        "eth_call" => {
            let request: TransactionRequest = p.get(0)?;
            latest(chain, &p, 1)?;
            json(chain.call_request(&request).map_err(reverted)?)
        }
        "eth_estimateGas" => {
            let request: TransactionRequest = p.get(0)?;
            latest(chain, &p, 1)?;
            json(U64::from(chain.estimate_gas(&request).map_err(reverted)?))
        }
        // Gas is free in the harness: no base fee, no tip.
        "eth_gasPrice" | "eth_maxPriorityFeePerGas" => json(U64::ZERO),
        "eth_feeHistory" => fee_history(chain, &p),
        "eth_sendTransaction" => {
            let request: TransactionRequest = p.get(0)?;
            if request.from.is_none() {
                return Err(
                    p.invalid("no `from`: the harness sends unsigned, as the account named")
                );
            }
            json(chain.send_request(&request, None).map_err(reverted)?)
        }
        "eth_sendRawTransaction" => json(send_signed(chain, &p)?),
        // EIP-7966: the receipt at once (every transaction is mined as it is sent).
        "eth_sendRawTransactionSync" => {
            let hash = send_signed(chain, &p)?;
            json(chain.mined(hash).map(|(block, tx)| views::receipt(chain, block, tx)))
        }
        "eth_getTransactionReceipt" => {
            let hash: B256 = p.get(0)?;
            json(chain.mined(hash).map(|(block, tx)| views::receipt(chain, block, tx)))
        }
        "eth_getLogs" => {
            let filter: Filter = p.get(0)?;
            json(logs(chain, &filter))
        }
        _ => Err(failure(-32601, &format!("the harness does not serve {method}"))),
    }
}

/// Sends the signed transaction of parameter 0 as its signer, whom the signature names.
fn send_signed(chain: &mut Chain, p: &Params<'_>) -> Result<B256, Failure> {
    let raw: Bytes = p.get(0)?;
    let envelope = TxEnvelope::decode_2718(&mut raw.as_ref())
        .map_err(|e| p.invalid(&format!("not a signed transaction: {e}")))?;
    let from = envelope.recover_signer().map_err(|e| p.invalid(&format!("bad signature: {e}")))?;
    let hash = *envelope.tx_hash();
    let request = TransactionRequest::from_transaction_with_sender(envelope, from);
    chain.send_request(&request, Some(hash)).map_err(reverted)
}

/// The block `tag` names: `latest`, `pending`, `safe` and `finalized` are all the latest mined
/// block (the harness never builds a pending one).
fn at(chain: &Chain, tag: BlockNumberOrTag) -> Option<&Block> {
    match tag {
        BlockNumberOrTag::Number(n) => chain.blocks().get(usize::try_from(n).ok()?),
        BlockNumberOrTag::Earliest => chain.blocks().first(),
        _ => Some(chain.latest_block()),
    }
}

/// Refuses a read at any block but the latest (parameter `index`, absent meaning latest).
fn latest(chain: &Chain, p: &Params<'_>, index: usize) -> Result<(), Failure> {
    let latest = chain.latest_block();
    let fine = match p.opt::<BlockId>(index)? {
        None => true,
        Some(BlockId::Hash(hash)) => {
            chain.header(latest.number()).map(|h| h.hash()) == Some(hash.block_hash)
        }
        Some(BlockId::Number(tag)) => at(chain, tag).is_none_or(|b| b.number() == latest.number()),
    };
    if fine {
        return Ok(());
    }
    Err(p.invalid(&format!(
        "the harness keeps only its latest state (block {}): ask at `latest`",
        latest.number()
    )))
}

/// `eth_feeHistory`: zero base fees and rewards (gas is free), the blocks' real gas use.
fn fee_history(chain: &Chain, p: &Params<'_>) -> Result<Box<RawValue>, Failure> {
    let count: U64 = p.get(0)?;
    let newest = at(chain, p.get(1)?).ok_or_else(|| p.invalid("no such block"))?.number();
    let percentiles: Vec<f64> = p.opt(2)?.unwrap_or_default();
    let count = count.saturating_to::<u64>().min(newest + 1);
    let oldest = newest + 1 - count;
    let blocks = &chain.blocks()[oldest as usize..=newest as usize];
    json(FeeHistory {
        base_fee_per_gas: vec![0; blocks.len() + 1],
        gas_used_ratio: blocks.iter().map(|b| b.gas_used() as f64 / b.gas_limit() as f64).collect(),
        oldest_block: oldest,
        reward: Some(vec![vec![0; percentiles.len()]; blocks.len()]),
        ..Default::default()
    })
}

/// `eth_getLogs`: the logs of the filter's blocks (from and to default to the latest) that match
/// its addresses and topics.
fn logs(chain: &Chain, filter: &Filter) -> Vec<alloy::rpc::types::Log> {
    let latest = chain.latest_block().number();
    let bound = |tag: Option<&BlockNumberOrTag>| match tag {
        Some(BlockNumberOrTag::Number(n)) => *n,
        Some(BlockNumberOrTag::Earliest) => 0,
        _ => latest,
    };
    let from = bound(filter.block_option.get_from_block());
    let to = bound(filter.block_option.get_to_block());
    let wanted = |block: &&Block| match filter.get_block_hash() {
        Some(hash) => chain.header(block.number()).map(|h| h.hash()) == Some(hash),
        None => (from..=to).contains(&block.number()),
    };
    let blocks = chain.blocks().iter().filter(wanted);
    blocks.flat_map(|block| views::logs(chain, block, |log| filter.matches(log))).collect()
}

/// A failed call or transaction: revert data travels as a node sends it (code 3, `execution
/// reverted`, the data in hex), so alloy's `as_revert_data` finds it; a halt or a rejected
/// transaction is a plain error.
fn reverted(revert: Revert) -> Failure {
    match revert.data() {
        Some(data) => ErrorPayload {
            code: 3,
            message: format!("execution reverted: {revert}").into(),
            data: serde_json::value::to_raw_value(&data).ok(),
        },
        None => failure(-32000, &revert.to_string()),
    }
}

fn failure(code: i64, message: &str) -> Failure {
    ErrorPayload { code, message: message.to_owned().into(), data: None }
}

fn json(value: impl Serialize) -> Result<Box<RawValue>, Failure> {
    serde_json::value::to_raw_value(&value).map_err(|e| failure(-32603, &e.to_string()))
}

/// A request's positional parameters.
struct Params<'a> {
    method: &'a str,
    values: &'a [Value],
}

impl Params<'_> {
    /// Parameter `index`, which must be there.
    fn get<T: DeserializeOwned>(&self, index: usize) -> Result<T, Failure> {
        self.opt(index)?.ok_or_else(|| self.invalid(&format!("parameter {index} is missing")))
    }

    /// Parameter `index`, if given (`null` counts as absent).
    fn opt<T: DeserializeOwned>(&self, index: usize) -> Result<Option<T>, Failure> {
        match self.values.get(index) {
            None | Some(Value::Null) => Ok(None),
            Some(value) => T::deserialize(value)
                .map(Some)
                .map_err(|e| self.invalid(&format!("parameter {index}: {e}"))),
        }
    }

    fn invalid(&self, why: &str) -> Failure {
        failure(-32602, &format!("{}: {why}", self.method))
    }
}
