// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERAMargin} from "../../contracts/interfaces/IERAMargin.sol";
import {ERAMargin} from "../../contracts/margin/ERAMargin.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {CommonBase} from "forge-std/Base.sol";
import {StdUtils} from "forge-std/StdUtils.sol";

/// @notice Drives ERAMargin as providers, partners and the arbiter would, in any order: post, add,
/// queue and complete withdrawals, freeze (with a bond), accept, assess, resolve (approving assessed
/// weights, sometimes cut), lapse, claim, sweep, penalize and wait. Keeps a ghost ledger of ERA in
/// and out. A call the contract refuses reverts the whole handler call, ghost updates included (the
/// invariant profile does not fail on reverts).
contract MarginHandler is CommonBase, StdUtils {
    ERAMargin internal immutable margin;
    IERC20 internal immutable era;
    address internal immutable arbiter;

    address[] internal _providers;
    address[] internal _partners;

    uint256 public totalPosted;
    uint256 public totalWithdrawn;
    /// Freeze bonds paid in.
    uint256 public totalBondsIn;
    /// Claims (shares and bonds) paid to partners, bonds paid to providers, and slashes, penalties
    /// and sweeps sent to the rewards pool.
    uint256 public totalPaidOut;
    /// Withdrawals completed while the provider had ERA frozen, or that reached into frozen ERA.
    uint256 public frozenWithdrawals;
    mapping(bytes32 action => uint256) public calls;

    constructor(
        ERAMargin margin_,
        address arbiter_,
        address[] memory providers_,
        address[] memory partners_
    ) {
        margin = margin_;
        era = margin_.era();
        arbiter = arbiter_;
        _providers = providers_;
        _partners = partners_;
    }

    function providers() external view returns (address[] memory) {
        return _providers;
    }

    // ---------------------------------------------------------------- providers

    function post(uint256 who, uint256 amount, uint256 ecosystems) external {
        address p = _providers[who % _providers.length];
        ecosystems = bound(ecosystems, 1, 5);
        uint256 have = margin.providerOf(p).margin;
        uint256 minimum = margin.minMarginPerEcosystem() * ecosystems;
        amount = bound(amount, have >= minimum ? 1 : minimum - have, 300_000e18);
        vm.prank(p);
        // forge-lint: disable-next-line(unsafe-typecast) bounded to 1-5
        margin.post(amount, uint32(ecosystems));
        totalPosted += amount;
        calls["post"]++;
    }

    function queueWithdrawal(uint256 who, uint256 amount) external {
        address p = _providers[who % _providers.length];
        IERAMargin.Provider memory m = margin.providerOf(p);
        amount = bound(amount, 1, m.margin);
        vm.prank(p);
        margin.queueWithdrawal(amount);
        calls["queueWithdrawal"]++;
    }

    function completeWithdrawal(uint256 who) external {
        address p = _providers[who % _providers.length];
        IERAMargin.Provider memory before = margin.providerOf(p);
        if (block.timestamp < before.withdrawableAt) vm.warp(before.withdrawableAt);
        vm.prank(p);
        uint256 amount = margin.completeWithdrawal();
        if (amount > uint256(before.margin) + before.pendingWithdrawal - before.frozen) frozenWithdrawals++;
        totalWithdrawn += amount;
        calls["completeWithdrawal"]++;
    }

    // ---------------------------------------------------------------- partners

    function freeze(uint256 by, uint256 who, uint256 amount) external {
        address p = _providers[who % _providers.length];
        IERAMargin.Provider memory m = margin.providerOf(p);
        amount = bound(amount, 1, uint256(m.margin) + m.pendingWithdrawal - m.frozen);
        vm.prank(_partners[by % _partners.length]);
        margin.freeze(p, amount, keccak256(abi.encode(p, amount)));
        totalBondsIn += margin.freezeBond(amount);
        calls["freeze"]++;
    }

    /// The freezer (or, one time in four, the arbiter) accepts a partner into an open case.
    function accept(uint256 by, uint256 caseSeed, uint256 partner) external {
        uint256 caseId = _assessable(caseSeed);
        address actor = by % 4 == 0 ? arbiter : margin.actorOf(margin.caseOf(caseId).partner);
        // The first partner from `partner` on that is not in the case yet (else `partner`, refused).
        bytes32 id = margin.partnerOf(_partners[partner % _partners.length]);
        for (uint256 i; i < _partners.length; ++i) {
            bytes32 candidate = margin.partnerOf(_partners[(partner + i) % _partners.length]);
            if (
                candidate != margin.caseOf(caseId).partner && !margin.contribution(caseId, candidate).accepted
            ) {
                id = candidate;
                break;
            }
        }
        vm.prank(actor);
        margin.accept(caseId, id);
        calls["accept"]++;
    }

    /// A partner of the case (one time in eight, any partner) assesses its contribution.
    function assess(uint256 by, uint256 caseSeed, uint256 lead, uint256 loss) external {
        uint256 caseId = _assessable(caseSeed);
        bytes32[] memory inCase = margin.caseParticipants(caseId);
        address actor = by % 8 == 0 || inCase.length == 0
            ? _partners[by % _partners.length]
            : margin.actorOf(inCase[(by >> 8) % inCase.length]);
        vm.prank(actor);
        margin.assess(caseId, bound(lead, 0, 1_000), bound(loss, 1, 1_000_000e18));
        calls["assess"]++;
    }

    function claim(uint256 by, uint256 caseSeed) external {
        uint256 caseId = _case(caseSeed, IERAMargin.CaseStatus.Slashed);
        // The first partner from `by` on with something to claim (else `by`, which is refused).
        address partner = _partners[by % _partners.length];
        for (uint256 i; i < _partners.length; ++i) {
            address candidate = _partners[(by + i) % _partners.length];
            if (margin.claimable(caseId, margin.partnerOf(candidate)) != 0) {
                partner = candidate;
                break;
            }
        }
        // The freezer may have a bond to claim even without a share.
        if (margin.claimable(caseId, margin.partnerOf(partner)) == 0 && by % 2 == 0) {
            partner = margin.actorOf(margin.caseOf(caseId).partner);
        }
        vm.prank(partner);
        totalPaidOut += margin.claim(caseId);
        calls["claim"]++;
    }

    // ---------------------------------------------------------------- arbiter and anyone

    /// Resolves approving every assessed weight, each cut to a part of it when `cut` is set.
    function resolve(uint256 caseSeed, uint256 wad, bool release, uint256 cut) external {
        uint256 caseId = _case(caseSeed, IERAMargin.CaseStatus.Open);
        IERAMargin.Case memory c = margin.caseOf(caseId);
        if (block.timestamp < c.disputeEndsAt) vm.warp(c.disputeEndsAt);
        wad = release ? 0 : bound(wad, 0.2e18, 0.5e18);
        (bytes32[] memory partners, uint256[] memory weights) =
            release ? (new bytes32[](0), new uint256[](0)) : _assessed(caseId, cut);
        vm.prank(arbiter);
        uint256 slashed = margin.resolve(caseId, wad, partners, weights);
        if (release) totalPaidOut += margin.freezeBond(c.frozen);
        else if (partners.length == 0) totalPaidOut += slashed;
        calls["resolve"]++;
    }

    function lapse(uint256 caseSeed) external {
        uint256 caseId = _case(caseSeed, IERAMargin.CaseStatus.Open);
        IERAMargin.Case memory c = margin.caseOf(caseId);
        if (block.timestamp < c.lapsesAt) vm.warp(c.lapsesAt);
        margin.lapse(caseId);
        totalPaidOut += margin.freezeBond(c.frozen);
        calls["lapse"]++;
    }

    function sweep(uint256 caseSeed) external {
        uint256 caseId = _case(caseSeed, IERAMargin.CaseStatus.Slashed);
        IERAMargin.Case memory c = margin.caseOf(caseId);
        if (block.timestamp < c.claimsCloseAt) vm.warp(c.claimsCloseAt);
        totalPaidOut += margin.sweep(caseId);
        calls["sweep"]++;
    }

    function penalize(uint256 who) external {
        vm.prank(arbiter);
        totalPaidOut += margin.penalize(_providers[who % _providers.length]);
        calls["penalize"]++;
    }

    function warp(uint256 seconds_) external {
        vm.warp(block.timestamp + bound(seconds_, 1 hours, 2 days));
    }

    /// The assessed weights of `caseId`'s partners; with `cut` odd, each is cut to a part of it
    /// (at least 1), as an arbiter that finds a claim overstated would.
    function _assessed(uint256 caseId, uint256 cut)
        internal
        view
        returns (bytes32[] memory partners, uint256[] memory weights)
    {
        bytes32[] memory all = margin.caseParticipants(caseId);
        partners = new bytes32[](all.length);
        weights = new uint256[](all.length);
        uint256 n;
        for (uint256 i; i < all.length; ++i) {
            uint256 assessed = margin.contribution(caseId, all[i]).assessed;
            if (assessed == 0 || (cut >> (8 * i + 8)) % 5 == 0) continue; // sometimes left out
            (partners[n], weights[n]) = (all[i], cut % 2 == 1 ? bound(cut >> 16, 1, assessed) : assessed);
            ++n;
        }
        assembly ("memory-safe") {
            mstore(partners, n)
            mstore(weights, n)
        }
    }

    /// An open case still in its dispute window picked by `seed` (else any open case, refused).
    function _assessable(uint256 seed) internal view returns (uint256) {
        uint256 count = margin.caseCount();
        uint256 start = count == 0 ? 0 : seed % count;
        for (uint256 i; i < count; ++i) {
            uint256 id = (start + i) % count + 1;
            IERAMargin.Case memory c = margin.caseOf(id);
            if (c.status == IERAMargin.CaseStatus.Open && block.timestamp < c.disputeEndsAt) return id;
        }
        return _case(seed, IERAMargin.CaseStatus.Open);
    }

    /// A case in `status` picked by `seed` (0, an unknown case, when there is none), so most calls
    /// reach a case they can act on.
    function _case(uint256 seed, IERAMargin.CaseStatus status) internal view returns (uint256) {
        uint256 count = margin.caseCount();
        uint256 matching;
        for (uint256 id = 1; id <= count; ++id) {
            if (margin.caseOf(id).status == status) ++matching;
        }
        if (matching == 0) return 0;
        uint256 pick = seed % matching;
        for (uint256 id = 1; id <= count; ++id) {
            if (margin.caseOf(id).status != status) continue;
            if (pick == 0) return id;
            --pick;
        }
        return 0;
    }
}
