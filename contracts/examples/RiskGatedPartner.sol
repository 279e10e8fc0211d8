// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERAMargin} from "../interfaces/IERAMargin.sol";
import {IRiskFeed} from "../interfaces/IRiskFeed.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";

/// @notice Example consumer of the risk feed: a partner (registered in ERAMargin with this contract
/// as its actor) that extends a provider credit only while the provider's newest proven default rate
/// is at most `maxDefaultRateBps`, and freezes `freezeAmount` of the provider's margin once a
/// publication with enough backing shows it above. Backing, not the attestation count, is what it
/// trusts: a node is cheap to register, stake is not. An unbacked publication (say a clean set
/// published to move `riskOf`) neither cuts the credit nor freezes.
contract RiskGatedPartner {
    /// @notice The provider's risk does not call for a freeze.
    error RiskAcceptable(address provider, uint256 defaultRateBps, uint256 backing);
    /// @notice This publication (`partner`, `publishedAt`) was enforced already.
    error AlreadyEnforced(address provider, bytes32 partner, uint64 publishedAt);

    /// @notice A freeze was asked of ERAMargin on the strength of `partner`'s publication.
    event Enforced(address indexed provider, bytes32 indexed partner, uint64 publishedAt, uint256 caseId);

    IRiskFeed public immutable feed;
    IERAMargin public immutable margin;
    uint16 public immutable maxDefaultRateBps;
    uint256 public immutable minBacking;
    uint256 public immutable freezeAmount;

    /// The evidence of the last freeze per provider, so one publication freezes once.
    mapping(address provider => bytes32 evidence) public lastEvidence;

    /// @param era The ERA token, approved to the margin for freeze bonds (fund this contract).
    constructor(
        IRiskFeed feed_,
        IERAMargin margin_,
        IERC20 era,
        uint16 maxDefaultRateBps_,
        uint256 minBacking_,
        uint256 freezeAmount_
    ) {
        feed = feed_;
        margin = margin_;
        maxDefaultRateBps = maxDefaultRateBps_;
        minBacking = minBacking_;
        freezeAmount = freezeAmount_;
        SafeERC20.forceApprove(era, address(margin_), type(uint256).max);
    }

    /// @notice Whether `provider` gets credit: no backed publication shows its default rate above
    /// the maximum.
    function creditAllowed(address provider) public view returns (bool) {
        IRiskFeed.Risk memory risk = feed.riskOf(provider);
        return !_breached(risk);
    }

    /// @notice Freezes `freezeAmount` of `provider`'s margin if its newest backed publication shows a
    /// default rate above the maximum. Anyone may call (a keeper); once per publication.
    function enforce(address provider) external returns (uint256 caseId) {
        IRiskFeed.Risk memory risk = feed.riskOf(provider);
        if (!_breached(risk)) revert RiskAcceptable(provider, risk.defaultRateBps, risk.backing);
        bytes32 evidence = keccak256(abi.encode(address(feed), provider, risk.partner, risk.publishedAt));
        if (lastEvidence[provider] == evidence) {
            revert AlreadyEnforced(provider, risk.partner, risk.publishedAt);
        }
        lastEvidence[provider] = evidence;
        caseId = margin.freeze(provider, freezeAmount, evidence);
        emit Enforced(provider, risk.partner, risk.publishedAt, caseId);
    }

    function _breached(IRiskFeed.Risk memory risk) internal view returns (bool) {
        return risk.defaultRateBps > maxDefaultRateBps && risk.backing >= minBacking;
    }
}
