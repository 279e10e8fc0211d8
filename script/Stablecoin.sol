// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @title A test stablecoin for dev chains and tests (USD, EUR in the atomic settlement demo)
/// @notice A plain OpenZeppelin ERC-20 whose whole supply goes to one holder at deployment. Not part
/// of the suite: settlements move any ERC-20 deposited in the engine.
contract Stablecoin is ERC20 {
    constructor(string memory name_, string memory symbol_, address holder, uint256 supply)
        ERC20(name_, symbol_)
    {
        _mint(holder, supply);
    }
}
