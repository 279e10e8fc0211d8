// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERAMargin} from "../interfaces/IERAMargin.sol";
import {IERAStaking} from "../interfaces/IERAStaking.sol";
import {IGroth16Verifier} from "../interfaces/IGroth16Verifier.sol";
import {IRiskFeed} from "../interfaces/IRiskFeed.sol";
import {RiskFigures} from "../libraries/RiskFigures.sol";
import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";

/// @title RiskFeed
/// @notice See {IRiskFeed}.
/// @dev Storage is laid out for `riskOf`, which other contracts call on their own hot paths: a
/// publication's mutable part (figures, time, attestations, backing) is one slot, `Head`, and the
/// provider's newest publication keeps its publisher and a mirror of its head in two slots of
/// `_latest`, so `riskOf` reads two slots whatever the history. `attest` keeps the mirror in step
/// when it attests the newest publication. Backing is a uint96 of ERA wei (79 billion ERA, about
/// 7,900 times the suite's initial supply); an attestation that would overflow it reverts.
/// Every call this contract makes (ERAMargin's `partnerOf`, the verifier, ERAStaking's views) is a
/// view, made with STATICCALL, so nothing it calls can re-enter it.
contract RiskFeed is IRiskFeed, AccessControl {
    using SafeCast for uint256;

    /// @notice Domain of the binding's hash: what a risk-features proof is for.
    bytes32 public constant BINDING_DOMAIN = "era.risk-features";
    /// @notice BN254 scalar field modulus: public inputs must be below it.
    uint256 internal constant FIELD =
        21888242871839275222246405745257275088548364400416034343698204186575808495617;

    /// @notice ERAMargin, whose registered partners publish.
    IERAMargin public immutable margin;
    /// @notice ERAStaking, whose nodes attest.
    IERAStaking public immutable staking;
    /// @notice The risk-features circuit's Groth16 verifier.
    IGroth16Verifier public immutable verifier;

    /// @inheritdoc IRiskFeed
    uint256 public minNodeStake;

    /// A publication's mutable part, one slot: figures packed as the circuit reads them.
    struct Head {
        uint96 figures;
        uint40 publishedAt;
        uint24 attestations;
        uint96 backing;
    }

    /// A publication as stored: its head and the commitment its proof opened.
    struct Stored {
        Head head;
        uint256 commitment;
    }

    /// A provider's newest publication: its publisher and a mirror of its head.
    struct Latest {
        bytes32 partner;
        Head head;
    }

    mapping(address provider => mapping(bytes32 partner => Stored[])) internal _history;
    mapping(address provider => Latest) internal _latest;
    mapping(
        address provider
            => mapping(bytes32 partner => mapping(uint256 index => mapping(address node => uint256)))
    ) internal _attested;

    /// @param margin_ ERAMargin (partners).
    /// @param staking_ ERAStaking (nodes).
    /// @param verifier_ The risk-features verifier.
    /// @param timelock Holder of DEFAULT_ADMIN_ROLE.
    /// @param minNodeStake_ Active stake a node needs to attest (above zero).
    constructor(
        IERAMargin margin_,
        IERAStaking staking_,
        IGroth16Verifier verifier_,
        address timelock,
        uint256 minNodeStake_
    ) {
        if (
            address(margin_) == address(0) || address(staking_) == address(0)
                || address(verifier_) == address(0) || timelock == address(0)
        ) {
            revert ZeroAddress();
        }
        margin = margin_;
        staking = staking_;
        verifier = verifier_;
        _grantRole(DEFAULT_ADMIN_ROLE, timelock);
        _setMinNodeStake(minNodeStake_);
    }

    // ---------------------------------------------------------------- partners

    /// @inheritdoc IRiskFeed
    function publish(
        address provider,
        Figures calldata figures,
        uint256 commitment,
        uint256[8] calldata proof
    ) external returns (uint256 index) {
        bytes32 partner = margin.partnerOf(msg.sender);
        if (partner == bytes32(0)) revert UnknownPartner(msg.sender);
        Figures memory f = figures;
        RiskFigures.check(f);
        if (commitment >= FIELD) revert CommitmentNotInField(commitment);
        Stored[] storage history = _history[provider][partner];
        index = history.length;
        uint96 packed = RiskFigures.pack(f);
        uint256 binding = _binding(provider, partner, index, packed);
        // The verifier reverts on a bad proof; its reason (a failed pairing, an input out of the
        // field) matters less to the caller than which publication it was refused for.
        try verifier.verifyProof(proof, [commitment, binding]) {}
        catch {
            revert InvalidProof(provider, partner, index, commitment, binding);
        }
        Head memory head =
            Head({figures: packed, publishedAt: uint40(block.timestamp), attestations: 0, backing: 0});
        // Through the mapping, not `history`: slither's uninitialized-state misses writes through
        // a storage pointer (as it does for ERAMargin._riskHistory); the second look-up is ~100 gas.
        _history[provider][partner].push(Stored({head: head, commitment: commitment}));
        _latest[provider] = Latest({partner: partner, head: head});
        emit RiskPublished(provider, partner, index, msg.sender, figures, commitment, binding);
    }

    // ---------------------------------------------------------------- nodes

    /// @inheritdoc IRiskFeed
    function attest(address provider, bytes32 partner, uint256 index) external {
        Stored[] storage history = _history[provider][partner];
        uint256 count = history.length;
        if (index >= count) revert UnknownPublication(provider, partner, index, count);
        if (!staking.isNode(msg.sender)) revert NotANode(msg.sender);
        // Active stake only: stake queued for withdrawal is leaving and does not back anything new.
        uint256 stake = staking.nodeStake(msg.sender);
        uint256 minimum = minNodeStake;
        if (stake < minimum) revert StakeBelowMinimum(msg.sender, stake, minimum);
        mapping(address node => uint256) storage attested = _attested[provider][partner][index];
        if (attested[msg.sender] != 0) revert AlreadyAttested(msg.sender, provider, partner, index);
        // Non-zero (stake >= minimum > 0), so it doubles as the "attested" mark.
        attested[msg.sender] = stake;
        Stored storage stored = history[index];
        Head memory head = stored.head;
        head.attestations = (uint256(head.attestations) + 1).toUint24();
        head.backing = (uint256(head.backing) + stake).toUint96();
        stored.head = head;
        // The newest publication of this partner is the provider's `riskOf` unless another partner
        // published since.
        if (index == count - 1) {
            Latest storage latest = _latest[provider];
            if (latest.partner == partner) latest.head = head;
        }
        emit Attested(provider, partner, index, msg.sender, stake, head.attestations, head.backing);
    }

    // ---------------------------------------------------------------- governance

    /// @inheritdoc IRiskFeed
    function setMinNodeStake(uint256 minimum) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setMinNodeStake(minimum);
    }

    // ---------------------------------------------------------------- views

    /// @inheritdoc IRiskFeed
    /// @dev In assembly to stay under 10,000 gas for a contract that calls it cold (2,600 for the
    /// cold call, 4,200 for the two slots): the struct is written once, straight into the return
    /// buffer (a static struct is encoded as its ten words), rather than zeroed, filled, unpacked
    /// through a memory `Head` and copied by the ABI encoder. Equivalent Solidity, checked against it
    /// by the tests: rates `count * 10_000 / n` from the packed figures (n <= 32 and counts <= n, so
    /// each fits a uint16), the rest as stored; ten zero words when nothing was published (n == 0).
    function riskOf(address provider) external view returns (Risk memory) {
        Latest storage latest = _latest[provider];
        assembly ("memory-safe") {
            let slot := latest.slot
            // Head: figures (bits 0-95), publishedAt (96-135), attestations (136-159), backing (160-255).
            let head := sload(add(slot, 1))
            let n := and(head, 0xff)
            let out := mload(0x40)
            switch n
            case 0 { calldatacopy(out, calldatasize(), 0x140) }
            default {
                mstore(out, sload(slot))
                mstore(add(out, 0x20), and(shr(96, head), 0xffffffffff))
                mstore(add(out, 0x40), n)
                mstore(add(out, 0x60), div(mul(and(shr(8, head), 0xff), 10000), n))
                mstore(add(out, 0x80), div(mul(and(shr(16, head), 0xff), 10000), n))
                mstore(add(out, 0xa0), div(mul(and(shr(24, head), 0xff), 10000), n))
                mstore(add(out, 0xc0), and(shr(32, head), 0xffffffff))
                mstore(add(out, 0xe0), and(shr(64, head), 0xffffffff))
                mstore(add(out, 0x100), and(shr(136, head), 0xffffff))
                mstore(add(out, 0x120), shr(160, head))
            }
            return(out, 0x140)
        }
    }

    /// @inheritdoc IRiskFeed
    function publication(address provider, bytes32 partner, uint256 index)
        external
        view
        returns (Publication memory)
    {
        Stored[] storage history = _history[provider][partner];
        uint256 count = history.length;
        if (index >= count) revert UnknownPublication(provider, partner, index, count);
        Stored storage stored = history[index];
        Head memory head = stored.head;
        return Publication({
            figures: RiskFigures.unpack(head.figures),
            commitment: stored.commitment,
            publishedAt: head.publishedAt,
            attestations: head.attestations,
            backing: head.backing
        });
    }

    /// @inheritdoc IRiskFeed
    function publications(address provider, bytes32 partner) external view returns (uint256) {
        return _history[provider][partner].length;
    }

    /// @inheritdoc IRiskFeed
    function attestedStake(address provider, bytes32 partner, uint256 index, address node)
        external
        view
        returns (uint256)
    {
        return _attested[provider][partner][index][node];
    }

    /// @inheritdoc IRiskFeed
    function bindingOf(address provider, bytes32 partner, uint256 index, Figures calldata figures)
        external
        view
        returns (uint256)
    {
        return _binding(provider, partner, index, RiskFigures.pack(figures));
    }

    // ---------------------------------------------------------------- internal

    /// The hash's top 157 bits above the 96 bits of figures: below 2^253, inside the field, and
    /// the circuit reads the figures from the low bits of the same input.
    function _binding(address provider, bytes32 partner, uint256 index, uint96 figures)
        internal
        view
        returns (uint256)
    {
        uint256 hash = uint256(
            keccak256(abi.encode(BINDING_DOMAIN, provider, partner, block.chainid, address(this), index))
        );
        return ((hash >> 99) << 96) | figures;
    }

    function _setMinNodeStake(uint256 minimum) internal {
        if (minimum == 0) revert ZeroMinNodeStake();
        emit MinNodeStakeSet(minNodeStake, minimum);
        minNodeStake = minimum;
    }
}
