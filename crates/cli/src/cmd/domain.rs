//! `era domain status|sync|min-nodes`: risk domains' provisioning, the count of qualifying nodes
//! against each domain's minimum (a scenario in an under-provisioned domain does not escalate).

use alloy::primitives::Address;
use clap::{Args, Subcommand};
use era_client::{RiskDomain, Synced};
use eyre::Result;

use crate::{
    output::{bar, print},
    suite::{ReadArgs, SendArgs},
};

/// Risk domains' provisioning.
#[derive(Debug, Args)]
pub(crate) struct DomainArgs {
    #[command(subcommand)]
    command: DomainCommand,
}

/// `era domain` subcommands.
#[derive(Debug, Subcommand)]
enum DomainCommand {
    /// Each domain's qualifying nodes against its minimum, and whether it is provisioned.
    Status(StatusArgs),
    /// Re-count nodes after a governance change of a tier or the self-bond (or a grace period
    /// ending): the given nodes, or every node whose count is out of date, in batches.
    Sync(SyncArgs),
    /// Schedule a domain's minimum node count on the timelock (governance); execute it with
    /// `era gov execute` once the delay has passed.
    MinNodes(MinNodesArgs),
}

/// `era domain status`.
#[derive(Debug, Args)]
struct StatusArgs {
    #[command(flatten)]
    read: ReadArgs,
}

/// `era domain sync`.
#[derive(Debug, Args)]
struct SyncArgs {
    /// Nodes to re-count; default: every registered node whose count is out of date.
    #[arg(value_parser = crate::address::parse)]
    nodes: Vec<Address>,
    #[command(flatten)]
    tx: SendArgs,
}

/// `era domain min-nodes`.
#[derive(Debug, Args)]
struct MinNodesArgs {
    /// Risk domain: financial, enterprise or light.
    #[arg(value_parser = RiskDomain::parse_domain)]
    domain: u8,
    /// Qualifying nodes it needs (0: none).
    min_nodes: u32,
    #[command(flatten)]
    tx: SendArgs,
}

impl DomainArgs {
    /// Runs the subcommand.
    pub(crate) async fn run(self) -> Result<()> {
        match self.command {
            DomainCommand::Status(args) => {
                let suite = args.read.suite.open().await?;
                print(&suite.client().domains_status().await?, args.read.json)
            }
            DomainCommand::Sync(args) => {
                let (suite, _) = args.tx.open().await?;
                let client = suite.client();
                let (checked, nodes) = client.nodes_to_sync(args.nodes).await?;
                let progress =
                    bar(args.tx.json, nodes.len() as u64, "sync {wide_bar} {pos}/{len} nodes");
                let txs =
                    client.sync_nodes(&nodes, |done| progress.set_position(done as u64)).await?;
                progress.finish_and_clear();
                print(&Synced { checked, txs }, args.tx.json)
            }
            DomainCommand::MinNodes(args) => {
                let (suite, sender) = args.tx.open().await?;
                let from = suite.record.deploy_block();
                let domain = RiskDomain::try_from(args.domain)?;
                let out =
                    suite.client().schedule_min_nodes(sender, domain, args.min_nodes, from).await?;
                print(&out, args.tx.json)
            }
        }
    }
}
