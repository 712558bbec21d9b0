//! The native half of the bit-identity test: the seeded runs' hashes must
//! be those in `fixtures/seeded-runs.txt`, which the wasm half (`web.rs`,
//! in headless Chromium) checks too. Native = fixture = wasm, bit for bit.
//!
//! When the maths changes on purpose, write the fixture anew with
//! `DESCENT_WRITE_FIXTURE=1 cargo test --release --test agreement`, and
//! let the browser test confirm that wasm computes the same.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::agreement::{runs, text};

const FIXTURE: &str = "seeded-runs.txt";

#[test]
fn seeded_runs_give_the_bits_of_the_fixture() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/");
    let now = text(&runs());
    if std::env::var_os("DESCENT_WRITE_FIXTURE").is_some() {
        std::fs::write(format!("{path}{FIXTURE}"), &now).expect("writes the fixture");
    }
    let fixture = std::fs::read_to_string(format!("{path}{FIXTURE}")).expect("reads the fixture");
    let differ: Vec<_> = now
        .lines()
        .zip(fixture.lines())
        .filter(|(a, b)| a != b)
        .collect();
    assert!(
        differ.is_empty() && now.lines().count() == fixture.lines().count(),
        "native runs differ from the fixture (now, fixture): {differ:?}; if the maths changed on purpose, see this file's header"
    );
}

#[test]
fn the_hashes_tell_runs_apart() {
    // 42 settings, 42 different runs: a hash that ignored the weights would not.
    let all = runs();
    let distinct: std::collections::HashSet<_> = all.iter().map(|(_, h)| h).collect();
    assert_eq!(distinct.len(), all.len());
}
