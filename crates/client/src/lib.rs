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

mod ballot;
mod client;
/// The numeric public constants of the suite's contracts, generated from their sources by
/// `build.rs` (and checked against the deployed getters by the harness's tests).
#[allow(missing_docs)]
pub mod constants {
    include!(concat!(env!("OUT_DIR"), "/constants.rs"));
}
// ---- state assets (g-asset): the registry's actions, its mirror and Hyperlane
pub mod assets;
pub mod hyperlane;
// ---- end state assets
mod contracts;
mod describe;
mod enums;
mod error;
mod govern;
mod plan;
mod revert;
mod tier;
mod timelock;
mod token;
mod tx;
mod types;
pub mod units;
pub mod wei;

pub use ballot::ballot_salt;
pub use client::Client;
pub use contracts::{Origin, Revert, SuiteAddresses, SuiteContract};
pub use describe::{describe, domain_name};
pub use enums::{
    AbsorptionStatus, AssetStatus, CaseStatus, ClaimStatus, ComponentKind, ComponentStatus,
    EnumError, ExecutionMode, ImprovementMetric, LiquidationStage, ModuleType, RiskDomain, Role,
    RootStatus, UnitKind, UnitSource, VerdictStatus,
};
pub use era_bindings as bindings;
pub use error::{Error, Result};
pub use plan::{DAY, DEV_ACTIVATION_DELAY, ERA, SuiteConfig, init_code, plan};
pub use tier::{TierNameError, tier_id, tier_name};
pub use timelock::{Call, GovernError, Operation, OperationState, TimelockOp};
pub use tx::{Sent, refused, send};
pub use types::{AssetId, CaseId, ModuleId, ScenarioId};

// The margin group: ERAMargin's reads and actions, partners and risk features.
mod margin;
pub use margin::{
    AttesterSlashed, Case, CaseChange, MAX_VOLATILITY_ROUNDS, MarginChange, PartnerScheduled,
    PenaltyScheduled, ProviderMargin, RISK_PROOF_NOTE, RiskAttested, RiskGovernanceScheduled,
    RiskPublication, RiskPublished, RiskRefuted, Swept, parse_reference,
};

// Scenarios, modules, the circuit breaker and its escrows, `era status` (group g-scen).
mod breaker;
mod domains;
mod escrow;
mod modules;
mod scenarios;
mod status;
pub use breaker::{BreakerStatus, ChannelCheck, Reopening, Tripped};
pub use domains::{DOMAINS, DomainStatus, DomainsStatus, MinNodesScheduled, SYNC_BATCH, Synced};
pub use escrow::{Escrow, EscrowList, Refunded, Settlement};
pub use modules::{
    Module, ModuleList, ModuleSchedule, NewModule, STANDARD_MODULES, StandardModule,
};
pub use scenarios::{
    NewScenario, PinScheduled, Resolution, Scenario, ScenarioChange, ScenarioList, ScenarioRef,
    Shares,
};
pub use status::{MarginParameters, NodeStatus, Status, TierStatus};

// Staking, tiers, pauses, governance, deployment and the dev chain (group g-stake).
mod deploy;
mod deployment;
mod devchain;
mod pause;
mod staking;
mod staking_slash;
mod staking_tier;
mod staking_withdraw;
pub use deploy::Start;
pub use deployment::{Deployed, Deployment, HyperlaneStack, Pending, RecordedVerifier};
pub use devchain::Warped;
pub use govern::{Executed, PendingOperations};
pub use pause::{Extension, PauseStatus, Paused, Until};
pub use staking::Deposit;
pub use staking_slash::NodeSlash;
pub use staking_tier::TierChange;
pub use staking_withdraw::{QueuedWithdrawal, WithdrawalChange, Withdrawals};
pub use timelock::fmt_scheduled;

// Rewards: the distributor's roots, disputes and claims, the Merkle tree of a root, and the
// inflows (revenue, inboxes) and invitations.
pub mod rewards;

// The standby pool and its call-in auction.
pub mod standby;

// Execution modes (issue 14): the engine's ledger and modes, atomic settlements, notarized logs,
// standard and async light actions.
pub mod exec;
pub mod light;
pub mod notary;
pub mod settle;

// The prover group: deploying the verifiers era-prover generates.
mod verifier;
pub use verifier::deploy_verifier;

// Derivatives of state assets (issue 15): node-voted rules, proven derivatives, adoptions,
// invocations and credit lines.
pub mod derivatives;
// The capability network (issue 15): components, invocations, attested improvements, penalties
// and absorptions.
pub mod capability;
// Cross-chain state weaving (issue 16): state units sent, relayed or proven, kept, and counted as
// votes by a Governor on the destination.
pub mod weave;
