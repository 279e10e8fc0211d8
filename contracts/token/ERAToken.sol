// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";
import {ERC20Votes} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Votes.sol";
import {Nonces} from "@openzeppelin/contracts/utils/Nonces.sol";

/// @title ERA token for local chains and tests
/// @notice ERC-20 with EIP-2612 permit and ERC20Votes; only governance (the owner, normally the
/// timelock) mints. On real networks the suite is pointed at an existing ERA token instead.
/// @dev The constructor mints an initial supply to one holder so a fresh local chain has ERA to
/// stake without waiting for a timelocked mint.
contract ERAToken is ERC20, ERC20Permit, ERC20Votes, Ownable {
    constructor(address governance, address initialHolder, uint256 initialSupply)
        ERC20("ERA", "ERA")
        ERC20Permit("ERA")
        Ownable(governance)
    {
        if (initialSupply != 0) _mint(initialHolder, initialSupply);
    }

    /// @notice Mints `amount` ERA to `to`. Governance only.
    function mint(address to, uint256 amount) external onlyOwner {
        _mint(to, amount);
    }

    function _update(address from, address to, uint256 value) internal override(ERC20, ERC20Votes) {
        super._update(from, to, value);
    }

    function nonces(address owner) public view override(ERC20Permit, Nonces) returns (uint256) {
        return super.nonces(owner);
    }
}
