// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IAtomicSettlement} from "../../contracts/interfaces/IAtomicSettlement.sol";
import {IScenarioRegistry} from "../../contracts/interfaces/IScenarioRegistry.sol";
import {ISettlementEngine} from "../../contracts/interfaces/ISettlementEngine.sol";
import {Stablecoin} from "../../script/Stablecoin.sol";
import {AtomicBase} from "./AtomicBase.t.sol";
import {Test} from "forge-std/Test.sol";

/// Random cross-border settlements between a few parties, some with an injected failing leg, and
/// deposits and withdrawals between them. Each settlement is checked against every party's balance:
/// changed by exactly its expected delta, or not at all (`halfApplied` counts any other outcome).
contract AtomicHandler is Test {
    uint256 internal constant RATE = 0.92e18;
    uint256 internal constant FAULTS = 6; // none, unbalanced, expired quote, short balance, paused credit, replay

    ISettlementEngine internal immutable engine;
    Stablecoin internal immutable usd;
    Stablecoin internal immutable eur;
    uint256 internal immutable scenarioId;
    uint256 internal immutable pausedId;
    uint256 internal immutable providerKey;
    address internal immutable provider;

    address[] public parties;
    uint256 internal _nonce = 1_000;
    uint256 public applied;
    uint256 public reverted;
    uint256 public halfApplied;

    constructor(
        ISettlementEngine engine_,
        Stablecoin usd_,
        Stablecoin eur_,
        uint256 scenarioId_,
        uint256 pausedId_,
        uint256 providerKey_,
        address[] memory parties_
    ) {
        (engine, usd, eur, scenarioId, pausedId) = (engine_, usd_, eur_, scenarioId_, pausedId_);
        (providerKey, provider, parties) = (providerKey_, vm.addr(providerKey_), parties_);
    }

    function partyCount() external view returns (uint256) {
        return parties.length;
    }

    /// A cross-border payment from one party to another, with fault `fault % FAULTS` injected.
    function settle(uint256 from, uint256 to, uint256 amount, uint256 fault) external {
        address payer = parties[from % parties.length];
        address payee = parties[to % parties.length];
        fault %= FAULTS;
        // Fault 3: a balanced payment of more than the payer holds.
        amount = fault == 3 ? engine.balanceOf(address(usd), payer) + 100 : bound(amount, 100, 200_000e18);
        IAtomicSettlement.Settlement memory s = _payment(payer, payee, amount);
        if (fault == 1) s.legs[3].amount += 1;
        if (fault == 2) s.quotes[0].expiry = block.timestamp - 1;
        if (fault == 4) s.legs[3].target = pausedId;
        if (fault == 5) s.nonce -= 2; // an earlier settlement's nonce (used if it applied)

        int256[8] memory expected = _expected(s);
        uint256[8] memory before = _balances();
        bytes[] memory q = new bytes[](1);
        (uint8 v, bytes32 r, bytes32 sig) = vm.sign(providerKey, engine.quoteDigest(s.quotes[0]));
        q[0] = abi.encodePacked(r, sig, v);
        vm.prank(payer);
        try engine.settle(s, q, new IAtomicSettlement.PartySignature[](0)) {
            ++applied;
            if (!_changedBy(before, expected)) ++halfApplied;
        } catch {
            ++reverted;
            if (!_changedBy(before, [int256(0), 0, 0, 0, 0, 0, 0, 0])) ++halfApplied;
        }
    }

    function deposit(uint256 who, uint256 amount, bool inEur) external {
        Stablecoin token = inEur ? eur : usd;
        amount = bound(amount, 1, 100_000e18);
        token.approve(address(engine), amount);
        engine.depositFor(address(token), parties[who % parties.length], amount);
    }

    function withdraw(uint256 who, uint256 amount, bool inEur) external {
        Stablecoin token = inEur ? eur : usd;
        address party = parties[who % parties.length];
        amount = bound(amount, 0, engine.balanceOf(address(token), party));
        if (amount == 0) return;
        vm.prank(party);
        engine.withdraw(address(token), amount, party);
    }

    // ---------------------------------------------------------------- helpers

    function _payment(address payer, address payee, uint256 amount)
        internal
        returns (IAtomicSettlement.Settlement memory s)
    {
        uint256 fee = amount / 100;
        uint256 converted = amount - fee;
        (s.scenarioId, s.initiator, s.nonce, s.deadline) = (scenarioId, payer, _nonce++, block.timestamp + 1);
        s.legs = new IAtomicSettlement.Leg[](4);
        s.legs[0] = IAtomicSettlement.Leg(IAtomicSettlement.LegKind.Debit, payer, address(usd), amount, 0);
        s.legs[1] =
            IAtomicSettlement.Leg(IAtomicSettlement.LegKind.Convert, provider, address(usd), converted, 0);
        s.legs[2] =
            IAtomicSettlement.Leg(IAtomicSettlement.LegKind.Fee, parties[0], address(usd), fee, scenarioId);
        s.legs[3] = IAtomicSettlement.Leg(
            IAtomicSettlement.LegKind.Credit, payee, address(eur), converted * RATE / 1e18, scenarioId
        );
        s.quotes = new IAtomicSettlement.Quote[](1);
        s.quotes[0] = IAtomicSettlement.Quote(
            provider, address(usd), address(eur), RATE, type(uint128).max, block.timestamp + 1, _nonce
        );
    }

    /// Each (token, party)'s expected delta if `s` applies: index 2i is USD, 2i + 1 EUR.
    function _expected(IAtomicSettlement.Settlement memory s) internal view returns (int256[8] memory d) {
        for (uint256 i; i < s.legs.length; ++i) {
            IAtomicSettlement.Leg memory l = s.legs[i];
            int256 a = int256(l.amount);
            if (l.kind == IAtomicSettlement.LegKind.Debit) {
                d[_index(l.token, l.party)] -= a;
            } else if (l.kind == IAtomicSettlement.LegKind.Convert) {
                d[_index(l.token, l.party)] += a;
                d[_index(address(eur), l.party)] -= int256(l.amount * RATE / 1e18);
            } else {
                d[_index(l.token, l.party)] += a;
            }
        }
    }

    function _index(address token, address party) internal view returns (uint256) {
        uint256 t = token == address(usd) ? 0 : 1;
        if (party == provider) return 6 + t;
        for (uint256 i; i < parties.length; ++i) {
            if (parties[i] == party) return 2 * i + t;
        }
        revert("unknown party");
    }

    function _balances() internal view returns (uint256[8] memory b) {
        for (uint256 i; i < 4; ++i) {
            address party = i == 3 ? provider : parties[i];
            (b[2 * i], b[2 * i + 1]) =
            (engine.balanceOf(address(usd), party), engine.balanceOf(address(eur), party));
        }
    }

    function _changedBy(uint256[8] memory before, int256[8] memory expected) internal view returns (bool) {
        uint256[8] memory now_ = _balances();
        for (uint256 i; i < 8; ++i) {
            if (int256(now_[i]) - int256(before[i]) != expected[i]) return false;
        }
        return true;
    }
}

/// Invariants of atomic settlements: per token, the ledger's balances sum to `totalBalances`, which
/// the engine holds exactly; no settlement is ever half-applied.
contract AtomicInvariantTest is AtomicBase {
    AtomicHandler internal handler;

    function setUp() public override {
        super.setUp();
        uint256 paused = registerScenario("frozen", IScenarioRegistry.Domain.Financial, VALIDITY);
        vm.prank(operator);
        engine.pauseScenario(paused);
        address[] memory parties = new address[](3);
        (parties[0], parties[1], parties[2]) = (collector, payer, payee);
        handler = new AtomicHandler(engine, usd, eur, payments, paused, providerKey, parties);
        usd.transfer(address(handler), 1e29);
        eur.transfer(address(handler), 1e29);
        depositFor(usd, payee, FUNDS);
        targetContract(address(handler));
    }

    function invariant_ledgerSumsToTotalsAndHoldings() public view {
        assertConserved(usd);
        assertConserved(eur);
    }

    function invariant_noSettlementHalfApplied() public view {
        assertEq(handler.halfApplied(), 0);
    }

    function afterInvariant() external view {
        // The faults are injected often enough that both outcomes occur.
        assertGt(handler.applied() + handler.reverted(), 0);
    }

    function assertConserved(Stablecoin token) internal view {
        uint256 sum = balance(token, provider);
        for (uint256 i; i < handler.partyCount(); ++i) {
            sum += balance(token, handler.parties(i));
        }
        assertEq(sum, engine.totalBalances(address(token)));
        assertEq(sum, token.balanceOf(address(engine)));
    }
}
