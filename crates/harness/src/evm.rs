//! The in-process chain. Every use of revm is in this file: revm breaks its API about monthly
//! (it is pinned exactly in the workspace), so an upgrade touches this file only.

use std::{cell::RefCell, sync::OnceLock};

use alloy::{
    consensus::{Header, Sealed},
    primitives::{Address, B256, Bytes, Log, TxKind, U256},
    rpc::types::TransactionRequest,
    sol_types::SolCall,
};
use revm::{
    Context, DatabaseRef, ExecuteCommitEvm, ExecuteEvm, MainBuilder, MainContext,
    context::{
        BlockEnv, TxEnv,
        result::{EVMError, ExecutionResult, Output},
    },
    database::{CacheDB, EmptyDB},
    database_interface::Database,
    handler::{MainnetContext, MainnetEvm},
    primitives::KECCAK_EMPTY,
    state::AccountInfo,
};

use crate::{
    DEV_ACCOUNTS, DEV_BALANCE, Receipt, Revert,
    blocks::{self, Block, Mined},
};

/// Chain id of the harness, as on anvil. Set on every transaction (revm's default is 1).
pub const CHAIN_ID: u64 = 31337;

/// Timestamp of the first block: 2026-01-01T00:00:00Z, fixed so runs are reproducible.
pub const GENESIS_TIMESTAMP: u64 = 1_767_225_600;

/// Seconds between two blocks. Every committed transaction is mined in a block of its own, as
/// with anvil's automine.
pub const BLOCK_TIME: u64 = 1;

/// Gas limit of every transaction: the EIP-7825 cap (2^24) of the Osaka rules the harness runs.
pub const TX_GAS_LIMIT: u64 = 1 << 24;

/// Gas limit of a block, anvil's default.
const BLOCK_GAS_LIMIT: u64 = 30_000_000;

type Db = CacheDB<EmptyDB>;
type Evm = MainnetEvm<MainnetContext<Db>>;

thread_local! {
    /// revm's EVM, one per thread. It is not `Send`, so a chain (which sits behind a provider)
    /// cannot own one, and building one for each execution costs about 0.1 ms of allocation in
    /// an unoptimized build; so every chain lends this one its state and block for each
    /// execution, and takes them back after. revm clears its journal after every transaction.
    static EVM: RefCell<Evm> = RefCell::new(
        Context::mainnet()
            .with_db(Db::default())
            .modify_cfg_chained(|cfg| cfg.chain_id = CHAIN_ID)
            .build_mainnet(),
    );
}

/// An in-memory EVM chain (Osaka rules, chain id [`CHAIN_ID`]) with anvil's ten development
/// accounts funded, in which every transaction is mined in its own block.
///
/// Transactions are not signed: `from` is whoever the test says. Gas is free (base fee and gas
/// price are zero) but counted.
///
/// The chain is `Send`, so it can sit behind a provider ([`crate::provider`]): it keeps revm's
/// state and block, and lends them to its thread's EVM (which is not `Send`) for each execution.
pub struct Chain {
    db: Db,
    /// The block the next transaction is mined in.
    block: BlockEnv,
    /// Every mined block, genesis first: block `n` is `blocks[n]`.
    blocks: Vec<Block>,
    snapshots: Vec<Saved>,
    /// Seconds between a transaction's block and the next one's ([`BLOCK_TIME`] by default).
    block_time: u64,
}

/// The state and block of a snapshot: a clone of the whole in-memory database, which is cheap
/// next to deploying again (a suite's state is a few hundred storage slots).
struct Saved {
    db: Db,
    number: U256,
    timestamp: U256,
    blocks: usize,
}

/// Names a snapshot taken by [`Chain::snapshot`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct SnapshotId(usize);

/// [`Chain::revert_to`] was given a snapshot that does not exist (any more).
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error("no snapshot {0:?}: it was never taken, or a revert to an earlier snapshot discarded it")]
pub struct UnknownSnapshot(pub SnapshotId);

/// A contract creation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Deployment {
    /// Where the contract lives.
    pub address: Address,
    /// Gas used by the creation transaction.
    pub gas_used: u64,
    /// Logs emitted by the constructor.
    pub logs: Vec<Log>,
}

impl Default for Chain {
    fn default() -> Self {
        Self::new()
    }
}

impl Chain {
    /// A fresh chain at block 1, timestamp [`GENESIS_TIMESTAMP`], with the development accounts
    /// holding [`DEV_BALANCE`] each.
    pub fn new() -> Self {
        let mut db = Db::default();
        for account in DEV_ACCOUNTS {
            db.insert_account_info(
                account.address,
                AccountInfo { balance: DEV_BALANCE, ..Default::default() },
            );
        }
        let block = BlockEnv {
            number: U256::from(1),
            timestamp: U256::from(GENESIS_TIMESTAMP),
            gas_limit: BLOCK_GAS_LIMIT,
            ..Default::default()
        };
        // Block 0 is mined one block time before the first block.
        let genesis = Block::genesis(GENESIS_TIMESTAMP - BLOCK_TIME, BLOCK_GAS_LIMIT);
        Self { db, block, blocks: vec![genesis], snapshots: Vec::new(), block_time: BLOCK_TIME }
    }

    fn db(&self) -> &Db {
        &self.db
    }

    /// Runs `tx` in this thread's EVM over the chain's state and block; with `commit`, keeps
    /// its effects.
    fn run(
        &mut self,
        tx: TxEnv,
        commit: bool,
    ) -> Result<ExecutionResult, EVMError<<Db as Database>::Error>> {
        EVM.with_borrow_mut(|evm| {
            // Swapped in and out, not moved: the EVM's idle database stands in meanwhile.
            std::mem::swap(&mut evm.ctx.journaled_state.database, &mut self.db);
            evm.ctx.block = self.block.clone();
            let result =
                if commit { evm.transact_commit(tx) } else { evm.transact(tx).map(|r| r.result) };
            std::mem::swap(&mut evm.ctx.journaled_state.database, &mut self.db);
            result
        })
    }

    fn account(&self, address: Address) -> AccountInfo {
        // An in-memory database over `EmptyDB` cannot fail.
        self.db().basic_ref(address).ok().flatten().unwrap_or_default()
    }

    /// Sets the ether balance of `address` (like anvil's `anvil_setBalance`).
    pub fn fund(&mut self, address: Address, wei: U256) {
        let info = AccountInfo { balance: wei, ..self.account(address) };
        self.db.insert_account_info(address, info);
    }

    /// Ether balance of `address`, in wei.
    pub fn balance(&self, address: Address) -> U256 {
        self.account(address).balance
    }

    /// Transactions sent from `address` so far (the nonce of its next one).
    pub fn nonce(&self, address: Address) -> u64 {
        self.account(address).nonce
    }

    /// Whether `address` holds code.
    pub fn has_code(&self, address: Address) -> bool {
        let hash = self.account(address).code_hash;
        hash != KECCAK_EMPTY && !hash.is_zero()
    }

    /// Number of the block the next transaction is mined in (calls see it too).
    pub fn block_number(&self) -> u64 {
        self.block.number.saturating_to()
    }

    /// Timestamp of the block the next transaction is mined in (calls see it too).
    pub fn timestamp(&self) -> u64 {
        self.block.timestamp.saturating_to()
    }

    /// Sets the seconds between a transaction's block and the next one's. Zero keeps every block
    /// at the same second until [`Chain::warp`] moves it: a load simulation's many transactions
    /// then share a moment, as they share blocks on a chain that packs them, instead of each
    /// taking a second of simulated time (anvil's automine, the default).
    pub fn set_block_time(&mut self, seconds: u64) {
        self.block_time = seconds;
    }

    /// Moves time forward by `seconds` (like anvil's `evm_increaseTime`).
    pub fn warp(&mut self, seconds: u64) {
        self.block.timestamp += U256::from(seconds);
    }

    /// Saves the state and block; see [`Chain::revert_to`].
    pub fn snapshot(&mut self) -> SnapshotId {
        self.snapshots.push(Saved {
            db: self.db().clone(),
            number: self.block.number,
            timestamp: self.block.timestamp,
            blocks: self.blocks.len(),
        });
        SnapshotId(self.snapshots.len() - 1)
    }

    /// Restores the state and block saved by `id`. Snapshots taken after `id` are discarded;
    /// `id` itself stays, so a test can return to the same fixture again and again.
    pub fn revert_to(&mut self, id: SnapshotId) -> Result<(), UnknownSnapshot> {
        let saved = self.snapshots.get(id.0).ok_or(UnknownSnapshot(id))?;
        self.db = saved.db.clone();
        self.block.number = saved.number;
        self.block.timestamp = saved.timestamp;
        self.blocks.truncate(saved.blocks);
        self.snapshots.truncate(id.0 + 1);
        Ok(())
    }

    /// Deploys `init_code` (creation bytecode followed by the ABI-encoded constructor arguments)
    /// from `from`.
    pub fn deploy(&mut self, from: Address, init_code: Bytes) -> Result<Deployment, Revert> {
        let done = self.execute(from, TxKind::Create, U256::ZERO, init_code, true)?;
        match done.output {
            Output::Create(_, Some(address)) => {
                Ok(Deployment { address, gas_used: done.gas_used, logs: done.logs })
            }
            other => Err(Revert::Halt(format!("creation returned no address: {other:?}"))),
        }
    }

    /// Calls `to` without a transaction (like `eth_call`): nothing changes, no block is mined.
    pub fn call<C: SolCall>(&mut self, to: Address, call: &C) -> Result<C::Return, Revert> {
        self.call_from(Address::ZERO, to, call)
    }

    /// [`Chain::call`] with `msg.sender` set to `from`: a dry run of a transaction.
    pub fn call_from<C: SolCall>(
        &mut self,
        from: Address,
        to: Address,
        call: &C,
    ) -> Result<C::Return, Revert> {
        let data = self.call_raw(from, to, call.abi_encode().into())?;
        decode_return::<C>(data)
    }

    /// Sends a transaction calling `to` from `from`, mined in a block of its own. A reverted
    /// transaction is mined too (it uses up the sender's nonce and a block), as on a real chain.
    pub fn send<C: SolCall>(
        &mut self,
        from: Address,
        to: Address,
        call: &C,
    ) -> Result<Receipt<C::Return>, Revert> {
        let receipt = self.send_raw(from, to, U256::ZERO, call.abi_encode().into())?;
        let ret = decode_return::<C>(receipt.ret.clone())?;
        Ok(receipt.map(|_| ret))
    }

    /// [`Chain::call_from`] with raw calldata; returns the raw return data.
    pub fn call_raw(&mut self, from: Address, to: Address, data: Bytes) -> Result<Bytes, Revert> {
        Ok(self.execute(from, TxKind::Call(to), U256::ZERO, data, false)?.output.into_data())
    }

    /// [`Chain::send`] with raw calldata and an ether `value`; returns the raw return data.
    pub fn send_raw(
        &mut self,
        from: Address,
        to: Address,
        value: U256,
        data: Bytes,
    ) -> Result<Receipt<Bytes>, Revert> {
        let done = self.execute(from, TxKind::Call(to), value, data, true)?;
        Ok(Receipt { ret: done.output.into_data(), gas_used: done.gas_used, logs: done.logs })
    }

    /// Runs one transaction; with `commit`, keeps its effects and mines its block.
    fn execute(
        &mut self,
        from: Address,
        kind: TxKind,
        value: U256,
        data: Bytes,
        commit: bool,
    ) -> Result<Executed, Revert> {
        let request = TransactionRequest {
            from: Some(from),
            to: Some(kind),
            value: Some(value),
            input: data.into(),
            ..Default::default()
        };
        let result = if commit { self.mine(&request, None)? } else { self.dry_run(&request)? };
        outcome(result)
    }

    /// The transaction `request` describes, as revm runs it. What it leaves out is filled as a
    /// node fills it: the sender's next nonce, [`TX_GAS_LIMIT`], [`CHAIN_ID`]. Its gas prices
    /// are ignored: gas is free in the harness.
    fn tx_env(&self, request: &TransactionRequest) -> Result<TxEnv, Revert> {
        if request.blob_versioned_hashes.is_some() || request.authorization_list.is_some() {
            let why = "blob (EIP-4844) and set-code (EIP-7702) transactions are not supported";
            return Err(Revert::Invalid(why.to_owned()));
        }
        let from = request.from.unwrap_or_default();
        TxEnv::builder()
            .access_list(request.access_list.clone().unwrap_or_default())
            .caller(from)
            .kind(request.to.unwrap_or(TxKind::Create))
            .value(request.value.unwrap_or_default())
            .data(request.input.input().cloned().unwrap_or_default())
            .nonce(request.nonce.unwrap_or_else(|| self.nonce(from)))
            .gas_limit(request.gas.unwrap_or(TX_GAS_LIMIT))
            .chain_id(Some(request.chain_id.unwrap_or(CHAIN_ID)))
            .build()
            .map_err(|e| Revert::Invalid(format!("{e:?}")))
    }

    /// Runs `request` without keeping its effects.
    fn dry_run(&mut self, request: &TransactionRequest) -> Result<ExecutionResult, Revert> {
        let tx = self.tx_env(request)?;
        self.run(tx, false).map_err(|e| Revert::Invalid(e.to_string()))
    }

    /// Runs `request` as a transaction mined in a block of its own, reverted or not, and records
    /// it in the chain's history; `hash` names a signed one. Fails only for a transaction the
    /// chain rejects (bad nonce, gas limit, chain id, balance), which mines nothing.
    fn mine(
        &mut self,
        request: &TransactionRequest,
        hash: Option<B256>,
    ) -> Result<ExecutionResult, Revert> {
        let tx = self.tx_env(request)?;
        let (from, nonce, to) = (tx.caller, tx.nonce, tx.kind.to().copied());
        let result = self.run(tx, true).map_err(|e| Revert::Invalid(e.to_string()))?;
        let mined = Mined {
            hash: hash.map(OnceLock::from).unwrap_or_default(),
            ty: request.preferred_type(),
            from,
            nonce,
            to,
            contract_address: result.created_address(),
            success: result.is_success(),
            gas_used: result.tx_gas_used(),
            logs: result.logs().to_vec(),
        };
        let block = self.latest_block().child(self.timestamp(), mined);
        self.blocks.push(block);
        self.block.number += U256::from(1);
        self.block.timestamp += U256::from(self.block_time);
        Ok(result)
    }
}

/// What a node serves: transactions described as requests, blocks, receipts, code.
impl Chain {
    /// Runs `request` without a transaction (like `eth_call`); returns the raw return data.
    pub fn call_request(&mut self, request: &TransactionRequest) -> Result<Bytes, Revert> {
        Ok(outcome(self.dry_run(request)?)?.output.into_data())
    }

    /// The least gas limit with which `request` runs to completion (like `eth_estimateGas`),
    /// found by bisection: the gas a transaction uses is not the gas it needs, since refunds
    /// come back at the end and a call forwards only 63/64 of what is left.
    pub fn estimate_gas(&mut self, request: &TransactionRequest) -> Result<u64, Revert> {
        let cap = request.gas.unwrap_or(TX_GAS_LIMIT);
        let first = self.dry_run(&request.clone().gas_limit(cap))?;
        // Below what it spent before refunds (or the EIP-7623 calldata floor) it cannot finish.
        let spent = first.gas().total_gas_spent().max(first.tx_gas_used());
        outcome(first)?;
        let (mut fails, mut runs, mut probe) = (spent - 1, cap, spent);
        while fails + 1 < runs {
            match self.dry_run(&request.clone().gas_limit(probe)) {
                Ok(result) if result.is_success() => runs = probe,
                _ => fails = probe,
            }
            probe = fails + (runs - fails) / 2;
        }
        Ok(runs)
    }

    /// Sends `request` as a transaction from its `from` (like `eth_sendTransaction`: the harness
    /// does not sign), mined in a block of its own; `hash` names a signed transaction. A reverted
    /// transaction is mined too, with a failed receipt. Returns the transaction's hash.
    pub fn send_request(
        &mut self,
        request: &TransactionRequest,
        hash: Option<B256>,
    ) -> Result<B256, Revert> {
        self.mine(request, hash)?;
        Ok(self.latest_block().tx_hash().expect("a mined block holds its transaction"))
    }

    /// Every mined block, genesis first: block `n` is at index `n`.
    pub fn blocks(&self) -> &[Block] {
        &self.blocks
    }

    /// The latest mined block (the one before [`Chain::block_number`]).
    pub fn latest_block(&self) -> &Block {
        self.blocks.last().expect("the chain starts with its genesis block")
    }

    /// The header of mined block `number`, with its hash.
    pub fn header(&self, number: u64) -> Option<&Sealed<Header>> {
        let n = usize::try_from(number).ok().filter(|n| *n < self.blocks.len())?;
        Some(blocks::header(&self.blocks, n))
    }

    /// The mined transaction `hash`, with its block. Searched newest first: a receipt is asked
    /// for right after its transaction, so a long run (the sandbox mines hundreds of thousands
    /// of blocks) does not hash its whole history for each one.
    pub fn mined(&self, hash: B256) -> Option<(&Block, &Mined)> {
        let block = self.blocks.iter().rev().find(|b| b.tx_hash() == Some(hash))?;
        Some((block, block.tx()?))
    }

    /// The code at `address` (empty for an account without code).
    pub fn code(&self, address: Address) -> Bytes {
        let hash = self.account(address).code_hash;
        self.db().code_by_hash_ref(hash).map(|code| code.original_bytes()).unwrap_or_default()
    }
}

fn outcome(result: ExecutionResult) -> Result<Executed, Revert> {
    match result {
        ExecutionResult::Success { gas, logs, output, .. } => {
            Ok(Executed { output, gas_used: gas.tx_gas_used(), logs })
        }
        ExecutionResult::Revert { output, .. } => Err(Revert::from_revert_data(output)),
        ExecutionResult::Halt { reason, .. } => Err(Revert::Halt(format!("{reason:?}"))),
    }
}

/// A successful execution.
struct Executed {
    output: Output,
    gas_used: u64,
    logs: Vec<Log>,
}

fn decode_return<C: SolCall>(data: Bytes) -> Result<C::Return, Revert> {
    C::abi_decode_returns(&data).map_err(|e| Revert::BadReturn { data, reason: e.to_string() })
}
