//! The one place where the ERA suite is named.
//!
//! - [`SuiteContract`], [`SuiteAddresses`], [`Revert`] and [`Client`]'s accessors come from one
//!   table of the suite's contracts (`contracts.rs`);
//! - [`plan`] and [`init_code`] say what a deployment is made of, for `era deploy` and the revm
//!   harness alike, from [`SuiteConfig`];
//! - the contracts' enums ([`CaseStatus`], [`AssetStatus`], [`RiskDomain`], …) are generated
//!   from `contracts/interfaces/*.sol`, and ids have types of their own ([`ScenarioId`],
//!   [`CaseId`], [`ModuleId`], [`AssetId`], tier names through [`tier_id`]);
//! - [`TimelockOp`] and [`Client::propose`] are every governance action's way through the
//!   timelock;
//! - actions check what the contracts would refuse first and say what to do ([`Error`]), send
//!   through [`send`] and return typed outcomes ([`Sent`], ...).
//!
//! `era-bindings` stays the generated layer underneath (the `sol!` types of the forge
//! artifacts); this crate holds what is written by hand, so regenerating the bindings after an
//! ABI change does not rebuild it from scratch and the hand-written part has one home.
#![allow(clippy::result_large_err)] // `Revert` holds the decoded error inline; see contracts.rs

mod client;
/// The numeric public constants of the suite's contracts, generated from their sources by
/// `build.rs` (and checked against the deployed getters by the harness's tests).
#[allow(missing_docs)]
pub mod constants {
    include!(concat!(env!("OUT_DIR"), "/constants.rs"));
}
mod contracts;
mod describe;
mod enums;
mod error;
mod govern;
mod margin;
mod modules;
mod plan;
mod revert;
mod scenarios;
mod tier;
mod timelock;
mod token;
mod tx;
mod types;
pub mod units;
pub mod wei;

pub use client::Client;
pub use contracts::{Origin, Revert, SuiteAddresses, SuiteContract};
pub use describe::{describe, domain_name};
pub use enums::{AssetStatus, CaseStatus, EnumError, ModuleType, RiskDomain, Role, VerdictStatus};
pub use era_bindings as bindings;
pub use error::{Error, Result};
pub use margin::{Case, ProviderMargin};
pub use modules::{Module, STANDARD_MODULES, StandardModule};
pub use plan::{DAY, ERA, SuiteConfig, init_code, plan};
pub use scenarios::Scenario;
pub use tier::{TierNameError, tier_id, tier_name};
pub use timelock::{Call, GovernError, Operation, OperationState, TimelockOp};
pub use tx::{Sent, refused, send};
pub use types::{AssetId, CaseId, ModuleId, ScenarioId};

// The prover group: deploying the verifiers era-prover generates.
mod verifier;
pub use verifier::deploy_verifier;
