//! What can stop the indexer: each variant prints as one line that says what to do.

use alloy::primitives::B256;

/// An indexer or store failure.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The database failed (connection, SQL, constraint).
    #[error("database: {0}")]
    Database(#[from] sqlx::Error),
    /// The RPC failed or answered something unusable.
    #[error("RPC: {0}")]
    Rpc(String),
    /// The URL names neither SQLite nor PostgreSQL.
    #[error(
        "unsupported database URL (not sqlite: or postgres:): use sqlite://PATH or postgres://USER@HOST:PORT/DB"
    )]
    Url(String),
    /// The database was written for another chain or another deployment.
    #[error(
        "this database indexes chain {stored_chain}'s deployment {stored}, not chain {chain}'s \
         deployment {deployment}: index into another database, or delete this one to start over"
    )]
    OtherDeployment {
        /// The chain the database was written for.
        stored_chain: u64,
        /// The deployment it was written for.
        stored: String,
        /// The chain being indexed now.
        chain: u64,
        /// The deployment being indexed now.
        deployment: String,
    },
    /// The chain no longer holds any block this index stored: it cannot find a common ancestor.
    #[error(
        "the chain reorganised below block {oldest}, the oldest block this index holds (its hash \
         there was {hash}): it cannot be repaired; delete the database and index again"
    )]
    TooDeep {
        /// The oldest stored block.
        oldest: u64,
        /// Its stored hash.
        hash: B256,
    },
    /// There is nothing to follow (an empty address filter would match every log of the chain).
    #[error("no contract to index: the deployment record names none (run `era deploy` first)")]
    NoContracts,
    /// The chain kept changing under a batch: its logs and headers never agreed.
    #[error("the chain kept reorganising while blocks {from}..={to} were read; try again later")]
    Unstable {
        /// The batch's first block.
        from: u64,
        /// Its last block.
        to: u64,
    },
}

/// The indexer's result.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// An RPC failure, as text (alloy's transport error type is not worth a dependency).
pub(crate) fn rpc(err: impl std::fmt::Display) -> Error {
    Error::Rpc(err.to_string())
}
