//! The one table of the suite's contracts. Everything that lists them is generated from it: the
//! [`SuiteContract`] enum, the [`SuiteAddresses`] record, the deployment plan's order, revert
//! decoding ([`Revert`]) and the typed accessors of [`Client`]. A contract added to the suite is
//! one row here (plus its constructor arguments in `plan.rs`).

use alloy::{
    primitives::{Address, Bytes, U256},
    providers::Provider,
    sol_types::{Panic, Revert as RevertString, SolError, SolInterface},
};
use serde::{Deserialize, Serialize};

use crate::{Client, revert::describe_error};

/// How a contract of the suite comes to exist.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin {
    /// Deployed by the plan, always.
    Deployed,
    /// Deployed only when the configuration names no existing ERA token.
    LocalToken,
    /// Deployed only when the configuration names a Hyperlane mailbox.
    WithMailbox,
    /// Created by another contract of the suite in its constructor, as that contract's `n`th
    /// `CREATE` (a contract's nonce starts at 1).
    CreatedBy(SuiteContract, u64),
}

macro_rules! suite_table {
    ($(
        $(#[doc = $doc:literal])*
        $contract:ident {
            field: $field:ident,
            revert: $revert:ident,
            errors: $errors:ident,
            instance: $instance:ident,
            origin: $origin:expr $(,)?
        }
    )*) => {
        /// A contract of the suite, in deployment order.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        pub enum SuiteContract {
            $( $(#[doc = $doc])* $contract, )*
        }

        impl SuiteContract {
            /// Every contract of the suite, in deployment order.
            pub const ALL: &'static [Self] = &[$(Self::$contract),*];

            /// The contract's name, as in the artifacts and the deployment record.
            pub const fn name(self) -> &'static str {
                match self { $(Self::$contract => stringify!($contract),)* }
            }

            /// The contract's field in [`SuiteAddresses`] (`staking`, `margin`, …).
            pub const fn field(self) -> &'static str {
                match self { $(Self::$contract => stringify!($field),)* }
            }

            /// How the contract comes to exist.
            pub const fn origin(self) -> Origin {
                use SuiteContract::*;
                match self { $(Self::$contract => $origin,)* }
            }

            /// `data` decoded as one of this contract's errors.
            fn decode_error(self, data: &[u8]) -> Option<Revert> {
                match self {
                    $(Self::$contract =>
                        era_bindings::$contract::$errors::abi_decode(data).ok().map(Revert::$revert),)*
                }
            }

            /// The signature (`StakeBelowTier(address,bytes32,uint256,uint256)`) of this
            /// contract's error with `selector`.
            pub(crate) fn error_signature(self, selector: [u8; 4]) -> Option<&'static str> {
                match self {
                    $(Self::$contract =>
                        era_bindings::$contract::$errors::signature_by_selector(selector),)*
                }
            }
        }

        /// Addresses of a deployed suite: every contract it deploys or creates (zero for one it
        /// does not have, e.g. the mirror without a mailbox).
        #[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
        pub struct SuiteAddresses {
            $( $(#[doc = $doc])* #[serde(default)] pub $field: Address, )*
        }

        impl SuiteAddresses {
            /// Where `contract` lives (zero if the suite has none).
            pub const fn get(&self, contract: SuiteContract) -> Address {
                match contract { $(SuiteContract::$contract => self.$field,)* }
            }

            fn put(&mut self, contract: SuiteContract, address: Address) {
                match contract { $(SuiteContract::$contract => self.$field = address,)* }
            }
        }

        /// Why a call or transaction did not return a value, with the suite's custom errors
        /// decoded by name so callers can match on them and failures print
        /// `StakeBelowTier(0x…, financial, …)`.
        ///
        /// Revert data is decoded against each contract of the table in order, except the
        /// timelock, which is tried last: it declares only OpenZeppelin's errors, which the
        /// suite's contracts inherit, so `AccessControlUnauthorizedAccount` raised by
        /// `ERAStaking` comes back as [`Revert::Staking`].
        #[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
        #[non_exhaustive]
        pub enum Revert {
            $(
                #[doc = concat!("A custom error that `", stringify!($contract), "` declares.")]
                #[error("{}", describe_error(&.0.abi_encode()))]
                $revert(era_bindings::$contract::$errors),
            )*
            /// `revert("…")` / `require(cond, "…")`.
            #[error("Error({0:?})")]
            Message(String),
            /// A Solidity panic (`0x11` overflow, `0x12` division by zero, …).
            #[error("Panic({0:#x})")]
            Panic(U256),
            /// Revert data the suite's contracts do not declare (decode it with
            /// [`Revert::custom`]), or none at all.
            #[error("{}", describe_error(.0))]
            Unknown(Bytes),
            /// The EVM stopped the call (out of gas, invalid opcode, stack overflow, …).
            #[error("halted: {0}")]
            Halt(String),
            /// The transaction was rejected before it ran (nonce, balance, chain id, gas
            /// limit); it changed nothing, not even the sender's nonce.
            #[error("invalid transaction: {0}")]
            Invalid(String),
            /// The call succeeded but returned data that does not decode as the call's type.
            #[error("return data {data} does not decode: {reason}")]
            BadReturn {
                /// The data returned.
                data: Bytes,
                /// The decoder's complaint.
                reason: String,
            },
        }

        impl Revert {
            /// The revert data, if the call reverted (rather than halted or being rejected).
            pub fn data(&self) -> Option<Bytes> {
                Some(match self {
                    $(Self::$revert(e) => e.abi_encode().into(),)*
                    Self::Message(reason) => {
                        RevertString { reason: reason.clone() }.abi_encode().into()
                    }
                    Self::Panic(code) => Panic { code: *code }.abi_encode().into(),
                    Self::Unknown(data) => data.clone(),
                    Self::Halt(_) | Self::Invalid(_) | Self::BadReturn { .. } => return None,
                })
            }

            /// The contract whose declared error this is.
            pub const fn contract(&self) -> Option<SuiteContract> {
                match self {
                    $(Self::$revert(_) => Some(SuiteContract::$contract),)*
                    _ => None,
                }
            }
        }

        impl<P: Provider> Client<P> {
            $(
                #[doc = concat!("`", stringify!($contract), "` at its recorded address.")]
                pub fn $field(&self) -> era_bindings::$contract::$instance<&P> {
                    era_bindings::$contract::new(self.addresses.$field, &self.provider)
                }
            )*
        }
    };
}

suite_table! {
    /// OpenZeppelin `TimelockController`: owns every parameter.
    TimelockController {
        field: timelock,
        revert: Timelock,
        errors: TimelockControllerErrors,
        instance: TimelockControllerInstance,
        origin: Origin::Deployed,
    }
    /// The ERA token: a local `ERAToken`, or the existing token the configuration names.
    ERAToken {
        field: era,
        revert: Token,
        errors: ERATokenErrors,
        instance: ERATokenInstance,
        origin: Origin::LocalToken,
    }
    /// `ERAStaking`: nodes, stakes, delegations, tiers.
    ERAStaking {
        field: staking,
        revert: Staking,
        errors: ERAStakingErrors,
        instance: ERAStakingInstance,
        origin: Origin::Deployed,
    }
    /// `RewardsDistributor`: rewards roots, claims and funding.
    RewardsDistributor {
        field: distributor,
        revert: Distributor,
        errors: RewardsDistributorErrors,
        instance: RewardsDistributorInstance,
        origin: Origin::Deployed,
    }
    // flows (E1): the inboxes the registries pay (after the distributor, before the registries).
    /// `RewardsInbox` "authorization-fees": the assets registry's treasury.
    AuthorizationFeesInbox {
        field: fees_inbox,
        revert: FeesInbox,
        errors: RewardsInboxErrors,
        instance: RewardsInboxInstance,
        origin: Origin::Deployed,
    }
    /// `RewardsInbox` "scenario-costs": the scenario registry's node pool.
    ScenarioCostsInbox {
        field: costs_inbox,
        revert: CostsInbox,
        errors: RewardsInboxErrors,
        instance: RewardsInboxInstance,
        origin: Origin::Deployed,
    }
    /// `ModuleRegistry`: the security modules.
    ModuleRegistry {
        field: modules,
        revert: Modules,
        errors: ModuleRegistryErrors,
        instance: ModuleRegistryInstance,
        origin: Origin::Deployed,
    }
    /// `ScenarioRegistry`: scenarios and risk domains; creates the `CircuitBreaker`.
    ScenarioRegistry {
        field: scenarios,
        revert: Scenarios,
        errors: ScenarioRegistryErrors,
        instance: ScenarioRegistryInstance,
        origin: Origin::Deployed,
    }
    /// `CircuitBreaker` between risk domains, created by the scenario registry.
    CircuitBreaker {
        field: breaker,
        revert: Breaker,
        errors: CircuitBreakerErrors,
        instance: CircuitBreakerInstance,
        origin: Origin::CreatedBy(ScenarioRegistry, 1),
    }
    /// `StandbyPool`: standby nodes and the call-in auction of escalated scenarios.
    StandbyPool {
        field: standby,
        revert: Standby,
        errors: StandbyPoolErrors,
        instance: StandbyPoolInstance,
        origin: Origin::Deployed,
    }
    /// `ERAMargin`: cross-domain margin, partner freezes, slashing and risk features.
    ERAMargin {
        field: margin,
        revert: Margin,
        errors: ERAMarginErrors,
        instance: ERAMarginInstance,
        origin: Origin::Deployed,
    }
    /// `Invitations`: invites counted once the invitee pays in a scenario.
    Invitations {
        field: invitations,
        revert: Invitations,
        errors: InvitationsErrors,
        instance: InvitationsInstance,
        origin: Origin::Deployed,
    }
    /// `UnitSender`: reads a fact of this chain (a tier, a role, a contribution, past voting
    /// power; asset units from the registry), records it as a state unit and sends it.
    UnitSender {
        field: unit_sender,
        revert: UnitSender,
        errors: UnitSenderErrors,
        instance: UnitSenderInstance,
        origin: Origin::Deployed,
    }
    /// `StateAssetRegistry`: state assets and their authorizations.
    StateAssetRegistry {
        field: assets,
        revert: Assets,
        errors: StateAssetRegistryErrors,
        instance: StateAssetRegistryInstance,
        origin: Origin::Deployed,
    }
    /// `UnitReceiver`: the state units of other rollups this chain keeps (`hasUnit`).
    UnitReceiver {
        field: unit_receiver,
        revert: UnitReceiver,
        errors: UnitReceiverErrors,
        instance: UnitReceiverInstance,
        origin: Origin::Deployed,
    }
    /// `HyperlaneUnitRoute`: the receiver's route of Hyperlane messages (only with a mailbox).
    HyperlaneUnitRoute {
        field: unit_route,
        revert: UnitRoute,
        errors: HyperlaneUnitRouteErrors,
        instance: HyperlaneUnitRouteInstance,
        origin: Origin::WithMailbox,
    }
    // flows (E1): revenue sharing and invitations.
    /// `StorageProofUnitRoute`: the receiver's route of storage proofs against the origin's
    /// posted block hashes (no validator set).
    StorageProofUnitRoute {
        field: proof_route,
        revert: ProofRoute,
        errors: StorageProofUnitRouteErrors,
        instance: StorageProofUnitRouteInstance,
        origin: Origin::Deployed,
    }
    /// `ScenarioRevenue`: a scenario's revenue, split between its nodes and its developer.
    ScenarioRevenue {
        field: revenue,
        revert: Revenue,
        errors: ScenarioRevenueErrors,
        instance: ScenarioRevenueInstance,
        origin: Origin::Deployed,
    }
    /// `SettlementEngine`: execution modes (atomic, notarized, standard, async) over one ledger.
    SettlementEngine {
        field: engine,
        revert: Engine,
        errors: SettlementEngineErrors,
        instance: SettlementEngineInstance,
        origin: Origin::Deployed,
    }
    /// `DerivativeRegistry`: derivatives of state assets under node-voted rules, their adoptions,
    /// invocations and credit lines.
    DerivativeRegistry {
        field: derivatives,
        revert: Derivatives,
        errors: DerivativeRegistryErrors,
        instance: DerivativeRegistryInstance,
        origin: Origin::Deployed,
    }
    /// `CapabilityRegistry`: the capability network's components, their invocations, attested
    /// improvements paid from the evolution pool, penalties and absorptions.
    CapabilityRegistry {
        field: capabilities,
        revert: Capabilities,
        errors: CapabilityRegistryErrors,
        instance: CapabilityRegistryInstance,
        origin: Origin::Deployed,
    }
    /// `ScenarioFactory`: scenario projects' contracts as ERC-1167 clones (or beacon proxies) at
    /// CREATE2 addresses salted by their deployer (`era scenario new`'s projects deploy through it).
    ScenarioFactory {
        field: factory,
        revert: Factory,
        errors: ScenarioFactoryErrors,
        instance: ScenarioFactoryInstance,
        origin: Origin::Deployed,
    }
    /// `RiskFeaturesVerifier`: the Groth16 verifier of era-prover's risk-features circuit.
    RiskFeaturesVerifier {
        field: risk_verifier,
        revert: RiskVerifier,
        errors: RiskFeaturesVerifierErrors,
        instance: RiskFeaturesVerifierInstance,
        origin: Origin::Deployed,
    }
    /// `RiskFeed`: providers' risk features, proven from committed incident records by their
    /// partners and attested by staked nodes; `riskOf` is the latest proven set with its backing.
    RiskFeed {
        field: risk_feed,
        revert: RiskFeed,
        errors: RiskFeedErrors,
        instance: RiskFeedInstance,
        origin: Origin::Deployed,
    }
}

impl SuiteAddresses {
    /// Records that `contract` lives at `address`, with the contracts it creates.
    pub fn set(&mut self, contract: SuiteContract, address: Address) {
        self.put(contract, address);
        for created in SuiteContract::ALL {
            if let Origin::CreatedBy(creator, nonce) = created.origin()
                && creator == contract
            {
                self.put(*created, address.create(nonce));
            }
        }
    }

    /// Every contract with its address, zero ones included, in table order.
    pub fn iter(&self) -> impl Iterator<Item = (SuiteContract, Address)> + '_ {
        SuiteContract::ALL.iter().map(|c| (*c, self.get(*c)))
    }

    /// The contract of the suite at `address`, if any.
    pub fn contract_at(&self, address: Address) -> Option<SuiteContract> {
        self.iter().find(|(_, a)| *a == address && !a.is_zero()).map(|(c, _)| c)
    }
}

impl Revert {
    /// Decodes the revert data of a reverted call.
    pub fn from_revert_data(data: Bytes) -> Self {
        let last = SuiteContract::TimelockController;
        let order = SuiteContract::ALL.iter().copied().filter(|c| *c != last).chain([last]);
        for contract in order {
            if let Some(revert) = contract.decode_error(&data) {
                return revert;
            }
        }
        if let Ok(e) = RevertString::abi_decode(&data) {
            Self::Message(e.reason)
        } else if let Ok(p) = Panic::abi_decode(&data) {
            Self::Panic(p.code)
        } else {
            Self::Unknown(data)
        }
    }

    /// The revert data decoded as one of `E`'s errors: for contracts outside the suite's table,
    /// e.g. `err.custom::<OnTimeVerifier::OnTimeVerifierErrors>()`.
    pub fn custom<E: SolInterface>(&self) -> Option<E> {
        E::abi_decode(&self.data()?).ok()
    }

    /// The error's name (`StakeBelowTier`, `Error`, `Panic`), if the call reverted with a known
    /// error.
    pub fn name(&self) -> Option<&'static str> {
        match self {
            Self::Message(_) => Some("Error"),
            Self::Panic(_) => Some("Panic"),
            _ => {
                let data = self.data()?;
                let selector = <[u8; 4]>::try_from(data.get(..4)?).ok()?;
                let signature = self.contract()?.error_signature(selector)?;
                signature.split_once('(').map(|(name, _)| name)
            }
        }
    }
}
