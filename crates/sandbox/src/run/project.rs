//! The runner's project contracts (see [`crate::project`]): at the end of setup (the plan's
//! scenarios are registered, so `@scenario.NAME` has an id) each `[[contract]]` is deployed by
//! the developer account, in the plan's order; each `[[call]]` is sent by it at its times. The
//! harness sends them directly: no CLI command deploys or calls a project's contract.

use alloy::{
    dyn_abi::JsonAbiExt,
    primitives::{Address, Bytes, U256},
};
use era_client::SuiteContract;

use super::{Event, RunError, Runner, chain_err};
use crate::{
    accounts::{Actor, address},
    compile::Artifact,
    project::{self, Ref},
    report::{CallReport, ContractReport},
};

/// The developer account of `@developer`: the first scenario's developer.
pub(crate) fn developer() -> Address {
    address(Actor::Developer, 0)
}

impl Runner<'_> {
    /// What `@name` stands for now.
    fn resolve(&self, name: &str) -> Result<Ref, String> {
        if name == "developer" {
            return Ok(Ref::Address(developer()));
        }
        if let Some(scenario) = name.strip_prefix("scenario.") {
            let id =
                self.ids.get(scenario).ok_or(format!("scenario `{scenario}` is not registered"))?;
            return Ok(Ref::Id(id.to_u256()));
        }
        if let Some(c) = self.report.contracts.iter().find(|c| c.name == name) {
            return c.address.map(Ref::Address).ok_or(format!("`{name}` was not deployed"));
        }
        let suite = SuiteContract::ALL.iter().find(|c| c.name() == name);
        suite
            .map(|c| Ref::Address(self.suite.addresses().get(*c)))
            .ok_or(format!("unknown `@{name}`"))
    }

    fn artifact(&self, name: &str) -> Option<&Artifact> {
        let c = self.plan.contract(name)?;
        project::artifact(&self.options.artifacts, c).ok()
    }

    /// Deploys the plan's contracts and schedules its calls.
    pub(super) fn deploy_contracts(&mut self) -> Result<(), RunError> {
        let plan = self.plan;
        for c in &plan.contracts {
            let artifact =
                project::artifact(&self.options.artifacts, c).map_err(RunError::Chain)?;
            let inputs = artifact.abi.constructor.as_ref().map_or(&[][..], |k| &k.inputs[..]);
            let args = project::values("constructor", inputs, &c.args, &|n| self.resolve(n))
                .map_err(|(_, e)| RunError::Chain(e))?;
            let mut code = artifact.bytecode.to_vec();
            code.extend(
                artifact
                    .abi
                    .constructor
                    .as_ref()
                    .map_or(Ok(Vec::new()), |k| k.abi_encode_input(&args).map_err(chain_err))?,
            );
            let deployed = self.chain().deploy(developer(), Bytes::from(code));
            let mut entry = ContractReport {
                name: c.name.get_ref().clone(),
                artifact: c.artifact.get_ref().clone(),
                ..ContractReport::default()
            };
            match deployed {
                Ok(d) => (entry.address, entry.gas) = (Some(d.address), d.gas_used),
                Err(e) => entry.error = Some(project::revert_name(&artifact.abi, &e)),
            }
            self.report.contracts.push(entry);
        }
        for (i, call) in plan.calls.iter().enumerate() {
            self.report.calls.push(CallReport {
                contract: call.contract.get_ref().clone(),
                function: call.function.get_ref().clone(),
                ..CallReport::default()
            });
            self.events.push((*call.at.get_ref(), Event::Call(i)));
        }
        Ok(())
    }

    /// `plan.calls[i]` once, and its next time scheduled.
    pub(super) fn call(&mut self, i: usize, at: u64) -> Result<(), RunError> {
        let call = &self.plan.calls[i];
        if let Some(every) = &call.every
            && at + every.get_ref() <= *self.plan.duration.get_ref()
        {
            self.events.push((at + every.get_ref(), Event::Call(i)));
        }
        let function = call.signature();
        let args = project::values("call", &function.inputs, &call.args, &|n| self.resolve(n));
        let target = self.resolve(call.contract.get_ref());
        let outcome = match (args, target) {
            (Ok(args), Ok(Ref::Address(to))) => {
                let data = function.abi_encode_input(&args).map_err(chain_err)?;
                Some(self.chain().send_raw(developer(), to, U256::ZERO, data.into()))
            }
            // Its contract's deployment reverted (reported there), or an argument names one.
            _ => None,
        };
        let reverted = match &outcome {
            Some(Ok(_)) => None,
            Some(Err(e)) => Some(match self.artifact(call.contract.get_ref()) {
                Some(a) => project::revert_name(&a.abi, e),
                None => e.to_string(),
            }),
            None => Some("notDeployed".to_owned()),
        };
        let entry = &mut self.report.calls[i];
        entry.ran += 1;
        match (outcome, reverted) {
            (Some(Ok(receipt)), _) => entry.gas.add(receipt.gas_used),
            (_, Some(name)) => {
                entry.reverted += 1;
                *entry.reverts.entry(name).or_default() += 1;
            }
            (_, None) => {}
        }
        Ok(())
    }
}
