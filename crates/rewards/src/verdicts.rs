//! Verification accuracy from on-chain verdicts: a verdict given in the epoch counts once it is
//! settled by the epoch's end (final, or a dispute resolved by governance); it is right when it
//! agrees with the settled outcome. A verdict awaiting its guardian, or disputed and unresolved,
//! at the epoch's end counts neither way.

use std::collections::BTreeMap;

use alloy::primitives::{Address, B256, U256};

/// `VerdictStatus.Final` and `.Disputed` (contracts/interfaces/IScenarioRegistry.sol).
const FINAL: u8 = 2;
const DISPUTED: u8 = 3;

/// One subject's verdicts.
#[derive(Clone, Debug)]
struct Case {
    core: Address,
    core_valid: bool,
    /// Whether the core's verdict was given in the epoch (else only the guardian's counts).
    core_in_epoch: bool,
    guardian: Option<(Address, bool)>,
    /// Settled outcome.
    outcome: Option<bool>,
}

/// Verdicts of the epoch and how they were settled.
#[derive(Clone, Debug, Default)]
pub(crate) struct Verdicts {
    cases: BTreeMap<(U256, B256), Case>,
}

/// Right and total verdicts of one node.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Score {
    pub(crate) right: u64,
    pub(crate) total: u64,
}

impl Verdicts {
    pub(crate) fn submitted(
        &mut self,
        key: (U256, B256),
        node: Address,
        valid: bool,
        in_epoch: bool,
        finance: bool,
    ) {
        let outcome = (!finance).then_some(valid);
        self.cases.insert(
            key,
            Case {
                core: node,
                core_valid: valid,
                core_in_epoch: in_epoch,
                guardian: None,
                outcome,
            },
        );
    }

    pub(crate) fn reverified(
        &mut self,
        key: (U256, B256),
        guardian: Address,
        status: u8,
        in_epoch: bool,
    ) {
        if let Some(case) = self.cases.get_mut(&key) {
            let agrees = status == FINAL;
            if in_epoch {
                case.guardian = Some((guardian, case.core_valid == agrees));
            }
            if status == FINAL {
                case.outcome = Some(case.core_valid);
            } else if status != DISPUTED {
                case.outcome = None;
            }
        }
    }

    pub(crate) fn resolved(&mut self, key: (U256, B256), valid: bool) {
        if let Some(case) = self.cases.get_mut(&key) {
            case.outcome = Some(valid);
        }
    }

    /// Each node's score over the epoch's settled verdicts.
    pub(crate) fn scores(&self) -> BTreeMap<Address, Score> {
        let mut scores = BTreeMap::<Address, Score>::new();
        for case in self.cases.values() {
            let Some(outcome) = case.outcome else { continue };
            let mut count = |node: Address, valid: bool| {
                let s = scores.entry(node).or_default();
                s.total += 1;
                s.right += u64::from(valid == outcome);
            };
            if case.core_in_epoch {
                count(case.core, case.core_valid);
            }
            if let Some((guardian, valid)) = case.guardian {
                count(guardian, valid);
            }
        }
        scores
    }
}
