//! `era sandbox run`: a shipped plan played on revm (no anvil needed), its report written and
//! printed; a bad plan refused with its file and line; Ctrl-C writes the partial report.

use std::{process::Command, thread, time::Duration};

use serde_json::Value;

use crate::common::{era_with, root};

fn report_in(dir: &std::path::Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(dir.join("report.json")).unwrap()).unwrap()
}

#[test]
fn the_abnormal_transfer_plan_isolates_the_light_domain() {
    let out = tempfile::tempdir().unwrap();
    let dir = out.path().to_str().unwrap();
    let plan = "sandbox/plans/abnormal-transfer.toml";
    let printed = era_with(&[], &["sandbox", "run", plan, "--out", dir, "--json"]).json();
    let report = report_in(out.path());
    assert_eq!(printed, report, "--json prints the report it wrote");
    assert_eq!(report["plan"], "abnormal-transfer");
    assert_eq!(report["interrupted"], false);
    // The later light -> enterprise transfer is refused by the client's channel check.
    assert_eq!(report["reverts"], serde_json::json!({ "refused:transfer": 1 }));
    let samples = report["samples"].as_array().unwrap();
    assert_eq!(samples.len(), 13, "every 300 s of an hour, and t = 0");
    let tripped = |i: usize| samples[i]["tripped"].clone();
    assert_eq!(tripped(2), serde_json::json!([]), "before the transfer at 900 s");
    assert_eq!(tripped(3), serde_json::json!(["light"]));
    assert_eq!(tripped(12), serde_json::json!(["light"]), "until governance reopens it");
    assert_eq!(samples[3]["eraFlows"]["escrowed"], 1_000_001.0);
    // Financial and enterprise go on settling with each other after the trip.
    assert_eq!(samples[6]["eraFlows"]["transferred"], 50_000.0);
    assert_eq!(samples[7]["eraFlows"]["transferred"], 20_000.0);

    let text = era_with(&[], &["sandbox", "run", plan, "--out", dir]).ok();
    assert!(text.starts_with("plan `abnormal-transfer`: 3600 s simulated in "), "{text}");
    assert!(text.contains("refused  1 x refused:transfer"), "{text}");
}

#[test]
fn a_bad_plan_is_refused_with_its_file_and_line_before_anything_runs() {
    let out = tempfile::tempdir().unwrap();
    let plan = out.path().join("bad.toml");
    std::fs::write(&plan, "step = 60\nduration = 600\nnodez = 3\n").unwrap();
    let path = plan.to_str().unwrap();
    let line = era_with(&[], &["sandbox", "run", path, "--out", path]).refused();
    assert_eq!(
        line,
        format!(
            "error: {path}:3: unknown field `nodez`, expected one of `step`, `duration`, `report`, `nodes`, `delegators`, `scenario`, `phase`, `transfer`, `margin`, `case`, `call_in`, `domains`, `assets`, `slash`, `settlements`, `light`, `project`, `contract`, `call`"
        )
    );
    assert!(!out.path().join("bad.toml/report.json").exists());
}

/// `make sandbox` in a scenario project: its plan with `--project .`, which wins over the
/// plan's `[project] root`; a project that does not compile is its error's `FILE:LINE` line.
#[test]
fn a_plan_deploys_and_calls_the_projects_own_contracts() {
    let out = tempfile::tempdir().unwrap();
    let dir = out.path().to_str().unwrap();
    let fixtures = "crates/sandbox/tests/fixtures";
    let plan = format!("{fixtures}/project/sandbox/plan.toml");
    let broken = format!("{fixtures}/broken");
    let line =
        era_with(&[], &["sandbox", "run", &plan, "--project", &broken, "--out", dir]).refused();
    assert!(line.starts_with("error: src/Broken.sol:6: "), "{line}");
    assert!(!out.path().join("report.json").exists(), "nothing ran");

    let project = format!("{fixtures}/project");
    let text = era_with(&[], &["sandbox", "run", &plan, "--project", &project, "--out", dir]).ok();
    assert!(text.contains("deployed ledger (Ledger) at 0x"), "{text}");
    assert!(text.contains("call     ledger.record(bytes32): 3 ran, 2 reverted"), "{text}");
    assert!(text.contains("call     tally.bump(uint256): 6 ran, 0 reverted"), "{text}");
    assert_eq!(report_in(out.path())["calls"][0]["reverts"]["AlreadyRecorded"], 2);
}

#[test]
fn ctrl_c_stops_the_run_and_writes_the_partial_report() {
    let out = tempfile::tempdir().unwrap();
    let dir = out.path().to_str().unwrap();
    let plan = "sandbox/plans/finance-day.toml";
    let child = Command::new(env!("CARGO_BIN_EXE_era"))
        .current_dir(root())
        .args(["sandbox", "run", plan, "--out", dir, "--json"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    thread::sleep(Duration::from_secs(3));
    let signal = Command::new("kill").args(["-INT", &child.id().to_string()]).status().unwrap();
    assert!(signal.success());
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let report = report_in(out.path());
    assert_eq!(report["interrupted"], true);
    let samples = report["samples"].as_array().unwrap().len();
    assert!((1..133).contains(&samples), "stopped before the plan's 133 samples: {samples}");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("interrupted: the report covers the plan up to the stop"), "{stderr}");
}
