//! What a call to one of the suite's contracts does, in words (`staking.setTier(financial,
//! 150,000 ERA)`): how `era gov list` and every scheduling command show a timelock operation.

use std::fmt;

use alloy::{
    primitives::{Address, U256},
    sol_types::SolInterface,
};
use era_bindings::{
    CircuitBreaker::CircuitBreakerCalls, ERAMargin::ERAMarginCalls, ERAStaking::ERAStakingCalls,
    ERAToken::ERATokenCalls, ModuleRegistry::ModuleRegistryCalls,
    RewardsDistributor::RewardsDistributorCalls, RiskFeed::RiskFeedCalls,
    ScenarioRegistry::ScenarioRegistryCalls, StateAssetRegistry::StateAssetRegistryCalls,
    UnitReceiver::UnitReceiverCalls, UnitSender::UnitSenderCalls,
};

use crate::{
    SuiteAddresses, tier_name,
    units::{fmt_duration, fmt_era, fmt_percent, fmt_time},
};

/// What a call to a suite contract does, e.g. `setTier(financial, 150,000 ERA)`.
pub fn describe(addresses: &SuiteAddresses, target: Address, data: &[u8]) -> String {
    if target == addresses.staking
        && let Ok(call) = ERAStakingCalls::abi_decode(data)
    {
        return match call {
            ERAStakingCalls::setTier(c) => format!(
                "staking.setTier({}, {})",
                tier_name(c.tier),
                fmt_era(U256::from(c.minStake))
            ),
            ERAStakingCalls::setUnbondingDelay(c) => {
                format!("staking.setUnbondingDelay({})", fmt_duration(c.delay))
            }
            ERAStakingCalls::setGracePeriod(c) => {
                format!("staking.setGracePeriod({})", fmt_duration(c.period))
            }
            ERAStakingCalls::grantRole(c) => {
                format!("staking.grantRole({}, {})", c.role, c.account)
            }
            ERAStakingCalls::unpause(_) => "staking.unpause()".into(),
            ERAStakingCalls::extendPause(c) => {
                format!("staking.extendPause(until {})", fmt_time(c.until))
            }
            other => format!("staking.{}", call_name(&other)),
        };
    }
    if target == addresses.modules
        && let Ok(call) = ModuleRegistryCalls::abi_decode(data)
    {
        return match call {
            ModuleRegistryCalls::registerModule(c) => format!(
                "modules.registerModule({}, level {}, threshold {} per node{})",
                tier_name(c.name),
                c.level,
                fmt_era(U256::from(c.stakeThreshold)),
                if c.verifier.is_zero() {
                    String::new()
                } else {
                    format!(", verifier {}", c.verifier)
                }
            ),
            ModuleRegistryCalls::setThreshold(c) => format!(
                "modules.setThreshold(module {}, threshold {} per node)",
                c.moduleId,
                fmt_era(U256::from(c.stakeThreshold))
            ),
            ModuleRegistryCalls::deprecate(c) => {
                format!("modules.deprecate(module {})", c.moduleId)
            }
            other => format!("modules.{}", call_name(&other)),
        };
    }
    if target == addresses.scenarios
        && let Ok(call) = ScenarioRegistryCalls::abi_decode(data)
    {
        return match call {
            ScenarioRegistryCalls::pin(c) => {
                format!("scenarios.pin(scenario {}, module {})", c.scenarioId, c.moduleId)
            }
            ScenarioRegistryCalls::unpin(c) => {
                format!("scenarios.unpin(scenario {})", c.scenarioId)
            }
            ScenarioRegistryCalls::resolveDispute(c) => format!(
                "scenarios.resolveDispute(scenario {}, subject {}, {})",
                c.scenarioId,
                c.subject,
                if c.valid { "valid" } else { "invalid" }
            ),
            ScenarioRegistryCalls::setMinNodes(c) => {
                format!("scenarios.setMinNodes({}, {} nodes)", domain_name(c.domain), c.minNodes)
            }
            ScenarioRegistryCalls::settleEscrow(c) => format!(
                "scenarios.settleEscrow(escrow #{}, {})",
                c.escrowId,
                if c.deliver { "deliver to its recipient" } else { "refund its sender" }
            ),
            other => format!("scenarios.{}", call_name(&other)),
        };
    }
    if target == addresses.breaker
        && let Ok(call) = CircuitBreakerCalls::abi_decode(data)
    {
        return match call {
            CircuitBreakerCalls::reopen(c) => format!("breaker.reopen({})", domain_name(c.domain)),
            CircuitBreakerCalls::setEraUsdPrice(c) => {
                format!("breaker.setEraUsdPrice({} USD)", fmt_era(c.price).trim_end_matches(" ERA"))
            }
            other => format!("breaker.{}", call_name(&other)),
        };
    }
    if target == addresses.margin
        && let Ok(call) = ERAMarginCalls::abi_decode(data)
    {
        return describe_margin(call);
    }
    if target == addresses.risk_feed
        && let Ok(call) = RiskFeedCalls::abi_decode(data)
    {
        return match call {
            RiskFeedCalls::setPriceSource(c) => format!(
                "riskFeed.setPriceSource({}, {} rounds, at most {} old)",
                c.source,
                c.rounds,
                fmt_duration(c.maxAge.saturating_to())
            ),
            RiskFeedCalls::setMinNodeStake(c) => {
                format!("riskFeed.setMinNodeStake({})", fmt_era(c.minimum))
            }
            other => format!("riskFeed.{}", call_name(&other)),
        };
    }
    if target == addresses.assets
        && let Ok(call) = StateAssetRegistryCalls::abi_decode(data)
    {
        return match call {
            StateAssetRegistryCalls::setSchema(c) => format!(
                "assets.setSchema(verifier {}, scenario {}, coefficient {} to {} bps, fee {})",
                c.verifier,
                c.scenario,
                c.baseCoefficient,
                c.maxCoefficient,
                fmt_era(U256::from(c.fee))
            ),
            StateAssetRegistryCalls::resolveChallenge(c) => {
                format!("assets.resolveChallenge({}, upheld {})", c.assetId, c.upheld)
            }
            other => format!("assets.{}", call_name(&other)),
        };
    }
    if target == addresses.distributor
        && let Ok(call) = RewardsDistributorCalls::abi_decode(data)
    {
        return match call {
            RewardsDistributorCalls::resolveDispute(c) => format!(
                "distributor.resolveDispute(root #{}, {})",
                c.rootIndex,
                if c.uphold { "uphold: disable the root" } else { "dismiss: activate the root" }
            ),
            RewardsDistributorCalls::fund(c) => format!(
                "distributor.fund({}, {})",
                fmt_era(c.amount),
                String::from_utf8_lossy(c.source.as_slice()).trim_end_matches('\0')
            ),
            RewardsDistributorCalls::setRules(c) => {
                format!("distributor.setRules({}, {})", c.rulesHash_, c.uri)
            }
            RewardsDistributorCalls::setActivationDelay(c) => {
                format!("distributor.setActivationDelay({})", fmt_duration(c.delay))
            }
            other => format!("distributor.{}", call_name(&other)),
        };
    }
    if target == addresses.era
        && let Ok(ERATokenCalls::approve(c)) = ERATokenCalls::abi_decode(data)
    {
        let spender = addresses
            .contract_at(c.spender)
            .map_or(c.spender.to_string(), |s| s.field().to_owned());
        return format!("era.approve({spender}, {})", fmt_era(c.value));
    }
    if target == addresses.unit_sender
        && let Ok(UnitSenderCalls::setRoute(c)) = UnitSenderCalls::abi_decode(data)
    {
        return format!("unitSender.setRoute(domain {}, route {})", c.destination, c.route);
    }
    if target == addresses.unit_receiver
        && let Ok(call) = UnitReceiverCalls::abi_decode(data)
    {
        return match call {
            UnitReceiverCalls::setSender(c) => {
                format!("unitReceiver.setSender(domain {}, sender {})", c.origin, c.sender)
            }
            UnitReceiverCalls::setRoute(c) => {
                let route = addresses
                    .contract_at(c.route)
                    .map_or(c.route.to_string(), |r| r.field().to_owned());
                format!("unitReceiver.setRoute({route}, enrolled {})", c.enrolled)
            }
            other => format!("unitReceiver.{}", call_name(&other)),
        };
    }
    format!("call {target} with {} bytes of calldata", data.len())
}

/// What a governance call to the margin contract does, e.g. `margin.setPartner(alpha, 0x…)`.
fn describe_margin(call: ERAMarginCalls) -> String {
    match call {
        ERAMarginCalls::setPartner(c) => {
            format!("margin.setPartner({}, {})", tier_name(c.partner), c.actor)
        }
        ERAMarginCalls::resolve(c) if c.wad.is_zero() => {
            format!("margin.resolve(case #{}, release)", c.caseId)
        }
        ERAMarginCalls::resolve(c) => {
            format!("margin.resolve(case #{}, slash {})", c.caseId, fmt_percent(c.wad))
        }
        ERAMarginCalls::penalize(c) => format!("margin.penalize({})", c.provider),
        ERAMarginCalls::setMinMarginPerEcosystem(c) => {
            format!("margin.setMinMarginPerEcosystem({})", fmt_era(U256::from(c.minimum)))
        }
        ERAMarginCalls::setDisputeWindow(c) => {
            format!("margin.setDisputeWindow({})", fmt_duration(c.window))
        }
        ERAMarginCalls::setMaxFreezePeriod(c) => {
            format!("margin.setMaxFreezePeriod({})", fmt_duration(c.period))
        }
        ERAMarginCalls::setWithdrawalDelay(c) => {
            format!("margin.setWithdrawalDelay({})", fmt_duration(c.delay))
        }
        ERAMarginCalls::setRewardsPool(c) => format!("margin.setRewardsPool({})", c.pool),
        ERAMarginCalls::grantRole(c) => format!("margin.grantRole({}, {})", c.role, c.account),
        ERAMarginCalls::unpause(_) => "margin.unpause()".into(),
        ERAMarginCalls::extendPause(c) => {
            format!("margin.extendPause(until {})", fmt_time(c.until))
        }
        other => format!("margin.{}", call_name(&other)),
    }
}

/// A risk domain's name, as the CLI writes it.
pub fn domain_name(domain: u8) -> &'static str {
    crate::RiskDomain::name_of(domain)
}

fn call_name(call: &impl fmt::Debug) -> String {
    let debug = format!("{call:?}");
    debug.split('(').next().unwrap_or_default().to_owned() + "(…)"
}

#[cfg(test)]
mod tests {
    use alloy::{
        primitives::{B256, U256},
        sol_types::SolCall,
    };
    use era_bindings::{ERAMargin, ERAStaking, ScenarioRegistry};

    use super::*;

    fn addresses() -> SuiteAddresses {
        SuiteAddresses {
            staking: Address::repeat_byte(1),
            scenarios: Address::repeat_byte(2),
            margin: Address::repeat_byte(3),
            ..SuiteAddresses::default()
        }
    }

    #[test]
    fn escrow_settlements_say_where_the_escrow_goes() {
        let a = addresses();
        let deliver = ScenarioRegistry::settleEscrowCall { escrowId: U256::from(7), deliver: true };
        assert_eq!(
            describe(&a, a.scenarios, &deliver.abi_encode()),
            "scenarios.settleEscrow(escrow #7, deliver to its recipient)"
        );
        let refund = ScenarioRegistry::settleEscrowCall { escrowId: U256::from(7), deliver: false };
        assert_eq!(
            describe(&a, a.scenarios, &refund.abi_encode()),
            "scenarios.settleEscrow(escrow #7, refund its sender)"
        );
    }

    #[test]
    fn dispute_resolutions_name_the_scenario_subject_and_verdict() {
        let a = addresses();
        let subject = B256::repeat_byte(0xab);
        let call = |valid| ScenarioRegistry::resolveDisputeCall {
            scenarioId: U256::from(3),
            subject,
            valid,
        };
        assert_eq!(
            describe(&a, a.scenarios, &call(true).abi_encode()),
            format!("scenarios.resolveDispute(scenario 3, subject {subject}, valid)")
        );
        assert!(describe(&a, a.scenarios, &call(false).abi_encode()).ends_with(", invalid)"));
    }

    #[test]
    fn pause_extensions_give_the_end_as_a_utc_time() {
        let a = addresses();
        let until = 1_798_070_400; // 2026-12-24T00:00:00Z
        assert_eq!(
            describe(&a, a.staking, &ERAStaking::extendPauseCall { until }.abi_encode()),
            "staking.extendPause(until 2026-12-24T00:00:00Z)"
        );
        assert_eq!(
            describe(&a, a.margin, &ERAMargin::extendPauseCall { until }.abi_encode()),
            "margin.extendPause(until 2026-12-24T00:00:00Z)"
        );
    }
}
