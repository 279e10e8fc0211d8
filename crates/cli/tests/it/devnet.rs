//! `era devnet`: starts anvil, or reports the node already on the port.

use std::net::TcpListener;

use alloy::providers::{Provider, ProviderBuilder};

use crate::common::{Devnet, era_with};

#[tokio::test]
async fn devnet_reports_a_running_node() {
    let net = Devnet::start();
    let out = era_with(&[], &["devnet", "--port", &net.anvil.port().to_string()]).ok();
    assert!(out.contains("already running") && out.contains("chain 31337"), "{out}");
}

#[tokio::test]
async fn devnet_detached_starts_anvil_on_the_port() {
    let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let out = era_with(&[], &["devnet", "--port", &port.to_string(), "--detach"]).ok();
    let pid: u32 = out.split("pid ").nth(1).unwrap().split(',').next().unwrap().parse().unwrap();
    let provider =
        ProviderBuilder::new().connect_http(format!("http://127.0.0.1:{port}").parse().unwrap());
    let chain_id = provider.get_chain_id().await;
    std::process::Command::new("kill").arg(pid.to_string()).status().unwrap();
    assert_eq!(chain_id.unwrap(), 31337);
}

#[tokio::test]
async fn devnet_refuses_a_port_held_by_something_else() {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let line = era_with(&[], &["devnet", "--port", &port.to_string(), "--detach"]).refused();
    assert!(line.contains("not an Ethereum node"), "{line}");
}
