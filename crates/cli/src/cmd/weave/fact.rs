//! Which fact a weave command is about: one of `--tier`, `--scenario`, `--partner`, `--role`,
//! `--invites`, `--contribution`, `--votes`, `--risk`, `--asset`, with `--account` naming who
//! holds it.

use alloy::primitives::{Address, B256, keccak256};
use clap::Args;
use era_client::{tier_id, weave::Fact};
use eyre::{Result, bail, eyre};

/// A fact of the origin chain: what (one of [`Which`]) and whose.
#[derive(Clone, Debug, Args)]
pub(super) struct FactArgs {
    #[command(flatten)]
    which: Which,
    /// Who holds the fact.
    #[arg(long, value_parser = crate::address::parse)]
    account: Option<Address>,
    /// The AccessControl contract of --role.
    #[arg(long, value_parser = crate::address::parse)]
    target: Option<Address>,
    /// The consumer of --asset: an address, a bytes32, or a scenario name.
    #[arg(long, value_parser = |s: &str| Ok::<B256, String>(era_client::assets::consumer_key(s)))]
    consumer: Option<B256>,
    /// The origin's RiskFeed of --risk (sending: default the one the UnitSender reads; showing
    /// on a destination: required).
    #[arg(long, value_parser = crate::address::parse)]
    feed: Option<Address>,
}

/// Which fact: exactly one.
#[derive(Clone, Debug, Args)]
#[group(required = true, multiple = false)]
struct Which {
    /// A staking tier the account (a node) meets, by name ("financial").
    #[arg(long, help_heading = "Fact (one of)")]
    tier: Option<String>,
    /// A scenario the account (a node) is enrolled in: its role there.
    #[arg(long, help_heading = "Fact (one of)")]
    scenario: Option<u64>,
    /// A margin partner the account acts for, by name.
    #[arg(long, help_heading = "Fact (one of)")]
    partner: Option<String>,
    /// An AccessControl role held on --target: a name ("MINTER_ROLE", hashed;
    /// "DEFAULT_ADMIN_ROLE" is zero) or a bytes32.
    #[arg(long, help_heading = "Fact (one of)")]
    role: Option<String>,
    /// The account's accepted invitations.
    #[arg(long, help_heading = "Fact (one of)")]
    invites: bool,
    /// The account's cumulative contribution rewards in the active rewards root.
    #[arg(long, help_heading = "Fact (one of)")]
    contribution: bool,
    /// The account's ERA voting power at this origin block (no --account: the total supply).
    #[arg(long, value_name = "BLOCK", help_heading = "Fact (one of)")]
    votes: Option<u64>,
    /// The account's (a provider's) newest risk publication on the RiskFeed: its figures,
    /// attestations and backing.
    #[arg(long, help_heading = "Fact (one of)")]
    risk: bool,
    /// A state asset the --consumer may use (no --consumer: the asset's status).
    #[arg(long, help_heading = "Fact (one of)")]
    asset: Option<B256>,
}

impl FactArgs {
    /// The fact named.
    pub(super) fn fact(&self) -> Result<Fact> {
        let account = || {
            self.account
                .ok_or_else(|| eyre!("this fact is about an account: pass --account ADDRESS"))
        };
        let name = |flag: &str, text: &str| tier_id(text).map_err(|e| eyre!("--{flag} {e}"));
        let w = &self.which;
        Ok(if let Some(tier) = &w.tier {
            Fact::Tier { node: account()?, tier: name("tier", tier)? }
        } else if let Some(scenario) = w.scenario {
            Fact::ScenarioRole { node: account()?, scenario }
        } else if let Some(partner) = &w.partner {
            Fact::Partner { actor: account()?, partner: name("partner", partner)? }
        } else if let Some(role) = &w.role {
            let target = self.target.ok_or_else(|| eyre!("--role needs --target CONTRACT"))?;
            Fact::Role { target, role: role_id(role), account: account()? }
        } else if w.invites {
            Fact::Invites { inviter: account()? }
        } else if w.contribution {
            Fact::Contribution { account: account()? }
        } else if let Some(snapshot) = w.votes {
            Fact::Votes { account: self.account.unwrap_or_default(), snapshot }
        } else if w.risk {
            Fact::Risk { provider: account()?, feed: self.feed.unwrap_or_default() }
        } else if let Some(asset) = w.asset {
            Fact::Asset { asset, consumer: self.consumer.unwrap_or_default() }
        } else {
            bail!(
                "name a fact: --tier, --scenario, --partner, --role, --invites, --contribution, --votes, --risk or --asset"
            )
        })
    }
}

/// An AccessControl role as OpenZeppelin names it: `keccak256("MINTER_ROLE")`, zero for
/// `DEFAULT_ADMIN_ROLE`, or a bytes32 as given.
fn role_id(text: &str) -> B256 {
    match text.trim() {
        "DEFAULT_ADMIN_ROLE" => B256::ZERO,
        t => t.parse().unwrap_or_else(|_| keccak256(t)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_are_named_as_openzeppelin_names_them() {
        assert_eq!(role_id("DEFAULT_ADMIN_ROLE"), B256::ZERO);
        assert_eq!(role_id("MINTER_ROLE"), keccak256("MINTER_ROLE"));
        let raw = B256::repeat_byte(7);
        assert_eq!(role_id(&raw.to_string()), raw);
    }
}
