// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IAsyncExecution} from "../../contracts/interfaces/IAsyncExecution.sol";
import {IScenarioRegistry} from "../../contracts/interfaces/IScenarioRegistry.sol";
import {ScenarioTest} from "../utils/ScenarioTest.sol";

/// @notice A light scenario `shop` allowing {Standard, Async} on the real suite, funded players with
/// keys, and the helpers to sign actions, escalate the scenario into async mode, bond executors and
/// rebuild a batch's positional Merkle tree the way a watcher does from the calldata.
abstract contract AsyncTest is ScenarioTest {
    /// Modes {Standard, Async}: bits 1 << 3 | 1 << 4.
    uint8 internal constant LIGHT_MODES = 0x18;

    uint256 internal shop;
    address internal shopKeeper = makeAddr("shopKeeper");
    address internal executor = makeAddr("executor");
    address internal challenger = makeAddr("challenger");
    address internal alice;
    uint256 internal aliceKey;
    address internal bob;
    uint256 internal bobKey;
    /// The engine's EIP-712 domain, rebuilt here (no call: helpers stay usable under prank/expectRevert).
    bytes32 internal domainSeparator;

    function setUp() public virtual override {
        super.setUp();
        shop = registerScenario("shop", IScenarioRegistry.Domain.Light, BASIC);
        vm.prank(developer);
        engine.declareModes(shop, LIGHT_MODES, 0);
        domainSeparator = engineDomainSeparator();
        (alice, aliceKey) = makeAddrAndKey("alice");
        (bob, bobKey) = makeAddrAndKey("bob");
        depositTo(alice, 1_000e18);
        depositTo(bob, 1_000e18);
        vm.prank(operator);
        era.approve(address(engine), type(uint256).max);
    }

    function domainSeparatorOf() external view returns (bytes32) {
        return domainSeparator;
    }

    // ---------------------------------------------------------------- accounts

    /// Deposits `amount` of ERA from the supply holder into `account`'s ledger balance.
    function depositTo(address account, uint256 amount) internal {
        vm.startPrank(operator);
        era.approve(address(engine), amount);
        engine.depositFor(address(era), account, amount);
        vm.stopPrank();
    }

    /// Gives `account` `amount` of ERA and posts it as its executor bond.
    function bondAs(address account, uint256 amount) internal {
        vm.prank(operator);
        era.transfer(account, amount);
        vm.startPrank(account);
        era.approve(address(engine), amount);
        engine.bond(amount);
        vm.stopPrank();
    }

    function ledger(address account) internal view returns (uint256) {
        return engine.balanceOf(address(era), account);
    }

    // ---------------------------------------------------------------- modes

    /// A surge report (3x the baseline) escalates the scenario: it runs in Async.
    function surge() internal {
        report(shop, 3_000);
    }

    // ---------------------------------------------------------------- actions

    function action(address from, address to, uint256 amount, uint256 nonce)
        internal
        view
        returns (IAsyncExecution.Action memory)
    {
        return IAsyncExecution.Action({
            scenarioId: shop,
            from: from,
            to: to,
            token: address(era),
            amount: amount,
            nonce: nonce,
            deadline: block.timestamp + 1 hours
        });
    }

    /// The EIP-712 digest of `a` as standard (`Action`) or async (`AsyncAction`) type.
    function digestOf(IAsyncExecution.Action memory a, bool async_) internal view returns (bytes32) {
        bytes32 typehash = async_
            ? keccak256(
                "AsyncAction(uint256 scenarioId,address from,address to,address token,uint256 amount,uint256 nonce,uint256 deadline)"
            )
            : keccak256(
                "Action(uint256 scenarioId,address from,address to,address token,uint256 amount,uint256 nonce,uint256 deadline)"
            );
        return keccak256(abi.encodePacked("\x19\x01", domainSeparator, keccak256(abi.encode(typehash, a))));
    }

    function sign(IAsyncExecution.Action memory a, uint256 key, bool async_)
        internal
        view
        returns (bytes memory)
    {
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(key, digestOf(a, async_));
        return abi.encodePacked(r, s, v);
    }

    // ---------------------------------------------------------------- trees

    function leafOf(IAsyncExecution.Action memory a, bytes memory signature) internal view returns (bytes32) {
        return keccak256(abi.encode(digestOf(a, true), keccak256(signature)));
    }

    /// The inclusion of action `index` of a batch of `actions`/`signatures` as batch `batchId`.
    function inclusion(
        uint256 batchId,
        IAsyncExecution.Action[] memory actions,
        bytes[] memory signatures,
        uint256 index
    ) internal view returns (IAsyncExecution.Inclusion memory) {
        (uint256 depth, uint256 width) = (0, 1);
        for (; width < actions.length; width *= 2) {
            ++depth;
        }
        bytes32[] memory level = new bytes32[](width);
        for (uint256 i; i < actions.length; ++i) {
            level[i] = leafOf(actions[i], signatures[i]);
        }
        bytes32[] memory proof = new bytes32[](depth);
        uint256 position = index;
        for (uint256 l; l < depth; ++l) {
            proof[l] = level[position ^ 1];
            for (uint256 i; i < level.length >> (l + 1); ++i) {
                level[i] = keccak256(abi.encodePacked(level[2 * i], level[2 * i + 1]));
            }
            position >>= 1;
        }
        return IAsyncExecution.Inclusion(batchId, index, actions[index], signatures[index], proof);
    }

    /// No prior inclusion (claims other than nonce reuse).
    function none() internal pure returns (IAsyncExecution.Inclusion memory empty) {}
}
