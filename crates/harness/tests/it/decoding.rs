//! Reverts come back decoded by name with their values, whichever contract raised them; what
//! the suite does not declare, halts and rejected transactions are told apart.

use alloy::{
    hex,
    primitives::{Address, Bytes, U256},
    sol_types::{Panic, Revert as RevertString, SolError},
};
use era_bindings::{ERAStaking, ERAStaking::ERAStakingErrors, ERAToken::ERATokenErrors};
use era_harness::{Chain, Revert, dev};

use crate::{era, setup};

#[test]
fn staking_errors_decode_by_name() {
    let (mut chain, suite) = setup();
    let err = chain
        .send(dev(1), suite.staking, &ERAStaking::stakeCall { amount: U256::ZERO })
        .unwrap_err();
    assert_eq!(err, Revert::Staking(ERAStakingErrors::ZeroAmount(ERAStaking::ZeroAmount {})));
    assert_eq!((err.name(), err.to_string().as_str()), (Some("ZeroAmount"), "ZeroAmount()"));

    let err =
        chain.send(dev(1), suite.staking, &ERAStaking::stakeCall { amount: era(1) }).unwrap_err();
    assert_eq!(err.to_string(), format!("UnknownNode({})", dev(1)));
    let tier = era_client::tier_id("gold").unwrap();
    let err =
        chain.call(suite.staking, &ERAStaking::meetsTierCall { node: dev(1), tier }).unwrap_err();
    assert_eq!(err.to_string(), "UnknownTier(gold)");
}

#[test]
fn token_errors_bubbling_through_staking_decode_as_token_errors() {
    let (mut chain, suite) = setup();
    let node = dev(1);
    suite.give_era(&mut chain, node, era(100)).unwrap();
    chain.send(node, suite.staking, &ERAStaking::registerNodeCall {}).unwrap();
    // No allowance: the token's transferFrom reverts inside the staking call.
    let err =
        chain.send(node, suite.staking, &ERAStaking::stakeCall { amount: era(100) }).unwrap_err();
    match &err {
        Revert::Token(ERATokenErrors::ERC20InsufficientAllowance(e)) => {
            assert_eq!((e.spender, e.allowance, e.needed), (suite.staking, U256::ZERO, era(100)));
        }
        other => panic!("expected ERC20InsufficientAllowance, got {other}"),
    }
    assert_eq!(
        err.to_string(),
        format!("ERC20InsufficientAllowance({}, 0, 100000000000000000000)", suite.staking)
    );
}

/// Init code that reverts with `data` (at most 32 bytes).
fn reverting_init_code(data: &[u8]) -> Bytes {
    let mut code = vec![0x7f]; // PUSH32 data, left-aligned
    let mut word = [0u8; 32];
    word[..data.len()].copy_from_slice(data);
    code.extend(word);
    code.extend([0x60, 0x00, 0x52]); // MSTORE at 0
    code.extend([0x60, data.len() as u8, 0x60, 0x00, 0xfd]); // REVERT(0, len)
    code.into()
}

#[test]
fn undeclared_errors_halts_and_rejections_are_told_apart() {
    let mut chain = Chain::new();
    let from = dev(0);

    let err = chain.deploy(from, reverting_init_code(&hex!("deadbeef"))).unwrap_err();
    assert_eq!(err, Revert::Unknown(Bytes::from(hex!("deadbeef"))));
    assert_eq!(err.to_string(), "unknown error 0xdeadbeef (revert data 0xdeadbeef)");
    assert_eq!(err.name(), None);
    assert_eq!(
        chain.deploy(from, reverting_init_code(&[])).unwrap_err().to_string(),
        "reverted without data"
    );

    let halt = chain.deploy(from, Bytes::from_static(&[0xfe])).unwrap_err();
    assert!(matches!(halt, Revert::Halt(_)), "{halt}");

    // A rejected transaction changes nothing: no nonce used, no block mined.
    let (nonce, block) = (chain.nonce(from), chain.block_number());
    let too_much = chain.balance(from) + U256::ONE;
    let rejected = chain.send_raw(from, dev(1), too_much, Bytes::new()).unwrap_err();
    assert!(matches!(rejected, Revert::Invalid(_)), "{rejected}");
    assert_eq!((chain.nonce(from), chain.block_number()), (nonce, block));

    // A reverted transaction is mined: it uses a nonce and a block.
    let _ = chain.deploy(from, reverting_init_code(&[1])).unwrap_err();
    assert_eq!((chain.nonce(from), chain.block_number()), (nonce + 1, block + 1));

    // A view called on an address without code returns nothing, which does not decode.
    let err = chain
        .call(Address::repeat_byte(0x42), &ERAStaking::nodeStakeCall { node: from })
        .unwrap_err();
    assert!(matches!(err, Revert::BadReturn { .. }), "{err}");
}

#[test]
fn string_reverts_and_panics_decode() {
    let message = RevertString { reason: "nope".into() }.abi_encode();
    let err = Revert::from_revert_data(message.clone().into());
    assert_eq!((err.to_string().as_str(), err.name()), ("Error(\"nope\")", Some("Error")));
    assert_eq!(err.data(), Some(message.into()));
    let panic = Revert::from_revert_data(Panic { code: U256::from(0x11) }.abi_encode().into());
    assert_eq!(panic.to_string(), "Panic(0x11)");
}
