// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IAsyncExecution} from "../interfaces/IAsyncExecution.sol";
import {PositionalMerkle} from "../libraries/PositionalMerkle.sol";
import {TransientDeltas} from "../libraries/TransientDeltas.sol";
import {ExecutionModes} from "./ExecutionModes.sol";
import {SettlementLedger} from "./SettlementLedger.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {SignatureChecker} from "@openzeppelin/contracts/utils/cryptography/SignatureChecker.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";

/// @title AsyncExecution: standard single-step actions and bonded, challengeable async batches
/// @notice See {IAsyncExecution}.
/// @dev Adversarial review, entry point by entry point (who calls, what it costs, what can go wrong):
/// - `execute`: anyone relays a signed action; the signature, deadline and nonce bind it, so a
///   relayer can only choose when (before the deadline) and a front-runner only pays the gas for
///   the user. Every check is made here; nothing is left to challenge.
/// - `bond`/`requestUnbond`/`unbond`: the executor itself. Unbonding stops backing new batches at
///   once and waits one challenge window and zero exposure, so a bond never leaves while a batch it
///   backs can still be challenged.
/// - `executeAsync`: any bonded executor, while the scenario is in `Async`. It applies transfers of
///   other people's balances without checking signatures: what makes that safe is that the batch's
///   whole possible slash (amounts + rewards) is reserved from its bond before anything moves, and
///   that every action is in ERA, the bond's token, so a slash repays in kind. A forged action
///   therefore costs the executor the amount and the reward and gains its accomplice `to` at most
///   the amount: a loss. A user front-running with a withdrawal only makes the batch revert
///   (`InsufficientBalance`): the executor loses gas, no one loses funds. The calldata is the data
///   availability: watchers rebuild leaves and proofs from it (and the root from the event).
/// - `challenge`: anyone within the window, once per leaf (bitmap). Verdicts are deterministic:
///   ECDSA only (an ERC-1271 wallet could answer differently at challenge than at execution and so
///   farm slashes; contract accounts use the standard mode), deadlines against the stored
///   execution time, nonce reuse against an earlier included leaf that itself was validly signed
///   and in time (so a forgery cannot spend a user's nonce and make its genuine action look like a
///   replay). The bitmap is not evidence: a user could set a bit after the execution and call a
///   valid action fraudulent. Reward: `CHALLENGE_REWARD_BPS` of the amount, paid from the same
///   bond as the compensation, so an executor challenging itself through a friend moves
///   `amount + reward` out of its bond and gets back at most the reward: it never gains.
///   A front-runner copying a challenge takes the reward; the victim is compensated either way.
/// - `finalize`: anyone after the window; it only releases exposure, results are already applied.
/// - `setChallengeWindow`: the timelock, within [10 minutes, 7 days]; open batches keep theirs.
abstract contract AsyncExecution is ExecutionModes, SettlementLedger, IAsyncExecution {
    using SafeERC20 for IERC20;

    bytes32 private constant ACTION_TYPEHASH = keccak256(
        "Action(uint256 scenarioId,address from,address to,address token,uint256 amount,uint256 nonce,uint256 deadline)"
    );
    bytes32 private constant ASYNC_ACTION_TYPEHASH = keccak256(
        "AsyncAction(uint256 scenarioId,address from,address to,address token,uint256 amount,uint256 nonce,uint256 deadline)"
    );

    /// @inheritdoc IAsyncExecution
    /// @dev 10%: enough to pay a watcher's challenge (~100k gas) on actions worth more than a few
    /// cents, small enough that the bond reserved per ERA moved stays 1.1 ERA.
    uint256 public constant CHALLENGE_REWARD_BPS = 1_000;
    /// Largest batch: depth 10. The root is rebuilt in memory, and a larger batch would no longer
    /// fit a block's gas limit anyway (about 13k gas per action).
    uint256 internal constant MAX_BATCH = 1_024;
    uint64 internal constant MIN_WINDOW = 10 minutes;
    uint64 internal constant MAX_WINDOW = 7 days;

    /// The challenge window while governance has set none: 1 hour, ~300 blocks for a watcher to
    /// read a batch's calldata and send one transaction even through congestion, while an
    /// executor's bond turns over ~24 times a day. Light actions are small and their watchers are
    /// the users' own wallets, so hours, not the days an L2 bridge needs.
    uint64 internal constant DEFAULT_WINDOW = 1 hours;

    /// This part's state. The engine runs this code by `delegatecall` from its facet (see
    /// SettlementEngine), so it lives in its own ERC-7201 namespace, apart from every slot of the
    /// engine's other parts, and has no initializers (they would run in the facet's constructor,
    /// not in the engine): a zero window means `DEFAULT_WINDOW`.
    /// @custom:storage-location erc7201:era.settlement.async
    struct AsyncStorage {
        uint64 challengeWindow;
        uint256 totalBonded;
        uint256 batchCount;
        mapping(address executor => Executor) executors;
        mapping(uint256 batchId => Batch) batches;
        mapping(uint256 batchId => mapping(uint256 word => uint256 bits)) challenged;
    }

    // keccak256(abi.encode(uint256(keccak256("era.settlement.async")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant ASYNC_STORAGE =
        0x864a253dd35f691cd5ef1b61d8ee37d4cc477d5083ee991e7713c0479f9d1300;

    // ---------------------------------------------------------------- standard

    /// @inheritdoc IAsyncExecution
    function execute(Action calldata action, bytes calldata signature) external locked {
        _requireMode(action.scenarioId, Mode.Standard);
        if (block.timestamp > action.deadline) revert ActionExpired(action.deadline, block.timestamp);
        if (action.amount == 0) revert ZeroAmount();
        if (action.to == address(0)) revert ZeroAddress();
        bytes32 digest = _digest(action, ACTION_TYPEHASH);
        if (!SignatureChecker.isValidSignatureNowCalldata(action.from, digest, signature)) {
            revert BadActionSignature(action.from, digest);
        }
        _useNonce(action.from, action.nonce);
        _debit(action.token, action.from, action.amount);
        _credit(action.token, action.to, action.amount);
        emit ActionExecuted(
            action.scenarioId, action.from, action.to, action.token, action.amount, action.nonce
        );
    }

    // ---------------------------------------------------------------- bonds

    /// @inheritdoc IAsyncExecution
    function bond(uint256 amount) external locked {
        if (amount == 0) revert ZeroAmount();
        Executor storage executor = _async().executors[msg.sender];
        uint128 bonded = executor.bonded + SafeCast.toUint128(amount);
        executor.bonded = bonded;
        _async().totalBonded += amount;
        emit ExecutorBonded(msg.sender, amount, bonded);
        era.safeTransferFrom(msg.sender, address(this), amount);
    }

    /// @inheritdoc IAsyncExecution
    function requestUnbond(uint256 amount) external locked {
        if (amount == 0) revert ZeroAmount();
        Executor storage executor = _async().executors[msg.sender];
        uint256 free = _free(executor);
        if (amount > free) revert BondNotFree(msg.sender, amount, free);
        uint64 unbondAt = uint64(block.timestamp) + _window();
        // Fits: at most `bonded`.
        // forge-lint: disable-next-line(unsafe-typecast)
        executor.unbonding += uint128(amount);
        executor.unbondAt = unbondAt;
        emit UnbondRequested(msg.sender, executor.unbonding, unbondAt);
    }

    /// @inheritdoc IAsyncExecution
    function unbond(address to) external locked {
        if (to == address(0)) revert ZeroAddress();
        Executor storage executor = _async().executors[msg.sender];
        uint256 amount = executor.unbonding;
        if (amount == 0) revert NothingUnbonding(msg.sender);
        if (block.timestamp < executor.unbondAt) revert UnbondNotReady(executor.unbondAt, block.timestamp);
        if (executor.exposure != 0) revert UnbondWithExposure(msg.sender, executor.exposure);
        // At most `bonded`: `unbonding` never exceeds it.
        // forge-lint: disable-next-line(unsafe-typecast)
        executor.bonded -= uint128(amount);
        executor.unbonding = 0;
        _async().totalBonded -= amount;
        emit ExecutorUnbonded(msg.sender, to, amount);
        era.safeTransfer(to, amount);
    }

    // ---------------------------------------------------------------- async

    /// @inheritdoc IAsyncExecution
    function executeAsync(uint256 scenarioId, Action[] calldata actions, bytes[] calldata signatures)
        external
        locked
        returns (uint256 batchId)
    {
        _requireMode(scenarioId, Mode.Async);
        Executor storage executor = _async().executors[msg.sender];
        if (executor.bonded == 0) revert NotBonded(msg.sender);
        uint256 count = actions.length;
        if (count == 0 || count > MAX_BATCH || count != signatures.length) {
            revert BadBatchShape(count, signatures.length, MAX_BATCH);
        }
        address token = address(era);
        bytes32[] memory leaves = new bytes32[](count);
        uint256 total = 0;
        for (uint256 i; i < count; ++i) {
            Action calldata action = actions[i];
            if (action.scenarioId != scenarioId) {
                revert ActionScenarioMismatch(i, action.scenarioId, scenarioId);
            }
            if (action.token != token) revert AsyncTokenNotBonded(i, action.token);
            // `total` is checked below to fit 128 bits, so every amount does and the casts are exact.
            total += action.amount;
            int256 amount = int256(action.amount);
            TransientDeltas.add(token, action.from, -amount);
            TransientDeltas.add(token, action.to, amount);
            leaves[i] = _leaf(_digest(action, ASYNC_ACTION_TYPEHASH), signatures[i]);
        }
        uint256 exposure = SafeCast.toUint128(total + _reward(total));
        _flushDeltas();

        uint256 free = _free(executor);
        if (exposure > free) revert ExposureAboveBond(msg.sender, exposure, free);
        // Checked to fit 128 bits by SafeCast above.
        // forge-lint: disable-next-line(unsafe-typecast)
        executor.exposure += uint128(exposure);

        batchId = _record(scenarioId, leaves, exposure);
    }

    /// @inheritdoc IAsyncExecution
    function challenge(Inclusion calldata leaf, Fraud fraud, Inclusion calldata prior)
        external
        locked
        returns (uint256 reward)
    {
        Batch storage batch = _batch(leaf.batchId);
        if (block.timestamp > batch.challengeEnd) {
            revert ChallengeWindowClosed(leaf.batchId, batch.challengeEnd, block.timestamp);
        }
        _requireFraud(batch, leaf, fraud, prior);
        // The shifted value is the constant 1, on purpose.
        // forge-lint: disable-next-line(incorrect-shift)
        uint256 bit = 1 << (leaf.index & 0xff);
        uint256 bits = _async().challenged[leaf.batchId][leaf.index >> 8];
        if (bits & bit != 0) revert AlreadyChallenged(leaf.batchId, leaf.index);
        _async().challenged[leaf.batchId][leaf.index >> 8] = bits | bit;

        // Inclusion bounds the amount: it was counted in the batch's exposure, reserved from the bond.
        address from = leaf.action.from;
        uint256 amount = leaf.action.amount;
        reward = _reward(amount);
        // At most the batch's exposure, which fits 128 bits.
        // forge-lint: disable-next-line(unsafe-typecast)
        uint128 slash = uint128(amount + reward);
        batch.exposure -= slash;
        Executor storage executor = _async().executors[batch.executor];
        (executor.bonded, executor.exposure) = (executor.bonded - slash, executor.exposure - slash);
        _async().totalBonded -= slash;
        _credit(address(era), from, amount);
        _credit(address(era), msg.sender, reward);
        totalBalances[address(era)] += slash;
        emit AsyncActionChallenged(leaf.batchId, leaf.index, fraud, msg.sender, from, amount, reward);
    }

    /// @inheritdoc IAsyncExecution
    function finalize(uint256 batchId) external locked {
        Batch storage batch = _batch(batchId);
        if (batch.finalized) revert BatchAlreadyFinal(batchId);
        if (block.timestamp <= batch.challengeEnd) {
            revert ChallengeWindowOpen(batchId, batch.challengeEnd, block.timestamp);
        }
        uint128 released = batch.exposure;
        batch.finalized = true;
        _async().executors[batch.executor].exposure -= released;
        emit AsyncBatchFinalized(batchId, batch.executor, released);
    }

    // ---------------------------------------------------------------- governance

    /// @inheritdoc IAsyncExecution
    function setChallengeWindow(uint64 window) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (window < MIN_WINDOW || window > MAX_WINDOW) {
            revert ChallengeWindowOutOfRange(window, MIN_WINDOW, MAX_WINDOW);
        }
        _async().challengeWindow = window;
        emit ChallengeWindowSet(window);
    }

    // ---------------------------------------------------------------- views

    /// @inheritdoc IAsyncExecution
    function executorOf(address executor) external view returns (Executor memory) {
        return _async().executors[executor];
    }

    /// @inheritdoc IAsyncExecution
    function batchOf(uint256 batchId) external view returns (Batch memory) {
        return _async().batches[batchId];
    }

    /// @inheritdoc IAsyncExecution
    function isChallenged(uint256 batchId, uint256 index) external view returns (bool) {
        // The shifted value is the constant 1, on purpose.
        // forge-lint: disable-next-line(incorrect-shift)
        return _async().challenged[batchId][index >> 8] & (1 << (index & 0xff)) != 0;
    }

    /// @inheritdoc IAsyncExecution
    function actionDigest(Action calldata action, bool async_) external view returns (bytes32) {
        return _digest(action, async_ ? ASYNC_ACTION_TYPEHASH : ACTION_TYPEHASH);
    }

    // ---------------------------------------------------------------- internal

    function _digest(Action calldata action, bytes32 typehash) private view returns (bytes32) {
        return _hashTypedDataV4(keccak256(abi.encode(typehash, action)));
    }

    function _leaf(bytes32 digest, bytes calldata signature) private pure returns (bytes32) {
        return keccak256(abi.encode(digest, keccak256(signature)));
    }

    function _reward(uint256 amount) private pure returns (uint256) {
        return amount * CHALLENGE_REWARD_BPS / 10_000;
    }

    /// Bond that may back new batches or be unbonded.
    function _free(Executor storage executor) private view returns (uint256) {
        return executor.bonded - executor.exposure - executor.unbonding;
    }

    function _batch(uint256 batchId) private view returns (Batch storage batch) {
        batch = _async().batches[batchId];
        if (batch.executor == address(0)) revert UnknownAsyncBatch(batchId);
    }

    /// Stores batch `leaves`' root and record, backed by `exposure` of the caller's bond.
    function _record(uint256 scenarioId, bytes32[] memory leaves, uint256 exposure)
        private
        returns (uint256 batchId)
    {
        batchId = ++_async().batchCount;
        uint8 depth = PositionalMerkle.depthFor(leaves.length);
        bytes32 root = PositionalMerkle.rootOf(leaves, depth);
        // Timestamps fit 40 bits until the year 36,812.
        // forge-lint: disable-next-line(unsafe-typecast)
        uint40 challengeEnd = uint40(block.timestamp + _window());
        _async().batches[batchId] = Batch({
            root: root,
            executor: msg.sender,
            executedAt: uint40(block.timestamp),
            challengeEnd: challengeEnd,
            depth: depth,
            // Checked to fit 128 bits by SafeCast in `executeAsync`.
            // forge-lint: disable-next-line(unsafe-typecast)
            exposure: uint128(exposure),
            count: uint32(leaves.length),
            finalized: false
        });
        emit AsyncBatchExecuted(batchId, scenarioId, msg.sender, root, leaves.length, exposure, challengeEnd);
    }

    /// Reverts unless `leaf` is included in `batch` and wrong by `fraud` (naming why it is valid).
    function _requireFraud(
        Batch storage batch,
        Inclusion calldata leaf,
        Fraud fraud,
        Inclusion calldata prior
    ) private view {
        bytes32 digest = _proveIncluded(batch, leaf);
        Action calldata action = leaf.action;
        if (fraud == Fraud.BadSignature) {
            if (_signedBy(action.from, digest, leaf.signature)) revert SignatureValid(action.from, digest);
        } else if (fraud == Fraud.Expired) {
            if (action.deadline >= batch.executedAt) revert DeadlineMet(action.deadline, batch.executedAt);
        } else if (!_spentBefore(leaf, prior)) {
            revert NonceNotReused(action.from, action.nonce, prior.batchId, prior.index);
        }
    }

    /// The async digest of `inclusion`'s action, reverting unless it is at its position in `batch`.
    function _proveIncluded(Batch storage batch, Inclusion calldata inclusion)
        private
        view
        returns (bytes32 digest)
    {
        digest = _digest(inclusion.action, ASYNC_ACTION_TYPEHASH);
        bytes32 leaf = _leaf(digest, inclusion.signature);
        if (
            inclusion.index >= batch.count
                || !PositionalMerkle.verify(batch.root, batch.depth, inclusion.index, leaf, inclusion.proof)
        ) revert NotInBatch(inclusion.batchId, inclusion.index);
    }

    /// Whether `prior` is an earlier inclusion of the same signer's nonce that validly spent it
    /// (signed by the signer and in time).
    function _spentBefore(Inclusion calldata leaf, Inclusion calldata prior) private view returns (bool) {
        if (prior.batchId > leaf.batchId || (prior.batchId == leaf.batchId && prior.index >= leaf.index)) {
            return false;
        }
        if (prior.action.from != leaf.action.from || prior.action.nonce != leaf.action.nonce) return false;
        Batch storage batch = _batch(prior.batchId);
        bytes32 digest = _proveIncluded(batch, prior);
        return
            _signedBy(prior.action.from, digest, prior.signature) && prior.action.deadline >= batch.executedAt;
    }

    /// Whether `signature` is `signer`'s ECDSA signature of `digest` (deterministic: no ERC-1271).
    function _signedBy(address signer, bytes32 digest, bytes calldata signature) private pure returns (bool) {
        (address recovered, ECDSA.RecoverError error,) = ECDSA.tryRecoverCalldata(digest, signature);
        return error == ECDSA.RecoverError.NoError && recovered == signer;
    }

    /// @inheritdoc IAsyncExecution
    function challengeWindow() external view returns (uint64) {
        return _window();
    }

    /// @inheritdoc IAsyncExecution
    function totalBonded() external view returns (uint256) {
        return _async().totalBonded;
    }

    /// @inheritdoc IAsyncExecution
    function batchCount() external view returns (uint256) {
        return _async().batchCount;
    }

    function _window() private view returns (uint64 window) {
        window = _async().challengeWindow;
        if (window == 0) window = DEFAULT_WINDOW;
    }

    function _async() private pure returns (AsyncStorage storage $) {
        assembly ("memory-safe") {
            $.slot := ASYNC_STORAGE
        }
    }
}
