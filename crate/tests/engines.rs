//! The native half of the cross-engine test: the scene in
//! `fixtures/seeded-scene.txt`, trained 100 epochs, gives the model in
//! `fixtures/seeded-model.json`, every weight written as the shortest text
//! that reads back as the same f32. The end-to-end tests open the same scene
//! in Chromium, Firefox and WebKit, train it as a student would, and compare
//! the page's `model_json()` with this file, character for character.
//!
//! When the maths changes on purpose, write it anew with
//! `DESCENT_WRITE_FIXTURE=1 cargo test --release --test engines`.
#![cfg(not(target_arch = "wasm32"))]

use descent::scene::export::model_json;
use descent::scene::{Scene, Session};

const EPOCHS: usize = 100;
const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/");

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!("{FIXTURES}{name}")).expect("reads the fixture")
}

/// What the page does with a link: a fresh playground loads the scene.
fn trained_model() -> String {
    let decoded =
        descent::scene::text::decode(&fixture("seeded-scene.txt")).expect("the scene reads");
    assert!(
        decoded.notes.is_empty(),
        "the scene is read whole: {:?}",
        decoded.notes
    );
    let mut session = Session::new(Scene::default());
    session.load(decoded.scene);
    assert_eq!(session.train_epochs(EPOCHS), EPOCHS);
    model_json(session.scene(), &session.trainer().network)
}

#[test]
fn the_seeded_scene_trains_to_the_fixture_model() {
    let now = trained_model();
    if std::env::var_os("DESCENT_WRITE_FIXTURE").is_some() {
        std::fs::write(format!("{FIXTURES}seeded-model.json"), &now).expect("writes the fixture");
    }
    assert_eq!(
        now,
        fixture("seeded-model.json"),
        "native training differs from the fixture; if the maths changed on purpose, see this file's header"
    );
}
