//! The logs the rules read, decoded with the suite's event types into what the rules need.

use alloy::{
    primitives::{Address, B256, U256},
    sol_types::SolEvent,
};
use era_bindings::{
    ERAStaking, Invitations, RewardsDistributor, ScenarioRegistry, StateAssetRegistry,
    revenue::ScenarioRevenue,
};

use crate::{IndexedLog, Sources};

/// A decoded log, reduced to the fields the rules use.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Event {
    Deposited { node: Address, account: Address, amount: U256 },
    WithdrawalQueued { account: Address, node: Address, amount: U256 },
    NodeSlashed { node: Address, wad: U256 },
    ScenarioRegistered { scenario: U256, developer: Address, domain: u8 },
    NodeEnrolled { scenario: U256, node: Address, role: u8 },
    VerdictSubmitted { scenario: U256, subject: B256, node: Address, valid: bool },
    VerdictReverified { scenario: U256, subject: B256, guardian: Address, status: u8 },
    DisputeResolved { scenario: U256, subject: B256, valid: bool },
    CostPaid { payer: Address, amount: U256 },
    ScenarioTransfer { from_scenario: U256, to_scenario: U256, from: Address },
    AssetRegistered { asset: B256, owner: Address },
    Authorized { asset: B256, payer: Address, fee: U256 },
    Exported { asset: B256, message: B256 },
    Funded { source: B256, amount: U256 },
    RevenuePaid { scenario: U256, payer: Address, amount: U256, to_nodes: U256 },
    Invited { inviter: Address, invitee: Address },
    InviteAccepted { invitee: Address, inviter: Address },
    AssetPledged { asset: B256, owner: Address, node: Address, anchor: U256 },
    AssetUnpledged { asset: B256 },
}

/// `E`'s data if `log` is an `E` (by its first topic) and decodes.
fn decoded<E: SolEvent>(log: &IndexedLog) -> Option<E> {
    if log.topics.first() != Some(&E::SIGNATURE_HASH) {
        return None;
    }
    E::decode_log(&log.to_log()).ok().map(|l| l.data)
}

impl Event {
    /// The event `log` is, if the rules read it from its emitter; `None` otherwise.
    pub(crate) fn decode(log: &IndexedLog, sources: &Sources) -> Option<Self> {
        let at = log.address;
        if at.is_zero() {
            return None;
        }
        if at == sources.staking {
            Self::staking(log)
        } else if at == sources.scenarios {
            Self::scenarios(log)
        } else if at == sources.assets {
            Self::assets(log)
        } else if at == sources.distributor {
            decoded::<RewardsDistributor::Funded>(log)
                .map(|e| Self::Funded { source: e.source, amount: e.amount })
        } else if at == sources.revenue {
            decoded::<ScenarioRevenue::RevenuePaid>(log).map(|e| Self::RevenuePaid {
                scenario: e.scenarioId,
                payer: e.payer,
                amount: e.amount,
                to_nodes: e.toNodes,
            })
        } else if at == sources.invitations {
            Self::invitations(log)
        } else {
            None
        }
    }

    fn staking(log: &IndexedLog) -> Option<Self> {
        use ERAStaking::*;
        if let Some(e) = decoded::<Deposited>(log) {
            return Some(Self::Deposited { node: e.node, account: e.account, amount: e.amount });
        }
        if let Some(e) = decoded::<WithdrawalQueued>(log) {
            return Some(Self::WithdrawalQueued {
                account: e.account,
                node: e.node,
                amount: e.amount,
            });
        }
        decoded::<NodeSlashed>(log).map(|e| Self::NodeSlashed { node: e.node, wad: e.wad })
    }

    fn scenarios(log: &IndexedLog) -> Option<Self> {
        use ScenarioRegistry::*;
        if let Some(e) = decoded::<ScenarioRegistered>(log) {
            return Some(Self::ScenarioRegistered {
                scenario: e.scenarioId,
                developer: e.developer,
                domain: e.domain,
            });
        }
        if let Some(e) = decoded::<NodeEnrolled>(log) {
            return Some(Self::NodeEnrolled { scenario: e.scenarioId, node: e.node, role: e.role });
        }
        if let Some(e) = decoded::<VerdictSubmitted>(log) {
            return Some(Self::VerdictSubmitted {
                scenario: e.scenarioId,
                subject: e.subject,
                node: e.node,
                valid: e.valid,
            });
        }
        if let Some(e) = decoded::<VerdictReverified>(log) {
            return Some(Self::VerdictReverified {
                scenario: e.scenarioId,
                subject: e.subject,
                guardian: e.guardian,
                status: e.status,
            });
        }
        if let Some(e) = decoded::<DisputeResolved>(log) {
            return Some(Self::DisputeResolved {
                scenario: e.scenarioId,
                subject: e.subject,
                valid: e.valid,
            });
        }
        if let Some(e) = decoded::<CostPaid>(log) {
            let amount = e.toNodes + e.toDeveloper + e.toUsers;
            return Some(Self::CostPaid { payer: e.payer, amount });
        }
        decoded::<ScenarioTransfer>(log).map(|e| Self::ScenarioTransfer {
            from_scenario: e.fromScenario,
            to_scenario: e.toScenario,
            from: e.from,
        })
    }

    fn assets(log: &IndexedLog) -> Option<Self> {
        use StateAssetRegistry::*;
        if let Some(e) = decoded::<AssetRegistered>(log) {
            return Some(Self::AssetRegistered { asset: e.assetId, owner: e.owner });
        }
        if let Some(e) = decoded::<Authorized>(log) {
            return Some(Self::Authorized { asset: e.assetId, payer: e.payer, fee: e.fee });
        }
        if let Some(e) = decoded::<AssetStatusExported>(log) {
            return Some(Self::Exported { asset: e.assetId, message: e.messageId });
        }
        if let Some(e) = decoded::<AuthorizationExported>(log) {
            return Some(Self::Exported { asset: e.assetId, message: e.messageId });
        }
        if let Some(e) = decoded::<StateAssetRegistry::AssetPledged>(log) {
            return Some(Self::AssetPledged {
                asset: e.assetId,
                owner: e.owner,
                node: e.node,
                anchor: e.anchor,
            });
        }
        decoded::<StateAssetRegistry::AssetUnpledged>(log)
            .map(|e| Self::AssetUnpledged { asset: e.assetId })
    }

    fn invitations(log: &IndexedLog) -> Option<Self> {
        if let Some(e) = decoded::<Invitations::Invited>(log) {
            return Some(Self::Invited { inviter: e.inviter, invitee: e.invitee });
        }
        decoded::<Invitations::InviteAccepted>(log)
            .map(|e| Self::InviteAccepted { invitee: e.invitee, inviter: e.inviter })
    }
}
