//! Slashes of nodes' stake: `[[slash]]` tables. At setup governance grants staking's slasher
//! role to the sandbox's slasher account (proposed, the timelock's delay warped, executed);
//! at `at` the slasher cuts the fraction `fraction` of each node of group `group` (the plan's
//! `[[nodes]]` tables, from 0), or of its first `count`. The cut goes to the slasher; staking's
//! hook re-counts each slashed node in its domains.
//!
//! ```toml
//! [[slash]]
//! at = 10800
//! group = 1
//! count = 5        # default: the whole group
//! fraction = 0.1   # above 0, at most 1
//! ```

use std::ops::Range;

use serde::Deserialize;
use toml::Spanned;

use crate::plan::{Plan, slash_wad};

/// Nodes of a group slashed by a fraction of their stake.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Slash {
    /// When.
    pub at: Spanned<u64>,
    /// The `[[nodes]]` group, from 0.
    pub group: Spanned<u32>,
    /// How many of its nodes (its first); default all.
    #[serde(default)]
    pub count: Option<Spanned<u32>>,
    /// The fraction of each node's stake cut.
    pub fraction: Spanned<f64>,
}

impl Slash {
    /// The node indices it slashes (the plan is checked: the group exists).
    pub fn nodes(&self, plan: &Plan) -> Range<u32> {
        let group = *self.group.get_ref() as usize;
        let start: u32 = plan.nodes[..group].iter().map(|g| g.count).sum();
        let size = plan.nodes[group].count;
        let count = self.count.as_ref().map_or(size, |c| (*c.get_ref()).min(size));
        start..start + count
    }
}

/// What the suite or the run would refuse in `plan.slashes`, with the offending span.
pub fn check(plan: &Plan) -> Result<(), (Range<usize>, String)> {
    for s in &plan.slashes {
        if *s.at.get_ref() > *plan.duration.get_ref() {
            let problem = format!(
                "at {} is after the run's end ({} s)",
                s.at.get_ref(),
                plan.duration.get_ref()
            );
            return Err((s.at.span(), problem));
        }
        let group = *s.group.get_ref();
        let Some(nodes) = plan.nodes.get(group as usize) else {
            let problem = format!(
                "node group {group} does not exist: the plan has {} [[nodes]] tables (0 to {})",
                plan.nodes.len(),
                plan.nodes.len().saturating_sub(1)
            );
            return Err((s.group.span(), problem));
        };
        if let Some(count) = &s.count
            && *count.get_ref() > nodes.count
        {
            let problem = format!(
                "count {} is more than group {group}'s {} nodes",
                count.get_ref(),
                nodes.count
            );
            return Err((count.span(), problem));
        }
        let fraction = *s.fraction.get_ref();
        // The plan's fractions are parts per million (`slash_wad`): less rounds to 0.
        if !(fraction > 0.0 && fraction <= 1.0) || slash_wad(fraction).is_zero() {
            let problem = format!(
                "fraction {fraction} is refused by the suite: a slash cuts 0.000001 to 1 of a node's stake"
            );
            return Err((s.fraction.span(), problem));
        }
    }
    Ok(())
}
