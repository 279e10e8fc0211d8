// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Clones} from "@openzeppelin/contracts/proxy/Clones.sol";
import {BeaconProxy} from "@openzeppelin/contracts/proxy/beacon/BeaconProxy.sol";
import {IBeacon} from "@openzeppelin/contracts/proxy/beacon/IBeacon.sol";
import {UpgradeableBeacon} from "@openzeppelin/contracts/proxy/beacon/UpgradeableBeacon.sol";
import {Create2} from "@openzeppelin/contracts/utils/Create2.sol";

/// @title Low-cost deployment of a scenario's contracts: ERC-1167 minimal clones, or ERC-1967
/// beacon proxies where upgradability is asked, at known addresses
/// @notice A scenario's contracts are written once as initializable implementations; each
/// scenario then deploys 45-byte clones of them instead of their full bytecode. A clone's address
/// is CREATE2's, from the deployer and its salt, so it is known before deployment
/// (`predict`); the deployer is part of the salt, so nobody else can take a developer's address,
/// and the clone is initialized in the same transaction, so nobody can initialize it first.
/// @notice Upgradable contracts are OpenZeppelin BeaconProxies instead (`beaconProxy`, the same
/// salting and same-transaction initialization): every proxy of a beacon runs the implementation
/// the beacon names, and the beacon's owner upgrades them all with one `upgradeTo`. The factory
/// creates a developer's beacon (`createBeacon`: an OpenZeppelin UpgradeableBeacon owned by the
/// caller, at a CREATE2 address too, so a whole upgradable set is known ahead), and takes any
/// existing one: a proxy trusts its beacon's owner with its code, so the developer picks the
/// beacon (theirs, or one under their multisig or timelock; `transferOwnership` hands it over).
/// @dev `init` runs with the factory as `msg.sender`, so an initializer takes its admin as an
/// argument; a role it gives the factory is inert, as the factory calls an instance only once,
/// in the transaction that creates it. Implementations disable their initializers in their
/// constructor (OpenZeppelin's `_disableInitializers`), so that no stranger initializes them.
contract ScenarioFactory {
    /// @notice `implementation` has no code.
    error NotAContract(address implementation);
    /// @notice The lists have lengths `implementations`, `salts` and `inits`; they must be equal.
    error LengthMismatch(uint256 implementations, uint256 salts, uint256 inits);
    /// @notice The caller already has a clone with this salt, at `instance`.
    error AlreadyCloned(address instance);
    /// @notice Initializing the clone or beacon proxy at `instance` reverted with `reason`.
    error InitFailed(address instance, bytes reason);
    /// @notice The caller already has a beacon or beacon proxy with this salt, at `instance`.
    error AlreadyDeployed(address instance);
    /// @notice `beacon` does not answer `implementation()` with a contract: not a beacon.
    error NotABeacon(address beacon);

    /// @notice `deployer` cloned `implementation` at `instance` with `salt`.
    event Cloned(address indexed deployer, address indexed implementation, bytes32 salt, address instance);
    /// @notice `deployer` created `beacon`, which it owns, for `implementation` with `salt`.
    event BeaconCreated(
        address indexed deployer, address indexed implementation, bytes32 salt, address beacon
    );
    /// @notice `deployer` deployed a proxy of `beacon` at `instance` with `salt`.
    event BeaconProxyDeployed(
        address indexed deployer, address indexed beacon, bytes32 salt, address instance
    );

    /// @notice Clones `implementation` for the caller at `predict(implementation, msg.sender,
    /// salt)` and calls it with `init` (empty: no call, for a contract that needs no
    /// initialization: anyone could initialize it next).
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
        _init(instance, init);
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

    /// @notice Creates an UpgradeableBeacon of `implementation` owned by the caller, at
    /// `predictBeacon(implementation, msg.sender, salt)`.
    function createBeacon(address implementation, bytes32 salt) external returns (address instance) {
        if (implementation.code.length == 0) revert NotAContract(implementation);
        instance = _create2(salt, _beaconCode(implementation, msg.sender));
        emit BeaconCreated(msg.sender, implementation, salt, instance);
    }

    /// @notice Where `deployer`'s beacon of `implementation` with `salt` is (or will be).
    function predictBeacon(address implementation, address deployer, bytes32 salt)
        external
        view
        returns (address)
    {
        return _predict(deployer, salt, _beaconCode(implementation, deployer));
    }

    /// @notice Deploys a BeaconProxy of `beacon` for the caller at `predictBeaconProxy(beacon,
    /// msg.sender, salt)` and calls it with `init` (empty: no call, as for `clone`).
    function beaconProxy(address beacon, bytes32 salt, bytes calldata init)
        external
        returns (address instance)
    {
        // The proxy's constructor would check this too, but revert without a reason on a
        // contract that is not a beacon.
        (bool ok, bytes memory answer) = beacon.staticcall(abi.encodeCall(IBeacon.implementation, ()));
        uint256 word = ok && answer.length == 32 ? abi.decode(answer, (uint256)) : 0;
        // casting to 'uint160' is safe because the word has no bit above the 160th (checked first)
        // forge-lint: disable-next-line(unsafe-typecast)
        if (word >> 160 != 0 || address(uint160(word)).code.length == 0) revert NotABeacon(beacon);
        // Initialized by a call rather than by the constructor's delegatecall, so that the
        // address does not depend on `init` (and `init` fails as a clone's does: `InitFailed`).
        instance = _create2(salt, _proxyCode(beacon));
        emit BeaconProxyDeployed(msg.sender, beacon, salt, instance);
        _init(instance, init);
    }

    /// @notice Where `deployer`'s proxy of `beacon` with `salt` is (or will be).
    function predictBeaconProxy(address beacon, address deployer, bytes32 salt)
        external
        view
        returns (address)
    {
        return _predict(deployer, salt, _proxyCode(beacon));
    }

    function _create2(bytes32 salt, bytes memory code) private returns (address instance) {
        // CREATE2 onto an existing contract would burn all the gas it was given: say so instead.
        bytes32 key = _salt(msg.sender, salt);
        address existing = Create2.computeAddress(key, keccak256(code));
        if (existing.code.length != 0) revert AlreadyDeployed(existing);
        instance = Create2.deploy(0, key, code);
    }

    function _init(address instance, bytes calldata init) private {
        if (init.length == 0) return;
        (bool ok, bytes memory reason) = instance.call(init);
        if (!ok) revert InitFailed(instance, reason);
    }

    function _predict(address deployer, bytes32 salt, bytes memory code) private view returns (address) {
        return Create2.computeAddress(_salt(deployer, salt), keccak256(code));
    }

    function _beaconCode(address implementation, address owner) private pure returns (bytes memory) {
        return abi.encodePacked(type(UpgradeableBeacon).creationCode, abi.encode(implementation, owner));
    }

    function _proxyCode(address beacon) private pure returns (bytes memory) {
        return abi.encodePacked(type(BeaconProxy).creationCode, abi.encode(beacon, ""));
    }

    function _salt(address deployer, bytes32 salt) private pure returns (bytes32) {
        return keccak256(abi.encode(deployer, salt));
    }
}
