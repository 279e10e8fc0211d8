// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IGroth16Verifier} from "./IGroth16Verifier.sol";
import {IStateAssetRegistry} from "./IStateAssetRegistry.sol";

/// @title Derivative registry: certificates bound to live core state assets, licensed for ERA
/// @notice A derivative (a planting plan, a market forecast, a fault-warning model) is an artifact,
/// bound by its content hash, that a core state asset's committed record earned: a Groth16 proof
/// opens the core's commitment and shows the record meets a rule's threshold (integrity share,
/// timeliness, continuity). Rules are set per core schema by a stake-weighted commit-reveal vote of
/// ERA nodes and enacted by the timelock. A derivative is usable only while its rule is active and
/// its core is `Live` in the state-asset registry, read there at every use: revoking, retiring or
/// successfully challenging the core stops it at once. Adopters (bytes32 consumers, like a
/// state-asset authorization's) are licensed once for the rule's adoption price; every invocation
/// pays the invocation price; both are credited to the provider (the core's owner) and claimed
/// with `claim`. A provider may pledge a derivative for an ERA credit line from a governance-funded
/// pool: limit = core anchor x LTV x rule weight. On default (overdue, or core not live) anyone may
/// liquidate: the derivative is seized (its income goes to the pool) and the core's anchor is put
/// at stake through the state-asset registry's own commit-reveal challenge, bonded from the pool.
/// @dev Roles: DEFAULT_ADMIN_ROLE (the timelock) enacts rules that passed a vote, sets voting and
/// credit parameters, takes ERA out of the credit pool and unpauses; GUARDIAN_ROLE may pause
/// proposals, registrations, adoptions, invocations, pledges and draws. Withdrawals, claims,
/// repayments and liquidations are never paused: leaving and paying back are never blocked.
/// Who gains what by going first: proposals need a staked node and lock nobody's funds (spam costs
/// gas, nodes ignore it); votes are commit-reveal (a copied commitment cannot be revealed without
/// its salt, and it binds the node) weighted by the smaller stake at commit and reveal (NodeBallot),
/// so stake moved between nodes mid-vote counts once; liquidation pays the caller nothing, so a race
/// to liquidate has no prize, and its challenge of the core is the registry's own, whose 10% bond,
/// paid from the pool, goes to the core's owner if governance dismisses it; adopting for someone
/// else only pays their licence; seizing needs an objective default checked on chain. One anchor backs
/// one credit line at a time (`pledgeOf`), so registering more artifacts on a core borrows nothing more.
interface IDerivativeRegistry {
    /// @notice A rule: which proof over which core schema earns which derivative, at what prices.
    /// @param verifier The derivative circuit's Groth16 verifier (its `SCHEMA_ID` is the circuit).
    /// @param threshold The share the proof must show, percent (0..=100); part of the binding.
    /// @param weightBps The derivative's weight relative to its core, basis points (15,000 = 1.5x):
    /// scales the credit limit.
    /// @param coreSchema The state-asset registry's schema id of the cores it applies to.
    /// @param kind What the derivative is, e.g. "planting-plan".
    /// @param adoptionPrice ERA wei credited to the provider per adopter (default 50 ERA).
    /// @param invocationPrice ERA wei credited to the provider per invocation (default 400 ERA).
    /// @param active Whether new derivatives may be registered and existing ones are usable.
    struct Rule {
        IGroth16Verifier verifier;
        uint8 threshold;
        uint32 weightBps;
        bytes32 coreSchema;
        bytes32 kind;
        uint96 adoptionPrice;
        uint96 invocationPrice;
        bool active;
    }

    /// @notice A rule proposal and its ballot (ballot id `bytes32(proposalId)` in NodeBallot).
    /// @param rule The rule it would set under `ruleId`.
    /// @param ruleId `ruleIdOf(rule.coreSchema, rule.verifier.SCHEMA_ID())`.
    /// @param proposer The node that proposed it.
    /// @param commitEnd Commitments are taken until this time (inclusive).
    /// @param revealEnd Reveals are taken after `commitEnd` until this time (inclusive).
    /// @param yes Revealed stake weight in favour, ERA wei.
    /// @param no Revealed stake weight against, ERA wei.
    /// @param enacted Whether the timelock enacted it.
    struct Proposal {
        Rule rule;
        bytes32 ruleId;
        address proposer;
        uint40 commitEnd;
        uint40 revealEnd;
        uint128 yes;
        uint128 no;
        bool enacted;
    }

    /// @notice A registered derivative. The first slot is what an adoption or invocation writes.
    /// @param provider The core's owner when it was registered: paid for its use.
    /// @param adoptions Adopters licensed so far.
    /// @param invocations Invocations so far.
    /// @param seized Whether a liquidation seized it: its income goes to the credit pool.
    /// @param ruleId The rule it was proven under.
    /// @param coreAssetId The core state asset it is bound to.
    /// @param artifactHash Content hash of the artifact (the plan, the model).
    struct Derivative {
        address provider;
        uint32 adoptions;
        uint32 invocations;
        bool seized;
        bytes32 ruleId;
        bytes32 coreAssetId;
        bytes32 artifactHash;
    }

    /// @notice Where a pledged derivative's liquidation stands.
    /// `Committed`: seized, a challenge of the core committed, revealed by the next `liquidate`.
    /// `Challenged`: the challenge is open in the state-asset registry until governance resolves it.
    /// `Closed`: nothing more to do (the ERA that came back is in the pool).
    enum Liquidation {
        None,
        Committed,
        Challenged,
        Closed
    }

    /// @notice A derivative's credit line.
    /// @param debt Principal plus interest capitalized at `accruedAt`, ERA wei.
    /// @param accruedAt When interest was last capitalized.
    /// @param dueAt When the debt must be repaid (zero: no debt).
    /// @param pledged Whether the derivative is pledged (a credit line is open).
    /// @param liquidation Where its liquidation stands.
    /// @param committedAt Block of the liquidation's challenge commitment.
    struct Loan {
        uint128 debt;
        uint40 accruedAt;
        uint40 dueAt;
        bool pledged;
        Liquidation liquidation;
        uint64 committedAt;
    }

    // ---------------------------------------------------------------- errors

    /// @notice The state-asset registry refused to record the liquidation's challenge commitment of
    /// `coreAssetId` with `reason` (not because it exists already); nothing changed.
    error CommitFailed(bytes32 coreAssetId, bytes reason);

    /// @notice A zero address was given where an account or contract is required.
    error ZeroAddress();
    /// @notice An amount of zero was given where ERA must move.
    error ZeroAmount();
    /// @notice A threshold must be a percent, at most 100; got `threshold`.
    error ThresholdOutOfRange(uint256 threshold);
    /// @notice A weight must be in [1, `max`] basis points; got `weightBps`.
    error WeightOutOfRange(uint256 weightBps, uint256 max);
    /// @notice The state-asset registry has no schema `schemaId`.
    error UnknownCoreSchema(bytes32 schemaId);
    /// @notice No proposal has id `proposalId`.
    error UnknownProposal(uint256 proposalId);
    /// @notice Proposal `proposalId` took commitments until `commitEnd`; it is `now`.
    error CommitClosed(uint256 proposalId, uint256 commitEnd, uint256 now);
    /// @notice Proposal `proposalId` takes reveals after `commitEnd` until `revealEnd`; it is `now`.
    error RevealNotOpen(uint256 proposalId, uint256 commitEnd, uint256 revealEnd, uint256 now);
    /// @notice Proposal `proposalId` is voted on until `revealEnd`; it is `now`.
    error VoteNotClosed(uint256 proposalId, uint256 revealEnd, uint256 now);
    /// @notice Proposal `proposalId` did not pass: `yes` must exceed `no` and `yes + no` reach `quorum`.
    error ProposalNotPassed(uint256 proposalId, uint256 yes, uint256 no, uint256 quorum);
    /// @notice Proposal `proposalId` was enacted already.
    error ProposalEnacted(uint256 proposalId);
    /// @notice No rule has id `ruleId`.
    error UnknownRule(bytes32 ruleId);
    /// @notice Rule `ruleId` is inactive: it takes no derivatives and its derivatives are unusable.
    error RuleInactive(bytes32 ruleId);
    /// @notice The state-asset registry has no asset `coreAssetId`.
    error UnknownCoreAsset(bytes32 coreAssetId);
    /// @notice Only the owner `owner` of core `coreAssetId` may do this, not `caller`.
    error NotCoreOwner(bytes32 coreAssetId, address caller, address owner);
    /// @notice Core `coreAssetId` is `status`, not live.
    error CoreNotLive(bytes32 coreAssetId, IStateAssetRegistry.Status status);
    /// @notice Core `coreAssetId` is of schema `schemaId`; the rule applies to `expected`.
    error CoreSchemaMismatch(bytes32 coreAssetId, bytes32 schemaId, bytes32 expected);
    /// @notice Derivative `derivativeId` (this core, rule and artifact) is registered already.
    error DerivativeExists(bytes32 derivativeId);
    /// @notice The proof does not show core `coreAssetId`'s record meets rule `ruleId` at `threshold`
    /// (invalid, below the threshold, or bound to another core, circuit, chain or registry).
    error ProofRejected(bytes32 ruleId, bytes32 coreAssetId, uint256 threshold);
    /// @notice No derivative has id `derivativeId`.
    error UnknownDerivative(bytes32 derivativeId);
    /// @notice `adopter` adopted `derivativeId` already (an adoption is counted and paid once).
    error AlreadyAdopted(bytes32 derivativeId, bytes32 adopter);
    /// @notice `account` must pay `amount` ERA: its prepaid balance is short and it allows this
    /// registry `allowance` and holds `balance`.
    error PaymentNotCovered(address account, uint256 amount, uint256 allowance, uint256 balance);
    /// @notice `account` asked for `amount` of its prepaid `balance`.
    error BalanceTooLow(address account, uint256 amount, uint256 balance);
    /// @notice `account` has no ERA credited here.
    error NothingToClaim(address account);
    /// @notice Only the provider `provider` of `derivativeId` may do this, not `caller`.
    error NotProvider(bytes32 derivativeId, address caller, address provider);
    /// @notice Derivative `derivativeId` is pledged already.
    error AlreadyPledged(bytes32 derivativeId);
    /// @notice Derivative `derivativeId` is not pledged.
    error NotPledged(bytes32 derivativeId);
    /// @notice Core `coreAssetId` backs the credit line of `derivativeId` already: one anchor backs one
    /// line (else every new artifact hash would borrow against it again).
    error CorePledged(bytes32 coreAssetId, bytes32 derivativeId);
    /// @notice Derivative `derivativeId` owes `debt`: repay it first.
    error DebtOutstanding(bytes32 derivativeId, uint256 debt);
    /// @notice Derivative `derivativeId` was seized by a liquidation.
    error DerivativeSeized(bytes32 derivativeId);
    /// @notice A draw of `requested` is above the `available` rest of the credit limit.
    error CreditAboveLimit(uint256 requested, uint256 available);
    /// @notice The credit pool holds `available`, less than the `requested` ERA.
    error CreditPoolShort(uint256 requested, uint256 available);
    /// @notice Derivative `derivativeId` owes nothing.
    error NoDebt(bytes32 derivativeId);
    /// @notice Derivative `derivativeId` owes `debt` due at `dueAt` (it is `now`) on a core that is
    /// `status`: not in default (default: overdue, or the core not live).
    error NotInDefault(
        bytes32 derivativeId, uint256 debt, uint256 dueAt, uint256 now, IStateAssetRegistry.Status status
    );
    /// @notice The liquidation of `derivativeId` is `stage`: nothing to do now (a committed challenge
    /// is revealed from the block after `committedAt`; an open one waits for governance).
    error LiquidationWaiting(bytes32 derivativeId, Liquidation stage, uint256 committedAt);
    /// @notice A period (voting, loan term) must be within [`min`, `max`] seconds; got `period`.
    error PeriodOutOfRange(uint256 period, uint256 min, uint256 max);
    /// @notice A basis-point parameter must be at most `max`; got `bps`.
    error BpsOutOfRange(uint256 bps, uint256 max);

    // ---------------------------------------------------------------- events

    /// @notice Node `proposer` proposed `rule` under `ruleId` as `proposalId`; commitments are taken
    /// until `commitEnd`, reveals until `revealEnd`.
    event RuleProposed(
        uint256 indexed proposalId,
        bytes32 indexed ruleId,
        address indexed proposer,
        Rule rule,
        uint40 commitEnd,
        uint40 revealEnd
    );
    /// @notice `node` committed its vote on `proposalId` with stake `weight`.
    event VoteCommitted(uint256 indexed proposalId, address indexed node, uint256 weight);
    /// @notice `node` revealed `support` on `proposalId`, counted with `weight`.
    event VoteRevealed(uint256 indexed proposalId, address indexed node, bool support, uint256 weight);
    /// @notice Proposal `proposalId` passed with `yes` against `no` and set rule `ruleId` to `rule`.
    event RuleEnacted(uint256 indexed proposalId, bytes32 indexed ruleId, Rule rule, uint256 yes, uint256 no);
    /// @notice `provider` registered `derivativeId` (artifact `artifactHash`) on core `coreAssetId`
    /// under rule `ruleId`.
    event DerivativeRegistered(
        bytes32 indexed derivativeId,
        bytes32 indexed ruleId,
        bytes32 indexed coreAssetId,
        address provider,
        bytes32 artifactHash
    );
    /// @notice `payer` licensed `adopter` on `derivativeId` for `price`, credited to `payee` (the
    /// provider, or this registry's credit pool once seized); `adoptions` so far.
    event Adopted(
        bytes32 indexed derivativeId,
        bytes32 indexed adopter,
        address indexed payer,
        address payee,
        uint256 price,
        uint32 adoptions
    );
    /// @notice `payer` paid `price` for `invoker`'s invocation of `derivativeId`, credited to `payee`;
    /// `invocations` so far.
    event Invoked(
        bytes32 indexed derivativeId,
        bytes32 indexed invoker,
        address indexed payer,
        address payee,
        uint256 price,
        uint32 invocations
    );
    /// @notice `account` prepaid `amount` ERA.
    event Deposited(address indexed account, uint256 amount);
    /// @notice `account` took back `amount` ERA of its prepaid balance.
    event Withdrawn(address indexed account, uint256 amount);
    /// @notice `account` was paid `amount` ERA of its credits.
    event Claimed(address indexed account, uint256 amount);
    /// @notice `funder` added `amount` ERA to the credit pool.
    event CreditPoolFunded(address indexed funder, uint256 amount);
    /// @notice The timelock took `amount` ERA out of the credit pool to `to`.
    event CreditPoolDefunded(address indexed to, uint256 amount);
    /// @notice ERA sent here without a call (an upheld challenge's anchor and bond, a returned
    /// bond) went into the credit pool.
    event CreditPoolRecovered(uint256 amount);
    /// @notice `provider` pledged `derivativeId`; its credit limit is now `limit`.
    event Pledged(bytes32 indexed derivativeId, address indexed provider, uint256 limit);
    /// @notice `provider` ended the credit line of `derivativeId` (it owed nothing).
    event Unpledged(bytes32 indexed derivativeId, address indexed provider);
    /// @notice The provider drew `amount`; `derivativeId` owes `debt`, due at `dueAt`.
    event Drawn(bytes32 indexed derivativeId, uint256 amount, uint256 debt, uint256 dueAt);
    /// @notice `payer` repaid `amount` of `derivativeId`'s debt; `debt` is left.
    event Repaid(bytes32 indexed derivativeId, address indexed payer, uint256 amount, uint256 debt);
    /// @notice `caller` liquidated `derivativeId`, which owed `debt` (written off) on a core that
    /// was `status`; the derivative is seized.
    event Liquidated(
        bytes32 indexed derivativeId, address indexed caller, uint256 debt, IStateAssetRegistry.Status status
    );
    /// @notice The liquidation of `derivativeId` challenged core `coreAssetId`, posting `bond` from
    /// the pool, with evidence `evidence`.
    event CoreChallenged(
        bytes32 indexed derivativeId, bytes32 indexed coreAssetId, bytes32 evidence, uint256 bond
    );
    /// @notice The liquidation of `derivativeId` is closed.
    event LiquidationClosed(bytes32 indexed derivativeId);
    /// @notice Commitments last `commitPeriod` and reveals `revealPeriod` on new proposals.
    event VotingPeriodsSet(uint256 commitPeriod, uint256 revealPeriod);
    /// @notice A proposal needs `quorum` revealed ERA weight.
    event QuorumSet(uint256 quorum);
    /// @notice Credit lines lend `ltvBps` of the anchor (times the weight) at `interestBps` a year
    /// for `term` seconds.
    event CreditTermsSet(uint256 ltvBps, uint256 interestBps, uint256 term);

    // ---------------------------------------------------------------- governance

    /// @notice Sets `rule` of a proposal that passed, after its vote closed. Timelock only.
    function enactRule(uint256 proposalId) external;

    /// @notice Sets the commit and reveal periods of new proposals (1 hour to 30 days). Timelock only.
    function setVotingPeriods(uint256 commitPeriod, uint256 revealPeriod) external;

    /// @notice Sets the revealed ERA weight a proposal needs. Timelock only.
    function setQuorum(uint256 quorum) external;

    /// @notice Sets the loan-to-value and the yearly simple interest, basis points (each at most
    /// 10,000), and the term of new debts (1 day to 365 days). Timelock only. The rate applies to
    /// running debts from their last accrual (a draw or repayment) on.
    function setCreditTerms(uint256 ltvBps, uint256 interestBps, uint256 term) external;

    /// @notice Sends `amount` ERA of the credit pool to `to`. Timelock only.
    function defundCreditPool(address to, uint256 amount) external;

    // ---------------------------------------------------------------- nodes

    /// @notice Proposes setting rule `ruleIdOf(rule.coreSchema, rule.verifier.SCHEMA_ID())` to
    /// `rule` (a new rule, new prices or weights, or `active = false` to retire it); a zero price
    /// stands for the default (50 ERA per adoption, 400 per invocation). Staked nodes only.
    function proposeRule(Rule calldata rule) external returns (uint256 proposalId);

    /// @notice Commits the caller's vote on `proposalId`: `hash = commitmentOf(proposalId, node,
    /// support, salt)`. Staked nodes only, until the proposal's `commitEnd`.
    function commitVote(uint256 proposalId, bytes32 hash) external;

    /// @notice Reveals the caller's committed vote; it counts with the smaller of its stake at commit
    /// and now. After `commitEnd` until `revealEnd`.
    function revealVote(uint256 proposalId, bool support, bytes32 salt) external;

    // ---------------------------------------------------------------- providers

    /// @notice Registers a derivative of the caller's live core `coreAssetId` under `ruleId`, bound to
    /// the artifact `artifactHash`: `proof` must verify over `[core commitment,
    /// bindingOf(coreAssetId, ruleId)]`.
    function registerDerivative(
        bytes32 ruleId,
        bytes32 coreAssetId,
        bytes32 artifactHash,
        uint256[8] calldata proof
    ) external returns (bytes32 derivativeId);

    /// @notice Pledges the caller's usable derivative for a credit line (`creditLimit`). One derivative
    /// per core at a time; a core whose pledged derivative was seized backs no further line.
    function pledge(bytes32 derivativeId) external;

    /// @notice Ends the caller's credit line when it owes nothing, freeing its core for another pledge.
    function unpledge(bytes32 derivativeId) external;

    /// @notice Draws `amount` ERA of the caller's pledged derivative's credit line from the pool; the
    /// first draw of a debt sets its due date.
    function draw(bytes32 derivativeId, uint256 amount) external;

    // ---------------------------------------------------------------- anyone

    /// @notice Licenses `adopter` on a usable derivative and counts the adoption; the caller pays the
    /// rule's adoption price (from its prepaid balance when it covers it, else from its wallet).
    function adopt(bytes32 derivativeId, bytes32 adopter) external;

    /// @notice Counts an invocation of a usable derivative by `invoker`; the caller pays the rule's
    /// invocation price (from its prepaid balance when it covers it, else from its wallet).
    function invoke(bytes32 derivativeId, bytes32 invoker) external;

    /// @notice Prepays `amount` ERA for adoptions and invocations (approve it first).
    function deposit(uint256 amount) external;

    /// @notice Takes back `amount` ERA of the caller's prepaid balance.
    function withdraw(uint256 amount) external;

    /// @notice Pays `account` the ERA credited to it (providers' income).
    function claim(address account) external returns (uint256 amount);

    /// @notice Adds `amount` ERA to the credit pool (approve it first).
    function fundCreditPool(uint256 amount) external;

    /// @notice Repays up to `amount` of `derivativeId`'s debt with interest (approve it first); the
    /// rest of `amount` above the debt is not taken.
    function repay(bytes32 derivativeId, uint256 amount) external returns (uint256 paid);

    /// @notice Advances the liquidation of a defaulted derivative one step; anyone may call it.
    /// 1. Seizes it, writes its debt off and, if the core is live or retiring, commits a challenge of
    ///    the core in the state-asset registry. 2. From the next block, reveals that challenge with the
    ///    10% bond from the pool (skipped if the core left meanwhile). 3. Once governance resolved it,
    ///    takes what came back (anchor and bond when upheld) into the pool and closes.
    function liquidate(bytes32 derivativeId) external returns (Liquidation stage);

    // ---------------------------------------------------------------- views

    /// @notice Rule `ruleId` (zero verifier: none).
    function ruleOf(bytes32 ruleId) external view returns (Rule memory);

    /// @notice Proposal `proposalId`.
    function proposalOf(uint256 proposalId) external view returns (Proposal memory);

    /// @notice Derivative `derivativeId` (zero provider: none).
    function derivativeOf(bytes32 derivativeId) external view returns (Derivative memory);

    /// @notice Derivative `derivativeId`'s credit line.
    function loanOf(bytes32 derivativeId) external view returns (Loan memory);

    /// @notice The derivative whose credit line core `coreAssetId` backs (zero: none).
    function pledgeOf(bytes32 coreAssetId) external view returns (bytes32 derivativeId);

    /// @notice Whether `derivativeId` is usable now: registered, its rule active, its core live.
    function isUsable(bytes32 derivativeId) external view returns (bool);

    /// @notice Whether `consumer` adopted `derivativeId` and it is usable now.
    function isLicensed(bytes32 derivativeId, bytes32 consumer) external view returns (bool);

    /// @notice Adoptions and invocations of `derivativeId` so far.
    function countsOf(bytes32 derivativeId) external view returns (uint32 adoptions, uint32 invocations);

    /// @notice The credit limit of `derivativeId` now: its core's anchor x LTV x its rule's weight
    /// (zero unless pledged, unseized and usable).
    function creditLimit(bytes32 derivativeId) external view returns (uint256);

    /// @notice What `derivativeId` owes now, interest included.
    function debtOf(bytes32 derivativeId) external view returns (uint256);

    /// @notice The proof's second public input for a derivative of `coreAssetId` under `ruleId`:
    /// `((keccak256(abi.encode(coreAssetId, circuit, chainid, this)) >> 10) << 7) | threshold`.
    function bindingOf(bytes32 coreAssetId, bytes32 ruleId) external view returns (uint256);

    /// @notice `keccak256(abi.encode(coreSchema, circuit))`.
    function ruleIdOf(bytes32 coreSchema, bytes32 circuit) external pure returns (bytes32);

    /// @notice `keccak256(abi.encode(coreAssetId, ruleId, artifactHash))`.
    function derivativeIdOf(bytes32 coreAssetId, bytes32 ruleId, bytes32 artifactHash)
        external
        pure
        returns (bytes32);

    /// @notice The vote commitment `keccak256(abi.encode(bytes32(proposalId), node, support ? 1 : 0,
    /// salt))` (NodeBallot's).
    function commitmentOf(uint256 proposalId, address node, bool support, bytes32 salt)
        external
        pure
        returns (bytes32);

    /// @notice Whether `node`'s vote on `proposalId` was committed and revealed, and its weight.
    function voteOf(uint256 proposalId, address node)
        external
        view
        returns (bool committed, bool revealed, uint256 weight);
}
