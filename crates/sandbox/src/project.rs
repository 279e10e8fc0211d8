//! The scenario project's own contracts in a plan: `[project]`, `[[contract]]` and `[[call]]`.
//!
//! ```toml
//! [project]                   # the Foundry project (its foundry.toml), relative to this plan;
//! root = ".."                 # `era sandbox run --project DIR` overrides it
//!
//! [[contract]]                # deployed once before the first step, by the developer account
//! name = "board"              # how calls and other arguments refer to it
//! artifact = "NotaryBoard"    # the project's contract name (a contract of its src/)
//! args = [true]               # constructor arguments
//!
//! [[call]]                    # a call of a plan contract, by the developer account
//! contract = "board"
//! function = "notarize(bytes32)"
//! args = ["0x0101010101010101010101010101010101010101010101010101010101010101"]
//! at = 3600                   # first simulated second
//! every = 3600                # repeat period (optional: once)
//! ```
//!
//! Arguments are TOML values: integers, booleans, strings (a hex string for `address`, `bytes`,
//! `bytesN`; a decimal string for an integer too large for TOML), arrays for array parameters;
//! `"@ScenarioRegistry"` is a suite contract (its name in the suite table), `"@board"` a contract
//! of this plan (declared above, for a constructor), `"@scenario.shop"` a plan scenario's id
//! (`uint256` or `bytes32`), `"@developer"` the developer account: the first scenario's
//! developer, who registers it.
//!
//! What needs no compiler is checked with the rest of the plan ([`check`]); the artifacts, the
//! constructors' arguments and the functions against the ABI after the project compiled
//! ([`check_artifacts`]). Each problem is one `FILE:LINE: problem` line.

use std::ops::Range;

use alloy::{
    dyn_abi::{DynSolType, DynSolValue, Specifier},
    json_abi::{Function, Param},
    primitives::{Address, B256, U256},
};
use era_client::SuiteContract;
use serde::Deserialize;
use toml::Spanned;

use crate::{
    compile::{Artifact, Artifacts},
    plan::{Plan, PlanError},
};

/// `[project]`: where the scenario project is.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProjectPlan {
    /// The project's directory, relative to the plan file.
    pub root: Spanned<String>,
}

/// A project contract the plan deploys.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContractPlan {
    /// How the plan refers to it.
    pub name: Spanned<String>,
    /// The project's contract name.
    pub artifact: Spanned<String>,
    /// Constructor arguments.
    #[serde(default)]
    pub args: Vec<Spanned<toml::Value>>,
}

/// A call of a plan contract, once or every `every` seconds from `at`.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CallPlan {
    /// The plan contract's name.
    pub contract: Spanned<String>,
    /// The function's signature, `name(type,...)`.
    pub function: Spanned<String>,
    /// Its arguments.
    #[serde(default)]
    pub args: Vec<Spanned<toml::Value>>,
    /// First simulated second.
    pub at: Spanned<u64>,
    /// Repeat period in seconds (none: once).
    #[serde(default)]
    pub every: Option<Spanned<u64>>,
}

impl CallPlan {
    /// The parsed signature (checked with the plan).
    pub fn signature(&self) -> Function {
        Function::parse(self.function.get_ref()).unwrap_or_else(|_| Function {
            name: String::new(),
            inputs: Vec::new(),
            outputs: Vec::new(),
            state_mutability: alloy::json_abi::StateMutability::NonPayable,
        })
    }
}

/// What an `@` reference stands for.
#[derive(Clone, Copy, Debug)]
pub enum Ref {
    /// A contract or account.
    Address(Address),
    /// A scenario's id.
    Id(U256),
}

/// Turns plan argument `arg` into a value of type `ty`; `resolve` answers `@` references (the
/// name after the `@`).
pub fn value(
    ty: &DynSolType,
    arg: &toml::Value,
    resolve: &dyn Fn(&str) -> Result<Ref, String>,
) -> Result<DynSolValue, String> {
    use toml::Value as V;
    let coerce =
        |text: &str| ty.coerce_str(text).map_err(|_| format!("`{text}` is not a valid `{ty}`"));
    match (arg, ty) {
        (V::String(s), _) if s.starts_with('@') => match (resolve(&s[1..])?, ty) {
            (Ref::Address(a), DynSolType::Address) => Ok(DynSolValue::Address(a)),
            (Ref::Id(id), DynSolType::Uint(256)) => Ok(DynSolValue::Uint(id, 256)),
            (Ref::Id(id), DynSolType::FixedBytes(32)) => {
                Ok(DynSolValue::FixedBytes(B256::from(id), 32))
            }
            (Ref::Address(_), _) => Err(format!("`{s}` is an address, the parameter a `{ty}`")),
            (Ref::Id(_), _) => {
                Err(format!("`{s}` is a scenario id (uint256 or bytes32), the parameter a `{ty}`"))
            }
        },
        (V::String(s), _) => coerce(s),
        (V::Boolean(b), DynSolType::Bool) => Ok(DynSolValue::Bool(*b)),
        (V::Integer(i), DynSolType::Uint(_) | DynSolType::Int(_)) => coerce(&i.to_string()),
        (V::Array(items), DynSolType::Array(inner)) => Ok(DynSolValue::Array(
            items.iter().map(|i| value(inner, i, resolve)).collect::<Result<_, _>>()?,
        )),
        (V::Array(items), DynSolType::FixedArray(inner, n)) if items.len() == *n => {
            Ok(DynSolValue::FixedArray(
                items.iter().map(|i| value(inner, i, resolve)).collect::<Result<_, _>>()?,
            ))
        }
        (other, _) => Err(format!("{} is not a valid `{ty}`", other)),
    }
}

/// `args` as the values of `params`, or the offending argument's span and the problem.
pub fn values(
    what: &str,
    params: &[Param],
    args: &[Spanned<toml::Value>],
    resolve: &dyn Fn(&str) -> Result<Ref, String>,
) -> Result<Vec<DynSolValue>, (Option<Range<usize>>, String)> {
    if params.len() != args.len() {
        let problem = format!("{what} takes {} arguments, {} given", params.len(), args.len());
        return Err((None, problem));
    }
    params
        .iter()
        .zip(args)
        .enumerate()
        .map(|(k, (param, arg))| {
            let ty = param.resolve().map_err(|e| (Some(arg.span()), e.to_string()))?;
            value(&ty, arg.get_ref(), resolve)
                .map_err(|e| (Some(arg.span()), format!("argument {} of {what}: {e}", k + 1)))
        })
        .collect()
}

/// How references resolve at check time: known names to placeholders; `declared` are the
/// plan contracts a reference may name.
fn placeholder<'a>(
    plan: &'a Plan,
    declared: &'a [ContractPlan],
) -> impl Fn(&str) -> Result<Ref, String> + 'a {
    move |name: &str| {
        if name == "developer"
            || declared.iter().any(|c| c.name.get_ref() == name)
            || SuiteContract::ALL.iter().any(|c| c.name() == name)
        {
            return Ok(Ref::Address(Address::ZERO));
        }
        if let Some(scenario) = name.strip_prefix("scenario.") {
            return match plan.scenario(scenario) {
                Some(_) => Ok(Ref::Id(U256::ZERO)),
                None => Err(format!("no scenario is named `{scenario}` in this plan")),
            };
        }
        Err(format!(
            "unknown reference `@{name}`: use @developer, @scenario.NAME, a plan contract declared \
             before, or a suite contract (@ScenarioRegistry, ...)"
        ))
    }
}

/// Checks the project sections as far as no compiler is needed.
pub fn check(plan: &Plan) -> Result<(), (Range<usize>, String)> {
    let end = *plan.duration.get_ref();
    for (k, c) in plan.contracts.iter().enumerate() {
        let name = c.name.get_ref();
        let reserved = name == "developer"
            || name.starts_with("scenario.")
            || SuiteContract::ALL.iter().any(|s| s.name() == name);
        if name.is_empty() || reserved {
            let problem = format!(
                "`{name}` cannot name a plan contract: it is taken (@developer, \
                                   @scenario.NAME or a suite contract)"
            );
            return Err((c.name.span(), problem));
        }
        if plan.contracts[..k].iter().any(|d| d.name.get_ref() == name) {
            return Err((c.name.span(), format!("contract `{name}` is defined twice")));
        }
        // Constructor arguments' types come with the artifact; the references are known now.
        let resolve = placeholder(plan, &plan.contracts[..k]);
        for arg in &c.args {
            if let toml::Value::String(s) = arg.get_ref()
                && let Some(reference) = s.strip_prefix('@')
            {
                resolve(reference).map_err(|e| (arg.span(), e))?;
            }
        }
    }
    for call in &plan.calls {
        if plan.contract(call.contract.get_ref()).is_none() {
            let problem =
                format!("no [[contract]] is named `{}` in this plan", call.contract.get_ref());
            return Err((call.contract.span(), problem));
        }
        let signature = call.function.get_ref();
        let Ok(function) = Function::parse(signature) else {
            let problem = format!(
                "`{signature}` is not a function signature: write name(type,...), e.g. notarize(bytes32)"
            );
            return Err((call.function.span(), problem));
        };
        let resolve = placeholder(plan, &plan.contracts);
        values(&format!("`{signature}`"), &function.inputs, &call.args, &resolve)
            .map_err(|(span, e)| (span.unwrap_or_else(|| call.function.span()), e))?;
        if *call.at.get_ref() > end {
            let problem = format!("at {} is after the run's end ({end} s)", call.at.get_ref());
            return Err((call.at.span(), problem));
        }
        if let Some(every) = &call.every
            && *every.get_ref() == 0
        {
            return Err((every.span(), "every must be at least 1 second".into()));
        }
    }
    Ok(())
}

/// The artifact a plan contract deploys (checked: known and unique).
pub fn artifact<'a>(artifacts: &'a Artifacts, c: &ContractPlan) -> Result<&'a Artifact, String> {
    let name = c.artifact.get_ref();
    match artifacts.0.get(name).map(Vec::as_slice) {
        Some([one]) => Ok(one),
        Some(many) => {
            let files: Vec<String> = many.iter().map(|a| a.file.display().to_string()).collect();
            Err(format!("artifact `{name}` is defined in {}: rename one", files.join(" and ")))
        }
        None => {
            let known: Vec<&str> = artifacts.0.keys().map(String::as_str).collect();
            Err(format!(
                "unknown artifact `{name}`: the project's src/ has {}",
                if known.is_empty() { "no deployable contract".into() } else { known.join(", ") }
            ))
        }
    }
}

/// Checks the plan's contracts and calls against the compiled project.
pub fn check_artifacts(plan: &Plan, artifacts: &Artifacts) -> Result<(), PlanError> {
    for (k, c) in plan.contracts.iter().enumerate() {
        let artifact = artifact(artifacts, c).map_err(|e| plan.error_at(c.artifact.span(), e))?;
        let inputs = artifact.abi.constructor.as_ref().map_or(&[][..], |k| &k.inputs[..]);
        let what = format!("`{}`'s constructor", c.artifact.get_ref());
        values(&what, inputs, &c.args, &placeholder(plan, &plan.contracts[..k]))
            .map_err(|(span, e)| plan.error_at(span.unwrap_or_else(|| c.artifact.span()), e))?;
    }
    for call in &plan.calls {
        let Some(c) = plan.contract(call.contract.get_ref()) else { continue };
        let artifact = artifact(artifacts, c).map_err(|e| plan.error_at(c.artifact.span(), e))?;
        let selector = call.signature().selector();
        if !artifact.abi.functions().any(|f| f.selector() == selector) {
            let mut known: Vec<String> =
                artifact.abi.functions().map(Function::signature).collect();
            known.sort();
            let problem = format!(
                "`{}` is not a function of `{}`: it has {}",
                call.function.get_ref(),
                c.artifact.get_ref(),
                known.join(", ")
            );
            return Err(plan.error_at(call.function.span(), problem));
        }
    }
    Ok(())
}

/// The name of the error `data` encodes, by `abi`'s errors, then the suite's, then `Error` /
/// `Panic`.
pub fn revert_name(abi: &alloy::json_abi::JsonAbi, revert: &era_client::Revert) -> String {
    let data = revert.data().unwrap_or_default();
    if let Some(selector) = data.get(..4)
        && let Some(e) = abi.errors().find(|e| e.selector().as_slice() == selector)
    {
        return e.name.clone();
    }
    revert.name().map_or_else(|| revert.to_string(), str::to_owned)
}

/// Compiles the plan's project and checks the plan against it: `root` (the `--project` flag)
/// wins over the plan's `[project] root` (relative to the plan file). A plan without contracts
/// compiles nothing. The error is one line: the compiler's `FILE:LINE: message`, or the plan's.
pub fn load(plan: &Plan, root: Option<&std::path::Path>) -> Result<Artifacts, String> {
    if plan.contracts.is_empty() {
        return Ok(Artifacts::default());
    }
    let plan_dir =
        std::path::Path::new(&plan.source.0).parent().unwrap_or(std::path::Path::new(""));
    let root = match (root, &plan.project) {
        (Some(root), _) => root.to_path_buf(),
        (None, Some(p)) => plan_dir.join(p.root.get_ref()),
        (None, None) => {
            let span = plan.contracts[0].name.span();
            let problem = "the plan deploys contracts but names no project: add [project] root = \
                           \"..\" (relative to the plan) or pass --project DIR";
            return Err(plan.error_at(span, problem.into()).to_string());
        }
    };
    let artifacts = crate::compile::compile(&root)?;
    check_artifacts(plan, &artifacts).map_err(|e| e.to_string())?;
    Ok(artifacts)
}
