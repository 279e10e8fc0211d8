// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {INotaryLog} from "../../contracts/interfaces/INotaryLog.sol";
import {NotaryTest} from "../execution/NotaryLog.t.sol";
import {GasMeasure} from "../utils/GasMeasure.sol";

/// @notice Gas of the notary log (see `GasMeasure` for the method). Target of the issue: a batch
/// anchor under 50,000 whatever the batch size (EAS timestamps one hash for 45,947), so under 1,000
/// gas an entry at 100 entries. An anchor's cost does not depend on the batch: the root is one word
/// and `entries` one number, so 1, 100 and 10,000 entries cost the same but for calldata bytes.
contract NotaryLogGasTest is NotaryTest, GasMeasure {
    string internal constant GROUP = "NotaryLog";
    uint256 internal constant ANCHOR_TARGET = 50_000;

    function anchorOf(uint32 entries) internal returns (uint256) {
        bytes32 root = keccak256(abi.encode("batch", entries));
        bytes memory data = abi.encodeCall(engine.anchor, (shop, root, entries));
        string memory name = string.concat("anchor (", vm.toString(entries), " entries)");
        return measureCall(GROUP, address(engine), stranger, data, name, ANCHOR_TARGET);
    }

    function test_gas_anchor1() public {
        anchorOf(1);
    }

    /// The per-entry target: under 1,000 gas an entry at 100 entries.
    function test_gas_anchor100() public {
        uint256 gas = anchorOf(100);
        vm.snapshotValue(GROUP, "anchor, per entry at 100 entries", gas / 100);
        assertLt(gas / 100, 1_000);
    }

    function test_gas_anchor10000() public {
        anchorOf(10_000);
    }

    function test_gas_slashEquivocation() public {
        (INotaryLog.Entry memory a, INotaryLog.Entry memory b) = (entry(5, "ok"), entry(5, "fork"));
        bytes memory data =
            abi.encodeCall(engine.slashEquivocation, (a, sign(keys[0], a), b, sign(keys[0], b)));
        measureCall(GROUP, address(engine), stranger, data, "slashEquivocation");
    }
}
