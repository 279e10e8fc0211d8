//! Generates, from the contracts' sources, what their ABI does not carry:
//! - Rust enums from the `enum` declarations of `contracts/interfaces/*.sol` (and of the state
//!   unit's library, `contracts/weave/StateUnit.sol`), so the names of case states, asset
//!   statuses, risk domains, roles, module types and unit kinds are never retyped (the ABI only
//!   says `uint8`);
//! - the numeric `public constant`s of the suite's contracts (`MIN_SLASH`, `COEFFICIENT_ONE`,
//!   `MAX_AUTHORIZATION_PERIOD`, …), one module per contract. The harness checks each against
//!   the deployed contract's getter, so a value read here is the bytecode's.
use std::{fmt::Write, path::Path};

/// Rust names for Solidity enums whose own name is too generic once out of its interface.
const RENAMES: [(&str, &str, &str); 8] = [
    ("ICapabilityRegistry", "Kind", "ComponentKind"),
    ("ICapabilityRegistry", "Metric", "ImprovementMetric"),
    ("IDerivativeRegistry", "Liquidation", "LiquidationStage"),
    ("IExecutionModes", "Mode", "ExecutionMode"),
    ("IStateAssetRegistry", "Status", "AssetStatus"),
    ("IScenarioRegistry", "Domain", "RiskDomain"),
    ("StateUnit", "Kind", "UnitKind"),
    ("StateUnit", "Source", "UnitSource"),
];

fn main() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../contracts/interfaces");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("contracts/interfaces exists")
        .map(|e| e.expect("readable dir").path())
        .filter(|p| p.extension().is_some_and(|e| e == "sol"))
        .collect();
    files.sort();
    let unit = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../contracts/weave/StateUnit.sol");
    println!("cargo:rerun-if-changed={}", unit.display());
    files.push(unit);
    let mut out = String::new();
    for file in files {
        let iface = file.file_stem().unwrap().to_str().unwrap().to_owned();
        let source = file.strip_prefix(dir.parent().unwrap()).unwrap().display().to_string();
        let text = std::fs::read_to_string(&file).expect("readable interface");
        for (name, variants) in enums(&text) {
            let rust = RENAMES
                .iter()
                .find(|(i, n, _)| *i == iface && *n == name)
                .map_or(name.clone(), |(_, _, r)| (*r).to_owned());
            emit(&mut out, (&iface, &source), &name, &rust, &variants);
        }
    }
    let out_dir = std::env::var("OUT_DIR").unwrap();
    std::fs::write(Path::new(&out_dir).join("enums.rs"), out).unwrap();
    std::fs::write(Path::new(&out_dir).join("constants.rs"), constants()).unwrap();
}

/// Contracts whose numeric public constants are generated.
const CONSTANT_SOURCES: [&str; 7] = [
    "staking/ERAStaking.sol",
    "margin/ERAMargin.sol",
    "scenarios/ScenarioRegistry.sol",
    "domains/CircuitBreaker.sol",
    "assets/StateAssetRegistry.sol",
    "security/ModuleRegistry.sol",
    "rewards/RewardsDistributor.sol",
];

fn constants() -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../contracts");
    let mut out = String::new();
    for source in CONSTANT_SOURCES {
        let path = root.join(source);
        println!("cargo:rerun-if-changed={}", path.display());
        let text = std::fs::read_to_string(&path).expect("contract source");
        let name = path.file_stem().unwrap().to_str().unwrap();
        writeln!(out, "/// `{name}`'s numeric public constants, from `contracts/{source}`.")
            .unwrap();
        writeln!(out, "#[allow(non_snake_case)]\npub mod {name} {{").unwrap();
        for line in text.lines().map(str::trim) {
            let Some((decl, value)) = line.strip_suffix(';').and_then(|l| l.split_once(" = "))
            else {
                continue;
            };
            let words: Vec<&str> = decl.split_whitespace().collect();
            let [ty, "public", "constant", constant] = words[..] else { continue };
            let Some(bits) = ty.strip_prefix("uint").and_then(|b| b.parse::<u32>().ok()) else {
                continue;
            };
            let Some(v) = eval(value) else { continue };
            let (rust, lit) = match bits {
                8 | 16 | 32 | 64 => (format!("u{bits}"), v.to_string()),
                256 => (
                    "alloy::primitives::U256".to_owned(),
                    format!(
                        "alloy::primitives::U256::from_limbs([{}, {}, 0, 0])",
                        v as u64,
                        (v >> 64) as u64
                    ),
                ),
                _ => ("u128".to_owned(), v.to_string()),
            };
            writeln!(out, "    /// `{name}.{constant}` = `{value}`.").unwrap();
            writeln!(out, "    pub const {constant}: {rust} = {lit};").unwrap();
        }
        writeln!(out, "}}\n").unwrap();
    }
    out
}

/// A Solidity number literal: `10_000`, `0.2e18`, `1_000_000e18`, `365 days`, `1 hours`.
fn eval(literal: &str) -> Option<u128> {
    let literal = literal.replace('_', "");
    let (number, unit) = literal.split_once(' ').unwrap_or((&literal, ""));
    let unit: u128 = match unit.trim() {
        "" => 1,
        "minutes" => 60,
        "hours" => 3_600,
        "days" => 86_400,
        _ => return None,
    };
    let (mantissa, exp) = number.split_once('e').unwrap_or((number, "0"));
    let exp: u32 = exp.parse().ok()?;
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digits: u128 = format!("{int}{frac}").parse().ok()?;
    let scale = exp.checked_sub(frac.len() as u32)?;
    digits.checked_mul(10u128.checked_pow(scale)?)?.checked_mul(unit)
}

/// `enum Name { A, B }` declarations, comments stripped.
fn enums(text: &str) -> Vec<(String, Vec<String>)> {
    let code: String = text
        .lines()
        .map(|l| l.split("//").next().unwrap_or_default())
        .collect::<Vec<_>>()
        .join("\n");
    let mut found = Vec::new();
    let mut rest = code.as_str();
    while let Some(at) = rest.find("enum ") {
        rest = &rest[at + 5..];
        let Some((name, body)) = rest.split_once('{') else { break };
        let Some((body, tail)) = body.split_once('}') else { break };
        let variants = body.split(',').map(str::trim).filter(|v| !v.is_empty()).map(String::from);
        found.push((name.trim().to_owned(), variants.collect()));
        rest = tail;
    }
    found
}

/// `MultiLayerZk` -> `multi-layer-zk`.
fn kebab(name: &str) -> String {
    let mut out = String::new();
    for (i, c) in name.chars().enumerate() {
        if c.is_ascii_uppercase() && i > 0 {
            out.push('-');
        }
        out.push(c.to_ascii_lowercase());
    }
    out
}

fn emit(
    out: &mut String,
    (iface, source): (&str, &str),
    name: &str,
    rust: &str,
    variants: &[String],
) {
    let n = variants.len();
    writeln!(out, "/// `{iface}.{name}`, generated from `contracts/{source}`.").unwrap();
    writeln!(out, "#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]").unwrap();
    writeln!(out, "#[repr(u8)]\npub enum {rust} {{").unwrap();
    for (i, v) in variants.iter().enumerate() {
        writeln!(out, "    /// `{name}.{v}`.\n    {v} = {i},").unwrap();
    }
    writeln!(out, "}}\n").unwrap();
    let all = variants.iter().map(|v| format!("Self::{v}")).collect::<Vec<_>>().join(", ");
    let names = variants.iter().map(|v| format!("{:?}", kebab(v))).collect::<Vec<_>>().join(", ");
    writeln!(
        out,
        "impl {rust} {{
    /// Every value, in the contract's order.
    pub const ALL: [Self; {n}] = [{all}];
    /// Names as the CLI writes them (kebab-case), in the contract's order.
    pub const NAMES: [&'static str; {n}] = [{names}];
    /// The name, kebab-case.
    pub const fn name(self) -> &'static str {{ Self::NAMES[self as usize] }}
}}
impl_sol_enum!({rust}, {name:?});
"
    )
    .unwrap();
}
