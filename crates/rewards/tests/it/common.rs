//! A chain of suite logs built by hand from the real event types, one log per block.

use alloy::{
    primitives::{Address, B256, U256},
    sol_types::SolEvent,
};
use era_bindings::{
    ERAStaking, Invitations, RewardsDistributor, ScenarioRegistry, StateAssetRegistry,
    revenue::ScenarioRevenue,
};
use era_rewards::{IndexedLog, Metrics, Rewards, Rules, Sources, compute, rules::DAY};

pub(crate) use era_rewards::amount::{centi_era, era};

/// Where the suite's contracts are in these tests.
pub(crate) const SOURCES: Sources = Sources {
    staking: Address::repeat_byte(0xA1),
    scenarios: Address::repeat_byte(0xA2),
    assets: Address::repeat_byte(0xA3),
    distributor: Address::repeat_byte(0xA4),
    revenue: Address::repeat_byte(0xA5),
    invitations: Address::repeat_byte(0xA6),
};

/// `Domain`s and `Role`s of IScenarioRegistry.
pub(crate) const LIGHT: u8 = 1;
pub(crate) const FINANCIAL: u8 = 3;
pub(crate) const CORE: u8 = 1;
pub(crate) const GUARDIAN: u8 = 2;

/// A test account.
pub(crate) fn acct(n: u64) -> Address {
    let mut bytes = [0u8; 20];
    bytes[..8].copy_from_slice(&n.to_be_bytes());
    bytes[19] = 0x11;
    Address::from(bytes)
}

/// Epoch 0's start under the default rules.
pub(crate) fn start() -> u64 {
    Rules::default().epoch_start
}

/// Logs being written, one a block, at a clock the test moves.
pub(crate) struct Logs {
    pub(crate) logs: Vec<IndexedLog>,
    pub(crate) now: u64,
}

impl Logs {
    /// Starting a day before epoch 0.
    pub(crate) fn new() -> Self {
        Self { logs: Vec::new(), now: start() - DAY }
    }

    /// Moves the clock to `t`.
    pub(crate) fn at(&mut self, t: u64) -> &mut Self {
        self.now = t;
        self
    }

    pub(crate) fn emit<E: SolEvent>(&mut self, address: Address, event: E) -> &mut Self {
        let block = self.logs.len() as u64 + 1;
        self.logs.push(IndexedLog::of_event(address, &event, block, 0, self.now));
        self
    }

    pub(crate) fn deposit(&mut self, node: Address, account: Address, amount: U256) -> &mut Self {
        self.emit(SOURCES.staking, ERAStaking::Deposited { node, account, amount, shares: amount })
    }

    pub(crate) fn withdraw(&mut self, node: Address, account: Address, amount: U256) -> &mut Self {
        let e = ERAStaking::WithdrawalQueued { account, id: U256::ZERO, node, amount, readyAt: 0 };
        self.emit(SOURCES.staking, e)
    }

    pub(crate) fn register(&mut self, id: u64, developer: Address, domain: u8) -> &mut Self {
        let e = ScenarioRegistry::ScenarioRegistered {
            scenarioId: U256::from(id),
            name: B256::with_last_byte(id as u8),
            developer,
            domain,
            baseModule: 1,
            nodesBps: 4_000,
            developerBps: 3_000,
            usersBps: 3_000,
        };
        self.emit(SOURCES.scenarios, e)
    }

    pub(crate) fn enroll(&mut self, id: u64, node: Address, role: u8) -> &mut Self {
        let e = ScenarioRegistry::NodeEnrolled {
            scenarioId: U256::from(id),
            node,
            role,
            stake: U256::ZERO,
        };
        self.emit(SOURCES.scenarios, e)
    }

    pub(crate) fn verdict(
        &mut self,
        id: u64,
        subject: u8,
        node: Address,
        valid: bool,
    ) -> &mut Self {
        let e = ScenarioRegistry::VerdictSubmitted {
            scenarioId: U256::from(id),
            subject: B256::with_last_byte(subject),
            node,
            valid,
        };
        self.emit(SOURCES.scenarios, e)
    }

    /// `payer` pays 10 ERA of a security cost: enough to complete an invite.
    pub(crate) fn cost(&mut self, payer: Address) -> &mut Self {
        self.cost_of(payer, era(10))
    }

    pub(crate) fn cost_of(&mut self, payer: Address, amount: U256) -> &mut Self {
        let e = ScenarioRegistry::CostPaid {
            scenarioId: U256::from(1),
            payer,
            toNodes: amount,
            toDeveloper: U256::ZERO,
            toUsers: U256::ZERO,
        };
        self.emit(SOURCES.scenarios, e)
    }

    pub(crate) fn authorized(&mut self, payer: Address) -> &mut Self {
        let e = StateAssetRegistry::Authorized {
            assetId: B256::repeat_byte(1),
            consumer: B256::repeat_byte(2),
            payer,
            expiry: 0,
            fee: era(10),
            ownerReward: U256::ZERO,
            developerReward: U256::ZERO,
            protocolShare: U256::ZERO,
            coefficient: 0,
        };
        self.emit(SOURCES.assets, e)
    }

    pub(crate) fn revenue(
        &mut self,
        id: u64,
        payer: Address,
        amount: U256,
        to_nodes: U256,
    ) -> &mut Self {
        let e = ScenarioRevenue::RevenuePaid {
            scenarioId: U256::from(id),
            payer,
            amount,
            toNodes: to_nodes,
            toDeveloper: amount - to_nodes,
        };
        self.emit(SOURCES.revenue, e)
    }

    pub(crate) fn invite(&mut self, inviter: Address, invitee: Address) -> &mut Self {
        self.emit(SOURCES.invitations, Invitations::Invited { inviter, invitee })
    }

    pub(crate) fn accept(&mut self, invitee: Address, inviter: Address) -> &mut Self {
        self.emit(SOURCES.invitations, Invitations::InviteAccepted { invitee, inviter })
    }

    pub(crate) fn asset(&mut self, asset: u8, owner: Address) -> &mut Self {
        let e = StateAssetRegistry::AssetRegistered {
            assetId: B256::repeat_byte(asset),
            owner,
            schemaId: B256::ZERO,
            commitment: U256::ZERO,
            stake: era(10_000),
        };
        self.emit(SOURCES.assets, e)
    }

    pub(crate) fn pledge(
        &mut self,
        asset: u8,
        owner: Address,
        node: Address,
        anchor: U256,
    ) -> &mut Self {
        let e = StateAssetRegistry::AssetPledged {
            assetId: B256::repeat_byte(asset),
            owner,
            node,
            anchor,
        };
        self.emit(SOURCES.assets, e)
    }

    pub(crate) fn unpledge(&mut self, asset: u8, owner: Address, node: Address) -> &mut Self {
        let e =
            StateAssetRegistry::AssetUnpledged { assetId: B256::repeat_byte(asset), owner, node };
        self.emit(SOURCES.assets, e)
    }

    pub(crate) fn funded(&mut self, source: &str, amount: U256) -> &mut Self {
        let e = RewardsDistributor::Funded {
            from: acct(999),
            source: era_rewards::rules::source_tag(source),
            amount,
            funded: amount,
        };
        self.emit(SOURCES.distributor, e)
    }

    /// Epoch `metrics.epoch` under `rules`.
    pub(crate) fn compute_with(
        &self,
        rules: Rules,
        metrics: &Metrics,
        previous: Option<&Rewards>,
    ) -> Rewards {
        compute(self.logs.clone(), rules, SOURCES, metrics, B256::ZERO, previous).expect("computes")
    }

    /// Epoch 0 under the default rules and `metrics`.
    pub(crate) fn epoch0(&self, metrics: &Metrics) -> Rewards {
        self.compute_with(Rules::default(), metrics, None)
    }
}

/// An account's amount for `rule` (zero without such a line).
pub(crate) fn paid(rewards: &Rewards, account: Address, rule: era_rewards::Rule) -> U256 {
    rewards
        .accounts
        .get(&account)
        .map_or(U256::ZERO, |a| a.lines.iter().filter(|l| l.rule == rule).map(|l| l.amount).sum())
}

/// Metrics for epoch 0 with nothing in them.
pub(crate) fn no_metrics() -> Metrics {
    Metrics::default()
}
