//! Rewards: the distributor, its inflows, scenario revenue and invitations.

// flows (E1): scenario revenue, the funding inboxes and invitations.
mod deployed;
mod inbox;
mod invitations;
mod revenue;
pub use inbox::{AUTHORIZATION_FEES, Collected, Inflow, SCENARIO_COSTS};
pub use invitations::{Invite, InviteStatus};
pub use revenue::RevenuePaid;
// end flows (E1)
