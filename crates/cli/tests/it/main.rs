//! `era` against a real anvil: every test starts its own on a free loopback port and runs the
//! built binary, then checks the chain with alloy (and once with `cast call`).

mod asset_flows;
mod assets;
mod assets_pledge;
mod ceremony;
mod common;
mod components;
mod deploy;
mod derivatives;
mod devnet;
mod domains;
mod errors;
mod exec;
mod governance;
mod index;
mod light;
mod margin;
mod notary;
mod operations;
mod privacy;
mod prover;
mod rewards;
mod rewards_flows;
mod rewards_rules;
mod risk;
mod sandbox;
mod scenarios;
mod sdk;
mod settle;
mod staking;
mod standby;
mod wallet;
mod weave;
