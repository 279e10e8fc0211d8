//! The positional Merkle tree of a call-in selection: leaf `j` (the `j`-th winner) at position
//! `j` of a complete tree of fixed depth, zero leaves after the winners. The twin of
//! `contracts/libraries/PositionalMerkle.sol`: the keeper builds it to post a root, a challenger
//! to check one, a winner to prove its place.

use alloy::primitives::{Address, B256, keccak256};

/// A node's leaf: `keccak256(abi.encode(node))`, as `StandbyPool.leafOf`.
pub fn leaf(node: Address) -> B256 {
    keccak256(node.into_word())
}

/// The least depth whose tree holds `count` leaves (0 for one).
pub fn depth_for(count: usize) -> u8 {
    let mut depth = 0u8;
    while (1usize << depth) < count {
        depth += 1;
    }
    depth
}

/// A positional tree, every level kept for proofs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PositionalTree {
    levels: Vec<Vec<B256>>,
}

impl PositionalTree {
    /// The tree of `leaves` at positions 0.., of the least depth that holds them.
    pub fn new(leaves: &[B256]) -> Self {
        let width = 1usize << depth_for(leaves.len());
        let mut level = leaves.to_vec();
        level.resize(width, B256::ZERO);
        let mut levels = vec![level];
        while levels.last().is_some_and(|l| l.len() > 1) {
            let below = levels.last().expect("a level");
            let up = below.chunks(2).map(|p| keccak256([p[0].0, p[1].0].concat())).collect();
            levels.push(up);
        }
        Self { levels }
    }

    /// The tree of `winners`' leaves, in position order.
    pub fn of(winners: &[Address]) -> Self {
        Self::new(&winners.iter().map(|w| leaf(*w)).collect::<Vec<_>>())
    }

    /// Its root.
    pub fn root(&self) -> B256 {
        self.levels.last().expect("a level")[0]
    }

    /// Its depth.
    pub fn depth(&self) -> u8 {
        u8::try_from(self.levels.len() - 1).expect("a small tree")
    }

    /// The siblings of `position`, from the leaf up.
    pub fn proof(&self, position: usize) -> Vec<B256> {
        let mut at = position;
        let mut siblings = Vec::new();
        for level in &self.levels[..self.levels.len() - 1] {
            siblings.push(level[at ^ 1]);
            at >>= 1;
        }
        siblings
    }

    /// Whether `leaf` sits at `position` of the tree of depth `depth` under `root`.
    pub fn verify(root: B256, depth: u8, position: usize, leaf: B256, proof: &[B256]) -> bool {
        if proof.len() != usize::from(depth) || position >> depth != 0 {
            return false;
        }
        let node = proof.iter().enumerate().fold(leaf, |node, (level, sibling)| {
            if (position >> level) & 1 == 0 {
                keccak256([node.0, sibling.0].concat())
            } else {
                keccak256([sibling.0, node.0].concat())
            }
        });
        node == root
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_position_proves_its_own_leaf_only() {
        for n in [1usize, 2, 3, 5, 8, 33] {
            let winners: Vec<Address> = (1..=n as u8).map(Address::repeat_byte).collect();
            let tree = PositionalTree::of(&winners);
            assert_eq!(tree.depth(), depth_for(n));
            for (j, w) in winners.iter().enumerate() {
                let proof = tree.proof(j);
                assert!(PositionalTree::verify(tree.root(), tree.depth(), j, leaf(*w), &proof));
                let other = (j + 1) % (1 << tree.depth());
                if other != j {
                    assert!(!PositionalTree::verify(
                        tree.root(),
                        tree.depth(),
                        other,
                        leaf(*w),
                        &proof
                    ));
                }
            }
        }
    }

    #[test]
    fn a_single_winner_is_its_own_root() {
        let tree = PositionalTree::of(&[Address::repeat_byte(7)]);
        assert_eq!((tree.depth(), tree.root()), (0, leaf(Address::repeat_byte(7))));
    }
}
