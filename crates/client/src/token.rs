//! Paying in ERA: the one balance check and approval every payment to the suite goes through
//! (stakes, margins, scenario and asset fees, bonds).

use alloy::{
    primitives::{Address, U256},
    providers::Provider,
};

use crate::{Client, Sent, error::Result, refuse, tx::send, units::fmt_era};

impl<P: Provider> Client<P> {
    /// Checks that `payer` holds `amount` ERA and approves `spender` to take it unless it may
    /// already. Returns the approval transaction, if one was sent. A shortfall is refused as
    /// "`payer` holds X but `needs` Y: get ERA first" (`needs`: "needs", "the fee is", ...).
    pub async fn approve_era(
        &self,
        payer: Address,
        spender: Address,
        amount: U256,
        needs: &str,
    ) -> Result<Option<Sent>> {
        let era = self.era();
        let balance = era.balanceOf(payer).call().await?;
        if balance < amount {
            refuse!(
                "{payer} holds {} but {needs} {}: get ERA first",
                fmt_era(balance),
                fmt_era(amount)
            );
        }
        if era.allowance(payer, spender).call().await? >= amount {
            return Ok(None);
        }
        Ok(Some(send("approve", era.approve(spender, amount)).await?))
    }
}
