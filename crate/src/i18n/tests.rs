//! Every language file holds every English key, no other, no empty text,
//! and the same placeholders as English.

use super::*;
use std::collections::BTreeSet;

/// Every `www/lang/<code>.json`: adding a language is adding a file there.
fn language_files() -> Vec<(String, String)> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../www/lang");
    let mut files: Vec<(String, String)> = std::fs::read_dir(&dir)
        .expect("www/lang/ holds the language files")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .map(|p| {
            let code = p.file_stem().unwrap().to_string_lossy().into_owned();
            (code, std::fs::read_to_string(&p).unwrap())
        })
        .collect();
    files.sort();
    assert!(files.iter().any(|(c, _)| c == "ko"), "Korean is there");
    files
}

#[test]
fn english_has_no_empty_string_and_no_key_twice() {
    let entries = ENGLISH.entries();
    let keys: BTreeSet<_> = entries.iter().map(|(k, _)| k).collect();
    assert_eq!(keys.len(), entries.len());
    for (key, text) in entries {
        assert!(!text.trim().is_empty(), "{key} is empty");
    }
}

#[test]
fn every_language_has_every_key_and_no_other() {
    for (code, text) in language_files() {
        let parsed = parse(&text).unwrap_or_else(|e| panic!("{code}.json: {e}"));
        assert!(
            parsed.missing.is_empty(),
            "{code}.json lacks {:?}",
            parsed.missing
        );
        assert!(
            parsed.unknown.is_empty(),
            "{code}.json has keys English has not: {:?}",
            parsed.unknown
        );
    }
}

#[test]
fn every_string_is_translated_and_keeps_its_placeholders() {
    for (code, text) in language_files() {
        let parsed = parse(&text).unwrap();
        let english = ENGLISH.entries();
        for ((key, theirs), (_, ours)) in parsed.catalogue.entries().into_iter().zip(english) {
            assert!(!theirs.trim().is_empty(), "{code}: {key} is empty");
            let a: BTreeSet<_> = placeholders(ours).into_iter().collect();
            let b: BTreeSet<_> = placeholders(theirs).into_iter().collect();
            assert_eq!(a, b, "{code}: {key} has other placeholders than English");
        }
    }
}

#[test]
fn a_language_file_that_is_not_key_and_text_is_refused() {
    assert!(parse("[1, 2]").is_err());
    assert!(parse(r#"{"play": 3}"#)
        .unwrap_err()
        .contains("'play' is a number"));
    let partial = parse(r#"{"play": "재생", "nonsense": "x"}"#).unwrap();
    assert_eq!(partial.catalogue.play, "재생");
    assert_eq!(
        partial.catalogue.pause, ENGLISH.pause,
        "a missing string stays English"
    );
    assert_eq!(partial.unknown, ["nonsense"]);
    assert!(partial.missing.contains(&"pause"));
}

#[test]
fn placeholders_are_filled_by_name_in_any_order() {
    assert_eq!(
        fill(
            "batch {batch} of {batches}",
            &[("batches", "20"), ("batch", "3")]
        ),
        "batch 3 of 20"
    );
    assert_eq!(
        fill(
            "{batches}개 중 {batch}번째",
            &[("batch", "3"), ("batches", "20")]
        ),
        "20개 중 3번째"
    );
    assert_eq!(fill("keep {unknown} and {", &[]), "keep {unknown} and {");
    assert_eq!(placeholders("a {x} b {y}"), ["x", "y"]);
}

#[test]
fn every_translated_choice_is_a_choice_of_its_setting() {
    use crate::scene::settings::{Values, SETTINGS};
    let mut translated = 0;
    for row in &SETTINGS {
        if let Values::Choice(all) = row.values {
            for (value, title) in all() {
                let own = choice_title(&ENGLISH, row.name, value, "");
                if !own.is_empty() {
                    assert_eq!(
                        own, title,
                        "{}={value}: English is the table's title",
                        row.name
                    );
                    translated += 1;
                }
            }
        }
    }
    assert_eq!(
        translated, 10,
        "each of choice_title's ten arms names a real choice"
    );
}

#[test]
fn counts_are_grouped_by_thousands() {
    assert_eq!(count(5000), "5,000");
    assert_eq!(count(1234567), "1,234,567");
    assert_eq!(count(12), "12");
    assert_eq!(count(0), "0");
}

#[test]
fn a_registered_language_is_kept_once() {
    let ko = register("ko-test", r#"{"play": "재생"}"#).unwrap();
    assert_eq!(ko.play, "재생");
    let again = register("ko-test", r#"{"play": "other"}"#).unwrap();
    assert!(std::ptr::eq(ko, again));
    assert_eq!(language("en").unwrap().play, "Play");
    assert!(language("xx").is_none());
}

#[test]
fn the_status_speaks_the_playgrounds_language() {
    use crate::scene::{describe::training_state, Scene, Session};
    let (_, korean) = language_files()
        .into_iter()
        .find(|(c, _)| c == "ko")
        .unwrap();
    let ko = parse(&korean).unwrap().catalogue;
    let mut session = Session::new(Scene::default());
    session.clear_points();
    assert_eq!(training_state(&session, &ko).1, ko.needs_points);
    assert_eq!(training_state(&session, &ENGLISH).1, ENGLISH.needs_points);
    assert_ne!(ko.needs_points, ENGLISH.needs_points);
    let mut session = Session::new(Scene::default());
    session.set("stop-after", "2").unwrap();
    session.train_epochs(2);
    assert_eq!(
        training_state(&session, &ko).1,
        "설정대로 2 에포크 뒤에 멈췄습니다."
    );
}

#[test]
fn the_catalogue_is_read_as_its_fields() {
    let entries = ENGLISH.entries();
    assert_eq!(entries[0], ("training_controls", ENGLISH.training_controls));
    assert_eq!(
        entries.iter().find(|(k, _)| *k == "play").unwrap().1,
        ENGLISH.play
    );
    let last = entries.last().unwrap();
    assert_eq!(*last, ("preset_mixture", ENGLISH.preset_mixture));
    let mut c = ENGLISH.clone();
    assert!(c.set("pause", "일시 정지"));
    assert_eq!(c.pause, "일시 정지");
    assert_eq!(c.play, ENGLISH.play);
    assert!(!c.set("no such key", "x"));
}
