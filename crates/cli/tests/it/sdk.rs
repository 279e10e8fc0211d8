//! The scenario development kit: `era scenario new` writes each template into a temporary
//! directory, where it builds and passes its own forge tests (the templates' CI); a project's
//! deploy script registers its scenario on anvil and asks governance, through the timelock, for
//! its base mode; bad input is one line and writes nothing.

use std::{
    path::Path,
    process::{Command, Output},
};

use alloy::primitives::U256;
use era_bindings::{ScenarioRegistry, SettlementEngine};

use crate::common::{Devnet, era_with, root};

/// `make <args>` in `dir`, as a developer runs it there. The project has its own forge cache:
/// CI's Rust lane points FOUNDRY_CACHE_PATH at a copy of the suite's (FOUNDRY_DENY stays).
fn make(dir: &Path, args: &[&str]) -> Output {
    Command::new("make")
        .current_dir(dir)
        .env_remove("FOUNDRY_CACHE_PATH")
        .env_remove("FOUNDRY_PROFILE")
        .args(args)
        .output()
        .expect("make runs")
}

/// Writes template `template` as project `name` in a new temporary directory and runs its
/// `make test` (its forge tests); returns the directory.
fn generate_and_test(template: &str, name: &str) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join(name);
    let dir_arg = dir.to_str().unwrap();
    era_with(&[], &["scenario", "new", name, "--template", template, "--dir", dir_arg]).ok();
    for file in ["foundry.toml", "Makefile"] {
        let text = std::fs::read_to_string(dir.join(file)).unwrap();
        assert!(!text.contains("../.."), "{file} still names the suite relatively:\n{text}");
        assert!(text.contains(root().to_str().unwrap()), "{file} names the suite:\n{text}");
    }
    let scenario = std::fs::read_to_string(dir.join("scenario.toml")).unwrap();
    assert!(scenario.contains(&format!("name = \"{name}\"")), "{scenario}");
    for output in ["out", "cache", "broadcast"] {
        assert!(!dir.join(output).exists(), "{output}/ is build output, not copied");
    }
    let Output { status, stdout, stderr } = make(&dir, &["test"]);
    let (stdout, stderr) = (String::from_utf8_lossy(&stdout), String::from_utf8_lossy(&stderr));
    assert!(status.success(), "{template}: make test failed:\n{stdout}\n{stderr}");
    assert!(stdout.contains(" 0 failed"), "{template}: forge ran no tests:\n{stdout}");
    tmp
}

#[test]
fn the_finance_template_builds_and_passes_its_tests() {
    generate_and_test("finance", "remittance");
}

#[test]
fn the_enterprise_template_builds_and_passes_its_tests() {
    generate_and_test("enterprise", "cold-chain");
}

#[test]
fn the_light_template_builds_and_passes_its_tests() {
    generate_and_test("light", "arcade");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_project_registers_its_scenario_and_asks_governance_for_its_base_mode() {
    let net = crate::scenarios::with_modules(); // its base module is `basic-fraud-proof`
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("arcade");
    let url = net.url();
    let dir_arg = dir.to_str().unwrap();
    let args = ["scenario", "new", "arcade", "--template", "light", "--dir", dir_arg];
    net.era(&[&args[..], &["--rpc-url", &url]].concat()).ok();
    let scenario = std::fs::read_to_string(dir.join("scenario.toml")).unwrap();
    assert!(scenario.contains("chain_id = 31337"), "pinned to the chain checked:\n{scenario}");

    // The project reads the records `era scenario new` read (this devnet's directory): its
    // Makefile and foundry.toml name them.
    let makefile = std::fs::read_to_string(dir.join("Makefile")).unwrap();
    let records = net.dir.path().canonicalize().unwrap();
    assert!(makefile.contains(&format!("ERA_DEPLOYMENTS ?= {}", records.display())), "{makefile}");
    let deploy = ["deploy", &format!("RPC_URL={url}"), &format!("PRIVATE_KEY={}", net.key(0))];
    let Output { status, stdout, stderr } = make(&dir, &deploy);
    let stdout = String::from_utf8_lossy(&stdout);
    assert!(status.success(), "make deploy:\n{stdout}\n{}", String::from_utf8_lossy(&stderr));

    let provider = net.provider();
    let scenarios = ScenarioRegistry::new(net.contract("ScenarioRegistry"), &provider);
    let name = alloy::primitives::B256::right_padding_from(b"arcade");
    let id = scenarios.scenarioIdOf(net.address(0), name).call().await.unwrap();
    assert_eq!(id, U256::from(1), "the developer's scenario is registered");

    // Re-running the deployment finds the scenario and the scheduled operation: nothing twice.
    let again = make(&dir, &deploy);
    assert!(again.status.success(), "{}", String::from_utf8_lossy(&again.stderr));
    assert!(String::from_utf8_lossy(&again.stdout).contains("already"), "resumed");
    assert_eq!(scenarios.scenarioCount().call().await.unwrap(), U256::from(1));

    // The light template asks for async as its base mode: governance's timelock operation,
    // executable after the delay.
    let engine = SettlementEngine::new(net.contract("SettlementEngine"), &provider);
    let before = engine.modeConfig(id).call().await.unwrap();
    assert_eq!(before.base, 3, "standard: the heaviest mode it allows, until governance acts");
    net.era(&["warp", "1h"]).ok();
    net.era(&["gov", "execute", "--private-key", &net.key(1)]).ok();
    let after = engine.modeConfig(id).call().await.unwrap();
    assert_eq!(after.base, 4, "async, once the timelock ran the operation");
}

#[tokio::test(flavor = "multi_thread")]
async fn bad_input_is_one_line_and_writes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("project");
    let dir_arg = dir.to_str().unwrap();
    let new = |name: &str, template: &str| {
        era_with(&[], &["scenario", "new", name, "--template", template, "--dir", dir_arg])
    };

    let line = new("1up", "light").refused();
    assert!(line.contains("`1up` is not a scenario name"), "{line}");
    let line = new(&"x".repeat(33), "light").refused();
    assert!(line.contains("at most 32 bytes"), "{line}");
    let line = new("arcade", "casino").refused();
    assert!(line.contains("invalid value 'casino'"), "{line}");
    assert!(line.contains("finance, enterprise, light"), "{line}");
    assert!(!dir.exists(), "nothing written");

    std::fs::create_dir(&dir).unwrap();
    std::fs::write(dir.join("notes.txt"), "mine").unwrap();
    let line = new("arcade", "light").refused();
    assert!(line.contains("exists and is not empty"), "{line}");
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 1, "the directory is left as it was");

    // A chain without the suite: nothing checked out, nothing written.
    let net = Devnet::start();
    let other = tmp.path().join("other");
    let other_arg = other.to_str().unwrap();
    let args = ["scenario", "new", "arcade", "--template", "light", "--dir", other_arg];
    let line = net.era(&[&args[..], &["--rpc-url", &net.url()]].concat()).refused();
    assert!(line.contains("no deployment record for chain 31337"), "{line}");
    assert!(!other.exists(), "nothing written");
    let leftovers: Vec<_> =
        std::fs::read_dir(tmp.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(leftovers.len(), 1, "no scratch directory left behind: {leftovers:?}");
}
