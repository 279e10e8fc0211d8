//! An alloy provider over the harness's [`Chain`]: a JSON-RPC transport that answers in process,
//! so `era-client` and the `era-bindings` contract instances run on revm through the same calls
//! the CLI makes to a node.

mod methods;
mod views;

use std::{
    sync::{Arc, Mutex, PoisonError},
    task::{Context, Poll},
};

use alloy::{
    providers::{DynProvider, Provider, ProviderBuilder},
    rpc::{
        client::RpcClient,
        json_rpc::{RequestPacket, Response, ResponsePacket, ResponsePayload, SerializedRequest},
    },
    transports::{TransportError, TransportFut},
};

use crate::Chain;

/// A JSON-RPC transport answered by a shared [`Chain`], for an alloy [`RpcClient`].
///
/// Each request locks the chain for as long as it runs (no lock is held between requests), so
/// a test can keep its own handle and warp time or send directly beside the provider.
#[derive(Clone)]
pub struct ChainTransport {
    chain: Arc<Mutex<Chain>>,
}

impl std::fmt::Debug for ChainTransport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ChainTransport").finish_non_exhaustive()
    }
}

impl ChainTransport {
    /// A transport over `chain`.
    pub const fn new(chain: Arc<Mutex<Chain>>) -> Self {
        Self { chain }
    }

    /// An RPC client over this transport, for `ProviderBuilder::connect_client` (e.g. with a
    /// wallet, so transactions are signed and sent raw as the CLI sends them).
    pub fn client(self) -> RpcClient {
        // Local: alloy polls it (for receipts, new blocks) every 250 ms rather than every 7 s.
        RpcClient::new(self, true)
    }

    fn answer(&self, request: SerializedRequest) -> Response {
        let mut chain = self.chain.lock().unwrap_or_else(PoisonError::into_inner);
        let payload = match methods::answer(&mut chain, request.method(), request.params()) {
            Ok(value) => ResponsePayload::Success(value),
            Err(failure) => ResponsePayload::Failure(failure),
        };
        Response { id: request.id().clone(), payload }
    }
}

impl tower_service::Service<RequestPacket> for ChainTransport {
    type Response = ResponsePacket;
    type Error = TransportError;
    type Future = TransportFut<'static>;

    fn poll_ready(&mut self, _: &mut Context<'_>) -> Poll<Result<(), TransportError>> {
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, packet: RequestPacket) -> Self::Future {
        let response = match packet {
            RequestPacket::Single(request) => ResponsePacket::Single(self.answer(request)),
            RequestPacket::Batch(requests) => {
                ResponsePacket::Batch(requests.into_iter().map(|r| self.answer(r)).collect())
            }
        };
        Box::pin(std::future::ready(Ok(response)))
    }
}

impl Chain {
    /// Shares the chain with a [`provider`] over it. Keep the handle to warp time, take
    /// snapshots or send directly beside the provider (lock it only between requests).
    pub fn serve(self) -> (Arc<Mutex<Self>>, DynProvider) {
        let chain = Arc::new(Mutex::new(self));
        let provider = provider(&chain);
        (chain, provider)
    }
}

/// A provider over `chain`, sending unsigned transactions (`eth_sendTransaction`: any `from`).
///
/// It estimates gas before sending, as the CLI's provider does, so a transaction that would
/// revert is refused with the contract's error and nothing is mined. Nonces are read from the
/// chain for every transaction rather than counted by the provider, so a test may also send
/// from the same accounts through [`Chain::send`].
pub fn provider(chain: &Arc<Mutex<Chain>>) -> DynProvider {
    ProviderBuilder::new()
        .disable_recommended_fillers()
        .with_gas_estimation()
        .with_simple_nonce_management()
        .fetch_chain_id()
        .connect_client(ChainTransport::new(Arc::clone(chain)).client())
        .erased()
}
