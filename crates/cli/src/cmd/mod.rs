//! One file per `era` subcommand.

pub(crate) mod asset;
pub(crate) mod breaker;
pub(crate) mod component;
pub(crate) mod delegate;
pub(crate) mod deploy;
pub(crate) mod derivative;
pub(crate) mod devnet;
pub(crate) mod domain;
pub(crate) mod exec;
pub(crate) mod gov;
pub(crate) mod hyperlane;
pub(crate) mod index;
pub(crate) mod invite; // flows (E1)
pub(crate) mod keys;
pub(crate) mod margin;
pub(crate) mod module;
pub(crate) mod notary;
pub(crate) mod partner;
pub(crate) mod pause;
pub(crate) mod prove;
pub(crate) mod relay;
pub(crate) mod rewards;
pub(crate) mod risk;
pub(crate) mod sandbox;
pub(crate) mod scenario;
pub(crate) mod stake;
pub(crate) mod standby;
pub(crate) mod status;
pub(crate) mod tier;
pub(crate) mod verifier;
pub(crate) mod verify;
pub(crate) mod warp;
pub(crate) mod weave;
pub(crate) mod withdraw;
