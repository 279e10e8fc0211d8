// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERAMargin} from "../interfaces/IERAMargin.sol";
import {IERAStaking} from "../interfaces/IERAStaking.sol";
import {IGroth16Verifier} from "../interfaces/IGroth16Verifier.sol";
import {IPriceSource} from "../interfaces/IPriceSource.sol";
import {IRiskFeed} from "../interfaces/IRiskFeed.sol";
import {PriceVolatility} from "../libraries/PriceVolatility.sol";
import {RiskFigures} from "../libraries/RiskFigures.sol";
import {IPoseidonT3, RiskOpening} from "../libraries/RiskOpening.sol";
import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Create2} from "@openzeppelin/contracts/utils/Create2.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {PoseidonT3} from "poseidon-solidity/PoseidonT3.sol";

/// @title RiskFeed
/// @notice See {IRiskFeed}.
/// @dev Storage is laid out for `riskOf`, which other contracts call on their own hot paths: a
/// publication's mutable part (figures, time, attestations, volatility, backing) is one slot,
/// `Head`, and the
/// provider's newest publication keeps its publisher and a mirror of its head in two slots of
/// `_latest`, so `riskOf` reads two slots whatever the history. `attest` keeps the mirror in step
/// when it attests the newest publication. Backing is a uint96 of ERA wei (79 billion ERA, about
/// 7,900 times the suite's initial supply); an attestation that would overflow it reverts.
/// Every call this contract makes but one (ERAMargin's `partnerOf`, the verifier, ERAStaking's
/// views, the price source, Poseidon) is a view, made with STATICCALL, so nothing it calls can
/// re-enter it; the one, ERAStaking's `slash`, comes after the attestation it slashes is deleted.
/// Poseidon is poseidon-solidity's `PoseidonT3` (circomlib's constants), which the constructor
/// deploys for this feed alone: no linking, and no trust in a contract deployed by someone else.
contract RiskFeed is IRiskFeed, AccessControl {
    using SafeCast for uint256;
    using SafeERC20 for IERC20;

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
    /// @notice Poseidon (t = 3) for opening commitments, deployed by the constructor.
    IPoseidonT3 public immutable poseidon;
    /// @notice ERA, in which slashed stake is paid.
    IERC20 public immutable era;

    /// @notice Most round changes volatility is measured over.
    uint256 public constant MAX_VOLATILITY_ROUNDS = 64;

    /// @inheritdoc IRiskFeed
    uint256 public minNodeStake;

    /// The declared price source and how it is read, one slot.
    struct PriceConfig {
        IPriceSource source;
        uint8 rounds;
        uint64 maxAge;
    }

    PriceConfig internal _price;

    /// A publication's mutable part, one slot: figures packed as the circuit reads them. Times are
    /// uint32 seconds (until 2106); 65,535 attestations at most (the next reverts).
    struct Head {
        uint96 figures;
        uint32 publishedAt;
        uint16 attestations;
        uint16 volatilityBps;
        uint96 backing;
    }

    /// A publication as stored: its head, the commitment its proof opened, and who refuted it.
    struct Stored {
        Head head;
        uint256 commitment;
        address refuter;
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
        era = staking_.era();
        poseidon = IPoseidonT3(Create2.deploy(0, bytes32(0), type(PoseidonT3).creationCode));
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
        Head memory head = Head({
            figures: packed,
            publishedAt: block.timestamp.toUint32(),
            attestations: 0,
            volatilityBps: _volatility(),
            backing: 0
        });
        // Through the mapping, not `history`: slither's uninitialized-state misses writes through
        // a storage pointer; the second look-up is ~100 gas. A bare `push()` leaves the refuter's
        // slot unwritten (it is zero), which a struct literal would write (2,200 gas).
        Stored storage stored = _history[provider][partner].push();
        stored.head = head;
        stored.commitment = commitment;
        _latest[provider] = Latest({partner: partner, head: head});
        emit RiskPublished(provider, partner, index, msg.sender, figures, commitment, binding);
    }

    // ---------------------------------------------------------------- nodes

    /// @inheritdoc IRiskFeed
    function attest(address provider, bytes32 partner, uint256 index) external {
        (Stored storage stored, uint256 count) = _standing(provider, partner, index);
        if (!staking.isNode(msg.sender)) revert NotANode(msg.sender);
        // Active stake only: stake queued for withdrawal is leaving and does not back anything new.
        uint256 stake = staking.nodeStake(msg.sender);
        uint256 minimum = minNodeStake;
        if (stake < minimum) revert StakeBelowMinimum(msg.sender, stake, minimum);
        mapping(address node => uint256) storage attested = _attested[provider][partner][index];
        if (attested[msg.sender] != 0) revert AlreadyAttested(msg.sender, provider, partner, index);
        // Non-zero (stake >= minimum > 0), so it doubles as the "attested" mark.
        attested[msg.sender] = stake;
        Head memory head = stored.head;
        head.attestations = (uint256(head.attestations) + 1).toUint16();
        head.backing = (uint256(head.backing) + stake).toUint96();
        _writeHead(provider, partner, index, count, stored, head);
        emit Attested(provider, partner, index, msg.sender, stake, head.attestations, head.backing);
    }

    // ---------------------------------------------------------------- anyone

    /// @inheritdoc IRiskFeed
    function refute(
        address provider,
        bytes32 partner,
        uint256 index,
        uint256 salt,
        uint256[32] calldata words
    ) external {
        (Stored storage stored, uint256 count) = _standing(provider, partner, index);
        uint256 committed = stored.commitment;
        uint256 opened = RiskOpening.chain(poseidon, salt, words);
        if (opened != committed) revert OpeningMismatch(committed, opened);
        Head memory head = stored.head;
        (uint96 figures, bool wellFormed) = RiskOpening.figures(words, uint32(head.figures >> 64));
        if (wellFormed && figures == head.figures) revert FiguresMatchRecords(provider, partner, index);
        stored.refuter = msg.sender;
        head.backing = 0;
        _writeHead(provider, partner, index, count, stored, head);
        emit Refuted(provider, partner, index, msg.sender, head.figures, figures, wellFormed);
    }

    /// @inheritdoc IRiskFeed
    function slashAttester(address provider, bytes32 partner, uint256 index, address node)
        external
        returns (uint256 amount)
    {
        (Stored storage stored,) = _stored(provider, partner, index);
        address refuter = stored.refuter;
        if (refuter == address(0)) revert NotRefuted(provider, partner, index);
        mapping(address node => uint256) storage attested = _attested[provider][partner][index];
        uint256 backed = attested[node];
        if (backed == 0) revert NotAnAttester(node, provider, partner, index);
        // Everything the node has that ERAStaking can slash: active and queued-for-withdrawal.
        uint256 total = staking.nodeStake(node) + staking.unbondingStake(node);
        if (total == 0) revert NothingToSlash(node);
        delete attested[node];
        uint256 wad = Math.min(1e18, Math.mulDiv(backed, 1e18, total, Math.Rounding.Ceil));
        amount = staking.slash(node, wad);
        emit AttesterSlashed(provider, partner, index, node, backed, amount, refuter);
        era.safeTransfer(refuter, amount);
    }

    // ---------------------------------------------------------------- governance

    /// @inheritdoc IRiskFeed
    function setMinNodeStake(uint256 minimum) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setMinNodeStake(minimum);
    }

    /// @inheritdoc IRiskFeed
    function setPriceSource(address source, uint256 rounds, uint256 maxAge)
        external
        onlyRole(DEFAULT_ADMIN_ROLE)
    {
        if (rounds == 0 || rounds > MAX_VOLATILITY_ROUNDS) {
            revert VolatilityRoundsOutOfRange(rounds, MAX_VOLATILITY_ROUNDS);
        }
        if (maxAge == 0) revert ZeroMaxPriceAge();
        // A call to an account without code returns nothing, and decoding nothing reverts past
        // the try/catch that keeps a broken source from blocking publications.
        if (source != address(0) && source.code.length == 0) revert PriceSourceNotAContract(source);
        // forge-lint: disable-next-line(unsafe-typecast) rounds <= 64, checked above
        _price = PriceConfig({source: IPriceSource(source), rounds: uint8(rounds), maxAge: maxAge.toUint64()});
        emit PriceSourceSet(source, rounds, maxAge);
    }

    // ---------------------------------------------------------------- views

    /// @inheritdoc IRiskFeed
    /// @dev In assembly to stay under 10,000 gas for a contract that calls it cold (2,600 for the
    /// cold call, 4,200 for the two slots): the struct is written once, straight into the return
    /// buffer (a static struct is encoded as its eleven words), rather than zeroed, filled, unpacked
    /// through a memory `Head` and copied by the ABI encoder. Equivalent Solidity, checked against it
    /// by the tests: rates `count * 10_000 / n` from the packed figures (n <= 32 and counts <= n, so
    /// each fits a uint16), the rest as stored; eleven zero words when nothing was published (n == 0).
    function riskOf(address provider) external view returns (Risk memory) {
        Latest storage latest = _latest[provider];
        assembly ("memory-safe") {
            let slot := latest.slot
            // Head: figures (bits 0-95), publishedAt (96-127), attestations (128-143),
            // volatilityBps (144-159), backing (160-255).
            let head := sload(add(slot, 1))
            let n := and(head, 0xff)
            let out := mload(0x40)
            switch n
            case 0 { calldatacopy(out, calldatasize(), 0x160) }
            default {
                mstore(out, sload(slot))
                mstore(add(out, 0x20), and(shr(96, head), 0xffffffff))
                mstore(add(out, 0x40), n)
                mstore(add(out, 0x60), div(mul(and(shr(8, head), 0xff), 10000), n))
                mstore(add(out, 0x80), div(mul(and(shr(16, head), 0xff), 10000), n))
                mstore(add(out, 0xa0), div(mul(and(shr(24, head), 0xff), 10000), n))
                mstore(add(out, 0xc0), and(shr(32, head), 0xffffffff))
                mstore(add(out, 0xe0), and(shr(64, head), 0xffffffff))
                mstore(add(out, 0x100), and(shr(128, head), 0xffff))
                mstore(add(out, 0x120), shr(160, head))
                mstore(add(out, 0x140), and(shr(144, head), 0xffff))
            }
            return(out, 0x160)
        }
    }

    /// @inheritdoc IRiskFeed
    function publication(address provider, bytes32 partner, uint256 index)
        external
        view
        returns (Publication memory)
    {
        (Stored storage stored,) = _stored(provider, partner, index);
        Head memory head = stored.head;
        return Publication({
            figures: RiskFigures.unpack(head.figures),
            commitment: stored.commitment,
            publishedAt: head.publishedAt,
            attestations: head.attestations,
            backing: head.backing,
            volatilityBps: head.volatilityBps,
            refuter: stored.refuter
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

    /// @inheritdoc IRiskFeed
    function priceSource() external view returns (address source, uint256 rounds, uint256 maxAge) {
        PriceConfig memory price = _price;
        return (address(price.source), price.rounds, price.maxAge);
    }

    /// @inheritdoc IRiskFeed
    function currentVolatility() external view returns (uint16) {
        return _volatility();
    }

    // ---------------------------------------------------------------- internal

    /// Publication `index` of (`provider`, `partner`) and the length of their history; reverts
    /// `UnknownPublication` past the end.
    function _stored(address provider, bytes32 partner, uint256 index)
        internal
        view
        returns (Stored storage stored, uint256 count)
    {
        Stored[] storage history = _history[provider][partner];
        count = history.length;
        if (index >= count) revert UnknownPublication(provider, partner, index, count);
        stored = history[index];
    }

    /// As `_stored`, and reverts `PublicationRefuted` for a refuted publication (closed to
    /// attestations and to another refutation).
    function _standing(address provider, bytes32 partner, uint256 index)
        internal
        view
        returns (Stored storage stored, uint256 count)
    {
        (stored, count) = _stored(provider, partner, index);
        address refuter = stored.refuter;
        if (refuter != address(0)) revert PublicationRefuted(provider, partner, index, refuter);
    }

    /// Stores `head` as publication `index`'s (of `count`) and, when it is the provider's `riskOf`
    /// (the newest of this partner, and no other partner published since), in the mirror.
    function _writeHead(
        address provider,
        bytes32 partner,
        uint256 index,
        uint256 count,
        Stored storage stored,
        Head memory head
    ) internal {
        stored.head = head;
        if (index == count - 1) {
            Latest storage latest = _latest[provider];
            if (latest.partner == partner) latest.head = head;
        }
    }

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

    function _volatility() internal view returns (uint16) {
        PriceConfig memory price = _price;
        return PriceVolatility.measure(price.source, price.rounds, price.maxAge);
    }

    function _setMinNodeStake(uint256 minimum) internal {
        if (minimum == 0) revert ZeroMinNodeStake();
        emit MinNodeStakeSet(minNodeStake, minimum);
        minNodeStake = minimum;
    }
}
