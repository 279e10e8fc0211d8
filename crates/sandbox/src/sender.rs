//! Who acts: the sandbox drives thousands of accounts through one `era_client::Client`, as the
//! CLI drives one account through a wallet provider. The CLI's wallet fills a transaction's
//! `from` with its signer; here [`Acting`] fills it with the account the runner is acting for,
//! and the harness's chain takes it unsigned (`eth_sendTransaction`), so no key is needed and
//! no time goes to signing. Everything else the provider does is the CLI's: gas estimated (a
//! call that would revert is refused with the contract's error), nonce read, receipt awaited.

use std::sync::{Arc, Mutex, PoisonError};

use alloy::{
    network::{Ethereum, TransactionBuilder},
    primitives::Address,
    providers::{
        DynProvider, Provider, ProviderBuilder, SendableTx,
        fillers::{FillerControlFlow, TxFiller},
    },
    rpc::types::TransactionRequest,
    transports::TransportResult,
};
use era_harness::{CHAIN_ID, Chain, ChainTransport};

/// The account the provider acts for; set before each action.
#[derive(Clone, Debug, Default)]
pub struct Acting(Arc<Mutex<Address>>);

impl Acting {
    /// Acts for `account` from now on.
    pub fn set(&self, account: Address) {
        *self.0.lock().unwrap_or_else(PoisonError::into_inner) = account;
    }

    fn get(&self) -> Address {
        *self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl TxFiller<Ethereum> for Acting {
    type Fillable = ();

    fn status(&self, tx: &TransactionRequest) -> FillerControlFlow {
        if tx.from.is_some() { FillerControlFlow::Finished } else { FillerControlFlow::Ready }
    }

    fn fill_sync(&self, tx: &mut SendableTx<Ethereum>) {
        if let Some(builder) = tx.as_mut_builder()
            && builder.from.is_none()
        {
            builder.set_from(self.get());
        }
    }

    async fn prepare<P: Provider<Ethereum>>(
        &self,
        _provider: &P,
        _tx: &TransactionRequest,
    ) -> TransportResult<()> {
        Ok(())
    }

    async fn fill(
        &self,
        _fillable: (),
        tx: SendableTx<Ethereum>,
    ) -> TransportResult<SendableTx<Ethereum>> {
        Ok(tx)
    }

    fn prepare_call_sync(&self, tx: &mut TransactionRequest) -> TransportResult<()> {
        // Reads are made as the acting account too, as a wallet provider makes them.
        if tx.from.is_none() {
            tx.set_from(self.get());
        }
        Ok(())
    }

    async fn prepare_call(&self, tx: &mut TransactionRequest) -> TransportResult<()> {
        self.prepare_call_sync(tx)
    }
}

/// A provider over `chain` acting for whoever `acting` names: the harness's provider
/// ([`era_harness::provider`]) with the sender filled first.
pub fn provider(chain: &Arc<Mutex<Chain>>, acting: &Acting) -> DynProvider {
    ProviderBuilder::new()
        .disable_recommended_fillers()
        .filler(acting.clone())
        .with_gas_estimation()
        .with_simple_nonce_management()
        .with_chain_id(CHAIN_ID)
        .connect_client(ChainTransport::new(Arc::clone(chain)).client())
        .erased()
}
