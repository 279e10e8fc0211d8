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
/// @dev Roles: DEFAULT_ADMIN_ROLE (the timelock) sets `minNodeStake` and declares the price source;
/// nothing else is governed. The only funds that move are slashed stake, from ERAStaking to a
/// refuter. Publishing: any registered partner, about any provider, as often as it
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
/// attests (backing is a statement, not exclusive collateral). The minimum is on active stake,
/// delegations included, as tiers measure it; unlike a tier it asks no self-bond, so a node's
/// delegators share the risk of what it attests.
/// Refutation and slashing: the proof makes a false publication impossible unless the proving key
/// is broken (the development key's seed is public, so under it anyone can prove anything). For
/// that case anyone who knows a publication's records opens its commitment with `refute`: the feed
/// recomputes the Poseidon chain and the figures on chain, and if the figures are not the records'
/// the publication is refuted: its backing drops to zero and nobody can attest it any more. Each
/// node that attested it can then be slashed by anyone (`slashAttester`) for the stake it put
/// behind it, paid to the refuter, once the timelock has granted this feed staking's SLASHER_ROLE.
/// A refutation of a true publication reverts, so it needs no bond: nobody is harmed by a failed
/// one. What refutation cannot catch is a record set that is false about the world yet computed
/// correctly; the nodes' attestations are the only check on that.
/// Volatility: the feed does not take a price figure from the partner. At each publication it reads
/// the governance-declared ERA/fiat price source (a Chainlink-style aggregator) and stores its
/// volatility with the publication (`PriceVolatility`; `type(uint16).max` when the source cannot
/// answer, so a broken source cannot block publishing).
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
    /// @param backing Sum of the attesting nodes' active stakes when each attested, ERA wei; zero
    /// once refuted.
    /// @param volatilityBps ERA/fiat volatility from the declared price source when published
    /// (`PriceVolatility`), basis points; 65,535 when the source could not answer.
    /// @param refuter Who showed the figures false by opening the commitment; zero if nobody did.
    struct Publication {
        Figures figures;
        uint256 commitment;
        uint64 publishedAt;
        uint32 attestations;
        uint256 backing;
        uint16 volatilityBps;
        address refuter;
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
    /// @param backing Sum of the attesting nodes' active stakes when each attested, ERA wei; zero
    /// when the publication was refuted.
    /// @param volatilityBps ERA/fiat volatility when published, basis points; 65,535 when unknown.
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
        uint16 volatilityBps;
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
    /// @notice Publication `index` of (`provider`, `partner`) was refuted by `refuter`: it takes no
    /// more attestations and cannot be refuted again.
    error PublicationRefuted(address provider, bytes32 partner, uint256 index, address refuter);
    /// @notice The opened records hash to `opened`, not to the publication's `commitment`.
    error OpeningMismatch(uint256 commitment, uint256 opened);
    /// @notice The opened records give the published figures: publication `index` of (`provider`,
    /// `partner`) is true.
    error FiguresMatchRecords(address provider, bytes32 partner, uint256 index);
    /// @notice Publication `index` of (`provider`, `partner`) was not refuted, so its attesters
    /// cannot be slashed for it.
    error NotRefuted(address provider, bytes32 partner, uint256 index);
    /// @notice `node` has no unslashed attestation of publication `index` of (`provider`, `partner`).
    error NotAnAttester(address node, address provider, bytes32 partner, uint256 index);
    /// @notice `node` has no stake left to slash.
    error NothingToSlash(address node);
    /// @notice Volatility is measured over 1 to `max` round changes; `rounds` is not.
    error VolatilityRoundsOutOfRange(uint256 rounds, uint256 max);
    /// @notice A declared price source needs a maximum price age above zero.
    error ZeroMaxPriceAge();
    /// @notice `source` has no code, so it cannot be a price source.
    error PriceSourceNotAContract(address source);

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
    /// @notice `refuter` opened the commitment of publication `index` of (`provider`, `partner`):
    /// its records give `opened` (packed figures), not the published `published`; `wellFormed` is
    /// false when an absent slot was not the zero word (no circuit proof can open such a set).
    event Refuted(
        address indexed provider,
        bytes32 indexed partner,
        uint256 indexed index,
        address refuter,
        uint96 published,
        uint96 opened,
        bool wellFormed
    );
    /// @notice `node`, which attested refuted publication `index` of (`provider`, `partner`) with
    /// `attestedStake`, was slashed `amount`, paid to `refuter`.
    event AttesterSlashed(
        address indexed provider,
        bytes32 indexed partner,
        uint256 indexed index,
        address node,
        uint256 attestedStake,
        uint256 amount,
        address refuter
    );
    /// @notice Governance declared `source` as the ERA/fiat price source (zero: none), its
    /// volatility measured over `rounds` round changes, its newest price at most `maxAge` seconds old.
    event PriceSourceSet(address source, uint256 rounds, uint256 maxAge);

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

    // ---------------------------------------------------------------- anyone

    /// @notice Shows publication `index` of (`provider`, `partner`) false: `words` (the 32 packed
    /// record slots) under `salt` hash to its commitment, and their figures (with the published
    /// anomaly threshold) are not the published ones. The publication's backing drops to zero and
    /// the caller becomes its refuter, paid what its attesters are slashed. Reverts
    /// `FiguresMatchRecords` for a true publication, `OpeningMismatch` for other records.
    function refute(
        address provider,
        bytes32 partner,
        uint256 index,
        uint256 salt,
        uint256[32] calldata words
    ) external;

    /// @notice Slashes `node` for attesting refuted publication `index` of (`provider`, `partner`):
    /// the stake it attested with, or all it has left if less, taken pro rata from its active and
    /// unbonding stake by ERAStaking and paid to the refuter. Anyone may call; once per attestation.
    /// Needs staking's SLASHER_ROLE, which the timelock grants.
    /// @return amount ERA wei slashed.
    function slashAttester(address provider, bytes32 partner, uint256 index, address node)
        external
        returns (uint256 amount);

    // ---------------------------------------------------------------- governance

    /// @notice Sets the active stake a node needs to attest (above zero). Governance only. Earlier
    /// attestations keep their recorded stake.
    function setMinNodeStake(uint256 minimum) external;

    /// @notice Declares the ERA/fiat price source whose volatility each publication records (zero
    /// address: none), measured over `rounds` (1..=64) round changes with a newest price at most
    /// `maxAge` seconds old. Governance only; earlier publications keep theirs.
    function setPriceSource(address source, uint256 rounds, uint256 maxAge) external;

    // ---------------------------------------------------------------- views

    /// @notice The provider's newest publication (of any partner) with rates derived on chain; all
    /// zero when nothing was published. Cheap for other contracts: two storage reads. A refuted
    /// newest publication reads with zero backing.
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

    /// @notice The declared ERA/fiat price source, its round window and maximum price age.
    function priceSource() external view returns (address source, uint256 rounds, uint256 maxAge);

    /// @notice The volatility a publication made now would record, basis points (65,535: unknown).
    function currentVolatility() external view returns (uint16);
}
