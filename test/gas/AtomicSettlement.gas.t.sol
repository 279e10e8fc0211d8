// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IAtomicSettlement} from "../../contracts/interfaces/IAtomicSettlement.sol";
import {IExecutionModes} from "../../contracts/interfaces/IExecutionModes.sol";
import {AtomicBase} from "../execution/AtomicBase.t.sol";
import {GasMeasure} from "../utils/GasMeasure.sol";

/// @notice Gas of atomic settlements (see `GasMeasure` for the method). Target of the issue: the
/// 4-leg cross-border payment (debit, convert, fee, credit) under 150,000 gas with the 21,000 base
/// (anchors: Uniswap v4 simple swap 123,144; UniswapX ExecuteSingle 138,505).
/// Steady state: an earlier payment left every party with a balance and used a nonce in the payer's
/// and the provider's bitmap words, as for parties that settle regularly. The target is checked on
/// the transaction's gas (execution plus the 21,000 base and calldata) for a scenario whose modes
/// are declared; with the domain's default settings the engine also reads the scenario from the
/// registry (about 13,500 gas: `ExecutionModes._config`), recorded without a target.
contract AtomicSettlementGasTest is AtomicBase, GasMeasure {
    string internal constant GROUP = "AtomicSettlement";
    uint256 internal constant TARGET = 150_000;

    function setUp() public override {
        super.setUp();
        settleAsPayer(crossBorder(1_000e18, 1));
    }

    function declareAtomic() internal {
        vm.prank(developer);
        engine.declareModes(payments, 0x02, 0); // bit 1 << Mode.Atomic
    }

    /// Measures `data` sent by `caller` and checks its transaction gas against the target.
    function measureTx(address caller, bytes memory data, string memory name) internal {
        uint256 execution = measureCall(GROUP, address(engine), caller, data, name);
        assertLe(execution + intrinsicGas(data), TARGET, name);
    }

    /// The payer sends its own payment: no settlement signature, the provider's quote signature.
    function test_gas_settleCrossBorder() public {
        declareAtomic();
        IAtomicSettlement.Settlement memory s = crossBorder(1_000e18, 2);
        measureTx(payer, abi.encodeCall(engine.settle, (s, quoteSigs(s), noSigs())), "settle (4 legs)");
    }

    /// A relayer sends it with the payer's signature.
    function test_gas_settleCrossBorderRelayed() public {
        declareAtomic();
        IAtomicSettlement.Settlement memory s = crossBorder(1_000e18, 2);
        bytes memory data = abi.encodeCall(engine.settle, (s, quoteSigs(s), partySig(payerKey, s)));
        measureTx(stranger, data, "settle (4 legs, relayed)");
    }

    /// The financial domain's default settings (modes not declared): the registry is read too.
    function test_gas_settleCrossBorderDefaultModes() public {
        IAtomicSettlement.Settlement memory s = crossBorder(1_000e18, 2);
        bytes memory data = abi.encodeCall(engine.settle, (s, quoteSigs(s), noSigs()));
        measureCall(GROUP, address(engine), payer, data, "settle (4 legs, default modes)");
    }

    /// First payment of fresh parties: new nonce words and a payee and collector without balance.
    function test_gas_settleCrossBorderFirst() public {
        declareAtomic();
        IAtomicSettlement.Settlement memory s = crossBorder(1_000e18, 1 << 8);
        s.legs[2].party = makeAddr("new collector");
        s.legs[3].party = makeAddr("new payee");
        bytes memory data = abi.encodeCall(engine.settle, (s, quoteSigs(s), noSigs()));
        measureCall(GROUP, address(engine), payer, data, "settle (4 legs, first of its parties)");
    }
}
