// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IAtomicSettlement} from "../../../contracts/interfaces/IAtomicSettlement.sol";
import {CrossBorderSettlement} from "../../../contracts/sdk/compliance/CrossBorderSettlement.sol";
import {ICompliancePlugin} from "../../../contracts/sdk/compliance/ICompliancePlugin.sol";
import {Velocity} from "../../../contracts/sdk/compliance/Velocity.sol";
import {AtomicBase} from "../../execution/AtomicBase.t.sol";
import {SanctionsTree} from "./SanctionsTree.sol";

/// @notice The real suite's financial scenario (AtomicBase: USD, EUR, a payer, an FX provider with
/// EUR in the engine) with a CrossBorderSettlement over USD in it: 1% fee, mallory sanctioned,
/// payments over 10,000 USD a day per payer held. The payer holds USD in its wallet.
abstract contract CrossBorderBase is AtomicBase {
    uint64 internal constant HOLD = 7 days;
    uint256 internal constant THRESHOLD = 1_000e18;
    uint128 internal constant DAILY = 10_000e18;
    bytes32 internal constant RECORD = keccak256("payer and payee data");

    address internal admin = makeAddr("compliance admin");
    address internal officer = makeAddr("officer");
    address internal mallory = makeAddr("mallory");
    address[] internal listed;
    CrossBorderSettlement internal desk;

    function setUp() public virtual override {
        super.setUp();
        listed.push(mallory);
        desk = new CrossBorderSettlement(
            usd,
            admin,
            SanctionsTree.root(listed),
            THRESHOLD,
            HOLD,
            IAtomicSettlement(address(engine)),
            payments
        );
        vm.startPrank(admin);
        desk.grantRole(desk.COMPLIANCE_ROLE(), officer);
        desk.setFee(collector, 100);
        desk.setAccountLimit(address(0), Velocity.Limit(DAILY, 1 days));
        vm.stopPrank();
        usd.transfer(payer, FUNDS);
        vm.prank(payer);
        usd.approve(address(desk), type(uint256).max);
    }

    function clear(address account) internal view returns (ICompliancePlugin.Clearance memory) {
        return SanctionsTree.clearance(listed, account);
    }

    /// A payment of `amount` USD to `to` at a fresh quote with nonce `nonce`.
    function payment(address to, uint256 amount, uint256 nonce)
        internal
        view
        returns (CrossBorderSettlement.Payment memory p)
    {
        IAtomicSettlement.Quote memory q = quote(type(uint128).max, nonce);
        p = CrossBorderSettlement.Payment(
            to, amount, amount >= THRESHOLD ? RECORD : bytes32(0), q, sign(providerKey, engine.quoteDigest(q))
        );
    }

    function pay(CrossBorderSettlement.Payment memory p) internal returns (uint256, ICompliancePlugin.Flag) {
        (ICompliancePlugin.Clearance memory a, ICompliancePlugin.Clearance memory b) =
            (clear(payer), clear(p.payee));
        vm.prank(payer);
        return desk.pay(p, a, b);
    }
}
