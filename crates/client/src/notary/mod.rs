//! Notarized execution logs (enterprise): entries signed by node keys, batches rolled into one
//! anchored Merkle root, offline verification, equivocation slashing.
