// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {StateAssetRegistry} from "../assets/StateAssetRegistry.sol";
import {IDerivativeRegistry} from "../interfaces/IDerivativeRegistry.sol";
import {IERAStaking} from "../interfaces/IERAStaking.sol";
import {IGroth16Verifier} from "../interfaces/IGroth16Verifier.sol";
import {IStateAssetRegistry} from "../interfaces/IStateAssetRegistry.sol";
import {NodeBallot} from "../libraries/NodeBallot.sol";
import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

/// @title Derivative registry
/// @notice See `IDerivativeRegistry`.
/// @dev Income is credited (pull payments), so a provider that cannot receive ERA cannot block
/// adoptions. Invariant: the registry's ERA equals `creditPool + totalOwed` (`totalOwed`: prepaid
/// balances plus unclaimed credits) plus what an upheld or returned challenge sent since the last
/// liquidation step took it into the pool. The core's status is read from the state-asset
/// registry at every use, never copied here, so a derivative cannot outlive its core's validity.
contract DerivativeRegistry is IDerivativeRegistry, AccessControl, Pausable {
    using SafeERC20 for IERC20;
    using NodeBallot for mapping(address node => NodeBallot.Vote);

    bytes32 public constant GUARDIAN_ROLE = keccak256("GUARDIAN_ROLE");

    /// @notice Basis points of one (a weight of 1.0x, an LTV of 100%).
    uint256 public constant BPS = 10_000;
    /// @notice Highest rule weight (10x the core).
    uint256 public constant MAX_WEIGHT_BPS = 100_000;
    /// @notice Highest threshold: a percent.
    uint256 public constant MAX_THRESHOLD = 100;
    /// @notice Prices of a rule proposed with zero prices (the documents' 50 and 400 ERA).
    uint96 public constant DEFAULT_ADOPTION_PRICE = 50e18;
    uint96 public constant DEFAULT_INVOCATION_PRICE = 400e18;
    uint256 private constant MIN_PERIOD = 1 hours;
    uint256 private constant MAX_VOTING_PERIOD = 30 days;
    uint256 private constant MIN_TERM = 1 days;
    uint256 private constant MAX_TERM = 365 days;
    uint256 private constant YEAR = 365 days;
    /// What a liquidation's challenge of a core says: this derivative's credit line defaulted.
    bytes32 private constant DEFAULT_EVIDENCE = keccak256("ERA derivative credit default");

    /// @notice The ERA token: prices, credits and the credit pool.
    IERC20 public immutable era;
    /// @notice The state-asset registry whose assets are the cores.
    StateAssetRegistry public immutable assets;
    /// @notice ERAStaking, whose nodes vote on rules.
    IERAStaking public immutable staking;

    /// @notice How long new proposals take commitments (default 2 days).
    uint256 public commitPeriod = 2 days;
    /// @notice How long new proposals take reveals after that (default 1 day).
    uint256 public revealPeriod = 1 days;
    /// @notice Revealed ERA weight a proposal needs (default 10,000 ERA).
    uint256 public quorum = 10_000e18;
    /// @notice Credit limit per unit of anchor at weight 1.0, basis points (default 50%).
    uint256 public ltvBps = 5_000;
    /// @notice Yearly simple interest on debts, basis points (default 5%).
    uint256 public interestBps = 500;
    /// @notice Time from a debt's first draw to its due date (default 90 days).
    uint256 public loanTerm = 90 days;

    /// @notice ERA available to lend (and to bond liquidations' challenges).
    uint256 public creditPool;
    /// @notice ERA owed to accounts: prepaid balances plus unclaimed credits.
    uint256 public totalOwed;
    /// @notice Proposals so far (ids count from 1).
    uint256 public proposalCount;

    /// @notice Prepaid ERA of each account.
    mapping(address account => uint256 amount) public deposits;
    /// @notice ERA each account may `claim`.
    mapping(address account => uint256 amount) public credits;
    mapping(bytes32 ruleId => Rule) private _rules;
    mapping(uint256 proposalId => Proposal) private _proposals;
    mapping(uint256 proposalId => mapping(address node => NodeBallot.Vote)) private _votes;
    mapping(bytes32 derivativeId => Derivative) private _derivatives;
    mapping(bytes32 derivativeId => Loan) private _loans;
    mapping(bytes32 derivativeId => mapping(bytes32 consumer => bool)) private _licensed;
    /// @inheritdoc IDerivativeRegistry
    mapping(bytes32 coreAssetId => bytes32 derivativeId) public pledgeOf;

    /// @param era_ The ERA token.
    /// @param assets_ The state-asset registry (the cores).
    /// @param staking_ ERAStaking (the voting nodes).
    /// @param timelock Holder of DEFAULT_ADMIN_ROLE.
    /// @param guardian Holder of GUARDIAN_ROLE (may pause).
    constructor(
        IERC20 era_,
        IStateAssetRegistry assets_,
        IERAStaking staking_,
        address timelock,
        address guardian
    ) {
        if (
            address(era_) == address(0) || address(assets_) == address(0) || address(staking_) == address(0)
                || timelock == address(0) || guardian == address(0)
        ) {
            revert ZeroAddress();
        }
        era = era_;
        assets = StateAssetRegistry(address(assets_));
        staking = staking_;
        _grantRole(DEFAULT_ADMIN_ROLE, timelock);
        _grantRole(GUARDIAN_ROLE, guardian);
    }

    // ---------------------------------------------------------------- governance

    /// @inheritdoc IDerivativeRegistry
    function enactRule(uint256 proposalId) external onlyRole(DEFAULT_ADMIN_ROLE) {
        Proposal storage proposal = _proposal(proposalId);
        if (block.timestamp <= proposal.revealEnd) {
            revert VoteNotClosed(proposalId, proposal.revealEnd, block.timestamp);
        }
        if (proposal.enacted) revert ProposalEnacted(proposalId);
        uint256 yes = proposal.yes;
        uint256 no = proposal.no;
        if (yes <= no || yes + no < quorum) revert ProposalNotPassed(proposalId, yes, no, quorum);
        proposal.enacted = true;
        Rule memory rule = proposal.rule;
        _rules[proposal.ruleId] = rule;
        emit RuleEnacted(proposalId, proposal.ruleId, rule, yes, no);
    }

    /// @inheritdoc IDerivativeRegistry
    function setVotingPeriods(uint256 commitPeriod_, uint256 revealPeriod_)
        external
        onlyRole(DEFAULT_ADMIN_ROLE)
    {
        _checkPeriod(commitPeriod_, MIN_PERIOD, MAX_VOTING_PERIOD);
        _checkPeriod(revealPeriod_, MIN_PERIOD, MAX_VOTING_PERIOD);
        commitPeriod = commitPeriod_;
        revealPeriod = revealPeriod_;
        emit VotingPeriodsSet(commitPeriod_, revealPeriod_);
    }

    /// @inheritdoc IDerivativeRegistry
    function setQuorum(uint256 quorum_) external onlyRole(DEFAULT_ADMIN_ROLE) {
        quorum = quorum_;
        emit QuorumSet(quorum_);
    }

    /// @inheritdoc IDerivativeRegistry
    function setCreditTerms(uint256 ltvBps_, uint256 interestBps_, uint256 term)
        external
        onlyRole(DEFAULT_ADMIN_ROLE)
    {
        if (ltvBps_ > BPS) revert BpsOutOfRange(ltvBps_, BPS);
        if (interestBps_ > BPS) revert BpsOutOfRange(interestBps_, BPS);
        _checkPeriod(term, MIN_TERM, MAX_TERM);
        ltvBps = ltvBps_;
        interestBps = interestBps_;
        loanTerm = term;
        emit CreditTermsSet(ltvBps_, interestBps_, term);
    }

    /// @inheritdoc IDerivativeRegistry
    function defundCreditPool(address to, uint256 amount) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (to == address(0)) revert ZeroAddress();
        if (amount == 0) revert ZeroAmount();
        uint256 pool = creditPool;
        if (amount > pool) revert CreditPoolShort(amount, pool);
        creditPool = pool - amount;
        emit CreditPoolDefunded(to, amount);
        era.safeTransfer(to, amount);
    }

    /// @notice Stops proposals, registrations, adoptions, invocations, pledges and draws. Guardian only.
    function pause() external onlyRole(GUARDIAN_ROLE) {
        _pause();
    }

    /// @notice Resumes them. Timelock only.
    function unpause() external onlyRole(DEFAULT_ADMIN_ROLE) {
        _unpause();
    }

    // ---------------------------------------------------------------- nodes

    /// @inheritdoc IDerivativeRegistry
    function proposeRule(Rule calldata rule) external whenNotPaused returns (uint256 proposalId) {
        // Only a staked node may open a ballot: the nodes are who votes, and nobody else's funds are
        // locked by a proposal, so spam costs its sender gas and no one anything else.
        if (!staking.isNode(msg.sender) || staking.nodeStake(msg.sender) == 0) {
            revert NodeBallot.NotAStakedNode(msg.sender);
        }
        if (address(rule.verifier) == address(0)) revert ZeroAddress();
        if (rule.threshold > MAX_THRESHOLD) revert ThresholdOutOfRange(rule.threshold);
        if (rule.weightBps == 0 || rule.weightBps > MAX_WEIGHT_BPS) {
            revert WeightOutOfRange(rule.weightBps, MAX_WEIGHT_BPS);
        }
        if (address(assets.schemaOf(rule.coreSchema).verifier) == address(0)) {
            revert UnknownCoreSchema(rule.coreSchema);
        }
        bytes32 ruleId = ruleIdOf(rule.coreSchema, rule.verifier.SCHEMA_ID());
        proposalId = ++proposalCount;
        Proposal storage proposal = _proposals[proposalId];
        proposal.rule = rule;
        if (rule.adoptionPrice == 0) proposal.rule.adoptionPrice = DEFAULT_ADOPTION_PRICE;
        if (rule.invocationPrice == 0) proposal.rule.invocationPrice = DEFAULT_INVOCATION_PRICE;
        proposal.ruleId = ruleId;
        proposal.proposer = msg.sender;
        // casting to 'uint40' is safe because timestamps plus 60 days of periods fit 40 bits
        // forge-lint: disable-next-line(unsafe-typecast)
        uint40 commitEnd = uint40(block.timestamp + commitPeriod);
        // forge-lint: disable-next-line(unsafe-typecast)
        uint40 revealEnd = uint40(commitEnd + revealPeriod);
        proposal.commitEnd = commitEnd;
        proposal.revealEnd = revealEnd;
        emit RuleProposed(proposalId, ruleId, msg.sender, proposal.rule, commitEnd, revealEnd);
    }

    /// @inheritdoc IDerivativeRegistry
    function commitVote(uint256 proposalId, bytes32 hash) external {
        Proposal storage proposal = _proposal(proposalId);
        if (block.timestamp > proposal.commitEnd) {
            revert CommitClosed(proposalId, proposal.commitEnd, block.timestamp);
        }
        uint256 weight = _votes[proposalId].commit(staking, bytes32(proposalId), hash);
        emit VoteCommitted(proposalId, msg.sender, weight);
    }

    /// @inheritdoc IDerivativeRegistry
    function revealVote(uint256 proposalId, bool support, bytes32 salt) external {
        Proposal storage proposal = _proposal(proposalId);
        uint256 commitEnd = proposal.commitEnd;
        uint256 revealEnd = proposal.revealEnd;
        if (block.timestamp <= commitEnd || block.timestamp > revealEnd) {
            revert RevealNotOpen(proposalId, commitEnd, revealEnd, block.timestamp);
        }
        uint256 weight = _votes[proposalId].reveal(staking, bytes32(proposalId), support ? 1 : 0, salt);
        // casting to 'uint128' is safe because weights are stakes of ERA, whose supply is far below 2^128
        // forge-lint: disable-next-line(unsafe-typecast)
        if (support) proposal.yes += uint128(weight);
        // forge-lint: disable-next-line(unsafe-typecast)
        else proposal.no += uint128(weight);
        emit VoteRevealed(proposalId, msg.sender, support, weight);
    }

    // ---------------------------------------------------------------- providers

    /// @inheritdoc IDerivativeRegistry
    function registerDerivative(
        bytes32 ruleId,
        bytes32 coreAssetId,
        bytes32 artifactHash,
        uint256[8] calldata proof
    ) external whenNotPaused returns (bytes32 derivativeId) {
        Rule storage rule = _activeRule(ruleId);
        IStateAssetRegistry.Asset memory core = _core(coreAssetId);
        if (core.owner != msg.sender) revert NotCoreOwner(coreAssetId, msg.sender, core.owner);
        if (core.status != IStateAssetRegistry.Status.Live) revert CoreNotLive(coreAssetId, core.status);
        if (core.schemaId != rule.coreSchema) {
            revert CoreSchemaMismatch(coreAssetId, core.schemaId, rule.coreSchema);
        }
        derivativeId = derivativeIdOf(coreAssetId, ruleId, artifactHash);
        Derivative storage derivative = _derivatives[derivativeId];
        if (derivative.provider != address(0)) revert DerivativeExists(derivativeId);
        IGroth16Verifier verifier = rule.verifier;
        uint256 threshold = rule.threshold;
        uint256 binding = _binding(coreAssetId, verifier.SCHEMA_ID(), threshold);
        try verifier.verifyProof(proof, [core.commitment, binding]) {}
        catch {
            revert ProofRejected(ruleId, coreAssetId, threshold);
        }
        derivative.provider = msg.sender;
        derivative.ruleId = ruleId;
        derivative.coreAssetId = coreAssetId;
        derivative.artifactHash = artifactHash;
        emit DerivativeRegistered(derivativeId, ruleId, coreAssetId, msg.sender, artifactHash);
    }

    /// @inheritdoc IDerivativeRegistry
    function pledge(bytes32 derivativeId) external whenNotPaused {
        Derivative storage derivative = _providedDerivative(derivativeId);
        Loan storage loan = _loans[derivativeId];
        if (loan.pledged) revert AlreadyPledged(derivativeId);
        (Rule storage rule, IStateAssetRegistry.Asset memory core) = _usableWithCore(derivative);
        bytes32 coreAssetId = derivative.coreAssetId;
        bytes32 other = pledgeOf[coreAssetId];
        if (other != bytes32(0)) revert CorePledged(coreAssetId, other);
        pledgeOf[coreAssetId] = derivativeId;
        loan.pledged = true;
        emit Pledged(derivativeId, msg.sender, _limit(core.stake, rule.weightBps));
    }

    /// @inheritdoc IDerivativeRegistry
    function unpledge(bytes32 derivativeId) external {
        Derivative storage derivative = _providedDerivative(derivativeId);
        Loan storage loan = _loans[derivativeId];
        if (!loan.pledged) revert NotPledged(derivativeId);
        uint256 debt = _debt(loan);
        if (debt != 0) revert DebtOutstanding(derivativeId, debt);
        loan.pledged = false;
        delete pledgeOf[derivative.coreAssetId];
        emit Unpledged(derivativeId, msg.sender);
    }

    /// @inheritdoc IDerivativeRegistry
    function draw(bytes32 derivativeId, uint256 amount) external whenNotPaused {
        if (amount == 0) revert ZeroAmount();
        Derivative storage derivative = _providedDerivative(derivativeId);
        Loan storage loan = _loans[derivativeId];
        if (!loan.pledged) revert NotPledged(derivativeId);
        (Rule storage rule, IStateAssetRegistry.Asset memory core) = _usableWithCore(derivative);
        uint256 limit = _limit(core.stake, rule.weightBps);
        uint256 debt = _debt(loan);
        uint256 available = limit > debt ? limit - debt : 0;
        if (amount > available) revert CreditAboveLimit(amount, available);
        uint256 pool = creditPool;
        if (amount > pool) revert CreditPoolShort(amount, pool);
        debt += amount;
        creditPool = pool - amount;
        uint256 dueAt = loan.dueAt;
        if (dueAt == 0) dueAt = block.timestamp + loanTerm;
        _setDebt(loan, debt, dueAt);
        emit Drawn(derivativeId, amount, debt, dueAt);
        era.safeTransfer(msg.sender, amount);
    }

    // ---------------------------------------------------------------- anyone

    /// @inheritdoc IDerivativeRegistry
    function adopt(bytes32 derivativeId, bytes32 adopter) external whenNotPaused {
        Derivative storage derivative = _derivative(derivativeId);
        if (_licensed[derivativeId][adopter]) revert AlreadyAdopted(derivativeId, adopter);
        Rule storage rule = _usable(derivative);
        uint256 price = rule.adoptionPrice;
        _licensed[derivativeId][adopter] = true;
        uint32 adoptions = derivative.adoptions + 1;
        derivative.adoptions = adoptions;
        (address payee, bool pull) = _pay(derivative, price);
        emit Adopted(derivativeId, adopter, msg.sender, payee, price, adoptions);
        if (pull) era.safeTransferFrom(msg.sender, address(this), price);
    }

    /// @inheritdoc IDerivativeRegistry
    function invoke(bytes32 derivativeId, bytes32 invoker) external whenNotPaused {
        Derivative storage derivative = _derivative(derivativeId);
        Rule storage rule = _usable(derivative);
        uint256 price = rule.invocationPrice;
        uint32 invocations = derivative.invocations + 1;
        derivative.invocations = invocations;
        (address payee, bool pull) = _pay(derivative, price);
        emit Invoked(derivativeId, invoker, msg.sender, payee, price, invocations);
        if (pull) era.safeTransferFrom(msg.sender, address(this), price);
    }

    /// @inheritdoc IDerivativeRegistry
    function deposit(uint256 amount) external {
        if (amount == 0) revert ZeroAmount();
        _requirePayment(msg.sender, amount);
        deposits[msg.sender] += amount;
        totalOwed += amount;
        emit Deposited(msg.sender, amount);
        era.safeTransferFrom(msg.sender, address(this), amount);
    }

    /// @inheritdoc IDerivativeRegistry
    function withdraw(uint256 amount) external {
        if (amount == 0) revert ZeroAmount();
        uint256 balance = deposits[msg.sender];
        if (amount > balance) revert BalanceTooLow(msg.sender, amount, balance);
        deposits[msg.sender] = balance - amount;
        totalOwed -= amount;
        emit Withdrawn(msg.sender, amount);
        era.safeTransfer(msg.sender, amount);
    }

    /// @inheritdoc IDerivativeRegistry
    function claim(address account) external returns (uint256 amount) {
        amount = credits[account];
        if (amount == 0) revert NothingToClaim(account);
        credits[account] = 0;
        totalOwed -= amount;
        emit Claimed(account, amount);
        era.safeTransfer(account, amount);
    }

    /// @inheritdoc IDerivativeRegistry
    function fundCreditPool(uint256 amount) external {
        if (amount == 0) revert ZeroAmount();
        _requirePayment(msg.sender, amount);
        creditPool += amount;
        emit CreditPoolFunded(msg.sender, amount);
        era.safeTransferFrom(msg.sender, address(this), amount);
    }

    /// @inheritdoc IDerivativeRegistry
    function repay(bytes32 derivativeId, uint256 amount) external returns (uint256 paid) {
        if (amount == 0) revert ZeroAmount();
        Loan storage loan = _loans[derivativeId];
        // The stored principal says whether there is a debt (interest only grows a nonzero one).
        if (loan.debt == 0) revert NoDebt(derivativeId);
        uint256 debt = _debt(loan);
        bool full = amount >= debt;
        paid = full ? debt : amount;
        _requirePayment(msg.sender, paid);
        debt -= paid;
        creditPool += paid;
        _setDebt(loan, debt, full ? 0 : loan.dueAt);
        emit Repaid(derivativeId, msg.sender, paid, debt);
        era.safeTransferFrom(msg.sender, address(this), paid);
    }

    /// @inheritdoc IDerivativeRegistry
    function liquidate(bytes32 derivativeId) external returns (Liquidation stage) {
        Derivative storage derivative = _derivative(derivativeId);
        Loan storage loan = _loans[derivativeId];
        bytes32 coreAssetId = derivative.coreAssetId;
        stage = loan.liquidation;
        if (stage == Liquidation.None) return _seize(derivative, loan, derivativeId);
        if (stage == Liquidation.Committed && block.number > loan.committedAt) {
            return _challengeCore(loan, derivativeId, coreAssetId);
        }
        if (stage == Liquidation.Challenged && !_challengeOpen(coreAssetId)) {
            // Governance resolved it: upheld, the anchor and the bond came back; dismissed, the bond
            // went to the core's owner, whom the challenge held up.
            _recover();
            return _close(loan, derivativeId);
        }
        revert LiquidationWaiting(derivativeId, stage, loan.committedAt);
    }

    // ---------------------------------------------------------------- views

    /// @inheritdoc IDerivativeRegistry
    function ruleOf(bytes32 ruleId) external view returns (Rule memory) {
        return _rules[ruleId];
    }

    /// @inheritdoc IDerivativeRegistry
    function proposalOf(uint256 proposalId) external view returns (Proposal memory) {
        return _proposals[proposalId];
    }

    /// @inheritdoc IDerivativeRegistry
    function derivativeOf(bytes32 derivativeId) external view returns (Derivative memory) {
        return _derivatives[derivativeId];
    }

    /// @inheritdoc IDerivativeRegistry
    function loanOf(bytes32 derivativeId) external view returns (Loan memory) {
        return _loans[derivativeId];
    }

    /// @inheritdoc IDerivativeRegistry
    function isUsable(bytes32 derivativeId) public view returns (bool) {
        Derivative storage derivative = _derivatives[derivativeId];
        if (derivative.provider == address(0) || !_rules[derivative.ruleId].active) return false;
        return assets.statusOf(derivative.coreAssetId) == IStateAssetRegistry.Status.Live;
    }

    /// @inheritdoc IDerivativeRegistry
    function isLicensed(bytes32 derivativeId, bytes32 consumer) external view returns (bool) {
        return _licensed[derivativeId][consumer] && isUsable(derivativeId);
    }

    /// @inheritdoc IDerivativeRegistry
    function countsOf(bytes32 derivativeId) external view returns (uint32 adoptions, uint32 invocations) {
        Derivative storage derivative = _derivatives[derivativeId];
        return (derivative.adoptions, derivative.invocations);
    }

    /// @inheritdoc IDerivativeRegistry
    function creditLimit(bytes32 derivativeId) external view returns (uint256) {
        Derivative storage derivative = _derivatives[derivativeId];
        if (!_loans[derivativeId].pledged || derivative.seized || !isUsable(derivativeId)) return 0;
        return _limit(assets.assetOf(derivative.coreAssetId).stake, _rules[derivative.ruleId].weightBps);
    }

    /// @inheritdoc IDerivativeRegistry
    function debtOf(bytes32 derivativeId) external view returns (uint256) {
        return _debt(_loans[derivativeId]);
    }

    /// @inheritdoc IDerivativeRegistry
    function bindingOf(bytes32 coreAssetId, bytes32 ruleId) external view returns (uint256) {
        Rule storage rule = _rule(ruleId);
        return _binding(coreAssetId, rule.verifier.SCHEMA_ID(), rule.threshold);
    }

    /// @inheritdoc IDerivativeRegistry
    function ruleIdOf(bytes32 coreSchema, bytes32 circuit) public pure returns (bytes32) {
        return keccak256(abi.encode(coreSchema, circuit));
    }

    /// @inheritdoc IDerivativeRegistry
    function derivativeIdOf(bytes32 coreAssetId, bytes32 ruleId, bytes32 artifactHash)
        public
        pure
        returns (bytes32)
    {
        return keccak256(abi.encode(coreAssetId, ruleId, artifactHash));
    }

    /// @inheritdoc IDerivativeRegistry
    function commitmentOf(uint256 proposalId, address node, bool support, bytes32 salt)
        external
        pure
        returns (bytes32)
    {
        return NodeBallot.commitmentOf(bytes32(proposalId), node, support ? 1 : 0, salt);
    }

    /// @inheritdoc IDerivativeRegistry
    function voteOf(uint256 proposalId, address node)
        external
        view
        returns (bool committed, bool revealed, uint256 weight)
    {
        NodeBallot.Vote storage vote = _votes[proposalId][node];
        return (vote.hash != bytes32(0), vote.revealed, vote.weight);
    }

    // ---------------------------------------------------------------- internals

    /// Liquidation step 1: a defaulted derivative is seized and its debt written off; a core whose
    /// anchor is still escrowed gets a challenge committed (revealed by step 2).
    function _seize(Derivative storage derivative, Loan storage loan, bytes32 derivativeId)
        private
        returns (Liquidation)
    {
        bytes32 coreAssetId = derivative.coreAssetId;
        IStateAssetRegistry.Status status = assets.statusOf(coreAssetId);
        bool owing = loan.debt > 0;
        uint256 debt = _debt(loan);
        uint256 dueAt = loan.dueAt;
        if (!owing || (block.timestamp <= dueAt && status == IStateAssetRegistry.Status.Live)) {
            revert NotInDefault(derivativeId, debt, dueAt, block.timestamp, status);
        }
        derivative.seized = true;
        _setDebt(loan, 0, 0);
        emit Liquidated(derivativeId, msg.sender, debt, status);
        if (!_challengeable(status) || _challengeOpen(coreAssetId)) return _close(loan, derivativeId);
        loan.liquidation = Liquidation.Committed;
        // casting to 'uint64' is safe because block numbers fit 64 bits
        // forge-lint: disable-next-line(unsafe-typecast)
        loan.committedAt = uint64(block.number);
        // The commitment is predictable (it binds this registry as the challenger, so nobody else can
        // reveal it): if someone made it first, it stands as well and the reveal uses it. Only that
        // refusal is absorbed: any other failure (a caller short of gas, whose inner call would run
        // out while this one finished) reverts, or the liquidation would wait on a commitment that
        // was never made.
        try assets.commitChallenge(_challengeCommitment(coreAssetId, derivativeId)) {}
        catch (bytes memory reason) {
            // casting to 'bytes4' is safe because it keeps the selector, the first 4 of >= 4 bytes
            // forge-lint: disable-next-line(unsafe-typecast)
            if (reason.length < 4 || bytes4(reason) != IStateAssetRegistry.CommitmentExists.selector) {
                revert CommitFailed(coreAssetId, reason);
            }
        }
        return Liquidation.Committed;
    }

    /// Liquidation step 2: reveals the committed challenge of the core with the 10% bond from the pool,
    /// unless the core left (nothing to take) or this registry already challenges it.
    function _challengeCore(Loan storage loan, bytes32 derivativeId, bytes32 coreAssetId)
        private
        returns (Liquidation)
    {
        IStateAssetRegistry.Asset memory core = assets.assetOf(coreAssetId);
        if (!_challengeable(core.status) || _challengeOpen(coreAssetId)) return _close(loan, derivativeId);
        uint256 bond = uint256(core.stake) * assets.CHALLENGE_BOND_BPS() / BPS;
        uint256 pool = creditPool;
        if (bond > pool) revert CreditPoolShort(bond, pool);
        creditPool = pool - bond;
        loan.liquidation = Liquidation.Challenged;
        bytes32 evidence = _evidence(derivativeId);
        emit CoreChallenged(derivativeId, coreAssetId, evidence, bond);
        era.forceApprove(address(assets), bond);
        assets.challenge(coreAssetId, evidence, derivativeId);
        return Liquidation.Challenged;
    }

    function _close(Loan storage loan, bytes32 derivativeId) private returns (Liquidation) {
        loan.liquidation = Liquidation.Closed;
        emit LiquidationClosed(derivativeId);
        return Liquidation.Closed;
    }

    /// Takes ERA that arrived without a call (a resolved challenge's anchor and bond) into the pool.
    function _recover() private {
        uint256 surplus = era.balanceOf(address(this)) - creditPool - totalOwed;
        if (surplus > 0) {
            creditPool += surplus;
            emit CreditPoolRecovered(surplus);
        }
    }

    /// Moves `price` from the caller's prepaid balance when it covers it (else the caller pays from
    /// its wallet: `pull`) to the provider's credits, or to the pool once the derivative is seized.
    function _pay(Derivative storage derivative, uint256 price) private returns (address payee, bool pull) {
        uint256 balance = deposits[msg.sender];
        pull = balance < price;
        if (pull) _requirePayment(msg.sender, price);
        else deposits[msg.sender] = balance - price;
        if (derivative.seized) {
            payee = address(this);
            creditPool += price;
            if (!pull) totalOwed -= price;
        } else {
            payee = derivative.provider;
            credits[payee] += price;
            // A prepaid payment stays owed (to the provider now): only a pulled one adds to it.
            if (pull) totalOwed += price;
        }
    }

    /// The rule of a usable derivative; reverts if it is not usable. The core's status is read live,
    /// one slot (`statusOf`): every adoption and invocation pays for it.
    function _usable(Derivative storage derivative) private view returns (Rule storage rule) {
        rule = _activeRule(derivative.ruleId);
        bytes32 coreAssetId = derivative.coreAssetId;
        IStateAssetRegistry.Status status = assets.statusOf(coreAssetId);
        if (status != IStateAssetRegistry.Status.Live) revert CoreNotLive(coreAssetId, status);
    }

    /// The rule of a usable derivative and its core (whose anchor a credit line lends against).
    function _usableWithCore(Derivative storage derivative)
        private
        view
        returns (Rule storage rule, IStateAssetRegistry.Asset memory core)
    {
        rule = _activeRule(derivative.ruleId);
        bytes32 coreAssetId = derivative.coreAssetId;
        core = assets.assetOf(coreAssetId);
        if (core.status != IStateAssetRegistry.Status.Live) revert CoreNotLive(coreAssetId, core.status);
    }

    function _debt(Loan storage loan) private view returns (uint256) {
        uint256 debt = loan.debt;
        if (debt == 0) return 0;
        // Interest rounds up: the pool is never short of a debt's cost by rounding.
        return debt
            + Math.mulDiv(
            debt, interestBps * (block.timestamp - loan.accruedAt), YEAR * BPS, Math.Rounding.Ceil
        );
    }

    function _setDebt(Loan storage loan, uint256 debt, uint256 dueAt) private {
        // casting to 'uint128' is safe because a debt is bounded by the pool's ERA; to 'uint40'
        // because timestamps plus a year fit 40 bits
        // forge-lint: disable-next-line(unsafe-typecast)
        loan.debt = uint128(debt);
        // forge-lint: disable-next-line(unsafe-typecast)
        loan.accruedAt = uint40(block.timestamp);
        // forge-lint: disable-next-line(unsafe-typecast)
        loan.dueAt = uint40(dueAt);
    }

    /// Anchor x LTV x weight: a weight of 1.5x lends 50% more on the same anchor.
    function _limit(uint256 anchor, uint256 weightBps) private view returns (uint256) {
        return anchor * ltvBps * weightBps / (BPS * BPS);
    }

    /// The derivative proof's binding: the hash of what it is bound to in the high bits, the
    /// threshold in the low 7 (the circuit reads it there, so one verifier serves every threshold).
    function _binding(bytes32 coreAssetId, bytes32 circuit, uint256 threshold)
        private
        view
        returns (uint256)
    {
        return ((uint256(keccak256(abi.encode(coreAssetId, circuit, block.chainid, address(this)))) >> 10)
                << 7) | threshold;
    }

    function _evidence(bytes32 derivativeId) private pure returns (bytes32) {
        return keccak256(abi.encode(DEFAULT_EVIDENCE, derivativeId));
    }

    /// The state-asset registry's challenge commitment, with the derivative id as the salt.
    function _challengeCommitment(bytes32 coreAssetId, bytes32 derivativeId) private view returns (bytes32) {
        return keccak256(abi.encode(coreAssetId, address(this), _evidence(derivativeId), derivativeId));
    }

    /// Whether this registry has an open challenge of `coreAssetId` (another liquidation's).
    function _challengeOpen(bytes32 coreAssetId) private view returns (bool) {
        return assets.challengeOf(coreAssetId, address(this)).committedAt != 0;
    }

    /// A core whose anchor is still escrowed: live, or retiring (a challenge stops the anchor leaving).
    function _challengeable(IStateAssetRegistry.Status status) private pure returns (bool) {
        return status == IStateAssetRegistry.Status.Live || status == IStateAssetRegistry.Status.Retiring;
    }

    function _requirePayment(address account, uint256 amount) private view {
        uint256 allowance = era.allowance(account, address(this));
        uint256 balance = era.balanceOf(account);
        if (allowance < amount || balance < amount) {
            revert PaymentNotCovered(account, amount, allowance, balance);
        }
    }

    function _core(bytes32 coreAssetId) private view returns (IStateAssetRegistry.Asset memory core) {
        core = assets.assetOf(coreAssetId);
        if (core.owner == address(0)) revert UnknownCoreAsset(coreAssetId);
    }

    function _rule(bytes32 ruleId) private view returns (Rule storage rule) {
        rule = _rules[ruleId];
        if (address(rule.verifier) == address(0)) revert UnknownRule(ruleId);
    }

    function _activeRule(bytes32 ruleId) private view returns (Rule storage rule) {
        rule = _rule(ruleId);
        if (!rule.active) revert RuleInactive(ruleId);
    }

    function _proposal(uint256 proposalId) private view returns (Proposal storage proposal) {
        proposal = _proposals[proposalId];
        if (proposal.commitEnd == 0) revert UnknownProposal(proposalId);
    }

    function _derivative(bytes32 derivativeId) private view returns (Derivative storage derivative) {
        derivative = _derivatives[derivativeId];
        if (derivative.provider == address(0)) revert UnknownDerivative(derivativeId);
    }

    function _providedDerivative(bytes32 derivativeId) private view returns (Derivative storage derivative) {
        derivative = _derivative(derivativeId);
        if (derivative.provider != msg.sender) {
            revert NotProvider(derivativeId, msg.sender, derivative.provider);
        }
        if (derivative.seized) revert DerivativeSeized(derivativeId);
    }

    function _checkPeriod(uint256 period, uint256 min, uint256 max) private pure {
        if (period < min || period > max) revert PeriodOutOfRange(period, min, max);
    }
}
