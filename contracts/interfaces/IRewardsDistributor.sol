// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERAStaking} from "./IERAStaking.sol";
import {IUnorderedNonces} from "./IUnorderedNonces.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @title ERA rewards distributor
/// @notice Pays ERA rewards computed off-chain per epoch against posted Merkle roots. Each root
/// promises every account a cumulative amount (all it has earned since the start); an account's
/// claim pays the difference to what it was paid so far (`claimed`), so one claim settles every
/// past epoch and a claim against an older root can never pay twice. Every root stays addressable
/// by its index: a claim built for root N still works after root N+1 lands.
/// A leaf is `keccak256(bytes.concat(keccak256(abi.encode(account, cumulativeAmount))))`, as
/// OpenZeppelin's StandardMerkleTree builds it for the types `["address", "uint256"]`.
/// A poster posts a root with a bond (`POST_BOND`, locked from its bond balance); the root activates
/// after `activationDelay`. Until then anyone may dispute it with `DISPUTE_BOND`, which stops it
/// from activating until governance resolves the dispute: upheld, the root is disabled and the
/// disputer receives both bonds; dismissed, the root activates at once and the disputer's bond goes
/// to the rewards funds. A root is refused when its total exceeds what was funded so far.
/// @dev Roles: DEFAULT_ADMIN_ROLE (the timelock) resolves disputes, sets the activation delay and
/// grants roles; POSTER_ROLE posts roots; GUARDIAN_ROLE may disable a pending or active root, and
/// do nothing else.
interface IRewardsDistributor is IUnorderedNonces {
    /// @notice Where a root stands. A `Posted` root is pending until `activatesAt`, active from then.
    enum RootStatus {
        None,
        Posted,
        Disputed,
        Disabled
    }

    /// @notice A posted root as stored. Its tree and metrics hashes and its total are in the
    /// `RootPosted` event.
    /// @param root The Merkle root.
    /// @param poster Who posted it (and locked the bond).
    /// @param activatesAt When claims against it may start (if `Posted`).
    /// @param status Where it stands.
    /// @param bondSettled The poster's bond went back to its balance or to an upheld disputer.
    struct Root {
        bytes32 root;
        address poster;
        uint40 activatesAt;
        RootStatus status;
        bool bondSettled;
    }

    /// @notice What an account signs to let a relayer claim for it (EIP-712 type
    /// `Claim(uint256 rootIndex,address account,uint256 cumulativeAmount,uint256 nonce,uint256 deadline,uint256 maxFee,address relayer)`).
    /// @param nonce Any unused number: nonces are a bitmap, used in any order.
    /// @param deadline Last second the signature is good for.
    /// @param maxFee Most ERA the relayer may keep out of the claim.
    /// @param relayer The only address that may submit it (zero: anyone).
    struct ClaimAuth {
        uint256 nonce;
        uint256 deadline;
        uint256 maxFee;
        address relayer;
    }

    // ---------------------------------------------------------------- errors

    /// @notice An amount of zero was given where ERA must move.
    error ZeroAmount();
    /// @notice A Merkle root of zero was posted.
    error ZeroRoot();
    /// @notice The address given is zero.
    error ZeroAddress();
    /// @notice `poster` has `balance` of free bond, less than the `required` bond of a post.
    error BondTooLow(address poster, uint256 balance, uint256 required);
    /// @notice A root promising `total` ERA was posted while only `funded` was ever funded.
    error RootAboveFunds(uint256 total, uint256 funded);
    /// @notice No root has index `rootIndex` (`count` roots were posted).
    error UnknownRoot(uint256 rootIndex, uint256 count);
    /// @notice Root `rootIndex` was disabled.
    error RootIsDisabled(uint256 rootIndex);
    /// @notice Root `rootIndex` is disputed; it cannot activate until governance resolves it.
    error RootIsDisputed(uint256 rootIndex);
    /// @notice Root `rootIndex` activates at `activatesAt`; it is `now`.
    error RootNotActive(uint256 rootIndex, uint256 activatesAt, uint256 now);
    /// @notice Root `rootIndex` became active at `activatedAt`: it can no longer be disputed.
    error DisputeWindowClosed(uint256 rootIndex, uint256 activatedAt);
    /// @notice Root `rootIndex` has no open dispute.
    error NoOpenDispute(uint256 rootIndex);
    /// @notice Root `rootIndex` has an open dispute; resolve it first.
    error DisputeOpen(uint256 rootIndex);
    /// @notice The poster's bond of root `rootIndex` was settled already.
    error BondSettled(uint256 rootIndex);
    /// @notice The proof does not place (`account`, `cumulativeAmount`) under root `rootIndex`.
    error InvalidProof(uint256 rootIndex, address account, uint256 cumulativeAmount);
    /// @notice `account` was paid `claimed` so far, at least its `cumulativeAmount`: nothing to claim.
    error NothingToClaim(address account, uint256 cumulativeAmount, uint256 claimed);
    /// @notice The signature expired at `deadline`; it is `now`.
    error SignatureExpired(uint256 deadline, uint256 now);
    /// @notice The signature is not `account`'s over this claim.
    error InvalidSignature(address account);
    /// @notice The signature names relayer `relayer`; `caller` submitted it.
    error WrongRelayer(address relayer, address caller);
    /// @notice The relayer asked `fee`, above the signed maximum `maxFee`.
    error FeeAboveMax(uint256 fee, uint256 maxFee);
    /// @notice The relayer asked `fee`, above the `amount` the claim pays.
    error FeeAboveClaim(uint256 fee, uint256 amount);
    /// @notice A delay of `delay` seconds is outside [`min`, `max`].
    error DelayOutOfRange(uint256 delay, uint256 min, uint256 max);

    // ---------------------------------------------------------------- events

    /// @notice `from` funded `amount` ERA, tagged `source` (e.g. "treasury", "fees",
    /// "dispute-bond"); `funded` in total so far.
    event Funded(address indexed from, bytes32 indexed source, uint256 amount, uint256 funded);
    /// @notice `poster` posted root `rootIndex`: `root` over the tree published as `treeHash`,
    /// computed from the metrics `metricsHash`, promising `total` ERA in all; claimable from
    /// `activatesAt`.
    event RootPosted(
        uint256 indexed rootIndex,
        address indexed poster,
        bytes32 root,
        bytes32 treeHash,
        bytes32 metricsHash,
        uint256 total,
        uint64 activatesAt
    );
    /// @notice `disputer` disputed root `rootIndex` with its bond, for `reason` (a hash of the case).
    event RootDisputed(uint256 indexed rootIndex, address indexed disputer, bytes32 reason);
    /// @notice Governance resolved the dispute of root `rootIndex`: `upheld` (root disabled, both
    /// bonds to the disputer) or not (root active from `activatesAt`, disputer's bond to the funds).
    event DisputeResolved(
        uint256 indexed rootIndex, address indexed disputer, bool upheld, uint64 activatesAt
    );
    /// @notice `by` disabled root `rootIndex`; nothing can be claimed against it any more.
    event RootDisabled(uint256 indexed rootIndex, address indexed by);
    /// @notice `account` was paid `amount` against root `rootIndex`; it was paid `cumulativeAmount`
    /// in all.
    event Claimed(
        address indexed account, uint256 indexed rootIndex, uint256 amount, uint256 cumulativeAmount
    );
    /// @notice `relayer` submitted `account`'s signed claim and kept `fee` of it.
    event RelayerPaid(address indexed account, address indexed relayer, uint256 nonce, uint256 fee);
    /// @notice `poster` deposited `amount` into its bond balance; `balance` is free now.
    event BondDeposited(address indexed poster, uint256 amount, uint256 balance);
    /// @notice `poster` withdrew `amount` from its bond balance; `balance` is free now.
    event BondWithdrawn(address indexed poster, uint256 amount, uint256 balance);
    /// @notice The bond of root `rootIndex` (`amount`) went back to `poster`'s free balance.
    event BondReleased(uint256 indexed rootIndex, address indexed poster, uint256 amount);
    /// @notice The activation delay of roots posted from now on changed.
    event ActivationDelaySet(uint64 oldDelay, uint64 newDelay);
    /// @notice Roots from now on are computed by the rules hashing to `rulesHash`, published at
    /// `uri` (zero: the deployment config's default rules).
    event RulesSet(bytes32 rulesHash, string uri);

    // ---------------------------------------------------------------- funding and bonds

    /// @notice Pulls `amount` ERA from the caller into the rewards funds, tagged `source`. Needs an
    /// ERA allowance. ERA sent by a plain transfer is not counted as funded.
    function fund(uint256 amount, bytes32 source) external;

    /// @notice Pulls `amount` ERA from the caller into its bond balance (free until a post locks it).
    function depositBond(uint256 amount) external;

    /// @notice Sends `amount` of the caller's free bond balance back to it.
    function withdrawBond(uint256 amount) external;

    // ---------------------------------------------------------------- roots

    /// @notice Posts root `root` of the tree whose published dump hashes to `treeHash`, computed
    /// from the metrics hashing to `metricsHash`, promising `total` ERA in all (the sum of its
    /// cumulative amounts). Poster only; locks `POST_BOND` of the caller's bond balance. Refused
    /// when `total` exceeds `funded()`.
    /// @return rootIndex The new root's index, counted from 0.
    function postRoot(bytes32 root, bytes32 treeHash, bytes32 metricsHash, uint256 total)
        external
        returns (uint256 rootIndex);

    /// @notice Disputes root `rootIndex` before it activates, pulling `DISPUTE_BOND` from the caller
    /// (approve first). The root stays inactive until governance resolves the dispute.
    function dispute(uint256 rootIndex, bytes32 reason) external;

    /// @notice Resolves the open dispute of root `rootIndex`. Governance only. Upheld: the root is
    /// disabled and the disputer receives its bond and the poster's. Dismissed: the root is active at
    /// once (unless the guardian disabled it) and the disputer's bond joins the rewards funds.
    function resolveDispute(uint256 rootIndex, bool uphold) external;

    /// @notice Disables root `rootIndex`, pending or active, for good. Guardian only. A disputed root
    /// keeps its dispute for governance to resolve.
    function disableRoot(uint256 rootIndex) external;

    /// @notice Returns the poster's bond of root `rootIndex` to the poster's bond balance, once the
    /// root is active or disabled without an upheld dispute, and no dispute is open. Anyone may call.
    function releaseBond(uint256 rootIndex) external;

    // ---------------------------------------------------------------- claims

    /// @notice Pays `account` what root `rootIndex` promises it beyond what it was paid so far.
    /// Anyone may submit; the ERA goes to `account`.
    /// @return amount ERA paid.
    function claim(uint256 rootIndex, address account, uint256 cumulativeAmount, bytes32[] calldata proof)
        external
        returns (uint256 amount);

    /// @notice Claims for the caller and delegates the ERA to `node` in staking, in the caller's name.
    /// @return amount ERA claimed and delegated.
    /// @return shares Shares the caller received in `node`'s pool.
    function claimAndDelegate(
        uint256 rootIndex,
        uint256 cumulativeAmount,
        bytes32[] calldata proof,
        address node
    ) external returns (uint256 amount, uint256 shares);

    /// @notice Claims for `account` on its EIP-712 signature (see `ClaimAuth`); the caller (the
    /// relayer) keeps `fee` (at most `auth.maxFee` and the claimed amount) and `account` receives
    /// the rest. The signature's nonce is used up.
    /// @return amount ERA claimed in all (fee included).
    function claimWithSig(
        uint256 rootIndex,
        address account,
        uint256 cumulativeAmount,
        bytes32[] calldata proof,
        ClaimAuth calldata auth,
        uint256 fee,
        bytes calldata signature
    ) external returns (uint256 amount);

    // ---------------------------------------------------------------- governance

    /// @notice Sets the activation delay of roots posted from now on (1 hour to 30 days). Governance
    /// only.
    function setActivationDelay(uint64 delay) external;

    /// @notice Names the rules the next roots are computed by: `rulesHash` (keccak256 of the rules
    /// file's bytes; zero for the deployment config's default rules), published at `uri`.
    /// Governance only. Nothing on chain checks roots against it: it tells posters, disputers and
    /// claimants which rules a root must follow.
    function setRules(bytes32 rulesHash, string calldata uri) external;

    // ---------------------------------------------------------------- views

    /// @notice The rewards token.
    function era() external view returns (IERC20);

    /// @notice The staking contract `claimAndDelegate` delegates to.
    function staking() external view returns (IERAStaking);

    /// @notice Root `rootIndex` (zero status if none).
    function rootOf(uint256 rootIndex) external view returns (Root memory);

    /// @notice Roots posted so far (indexes run from 0 to this minus one).
    function rootCount() external view returns (uint256);

    /// @notice Whether root `rootIndex` can be claimed against now.
    function isActive(uint256 rootIndex) external view returns (bool);

    /// @notice The disputer of root `rootIndex` while its dispute is open (zero for none).
    function disputerOf(uint256 rootIndex) external view returns (address);

    /// @notice ERA paid to `account` so far (its cumulative amount at its latest claim).
    function claimed(address account) external view returns (uint256);

    /// @notice ERA funded so far through `fund` and forfeited dispute bonds: the most a root may
    /// promise.
    function funded() external view returns (uint256);

    /// @notice ERA held as bonds: posters' balances (free and locked) and open disputes.
    function bondsHeld() external view returns (uint256);

    /// @notice `poster`'s free bond balance.
    function bondOf(address poster) external view returns (uint256);

    /// @notice Hash of the rules the roots are computed by (zero: the deployment config's default).
    function rulesHash() external view returns (bytes32);

    /// @notice Delay between a root's posting and its activation, in seconds.
    function activationDelay() external view returns (uint64);

    /// @notice The EIP-712 digest `account` signs for a relayed claim.
    function claimDigest(
        uint256 rootIndex,
        address account,
        uint256 cumulativeAmount,
        ClaimAuth calldata auth
    ) external view returns (bytes32);
}
