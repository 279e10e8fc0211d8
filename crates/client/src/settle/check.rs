//! What the engine would refuse, checked before sending: the shape of the legs, their netting,
//! times, the scenario's mode, signatures and nonces, and the balances the net debits need. Each
//! refusal is one line that says what to change.

use std::collections::BTreeMap;

use alloy::{
    primitives::{Address, I256, U256},
    providers::Provider,
};

use super::{LegKind, Settlement, sign::settlement_digest};
use crate::{Client, error::Result, refuse};

/// Net deltas per (token, account) a settlement applies; the pot is the zero address.
pub type Deltas = BTreeMap<(Address, Address), I256>;

/// The pot's account in [`Deltas`].
const POT: Address = Address::ZERO;

fn signed(amount: U256) -> I256 {
    I256::try_from(amount).unwrap_or(I256::MAX)
}

/// The net deltas of `settlement`'s legs, as the engine adds them (quotes resolved by index).
pub fn deltas(settlement: &Settlement) -> Result<Deltas> {
    let mut deltas = Deltas::new();
    let mut add = |token, account, delta: I256| {
        *deltas.entry((token, account)).or_insert(I256::ZERO) += delta;
    };
    for (i, leg) in settlement.legs.iter().enumerate() {
        let amount = signed(leg.amount);
        match leg.kind {
            LegKind::Debit => {
                add(leg.token, leg.party, -amount);
                add(leg.token, POT, amount);
            }
            LegKind::Convert => {
                let quote = &settlement.quote_of(i)?.quote;
                let out = signed(quote.out(leg.amount));
                add(leg.token, POT, -amount);
                add(leg.token, leg.party, amount);
                add(quote.token_out, leg.party, -out);
                add(quote.token_out, POT, out);
            }
            LegKind::Credit | LegKind::Fee | LegKind::CreditAndCall => {
                add(leg.token, POT, -amount);
                add(leg.token, leg.party, amount);
            }
        }
    }
    Ok(deltas)
}

impl<P: Provider> Client<P> {
    /// Refuses, in one line, a settlement `sender` could not apply now.
    pub async fn check_settlement(&self, sender: Address, s: &Settlement) -> Result<Deltas> {
        if s.legs.is_empty() {
            refuse!("the settlement has no legs: add at least a debit and a credit");
        }
        for (i, leg) in s.legs.iter().enumerate() {
            if leg.party.is_zero() || leg.token.is_zero() || leg.amount.is_zero() {
                refuse!("leg {i} needs a party, a token and an amount above 0");
            }
        }
        let deltas = deltas(s)?;
        for ((token, account), delta) in &deltas {
            if *account == POT && !delta.is_zero() {
                refuse!(
                    "the legs do not net to zero in {token}: the pot is off by {delta}; make what is debited and converted in equal what is credited and converted out"
                );
            }
        }
        let now = self.chain_time().await?;
        if now > s.deadline {
            refuse!(
                "the settlement's deadline {} has passed (chain time {now}): set a later deadline and sign again",
                s.deadline
            );
        }
        for (i, leg) in s.legs.iter().enumerate() {
            if leg.kind != LegKind::Convert {
                continue;
            }
            let q = &s.quote_of(i)?.quote;
            if now > q.expiry {
                refuse!(
                    "quote {} of {} expired at {} (chain time {now}): ask the provider for a fresh quote",
                    leg.target,
                    q.provider,
                    q.expiry
                );
            }
            if leg.amount > q.max_in {
                refuse!(
                    "leg {i} converts {} but quote {} takes at most {}: lower the amount or get a larger quote",
                    leg.amount,
                    leg.target,
                    q.max_in
                );
            }
        }
        self.check_scenarios(s).await?;
        self.check_signers(sender, s).await?;
        for ((token, account), delta) in &deltas {
            if delta.is_negative() {
                let needed = delta.unsigned_abs();
                let balance = self.engine().balanceOf(*token, *account).call().await?;
                if balance < needed {
                    refuse!(
                        "{account} holds {balance} of token {token} in the engine but the settlement takes {needed}: deposit the difference first"
                    );
                }
            }
        }
        Ok(deltas)
    }

    /// The settlement's scenario runs in atomic mode and neither it nor a credited one is paused.
    async fn check_scenarios(&self, s: &Settlement) -> Result<()> {
        let engine = self.engine();
        let mode = engine.modeOf(U256::from(s.scenario)).call().await?;
        if mode != 1 {
            refuse!(
                "scenario {} does not run in atomic mode now (mode {mode}): atomic settlements are for financial scenarios",
                s.scenario
            );
        }
        let credited =
            s.legs.iter().filter(|l| !matches!(l.kind, LegKind::Debit | LegKind::Convert));
        for id in std::iter::once(s.scenario).chain(credited.map(|l| l.target)) {
            if engine.modeConfig(U256::from(id)).call().await?.paused {
                refuse!(
                    "scenario {id} is paused by the guardian: its settlements wait until governance unpauses it"
                );
            }
        }
        Ok(())
    }

    /// The initiator and every debited party are `sender` or signed; signatures and nonces are good.
    async fn check_signers(&self, sender: Address, s: &Settlement) -> Result<()> {
        let digest =
            settlement_digest(s, self.provider.get_chain_id().await?, self.addresses.engine);
        for sig in &s.signatures {
            let code = self.provider.get_code_at(sig.signer).await?;
            let recovered = alloy::signers::Signature::try_from(sig.signature.as_ref())
                .ok()
                .and_then(|x| x.recover_address_from_prehash(&digest).ok());
            if code.is_empty() && recovered != Some(sig.signer) {
                refuse!(
                    "the signature of {} does not match this settlement: it was changed after signing; sign it again (era exec sign-settlement)",
                    sig.signer
                );
            }
        }
        let debited = s.legs.iter().filter(|l| l.kind == LegKind::Debit).map(|l| l.party);
        for party in std::iter::once(s.initiator).chain(debited) {
            if party != sender && !s.signatures.iter().any(|x| x.signer == party) {
                refuse!("{party} must sign the settlement (era exec sign-settlement) or send it");
            }
        }
        let mut nonces = vec![(s.initiator, s.nonce)];
        nonces.extend(s.quotes.iter().map(|q| (q.quote.provider, q.quote.nonce)));
        for (account, nonce) in nonces {
            let bitmap = self.engine().nonceBitmap(account, nonce >> 8).call().await?;
            if bitmap.bit((nonce & U256::from(0xff)).to::<usize>()) {
                refuse!(
                    "nonce {nonce} of {account} is used already (a replay?): a new settlement or quote needs a fresh nonce"
                );
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ERA;

    /// The cross-border payment of the issue, as a person writes it in TOML.
    const PAYMENT: &str = r#"
scenario = 1
initiator = "0x0000000000000000000000000000000000000001"
nonce = "7"
deadline = 2000000000

[[legs]]
kind = "debit"
party = "0x0000000000000000000000000000000000000001"
token = "0x00000000000000000000000000000000000000aa"
amount = "1000000000000000000000"

[[legs]]
kind = "convert"
party = "0x0000000000000000000000000000000000000002"
token = "0x00000000000000000000000000000000000000aa"
amount = "990000000000000000000"

[[legs]]
kind = "fee"
party = "0x0000000000000000000000000000000000000003"
token = "0x00000000000000000000000000000000000000aa"
amount = "10000000000000000000"
target = 1

[[legs]]
kind = "credit"
party = "0x0000000000000000000000000000000000000004"
token = "0x00000000000000000000000000000000000000bb"
amount = "910800000000000000000"
target = 1

[[quotes]]
provider = "0x0000000000000000000000000000000000000002"
tokenIn = "0x00000000000000000000000000000000000000aa"
tokenOut = "0x00000000000000000000000000000000000000bb"
rate = "920000000000000000"
maxIn = "5000000000000000000000"
expiry = 2000000000
nonce = "0"
signature = "0x"
"#;

    fn read(text: &str) -> Settlement {
        let dir = std::env::temp_dir().join(format!("era-settle-{}.toml", std::process::id()));
        std::fs::write(&dir, text).unwrap();
        let s = Settlement::read(&dir).unwrap();
        std::fs::remove_file(&dir).unwrap();
        s
    }

    #[test]
    fn a_toml_payment_nets_to_zero_in_the_pot() {
        let s = read(PAYMENT);
        let d = deltas(&s).unwrap();
        let (usd, eur) = (Address::with_last_byte(0xaa), Address::with_last_byte(0xbb));
        let units = |n: u64| signed(U256::from(n) * ERA);
        assert_eq!(d[&(usd, POT)], I256::ZERO);
        assert_eq!(d[&(eur, POT)], I256::ZERO);
        assert_eq!(d[&(usd, Address::with_last_byte(1))], -units(1_000));
        assert_eq!(d[&(usd, Address::with_last_byte(2))], units(990));
        assert_eq!(
            d[&(eur, Address::with_last_byte(2))],
            -signed(U256::from(9108) * ERA / U256::from(10))
        );
        assert_eq!(
            d[&(eur, Address::with_last_byte(4))],
            signed(U256::from(9108) * ERA / U256::from(10))
        );
    }

    #[test]
    fn a_conversion_at_a_missing_quote_is_refused() {
        let mut s = read(PAYMENT);
        s.legs[1].target = 3;
        let err = deltas(&s).unwrap_err().to_string();
        assert!(err.contains("leg 1 converts at quote 3, which is missing"), "{err}");
    }
}
