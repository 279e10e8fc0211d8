//! A scenario project's own contracts in a plan: compiled in process with the repository's
//! solc (tools/solc), deployed on the revm harness beside the suite, called at their times.

use std::{
    path::{Path, PathBuf},
    time::Instant,
};

use era_sandbox::{Options, Plan, compile, project, run};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

/// The fixture project's plan, its `[project] root` relative to the plan file.
#[tokio::test(flavor = "multi_thread", worker_threads = 1)]
async fn a_projects_contracts_are_deployed_and_called_beside_the_suite() {
    let plan = Plan::load(&fixture("project/sandbox/plan.toml")).unwrap();
    let started = Instant::now();
    let artifacts = project::load(&plan, None).unwrap_or_else(|e| panic!("{e}"));
    eprintln!("compiled the fixture project in {:.1?}", started.elapsed());
    let started = Instant::now();
    let options = Options { artifacts, ..Options::default() };
    let report = run(&plan, &options).await.unwrap();
    eprintln!("ran the fixture plan in {:.1?}", started.elapsed());

    let deployed: Vec<(&str, &str, bool)> = report
        .contracts
        .iter()
        .map(|c| (c.name.as_str(), c.artifact.as_str(), c.address.is_some() && c.gas > 21_000))
        .collect();
    assert_eq!(deployed, [("ledger", "Ledger", true), ("tally", "Tally", true)]);

    // Recorded at 0 s, then refused by the ledger's own error at 3600 s and 7200 s.
    let record = &report.calls[0];
    assert_eq!(
        (record.function.as_str(), record.ran, record.reverted),
        ("record(bytes32)", 3, 1 + 1)
    );
    assert_eq!(record.reverts.get("AlreadyRecorded"), Some(&2));
    assert_eq!(record.gas.count, 1);
    assert_eq!(record.gas.min, record.gas.max);

    // Bumped at 600, 1800, ... 6600 s: the first writes a fresh slot, the others a used one.
    let bump = &report.calls[1];
    assert_eq!((bump.ran, bump.reverted, bump.gas.count), (6, 0, 6));
    assert!(bump.gas.min + 10_000 < bump.gas.max, "{:?}", bump.gas);
    assert!(bump.gas.min as f64 <= bump.gas.mean && bump.gas.mean <= bump.gas.max as f64);
    let expected_mean = (bump.gas.max + 5 * bump.gas.min) as f64 / 6.0;
    assert!((bump.gas.mean - expected_mean).abs() < 1.0, "{:?}", bump.gas);

    // The report's JSON carries them.
    let json = serde_json::to_value(&report).unwrap();
    assert_eq!(json["calls"][1]["ran"], 6);
    assert_eq!(json["contracts"][0]["name"], "ledger");
    // And the page, as a table.
    let dir = tempfile::tempdir().unwrap();
    era_sandbox::output::write(&report, dir.path()).unwrap();
    let page = std::fs::read_to_string(dir.path().join("index.html")).unwrap();
    assert!(page.contains("<h2>Project calls</h2>"), "{page}");
    assert!(page.contains("<td>tally.bump(uint256)</td><td class=\"n\">6</td>"), "{page}");
    assert!(page.contains("2 x AlreadyRecorded"), "{page}");
}

const BROKEN: &str = r#"step = 60
duration = 60

[[contract]]
name = "broken"
artifact = "Broken"
"#;

#[test]
fn a_compile_error_is_one_line_with_file_and_line() {
    let plan = Plan::parse("broken.toml", "broken", BROKEN).unwrap();
    let err = project::load(&plan, Some(&fixture("broken"))).unwrap_err();
    assert!(err.starts_with("src/Broken.sol:6: "), "{err}");
    assert!(err.contains("not implicitly convertible"), "{err}");
    assert!(!err.contains('\n'), "{err}");

    let err = project::load(&plan, None).unwrap_err();
    assert!(
        err.starts_with("broken.toml:5: the plan deploys contracts but names no project"),
        "{err}"
    );
}

/// A plan over the fixture project, with `extra` appended.
fn plan_with(extra: &str) -> Result<Plan, String> {
    let text = format!(
        "step = 60\nduration = 600\n\n[[scenario]]\nname = \"notary\"\ndomain = \"light\"\n\
         module = \"basic-fraud-proof\"\nbaseline = 100\ntps = 1\nnodes = 0\n{extra}"
    );
    Plan::parse("p.toml", "p", &text).map_err(|e| e.to_string())
}

const LEDGER: &str = r#"
[[contract]]
name = "ledger"
artifact = "Ledger"
args = ["@developer", "@ScenarioRegistry", "@scenario.notary"]
"#;

#[test]
fn project_sections_are_refused_before_anything_compiles() {
    let refused = |extra: &str, expected: &str| {
        let err = plan_with(&format!("{LEDGER}{extra}")).unwrap_err();
        assert!(err.starts_with(expected), "{err}\n  expected {expected}");
    };
    refused(
        "[[call]]\ncontract = \"board\"\nfunction = \"f()\"\nat = 0\n",
        "p.toml:17: no [[contract]] is named `board`",
    );
    refused(
        "[[call]]\ncontract = \"ledger\"\nfunction = \"record(bytes32\"\nat = 0\n",
        "p.toml:18: `record(bytes32` is not a function signature",
    );
    refused(
        "[[call]]\ncontract = \"ledger\"\nfunction = \"record(bytes32)\"\nat = 0\n",
        "p.toml:18: `record(bytes32)` takes 1 arguments, 0 given",
    );
    refused(
        "[[call]]\ncontract = \"ledger\"\nfunction = \"record(bytes32)\"\nargs = [true]\nat = 0\n",
        "p.toml:19: argument 1 of `record(bytes32)`: true is not a valid `bytes32`",
    );
    refused(
        "[[call]]\ncontract = \"ledger\"\nfunction = \"record(bytes32)\"\nargs = [\"0x01\"]\nat = 0\n",
        "p.toml:19: argument 1 of `record(bytes32)`: `0x01` is not a valid `bytes32`",
    );
    refused(
        "[[call]]\ncontract = \"ledger\"\nfunction = \"give(address)\"\nargs = [\"@scenario.notary\"]\nat = 0\n",
        "p.toml:19: argument 1 of `give(address)`: `@scenario.notary` is a scenario id",
    );
    refused(
        "[[call]]\ncontract = \"ledger\"\nfunction = \"give(address)\"\nargs = [\"@nobody\"]\nat = 0\n",
        "p.toml:19: argument 1 of `give(address)`: unknown reference `@nobody`",
    );
    refused(
        "[[call]]\ncontract = \"ledger\"\nfunction = \"bump(uint8)\"\nargs = [300]\nat = 0\n",
        "p.toml:19: argument 1 of `bump(uint8)`: `300` is not a valid `uint8`",
    );
    refused(
        "[[call]]\ncontract = \"ledger\"\nfunction = \"bump()\"\nat = 601\n",
        "p.toml:19: at 601 is after the run's end (600 s)",
    );
    refused(
        "[[contract]]\nname = \"ledger\"\nartifact = \"Tally\"\n",
        "p.toml:17: contract `ledger` is defined twice",
    );
    refused(
        "[[contract]]\nname = \"ScenarioRegistry\"\nartifact = \"Tally\"\n",
        "p.toml:17: `ScenarioRegistry` cannot name a plan contract",
    );
    refused(
        "[[contract]]\nname = \"tally\"\nartifact = \"Tally\"\nargs = [\"@later\"]\n[[contract]]\nname = \"later\"\nartifact = \"Tally\"\n",
        "p.toml:19: unknown reference `@later`",
    );
}

#[test]
fn project_sections_are_checked_against_the_compiled_project() {
    let started = Instant::now();
    let artifacts = compile::compile(&fixture("project")).unwrap_or_else(|e| panic!("{e}"));
    eprintln!("compiled the fixture project in {:.1?}", started.elapsed());
    let names: Vec<&String> = artifacts.0.keys().collect();
    assert_eq!(names, ["Ledger", "Tally"], "only src/'s deployable contracts");
    let refused = |extra: &str, expected: &str| {
        let plan = plan_with(extra).unwrap();
        let err = project::check_artifacts(&plan, &artifacts).unwrap_err().to_string();
        assert!(err.starts_with(expected), "{err}\n  expected {expected}");
    };
    refused(
        "[[contract]]\nname = \"board\"\nartifact = \"NotaryBoard\"\n",
        "p.toml:13: unknown artifact `NotaryBoard`: the project's src/ has Ledger, Tally",
    );
    refused(
        "[[contract]]\nname = \"tally\"\nartifact = \"Tally\"\n",
        "p.toml:13: `Tally`'s constructor takes 1 arguments, 0 given",
    );
    refused(
        "[[contract]]\nname = \"tally\"\nartifact = \"Tally\"\nargs = [7]\n",
        "p.toml:14: argument 1 of `Tally`'s constructor: 7 is not a valid `address`",
    );
    refused(
        &format!(
            "{LEDGER}[[call]]\ncontract = \"ledger\"\nfunction = \"bump(uint256)\"\nargs = [1]\nat = 0\n"
        ),
        "p.toml:18: `bump(uint256)` is not a function of `Ledger`: it has ",
    );
    plan_with(LEDGER).map(|p| project::check_artifacts(&p, &artifacts).unwrap()).unwrap();
}
