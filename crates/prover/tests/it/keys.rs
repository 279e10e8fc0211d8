//! Development keys, hashing, files and snarkjs export.

use era_prover::{
    Error, ProvingKey, Schema, VerifyingKey,
    keys::{
        check_proving_key, dev_setup, key_from_bytes, read_key, snarkjs_vk_json, vk_hash, write_key,
    },
};

use crate::dev_key;

#[test]
fn dev_keys_are_deterministic_per_label_and_schema() {
    let schema = Schema::by_name("range").unwrap();
    let again = dev_setup(&schema, "test").unwrap();
    assert_eq!(vk_hash(&again.vk), vk_hash(&dev_key(&schema).vk));
    let other = dev_setup(&schema, "other").unwrap();
    assert_ne!(vk_hash(&other.vk), vk_hash(&again.vk));
    let on_time = Schema::by_name("on-time").unwrap();
    assert_ne!(vk_hash(&dev_key(&on_time).vk), vk_hash(&again.vk));
}

#[test]
fn keys_round_trip_through_files() {
    let schema = Schema::by_name("range").unwrap();
    let pk = dev_key(&schema);
    let dir = std::env::temp_dir().join(format!("era-prover-keys-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    write_key(pk, &dir.join("pk.bin")).unwrap();
    write_key(&pk.vk, &dir.join("vk.bin")).unwrap();
    let pk2: ProvingKey = read_key(&dir.join("pk.bin")).unwrap();
    let vk2: VerifyingKey = read_key(&dir.join("vk.bin")).unwrap();
    assert_eq!(&pk2, pk);
    assert_eq!(vk2, pk.vk);
    check_proving_key(&schema, &pk2).unwrap();
    let err = check_proving_key(&Schema::by_name("on-time").unwrap(), &pk2).unwrap_err();
    assert!(matches!(err, Error::KeyMismatch { .. }), "{err}");
    let err = read_key::<VerifyingKey>(&dir.join("missing.bin")).unwrap_err();
    assert!(matches!(err, Error::Io { .. }), "{err}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn malformed_keys_are_errors() {
    let pk = dev_key(&Schema::by_name("range").unwrap());
    let mut bytes = Vec::new();
    ark_serialize::CanonicalSerialize::serialize_compressed(&pk.vk, &mut bytes).unwrap();
    assert!(key_from_bytes::<VerifyingKey>(&bytes[..bytes.len() - 1], "vk").is_err());
    let mut extra = bytes.clone();
    extra.push(0);
    assert!(key_from_bytes::<VerifyingKey>(&extra, "vk").is_err());
    // Flip bits in alpha's x coordinate: no longer a curve point, refused.
    let mut bad = bytes.clone();
    bad[3] ^= 0x55;
    let err = key_from_bytes::<VerifyingKey>(&bad, "vk").unwrap_err();
    assert!(matches!(err, Error::Malformed { .. }), "{err}");
}

#[test]
fn snarkjs_json_has_the_verification_key_shape() {
    let vk = &dev_key(&Schema::by_name("on-time").unwrap()).vk;
    let json = snarkjs_vk_json(vk);
    assert_eq!(json["protocol"], "groth16");
    assert_eq!(json["curve"], "bn128");
    assert_eq!(json["nPublic"], 2);
    assert_eq!(json["IC"].as_array().unwrap().len(), 3);
    assert_eq!(json["vk_beta_2"][2], serde_json::json!(["1", "0"]));
    assert_eq!(json["vk_alphabeta_12"].as_array().unwrap().len(), 2);
    assert_eq!(json["vk_alphabeta_12"][0].as_array().unwrap().len(), 3);
}
