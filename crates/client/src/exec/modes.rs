//! Each scenario's execution mode in the settlement engine: what it runs in now and why, its
//! developer's declaration of the modes it allows, governance's base mode, and pauses.

use std::fmt;

use alloy::{primitives::Address, providers::Provider, sol_types::SolCall};
use era_bindings::SettlementEngine;
use serde::Serialize;

use crate::{
    Client, ExecutionMode, Operation, RiskDomain, ScenarioId, Sent, error::Result, refuse,
    timelock::fmt_scheduled, tx::send,
};

/// The bit set of `modes` as the engine takes it (bit `1 << mode` each).
pub fn mode_bits(modes: &[ExecutionMode]) -> u8 {
    modes.iter().fold(0, |bits, mode| bits | 1 << u8::from(*mode))
}

/// The modes in the bit set `bits`, heaviest first.
fn modes_in(bits: u8) -> Vec<ExecutionMode> {
    ExecutionMode::ALL.iter().copied().filter(|m| bits & mode_bits(&[*m]) != 0).collect()
}

/// Which mode a scenario runs in, and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ModeStatus {
    /// The scenario.
    pub scenario: ScenarioId,
    /// Its risk domain.
    pub domain: RiskDomain,
    /// The mode it runs in now.
    pub mode: ExecutionMode,
    /// Its mode outside surges (a governance parameter).
    pub base: ExecutionMode,
    /// The modes its developer allows, heaviest first.
    pub allowed: Vec<ExecutionMode>,
    /// The lightest mode its domain permits.
    pub floor: ExecutionMode,
    /// A surge has it escalated: it runs in its lightest allowed mode until the cool-down ends.
    pub escalated: bool,
    /// Node signatures a notarized entry needs.
    pub quorum: u16,
    /// The guardian paused its executions.
    pub paused: bool,
    /// Whether the developer declared the modes (otherwise its domain's default applies).
    pub declared: bool,
}

impl fmt::Display for ModeStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let why = if self.mode != self.base {
            "escalated: its lightest allowed mode until the cool-down ends"
        } else if self.escalated {
            "escalated, but it allows no lighter mode"
        } else {
            "its base mode"
        };
        writeln!(
            f,
            "scenario #{} ({} domain) runs {} ({why})",
            self.scenario, self.domain, self.mode
        )?;
        let names: Vec<String> = self.allowed.iter().map(ToString::to_string).collect();
        let origin = if self.declared { "declared" } else { "the domain's default" };
        writeln!(
            f,
            "  allowed   {} ({origin}; the domain permits down to {})",
            names.join(", "),
            self.floor
        )?;
        writeln!(f, "  base      {}", self.base)?;
        if self.allowed.contains(&ExecutionMode::Notarized) {
            writeln!(f, "  quorum    {} node signatures per entry", self.quorum)?;
        }
        write!(f, "  paused    {}", if self.paused { "yes (the guardian paused it)" } else { "no" })
    }
}

/// A developer's declaration of the modes its scenario allows.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ModesDeclared {
    /// The scenario's modes afterwards.
    pub status: ModeStatus,
    /// The transaction.
    pub tx: Sent,
}

impl fmt::Display for ModesDeclared {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{}", self.status)?;
        write!(f, "  tx        {}", self.tx.tx_hash)
    }
}

/// A base mode scheduled on the timelock.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BaseModeScheduled {
    /// The scenario.
    pub scenario: ScenarioId,
    /// Its base mode now.
    pub old_mode: ExecutionMode,
    /// Its base mode once executed.
    pub new_mode: ExecutionMode,
    /// The timelock operation.
    pub operation: Operation,
    /// The scheduling transaction.
    pub tx: Sent,
}

impl fmt::Display for BaseModeScheduled {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "scheduled scenario #{}'s base mode: {} -> {}",
            self.scenario, self.old_mode, self.new_mode
        )?;
        fmt_scheduled(f, &self.operation)?;
        write!(f, "  tx           {}", self.tx.tx_hash)
    }
}

/// A scenario paused by the guardian, or its unpause scheduled on the timelock.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ScenarioPause {
    /// The scenario.
    pub scenario: ScenarioId,
    /// Paused (true) or the unpause scheduled (false).
    pub paused: bool,
    /// The timelock operation of an unpause.
    pub operation: Option<Operation>,
    /// The transaction.
    pub tx: Sent,
}

impl fmt::Display for ScenarioPause {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.operation {
            None => writeln!(f, "paused scenario #{}'s executions", self.scenario)?,
            Some(operation) => {
                writeln!(f, "scheduled unpausing scenario #{}'s executions", self.scenario)?;
                fmt_scheduled(f, operation)?;
            }
        }
        write!(f, "  tx           {}", self.tx.tx_hash)
    }
}

impl<P: Provider> Client<P> {
    /// Which mode scenario `id` runs in, and why.
    pub async fn mode_status(&self, id: ScenarioId) -> Result<ModeStatus> {
        let engine = self.engine();
        let config = engine.modeConfig(id.to_u256()).call().await?;
        let mode = engine.modeOf(id.to_u256()).call().await?;
        let escalated = self.scenarios().escalated(id.to_u256()).call().await?;
        let domain = RiskDomain::try_from(config.domain)?;
        let floor = engine.floorOf(config.domain).call().await?;
        Ok(ModeStatus {
            scenario: id,
            domain,
            mode: ExecutionMode::try_from(mode)?,
            base: ExecutionMode::try_from(config.base)?,
            allowed: modes_in(config.allowed),
            floor: ExecutionMode::try_from(floor)?,
            escalated,
            quorum: config.quorum,
            paused: config.paused,
            declared: config.declared,
        })
    }

    /// Scenario `id`'s developer `sender` declares the modes it allows (and the quorum of
    /// notarized entries). Refused for anyone else, an empty set, a mode lighter than the domain
    /// permits, or notarized without a quorum.
    pub async fn declare_modes(
        &self,
        sender: Address,
        id: ScenarioId,
        modes: &[ExecutionMode],
        quorum: u16,
    ) -> Result<ModesDeclared> {
        let scenario = self.scenarios().scenario(id.to_u256()).call().await?;
        if scenario.developer != sender {
            refuse!(
                "only scenario #{id}'s developer {} declares its modes, not {sender}",
                scenario.developer
            );
        }
        let modes: Vec<ExecutionMode> =
            modes.iter().copied().filter(|m| *m != ExecutionMode::None).collect();
        if modes.is_empty() {
            refuse!("name at least one mode: atomic, notarized, standard or async");
        }
        let domain = RiskDomain::try_from(scenario.domain)?;
        let floor = ExecutionMode::try_from(self.engine().floorOf(scenario.domain).call().await?)?;
        if let Some(light) = modes.iter().find(|m| **m > floor) {
            refuse!(
                "{light} is lighter than the {domain} domain permits: it allows down to {floor}"
            );
        }
        if modes.contains(&ExecutionMode::Notarized) && quorum == 0 {
            refuse!(
                "notarized execution needs a quorum: pass --quorum N (node signatures per entry)"
            );
        }
        let engine = self.engine();
        let tx = send("declareModes", engine.declareModes(id.to_u256(), mode_bits(&modes), quorum))
            .await?;
        Ok(ModesDeclared { status: self.mode_status(id).await?, tx })
    }

    /// `sender` schedules scenario `id`'s base mode on the timelock. Refused for a mode the
    /// scenario does not allow. `from_block`: the suite's deployment.
    pub async fn schedule_base_mode(
        &self,
        sender: Address,
        id: ScenarioId,
        mode: ExecutionMode,
        from_block: u64,
    ) -> Result<BaseModeScheduled> {
        let status = self.mode_status(id).await?;
        if !status.allowed.contains(&mode) {
            let allowed: Vec<String> = status.allowed.iter().map(ToString::to_string).collect();
            refuse!(
                "scenario #{id} does not allow {mode} (it allows {}): its developer declares modes with `era exec declare-modes`",
                allowed.join(", ")
            );
        }
        if status.base == mode {
            refuse!("scenario #{id}'s base mode is {mode} already: nothing to schedule");
        }
        let call =
            SettlementEngine::setBaseModeCall { scenarioId: id.to_u256(), mode: mode.into() };
        let calls = vec![(self.addresses.engine, call.abi_encode().into())];
        let (operation, tx) = self.propose(sender, calls, from_block).await?;
        Ok(BaseModeScheduled { scenario: id, old_mode: status.base, new_mode: mode, operation, tx })
    }

    /// The guardian `sender` pauses scenario `id`'s executions at once.
    pub async fn pause_scenario(&self, sender: Address, id: ScenarioId) -> Result<ScenarioPause> {
        let engine = self.engine();
        let role = engine.GUARDIAN_ROLE().call().await?;
        if !engine.hasRole(role, sender).call().await? {
            refuse!("{sender} is not the engine's guardian: only the guardian pauses a scenario");
        }
        if self.mode_status(id).await?.paused {
            refuse!("scenario #{id}'s executions are paused already");
        }
        let tx = send("pauseScenario", engine.pauseScenario(id.to_u256())).await?;
        Ok(ScenarioPause { scenario: id, paused: true, operation: None, tx })
    }

    /// `sender` schedules unpausing scenario `id` on the timelock (only governance loosens).
    pub async fn schedule_unpause_scenario(
        &self,
        sender: Address,
        id: ScenarioId,
        from_block: u64,
    ) -> Result<ScenarioPause> {
        if !self.mode_status(id).await?.paused {
            refuse!("scenario #{id}'s executions are not paused: nothing to unpause");
        }
        let call = SettlementEngine::unpauseScenarioCall { scenarioId: id.to_u256() };
        let calls = vec![(self.addresses.engine, call.abi_encode().into())];
        let (operation, tx) = self.propose(sender, calls, from_block).await?;
        Ok(ScenarioPause { scenario: id, paused: false, operation: Some(operation), tx })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bits_round_trip() {
        let modes = [ExecutionMode::Standard, ExecutionMode::Async];
        assert_eq!(mode_bits(&modes), 0x18);
        assert_eq!(modes_in(0x18), modes);
        assert_eq!(modes_in(mode_bits(&[ExecutionMode::Atomic])), [ExecutionMode::Atomic]);
    }

    #[test]
    fn modes_are_ordered_heaviest_first() {
        assert!(ExecutionMode::Atomic < ExecutionMode::Notarized);
        assert!(ExecutionMode::Standard < ExecutionMode::Async);
    }
}
