// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Remittance} from "../src/Remittance.sol";
import {Stablecoin} from "@era-script/Stablecoin.sol";
import {SanctionsTree} from "@era-test/sdk/compliance/SanctionsTree.sol";
import {ScenarioTest} from "@era-test/utils/ScenarioTest.sol";
import {IAtomicSettlement} from "@era/interfaces/IAtomicSettlement.sol";
import {IScenarioRegistry} from "@era/interfaces/IScenarioRegistry.sol";
import {CrossBorderSettlement} from "@era/sdk/compliance/CrossBorderSettlement.sol";
import {ICompliancePlugin} from "@era/sdk/compliance/ICompliancePlugin.sol";

/// @notice The real suite (ScenarioTest: the SuiteTest deployment plus the standard security
/// modules), this scenario registered in the atomic mode, and a Remittance desk governed by the
/// suite's timelock. A US sender holds dollars, an FX provider holds pesos in the engine and signs
/// quotes, a receiver in Mexico; one address is on the sanctions list.
abstract contract RemittanceTest is ScenarioTest {
    uint256 internal constant MXN_PER_USD = 17e18;
    bytes32 internal constant KYC_RECORD = keccak256("sender and receiver identity data, kept off chain");

    uint256 internal providerKey = 0xF0F0;
    address internal provider = vm.addr(providerKey);
    address internal sender = makeAddr("sender");
    address internal receiver = makeAddr("receiver");
    address internal officer = makeAddr("officer");
    address internal feeCollector = makeAddr("fee collector");
    address internal sanctioned = makeAddr("sanctioned");

    Stablecoin internal usd;
    Stablecoin internal mxn;
    uint256 internal scenarioId;
    Remittance internal desk;
    address[] internal sanctionsList;

    function setUp() public virtual override {
        super.setUp();
        // What script/Deploy.s.sol does on a chain: register, declare the atomic mode, deploy.
        scenarioId = registerScenario("remittance", IScenarioRegistry.Domain.Financial, VALIDITY);
        vm.prank(developer);
        engine.declareModes(scenarioId, 0x02, 0); // bit 1 << Mode.Atomic
        sanctionsList.push(sanctioned);
        usd = new Stablecoin("Test USD", "USD", sender, 1_000_000e18);
        mxn = new Stablecoin("Test MXN", "MXN", provider, 100_000_000e18);
        desk = new Remittance(
            usd,
            address(timelock),
            SanctionsTree.root(sanctionsList),
            IAtomicSettlement(address(engine)),
            scenarioId,
            feeCollector
        );
        govern(address(desk), abi.encodeCall(desk.grantRole, (desk.COMPLIANCE_ROLE(), officer)));
        vm.startPrank(officer);
        desk.setJurisdiction(sender, "US");
        desk.setJurisdiction(receiver, "MX");
        vm.stopPrank();
        vm.prank(sender);
        usd.approve(address(desk), type(uint256).max);
        vm.startPrank(provider);
        mxn.approve(address(engine), type(uint256).max);
        engine.deposit(address(mxn), 100_000_000e18);
        vm.stopPrank();
    }

    /// `amount` dollars to `to` at a quote the provider signs now, with the KYC record when due.
    function payment(address to, uint256 amount, uint256 quoteNonce)
        internal
        view
        returns (CrossBorderSettlement.Payment memory p)
    {
        p.payee = to;
        p.amount = amount;
        p.travelRecord = amount >= desk.TRAVEL_THRESHOLD() ? KYC_RECORD : bytes32(0);
        p.quote = IAtomicSettlement.Quote(
            provider, address(usd), address(mxn), MXN_PER_USD, amount, block.timestamp + 5 minutes, quoteNonce
        );
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(providerKey, engine.quoteDigest(p.quote));
        p.quoteSignature = abi.encodePacked(r, s, v);
    }

    /// The sender pays `p` with the sanctions clearances of both parties.
    function send(CrossBorderSettlement.Payment memory p)
        internal
        returns (uint256 id, ICompliancePlugin.Flag flag)
    {
        ICompliancePlugin.Clearance memory from = SanctionsTree.clearance(sanctionsList, sender);
        ICompliancePlugin.Clearance memory to = SanctionsTree.clearance(sanctionsList, p.payee);
        vm.prank(sender);
        return desk.pay(p, from, to);
    }

    /// The pesos `dollars` buy after the fee, as the engine rounds (down).
    function pesos(uint256 dollars) internal pure returns (uint256) {
        return (dollars - dollars * 50 / 10_000) * MXN_PER_USD / 1e18;
    }
}
