// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERAStaking} from "../interfaces/IERAStaking.sol";

/// @title Stake-weighted commit-reveal ballots of ERA nodes
/// @notice One ballot per id (a rule proposal, an improvement claim): each node registered in
/// ERAStaking commits `keccak256(abi.encode(ballotId, node, value, salt))` while the ballot takes
/// commitments and reveals `value` and `salt` afterwards, so nobody can copy another node's value
/// before it is fixed. A reveal counts with the node's stake at commit or at reveal, whichever is
/// smaller: stake delegated to a node after it committed adds nothing, and stake that left it
/// between the two (to vote again through another node) takes its weight with it.
/// The calling contract decides the phases (when commits and reveals are open) and what a value
/// means (yes/no, a measured improvement), and emits its own events.
library NodeBallot {
    /// @notice A node's commitment on one ballot.
    /// @param hash The commitment.
    /// @param weight The node's stake when it committed, ERA wei; after the reveal, the counted weight.
    /// @param revealed Whether it was revealed.
    struct Vote {
        bytes32 hash;
        uint128 weight;
        bool revealed;
    }

    /// @notice `account` is not a node registered in ERAStaking (or has no active stake).
    error NotAStakedNode(address account);
    /// @notice `node` committed on ballot `ballotId` already.
    error AlreadyCommitted(bytes32 ballotId, address node);
    /// @notice `node` made no commitment on ballot `ballotId`.
    error NoCommitment(bytes32 ballotId, address node);
    /// @notice `node` revealed on ballot `ballotId` already.
    error AlreadyRevealed(bytes32 ballotId, address node);
    /// @notice The revealed value and salt do not hash to `node`'s commitment on `ballotId`.
    error RevealMismatch(bytes32 ballotId, address node);

    /// @notice The commitment a node makes: binds the ballot, the node, its value and a secret salt.
    function commitmentOf(bytes32 ballotId, address node, uint256 value, bytes32 salt)
        internal
        pure
        returns (bytes32)
    {
        return keccak256(abi.encode(ballotId, node, value, salt));
    }

    /// @notice Records `msg.sender`'s commitment `hash` on `ballotId` with its current stake;
    /// returns that stake.
    function commit(
        mapping(address node => Vote) storage votes,
        IERAStaking staking,
        bytes32 ballotId,
        bytes32 hash
    ) internal returns (uint256 weight) {
        Vote storage vote = votes[msg.sender];
        if (vote.hash != bytes32(0)) revert AlreadyCommitted(ballotId, msg.sender);
        weight = _stake(staking, msg.sender);
        vote.hash = hash;
        // casting to 'uint128' is safe because stakes are ERA wei, far below 2^128
        // forge-lint: disable-next-line(unsafe-typecast)
        vote.weight = uint128(weight);
    }

    /// @notice Checks `msg.sender`'s reveal of `value` against its commitment on `ballotId` and
    /// returns the weight it counts with: the smaller of its stake at commit and now.
    function reveal(
        mapping(address node => Vote) storage votes,
        IERAStaking staking,
        bytes32 ballotId,
        uint256 value,
        bytes32 salt
    ) internal returns (uint256 weight) {
        Vote storage vote = votes[msg.sender];
        bytes32 hash = vote.hash;
        if (hash == bytes32(0)) revert NoCommitment(ballotId, msg.sender);
        if (vote.revealed) revert AlreadyRevealed(ballotId, msg.sender);
        if (commitmentOf(ballotId, msg.sender, value, salt) != hash) {
            revert RevealMismatch(ballotId, msg.sender);
        }
        uint256 now_ = staking.nodeStake(msg.sender);
        weight = vote.weight;
        if (now_ < weight) weight = now_;
        vote.revealed = true;
        // casting to 'uint128' is safe because weight <= the stored uint128 weight
        // forge-lint: disable-next-line(unsafe-typecast)
        vote.weight = uint128(weight);
    }

    function _stake(IERAStaking staking, address account) private view returns (uint256 stake) {
        if (!staking.isNode(account)) revert NotAStakedNode(account);
        stake = staking.nodeStake(account);
        if (stake == 0) revert NotAStakedNode(account);
    }
}
