// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {CapabilityRegistry} from "../../contracts/capability/CapabilityRegistry.sol";
import {ICapabilityRegistry} from "../../contracts/interfaces/ICapabilityRegistry.sol";
import {SuiteTest} from "../utils/SuiteTest.sol";

/// @notice The suite plus a capability registry with its default parameters, two providers funded
/// and approved, an invoker, and four ERAStaking nodes of 10,000 ERA each (the least that attests;
/// two of them reach the default absorption quorum of 20,000), each with ERA for attestation bonds.
abstract contract CapabilityTest is SuiteTest {
    uint256 internal constant PLEDGE = 10_000e18;
    /// 500 ERA per invocation: 100 to the pool, 400 to the owner.
    uint256 internal constant PRICE = 500e18;
    uint256 internal constant POOL_SHARE = 100e18;
    uint256 internal constant NODE_STAKE = 10_000e18;
    uint256 internal constant CLAIM_FEE = 10e18;
    uint256 internal constant BOND = 100e18;
    uint256 internal constant ABSORPTION_FEE = 800e18;
    bytes32 internal constant SCHEMA = keccak256("proving-time-ms");
    bytes32 internal constant EVIDENCE = keccak256("bench: 1000 ms -> 700 ms");
    bytes32 internal constant FEATURE = keccak256("msm-window-tuning");

    CapabilityRegistry internal registry;
    address internal treasury = makeAddr("treasury");
    address internal provider = makeAddr("provider");
    address internal giverOwner = makeAddr("giver owner");
    address internal invoker = makeAddr("invoker");
    address[] internal nodes;

    function setUp() public virtual override {
        super.setUp();
        registry = new CapabilityRegistry(era, staking, address(timelock), operator, treasury);
        fundFor(provider, 100_000e18);
        fundFor(giverOwner, 100_000e18);
        fundFor(invoker, 1_000_000e18);
        fundFor(stranger, 10_000e18);
        for (uint256 i; i < 4; ++i) {
            address node = makeAddr(string.concat("node ", vm.toString(i)));
            addNode(node, NODE_STAKE);
            // Attesters bond their seats with the claim fee.
            fundFor(node, 1_000e18);
            nodes.push(node);
        }
    }

    /// Gives `account` `amount` ERA and an unlimited allowance to the registry.
    function fundFor(address account, uint256 amount) internal {
        vm.prank(operator);
        assertTrue(era.transfer(account, amount));
        vm.prank(account);
        era.approve(address(registry), type(uint256).max);
    }

    function register(address owner) internal returns (uint256 id) {
        vm.prank(owner);
        id = registry.registerComponent(ICapabilityRegistry.Kind.Compute, SCHEMA, PRICE, PLEDGE);
    }

    /// The invoker prepays and invokes `id` `times` times (each adds POOL_SHARE to the pool).
    function invokeTimes(uint256 id, uint256 times) internal {
        vm.startPrank(invoker);
        registry.deposit(PRICE * times);
        for (uint256 i; i < times; ++i) {
            registry.invoke(id, PRICE);
        }
        vm.stopPrank();
    }

    function claimEfficiency(uint256 id, uint256 before, uint256 after_) internal returns (uint256 claimId) {
        vm.prank(registry.componentOf(id).owner);
        claimId =
            registry.claimImprovement(id, ICapabilityRegistry.Metric.Efficiency, before, after_, EVIDENCE);
    }

    function saltOf(address node, uint256 claimId) internal pure returns (bytes32) {
        return keccak256(abi.encode("salt", node, claimId));
    }

    function commitAs(address node, uint256 claimId, uint256 measured) internal {
        bytes32 hash = registry.commitmentOf(claimId, node, measured, saltOf(node, claimId));
        vm.prank(node);
        registry.commitAttestation(claimId, hash);
    }

    function revealAs(address node, uint256 claimId, uint256 measured) internal {
        vm.prank(node);
        registry.revealAttestation(claimId, measured, saltOf(node, claimId));
    }

    function toRevealPhase(uint256 claimId) internal {
        vm.warp(registry.claimOf(claimId).commitEnd);
    }

    function afterReveal(uint256 claimId) internal {
        vm.warp(registry.claimOf(claimId).revealEnd);
    }

    /// Nodes 0.. commit and reveal `measured` (one value each) and the reveal phase ends.
    function attest(uint256 claimId, uint256[] memory measured) internal {
        for (uint256 i; i < measured.length; ++i) {
            commitAs(nodes[i], claimId, measured[i]);
        }
        toRevealPhase(claimId);
        for (uint256 i; i < measured.length; ++i) {
            revealAs(nodes[i], claimId, measured[i]);
        }
        afterReveal(claimId);
    }

    function three(uint256 a, uint256 b, uint256 c) internal pure returns (uint256[] memory values) {
        values = new uint256[](3);
        (values[0], values[1], values[2]) = (a, b, c);
    }

    function setParams(ICapabilityRegistry.Params memory p) internal {
        govern(address(registry), abi.encodeCall(registry.setParams, (p)));
    }
}
