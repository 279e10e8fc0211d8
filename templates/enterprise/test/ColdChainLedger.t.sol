// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ColdChainLedger} from "../src/ColdChainLedger.sol";
import {ShipmentTemperatureProof} from "../src/generated/ShipmentTemperatureProof.sol";
import {ShipmentTemperatureVerifier} from "../src/generated/ShipmentTemperatureVerifier.sol";
import {Test} from "forge-std/Test.sol";

/// @notice The ledger and its generated hook against a real Groth16 proof (test/fixtures, made by
/// `make fixture` with the schema's development keys): the fixture record's 24 readings all lie in
/// 2..8 degrees Celsius, and the proof is bound to CARRIER, scenario `cold-chain`, chain 31337 and
/// a ledger at LEDGER.
contract ColdChainLedgerTest is Test {
    address internal constant CARRIER = 0x00000000000000000000000000000000000Ca221;
    address internal constant LEDGER = 0x000000000000000000000000000000000000C01D;
    bytes32 internal constant SCENARIO = keccak256("cold-chain");
    bytes32 internal constant SHIPMENT = keccak256("shipment 1");

    ShipmentTemperatureVerifier internal verifier;
    ColdChainLedger internal ledger;
    uint256 internal commitment;
    uint256[8] internal proof;

    function setUp() public {
        vm.chainId(31337);
        verifier = new ShipmentTemperatureVerifier();
        ledger = _ledgerAt(LEDGER, SCENARIO);
        string memory json = vm.readFile("test/fixtures/shipment.proof.json");
        commitment = vm.parseJsonUint(json, ".publicInputs[0]");
        uint256[] memory words = vm.parseJsonUintArray(json, ".proof");
        for (uint256 i; i < 8; ++i) {
            proof[i] = words[i];
        }
    }

    function _ledgerAt(address at, bytes32 scenario) internal returns (ColdChainLedger) {
        deployCodeTo("ColdChainLedger.sol:ColdChainLedger", abi.encode(verifier, scenario), at);
        return ColdChainLedger(at);
    }

    function _refused(ColdChainLedger at, address carrier, uint256[8] memory p) internal {
        uint256 binding = uint256(
            keccak256(abi.encode(carrier, at.SCENARIO(), at.SCHEMA_ID(), block.chainid, address(at)))
        ) >> 3;
        vm.expectRevert(
            abi.encodeWithSelector(
                ShipmentTemperatureProof.NotProven.selector, commitment, carrier, at.SCENARIO(), binding
            )
        );
        vm.prank(carrier);
        at.record(SHIPMENT, commitment, p);
    }

    function test_records_a_shipment_with_a_real_proof() public {
        vm.expectEmit(address(ledger));
        emit ColdChainLedger.ShipmentRecorded(SHIPMENT, CARRIER, commitment);
        vm.prank(CARRIER);
        uint256 gasBefore = gasleft();
        ledger.record(SHIPMENT, commitment, proof);
        emit log_named_uint("record gas (hook path included)", gasBefore - gasleft());
        (address carrier, uint64 recordedAt, uint256 committed) = ledger.shipments(SHIPMENT);
        assertEq(carrier, CARRIER);
        assertEq(recordedAt, block.timestamp);
        assertEq(committed, commitment);
        assertEq(ledger.shipmentOf(commitment), SHIPMENT);
    }

    function test_the_binding_is_era_provers() public view {
        // The fixture's binding, as era-prover computed it (publicInputs[1]).
        uint256 expected =
            vm.parseJsonUint(vm.readFile("test/fixtures/shipment.proof.json"), ".publicInputs[1]");
        bytes memory encoded = abi.encode(CARRIER, SCENARIO, ledger.SCHEMA_ID(), uint256(31337), LEDGER);
        assertEq(uint256(keccak256(encoded)) >> 3, expected);
    }

    function test_refuses_a_tampered_proof() public {
        uint256[8] memory tampered = proof;
        tampered[7] ^= 1;
        _refused(ledger, CARRIER, tampered);
    }

    function test_refuses_another_subject() public {
        _refused(ledger, address(0xbad), proof);
    }

    function test_refuses_another_scenario() public {
        _refused(_ledgerAt(LEDGER, keccak256("another scenario")), CARRIER, proof);
    }

    function test_refuses_a_proof_bound_to_another_contract() public {
        _refused(_ledgerAt(address(0xC01e), SCENARIO), CARRIER, proof);
    }

    function test_refuses_another_chain() public {
        vm.chainId(1);
        _refused(ledger, CARRIER, proof);
    }

    function test_refuses_a_second_record_of_a_shipment_or_a_commitment() public {
        vm.startPrank(CARRIER);
        ledger.record(SHIPMENT, commitment, proof);
        vm.expectRevert(abi.encodeWithSelector(ColdChainLedger.AlreadyRecorded.selector, SHIPMENT, CARRIER));
        ledger.record(SHIPMENT, commitment, proof);
        bytes32 other = keccak256("shipment 2");
        vm.expectRevert(abi.encodeWithSelector(ColdChainLedger.CommitmentUsed.selector, commitment, SHIPMENT));
        ledger.record(other, commitment, proof);
        vm.expectRevert(ColdChainLedger.NoShipment.selector);
        ledger.record(bytes32(0), commitment, proof);
    }

    function test_refuses_a_verifier_of_another_key() public {
        // Not the schema and key the hook was generated for.
        address other = address(new Impostor());
        vm.expectRevert(
            abi.encodeWithSelector(
                ShipmentTemperatureProof.WrongVerifier.selector, other, bytes32(0), bytes32(0)
            )
        );
        new ColdChainLedger(ShipmentTemperatureVerifier(other), SCENARIO);
    }
}

/// @notice A contract answering the verifier's getters with zeros.
contract Impostor {
    function SCHEMA_ID() external pure returns (bytes32) {}
    function VERIFYING_KEY_HASH() external pure returns (bytes32) {}
}
