//! Sending a transaction and reporting it (`era_client::send`).

pub(crate) use era_client::{Sent, send};
