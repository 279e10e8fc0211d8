//! Test stablecoins for dev chains (the sandbox, demos, tests): a plain OpenZeppelin ERC-20
//! (`script/Stablecoin.sol`) minting its supply to one holder. Settlements move any deposited ERC-20.

use alloy::{
    primitives::{Address, U256},
    providers::Provider,
};

use crate::{Error, error::Result};

alloy::sol!(
    #[sol(rpc)]
    #[derive(Debug, PartialEq, Eq)]
    Stablecoin,
    "../../out/Stablecoin.sol/Stablecoin.json"
);

/// Deploys a stablecoin `symbol` whose `supply` (base units, 18 decimals) goes to `holder`.
pub async fn deploy_stablecoin<P: Provider>(
    provider: P,
    symbol: &str,
    holder: Address,
    supply: U256,
) -> Result<Address> {
    let name = format!("Test {symbol}");
    Stablecoin::deploy(provider, name, symbol.to_owned(), holder, supply)
        .await
        .map(|c| *c.address())
        .map_err(|e| Error::Rpc(format!("cannot deploy stablecoin {symbol}: {e}")))
}
