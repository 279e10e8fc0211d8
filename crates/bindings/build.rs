//! Compiles the contracts with the project's forge (tools/bin/forge, installed by `make install`) so the `sol!` bindings in
//! `src/lib.rs` always read fresh artifacts from `out/`.
use std::{path::Path, process::Command};

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    for watched in ["contracts", "script", "foundry.toml"] {
        println!("cargo:rerun-if-changed={}", root.join(watched).display());
    }
    // `.ci/run` starts cargo on the dependencies while `make install` compiles the contracts; the
    // two must not run forge on one out/ at once, so that early build stops here (cargo's
    // --keep-going builds everything else) and the real build runs this script again.
    println!("cargo:rerun-if-env-changed=ERA_BINDINGS_DEFER");
    if std::env::var_os("ERA_BINDINGS_DEFER").is_some() {
        panic!("ERA_BINDINGS_DEFER is set: the bindings are built after `forge build`");
    }
    let forge = root.join("tools/bin/forge");
    if !forge.exists() {
        panic!(
            "{} is missing: run `make install` (npm install) in the project root first",
            forge.display()
        );
    }
    let out = Command::new(&forge)
        .args(["build", "--skip", "test", "--quiet"])
        .current_dir(&root)
        .output()
        .unwrap_or_else(|e| panic!("could not run {}: {e}", forge.display()));
    if !out.status.success() {
        panic!(
            "forge build failed:\n{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }
}
