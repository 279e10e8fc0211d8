//! Rewards (SPEC 2.7, issue 12): the `RewardsDistributor`'s roots, disputes, funds and claims,
//! and the OpenZeppelin Merkle tree its roots are made from. One file per concept: the tree
//! (`tree.rs`), reading roots (`roots.rs`), publishing one (`publish.rs`), disputing and
//! resolving it (`dispute.rs`), naming its rules (`rules.rs`), funding (`fund.rs`) and claiming (`claim.rs`);
//! the inflows (`inbox.rs`, `revenue.rs`) and invitations (`invitations.rs`).

mod claim;
mod dispute;
mod fund;
mod publish;
mod roots;
mod rules;
pub mod tree;

pub use claim::{ClaimHow, RewardsClaimed};
pub use dispute::RootChange;
pub use fund::{Funded, FundingScheduled, source_tag};
pub use publish::{Published, check_monotone};
pub use roots::{RootInfo, RootState, Roots, not_claimable};
pub use rules::RulesChange;

// flows (E1): scenario revenue, the funding inboxes and invitations.
mod deployed;
mod inbox;
mod invitations;
mod revenue;
pub use inbox::{AUTHORIZATION_FEES, Collected, Inflow, SCENARIO_COSTS};
pub use invitations::{Invite, InviteStatus};
pub use revenue::RevenuePaid;
// end flows (E1)
