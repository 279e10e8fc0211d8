// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title Light interaction: standard single-step actions and asynchronously verified batches
/// @notice An action is a user-signed (EIP-712) transfer of ledger balance: a tip, an in-game
/// purchase. Two modes run it (see {IExecutionModes}):
/// - `Standard`: anyone relays one action per call and every check is made at once (signature by
///   `from`, EOA or ERC-1271; deadline; nonce in the engine's bitmap).
/// - `Async`: a bonded executor applies a whole batch at once WITHOUT those checks: it only
///   commits to them. The batch's Merkle root of (action digest, signature hash) leaves is stored,
///   the calldata is what watchers read, and anyone may challenge one action within the challenge
///   window by proving its inclusion and that it was wrong: a signature that does not recover to
///   `from`, a deadline that had passed at execution, or a nonce that an earlier included, validly
///   signed action of the same signer already used. An upheld challenge slashes the executor's
///   bond: `from` is compensated the amount into its ledger balance and the challenger is paid a
///   reward. After the window anyone finalizes the batch, which releases the bond it held.
/// Async actions are signed under their own type (`AsyncAction`), so a signature made for one mode
/// can never be replayed in the other; async nonces are their own space, checked by challenge
/// only (not the bitmap), and an async signature is cancelled by its deadline only.
/// Async actions move ERA only, the bond's token, so a slash compensates exactly what was taken.
interface IAsyncExecution {
    /// @notice A user-signed transfer of `amount` of `token` from `from`'s ledger balance to `to`'s.
    /// Signed as EIP-712 type `Action` (standard mode) or `AsyncAction` (async mode), same fields.
    /// @param nonce Any unused number of `from` (unordered); async nonces are a separate space.
    /// @param deadline Last timestamp at which the action may be executed.
    struct Action {
        uint256 scenarioId;
        address from;
        address to;
        address token;
        uint256 amount;
        uint256 nonce;
        uint256 deadline;
    }

    /// @notice An executor's bond in ERA.
    /// @param bonded ERA posted, including what is unbonding.
    /// @param exposure What open batches may still be slashed (amounts plus rewards).
    /// @param unbonding Requested out; no longer backs new batches.
    /// @param unbondAt When the unbonding part may be withdrawn.
    struct Executor {
        uint128 bonded;
        uint128 exposure;
        uint128 unbonding;
        uint64 unbondAt;
    }

    /// @notice One async batch (three storage slots).
    /// @param root Positional Merkle root of the leaves `keccak256(abi.encode(digest, keccak256(signature)))`.
    /// @param executor Whose bond backs it.
    /// @param executedAt Timestamp of execution (deadlines are judged against it).
    /// @param challengeEnd Last timestamp a challenge is accepted.
    /// @param depth The tree's depth (a proof has exactly this many siblings).
    /// @param exposure What may still be slashed from it.
    /// @param count Number of actions.
    /// @param finalized Whether `finalize` released it.
    struct Batch {
        bytes32 root;
        address executor;
        uint40 executedAt;
        uint40 challengeEnd;
        uint8 depth;
        uint128 exposure;
        uint32 count;
        bool finalized;
    }

    /// @notice An action of batch `batchId` at position `index`, with its signature and the proof.
    struct Inclusion {
        uint256 batchId;
        uint256 index;
        Action action;
        bytes signature;
        bytes32[] proof;
    }

    /// @notice What a challenge claims was wrong with an included action.
    enum Fraud {
        BadSignature,
        Expired,
        NonceReused
    }

    /// @notice The signature does not verify for `from` over `digest`.
    error BadActionSignature(address from, bytes32 digest);
    /// @notice The action's `deadline` passed; it is `timestamp` now.
    error ActionExpired(uint256 deadline, uint256 timestamp);
    /// @notice A batch needs at least one action, at most `max`, and one signature each:
    /// `actions` actions and `signatures` signatures were given.
    error BadBatchShape(uint256 actions, uint256 signatures, uint256 max);
    /// @notice Action `index` is for scenario `actual`, not the batch's `expected`.
    error ActionScenarioMismatch(uint256 index, uint256 actual, uint256 expected);
    /// @notice Action `index` moves `token`; async actions move ERA only (the bond's token).
    error AsyncTokenNotBonded(uint256 index, address token);
    /// @notice `executor` has no bond: `bond` first.
    error NotBonded(address executor);
    /// @notice The batch's `exposure` exceeds `executor`'s free bond `free`.
    error ExposureAboveBond(address executor, uint256 exposure, uint256 free);
    /// @notice `amount` exceeds `executor`'s free bond `free` (bond less exposure and unbonding).
    error BondNotFree(address executor, uint256 amount, uint256 free);
    /// @notice `executor` has nothing unbonding: `requestUnbond` first.
    error NothingUnbonding(address executor);
    /// @notice The unbonding part may be withdrawn at `readyAt`; it is `timestamp` now.
    error UnbondNotReady(uint256 readyAt, uint256 timestamp);
    /// @notice `executor` still has `exposure` in open batches: finalize them first.
    error UnbondWithExposure(address executor, uint256 exposure);
    /// @notice No async batch `batchId`.
    error UnknownAsyncBatch(uint256 batchId);
    /// @notice Batch `batchId`'s challenge window ended at `challengeEnd`; it is `timestamp` now.
    error ChallengeWindowClosed(uint256 batchId, uint256 challengeEnd, uint256 timestamp);
    /// @notice Batch `batchId`'s challenge window is open until `challengeEnd`; it is `timestamp` now.
    error ChallengeWindowOpen(uint256 batchId, uint256 challengeEnd, uint256 timestamp);
    /// @notice Batch `batchId` is already final.
    error BatchAlreadyFinal(uint256 batchId);
    /// @notice The action and proof given are not at position `index` of batch `batchId`.
    error NotInBatch(uint256 batchId, uint256 index);
    /// @notice The action at position `index` of batch `batchId` was already challenged.
    error AlreadyChallenged(uint256 batchId, uint256 index);
    /// @notice Not fraud: the signature does recover to `from` over `digest`.
    error SignatureValid(address from, bytes32 digest);
    /// @notice Not fraud: the `deadline` had not passed at execution (`executedAt`).
    error DeadlineMet(uint256 deadline, uint256 executedAt);
    /// @notice Not fraud: the evidence is no earlier, validly signed inclusion of `from`'s `nonce`
    /// (batch `priorBatch`, position `priorIndex`).
    error NonceNotReused(address from, uint256 nonce, uint256 priorBatch, uint256 priorIndex);
    /// @notice A challenge window of `window` seconds is outside [`min`, `max`].
    error ChallengeWindowOutOfRange(uint256 window, uint256 min, uint256 max);

    /// @notice Standard mode: `from` paid `to` `amount` of `token` in scenario `scenarioId`.
    event ActionExecuted(
        uint256 indexed scenarioId,
        address indexed from,
        address indexed to,
        address token,
        uint256 amount,
        uint256 nonce
    );
    /// @notice `executor` posted `amount` of ERA as bond; it holds `bonded` now.
    event ExecutorBonded(address indexed executor, uint256 amount, uint256 bonded);
    /// @notice `executor` asked to withdraw `unbonding` of its bond from `unbondAt`.
    event UnbondRequested(address indexed executor, uint256 unbonding, uint256 unbondAt);
    /// @notice `executor` withdrew `amount` of its bond to `to`.
    event ExecutorUnbonded(address indexed executor, address to, uint256 amount);
    /// @notice `executor` applied batch `batchId` of `count` actions of scenario `scenarioId`,
    /// committing to `root`, backed by `exposure` of its bond until `challengeEnd`.
    event AsyncBatchExecuted(
        uint256 indexed batchId,
        uint256 indexed scenarioId,
        address indexed executor,
        bytes32 root,
        uint256 count,
        uint256 exposure,
        uint256 challengeEnd
    );
    /// @notice `challenger` proved action `index` of batch `batchId` wrong (`fraud`): `from` was
    /// compensated `amount` and the challenger paid `reward`, both from the executor's bond.
    event AsyncActionChallenged(
        uint256 indexed batchId,
        uint256 index,
        Fraud fraud,
        address indexed challenger,
        address indexed from,
        uint256 amount,
        uint256 reward
    );
    /// @notice Batch `batchId` is final; `released` of `executor`'s bond is free again.
    event AsyncBatchFinalized(uint256 indexed batchId, address indexed executor, uint256 released);
    /// @notice Governance set the challenge window of new batches to `window` seconds.
    event ChallengeWindowSet(uint256 window);

    /// @notice Standard mode: executes one action signed by `action.from` (EOA or ERC-1271) with
    /// every check at once. Anyone may relay it; the scenario must run in `Standard` now.
    function execute(Action calldata action, bytes calldata signature) external;

    /// @notice Posts `amount` of the caller's ERA (approve first) as its executor bond.
    function bond(uint256 amount) external;

    /// @notice Starts unbonding `amount` of the caller's free bond: it stops backing new batches at
    /// once and may be withdrawn by `unbond` after one challenge window. Repeating adds to it and
    /// restarts the delay.
    function requestUnbond(uint256 amount) external;

    /// @notice Withdraws the caller's unbonding part to `to`, after the delay and once none of its
    /// batches is open (exposure zero).
    function unbond(address to) external;

    /// @notice Async mode: a bonded executor applies every action of `actions` (all of scenario
    /// `scenarioId`, in ERA) at once, without checking `signatures`: its bond must cover the
    /// amounts plus the challengers' rewards. The scenario must run in `Async` now.
    /// @return batchId The new batch.
    function executeAsync(uint256 scenarioId, Action[] calldata actions, bytes[] calldata signatures)
        external
        returns (uint256 batchId);

    /// @notice Anyone, within the batch's window: proves that `leaf` is included and was wrong by
    /// `fraud`. For `NonceReused`, `prior` is an earlier included, validly signed action of the same
    /// signer and nonce (ignored otherwise). Slashes the executor: compensates `from`, pays the caller.
    /// @return reward What the caller was credited (ERA, in its ledger balance).
    function challenge(Inclusion calldata leaf, Fraud fraud, Inclusion calldata prior)
        external
        returns (uint256 reward);

    /// @notice Anyone, after batch `batchId`'s window: makes its results final and frees the bond it held.
    function finalize(uint256 batchId) external;

    /// @notice Sets the challenge window of batches executed from now on. Governance only.
    function setChallengeWindow(uint64 window) external;

    /// @notice Challenge window of new batches, in seconds.
    function challengeWindow() external view returns (uint64);

    /// @notice Reward of an upheld challenge, in basis points of the action's amount.
    function CHALLENGE_REWARD_BPS() external view returns (uint256);

    /// @notice Sum of every executor's bond (ERA held by the engine besides the ledger).
    function totalBonded() external view returns (uint256);

    /// @notice Number of async batches executed (ids run from 1).
    function batchCount() external view returns (uint256);

    /// @notice `executor`'s bond.
    function executorOf(address executor) external view returns (Executor memory);

    /// @notice Async batch `batchId`.
    function batchOf(uint256 batchId) external view returns (Batch memory);

    /// @notice Whether action `index` of batch `batchId` was challenged (upheld).
    function isChallenged(uint256 batchId, uint256 index) external view returns (bool);

    /// @notice The EIP-712 digest `from` signs for `action` in standard (`async_ == false`) or async mode.
    function actionDigest(Action calldata action, bool async_) external view returns (bytes32);
}
