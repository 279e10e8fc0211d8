//! Plans: every shipped one reads; a bad one is one `FILE:LINE: problem` line.

use std::path::{Path, PathBuf};

use era_sandbox::Plan;

fn shipped() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../sandbox/plans")
}

#[test]
fn every_shipped_plan_reads() {
    let mut names = Vec::new();
    for entry in std::fs::read_dir(shipped()).unwrap() {
        let path = entry.unwrap().path();
        let plan = Plan::load(&path).unwrap_or_else(|e| panic!("{e}"));
        assert!(!plan.scenarios.is_empty(), "{}", path.display());
        names.push(plan.name);
    }
    names.sort();
    assert_eq!(
        names,
        ["abnormal-transfer", "atomic-settlements", "finance-day", "nft-congestion", "promotion"]
    );
    let nft = Plan::load(&shipped().join("nft-congestion.toml")).unwrap();
    assert_eq!((nft.node_count(), nft.call_ins[0].nodes), (520, 400), "100 enrolled, 420 standby");
    assert_eq!((nft.report_every(), nft.scenarios[0].nodes.get_ref()), (120, &100));
    assert_eq!(nft.load_at("mint", 59), 1.0);
    assert_eq!(nft.load_at("mint", 60), 3.0);
    assert_eq!(nft.load_at("mint", 600), 2.5);
    assert_eq!(nft.load_at("mint", 2400), 1.0);
}

const GOOD: &str = r#"step = 60
duration = 600

[[nodes]]
count = 3
stake = 100000

[[scenario]]
name = "shop"
domain = "light"
module = "basic-fraud-proof"
baseline = 1000
tps = 10
nodes = 3
"#;

/// The error for `GOOD` with `line` (1-based) replaced by `with`, or `with` appended when
/// `line` is 0.
fn refusal(line: usize, with: &str) -> String {
    let mut lines: Vec<&str> = GOOD.lines().collect();
    if line == 0 {
        lines.push(with);
    } else {
        lines[line - 1] = with;
    }
    let text = lines.join("\n");
    Plan::parse("bad.toml", "bad", &text).map(|_| ()).unwrap_err().to_string()
}

#[test]
fn the_good_plan_reads() {
    let plan = Plan::parse("good.toml", "good", GOOD).unwrap();
    assert_eq!((plan.name.as_str(), plan.node_count(), plan.delegations()), ("good", 3, (0, 0)));
}

#[test]
fn bad_plans_are_one_line_naming_file_and_line() {
    let cases = [
        (2, "durations = 600", "bad.toml:2: unknown field `durations`"),
        (5, "count = -3", "bad.toml:5: invalid value: integer `-3`, expected u32"),
        (
            10,
            r#"domain = "retail""#,
            "bad.toml:10: `retail` is not a risk domain: use financial, enterprise or light",
        ),
        (11, r#"module = "quantum""#, "bad.toml:11: unknown module `quantum`: use one of"),
        (14, "nodes = 4", "bad.toml:14: 4 nodes cannot enroll: the plan has 3 (add [[nodes]])"),
        (6, "stake = 0", "bad.toml:6: a node stakes at least 1 ERA (the suite refuses 0)"),
        (1, "step = 0", "bad.toml:1: step must be at least 1 second"),
    ];
    for (line, with, expected) in cases {
        let got = refusal(line, with);
        assert!(got.starts_with(expected), "{with}: {got}");
        assert_eq!(got.lines().count(), 1, "{got}");
    }
}

#[test]
fn events_name_known_scenarios_within_the_run() {
    let phase = "[[phase]]\nat = 120\nload = { shoe = 3.0 }";
    assert_eq!(refusal(0, phase), "bad.toml:17: no scenario is named `shoe` in this plan");
    let late = "[[transfer]]\nat = 601\nfrom = \"shop\"\nto = \"shop\"\nera = 1";
    assert_eq!(refusal(0, late), "bad.toml:16: at 601 is after the run's end (600 s)");
    let slash = "[margin]\nproviders = 1\namount = 50000\n[[case]]\nat = 60\nprovider = 0\nfreeze = 1000\nslash = 0.9";
    assert_eq!(
        refusal(0, slash),
        "bad.toml:22: slash 0.9 is refused by the suite: a slash is 0.2 to 0.5 of the margin"
    );
    let provider =
        "[margin]\nproviders = 1\namount = 50000\n[[case]]\nat = 60\nprovider = 1\nfreeze = 1000";
    let got = refusal(0, provider);
    assert!(got.starts_with("bad.toml:20: provider 1 does not exist"), "{got}");
    let call_in = "[[call_in]]\nat = 60\nscenario = \"nft\"\nnodes = 4";
    assert_eq!(refusal(0, call_in), "bad.toml:17: no scenario is named `nft` in this plan");
}

#[test]
fn assets_and_node_slashes_are_checked() {
    let assets = "[[assets]]\nscenario = \"shop\"\nowners = 2\nconsumers = 5\nat = 60";
    Plan::parse("ok.toml", "ok", &format!("{GOOD}{assets}\n")).unwrap();
    let unknown = assets.replace("\"shop\"", "\"shoe\"");
    assert_eq!(refusal(0, &unknown), "bad.toml:16: no scenario is named `shoe` in this plan");
    let negative = assets.replace("owners = 2", "owners = -2");
    assert!(refusal(0, &negative).starts_with("bad.toml:17: invalid value: integer `-2`"));
    let period = format!("{assets}\nperiod = 0");
    assert!(refusal(0, &period).starts_with("bad.toml:20: period 0 is refused by the suite"));
    let fee = format!("{assets}\nfee = 0.01");
    assert!(refusal(0, &fee).starts_with("bad.toml:20: fee 0.01 is refused by the suite"));
    let twice = format!("{assets}\n{assets}");
    assert!(refusal(0, &twice).starts_with("bad.toml:21: assets of `shop` are defined twice"));
    let late = assets.replace("at = 60", "at = 601");
    assert_eq!(refusal(0, &late), "bad.toml:19: at 601 is after the run's end (600 s)");

    let slash = "[[slash]]\nat = 60\ngroup = 0\nfraction = 0.1";
    Plan::parse("ok.toml", "ok", &format!("{GOOD}{slash}\n")).unwrap();
    let group = slash.replace("group = 0", "group = 1");
    assert_eq!(
        refusal(0, &group),
        "bad.toml:17: node group 1 does not exist: the plan has 1 [[nodes]] tables (0 to 0)"
    );
    let count = format!("{slash}\ncount = 4");
    assert_eq!(refusal(0, &count), "bad.toml:19: count 4 is more than group 0's 3 nodes");
    let fraction = slash.replace("0.1", "1.5");
    assert!(refusal(0, &fraction).starts_with("bad.toml:18: fraction 1.5 is refused by the suite"));
    let typo = format!("{slash}\nfractions = 0.2");
    assert!(refusal(0, &typo).starts_with("bad.toml:19: unknown field `fractions`"));
}

#[test]
fn a_missing_file_is_named() {
    let err = Plan::load(Path::new("no/such/plan.toml")).unwrap_err().to_string();
    assert!(err.starts_with("no/such/plan.toml:0: cannot read the plan:"), "{err}");
}

#[test]
fn standby_nodes_and_call_ins_are_checked_before_anything_runs() {
    let report = refusal(2, "duration = 600\nreport = 90");
    assert_eq!(report, "bad.toml:3: report must be a multiple of step (60 s)");
    let module = refusal(6, "stake = 100000\nstandby = \"quantum\"");
    assert_eq!(module, "bad.toml:7: unknown module `quantum`");
    let enrolled = refusal(6, "stake = 100000\nstandby = \"optimistic-watchers\"");
    assert!(
        enrolled.starts_with("bad.toml:15: nodes 0..3 would enroll standby nodes"),
        "{enrolled}"
    );
    let nobody = refusal(0, "[[call_in]]\nat = 60\nscenario = \"shop\"\nnodes = 4");
    assert!(nobody.starts_with("bad.toml:17: no standby nodes to call in"), "{nobody}");
    let standby = "[[nodes]]\ncount = 2\nstake = 100000\nstandby = \"optimistic-watchers\"\n";
    let asks =
        format!("{standby}[[call_in]]\nat = 60\nscenario = \"shop\"\nnodes = 1\nasks = [0, 3]");
    assert!(refusal(0, &asks).starts_with("bad.toml:23: asks is [LOWEST, HIGHEST]"));
    let plan = GOOD.to_owned() + standby;
    assert!(Plan::parse("ok.toml", "ok", &plan).is_ok(), "standby nodes after the enrolled ones");
}
