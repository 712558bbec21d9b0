//! Reading a language's JSON file into a `Catalogue`, and the languages a
//! page has loaded (each once: its strings live as long as the page).

use super::{Catalogue, ENGLISH};
use crate::data::io::json::{self, Json};
use std::cell::RefCell;

/// A language file as read: its catalogue (English where it has no string),
/// the keys it lacks and the keys no string of English has.
#[derive(Debug)]
pub struct Parsed {
    pub catalogue: Catalogue,
    pub missing: Vec<&'static str>,
    pub unknown: Vec<String>,
}

/// Reads a flat JSON object of `"key": "text"`. A key it lacks keeps the
/// English string (a language may lag behind a new English string); a value
/// that is not text refuses the file.
pub fn parse(text: &str) -> Result<Parsed, String> {
    let Json::Object(fields) = json::parse(text).map_err(|e| e.to_string())? else {
        return Err("a language file is one JSON object of key and text".to_string());
    };
    let mut catalogue = ENGLISH.clone();
    let mut unknown = Vec::new();
    let mut given = Vec::with_capacity(fields.len());
    for (key, value) in fields {
        let Json::Text(text) = value else {
            return Err(format!("'{key}' is {}, not text", value.kind()));
        };
        if catalogue.set(&key, Box::leak(text.into_boxed_str())) {
            given.push(key);
        } else {
            unknown.push(key);
        }
    }
    let missing = ENGLISH
        .entries()
        .into_iter()
        .map(|(key, _)| key)
        .filter(|key| !given.iter().any(|g| g == key))
        .collect();
    Ok(Parsed {
        catalogue,
        missing,
        unknown,
    })
}

thread_local! {
    static LOADED: RefCell<Vec<(String, &'static Catalogue)>> = const { RefCell::new(Vec::new()) };
}

/// Reads and keeps language `code` (once per page: a second call gives the first).
pub fn register(code: &str, text: &str) -> Result<&'static Catalogue, String> {
    if let Some(known) = language(code) {
        return Ok(known);
    }
    let parsed = parse(text)?;
    let kept: &'static Catalogue = Box::leak(Box::new(parsed.catalogue));
    LOADED.with(|l| l.borrow_mut().push((code.to_string(), kept)));
    Ok(kept)
}

/// Language `code` if it is English or has been registered.
pub fn language(code: &str) -> Option<&'static Catalogue> {
    if code == "en" {
        return Some(&ENGLISH);
    }
    LOADED.with(|l| l.borrow().iter().find(|(c, _)| c == code).map(|(_, t)| *t))
}
