// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Leaderboard} from "./Leaderboard.sol";
import {PointsLedger} from "./PointsLedger.sol";
import {RewardShop} from "./RewardShop.sol";
import {ScenarioFactory} from "@era/sdk/ScenarioFactory.sol";

/// @title The scenario's contract set as clones from the suite's ScenarioFactory
/// @notice One place says which clones a scenario has, their salts and how each is initialized;
/// the deploy script and the tests both use it. The clones' addresses are known before any of
/// them exists, so each is initialized with the others' addresses in the same transaction.
library LoyaltySet {
    /// The shared implementations (`constructor(true)`), deployed once per chain.
    struct Implementations {
        address ledger;
        address shop;
        address board;
    }

    /// A scenario's clones.
    struct Set {
        PointsLedger ledger;
        RewardShop shop;
        Leaderboard board;
    }

    /// @notice The salt of `scenario`'s clone of `kind`: one developer may run several scenarios.
    function salt(bytes32 scenario, bytes32 kind) internal pure returns (bytes32) {
        return keccak256(abi.encode(scenario, kind));
    }

    /// @notice Where `developer`'s clones for `scenario` are (or will be).
    function predict(
        ScenarioFactory factory,
        Implementations memory impl,
        address developer,
        bytes32 scenario
    ) internal view returns (Set memory set) {
        set.ledger = PointsLedger(factory.predict(impl.ledger, developer, salt(scenario, "ledger")));
        set.shop = RewardShop(factory.predict(impl.shop, developer, salt(scenario, "shop")));
        set.board = Leaderboard(factory.predict(impl.board, developer, salt(scenario, "board")));
    }

    /// @notice `factory.cloneAll`'s arguments for `developer`'s `scenario`, which `developer`
    /// administers; `set` is where the clones will be.
    function cloneAllArgs(
        ScenarioFactory factory,
        Implementations memory impl,
        address developer,
        bytes32 scenario
    )
        internal
        view
        returns (address[] memory impls, bytes32[] memory salts, bytes[] memory inits, Set memory set)
    {
        set = predict(factory, impl, developer, scenario);
        impls = new address[](3);
        salts = new bytes32[](3);
        inits = new bytes[](3);
        (impls[0], salts[0]) = (impl.ledger, salt(scenario, "ledger"));
        inits[0] = abi.encodeCall(PointsLedger.initialize, (developer, address(set.shop)));
        (impls[1], salts[1]) = (impl.shop, salt(scenario, "shop"));
        inits[1] = abi.encodeCall(RewardShop.initialize, (developer, set.ledger));
        (impls[2], salts[2]) = (impl.board, salt(scenario, "board"));
        inits[2] = abi.encodeCall(Leaderboard.initialize, (set.ledger));
    }
}
