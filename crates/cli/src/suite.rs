//! A deployed suite as commands use it: the connection, its record and typed contract handles.

use alloy::{
    primitives::{Address, U256},
    providers::DynProvider,
};
use clap::Args;
use era_bindings::{
    ERAMargin, ERAStaking, ERAToken, TimelockController,
};
use eyre::{Result, bail};

use crate::{
    connect::{Chain, RpcArgs, WalletArgs},
    record::{Record, RecordArgs},
    tx::Sent,
};

/// Which chain, and where its deployment record is.
#[derive(Clone, Debug, Args)]
pub(crate) struct SuiteArgs {
    #[command(flatten)]
    pub(crate) rpc: RpcArgs,
    #[command(flatten)]
    pub(crate) records: RecordArgs,
}

/// What every reading command takes: the chain and its record, and `--json`.
#[derive(Clone, Debug, Args)]
pub(crate) struct ReadArgs {
    #[command(flatten)]
    pub(crate) suite: SuiteArgs,
    /// Print JSON.
    #[arg(long)]
    pub(crate) json: bool,
}

/// What every transacting command takes: the chain and its record, the signer, and `--json`.
#[derive(Clone, Debug, Args)]
pub(crate) struct SendArgs {
    #[command(flatten)]
    pub(crate) suite: SuiteArgs,
    #[command(flatten)]
    pub(crate) wallet: WalletArgs,
    /// Print JSON.
    #[arg(long)]
    pub(crate) json: bool,
}

impl SendArgs {
    /// Opens the suite with the signer; returns the sender too.
    pub(crate) async fn open(&self) -> Result<(Suite, Address)> {
        self.suite.open_signer(&self.wallet).await
    }
}

/// The suite on a chain.
#[derive(Clone, Debug)]
pub(crate) struct Suite {
    /// The connection.
    pub(crate) chain: Chain,
    /// Its deployment record.
    pub(crate) record: Record,
}

impl SuiteArgs {
    /// Opens the suite read-only.
    pub(crate) async fn open(&self) -> Result<Suite> {
        let chain = self.rpc.connect().await?;
        let record = self.records.load(chain.id)?;
        Ok(Suite { chain, record })
    }

    /// Opens the suite with a signer; returns the sender too.
    pub(crate) async fn open_signer(&self, wallet: &WalletArgs) -> Result<(Suite, Address)> {
        let signer = wallet.signer()?;
        let (chain, sender) = self.rpc.connect_signer(signer).await?;
        let record = self.records.load(chain.id)?;
        Ok((Suite { chain, record }, sender))
    }
}

impl Suite {
    /// The suite as `era-client` sees it: its table's addresses over this connection.
    pub(crate) fn client(&self) -> era_client::Client<&DynProvider> {
        era_client::Client::new(&self.chain.provider, self.record.addresses())
    }

    /// The staking contract.
    pub(crate) fn staking(&self) -> ERAStaking::ERAStakingInstance<&DynProvider> {
        ERAStaking::new(self.record.addresses().staking, &self.chain.provider)
    }

    /// The ERA token.
    pub(crate) fn era(&self) -> ERAToken::ERATokenInstance<&DynProvider> {
        ERAToken::new(self.record.addresses().era, &self.chain.provider)
    }

    /// The cross-domain margin contract; an older deployment without one is told to redeploy.
    pub(crate) fn margin(&self) -> Result<ERAMargin::ERAMarginInstance<&DynProvider>> {
        let address = self.record.addresses().margin;
        if address == Address::ZERO {
            bail!(
                "the suite on chain {} has no ERAMargin: deploy the current suite with `era deploy --force`",
                self.chain.id
            );
        }
        Ok(ERAMargin::new(address, &self.chain.provider))
    }

    /// The timelock.
    pub(crate) fn timelock(&self) -> TimelockController::TimelockControllerInstance<&DynProvider> {
        TimelockController::new(self.record.addresses().timelock, &self.chain.provider)
    }
}

impl Suite {
    /// Checks that `payer` holds `amount` ERA and approves `spender` to take it unless it may
    /// already ([`era_client::Client::approve_era`]).
    pub(crate) async fn approve_era(
        &self,
        payer: Address,
        spender: Address,
        amount: U256,
        needs: &str,
    ) -> Result<Option<Sent>> {
        Ok(self.client().approve_era(payer, spender, amount, needs).await?)
    }
}
