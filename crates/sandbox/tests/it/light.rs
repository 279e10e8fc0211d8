//! The promotion case in small: a light shop allowing {Standard, Async}; players buy every step,
//! in standard mode before the surge and through a bonded executor's batches during it; the
//! report shows the mode and the throughput per block of each step.

use era_sandbox::{Options, Plan, run};

const PROMOTION: &str = r#"step = 3600
duration = 21600
report = 3600

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

[[phase]]
at = 7200
load = { shop = 3.0 }

[domains]
light = 0

[light]
scenario = "shop"
players = 20
batch = 20
"#;

#[tokio::test]
async fn purchases_switch_to_async_under_the_surge_and_fit_more_per_block() {
    let plan = Plan::parse("promotion-small.toml", "promotion-small", PROMOTION).unwrap();
    let report = run(&plan, &Options::default()).await.unwrap();
    let light: Vec<_> =
        report.samples.iter().filter_map(|s| s.scenarios["shop"].light.clone()).collect();
    let modes: Vec<_> = light.iter().map(|l| l.mode.as_str()).collect();
    assert_eq!(modes.first(), Some(&"standard"), "{modes:?}");
    assert_eq!(modes.last(), Some(&"async"), "{modes:?}");
    assert!(light.iter().all(|l| l.actions == 20), "every purchase applied: {light:?}");
    let standard = light.iter().find(|l| l.mode == "standard").unwrap();
    let r#async = light.iter().find(|l| l.mode == "async").unwrap();
    assert!(
        r#async.actions_per_block >= 2 * standard.actions_per_block,
        "async batches of 20 fit at least twice as many per block: {standard:?} {async:?}"
    );
    assert_eq!(report.reverts, Default::default(), "nothing refused: {:?}", report.reverts);
    assert!(report.actions["finalize"] > 0, "{:?}", report.actions);
}
