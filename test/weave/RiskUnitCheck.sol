// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IUnitReceiver} from "../../contracts/interfaces/IUnitReceiver.sol";
import {RiskUnit} from "../../contracts/weave/RiskUnit.sol";

/// @notice A contract on the destination that gates on a provider's woven risk figures: what it pays
/// to ask the receiver's `riskOf` (the receiver's account access included).
contract RiskUnitCheck {
    function read(IUnitReceiver receiver, uint32 origin, address feed, address provider)
        external
        view
        returns (RiskUnit.Risk memory risk, uint256 used)
    {
        used = gasleft();
        (risk,) = receiver.riskOf(origin, feed, provider);
        used -= gasleft();
    }
}
