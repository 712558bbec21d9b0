//! The native half of the native-vs-wasm agreement test: records the losses of
//! a seeded run for `web.rs` to compare against inside the browser.
#![cfg(not(target_arch = "wasm32"))]

mod common;

#[test]
fn record_native_losses_for_the_browser_test() {
    let losses = common::agreement::losses();
    assert_eq!(losses.len(), 4 * 31);
    assert!(losses.iter().all(|(a, b)| a.is_finite() && b.is_finite()));
    let text: String = losses
        .iter()
        .map(|(a, b)| format!("{a:e} {b:e}\n"))
        .collect();
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../target/native-losses.txt");
    std::fs::write(path, text).expect("writes target/native-losses.txt");
}
