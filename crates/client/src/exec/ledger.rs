//! Deposits into and withdrawals from the settlement engine's ledger, in any ERC-20 token.

use std::fmt;

use alloy::{
    primitives::{
        Address, U256,
        utils::{format_units, parse_units},
    },
    providers::Provider,
};
use era_bindings::ERAToken;
use serde::Serialize;

use crate::{Client, Sent, error::Result, refuse, tx::send};

/// An amount of a token, with what it takes to print it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TokenAmount {
    /// The token.
    pub token: Address,
    /// Its symbol, as it reports it.
    pub symbol: String,
    /// Its decimals.
    pub decimals: u8,
    /// The amount, in the token's smallest unit.
    #[serde(serialize_with = "crate::wei::serialize")]
    pub amount: U256,
}

impl fmt::Display for TokenAmount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let units =
            format_units(self.amount, self.decimals).unwrap_or_else(|_| self.amount.to_string());
        let units = units.trim_end_matches('0').trim_end_matches('.');
        write!(f, "{units} {}", self.symbol)
    }
}

/// A deposit or withdrawal.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LedgerMove {
    /// "deposited" or "withdrew".
    pub action: &'static str,
    /// Whose ledger balance moved.
    pub account: Address,
    /// What moved (for a deposit: what the engine received).
    pub moved: TokenAmount,
    /// The account's ledger balance afterwards.
    pub balance: TokenAmount,
    /// The approval (if one was needed) and the deposit or withdrawal.
    pub txs: Vec<Sent>,
}

impl fmt::Display for LedgerMove {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{} {} ({} in the engine now)", self.action, self.moved, self.balance)?;
        write!(f, "  account  {}", self.account)?;
        for tx in &self.txs {
            write!(f, "\n  tx       {} ({})", tx.tx_hash, tx.action)?;
        }
        Ok(())
    }
}

/// An account's ledger balance of a token.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LedgerBalance {
    /// The account.
    pub account: Address,
    /// Its balance in the engine.
    pub balance: TokenAmount,
    /// What the engine holds for every account together.
    pub total: TokenAmount,
}

impl fmt::Display for LedgerBalance {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} holds {} in the engine (all accounts: {})",
            self.account, self.balance, self.total
        )
    }
}

impl<P: Provider> Client<P> {
    /// `amount` of `token` (given as `text` in the token's units, "12.5") as a [`TokenAmount`].
    pub async fn token_amount(&self, token: Address, text: &str) -> Result<TokenAmount> {
        let mut amount = self.token_units(token, U256::ZERO).await?;
        amount.amount = match parse_units(text, amount.decimals) {
            Ok(units) => units.get_absolute(),
            Err(e) => refuse!("`{text}` is not an amount of {}: {e}", amount.symbol),
        };
        if amount.amount.is_zero() {
            refuse!("the amount must be more than zero");
        }
        Ok(amount)
    }

    /// `amount` of `token` with its symbol and decimals (refused when `token` is no ERC-20).
    pub async fn token_units(&self, token: Address, amount: U256) -> Result<TokenAmount> {
        let erc20 = ERAToken::new(token, &self.provider);
        let (Ok(symbol), Ok(decimals)) =
            (erc20.symbol().call().await, erc20.decimals().call().await)
        else {
            refuse!("{token} is not an ERC-20 token (it has no symbol or decimals)");
        };
        Ok(TokenAmount { token, symbol, decimals, amount })
    }

    /// `account`'s ledger balance of `token`.
    pub async fn ledger_balance(&self, token: Address, account: Address) -> Result<LedgerBalance> {
        let engine = self.engine();
        let balance = engine.balanceOf(token, account).call().await?;
        let total = engine.totalBalances(token).call().await?;
        Ok(LedgerBalance {
            account,
            balance: self.token_units(token, balance).await?,
            total: self.token_units(token, total).await?,
        })
    }

    /// `sender` deposits `amount` into its ledger balance (or `account`'s), approving the engine
    /// first when needed. Refused when `sender` holds less.
    pub async fn deposit_ledger(
        &self,
        sender: Address,
        amount: &TokenAmount,
        account: Option<Address>,
    ) -> Result<LedgerMove> {
        let erc20 = ERAToken::new(amount.token, &self.provider);
        let held = erc20.balanceOf(sender).call().await?;
        if held < amount.amount {
            refuse!(
                "{sender} holds {} but deposits {}: get {} first",
                TokenAmount { amount: held, ..amount.clone() },
                amount,
                amount.symbol
            );
        }
        let engine = self.engine();
        let mut txs = Vec::new();
        if erc20.allowance(sender, self.addresses.engine).call().await? < amount.amount {
            txs.push(send("approve", erc20.approve(self.addresses.engine, amount.amount)).await?);
        }
        let before = engine.totalBalances(amount.token).call().await?;
        let account = account.unwrap_or(sender);
        txs.push(if account == sender {
            send("deposit", engine.deposit(amount.token, amount.amount)).await?
        } else {
            send("depositFor", engine.depositFor(amount.token, account, amount.amount)).await?
        });
        let received = engine.totalBalances(amount.token).call().await? - before;
        let balance = engine.balanceOf(amount.token, account).call().await?;
        Ok(LedgerMove {
            action: "deposited",
            account,
            moved: TokenAmount { amount: received, ..amount.clone() },
            balance: TokenAmount { amount: balance, ..amount.clone() },
            txs,
        })
    }

    /// `sender` withdraws `amount` of its ledger balance to `to` (itself by default). Refused
    /// when its balance is smaller.
    pub async fn withdraw_ledger(
        &self,
        sender: Address,
        amount: &TokenAmount,
        to: Option<Address>,
    ) -> Result<LedgerMove> {
        let engine = self.engine();
        let balance = engine.balanceOf(amount.token, sender).call().await?;
        if balance < amount.amount {
            refuse!(
                "{sender} holds {} in the engine, less than the {} asked: withdraw at most that",
                TokenAmount { amount: balance, ..amount.clone() },
                amount
            );
        }
        let to = to.unwrap_or(sender);
        let tx = send("withdraw", engine.withdraw(amount.token, amount.amount, to)).await?;
        Ok(LedgerMove {
            action: "withdrew",
            account: sender,
            moved: amount.clone(),
            balance: TokenAmount { amount: balance - amount.amount, ..amount.clone() },
            txs: vec![tx],
        })
    }
}
