//! The self-bond check `era status` and `era stake` share: a node holds a tier only while its own
//! stake is at least `selfBondBps` of the tier's minimum, however much is delegated to it.

use alloy::primitives::{Address, U256};
use era_client::tier_name;
use eyre::Result;

use crate::{amount::fmt_era, suite::Suite};

/// One line when `node`'s total stake reaches a tier whose self-bond its own stake misses (the
/// highest such tier), else `None`.
pub(crate) async fn shortfall(suite: &Suite, node: Address) -> Result<Option<String>> {
    let staking = suite.staking();
    let (own, total) =
        (staking.selfStake(node).call().await?, staking.nodeStake(node).call().await?);
    let mut worst: Option<(U256, String)> = None;
    for id in staking.tierIds().call().await? {
        let min = U256::from(staking.tiers(id).call().await?.minStake);
        let bond = staking.minSelfBond(id).call().await?;
        if total >= min && own < bond && worst.as_ref().is_none_or(|(b, _)| bond > *b) {
            worst = Some((bond, tier_name(id)));
        }
    }
    Ok(worst.map(|(bond, tier)| {
        format!(
            "self-bond short: {node} stakes {} on itself, below the {} tier `{tier}` asks: it does not hold `{tier}` until it stakes {} more on itself",
            fmt_era(own),
            fmt_era(bond),
            fmt_era(bond - own)
        )
    }))
}
