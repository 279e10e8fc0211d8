//! `era weave send|show|route|trust`.

use alloy::primitives::Address;
use clap::{Args, Subcommand};
use era_client::weave::Fact;
use eyre::{Result, bail};

use super::fact::FactArgs;
use crate::{
    cmd::rewards::files::{RewardsDir, pick_root},
    output::{Quiet, print},
    suite::{ReadArgs, SendArgs},
};

/// Units: send, show, and the governance connecting two suites.
#[derive(Debug, Subcommand)]
pub(super) enum UnitsCommand {
    /// Read a fact on this chain and send it as a unit (a revocation if it no longer holds).
    Send(Box<SendUnitArgs>),
    /// What this chain's receiver keeps of a fact of --origin (with --require: exit 1 unless it
    /// holds).
    Show(Box<ShowArgs>),
    /// Schedule, on the origin, where units for --domain go: that chain's HyperlaneUnitRoute.
    Route(RouteArgs),
    /// Schedule, on the destination, trust in the UnitSender of --origin (and this suite's routes).
    Trust(TrustArgs),
}

/// `era weave send`.
#[derive(Debug, Args)]
pub(super) struct SendUnitArgs {
    #[command(flatten)]
    fact: FactArgs,
    /// The destination domain (its chain id); without it the unit is only recorded, for
    /// `era weave prove`.
    #[arg(long)]
    to: Option<u32>,
    /// For --contribution: the rewards epoch whose tree shows the amount (default: the latest
    /// active root's).
    #[arg(long, requires = "contribution")]
    epoch: Option<u64>,
    #[command(flatten)]
    tx: SendArgs,
}

/// `era weave show`.
#[derive(Debug, Args)]
pub(super) struct ShowArgs {
    #[command(flatten)]
    fact: FactArgs,
    /// The origin domain the fact comes from (its chain id).
    #[arg(long)]
    origin: u32,
    /// Exit 1 unless the fact holds here now.
    #[arg(long)]
    require: bool,
    #[command(flatten)]
    read: ReadArgs,
}

/// `era weave route`.
#[derive(Debug, Args)]
pub(super) struct RouteArgs {
    /// The destination domain (its chain id).
    #[arg(long)]
    domain: u32,
    /// The HyperlaneUnitRoute on that chain.
    #[arg(long, value_parser = crate::address::parse)]
    route: Address,
    #[command(flatten)]
    tx: SendArgs,
}

/// `era weave trust`.
#[derive(Debug, Args)]
pub(super) struct TrustArgs {
    /// The origin domain (its chain id).
    #[arg(long)]
    origin: u32,
    /// The UnitSender on that chain.
    #[arg(long, value_parser = crate::address::parse)]
    sender: Address,
    #[command(flatten)]
    tx: SendArgs,
}

impl UnitsCommand {
    pub(super) async fn run(self) -> Result<()> {
        match self {
            Self::Send(a) => {
                let fact = a.fact.fact()?;
                let (suite, _) = a.tx.open().await?;
                let client = suite.client();
                let to = a.to.unwrap_or_default();
                let out = if let Fact::Contribution { account } = fact {
                    let dir = RewardsDir::new(&a.tx.suite.records.deployments_dir, suite.chain.id);
                    let roots = client.reward_roots(suite.record.deploy_block()).await?;
                    let (root, tree) = pick_root(&dir, &roots, a.epoch)?;
                    let Some(leaf) = tree.leaf_of(account).copied() else {
                        bail!(
                            "{account} has no leaf in root #{}'s tree: it earned no contribution rewards there",
                            root.index
                        );
                    };
                    let proof = (root.index, leaf.cumulative, tree.proof(&leaf));
                    client.send_contribution(account, proof, to).await?
                } else {
                    client.send_unit(&fact, to).await?
                };
                print(&out, a.tx.json)
            }
            Self::Show(a) => {
                let fact = a.fact.fact()?;
                if let Fact::Risk { feed, .. } = fact
                    && feed.is_zero()
                {
                    bail!(
                        "--risk on a destination needs --feed: the RiskFeed of the origin (`era status` there names it)"
                    );
                }
                let suite = a.read.suite.open().await?;
                let view = suite.client().unit_view(&fact, a.origin).await?;
                print(&view, a.read.json)?;
                // As `era asset check`: the exit code answers, for scripts.
                if a.require && !view.holds { Err(Quiet(1).into()) } else { Ok(()) }
            }
            Self::Route(a) => {
                let (suite, sender) = a.tx.open().await?;
                let from = suite.record.deploy_block();
                let client = suite.client();
                print(
                    &client.schedule_unit_route(sender, a.domain, a.route, from).await?,
                    a.tx.json,
                )
            }
            Self::Trust(a) => {
                let (suite, sender) = a.tx.open().await?;
                let from = suite.record.deploy_block();
                let on = (a.origin, a.sender);
                print(&suite.client().schedule_unit_trust(sender, on, from).await?, a.tx.json)
            }
        }
    }
}
