//! Integration tests of era-harness against the real suite in revm: one binary, one module per
//! area.
#![allow(clippy::result_large_err)] // see era-harness's lib.rs: `Revert` is matched by value

mod anvil;
mod assets;
mod chain;
mod client;
mod decoding;
mod flows;
mod margin;
mod provider;
mod scenarios;
mod slashing;
mod snapshots;
mod staking;
mod timelock;
mod verifier;

use alloy::primitives::{Address, U256};
use era_bindings::{ERAStaking, ERAToken};
use era_client::ERA;
use era_harness::{Chain, Suite};

/// `n` whole ERA, in wei.
pub(crate) fn era(n: u64) -> U256 {
    U256::from(n) * ERA
}

/// A fresh chain with the suite at its defaults.
pub(crate) fn setup() -> (Chain, Suite) {
    Chain::with_suite().expect("the default suite deploys")
}

/// Funds `node` with `amount` ERA, registers it and stakes the lot on it.
pub(crate) fn stake_node(chain: &mut Chain, suite: &Suite, node: Address, amount: U256) {
    suite.give_era(chain, node, amount).unwrap();
    chain.send(node, suite.staking, &ERAStaking::registerNodeCall {}).unwrap();
    approve(chain, suite, node, amount);
    chain.send(node, suite.staking, &ERAStaking::stakeCall { amount }).unwrap();
}

/// Funds `holder` with `amount` ERA and delegates it to `node`.
pub(crate) fn delegate(
    chain: &mut Chain,
    suite: &Suite,
    holder: Address,
    node: Address,
    amount: U256,
) {
    suite.give_era(chain, holder, amount).unwrap();
    approve(chain, suite, holder, amount);
    chain.send(holder, suite.staking, &ERAStaking::delegateCall { node, amount }).unwrap();
}

/// `owner` lets the staking contract pull `value` ERA.
pub(crate) fn approve(chain: &mut Chain, suite: &Suite, owner: Address, value: U256) {
    chain.send(owner, suite.era, &ERAToken::approveCall { spender: suite.staking, value }).unwrap();
}

/// ERA that `account` has actively staked on `node`.
pub(crate) fn stake_of(chain: &mut Chain, suite: &Suite, node: Address, account: Address) -> U256 {
    chain.call(suite.staking, &ERAStaking::stakeOfCall { node, account }).unwrap()
}
