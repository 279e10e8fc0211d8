// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ShipmentTemperatureProof} from "./generated/ShipmentTemperatureProof.sol";
import {ShipmentTemperatureVerifier} from "./generated/ShipmentTemperatureVerifier.sol";

/// @title ColdChainLedger
/// @notice Records that a shipment's temperature stayed in range without revealing the readings: the
/// carrier posts the commitment of the shipment's 24 hourly readings (hundredths of a kelvin) with a
/// zero-knowledge proof that every one lies in [27515, 28115], i.e. 2 to 8 degrees Celsius
/// (schemas/shipment-temperature.json). The readings and their salt stay with the carrier.
/// @dev The proof is bound to the carrier (msg.sender), this scenario, this chain and this ledger,
/// so a proof seen in the mempool cannot be posted by anyone else or anywhere else. A commitment is
/// recorded once: one proof cannot vouch for two shipments.
contract ColdChainLedger is ShipmentTemperatureProof {
    /// @notice A recorded shipment.
    struct Shipment {
        address carrier;
        uint64 recordedAt;
        uint256 commitment;
    }

    /// @notice The scenario proofs are bound to (`era prove --scenario <name>`: keccak256 of it).
    bytes32 public immutable SCENARIO;

    /// @notice Recorded shipments by id.
    mapping(bytes32 shipment => Shipment) public shipments;
    /// @notice The shipment each commitment was recorded for.
    mapping(uint256 commitment => bytes32 shipment) public shipmentOf;

    /// @notice The shipment id 0 names no shipment.
    error NoShipment();
    /// @notice `shipment` was already recorded by `carrier`.
    error AlreadyRecorded(bytes32 shipment, address carrier);
    /// @notice `commitment` already vouches for `shipment`.
    error CommitmentUsed(uint256 commitment, bytes32 shipment);

    /// @notice `carrier` proved that `shipment`'s readings, committed in `commitment`, stayed in range.
    event ShipmentRecorded(bytes32 indexed shipment, address indexed carrier, uint256 commitment);

    constructor(ShipmentTemperatureVerifier verifier, bytes32 scenario) ShipmentTemperatureProof(verifier) {
        SCENARIO = scenario;
    }

    /// @notice Records `shipment` with the commitment of its readings and the proof they stayed in
    /// range, made by the caller with `era prove --subject <caller> --registry <this ledger>`.
    function record(bytes32 shipment, uint256 commitment, uint256[8] calldata proof) external {
        if (shipment == bytes32(0)) revert NoShipment();
        address carrier = shipments[shipment].carrier;
        if (carrier != address(0)) revert AlreadyRecorded(shipment, carrier);
        bytes32 previous = shipmentOf[commitment];
        if (previous != bytes32(0)) revert CommitmentUsed(commitment, previous);
        _requireProven(commitment, msg.sender, SCENARIO, proof);
        shipments[shipment] = Shipment(msg.sender, uint64(block.timestamp), commitment);
        shipmentOf[commitment] = shipment;
        emit ShipmentRecorded(shipment, msg.sender, commitment);
    }
}
