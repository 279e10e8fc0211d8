//! `era weave`: facts of one rollup taking effect on another (issue 16). `send` reads a fact on
//! the origin and sends it as a state unit; `relay` carries the messages (Hyperlane); `prove`
//! carries a unit by storage proof instead; `show` says what the destination keeps; `route` and
//! `trust` are the governance that connects two suites; `governor` is the Governor on the
//! destination that counts the origin's voting power.

use clap::{Args, Subcommand};
use eyre::Result;

mod fact;
mod governor;
mod prove;
mod units;

/// Cross-chain state weaving: permissions, behaviour records and voting power of one rollup
/// taking effect on another.
#[derive(Debug, Args)]
pub(crate) struct WeaveArgs {
    #[command(subcommand)]
    command: WeaveCommand,
}

/// `era weave` subcommands.
#[derive(Debug, Subcommand)]
enum WeaveCommand {
    #[command(flatten)]
    Units(units::UnitsCommand),
    /// Deliver the units (and asset exports) one chain's sender dispatched to another chain, as a
    /// Hyperlane validator plus relayer would (the same as `era relay`).
    Relay(crate::cmd::relay::RelayArgs),
    /// Carry a unit by storage proof (no validator set): open an epoch of the origin here if
    /// the unit is newer than the open one, then prove the unit against it.
    Prove(Box<prove::ProveArgs>),
    /// Open an epoch of the origin here: its block header (hash posted by the root poster) and
    /// its sender's account proof, which every unit of the epoch is then proven against.
    Epoch(prove::EpochArgs),
    /// The Governor on this chain that counts another chain's ERA voting power.
    Governor(governor::GovernorArgs),
}

impl WeaveArgs {
    /// Runs the subcommand.
    pub(crate) async fn run(self) -> Result<()> {
        match self.command {
            WeaveCommand::Units(command) => command.run().await,
            WeaveCommand::Relay(args) => args.run().await,
            WeaveCommand::Prove(args) => args.run().await,
            WeaveCommand::Epoch(args) => args.run().await,
            WeaveCommand::Governor(args) => args.run().await,
        }
    }
}
