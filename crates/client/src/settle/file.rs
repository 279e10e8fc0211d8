//! A settlement as files hold it (JSON, or TOML when written by hand): legs, signed quotes and the
//! parties' signatures, with amounts as decimal strings of base units and rates scaled by 1e18.

use std::{fmt, path::Path};

use alloy::primitives::{Address, Bytes, U256};
use era_bindings::engine::IAtomicSettlement as Sol;
use serde::{Deserialize, Serialize};

use crate::{Error, error::Result, refuse};

/// What a leg does with the settlement's pot (see `IAtomicSettlement.LegKind`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum LegKind {
    /// The party pays into the pot (needs its authorization).
    Debit,
    /// The party receives from the pot, in scenario `target`.
    Credit,
    /// A credit to a fee collector.
    Fee,
    /// A credit, then the party's `onSettlementCredit` is called.
    CreditAndCall,
    /// Quote `target`'s provider takes `amount` of its input token and pays its output.
    Convert,
}

/// One leg of a settlement.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Leg {
    /// What the leg does.
    pub kind: LegKind,
    /// Who pays or receives (the provider for a conversion).
    pub party: Address,
    /// The token moved (the input token for a conversion).
    pub token: Address,
    /// Amount in the token's base units.
    #[serde(with = "crate::wei")]
    pub amount: U256,
    /// Credited scenario (credits, fees) or quote index (conversions); 0 for debits.
    #[serde(default)]
    pub target: u64,
}

/// A provider's offer (see `IAtomicSettlement.Quote`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Quote {
    /// Who converts.
    pub provider: Address,
    /// Token it takes.
    pub token_in: Address,
    /// Token it pays.
    pub token_out: Address,
    /// Output per input token, scaled by 1e18.
    #[serde(with = "crate::wei")]
    pub rate: U256,
    /// Most input it takes.
    #[serde(with = "crate::wei")]
    pub max_in: U256,
    /// Unix time after which it is refused.
    pub expiry: u64,
    /// The provider's unordered nonce.
    #[serde(with = "crate::wei")]
    pub nonce: U256,
}

/// A quote with its provider's EIP-712 signature (`era exec quote` writes one).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SignedQuote {
    /// The offer.
    #[serde(flatten)]
    pub quote: Quote,
    /// The provider's signature of its digest.
    pub signature: Bytes,
}

/// A party's signature of the settlement digest.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartySignature {
    /// Who signed.
    pub signer: Address,
    /// The signature (65 bytes for an EOA; whatever its ERC-1271 wallet accepts otherwise).
    pub signature: Bytes,
}

/// A settlement: scenario, initiator, nonce, deadline, legs, quotes and signatures.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Settlement {
    /// The scenario (must run in atomic mode).
    pub scenario: u64,
    /// Whose nonce the settlement uses.
    pub initiator: Address,
    /// The initiator's unordered nonce.
    #[serde(with = "crate::wei")]
    pub nonce: U256,
    /// Unix time after which it is refused.
    pub deadline: u64,
    /// The legs, in order.
    pub legs: Vec<Leg>,
    /// The quotes conversions use, by index.
    #[serde(default)]
    pub quotes: Vec<SignedQuote>,
    /// Parties' signatures of the digest (the initiator's and every debited party's, unless it
    /// sends the settlement itself).
    #[serde(default)]
    pub signatures: Vec<PartySignature>,
}

impl Settlement {
    /// Reads a settlement file: JSON, or TOML when its name ends in `.toml`.
    pub fn read(path: &Path) -> Result<Self> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| Error::Refused(format!("cannot read {}: {e}", path.display())))?;
        let parsed = if path.extension().is_some_and(|e| e == "toml") {
            toml::from_str(&text).map_err(|e| e.message().to_owned())
        } else {
            serde_json::from_str(&text).map_err(|e| e.to_string())
        };
        parsed.map_err(|e| {
            Error::Refused(format!("{} is not a settlement file: {e}", path.display()))
        })
    }

    /// Writes it as pretty JSON.
    pub fn write(&self, path: &Path) -> Result<()> {
        let text = serde_json::to_string_pretty(self).expect("a settlement serializes");
        std::fs::write(path, text + "\n")
            .map_err(|e| Error::Refused(format!("cannot write {}: {e}", path.display())))
    }

    /// Adds `signer`'s signature, replacing an earlier one of the same signer.
    pub fn add_signature(&mut self, signer: Address, signature: Bytes) {
        self.signatures.retain(|s| s.signer != signer);
        self.signatures.push(PartySignature { signer, signature });
    }

    /// The leg of index `i` refers to a quote: the quote, or a refusal saying which is missing.
    pub(crate) fn quote_of(&self, i: usize) -> Result<&SignedQuote> {
        let leg = &self.legs[i];
        let q = usize::try_from(leg.target).unwrap_or(usize::MAX);
        match self.quotes.get(q) {
            Some(s) if s.quote.provider == leg.party && s.quote.token_in == leg.token => Ok(s),
            _ => refuse!(
                "leg {i} converts at quote {q}, which is missing or not {}'s quote for {}: fix the leg's target or add the quote",
                leg.party,
                leg.token
            ),
        }
    }

    /// The settlement as the engine's ABI types.
    pub fn to_sol(&self) -> Sol::Settlement {
        Sol::Settlement {
            scenarioId: U256::from(self.scenario),
            initiator: self.initiator,
            nonce: self.nonce,
            deadline: U256::from(self.deadline),
            legs: self.legs.iter().map(Leg::to_sol).collect(),
            quotes: self.quotes.iter().map(|q| q.quote.to_sol()).collect(),
        }
    }

    /// The quotes' signatures, by quote index.
    pub fn quote_signatures(&self) -> Vec<Bytes> {
        self.quotes.iter().map(|q| q.signature.clone()).collect()
    }

    /// The parties' signatures as the engine's ABI type.
    pub fn party_signatures(&self) -> Vec<Sol::PartySignature> {
        self.signatures
            .iter()
            .map(|s| Sol::PartySignature { signer: s.signer, signature: s.signature.clone() })
            .collect()
    }
}

impl Leg {
    fn to_sol(&self) -> Sol::Leg {
        Sol::Leg {
            kind: self.kind as u8,
            party: self.party,
            token: self.token,
            amount: self.amount,
            target: U256::from(self.target),
        }
    }
}

impl Quote {
    /// The quote as the engine's ABI type.
    pub fn to_sol(&self) -> Sol::Quote {
        Sol::Quote {
            provider: self.provider,
            tokenIn: self.token_in,
            tokenOut: self.token_out,
            rate: self.rate,
            maxIn: self.max_in,
            expiry: U256::from(self.expiry),
            nonce: self.nonce,
        }
    }

    /// What converting `amount_in` pays out (rounded down, as the engine does).
    pub fn out(&self, amount_in: U256) -> U256 {
        amount_in * self.rate / U256::from(10u64).pow(U256::from(18u8))
    }
}

impl fmt::Display for SignedQuote {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let q = &self.quote;
        write!(
            f,
            "quote by {}: up to {} of {} into {} at {} (x1e-18), until {}, nonce {}",
            q.provider, q.max_in, q.token_in, q.token_out, q.rate, q.expiry, q.nonce
        )
    }
}
