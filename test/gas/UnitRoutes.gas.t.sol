// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IUnitReceiver} from "../../contracts/interfaces/IUnitReceiver.sol";
import {StateUnit} from "../../contracts/weave/StateUnit.sol";
import {GasMeasure} from "../utils/GasMeasure.sol";
import {HyperlaneUnits} from "../weave/HyperlaneUnits.sol";
import {StorageProofUnits} from "../weave/StorageProofUnits.sol";
import {RLP} from "@openzeppelin/contracts/utils/RLP.sol";
import {TrieProof} from "@openzeppelin/contracts/utils/cryptography/TrieProof.sol";

/// @notice A contract on the destination that relies on a woven fact: what it pays to ask.
contract UnitCheck {
    /// The gas of the `hasUnit` call itself, as this contract pays it (the receiver's account
    /// access included).
    function check(IUnitReceiver receiver, StateUnit.Kind kind, bytes32 subject, bytes32 scope)
        external
        view
        returns (uint256 used)
    {
        used = gasleft();
        receiver.hasUnit(kind, subject, scope);
        used -= gasleft();
    }
}

/// @notice The two halves of a storage proof on their own (what `openEpoch` and `prove` spend on
/// the trie), to tell them from the header, the checks and the receiver's writes.
contract ProofParts {
    function accountPart(bytes32 stateRoot, address account, bytes[] calldata proof)
        external
        pure
        returns (bytes32)
    {
        bytes memory value =
            TrieProof.traverse(stateRoot, abi.encodePacked(keccak256(abi.encodePacked(account))), proof);
        return RLP.readBytes32(RLP.decodeList(value)[2]);
    }

    function storagePart(bytes32 storageRoot, bytes32 slot, bytes[] calldata proof)
        external
        pure
        returns (bytes32)
    {
        return RLP.decodeBytes32(
            TrieProof.traverse(storageRoot, abi.encodePacked(keccak256(abi.encode(slot))), proof)
        );
    }
}

/// @notice Gas of weaving a unit into the destination by either route, against the issue's
/// targets: a check under 5,000; a unit applied by message under 100,000 (Hyperlane's interchain
/// accounts budget 50,000 for execution on the destination); a unit proven from storage under
/// 600,000 with the epoch (header + account proof) paid once and amortized (the storage-proof
/// checks measured elsewhere: 680,000 to 1,190,000). Proofs are the real anvil fixtures, taken on
/// a chain of 262,144 accounts where the sender holds 65,536 records: 7 account-proof nodes and 6
/// storage-proof nodes.
contract UnitRoutesGasTest is StorageProofUnits, HyperlaneUnits, GasMeasure {
    string internal constant GROUP = "UnitRoutes";
    uint256 internal constant CHECK_TARGET = 5_000;
    /// EIP-2929: what a contract pays to touch the receiver's account first in a transaction.
    uint256 internal constant COLD_ACCOUNT_ACCESS = 2_600;
    uint256 internal constant MESSAGE_TARGET = 100_000;
    uint256 internal constant PROOF_TARGET = 600_000;

    address internal relayer = makeAddr("relayer");
    address internal anyone = makeAddr("anyone");
    bytes32 internal assetId = "asset";
    bytes32 internal consumer = "consumer";
    UnitCheck internal checker = new UnitCheck();
    ProofParts internal parts = new ProofParts();

    function setUp() public override {
        super.setUp();
        setUpHyperlane(ORIGIN, DESTINATION, receiver, timelock);
        enrollRoute(address(route));
        // Facts already kept: the fixture's tier grant, and an asset grant under a Live status.
        postBlock(0);
        postBlock(1);
        vm.prank(anyone);
        proofRoute.openEpoch(ORIGIN, headerOf(0), proofOf(0, "accountProof"));
        proveAt(0, "grant", "grantProof");
        relay(sendUnit(StateUnit.Unit(StateUnit.Kind.Asset, consumer, assetId, 15_000, ORIGIN, 30 days, 5)));
        relay(sendUnit(StateUnit.Unit(StateUnit.Kind.Asset, 0, assetId, 1, ORIGIN, type(uint64).max, 6)));
    }

    function sendUnit(StateUnit.Unit memory unit) internal returns (bytes memory) {
        return send(originMailbox, sender, DESTINATION, StateUnit.encode(unit));
    }

    /// A fact not kept yet (two fresh slots in the receiver).
    function freshUnit() internal pure returns (StateUnit.Unit memory) {
        return StateUnit.Unit(StateUnit.Kind.Permission, "fresh", tierScope(), 1, ORIGIN, 30 days, 9);
    }

    function test_gas_hasUnit() public {
        measureCall(
            GROUP,
            address(receiver),
            anyone,
            abi.encodeCall(receiver.hasUnit, (StateUnit.Kind.Permission, toBytes32(holder), tierScope())),
            "hasUnit",
            CHECK_TARGET
        );
    }

    /// An asset grant also reads its asset's status: one more cold slot, over the check target.
    function test_gas_hasUnitAsset() public {
        measureCall(
            GROUP,
            address(receiver),
            anyone,
            abi.encodeCall(receiver.hasUnit, (StateUnit.Kind.Asset, consumer, assetId)),
            "hasUnit, asset"
        );
    }

    /// What a contract on B pays for the call, the cold access to the receiver's account included:
    /// the check's target plus that access, which no contract's answer can avoid.
    function test_gas_hasUnitFromContract() public {
        uint256 used = checker.check(receiver, StateUnit.Kind.Permission, toBytes32(holder), tierScope());
        vm.snapshotValue(GROUP, "hasUnit, from a contract", used);
        emit log_named_uint("hasUnit, from a contract", used);
        assertLe(used, CHECK_TARGET + COLD_ACCOUNT_ACCESS);
    }

    function test_gas_handle() public {
        measureCall(
            GROUP,
            address(route),
            address(destinationMailbox),
            abi.encodeCall(route.handle, (ORIGIN, toBytes32(sender), StateUnit.encode(freshUnit()))),
            "handle",
            MESSAGE_TARGET
        );
    }

    /// The whole delivery of a new fact: the mailbox's own record, the ISM's signature check, the
    /// route and the receiver.
    function test_gas_process() public {
        assertLe(deliver(sendUnit(freshUnit()), "process"), MESSAGE_TARGET);
    }

    /// The whole delivery of a newer unit of a kept fact (a renewal or revocation).
    function test_gas_processUpdate() public {
        deliver(
            sendUnit(StateUnit.Unit(StateUnit.Kind.Asset, consumer, assetId, 0, ORIGIN, 0, 7)),
            "process, update"
        );
    }

    function deliver(bytes memory message, string memory name) internal returns (uint256) {
        return measureCall(
            GROUP,
            address(destinationMailbox),
            relayer,
            abi.encodeCall(destinationMailbox.process, (metadataFor(merkleHook, message), message)),
            name
        );
    }

    function test_gas_openEpoch() public {
        measureCall(
            GROUP,
            address(proofRoute),
            anyone,
            abi.encodeCall(proofRoute.openEpoch, (ORIGIN, headerOf(1), proofOf(1, "accountProof"))),
            "openEpoch"
        );
    }

    /// A unit proven against the open epoch (a fact not kept yet: the vote unit).
    function test_gas_prove() public {
        measureCall(
            GROUP,
            address(proofRoute),
            anyone,
            abi.encodeCall(proofRoute.prove, (fixtureUnit("votes"), blockOf(0), proofOf(0, "votesProof"))),
            "prove",
            PROOF_TARGET
        );
    }

    function test_gas_accountProof() public {
        measureCall(
            GROUP,
            address(parts),
            anyone,
            abi.encodeCall(
                parts.accountPart,
                (vm.parseJsonBytes32(fixture, epochField(1, "stateRoot")), sender, proofOf(1, "accountProof"))
            ),
            "account proof"
        );
    }

    function test_gas_storageProof() public {
        StateUnit.Unit memory votes = fixtureUnit("votes");
        bytes32 slot = StateUnit.slotOf(StateUnit.keyOf(votes.kind, votes.subject, votes.scope));
        measureCall(
            GROUP,
            address(parts),
            anyone,
            abi.encodeCall(
                parts.storagePart,
                (vm.parseJsonBytes32(fixture, epochField(0, "storageRoot")), slot, proofOf(0, "votesProof"))
            ),
            "storage proof"
        );
    }
}
