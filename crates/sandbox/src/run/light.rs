//! The runner's light actions (see [`crate::plan::LightPlan`]): players buying from a light
//! scenario's shop every step, through the same `era_client` calls as `era exec`: one
//! `execute_action` per purchase while the scenario runs in standard mode, a bonded executor's
//! `execute_async` batches while a surge has it in async mode (finalized once their window ends).
//! Each step's sample tells the mode, the transaction gas per action and how many actions one
//! block's gas limit holds at that cost: the throughput per block before and after the switch.

use std::ops::Range;

use alloy::{
    primitives::{Address, U256, keccak256},
    signers::local::PrivateKeySigner,
    sol_types::Eip712Domain,
};
use era_client::{
    ERA,
    light::{Action, LightChange},
};

use super::{RunError, Runner, chain_err};
use crate::{
    LightSample,
    accounts::{Actor, address},
    plan::{LightPlan, Plan},
};

/// `IExecutionModes.Mode.Async`, and the set {Standard, Async} (bits 1 << 3 | 1 << 4).
const ASYNC: u8 = 4;
const LIGHT_MODES: u8 = 0x18;

/// What the runner keeps for the light actions.
#[derive(Debug, Default)]
pub(super) struct Light {
    /// The players' keys (they sign; the harness needs no key to send).
    players: Vec<PrivateKeySigner>,
    executor: Address,
    domain: Option<Eip712Domain>,
    nonce: u64,
    /// Async batches not finalized yet.
    open: Vec<u64>,
    sample: Option<LightSample>,
}

/// The purchases per block of a run's light actions: the best step in standard mode and in async
/// mode (`None` for a mode that never ran).
pub fn light_throughput(report: &crate::Report) -> (Option<u64>, Option<u64>) {
    let best = |mode: &str| {
        let steps = report.samples.iter().flat_map(|s| s.scenarios.values());
        steps
            .filter_map(|s| s.light.as_ref())
            .filter(|l| l.mode == mode)
            .map(|l| l.actions_per_block)
            .max()
    };
    (best("standard"), best("async"))
}

/// What the plan's `[light]` table must satisfy beyond its scenario being known.
pub(crate) fn check(plan: &Plan, light: &LightPlan) -> Result<(), (Range<usize>, String)> {
    let s = plan.scenario(light.scenario.get_ref()).expect("checked known");
    if s.domain.get_ref() != "light" {
        let problem =
            format!("`{}` is not a light scenario: light actions need one", s.name.get_ref());
        return Err((light.scenario.span(), problem));
    }
    if *light.players.get_ref() == 0 {
        return Err((light.players.span(), "light actions need at least one player".into()));
    }
    if let Some(b) = &light.batch
        && !(1..=1_024).contains(b.get_ref())
    {
        return Err((b.span(), "an async batch holds 1 to 1,024 actions".into()));
    }
    Ok(())
}

/// Whole ERA the light actions hand out (players' deposits and the executor's bond).
pub(super) fn supply(plan: &Plan) -> u64 {
    plan.light.as_ref().map_or(0, |l| {
        let steps = plan.duration.get_ref() / plan.step.get_ref() + 1;
        u64::from(*l.players.get_ref()) * (steps + 1) + bond(l)
    })
}

/// The executor's bond: three steps of every player's purchase with the challengers' rewards.
fn bond(light: &LightPlan) -> u64 {
    u64::from(*light.players.get_ref()) * 4
}

fn signer(label: &str) -> PrivateKeySigner {
    PrivateKeySigner::from_bytes(&keccak256(label)).expect("a keccak hash is a valid key")
}

impl Runner<'_> {
    /// The scenario allows {Standard, Async}; players deposit; the executor bonds.
    pub(super) async fn setup_light(&mut self) -> Result<(), RunError> {
        let Some(light) = &self.plan.light else { return Ok(()) };
        let name = light.scenario.get_ref();
        let Some(id) = self.ids.get(name).copied() else { return Ok(()) };
        let k = self.plan.scenarios.iter().position(|s| s.name.get_ref() == name).unwrap_or(0);
        let developer = address(Actor::Developer, k as u32);
        // No `era` command declares modes on this branch yet: the developer calls the engine.
        self.acting.set(developer);
        let client = self.client.clone();
        let engine = client.engine();
        let sent =
            era_client::send("declareModes", engine.declareModes(id.to_u256(), LIGHT_MODES, 0))
                .await;
        self.tally("declareModes", sent)?;
        let steps = self.plan.duration.get_ref() / self.plan.step.get_ref() + 1;
        let (engine_at, era) = (self.suite.addresses().engine, self.suite.addresses().era);
        for i in 0..*light.players.get_ref() {
            let player = signer(&format!("era sandbox light player {i}"));
            let who = player.address();
            self.give(who, steps + 1)?;
            let amount = U256::from(steps + 1) * ERA;
            self.acting.set(who);
            let token = client.era();
            let approved = era_client::send("approve", token.approve(engine_at, amount)).await;
            self.tally("approve", approved)?;
            let deposited = era_client::send("deposit", engine.deposit(era, amount)).await;
            if self.tally("deposit", deposited)?.is_some() {
                self.flow("deposited", amount);
            }
            self.light.players.push(player);
        }
        let executor = signer("era sandbox executor").address();
        self.light.executor = executor;
        self.give(executor, bond(light))?;
        let bonded = self.as_(executor).bond(executor, U256::from(bond(light)) * ERA).await;
        self.tally("bond", bonded)?;
        self.light.domain = Some(Self::read(self.client.engine_domain().await)?);
        Ok(())
    }

    /// Every player buys once, in the mode the scenario runs in now.
    pub(super) async fn light_step(&mut self) -> Result<(), RunError> {
        let Some(light) = &self.plan.light else { return Ok(()) };
        let Some(id) = self.ids.get(light.scenario.get_ref()).copied() else { return Ok(()) };
        self.finalize_light().await?;
        let mode = self.client.engine().modeOf(id.to_u256()).call().await.map_err(chain_err)?;
        let r#async = mode == ASYNC;
        let now = Self::read(self.client.chain_time().await)?;
        let shop = address(Actor::Developer, u32::MAX - 1);
        let domain = self.light.domain.clone().unwrap_or_default();
        self.light.nonce += 1;
        let mut signed = Vec::new();
        for player in &self.light.players {
            let action = Action {
                scenario_id: id.to_u256(),
                from: player.address(),
                to: shop,
                token: self.suite.addresses().era,
                amount: ERA,
                nonce: U256::from(self.light.nonce),
                deadline: now + 3_600,
            };
            signed.push(action.sign(player, &domain, r#async).map_err(chain_err)?);
        }
        let mut changes = Vec::new();
        if r#async {
            let executor = self.light.executor;
            let batch = light.batch.as_ref().map_or(100, |b| *b.get_ref()) as usize;
            for chunk in signed.chunks(batch) {
                let sent =
                    self.as_(executor).execute_async(executor, id.to_u256(), chunk, true).await;
                if let Some(change) = self.tally("executeAsync", sent)? {
                    self.light.open.extend(change.batch);
                    changes.push((change, chunk.len() as u64));
                }
            }
        } else {
            let relayer = address(Actor::Developer, u32::MAX - 2);
            for s in &signed {
                let sent = self.as_(relayer).execute_action(s).await;
                if let Some(change) = self.tally("execute", sent)? {
                    changes.push((change, 1));
                }
            }
        }
        self.light.sample = Some(self.light_sample(r#async, &changes));
        Ok(())
    }

    /// The step's mode, gas per action and how many actions one block's gas limit holds.
    fn light_sample(&self, r#async: bool, changes: &[(LightChange, u64)]) -> LightSample {
        let actions: u64 = changes.iter().map(|(_, n)| n).sum();
        let gas: u64 = changes.iter().flat_map(|(c, _)| &c.txs).map(|t| t.gas_used).sum();
        let gas_per_action = gas.checked_div(actions).unwrap_or_default();
        let limit = self.chain().blocks().last().map_or(30_000_000, |b| b.gas_limit());
        LightSample {
            mode: if r#async { "async" } else { "standard" }.to_owned(),
            actions,
            gas_per_action,
            actions_per_block: limit.checked_div(gas_per_action).unwrap_or_default(),
        }
    }

    /// Finalizes the async batches whose window has ended (anyone may; the executor does).
    async fn finalize_light(&mut self) -> Result<(), RunError> {
        let now = Self::read(self.client.chain_time().await)?;
        let mut still_open = Vec::new();
        for id in std::mem::take(&mut self.light.open) {
            let b = self.client.engine().batchOf(U256::from(id)).call().await.map_err(chain_err)?;
            if now <= b.challengeEnd.to::<u64>() {
                still_open.push(id);
                continue;
            }
            let executor = self.light.executor;
            let finalized = self.as_(executor).finalize_batch(id).await;
            self.tally("finalize", finalized)?;
        }
        self.light.open = still_open;
        Ok(())
    }

    /// The light sample of the step for scenario `name`, once.
    pub(super) fn take_light_sample(&mut self, name: &str) -> Option<LightSample> {
        let light = self.plan.light.as_ref()?;
        if light.scenario.get_ref() != name {
            return None;
        }
        self.light.sample.take()
    }
}
