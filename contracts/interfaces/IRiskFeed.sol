// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title Risk feed: a provider's incident figures, proven by Groth16 and backed by staked nodes
/// @notice A partner registered in ERAMargin publishes figures about a provider (how many of its
/// incident records defaulted, were tampered with, were anomalous, and the mean settlement delay)
/// together with a Groth16 proof that the figures are those of a record set it committed to
/// (`commitment`, a Poseidon chain over up to 32 salted records; see docs/commitment.md). The proof's
/// public inputs are `[commitment, binding]`; the binding ties the figures to this feed, this
/// chain, the provider, the partner and the publication's index in their history, so a proof is
/// good for one slot only: a replay, or a proof made for another provider, partner, chain or feed,
/// fails verification. The proof shows the figures are computed correctly from the committed
/// records; it cannot show the records are true. That is what attestations are for: an ERA node
/// with at least `minNodeStake` active stake attests a publication, and its stake at that moment is
/// added to the publication's backing. Consumers decide how much backing they need.
/// @dev Roles: DEFAULT_ADMIN_ROLE (the timelock) sets `minNodeStake`; nothing else is governed, and
/// nothing here moves funds. Publishing: any registered partner, about any provider, as often as it
/// proves; each partner appends to its own history (nobody overwrites another's publication), and
/// the newest publication of any partner becomes the provider's `riskOf`. Attesting: any node
/// meeting the minimum, once per publication; attestations cannot be withdrawn.
/// What backing means: the sum of the attesting nodes' active stakes (self-stake plus delegations)
/// read from ERAStaking when each attested, not their stake now. A node that attests and then
/// unbonds leaves its backing on the record: its stake stays slashable through the unbonding delay
/// (ERAStaking keeps queued withdrawals slashable), so for at least that long after an attestation
/// the recorded stake is at stake; after it, consumers should weigh an old attestation as old
/// (`publishedAt`, and the `Attested` events name the nodes, whose live stake anyone can read). A
/// live figure would need a call to staking per attester on every read: unbounded, and it would
/// break the cheap `riskOf` consumers rely on. The same stake backs every publication its node
/// attests (backing is a statement, not exclusive collateral); slashing a node for a false
/// attestation is governance's (a slasher of ERAStaking), not this contract's. The minimum is on
/// active stake, delegations included, as tiers measure it; unlike a tier it asks no self-bond, so
/// a node's delegators share the risk of what it attests.
/// Griefing: an attestation costs its node gas and puts its stake behind a claim, and adds to
/// backing, never subtracts, so attesting cannot lower a publication's standing; a fresh
/// publication (a partner may publish a clean set to move `riskOf`) starts with no backing, so a
/// consumer that requires backing is not moved by it, and it stays in the partner's history for
/// good. The count of attestations is Sybil-prone (a node is cheap to register); the backing is
/// not (each attesting node needs `minNodeStake` of stake), which is why consumers gate on backing.
interface IRiskFeed {
    /// @notice The figures a proof establishes over the present records of a record set.
    /// @param n Present records, 1..=32.
    /// @param defaults Present records that defaulted (<= n).
    /// @param tampered Present records that were tampered with (<= n).
    /// @param anomalies Present records whose anomaly score is above `anomalyThreshold` (<= n).
    /// @param meanDelay floor(sum of max(0, settled - due) / (n - defaults)) over the present records
    /// that did not default, in seconds; 0 when every record defaulted.
    /// @param anomalyThreshold The anomaly score above which a record counts as an anomaly, declared
    /// by the publisher.
    struct Figures {
        uint8 n;
        uint8 defaults;
        uint8 tampered;
        uint8 anomalies;
        uint32 meanDelay;
        uint32 anomalyThreshold;
    }

    /// @notice A publication as stored.
    /// @param figures The proven figures.
    /// @param commitment The commitment to the record set the proof opened.
    /// @param publishedAt Block time of the publication.
    /// @param attestations Nodes that attested it.
    /// @param backing Sum of the attesting nodes' active stakes when each attested, ERA wei.
    struct Publication {
        Figures figures;
        uint256 commitment;
        uint64 publishedAt;
        uint32 attestations;
        uint256 backing;
    }

    /// @notice A provider's newest publication, with rates derived from its counts.
    /// @param partner The publishing partner (ERAMargin id); zero when nothing was published. The
    /// publication's index is `publications(provider, partner) - 1`.
    /// @param publishedAt Block time of the publication; zero when nothing was published.
    /// @param n Present records.
    /// @param defaultRateBps defaults * 10,000 / n, rounded down.
    /// @param tamperingBps tampered * 10,000 / n, rounded down.
    /// @param anomalyBps anomalies * 10,000 / n, rounded down.
    /// @param meanDelay Mean settlement delay of the records that did not default, seconds.
    /// @param anomalyThreshold The anomaly threshold the publisher declared.
    /// @param attestations Nodes that attested it.
    /// @param backing Sum of the attesting nodes' active stakes when each attested, ERA wei.
    struct Risk {
        bytes32 partner;
        uint64 publishedAt;
        uint8 n;
        uint16 defaultRateBps;
        uint16 tamperingBps;
        uint16 anomalyBps;
        uint32 meanDelay;
        uint32 anomalyThreshold;
        uint32 attestations;
        uint256 backing;
    }

    // ---------------------------------------------------------------- errors

    /// @notice A constructor address was zero.
    error ZeroAddress();
    /// @notice `caller` is not a partner's actor in ERAMargin.
    error UnknownPartner(address caller);
    /// @notice The figures count no records (`n` is 0).
    error NoRecords();
    /// @notice The figures count `n` records, more than the `capacity` a proof covers.
    error TooManyRecords(uint256 n, uint256 capacity);
    /// @notice `defaults` defaulted records out of `n`.
    error DefaultsExceedRecords(uint256 defaults, uint256 n);
    /// @notice `tampered` tampered records out of `n`.
    error TamperedExceedRecords(uint256 tampered, uint256 n);
    /// @notice `anomalies` anomalous records out of `n`.
    error AnomaliesExceedRecords(uint256 anomalies, uint256 n);
    /// @notice Every record defaulted, so no record has a delay, yet the mean delay is `meanDelay`.
    error DelayWithoutSettledRecords(uint256 meanDelay);
    /// @notice `commitment` is not below the BN254 scalar field modulus, so no proof can open it.
    error CommitmentNotInField(uint256 commitment);
    /// @notice The verifier refused the proof for publication `index` of (`provider`, `partner`),
    /// public inputs `[commitment, binding]`.
    error InvalidProof(address provider, bytes32 partner, uint256 index, uint256 commitment, uint256 binding);
    /// @notice (`provider`, `partner`) has no publication `index` (it has `count`).
    error UnknownPublication(address provider, bytes32 partner, uint256 index, uint256 count);
    /// @notice `caller` is not a registered ERAStaking node.
    error NotANode(address caller);
    /// @notice `node` has `stake` active, below the `minimum` an attestation needs.
    error StakeBelowMinimum(address node, uint256 stake, uint256 minimum);
    /// @notice `node` attested publication `index` of (`provider`, `partner`) already.
    error AlreadyAttested(address node, address provider, bytes32 partner, uint256 index);
    /// @notice The minimum node stake must be above zero (so a recorded stake of zero means "not
    /// attested" and every attestation puts something at stake).
    error ZeroMinNodeStake();

    // ---------------------------------------------------------------- events

    /// @notice `publisher`, actor of `partner`, published `index` about `provider`: `figures` over a
    /// record set committed to by `commitment`, proven with public inputs `[commitment, binding]`.
    event RiskPublished(
        address indexed provider,
        bytes32 indexed partner,
        uint256 indexed index,
        address publisher,
        Figures figures,
        uint256 commitment,
        uint256 binding
    );
    /// @notice `node` attested publication `index` of (`provider`, `partner`) with `stake` active;
    /// the publication now has `attestations` attestations and `backing` backing.
    event Attested(
        address indexed provider,
        bytes32 indexed partner,
        uint256 indexed index,
        address node,
        uint256 stake,
        uint256 attestations,
        uint256 backing
    );
    /// @notice The stake a node needs to attest changed.
    event MinNodeStakeSet(uint256 oldMinimum, uint256 newMinimum);

    // ---------------------------------------------------------------- partners

    /// @notice Publishes `figures` about `provider` as the caller's partner, proven by `proof` over the
    /// record set committed to by `commitment`. The publication takes the next index of the
    /// (provider, partner) history and becomes the provider's `riskOf`. The proof's public inputs
    /// are `[commitment, bindingOf(provider, partner, index, figures)]`.
    /// @param proof [A.x, A.y, B.x1, B.x0, B.y1, B.y0, C.x, C.y] as the generated verifiers take it.
    /// @return index The publication's index in the (provider, partner) history.
    function publish(
        address provider,
        Figures calldata figures,
        uint256 commitment,
        uint256[8] calldata proof
    ) external returns (uint256 index);

    // ---------------------------------------------------------------- nodes

    /// @notice Attests publication `index` of (`provider`, `partner`) as the caller, an ERAStaking
    /// node with at least `minNodeStake` active stake, which the publication's backing records. Once
    /// per node and publication; not revocable.
    function attest(address provider, bytes32 partner, uint256 index) external;

    // ---------------------------------------------------------------- governance

    /// @notice Sets the active stake a node needs to attest (above zero). Governance only. Earlier
    /// attestations keep their recorded stake.
    function setMinNodeStake(uint256 minimum) external;

    // ---------------------------------------------------------------- views

    /// @notice The provider's newest publication (of any partner) with rates derived on chain; all
    /// zero when nothing was published. Cheap for other contracts: two storage reads.
    function riskOf(address provider) external view returns (Risk memory);

    /// @notice Publication `index` of (`provider`, `partner`); reverts `UnknownPublication` past the end.
    function publication(address provider, bytes32 partner, uint256 index)
        external
        view
        returns (Publication memory);

    /// @notice Number of publications of `partner` about `provider` (the next index).
    function publications(address provider, bytes32 partner) external view returns (uint256);

    /// @notice The stake `node` had when it attested publication `index` of (`provider`, `partner`);
    /// zero if it did not.
    function attestedStake(address provider, bytes32 partner, uint256 index, address node)
        external
        view
        returns (uint256);

    /// @notice The public input `binding` a proof of `figures` for publication `index` of
    /// (`provider`, `partner`) on this feed and chain must have. Does not check the figures.
    function bindingOf(address provider, bytes32 partner, uint256 index, Figures calldata figures)
        external
        view
        returns (uint256);

    /// @notice Active stake a node needs to attest, ERA wei.
    function minNodeStake() external view returns (uint256);
}
