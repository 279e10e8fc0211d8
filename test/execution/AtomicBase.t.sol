// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IAtomicSettlement} from "../../contracts/interfaces/IAtomicSettlement.sol";
import {IScenarioRegistry} from "../../contracts/interfaces/IScenarioRegistry.sol";
import {Stablecoin} from "../../script/Stablecoin.sol";
import {ScenarioTest} from "../utils/ScenarioTest.sol";

/// @notice The suite with a financial scenario (atomic by default), two test stablecoins (USD, EUR)
/// deposited in the engine by a payer and an FX provider, and helpers that build and sign the
/// cross-border payment of the issue: debit USD, convert USD -> EUR at a quote, a USD fee, credit EUR.
abstract contract AtomicBase is ScenarioTest {
    uint256 internal constant RATE = 0.92e18; // EUR per USD
    uint256 internal constant FUNDS = 1_000_000e18;

    Stablecoin internal usd;
    Stablecoin internal eur;
    uint256 internal payments;

    uint256 internal payerKey = 0xA11CE;
    uint256 internal providerKey = 0xF0F0;
    address internal payer = vm.addr(payerKey);
    address internal provider = vm.addr(providerKey);
    address internal collector = makeAddr("collector");
    address internal payee = makeAddr("payee");

    function setUp() public virtual override {
        super.setUp();
        payments = registerScenario("payments", IScenarioRegistry.Domain.Financial, VALIDITY);
        usd = new Stablecoin("Test USD", "USD", address(this), 1e30);
        eur = new Stablecoin("Test EUR", "EUR", address(this), 1e30);
        depositFor(usd, payer, FUNDS);
        depositFor(eur, provider, FUNDS);
    }

    function depositFor(Stablecoin token, address account, uint256 amount) internal {
        token.approve(address(engine), amount);
        engine.depositFor(address(token), account, amount);
    }

    // ---------------------------------------------------------------- building

    function leg(
        IAtomicSettlement.LegKind kind,
        address party,
        Stablecoin token,
        uint256 amount,
        uint256 target
    ) internal pure returns (IAtomicSettlement.Leg memory) {
        return IAtomicSettlement.Leg(kind, party, address(token), amount, target);
    }

    function quote(uint256 maxIn, uint256 nonce) internal view returns (IAtomicSettlement.Quote memory) {
        return IAtomicSettlement.Quote(
            provider, address(usd), address(eur), RATE, maxIn, block.timestamp + 1 hours, nonce
        );
    }

    /// The 4-leg payment of `amount` USD with a 1% fee; the payee gets the rest in EUR.
    function crossBorder(uint256 amount, uint256 nonce)
        internal
        view
        returns (IAtomicSettlement.Settlement memory s)
    {
        uint256 fee = amount / 100;
        uint256 converted = amount - fee;
        s.scenarioId = payments;
        s.initiator = payer;
        s.nonce = nonce;
        s.deadline = block.timestamp + 1 hours;
        s.legs = new IAtomicSettlement.Leg[](4);
        s.legs[0] = leg(IAtomicSettlement.LegKind.Debit, payer, usd, amount, 0);
        s.legs[1] = leg(IAtomicSettlement.LegKind.Convert, provider, usd, converted, 0);
        s.legs[2] = leg(IAtomicSettlement.LegKind.Fee, collector, usd, fee, payments);
        s.legs[3] = leg(IAtomicSettlement.LegKind.Credit, payee, eur, converted * RATE / 1e18, payments);
        s.quotes = new IAtomicSettlement.Quote[](1);
        s.quotes[0] = quote(type(uint128).max, nonce);
    }

    // ---------------------------------------------------------------- signing

    function sign(uint256 key, bytes32 digest) internal pure returns (bytes memory) {
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(key, digest);
        return abi.encodePacked(r, s, v);
    }

    function quoteSigs(IAtomicSettlement.Settlement memory s) internal view returns (bytes[] memory sigs) {
        sigs = new bytes[](s.quotes.length);
        for (uint256 i; i < sigs.length; ++i) {
            sigs[i] = sign(providerKey, engine.quoteDigest(s.quotes[i]));
        }
    }

    function partySig(uint256 key, IAtomicSettlement.Settlement memory s)
        internal
        view
        returns (IAtomicSettlement.PartySignature[] memory sigs)
    {
        sigs = new IAtomicSettlement.PartySignature[](1);
        sigs[0] = IAtomicSettlement.PartySignature(vm.addr(key), sign(key, engine.settlementDigest(s)));
    }

    function noSigs() internal pure returns (IAtomicSettlement.PartySignature[] memory) {
        return new IAtomicSettlement.PartySignature[](0);
    }

    /// Sends `s` as the payer (its own debit and nonce need no signature).
    function settleAsPayer(IAtomicSettlement.Settlement memory s) internal {
        bytes[] memory q = quoteSigs(s);
        vm.prank(payer);
        engine.settle(s, q, noSigs());
    }

    function balance(Stablecoin token, address account) internal view returns (uint256) {
        return engine.balanceOf(address(token), account);
    }
}
