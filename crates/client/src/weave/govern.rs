//! Governance of weaving, scheduled on the timelock: on the origin, the destination route each
//! domain's units go to; on the destination, the origin sender it trusts and the routes (Hyperlane
//! messages, storage proofs) it accepts units from.

use alloy::{
    primitives::{Address, B256, Bytes},
    providers::Provider,
    sol_types::SolCall,
};
use era_bindings::weave::{receiver::UnitReceiver, sender::UnitSender};

use crate::{Client, assets::Scheduled, error::Result, refuse};

impl<P: Provider> Client<P> {
    /// Schedules the sender's route for `domain`: units sent there go to `route` (the
    /// destination's HyperlaneUnitRoute).
    pub async fn schedule_unit_route(
        &self,
        sender: Address,
        domain: u32,
        route: Address,
        from_block: u64,
    ) -> Result<Scheduled> {
        let target = self.unit_sender();
        if target.address().is_zero() {
            refuse!("this chain's suite has no UnitSender: redeploy it with this version of era")
        }
        let call = UnitSender::setRouteCall {
            destination: domain,
            route: B256::left_padding_from(route.as_slice()),
        };
        let what = format!("units sent to domain {domain} go to the route {route}");
        let calls = vec![(*target.address(), Bytes::from(call.abi_encode()))];
        let (operation, tx) = self.propose(sender, calls, from_block).await?;
        Ok(Scheduled { what, schema_id: None, operation, tx })
    }

    /// Schedules the receiver's trust in `origin_sender` on `origin`, with this suite's routes
    /// enrolled (those not enrolled yet).
    pub async fn schedule_unit_trust(
        &self,
        sender: Address,
        (origin, origin_sender): (u32, Address),
        from_block: u64,
    ) -> Result<Scheduled> {
        let receiver = self.unit_receiver();
        if receiver.address().is_zero() {
            refuse!("this chain's suite has no UnitReceiver: redeploy it with this version of era")
        }
        let set = UnitReceiver::setSenderCall {
            origin,
            sender: B256::left_padding_from(origin_sender.as_slice()),
        };
        let mut calls = vec![(*receiver.address(), Bytes::from(set.abi_encode()))];
        let mut routes = Vec::new();
        for route in [self.addresses.unit_route, self.addresses.proof_route] {
            if !route.is_zero() && !receiver.isRoute(route).call().await? {
                let enroll = UnitReceiver::setRouteCall { route, enrolled: true };
                calls.push((*receiver.address(), enroll.abi_encode().into()));
                routes.push(route.to_string());
            }
        }
        let mut what = format!("the receiver trusts the sender {origin_sender} on domain {origin}");
        if !routes.is_empty() {
            what += &format!(" and accepts units from the routes {}", routes.join(", "));
        }
        let (operation, tx) = self.propose(sender, calls, from_block).await?;
        Ok(Scheduled { what, schema_id: None, operation, tx })
    }
}
