//! ERA amounts, percentages and durations as people write and read them (`era_client::units`).

pub(crate) use era_client::units::{fmt_duration, fmt_era, fmt_time, parse_duration, parse_era};
