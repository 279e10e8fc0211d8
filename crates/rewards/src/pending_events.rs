//! Events (and one view) of contracts not merged yet, with the exact signatures issue 12 fixes.
//! The integrator replaces this file with the generated bindings once `flows` (ScenarioRevenue,
//! Invitations, `rulesHash`) and `pledges` (asset pledges) land, and the distributor's `Funded`
//! once its binding is generated.
#![allow(missing_docs)]

alloy::sol! {
    /// E1 ScenarioRevenue.
    #[derive(Debug, PartialEq, Eq)]
    event RevenuePaid(uint256 indexed scenarioId, address indexed payer, uint256 amount, uint256 toNodes, uint256 toDeveloper);
    /// E1 Invitations.
    #[derive(Debug, PartialEq, Eq)]
    event Invited(address indexed inviter, address indexed invitee);
    /// E1 Invitations.
    #[derive(Debug, PartialEq, Eq)]
    event InviteAccepted(address indexed invitee, address indexed inviter);
    /// E1 RewardsDistributor.
    #[derive(Debug, PartialEq, Eq)]
    event RulesSet(bytes32 rulesHash, string uri);
    /// E2 StateAssetRegistry.
    #[derive(Debug, PartialEq, Eq)]
    event AssetPledged(bytes32 indexed assetId, address indexed owner, address indexed node, uint256 anchor);
    /// E2 StateAssetRegistry.
    #[derive(Debug, PartialEq, Eq)]
    event AssetUnpledged(bytes32 indexed assetId, address indexed owner, address indexed node);
    /// RewardsDistributor (contracts/interfaces/IRewardsDistributor.sol), not in era-bindings yet.
    #[derive(Debug, PartialEq, Eq)]
    event Funded(address indexed from, bytes32 indexed source, uint256 amount, uint256 funded);

    /// The distributor's rules hash (E1).
    interface RulesHash {
        function rulesHash() external view returns (bytes32);
    }
}
