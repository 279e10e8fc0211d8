//! A full margin case in revm: a provider posts, a partner freezes on a reported default with a
//! bond, accepts a second partner into the case, both assess their contributions, governance (the
//! arbiter, through the timelock) slashes after the dispute window with the weights it approves,
//! and both partners pull their shares (the freezer its bond too).

use alloy::primitives::{Address, B256, U256, keccak256};
use era_bindings::{ERAMargin, ERAMargin::ERAMarginErrors, ERAToken};
use era_client::DAY;
use era_harness::{Chain, Revert, Suite, dev};

use crate::{era, setup, stake_node};

/// `IERAMargin.CaseStatus.Slashed` (the ABI carries enums as `uint8`).
const SLASHED: u8 = 3;

/// 30% as a wad.
const THIRTY_PERCENT: U256 = U256::from_limbs([300_000_000_000_000_000, 0, 0, 0]);

/// Registers partner `name` acting through `actor`, through the timelock.
pub(crate) fn add_partner(chain: &mut Chain, suite: &Suite, name: &str, actor: Address) -> B256 {
    let id = era_client::tier_id(name).unwrap();
    suite.govern(chain, suite.margin, &ERAMargin::setPartnerCall { partner: id, actor }).unwrap();
    id
}

/// Funds `provider` and posts `amount` for `ecosystems`.
pub(crate) fn post(
    chain: &mut Chain,
    suite: &Suite,
    provider: Address,
    amount: U256,
    ecosystems: u32,
) {
    suite.give_era(chain, provider, amount).unwrap();
    chain
        .send(provider, suite.era, &ERAToken::approveCall { spender: suite.margin, value: amount })
        .unwrap();
    chain.send(provider, suite.margin, &ERAMargin::postCall { amount, ecosystems }).unwrap();
}

/// Funds `partner` with the bond a freeze of `amount` needs and approves it to the margin.
pub(crate) fn fund_bond(chain: &mut Chain, suite: &Suite, partner: Address, amount: U256) -> U256 {
    let bond = chain.call(suite.margin, &ERAMargin::freezeBondCall { amount }).unwrap();
    suite.give_era(chain, partner, bond).unwrap();
    chain
        .send(partner, suite.era, &ERAToken::approveCall { spender: suite.margin, value: bond })
        .unwrap();
    bond
}

fn margin_era(chain: &mut Chain, suite: &Suite) -> U256 {
    suite.era_balance(chain, suite.margin).unwrap()
}

#[test]
fn a_default_from_freeze_to_claims() {
    let (mut chain, suite) = setup();
    let (provider, alpha, beta) = (dev(1), dev(2), dev(3));
    let alpha_id = add_partner(&mut chain, &suite, "alpha", alpha);
    let beta_id = add_partner(&mut chain, &suite, "beta", beta);
    post(&mut chain, &suite, provider, era(100_000), 5);

    // Alpha reports a default and freezes 60,000 ERA, posting a 2% bond.
    let evidence = keccak256("alpha default report");
    let bond = fund_bond(&mut chain, &suite, alpha, era(60_000));
    assert_eq!(bond, era(1_200));
    let frozen = chain
        .send(
            alpha,
            suite.margin,
            &ERAMargin::freezeCall { provider, amount: era(60_000), evidence },
        )
        .unwrap();
    let case_id = frozen.ret;
    assert_eq!(case_id, U256::ONE);
    // Queued margin leaves the coverage at once but stays within the freeze's reach.
    chain
        .send(provider, suite.margin, &ERAMargin::queueWithdrawalCall { amount: era(100_000) })
        .unwrap();

    // Beta may weigh in only once alpha accepts it into the case.
    let assess = |lead: u64, loss: u64| ERAMargin::assessCall {
        caseId: case_id,
        leadTimeHours: U256::from(lead),
        lossPrevented: era(loss),
    };
    match chain.send(beta, suite.margin, &assess(0, 36_000)).unwrap_err() {
        Revert::Margin(ERAMarginErrors::NotInCase(e)) => assert_eq!(e.partner, beta_id),
        other => panic!("expected NotInCase, got {other}"),
    }
    chain
        .send(alpha, suite.margin, &ERAMargin::acceptCall { caseId: case_id, partner: beta_id })
        .unwrap();
    // Alpha warned 48 hours ahead and prevented 30,000 ERA of loss, beta warned at once and
    // prevented 36,000. Weights: 30,000 * 72 and 36,000 * 24.
    chain.send(alpha, suite.margin, &assess(48, 30_000)).unwrap();
    chain.send(beta, suite.margin, &assess(0, 36_000)).unwrap();

    // The arbiter approves exactly these weights: they are part of the scheduled call.
    let (alpha_weight, beta_weight) = (era(30_000) * U256::from(72), era(36_000) * U256::from(24));
    let resolve = ERAMargin::resolveCall {
        caseId: case_id,
        wad: THIRTY_PERCENT,
        partners: vec![alpha_id, beta_id],
        weights: vec![alpha_weight, beta_weight],
    };
    // Resolving inside the dispute window is refused, by name.
    match suite.govern(&mut chain, suite.margin, &resolve).unwrap_err() {
        Revert::Margin(ERAMarginErrors::DisputeWindowOpen(e)) => assert_eq!(e.caseId, case_id),
        other => panic!("expected DisputeWindowOpen, got {other}"),
    }
    // Scheduled a day later, it executes as the 3-day window closes: 30% of what is held.
    chain.warp(DAY);
    let resolved = suite.govern(&mut chain, suite.margin, &resolve).unwrap();
    let slashed = &resolved.events::<ERAMargin::CaseSlashed>()[0];
    assert_eq!(slashed.amount, era(30_000));
    let case = chain.call(suite.margin, &ERAMargin::caseOfCall { caseId: case_id }).unwrap();
    assert_eq!(case.status, SLASHED);

    // The queued withdrawal of everything pays what is left after the slash.
    chain.warp(7 * DAY);
    let paid =
        chain.send(provider, suite.margin, &ERAMargin::completeWithdrawalCall {}).unwrap().ret;
    assert_eq!(paid, era(70_000));

    // The two partners pull their shares; the last takes the rounding rest; alpha its bond too.
    let alpha_share = era(30_000) * alpha_weight / (alpha_weight + beta_weight);
    let claim = ERAMargin::claimCall { caseId: case_id };
    assert_eq!(chain.send(alpha, suite.margin, &claim).unwrap().ret, alpha_share + bond);
    assert_eq!(chain.send(beta, suite.margin, &claim).unwrap().ret, era(30_000) - alpha_share);
    assert_eq!(suite.era_balance(&mut chain, alpha).unwrap(), alpha_share + bond);
    match chain.send(beta, suite.margin, &claim).unwrap_err() {
        Revert::Margin(ERAMarginErrors::AlreadyClaimed(e)) => assert_eq!(e.partner, beta_id),
        other => panic!("expected AlreadyClaimed, got {other}"),
    }
    let alpha_contribution = chain
        .call(suite.margin, &ERAMargin::contributionCall { caseId: case_id, partner: alpha_id })
        .unwrap();
    assert!(alpha_contribution.claimed);

    // Everything is paid out: the margin contract holds nothing for this provider.
    assert_eq!(margin_era(&mut chain, &suite), U256::ZERO);
    let p = chain.call(suite.margin, &ERAMargin::providerOfCall { provider }).unwrap();
    assert_eq!((p.margin, p.frozen), (0, 0));
}

#[test]
fn a_node_margin_and_stake_are_slashed_separately() {
    let (mut chain, suite) = setup();
    let (node, alpha) = (dev(1), dev(2));
    add_partner(&mut chain, &suite, "alpha", alpha);
    stake_node(&mut chain, &suite, node, era(100_000));
    post(&mut chain, &suite, node, era(40_000), 2);
    let bond = fund_bond(&mut chain, &suite, alpha, era(40_000));
    let case_id = chain
        .send(
            alpha,
            suite.margin,
            &ERAMargin::freezeCall { provider: node, amount: era(40_000), evidence: B256::ZERO },
        )
        .unwrap()
        .ret;
    chain.warp(DAY);
    // No weights approved: the slash goes to the rewards pool (the timelock), staking is untouched.
    suite
        .govern(
            &mut chain,
            suite.margin,
            &ERAMargin::resolveCall {
                caseId: case_id,
                wad: THIRTY_PERCENT,
                partners: vec![],
                weights: vec![],
            },
        )
        .unwrap();
    assert_eq!(suite.era_balance(&mut chain, suite.timelock).unwrap(), era(12_000));
    // The margin keeps the provider's 28,000 ERA and alpha's bond until alpha claims it back.
    assert_eq!(margin_era(&mut chain, &suite), era(28_000) + bond);
    assert_eq!(suite.era_balance(&mut chain, suite.staking).unwrap(), era(100_000));
}
