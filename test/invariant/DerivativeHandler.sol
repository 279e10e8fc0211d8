// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {StateAssetRegistry} from "../../contracts/assets/StateAssetRegistry.sol";
import {DerivativeRegistry} from "../../contracts/derivatives/DerivativeRegistry.sol";
import {IDerivativeRegistry} from "../../contracts/interfaces/IDerivativeRegistry.sol";
import {IStateAssetRegistry} from "../../contracts/interfaces/IStateAssetRegistry.sol";
import {ERAToken} from "../../contracts/token/ERAToken.sol";
import {Test} from "forge-std/Test.sol";

/// @notice Drives the derivative registry over alice's core and its derivatives: adoptions and
/// invocations paid from prepaid balances or wallets by two payers, deposits, withdrawals, claims,
/// pool funding and defunding, pledges, unpledges, draws, repayments, time passing, every liquidation step,
/// governance resolving the registry's challenge (upheld or dismissed), an outside challenge of the
/// core, and its retirement. Ghost totals: what each derivative's uses paid, split by payee; the
/// pool's flows; ERA an upheld or returned challenge sent that no liquidation step took in yet.
contract DerivativeHandler is Test {
    DerivativeRegistry internal derivatives;
    StateAssetRegistry internal registry;
    ERAToken internal era;
    address internal timelock;
    address internal provider;
    address internal challenger;
    bytes32 public coreId;
    bytes32[] public derivativeIds;
    address[2] public payers = [address(0x9a71), address(0x9a72)];
    bytes32[3] internal consumers = [bytes32("farm 1"), "farm 2", "farm 3"];

    /// Prices paid for uses, credited to the provider or (once seized) to the pool.
    uint256 public paidToProvider;
    uint256 public paidToPool;
    uint256 public claimed;
    /// The pool's flows.
    uint256 public funded;
    uint256 public defunded;
    uint256 public drawn;
    uint256 public repaid;
    uint256 public bonded;
    uint256 public recovered;
    /// ERA sent here by the state-asset registry not yet taken into the pool.
    uint256 public unswept;
    /// Prepaid deposits in, withdrawn, and spent on uses.
    uint256 public deposited;
    uint256 public withdrawn;
    uint256 public prepaidSpent;
    /// How often each path ran.
    uint256 public liquidations;
    uint256 public upheld;

    constructor(
        DerivativeRegistry derivatives_,
        StateAssetRegistry registry_,
        ERAToken era_,
        address timelock_,
        bytes32 coreId_,
        bytes32[] memory derivativeIds_,
        address challenger_
    ) {
        derivatives = derivatives_;
        registry = registry_;
        era = era_;
        timelock = timelock_;
        coreId = coreId_;
        derivativeIds = derivativeIds_;
        provider = derivatives_.derivativeOf(derivativeIds_[0]).provider;
        challenger = challenger_;
    }

    function derivativeCount() external view returns (uint256) {
        return derivativeIds.length;
    }

    function _pick(uint256 seed) internal view returns (bytes32) {
        return derivativeIds[seed % derivativeIds.length];
    }

    function _live() internal view returns (bool) {
        return registry.assetOf(coreId).status == IStateAssetRegistry.Status.Live;
    }

    function _usable(bytes32 id) internal view returns (bool) {
        return derivatives.isUsable(id);
    }

    // ---------------------------------------------------------------- uses

    function adopt(uint256 seed, uint256 who, uint256 consumer) external {
        bytes32 id = _pick(seed);
        bytes32 adopter = consumers[consumer % consumers.length];
        address payer = payers[who % 2];
        IDerivativeRegistry.Derivative memory d = derivatives.derivativeOf(id);
        uint256 price = derivatives.ruleOf(d.ruleId).adoptionPrice;
        bool refused = !_usable(id) || derivatives.isLicensed(id, adopter);
        bool wallet = derivatives.deposits(payer) < price;
        if (refused) vm.expectRevert();
        vm.prank(payer);
        derivatives.adopt(id, adopter);
        if (refused) return;
        _paid(d.seized, price, wallet);
    }

    function invoke(uint256 seed, uint256 who) external {
        bytes32 id = _pick(seed);
        address payer = payers[who % 2];
        IDerivativeRegistry.Derivative memory d = derivatives.derivativeOf(id);
        uint256 price = derivatives.ruleOf(d.ruleId).invocationPrice;
        bool refused = !_usable(id);
        bool wallet = derivatives.deposits(payer) < price;
        if (refused) vm.expectRevert();
        vm.prank(payer);
        derivatives.invoke(id, "enterprise");
        if (refused) return;
        _paid(d.seized, price, wallet);
    }

    function _paid(bool seized, uint256 price, bool wallet) internal {
        if (seized) paidToPool += price;
        else paidToProvider += price;
        if (!wallet) prepaidSpent += price;
    }

    function deposit(uint256 who, uint256 amount) external {
        address payer = payers[who % 2];
        amount = bound(amount, 1, 2_000e18);
        vm.prank(payer);
        derivatives.deposit(amount);
        deposited += amount;
    }

    function withdraw(uint256 who, uint256 amount) external {
        address payer = payers[who % 2];
        uint256 balance = derivatives.deposits(payer);
        if (balance == 0) return;
        amount = bound(amount, 1, balance);
        vm.prank(payer);
        derivatives.withdraw(amount);
        withdrawn += amount;
    }

    function claim() external {
        uint256 credit = derivatives.credits(provider);
        if (credit == 0) return;
        claimed += derivatives.claim(provider);
    }

    // ---------------------------------------------------------------- pool and credit

    function fundPool(uint256 amount) external {
        amount = bound(amount, 1, 20_000e18);
        vm.prank(payers[0]);
        derivatives.fundCreditPool(amount);
        funded += amount;
    }

    function defundPool(uint256 amount) external {
        uint256 pool = derivatives.creditPool();
        if (pool == 0) return;
        amount = bound(amount, 1, pool);
        vm.prank(timelock);
        derivatives.defundCreditPool(address(0xdef), amount);
        defunded += amount;
    }

    function pledge(uint256 seed) external {
        bytes32 id = _pick(seed);
        if (derivatives.pledgeOf(coreId) != bytes32(0) || derivatives.derivativeOf(id).seized || !_usable(id))
        {
            return;
        }
        vm.prank(provider);
        derivatives.pledge(id);
    }

    /// Pledges first when needed: a draw is what makes a default possible.
    function draw(uint256 seed, uint256 amount) external {
        bytes32 id = _pick(seed);
        if (derivatives.derivativeOf(id).seized || !_usable(id)) return;
        if (!derivatives.loanOf(id).pledged) {
            if (derivatives.pledgeOf(coreId) != bytes32(0)) return;
            vm.prank(provider);
            derivatives.pledge(id);
        }
        uint256 limit = derivatives.creditLimit(id);
        uint256 debt = derivatives.debtOf(id);
        uint256 available = limit > debt ? limit - debt : 0;
        uint256 pool = derivatives.creditPool();
        if (pool < available) available = pool;
        if (available == 0) return;
        amount = bound(amount, 1, available);
        vm.prank(provider);
        derivatives.draw(id, amount);
        drawn += amount;
    }

    function unpledge(uint256 seed) external {
        bytes32 id = _pick(seed);
        IDerivativeRegistry.Loan memory loan = derivatives.loanOf(id);
        if (!loan.pledged || derivatives.derivativeOf(id).seized || derivatives.debtOf(id) != 0) return;
        vm.prank(provider);
        derivatives.unpledge(id);
    }

    function repay(uint256 seed, uint256 amount) external {
        bytes32 id = _pick(seed);
        uint256 debt = derivatives.debtOf(id);
        if (debt == 0) return;
        amount = bound(amount, 1, debt + 1e18);
        vm.prank(payers[1]);
        repaid += derivatives.repay(id, amount);
    }

    function warp(uint256 time) external {
        vm.warp(block.timestamp + bound(time, 1 hours, 100 days));
        vm.roll(block.number + 1);
    }

    // ---------------------------------------------------------------- liquidation and the core

    function liquidate(uint256 seed) external {
        bytes32 id = _pick(seed);
        IDerivativeRegistry.Loan memory loan = derivatives.loanOf(id);
        uint256 poolBefore = derivatives.creditPool();
        try derivatives.liquidate(id) returns (IDerivativeRegistry.Liquidation stage) {
            ++liquidations;
            if (stage == IDerivativeRegistry.Liquidation.Challenged) {
                bonded += poolBefore - derivatives.creditPool();
            } else if (loan.liquidation == IDerivativeRegistry.Liquidation.Challenged) {
                recovered += derivatives.creditPool() - poolBefore;
                unswept = 0;
            }
        } catch {}
        vm.roll(block.number + 1);
    }

    function resolve(bool uphold) external {
        IStateAssetRegistry.Challenge memory open = registry.challengeOf(coreId, address(derivatives));
        if (open.committedAt == 0) return;
        if (registry.challengeOf(coreId, challenger).committedAt != 0) return;
        uint256 anchor = registry.assetOf(coreId).stake;
        vm.prank(timelock);
        registry.resolveChallenge(coreId, address(derivatives), uphold);
        if (uphold) {
            unswept += anchor + open.bond;
            ++upheld;
        }
    }

    /// An outside challenger contests the core and governance upholds it: the registry's own later
    /// challenge, if any, gets its bond back.
    function outsideChallenge(uint256 seed) external {
        if (!_live() || seed % 4 != 0 || registry.challengeOf(coreId, challenger).committedAt != 0) return;
        bytes32 evidence = "outside";
        bytes32 salt = bytes32(block.number);
        registry.commitChallenge(keccak256(abi.encode(coreId, challenger, evidence, salt)));
        vm.roll(block.number + 1);
        vm.prank(challenger);
        registry.challenge(coreId, evidence, salt);
        uint256 ours = registry.challengeOf(coreId, address(derivatives)).bond;
        vm.prank(timelock);
        try registry.resolveChallenge(coreId, challenger, true) {
            unswept += ours;
        } catch {
            // The registry's challenge was committed first: it is resolved first.
            vm.prank(timelock);
            registry.resolveChallenge(coreId, challenger, false);
        }
    }

    /// Rare (one call in eight): a retired core ends every other path.
    function retireCore(uint256 seed) external {
        if (!_live() || seed % 8 != 0) return;
        vm.prank(provider);
        registry.retire(coreId);
    }
}
