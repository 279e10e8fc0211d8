// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IAsyncExecution} from "../../contracts/interfaces/IAsyncExecution.sol";
import {IExecutionModes} from "../../contracts/interfaces/IExecutionModes.sol";
import {IScenarioRegistry} from "../../contracts/interfaces/IScenarioRegistry.sol";
import {ISettlementEngine} from "../../contracts/interfaces/ISettlementEngine.sol";
import {ERAToken} from "../../contracts/token/ERAToken.sol";
import {AsyncTest} from "./AsyncTest.sol";

/// @notice Drives the engine's light part: executors bond, execute async batches in which some
/// actions are forged, watchers challenge the forgeries, anyone finalizes, relayers send standard
/// actions in a second (standard) scenario, and time passes.
contract AsyncHandler is AsyncTest {
    /// The handler is an AsyncTest for its helpers; it shares the invariant test's suite.
    function setUp() public override {}

    /// Forged leaves not challenged yet: batch id and index (packed), with their batch's arrays.
    uint256[] internal pending;
    mapping(uint256 batchId => IAsyncExecution.Action[]) internal batchActions;
    mapping(uint256 batchId => bytes[]) internal batchSignatures;
    address[2] internal executors = [address(0xe1), address(0xe2)];
    uint256 internal plain;
    uint256 internal nonces;
    uint256 public upheld;
    uint256 public finalized;

    /// Shares the suite of the invariant test instead of deploying its own.
    function init(
        ISettlementEngine engine_,
        ERAToken era_,
        uint256 shop_,
        uint256 plain_,
        uint256[2] calldata keys
    ) external {
        (engine, era, shop, plain, aliceKey, bobKey) = (engine_, era_, shop_, plain_, keys[0], keys[1]);
        (alice, bob) = (vm.addr(keys[0]), vm.addr(keys[1]));
        domainSeparator = AsyncTest(msg.sender).domainSeparatorOf();
    }

    function bondSome(uint8 who, uint96 amount) external {
        address e = executors[who % 2];
        amount = uint96(bound(amount, 1, 500e18));
        vm.prank(operator);
        era.transfer(e, amount);
        vm.startPrank(e);
        era.approve(address(engine), amount);
        engine.bond(amount);
        vm.stopPrank();
    }

    function executeBatch(uint8 who, uint8 size, uint256 forgedMask, uint256 seed) external {
        address e = executors[who % 2];
        size = uint8(bound(size, 1, 8));
        uint256 id = engine.batchCount() + 1;
        for (uint256 i; i < size; ++i) {
            bool toBob = (seed >> i) & 1 == 1;
            IAsyncExecution.Action memory a = action(
                toBob ? alice : bob,
                toBob ? bob : alice,
                uint256(keccak256(abi.encode(seed, i))) % 5e18 + 1,
                ++nonces
            );
            bool forged = (forgedMask >> i) & 1 == 1;
            batchActions[id].push(a);
            batchSignatures[id].push(sign(a, forged ? 0xbad : (toBob ? aliceKey : bobKey), true));
        }
        vm.prank(e);
        try engine.executeAsync(shop, batchActions[id], batchSignatures[id]) {
            for (uint256 i; i < size; ++i) {
                if ((forgedMask >> i) & 1 == 1) pending.push(id << 16 | i);
            }
        } catch {
            delete batchActions[id];
            delete batchSignatures[id];
        }
    }

    function challengeOne(uint256 pick) external {
        if (pending.length == 0) return;
        uint256 k = pick % pending.length;
        (uint256 id, uint256 index) = (pending[k] >> 16, pending[k] & 0xffff);
        pending[k] = pending[pending.length - 1];
        pending.pop();
        IAsyncExecution.Inclusion memory leaf = inclusion(id, batchActions[id], batchSignatures[id], index);
        vm.prank(challenger);
        try engine.challenge(leaf, IAsyncExecution.Fraud.BadSignature, none()) {
            ++upheld;
        } catch {} // its window closed
    }

    function finalizeOne(uint256 pick) external {
        uint256 count = engine.batchCount();
        if (count == 0) return;
        try engine.finalize(pick % count + 1) {
            ++finalized;
        } catch {}
    }

    function executeStandard(uint96 amount) external {
        IAsyncExecution.Action memory a = action(alice, bob, bound(amount, 1, 5e18), ++nonces);
        a.scenarioId = plain;
        try engine.execute(a, sign(a, aliceKey, false)) {} catch {}
    }

    function pass(uint32 seconds_) external {
        vm.warp(block.timestamp + bound(seconds_, 1, 40 minutes));
    }

    function executorAt(uint256 i) external view returns (address) {
        return executors[i];
    }
}

/// @notice Invariants of the light part: the engine holds exactly the ledger's ERA plus the open
/// bonds; no executor's exposure exceeds its bond.
contract AsyncInvariantTest is AsyncTest {
    AsyncHandler internal handler;
    uint256 internal plain;

    function setUp() public override {
        super.setUp();
        surge(); // shop runs in Async
        plain = registerScenario("plain", IScenarioRegistry.Domain.Light, BASIC); // stays in Standard
        handler = new AsyncHandler();
        handler.init(engine, era, shop, plain, [aliceKey, bobKey]);
        targetContract(address(handler));
        bytes4[] memory selectors = new bytes4[](6);
        selectors[0] = handler.bondSome.selector;
        selectors[1] = handler.executeBatch.selector;
        selectors[2] = handler.challengeOne.selector;
        selectors[3] = handler.finalizeOne.selector;
        selectors[4] = handler.executeStandard.selector;
        selectors[5] = handler.pass.selector;
        targetSelector(FuzzSelector(address(handler), selectors));
        assertEq(uint8(engine.modeOf(shop)), uint8(IExecutionModes.Mode.Async));
    }

    function invariant_engineHoldsLedgerPlusBonds() public view {
        assertEq(era.balanceOf(address(engine)), engine.totalBalances(address(era)) + engine.totalBonded());
    }

    function invariant_exposureNeverExceedsBond() public view {
        uint256 sum;
        for (uint256 i; i < 2; ++i) {
            IAsyncExecution.Executor memory e = engine.executorOf(handler.executorAt(i));
            assertLe(uint256(e.exposure) + e.unbonding, e.bonded);
            sum += e.bonded;
        }
        assertEq(sum, engine.totalBonded());
    }

    function invariant_ledgerIsConserved() public view {
        uint256 sum = engine.balanceOf(address(era), alice) + engine.balanceOf(address(era), bob)
            + engine.balanceOf(address(era), challenger);
        assertEq(sum, engine.totalBalances(address(era)));
    }

    function afterInvariant() external {
        emit log_named_uint("upheld challenges", handler.upheld());
        emit log_named_uint("finalized batches", handler.finalized());
    }
}
