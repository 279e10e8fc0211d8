//! Random atomic settlements with injected failing legs: the `[settlements]` table.
//!
//! ```toml
//! [settlements]
//! at = 60              # when they run (all within that second)
//! count = 10000        # how many cross-border payments
//! parties = 20         # payers and payees (party 0 also collects the fees)
//! failing = 0.3        # the share with one failing leg injected (0 to 1)
//! scenario = "payments" # a financial scenario of the plan (atomic mode)
//! seed = 7             # the random draws (default 1)
//! ```
//!
//! At setup two test stablecoins (USD, EUR) are deployed; each party deposits USD and an FX
//! provider (the one account with a key: it signs quotes) deposits EUR. Each settlement is a 4-leg
//! payment (debit USD, convert at a signed quote, a 1% fee, credit EUR) sent by its payer through
//! `Client::settle`, as `era exec settle` sends it. A failing leg is one of: legs that do not net,
//! an expired quote, a conversion over the quote's cap, more than the payer holds, a replayed
//! nonce, or a credit the receiving contract rejects (which only the chain can tell). Before and
//! after each one the touched balances are read: an applied settlement must have moved every
//! party by exactly its net delta, a refused or reverted one nothing at all; anything else counts
//! as half-applied. At the end every party's balances must sum to the engine's totals and holdings.

use std::{collections::BTreeMap, ops::Range};

use alloy::{
    primitives::{Address, I256, U256, keccak256},
    signers::{SignerSync, local::PrivateKeySigner},
};
use era_client::{
    ERA, Error, send,
    settle::{Leg, LegKind, Quote, Settlement, Stablecoin, deltas, deploy_stablecoin},
};
use serde::{Deserialize, Serialize};
use toml::Spanned;

use super::{RunError, Runner, chain_err};
use crate::{
    accounts::{Actor, address},
    plan::Plan,
};

/// The `[settlements]` table of a plan.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settlements {
    /// When (simulated second).
    pub at: Spanned<u64>,
    /// How many settlements.
    pub count: Spanned<u32>,
    /// How many parties pay and are paid.
    pub parties: Spanned<u32>,
    /// The share with an injected failing leg.
    pub failing: Spanned<f64>,
    /// The financial scenario they settle in.
    pub scenario: Spanned<String>,
    /// Seed of the random draws.
    #[serde(default = "one")]
    pub seed: u64,
}

const fn one() -> u64 {
    1
}

/// What the settlements did, for the report.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SettlementReport {
    /// Settlements tried.
    pub count: u64,
    /// Applied whole.
    pub applied: u64,
    /// Not applied, by the engine's error name (simulated by the node: nothing sent), or
    /// `refused:` and the injected fault when the client's checks refused it first.
    pub reverted: BTreeMap<String, u64>,
    /// Settlements whose balances moved otherwise than all or nothing (must be 0).
    pub half_applied: u64,
    /// Every party's ledger balances sum to the engine's totals and token holdings at the end.
    pub conserved: bool,
}

/// What the plan's settlements would have refused, with the offending span.
pub fn check(plan: &Plan) -> Result<(), (Range<usize>, String)> {
    let Some(s) = &plan.settlements else { return Ok(()) };
    if *s.at.get_ref() > *plan.duration.get_ref() {
        return Err((s.at.span(), format!("at {} is after the run's end", s.at.get_ref())));
    }
    if *s.parties.get_ref() < 2 {
        return Err((s.parties.span(), "settlements need at least 2 parties".into()));
    }
    if !(0.0..=1.0).contains(s.failing.get_ref()) {
        return Err((s.failing.span(), "failing is a share from 0 to 1".into()));
    }
    match plan.scenario(s.scenario.get_ref()) {
        Some(sc) if sc.domain.get_ref() == "financial" => Ok(()),
        _ => Err((
            s.scenario.span(),
            format!(
                "`{}` is not a financial scenario of the plan: atomic settlements run in one",
                s.scenario.get_ref()
            ),
        )),
    }
}

/// The faults injected, by name (the `refused:` label of a client refusal).
const FAULTS: [&str; 6] =
    ["unbalanced", "expiredQuote", "overQuote", "shortBalance", "replay", "rejectedCredit"];
/// The largest payment, in whole tokens.
const MAX_PAYMENT: u64 = 1_000;

/// The tokens, the keyed FX provider and the nonces handed out.
pub(super) struct Desk {
    usd: Address,
    eur: Address,
    provider: PrivateKeySigner,
    nonces: Vec<u64>,
    quotes: u64,
    rng: u64,
}

fn party(i: u32) -> Address {
    address(Actor::Party, i)
}

impl Desk {
    /// splitmix64: the run's draws, the same for a seed on every machine.
    fn next(&mut self) -> u64 {
        self.rng = self.rng.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.rng;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
}

impl Runner<'_> {
    /// Deploys the stablecoins and deposits every party's USD and the provider's EUR.
    pub(super) async fn setup_settlements(&mut self) -> Result<(), RunError> {
        let Some(s) = &self.plan.settlements else { return Ok(()) };
        let (parties, seed) = (*s.parties.get_ref(), s.seed);
        // Enough that no correct payment runs short: each payer could pay the largest payment
        // twice as often as it pays on average, the provider convert every payment at its largest.
        let count = u64::from(*s.count.get_ref());
        let each = U256::from((count / u64::from(parties) + 1) * MAX_PAYMENT * 2) * ERA;
        let converts = U256::from(count * MAX_PAYMENT) * ERA;
        let holder = self.suite.deployer;
        let supply = each * U256::from(parties) + converts;
        let provider = self.as_(holder).provider.clone();
        let usd = deploy_stablecoin(provider.clone(), "USD", holder, supply).await;
        let usd = usd.map_err(chain_err)?;
        let eur = deploy_stablecoin(provider, "EUR", holder, supply).await.map_err(chain_err)?;
        let fx = PrivateKeySigner::from_bytes(&keccak256("era sandbox fx provider"))
            .map_err(chain_err)?;
        for i in 0..parties {
            self.deposit(holder, usd, party(i), each).await?;
        }
        self.deposit(holder, eur, fx.address(), converts).await?;
        let nonces = vec![0; parties as usize];
        let rng = seed;
        self.desk = Some(Desk { usd, eur, provider: fx, nonces, quotes: 0, rng });
        Ok(())
    }

    /// `holder` gives `account` `amount` of `token`, which `account` deposits in the engine.
    async fn deposit(
        &self,
        holder: Address,
        token: Address,
        account: Address,
        amount: U256,
    ) -> Result<(), RunError> {
        let engine = self.client.addresses.engine;
        let coin = Stablecoin::new(token, self.as_(holder).provider.clone());
        send("transfer", coin.transfer(account, amount)).await.map_err(chain_err)?;
        let coin = Stablecoin::new(token, self.as_(account).provider.clone());
        send("approve", coin.approve(engine, amount)).await.map_err(chain_err)?;
        let ledger = self.as_(account).engine();
        send("deposit", ledger.deposit(token, amount)).await.map_err(chain_err)?;
        Ok(())
    }

    /// Plays the plan's settlements, each checked against the balances.
    pub(super) async fn settlements(&mut self) -> Result<(), RunError> {
        let Some(s) = &self.plan.settlements else { return Ok(()) };
        let Some(scenario) = self.ids.get(s.scenario.get_ref()).copied() else { return Ok(()) };
        let (count, failing) = (*s.count.get_ref(), *s.failing.get_ref());
        let mut report = SettlementReport::default();
        for _ in 0..count {
            if self.stopped() {
                break;
            }
            let now = self.chain().timestamp();
            let desk = self.desk.as_mut().expect("set up with the plan's settlements");
            let fault = ((desk.next() % 1_000_000) as f64 / 1e6 < failing)
                .then(|| (desk.next() % FAULTS.len() as u64) as usize);
            let settlement = self.draw(scenario.to_u256().to(), now, fault)?;
            let payer = settlement.initiator;
            let expected = deltas(&settlement).map_err(chain_err)?;
            let before = self.balances(&expected).await?;
            let outcome = self.as_(payer).settle(payer, &settlement).await;
            *self.report.actions.entry("settle".into()).or_default() += 1;
            report.count += 1;
            let applied = match outcome {
                Ok(_) => true,
                Err(Error::WouldRevert { revert, .. }) => {
                    let name = revert.name().map_or_else(|| revert.to_string(), str::to_owned);
                    *report.reverted.entry(name).or_default() += 1;
                    false
                }
                Err(Error::Refused(_)) => {
                    let name = format!("refused:{}", fault.map_or("none", |f| FAULTS[f]));
                    *report.reverted.entry(name).or_default() += 1;
                    false
                }
                Err(Error::Reverted { .. }) => {
                    *report.reverted.entry("reverted:settle".into()).or_default() += 1;
                    false
                }
                Err(other) => return Err(chain_err(other)),
            };
            report.applied += u64::from(applied);
            let after = self.balances(&expected).await?;
            let whole =
                expected.iter().zip(before.iter().zip(&after)).all(|((_, delta), (b, a))| {
                    let moved = I256::try_from(*a).unwrap_or(I256::MAX)
                        - I256::try_from(*b).unwrap_or(I256::MAX);
                    moved == if applied { *delta } else { I256::ZERO }
                });
            report.half_applied += u64::from(!whole);
        }
        report.conserved = self.conserved().await?;
        self.report.settlements = Some(report);
        Ok(())
    }

    /// A random payment with fault `fault` injected.
    fn draw(
        &mut self,
        scenario: u64,
        now: u64,
        fault: Option<usize>,
    ) -> Result<Settlement, RunError> {
        let parties = *self.plan.settlements.as_ref().map(|s| s.parties.get_ref()).unwrap_or(&2);
        let desk = self.desk.as_mut().expect("set up");
        let (from, to) =
            ((desk.next() % u64::from(parties)) as u32, (desk.next() % u64::from(parties)) as u32);
        let mut amount = U256::from(1 + desk.next() % MAX_PAYMENT) * ERA;
        if fault == Some(3) {
            amount = U256::from(10u64).pow(U256::from(30u8)); // more than any payer holds
        }
        let fee = amount / U256::from(100);
        let converted = amount - fee;
        let quote = Quote {
            provider: desk.provider.address(),
            token_in: desk.usd,
            token_out: desk.eur,
            rate: U256::from(92) * ERA / U256::from(100),
            max_in: if fault == Some(2) { converted - U256::from(1) } else { U256::MAX },
            expiry: if fault == Some(1) { now - 1 } else { now + 3_600 },
            nonce: U256::from(desk.quotes),
        };
        desk.quotes += 1;
        let out = quote.out(converted);
        let n = &mut desk.nonces[from as usize];
        let nonce = if fault == Some(4) && *n > 0 { *n - 1 } else { *n };
        *n += 1;
        let leg = |kind, party, token, amount, target| Leg { kind, party, token, amount, target };
        let (credit, payee) = if fault == Some(5) {
            (LegKind::CreditAndCall, desk.usd)
        } else {
            (LegKind::Credit, party(to))
        };
        let legs = vec![
            leg(LegKind::Debit, party(from), desk.usd, amount, 0),
            leg(LegKind::Convert, desk.provider.address(), desk.usd, converted, 0),
            leg(LegKind::Fee, party(0), desk.usd, fee, scenario),
            leg(credit, payee, desk.eur, out + U256::from(u8::from(fault == Some(0))), scenario),
        ];
        let digest = era_client::settle::quote_digest(
            &quote,
            era_harness::CHAIN_ID,
            self.client.addresses.engine,
        );
        let signature = desk.provider.sign_hash_sync(&digest).map_err(chain_err)?;
        let quotes = vec![era_client::settle::SignedQuote {
            quote,
            signature: signature.as_bytes().to_vec().into(),
        }];
        Ok(Settlement {
            scenario,
            initiator: party(from),
            nonce: U256::from(nonce),
            deadline: now + 3_600,
            legs,
            quotes,
            signatures: vec![],
        })
    }

    /// The ledger balances of the non-pot pairs of `deltas`, in its order (the pot reads 0).
    async fn balances(&self, deltas: &era_client::settle::Deltas) -> Result<Vec<U256>, RunError> {
        let engine = self.client.engine();
        let mut out = Vec::with_capacity(deltas.len());
        for (token, account) in deltas.keys() {
            let b = if account.is_zero() {
                U256::ZERO
            } else {
                engine.balanceOf(*token, *account).call().await.map_err(chain_err)?
            };
            out.push(b);
        }
        Ok(out)
    }

    /// Every party's and the provider's balances sum to the engine's totals and holdings.
    async fn conserved(&self) -> Result<bool, RunError> {
        let desk = self.desk.as_ref().expect("set up");
        let engine = self.client.engine();
        let mut accounts: Vec<Address> = (0..desk.nonces.len() as u32).map(party).collect();
        accounts.push(desk.provider.address());
        for token in [desk.usd, desk.eur] {
            let mut sum = U256::ZERO;
            for a in &accounts {
                sum += engine.balanceOf(token, *a).call().await.map_err(chain_err)?;
            }
            let total = engine.totalBalances(token).call().await.map_err(chain_err)?;
            let coin = Stablecoin::new(token, self.client.provider.clone());
            let held =
                coin.balanceOf(self.client.addresses.engine).call().await.map_err(chain_err)?;
            if sum != total || total != held {
                return Ok(false);
            }
        }
        Ok(true)
    }
}
