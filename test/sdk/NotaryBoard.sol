// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {Initializable} from "@openzeppelin/contracts/proxy/utils/Initializable.sol";

/// @notice A light scenario's contract as the kit's template writes it: initializable, so it
/// deploys as a clone. Notaries record document hashes; the admin appoints notaries.
/// @dev `constructor(true)` is the shared implementation (never initialized itself);
/// `constructor(false)` is the same code deployed in full, the traditional way, for comparison.
contract NotaryBoard is AccessControl, Initializable {
    bytes32 public constant NOTARY_ROLE = keccak256("NOTARY_ROLE");

    /// @notice When each document was notarized (zero: never).
    mapping(bytes32 document => uint256 at) public notarizedAt;
    /// @notice The board's name.
    string public name;

    error AlreadyNotarized(bytes32 document, uint256 at);

    event Notarized(bytes32 indexed document, address indexed notary);

    constructor(bool implementation) {
        if (implementation) _disableInitializers();
    }

    function initialize(string calldata name_, address admin) external initializer {
        name = name_;
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _grantRole(NOTARY_ROLE, admin);
    }

    function notarize(bytes32 document) external onlyRole(NOTARY_ROLE) {
        uint256 at = notarizedAt[document];
        if (at != 0) revert AlreadyNotarized(document, at);
        notarizedAt[document] = block.timestamp;
        emit Notarized(document, msg.sender);
    }
}
