//! Notarized execution logs (enterprise): entries signed by node keys, batches rolled into one
//! anchored Merkle root, offline verification, equivocation slashing. One file per action;
//! `entry.rs` is the entry, its file and its digest.

mod anchor;
mod entry;
mod sign;
mod slash;
mod verify;

pub use anchor::AnchoredBatch;
pub use entry::{Batch, Entry, EntryFile, EntrySignature, SignatureError, leaf_of, recover};
pub use slash::EquivocationSlashed;
pub use verify::EntryVerified;
