// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Test} from "forge-std/Test.sol";
import {Vm} from "forge-std/Vm.sol";

/// @notice Measures one call's gas, records it in a committed snapshot and checks it against a target.
/// @dev `make gas` (profile `gas`, isolate = true) runs every call from a test as its own
/// transaction with cold storage and writes snapshots/<group>.json; `make test` checks the
/// committed files. In isolation forge reports transaction gas (21,000 plus calldata, net of
/// refunds), so each case records two numbers: `<case>` as forge measures it and
/// `<case>, execution` (the call's own gas before refunds, the unit of the targets). Without
/// isolation (profile `ci`) the measured call is the first to touch the contract in its test, after a
/// committed setUp, so its storage is cold there too and the execution gas is the same.
abstract contract GasMeasure is Test {
    /// An account without code: a call to it costs 0 gas, or 21,000 when calls are isolated.
    address internal constant PROBE = address(0xdead);

    /// Whether each call from a test runs as its own transaction (profile `gas`): only then is a
    /// call measured after others in the same test cold too.
    function callsIsolated() internal returns (bool) {
        (bool probed,) = PROBE.call("");
        assertTrue(probed);
        return vm.lastCallGas().gasTotalUsed >= 21_000;
    }

    /// Calls `target` with `data` as `caller` and records the call's gas under `group`/`name`.
    function measureCall(
        string memory group,
        address target,
        address caller,
        bytes memory data,
        string memory name
    ) internal returns (uint256 execution) {
        bool isolated = callsIsolated();

        vm.prank(caller);
        (bool ok,) = target.call(data);
        assertTrue(ok, name);
        vm.snapshotGasLastCall(group, name);
        Vm.Gas memory gas = vm.lastCallGas();
        execution = isolated
            ? gas.gasTotalUsed + uint256(int256(gas.gasRefunded)) - intrinsicGas(data)
            : gas.gasTotalUsed;
        vm.snapshotValue(group, string.concat(name, ", execution"), execution);
        emit log_named_uint(name, execution);
    }

    /// As above, and fails when the execution gas exceeds `target`.
    function measureCall(
        string memory group,
        address target,
        address caller,
        bytes memory data,
        string memory name,
        uint256 maxGas
    ) internal returns (uint256 execution) {
        execution = measureCall(group, target, caller, data, name);
        assertLe(execution, maxGas, name);
    }

    /// Cancun intrinsic gas of a call transaction with `data`.
    function intrinsicGas(bytes memory data) internal pure returns (uint256 gas) {
        gas = 21_000;
        for (uint256 i; i < data.length; ++i) {
            gas += data[i] == 0 ? 4 : 16;
        }
    }
}
