//! A small plan played end to end on the revm harness, through the era-client calls.

use era_sandbox::{Options, Plan, run};

/// Five nodes: four staked for up to level 3 of the light domain, one staking 1 ERA itself and
/// carried by a delegation (the client sees enough stake; the contract's self-bond rule refuses
/// its enrollment by name). A 3x surge for two steps escalates the shop twice; a 1,000,001 ERA
/// transfer out of the light domain trips its breaker, and a later one is refused. Governance
/// lowers the light domain's minimum to 4 nodes, so the shop may escalate.
const SMALL: &str = r#"step = 600
duration = 3600

[[nodes]]
count = 4
stake = 100000

[[nodes]]
count = 1
stake = 1

[delegators]
count = 5
amount = 100000

[[scenario]]
name = "shop"
domain = "light"
module = "basic-fraud-proof"
baseline = 1000
tps = 10
nodes = 5

[[scenario]]
name = "bank"
domain = "financial"
module = "validity-proof"
baseline = 1000
tps = 5
nodes = 0

[[phase]]
at = 600
load = { shop = 3.0 }

[[phase]]
at = 1800
load = { shop = 1.0 }

[domains]
light = 4

[[transfer]]
at = 2000
from = "shop"
to = "bank"
era = 1000001

[[transfer]]
at = 2500
from = "shop"
to = "bank"
era = 10
"#;

#[tokio::test(flavor = "multi_thread", worker_threads = 1)]
async fn a_small_plan_runs_end_to_end() {
    let plan = Plan::parse("small.toml", "small", SMALL).unwrap();
    let report = run(&plan, &Options::default()).await.unwrap();
    assert_eq!(report.plan, "small");
    assert!(!report.interrupted);
    assert_eq!(report.seconds, 3600);
    let ts: Vec<u64> = report.samples.iter().map(|s| s.t).collect();
    assert_eq!(ts, [0, 600, 1200, 1800, 2400, 3000, 3600]);

    // Every action went through the client and is counted; the refusals are named.
    let count = |kind: &str| report.actions.get(kind).copied().unwrap_or_default();
    assert_eq!((count("stake"), count("delegate"), count("enroll")), (5, 5, 5));
    assert_eq!((count("registerScenario"), count("transfer")), (2, 2));
    assert_eq!(count("reportVolume"), 12, "two scenarios, six steps");
    let reverts: Vec<(&str, u64)> = report.reverts.iter().map(|(k, v)| (k.as_str(), *v)).collect();
    assert_eq!(reverts, [("SelfBondBelowTier", 1), ("refused:transfer", 1)]);

    // The surge escalates the shop a level per surging report; four nodes stay eligible.
    let shop = |i: usize| &report.samples[i].scenarios["shop"];
    let levels: Vec<u8> = (0..7).map(|i| shop(i).level).collect();
    assert_eq!(levels, [1, 2, 3, 3, 3, 3, 3], "back down only after a day of calm");
    assert!((0..7).all(|i| shop(i).active_nodes == 4));
    assert_eq!((shop(0).load_tps, shop(1).load_tps, shop(3).load_tps), (10.0, 30.0, 10.0));
    let delay = shop(1).delay_ms.unwrap();
    assert!((4.0..4.1).contains(&delay), "level 2 on 4 nodes at 30 tps: {delay}");
    assert_eq!(report.samples[0].scenarios["bank"].delay_ms, None, "no node serves the bank");
    assert!(shop(6).provisioned, "governance asked 4 light nodes, and 4 qualify");
    assert!(!report.samples[6].scenarios["bank"].provisioned, "0 of 300 financial nodes");

    // The big transfer is held in escrow and trips the light domain from then on.
    let tripped: Vec<bool> = report.samples.iter().map(|s| s.tripped == ["light"]).collect();
    assert_eq!(tripped, [false, false, false, false, true, true, true]);
    assert_eq!(report.samples[4].era_flows["escrowed"], 1_000_001.0);
    assert_eq!(report.samples[0].era_flows["staked"], 400_001.0);
    assert!(report.samples[1..].iter().all(|s| s.gas_used > 0), "reports are mined each step");
    let blocks: Vec<u64> = report.samples.iter().map(|s| s.block).collect();
    assert!(blocks.windows(2).all(|w| w[0] < w[1]) && report.blocks == blocks[6]);
}

/// Three providers' margin frozen by the partner, assessed, and after the dispute window slashed
/// 30% (capped at the freeze) by governance: the resolution scheduled on the timelock and
/// executed once its delay has passed, all within six simulated days.
#[tokio::test(flavor = "multi_thread", worker_threads = 1)]
async fn margin_cases_are_slashed_through_governance_when_the_chain_allows() {
    let mut text = String::from(
        "step = 86400\nduration = 518400\n[[nodes]]\ncount = 1\nstake = 100000\n\
         [margin]\nproviders = 3\namount = 40000\n",
    );
    for provider in 0..3 {
        text +=
            &format!("[[case]]\nat = 3600\nprovider = {provider}\nfreeze = 10000\nslash = 0.3\n");
    }
    let plan = Plan::parse("cases.toml", "cases", &text).unwrap();
    let report = run(&plan, &Options::default()).await.unwrap();
    assert_eq!(report.reverts.len(), 0, "{:?}", report.reverts);
    let count = |kind: &str| report.actions.get(kind).copied().unwrap_or_default();
    assert_eq!((count("freeze"), count("assess"), count("resolve")), (3, 3, 3));
    assert_eq!(count("execute"), 2 + 3, "modules and partner registered, then each resolution");
    let flows: Vec<_> = report.samples.iter().map(|s| s.era_flows.clone()).collect();
    assert_eq!(flows[0]["margin"], 120_000.0);
    assert_eq!(flows[1]["frozen"], 30_000.0);
    assert_eq!(flows[6]["slashed"], 30_000.0, "30% of 40,000, capped at each 10,000 frozen");
}

/// Four enrolled nodes and six in the standby pool of optimistic watchers. A 3x surge escalates
/// the shop at 1 h; a call-in of 4 at asks 2..7 ERA (one per standby node) picks the four lowest,
/// all paid the 4th price (5 ERA) after the challenge window; a day after the last surge the
/// shop steps back to its base and the call-in lapses by itself.
const CALL_IN: &str = r#"step = 3600
duration = 100800

[[nodes]]
count = 4
stake = 100000

[[nodes]]
count = 6
stake = 100000
standby = "optimistic-watchers"

[[scenario]]
name = "shop"
domain = "light"
module = "basic-fraud-proof"
baseline = 1000
tps = 10
nodes = 4

[[phase]]
at = 3600
load = { shop = 3.0 }

[[phase]]
at = 7200
load = { shop = 1.0 }

[domains]
light = 4

[[call_in]]
at = 4000
scenario = "shop"
nodes = 4
asks = [2, 7]
"#;

#[tokio::test(flavor = "multi_thread", worker_threads = 1)]
async fn standby_nodes_are_called_in_while_escalated_and_paid() {
    let plan = Plan::parse("callin.toml", "callin", CALL_IN).unwrap();
    let report = run(&plan, &Options::default()).await.unwrap();
    assert_eq!(report.reverts.len(), 0, "{:?}", report.reverts);
    let count = |kind: &str| report.actions.get(kind).copied().unwrap_or_default();
    assert_eq!((count("standbyJoin"), count("fund"), count("openRound")), (6, 1, 1));
    assert_eq!((count("commitBid"), count("revealBid")), (6, 6));
    assert_eq!((count("postSelection"), count("claimPay")), (1, 4));

    let shop = |t: u64| &report.samples[(t / 3600) as usize].scenarios["shop"];
    assert_eq!((shop(3600).level, shop(3600).called_in, shop(3600).active_nodes), (2, 0, 4));
    assert_eq!((shop(7200).called_in, shop(7200).active_nodes), (4, 8));
    assert_eq!((shop(86400).level, shop(86400).called_in), (2, 4), "a day of calm not over");
    assert_eq!((shop(90000).level, shop(90000).called_in, shop(90000).active_nodes), (1, 0, 4));
    let (with, without) = (shop(7200).delay_ms.unwrap(), shop(3600).delay_ms.unwrap());
    assert!(with < without, "the model serves 8 nodes faster than 4: {with} vs {without}");

    let flows = |key: &str| report.samples.iter().filter_map(|s| s.era_flows.get(key)).sum::<f64>();
    assert_eq!(flows("securityBudget"), 4.0 * 7.0, "the most 4 winners could cost");
    assert_eq!(flows("callInPay"), 4.0 * 5.0, "all four at the 4th lowest ask");
}

/// Two owners register proved assets of the shop's schema and each authorizes three consumers
/// at 600 s (1.5 ERA a fee); at 1,200 s the slasher, granted its role through governance, cuts
/// 90% of the first node's stake, which drops it below the light domain's 10,000 ERA: the
/// domain, asked for 4 qualifying nodes, is no longer provisioned.
#[tokio::test(flavor = "multi_thread", worker_threads = 1)]
async fn assets_authorizations_and_node_slashes_run_and_are_counted() {
    let text = r#"step = 600
duration = 1800
[[nodes]]
count = 1
stake = 50000
[[nodes]]
count = 3
stake = 50000
[[scenario]]
name = "shop"
domain = "light"
module = "basic-fraud-proof"
baseline = 1000
tps = 10
nodes = 4
[domains]
light = 4
[[assets]]
scenario = "shop"
owners = 2
consumers = 3
at = 600
fee = 1.5
[[slash]]
at = 1200
group = 0
fraction = 0.9
"#;
    let plan = Plan::parse("assets.toml", "assets", text).unwrap();
    let report = run(&plan, &Options::default()).await.unwrap();
    assert_eq!(report.reverts.len(), 0, "{:?}", report.reverts);
    let count = |kind: &str| report.actions.get(kind).copied().unwrap_or_default();
    assert_eq!((count("deployVerifier"), count("assetSchema")), (1, 1));
    assert_eq!((count("prove"), count("register"), count("authorize")), (2, 2, 6));
    assert_eq!((count("grantSlasher"), count("slash")), (1, 1));
    assert_eq!(count("execute"), 1 + 1 + 1 + 1, "modules, min nodes, schema, slasher role");
    let flows: Vec<_> = report.samples.iter().map(|s| s.era_flows.clone()).collect();
    assert_eq!(flows[0]["anchored"], 20_000.0, "two anchor stakes of 10,000");
    assert_eq!(flows[1]["fees"], 9.0, "six authorizations at 1.5 ERA");
    assert_eq!(flows[2]["slashed"], 45_000.0, "90% of 50,000");
    let provisioned: Vec<bool> =
        report.samples.iter().map(|s| s.scenarios["shop"].provisioned).collect();
    assert_eq!(provisioned, [true, true, false, false], "staking's hook re-counted the node");
}
