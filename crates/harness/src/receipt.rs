//! What a committed transaction gives back.

use alloy::{
    primitives::{Address, Log},
    sol_types::SolEvent,
};

/// A transaction that ran to completion: its decoded return value, the gas it used (what a node's
/// receipt reports: after refunds, including the 21,000 base and calldata cost) and its logs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Receipt<T> {
    /// The call's return value.
    pub ret: T,
    /// Gas used by the transaction.
    pub gas_used: u64,
    /// Logs emitted, in order.
    pub logs: Vec<Log>,
}

impl<T> Receipt<T> {
    /// Every log that decodes as event `E`, in order (logs of other events are skipped).
    pub fn events<E: SolEvent>(&self) -> Vec<E> {
        self.logs.iter().filter_map(|log| E::decode_log(log).ok().map(|l| l.data)).collect()
    }

    /// Like [`Receipt::events`], only the logs emitted by `emitter`.
    pub fn events_from<E: SolEvent>(&self, emitter: Address) -> Vec<E> {
        self.logs
            .iter()
            .filter(|log| log.address == emitter)
            .filter_map(|log| E::decode_log(log).ok().map(|l| l.data))
            .collect()
    }

    /// The receipt with its return value replaced.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Receipt<U> {
        Receipt { ret: f(self.ret), gas_used: self.gas_used, logs: self.logs }
    }
}
