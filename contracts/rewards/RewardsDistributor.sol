// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERAStaking} from "../interfaces/IERAStaking.sol";
import {IRewardsDistributor} from "../interfaces/IRewardsDistributor.sol";
import {UnorderedNonces} from "../libraries/UnorderedNonces.sol";
import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {MerkleProof} from "@openzeppelin/contracts/utils/cryptography/MerkleProof.sol";
import {SignatureChecker} from "@openzeppelin/contracts/utils/cryptography/SignatureChecker.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";

/// @title RewardsDistributor
/// @notice See {IRewardsDistributor}.
/// @dev Accounting identity: the contract's ERA balance equals `funded - paid out + bondsHeld`
/// (plus any ERA sent by a plain transfer, which counts as neither). Funding and forfeited dispute
/// bonds raise `funded`; claims pay out of it; bond deposits, withdrawals, disputes and upheld
/// payouts move `bondsHeld` and the balance together; a post or a release only moves a bond between
/// a poster's free balance and its root, both inside `bondsHeld`.
/// Gas: a claim reads two slots of its root and one of the account, a post writes two new slots
/// (root, then poster/activation/status) and one shared slot (`funded`, delay and count), so the
/// tree and metrics hashes and the total travel in the `RootPosted` event only.
contract RewardsDistributor is IRewardsDistributor, UnorderedNonces, AccessControl, EIP712 {
    using SafeERC20 for IERC20;
    using SafeCast for uint256;

    bytes32 public constant POSTER_ROLE = keccak256("POSTER_ROLE");
    bytes32 public constant GUARDIAN_ROLE = keccak256("GUARDIAN_ROLE");

    /// Bond a post locks: large enough that spamming roots costs real ERA (each is forfeited to the
    /// disputer when upheld), small next to a 10,000-ERA developer subsidy a bad root could misdirect.
    uint256 public constant POST_BOND = 1_000e18;
    /// Bond of a dispute: as large as the post's, so a disputer risks what it can win and a dismissed
    /// dispute (which delays every claimant) costs the disputer as much.
    uint256 public constant DISPUTE_BOND = 1_000e18;

    /// Default activation delay (SPEC 2.7's dispute window) and the range governance may set.
    uint64 public constant DEFAULT_ACTIVATION_DELAY = 2 days;
    uint64 public constant MIN_ACTIVATION_DELAY = 1 hours;
    uint64 public constant MAX_ACTIVATION_DELAY = 30 days;

    bytes32 public constant CLAIM_TYPEHASH = keccak256(
        "Claim(uint256 rootIndex,address account,uint256 cumulativeAmount,uint256 nonce,uint256 deadline,uint256 maxFee,address relayer)"
    );

    /// Source tag of dispute bonds forfeited to the funds.
    bytes32 internal constant FORFEITED_BOND = "dispute-bond";

    IERC20 public immutable era;
    IERAStaking public immutable staking;

    /// One slot, read and written by every post.
    uint128 internal _funded;
    uint64 public activationDelay;
    uint64 internal _rootCount;

    uint256 public bondsHeld;
    /// Hash of the rules the roots are computed by (zero: the deployment config's default rules).
    bytes32 public rulesHash;
    mapping(uint256 rootIndex => Root) internal _roots;
    mapping(address account => uint256) public claimed;
    mapping(address poster => uint256) public bondOf;
    mapping(uint256 rootIndex => address) public disputerOf;

    /// @param era_ The ERA token.
    /// @param staking_ ERAStaking, where `claimAndDelegate` delegates (it may pull any ERA of this
    /// contract, and only does so inside `delegateFor` called from here).
    /// @param governance Holder of DEFAULT_ADMIN_ROLE: the timelock.
    /// @param guardian Holder of GUARDIAN_ROLE (may disable roots).
    /// @param poster First holder of POSTER_ROLE (zero for none yet).
    /// @param activationDelay_ Delay of roots' activation: `DEFAULT_ACTIVATION_DELAY` on real
    /// networks; a dev chain may pass anything down to 0 here (the setter keeps the 1-hour floor).
    constructor(
        IERC20 era_,
        IERAStaking staking_,
        address governance,
        address guardian,
        address poster,
        uint64 activationDelay_
    ) EIP712("ERA Rewards", "1") {
        if (governance == address(0)) revert ZeroAddress();
        if (activationDelay_ > MAX_ACTIVATION_DELAY) {
            revert DelayOutOfRange(activationDelay_, 0, MAX_ACTIVATION_DELAY);
        }
        era = era_;
        staking = staking_;
        _grantRole(DEFAULT_ADMIN_ROLE, governance);
        _grantRole(GUARDIAN_ROLE, guardian);
        if (poster != address(0)) _grantRole(POSTER_ROLE, poster);
        activationDelay = activationDelay_;
        emit ActivationDelaySet(0, activationDelay_);
        // Once, so each claimAndDelegate skips an approval (OpenZeppelin's ERC20 does not spend an
        // infinite allowance).
        era_.forceApprove(address(staking_), type(uint256).max);
    }

    // ---------------------------------------------------------------- funding and bonds

    /// @inheritdoc IRewardsDistributor
    function fund(uint256 amount, bytes32 source) external {
        if (amount == 0) revert ZeroAmount();
        uint256 total = _addFunds(amount);
        emit Funded(msg.sender, source, amount, total);
        era.safeTransferFrom(msg.sender, address(this), amount);
    }

    /// @inheritdoc IRewardsDistributor
    function depositBond(uint256 amount) external {
        if (amount == 0) revert ZeroAmount();
        uint256 balance = bondOf[msg.sender] + amount;
        bondOf[msg.sender] = balance;
        bondsHeld += amount;
        emit BondDeposited(msg.sender, amount, balance);
        era.safeTransferFrom(msg.sender, address(this), amount);
    }

    /// @inheritdoc IRewardsDistributor
    function withdrawBond(uint256 amount) external {
        if (amount == 0) revert ZeroAmount();
        uint256 free = bondOf[msg.sender];
        if (amount > free) revert BondTooLow(msg.sender, free, amount);
        bondOf[msg.sender] = free - amount;
        bondsHeld -= amount;
        emit BondWithdrawn(msg.sender, amount, free - amount);
        era.safeTransfer(msg.sender, amount);
    }

    // ---------------------------------------------------------------- roots

    /// @inheritdoc IRewardsDistributor
    function postRoot(bytes32 root, bytes32 treeHash, bytes32 metricsHash, uint256 total)
        external
        onlyRole(POSTER_ROLE)
        returns (uint256 rootIndex)
    {
        if (root == bytes32(0)) revert ZeroRoot();
        uint256 funds = _funded;
        if (total > funds) revert RootAboveFunds(total, funds);
        uint256 free = bondOf[msg.sender];
        if (free < POST_BOND) revert BondTooLow(msg.sender, free, POST_BOND);
        // The bond stays inside `bondsHeld`: it moves from the poster's balance to the root.
        bondOf[msg.sender] = free - POST_BOND;
        uint64 delay = activationDelay;
        rootIndex = _rootCount++;
        uint40 activatesAt = (block.timestamp + delay).toUint40();
        _roots[rootIndex] = Root({
            root: root,
            poster: msg.sender,
            activatesAt: activatesAt,
            status: RootStatus.Posted,
            bondSettled: false
        });
        emit RootPosted(rootIndex, msg.sender, root, treeHash, metricsHash, total, activatesAt);
    }

    /// @inheritdoc IRewardsDistributor
    function dispute(uint256 rootIndex, bytes32 reason) external {
        Root storage r = _roots[rootIndex];
        RootStatus status = r.status;
        if (status != RootStatus.Posted) _revertStatus(rootIndex, status);
        if (block.timestamp >= r.activatesAt) revert DisputeWindowClosed(rootIndex, r.activatesAt);
        r.status = RootStatus.Disputed;
        disputerOf[rootIndex] = msg.sender;
        bondsHeld += DISPUTE_BOND;
        emit RootDisputed(rootIndex, msg.sender, reason);
        era.safeTransferFrom(msg.sender, address(this), DISPUTE_BOND);
    }

    /// @inheritdoc IRewardsDistributor
    function resolveDispute(uint256 rootIndex, bool uphold) external onlyRole(DEFAULT_ADMIN_ROLE) {
        address disputer = disputerOf[rootIndex];
        if (disputer == address(0)) revert NoOpenDispute(rootIndex);
        delete disputerOf[rootIndex];
        Root storage r = _roots[rootIndex];
        if (uphold) {
            r.status = RootStatus.Disabled;
            r.bondSettled = true;
            bondsHeld -= DISPUTE_BOND + POST_BOND;
            emit DisputeResolved(rootIndex, disputer, true, r.activatesAt);
            emit RootDisabled(rootIndex, msg.sender);
            era.safeTransfer(disputer, DISPUTE_BOND + POST_BOND);
        } else {
            // Governance has examined the root: it activates now (a second dispute would only delay
            // claimants again). A root the guardian disabled meanwhile stays disabled.
            if (r.status == RootStatus.Disputed) {
                r.status = RootStatus.Posted;
                if (r.activatesAt > block.timestamp) r.activatesAt = uint40(block.timestamp);
            }
            // Forfeited to the funds, not the poster: the delay hurt the claimants, not the poster,
            // and a poster paid by disputes could fund sybil disputes of its own roots for free.
            bondsHeld -= DISPUTE_BOND;
            uint256 total = _addFunds(DISPUTE_BOND);
            emit DisputeResolved(rootIndex, disputer, false, r.activatesAt);
            emit Funded(disputer, FORFEITED_BOND, DISPUTE_BOND, total);
        }
    }

    /// @inheritdoc IRewardsDistributor
    function disableRoot(uint256 rootIndex) external onlyRole(GUARDIAN_ROLE) {
        Root storage r = _roots[rootIndex];
        RootStatus status = r.status;
        if (status == RootStatus.None || status == RootStatus.Disabled) _revertStatus(rootIndex, status);
        r.status = RootStatus.Disabled;
        emit RootDisabled(rootIndex, msg.sender);
    }

    /// @inheritdoc IRewardsDistributor
    function releaseBond(uint256 rootIndex) external {
        Root storage r = _roots[rootIndex];
        RootStatus status = r.status;
        if (status == RootStatus.None) _revertStatus(rootIndex, status);
        if (r.bondSettled) revert BondSettled(rootIndex);
        if (disputerOf[rootIndex] != address(0)) revert DisputeOpen(rootIndex);
        if (status == RootStatus.Posted && block.timestamp < r.activatesAt) {
            revert RootNotActive(rootIndex, r.activatesAt, block.timestamp);
        }
        r.bondSettled = true;
        address poster = r.poster;
        bondOf[poster] += POST_BOND;
        emit BondReleased(rootIndex, poster, POST_BOND);
    }

    // ---------------------------------------------------------------- claims

    /// @inheritdoc IRewardsDistributor
    function claim(uint256 rootIndex, address account, uint256 cumulativeAmount, bytes32[] calldata proof)
        external
        returns (uint256 amount)
    {
        amount = _claim(rootIndex, account, cumulativeAmount, proof);
        era.safeTransfer(account, amount);
    }

    /// @inheritdoc IRewardsDistributor
    function claimAndDelegate(
        uint256 rootIndex,
        uint256 cumulativeAmount,
        bytes32[] calldata proof,
        address node
    ) external returns (uint256 amount, uint256 shares) {
        amount = _claim(rootIndex, msg.sender, cumulativeAmount, proof);
        shares = staking.delegateFor(node, msg.sender, amount);
    }

    /// @inheritdoc IRewardsDistributor
    function claimWithSig(
        uint256 rootIndex,
        address account,
        uint256 cumulativeAmount,
        bytes32[] calldata proof,
        ClaimAuth calldata auth,
        uint256 fee,
        bytes calldata signature
    ) external returns (uint256 amount) {
        if (block.timestamp > auth.deadline) {
            revert SignatureExpired(auth.deadline, block.timestamp);
        }
        if (auth.relayer != address(0) && auth.relayer != msg.sender) {
            revert WrongRelayer(auth.relayer, msg.sender);
        }
        if (fee > auth.maxFee) revert FeeAboveMax(fee, auth.maxFee);
        _useNonce(account, auth.nonce);
        bytes32 digest = _claimDigest(rootIndex, account, cumulativeAmount, auth);
        if (!SignatureChecker.isValidSignatureNow(account, digest, signature)) {
            revert InvalidSignature(account);
        }
        amount = _claim(rootIndex, account, cumulativeAmount, proof);
        if (fee > amount) revert FeeAboveClaim(fee, amount);
        emit RelayerPaid(account, msg.sender, auth.nonce, fee);
        if (fee != 0) era.safeTransfer(msg.sender, fee);
        if (amount != fee) era.safeTransfer(account, amount - fee);
    }

    // ---------------------------------------------------------------- governance

    /// @inheritdoc IRewardsDistributor
    function setActivationDelay(uint64 delay) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (delay < MIN_ACTIVATION_DELAY || delay > MAX_ACTIVATION_DELAY) {
            revert DelayOutOfRange(delay, MIN_ACTIVATION_DELAY, MAX_ACTIVATION_DELAY);
        }
        emit ActivationDelaySet(activationDelay, delay);
        activationDelay = delay;
    }

    /// @inheritdoc IRewardsDistributor
    function setRules(bytes32 rulesHash_, string calldata uri) external onlyRole(DEFAULT_ADMIN_ROLE) {
        rulesHash = rulesHash_;
        emit RulesSet(rulesHash_, uri);
    }

    // ---------------------------------------------------------------- views

    /// @inheritdoc IRewardsDistributor
    function rootOf(uint256 rootIndex) external view returns (Root memory) {
        return _roots[rootIndex];
    }

    /// @inheritdoc IRewardsDistributor
    function rootCount() external view returns (uint256) {
        return _rootCount;
    }

    /// @inheritdoc IRewardsDistributor
    function isActive(uint256 rootIndex) external view returns (bool) {
        Root storage r = _roots[rootIndex];
        return r.status == RootStatus.Posted && block.timestamp >= r.activatesAt;
    }

    /// @inheritdoc IRewardsDistributor
    function funded() external view returns (uint256) {
        return _funded;
    }

    /// @inheritdoc IRewardsDistributor
    function claimDigest(
        uint256 rootIndex,
        address account,
        uint256 cumulativeAmount,
        ClaimAuth calldata auth
    ) external view returns (bytes32) {
        return _claimDigest(rootIndex, account, cumulativeAmount, auth);
    }

    // ---------------------------------------------------------------- internal

    /// Checks the proof against an active root and records the payment; the caller moves the ERA.
    function _claim(uint256 rootIndex, address account, uint256 cumulativeAmount, bytes32[] calldata proof)
        internal
        returns (uint256 amount)
    {
        Root storage r = _roots[rootIndex];
        RootStatus status = r.status;
        if (status != RootStatus.Posted) _revertStatus(rootIndex, status);
        if (block.timestamp < r.activatesAt) revert RootNotActive(rootIndex, r.activatesAt, block.timestamp);
        // OpenZeppelin StandardMerkleTree leaf: double hashing, so no 64-byte inner node is a leaf.
        bytes32 leaf = keccak256(bytes.concat(keccak256(abi.encode(account, cumulativeAmount))));
        if (!MerkleProof.verifyCalldata(proof, r.root, leaf)) {
            revert InvalidProof(rootIndex, account, cumulativeAmount);
        }
        // Cumulative: whatever root a claim uses, the account is never paid beyond the amount proven.
        uint256 paid = claimed[account];
        if (cumulativeAmount <= paid) revert NothingToClaim(account, cumulativeAmount, paid);
        claimed[account] = cumulativeAmount;
        amount = cumulativeAmount - paid;
        emit Claimed(account, rootIndex, amount, cumulativeAmount);
    }

    function _claimDigest(
        uint256 rootIndex,
        address account,
        uint256 cumulativeAmount,
        ClaimAuth calldata auth
    ) internal view returns (bytes32) {
        return _hashTypedDataV4(
            keccak256(
                abi.encode(
                    CLAIM_TYPEHASH,
                    rootIndex,
                    account,
                    cumulativeAmount,
                    auth.nonce,
                    auth.deadline,
                    auth.maxFee,
                    auth.relayer
                )
            )
        );
    }

    function _addFunds(uint256 amount) internal returns (uint256 total) {
        total = _funded + amount;
        _funded = total.toUint128();
    }

    /// Reverts with the error that says why a root of `status` cannot take the call.
    function _revertStatus(uint256 rootIndex, RootStatus status) internal view {
        if (status == RootStatus.None) revert UnknownRoot(rootIndex, _rootCount);
        if (status == RootStatus.Disputed) revert RootIsDisputed(rootIndex);
        if (status == RootStatus.Disabled) revert RootIsDisabled(rootIndex);
    }
}
