// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IAtomicSettlement} from "@era/interfaces/IAtomicSettlement.sol";
import {CrossBorderSettlement} from "@era/sdk/compliance/CrossBorderSettlement.sol";
import {Velocity} from "@era/sdk/compliance/Velocity.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @title A remittance desk: US dollars sent abroad, screened, settled atomically
/// @notice The suite's compliance plugin (sanctions, travel rule, velocity limits, held transfers)
/// and its cross-border settlement (debit, conversion at a provider's quote, fee, credit, as one
/// atomic settlement of the engine), with this scenario's rules fixed at deployment. Governance
/// (DEFAULT_ADMIN_ROLE) changes them later; COMPLIANCE_ROLE decides held payments; SANCTIONS_ROLE
/// publishes the sanctions list's root. Amounts are in the source token's base units (18 decimals).
/// Edit the constants (or add rules in the constructor) to make it your scenario.
contract Remittance is CrossBorderSettlement {
    /// Payments of 1,000 USD or more carry a travel-rule record (FATF recommendation 16).
    uint256 public constant TRAVEL_THRESHOLD = 1_000e18;
    /// An officer has a week to decide a held payment; then its sender may take it back.
    uint64 public constant HOLD_PERIOD = 7 days;
    /// Each sender: at most 10,000 USD a day; more is held for review.
    uint128 public constant DAILY_PER_SENDER = 10_000e18;
    /// The US -> MX corridor: at most 50,000 USD a day over all senders.
    uint128 public constant DAILY_US_MX = 50_000e18;
    /// 0.5% of each payment to the fee collector.
    uint16 public constant FEE_BPS = 50;

    constructor(
        IERC20 usd,
        address governance,
        bytes32 sanctionsRoot,
        IAtomicSettlement engine_,
        uint256 scenarioId_,
        address feeCollector
    )
        CrossBorderSettlement(
            usd, governance, sanctionsRoot, TRAVEL_THRESHOLD, HOLD_PERIOD, engine_, scenarioId_
        )
    {
        _setAccountLimit(address(0), Velocity.Limit(DAILY_PER_SENDER, 1 days));
        _setCorridorLimit("US", "MX", Velocity.Limit(DAILY_US_MX, 1 days));
        _setFee(feeCollector, FEE_BPS);
    }
}
