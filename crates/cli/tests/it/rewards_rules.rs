//! `era rewards compute` and `era rewards show` on anvil: a node, a delegator, a developer and a
//! grant, from the suite's own logs.

use alloy::providers::Provider;

use era_indexer::scratch_postgres::ScratchPostgres;

use crate::common::Devnet;

const DAY: u64 = 86_400;

#[tokio::test]
async fn compute_an_epoch_from_the_chain_and_explain_an_account() {
    let net = Devnet::start();
    net.deploy();
    let gov = net.key(0);
    net.era(&["module", "register", "--standard", "--private-key", &gov]).ok();
    net.era(&["warp", "1h"]).ok();
    net.era(&["gov", "execute", "--private-key", &gov]).ok();
    let shop =
        ["scenario", "register", "shop", "--domain", "light", "--base-module", "basic-fraud-proof"];
    net.era(&[&shop[..], &["--private-key", &gov]].concat()).ok();
    let (node, holder) = (net.address(1), net.address(2));
    net.fund(node, 100_000).await;
    net.fund(holder, 10_000).await;
    net.era(&["stake", "100000", "--private-key", &net.key(1)]).ok();
    net.era(&["scenario", "enroll", "shop", "--private-key", &net.key(1)]).ok();
    net.era(&["delegate", &node.to_string(), "10000", "--private-key", &net.key(2)]).ok();

    // One-day epochs from now (a dev chain's rules file), and epoch 0's metrics.
    let provider = net.provider();
    let now =
        provider.get_block_by_number(Default::default()).await.unwrap().unwrap().header.timestamp;
    let dir = net.dir.path();
    let rules_dir = dir.join("31337/rewards");
    std::fs::create_dir_all(&rules_dir).unwrap();
    let mut rules = serde_json::to_value(era_rewards::Rules::default()).unwrap();
    rules["epochStart"] = now.into();
    rules["epochLength"] = DAY.into();
    let rules_file = rules_dir.join("rules.json");
    std::fs::write(&rules_file, rules.to_string()).unwrap();
    // Rules other than the defaults are refused until governance names them on chain.
    let rules_file = rules_file.to_str().unwrap();
    net.era(&["rewards", "rules", rules_file, "--private-key", &gov]).ok();
    net.era(&["warp", "1h"]).ok();
    net.era(&["gov", "execute", "--private-key", &gov]).ok();
    let metrics = dir.join("metrics.json");
    let grant = r#"{"account":"0x90F79bf6EB2c4f870365E785982E1f101E93b906","amount":"200000000000000000000","reason":"suggestion #12 adopted"}"#;
    std::fs::write(
        &metrics,
        format!(r#"{{"epoch":0,"monthlyActiveUsers":{{"1":10001}},"grants":[{grant}]}}"#),
    )
    .unwrap();
    let metrics = metrics.to_str().unwrap();

    let line = net.era(&["rewards", "compute", "--epoch", "0", "--metrics", metrics]).refused();
    assert!(line.contains("wait until it has ended (on a dev chain, `era warp`)"), "{line}");
    net.era(&["warp", "1d"]).ok();
    let line = net.era(&["rewards", "compute", "--epoch", "0", "--metrics", metrics]).refused();
    assert!(line.contains("run `era index` first"), "{line}");
    net.era(&["index"]).ok();
    let out =
        net.era(&["rewards", "compute", "--epoch", "0", "--metrics", metrics, "--json"]).json();
    // Node pool: 110,000 ERA for a day at 12% a year = 36.1643... ERA; developer 10,000; grant 200.
    assert_eq!(out["totals"]["nodes"]["paid"], "36164383561643835616");
    assert_eq!(out["totals"]["developers"]["paid"], "10000000000000000000000");
    assert_eq!(out["totals"]["grants"]["paid"], "200000000000000000000");
    assert_eq!(out["accounts"], 4);
    assert_eq!(out["rulesChecked"], true, "the rules governance named");
    assert_eq!(out["epochTotal"], "10236164383561643835616");

    // The same epoch from a PostgreSQL index: the same rewards.json, byte for byte (written once,
    // so a different file would be refused).
    let rewards_file = std::fs::read(dir.join("31337/rewards/epoch-0/rewards.json")).unwrap();
    let pg = ScratchPostgres::start().unwrap();
    let url = pg.url();
    net.era(&["index", "--database-url", &url]).ok();
    let compute = ["rewards", "compute", "--epoch", "0", "--metrics", metrics, "--json"];
    let again = net.era(&[&compute[..], &["--database-url", &url]].concat()).json();
    assert_eq!(again, out, "PostgreSQL computes what SQLite computed");
    let rewards_again = std::fs::read(dir.join("31337/rewards/epoch-0/rewards.json")).unwrap();
    assert_eq!(rewards_again, rewards_file);

    let shown = net
        .era(&[
            "rewards",
            "show",
            &holder.to_string(),
            "--epoch",
            "0",
            "--chain-id",
            "31337",
            "--json",
        ])
        .json();
    assert_eq!(shown["cumulative"], "2958904109589041096");
    assert_eq!(shown["lines"][0]["rule"], "delegation");
    let text = net
        .era(&["rewards", "show", &holder.to_string(), "--epoch", "0", "--chain-id", "31337"])
        .ok();
    assert!(
        text.contains("2.958904109589041096 ERA nodes (delegation): 10,000 ERA-days of node "),
        "{text}"
    );

    // The same inputs again write the same file; other metrics are refused for a written epoch.
    net.era(&["rewards", "compute", "--epoch", "0", "--metrics", metrics]).ok();
    let other = dir.join("other.json");
    std::fs::write(&other, r#"{"epoch":0}"#).unwrap();
    let line = net
        .era(&["rewards", "compute", "--epoch", "0", "--metrics", other.to_str().unwrap()])
        .refused();
    assert!(line.contains("metrics.json: exists with other contents"), "{line}");
    let line = net.era(&["rewards", "compute", "--epoch", "2", "--metrics", metrics]).refused();
    assert!(line.contains("compute epoch 1 first"), "{line}");
    let line = net
        .era(&["rewards", "show", &holder.to_string(), "--epoch", "1", "--chain-id", "31337"])
        .refused();
    assert!(line.contains("run `era rewards compute --epoch 1` first"), "{line}");
}
