// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Clones} from "@openzeppelin/contracts/proxy/Clones.sol";

/// @title Low-cost deployment of a scenario's contracts: ERC-1167 minimal clones at known addresses
/// @notice A scenario's contracts are written once as initializable implementations; each
/// scenario then deploys 45-byte clones of them instead of their full bytecode. A clone's address
/// is CREATE2's, from the deployer and its salt, so it is known before deployment
/// (`predict`); the deployer is part of the salt, so nobody else can take a developer's address,
/// and the clone is initialized in the same transaction, so nobody can initialize it first.
contract ScenarioFactory {
    /// @notice `implementation` has no code.
    error NotAContract(address implementation);
    /// @notice The lists have lengths `implementations`, `salts` and `inits`; they must be equal.
    error LengthMismatch(uint256 implementations, uint256 salts, uint256 inits);
    /// @notice The caller already has a clone with this salt, at `instance`.
    error AlreadyCloned(address instance);
    /// @notice Initializing the clone at `instance` reverted with `reason`.
    error InitFailed(address instance, bytes reason);

    /// @notice `deployer` cloned `implementation` at `instance` with `salt`.
    event Cloned(address indexed deployer, address indexed implementation, bytes32 salt, address instance);

    /// @notice Clones `implementation` for the caller at `predict(implementation, msg.sender,
    /// salt)` and calls it with `init` (empty: no call).
    function clone(address implementation, bytes32 salt, bytes calldata init)
        public
        returns (address instance)
    {
        if (implementation.code.length == 0) revert NotAContract(implementation);
        bytes32 key = _salt(msg.sender, salt);
        // CREATE2 onto an existing clone would burn all the gas it was given: say so instead.
        address existing = Clones.predictDeterministicAddress(implementation, key);
        if (existing.code.length != 0) revert AlreadyCloned(existing);
        instance = Clones.cloneDeterministic(implementation, key);
        emit Cloned(msg.sender, implementation, salt, instance);
        if (init.length != 0) {
            (bool ok, bytes memory reason) = instance.call(init);
            if (!ok) revert InitFailed(instance, reason);
        }
    }

    /// @notice `clone` for each of a scenario's contracts, in one transaction.
    function cloneAll(address[] calldata implementations, bytes32[] calldata salts, bytes[] calldata inits)
        external
        returns (address[] memory instances)
    {
        uint256 n = implementations.length;
        if (salts.length != n || inits.length != n) revert LengthMismatch(n, salts.length, inits.length);
        instances = new address[](n);
        for (uint256 i; i < n; ++i) {
            instances[i] = clone(implementations[i], salts[i], inits[i]);
        }
    }

    /// @notice Where `deployer`'s clone of `implementation` with `salt` is (or will be).
    function predict(address implementation, address deployer, bytes32 salt) external view returns (address) {
        return Clones.predictDeterministicAddress(implementation, _salt(deployer, salt));
    }

    function _salt(address deployer, bytes32 salt) private pure returns (bytes32) {
        return keccak256(abi.encode(deployer, salt));
    }
}
