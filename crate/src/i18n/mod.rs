//! Every word the page shows, one catalogue per language. English is the
//! `Catalogue` struct itself (`english.rs`: one field per string, so a string
//! used in Rust and missing from the table does not compile); other languages
//! are flat JSON files of the same keys (`www/lang/<code>.json`), fetched only
//! by pages in that language and checked key for key by the tests.
//!
//! Strings with numbers or names in them hold named placeholders, `{epoch}`,
//! filled by `fill` (word order differs between languages).

mod english;
mod load;

pub use english::{Catalogue, ENGLISH};
pub use load::{language, parse, register};

/// `template` with each `{name}` replaced by its value; unknown names stay as
/// they are, so a typo shows instead of vanishing.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                let name = &after[..close];
                match values.iter().find(|(n, _)| *n == name) {
                    Some((_, value)) => out.push_str(value),
                    None => out.push_str(&rest[open..open + close + 2]),
                }
                rest = &after[close + 1..];
            }
            None => {
                out.push_str(&rest[open..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// The shown title of choice `value` of setting `setting` (its table's
/// `english` title where the words are the same in every language: SGD,
/// ReLU, L2).
pub fn choice_title(
    t: &Catalogue,
    setting: &str,
    value: &str,
    english: &'static str,
) -> &'static str {
    match (setting, value) {
        ("regularization", "none") => t.choice_none,
        ("optimizer", "momentum") => t.choice_momentum,
        ("optimizer", "nesterov") => t.choice_nesterov,
        ("palette", "red-green") => t.palette_red_green,
        ("palette", "color-blind") => t.palette_color_blind,
        ("schedule", "constant") => t.schedule_constant,
        ("schedule", "step") => t.schedule_step,
        ("schedule", "exponential") => t.schedule_exponential,
        ("schedule", "cosine") => t.schedule_cosine,
        ("schedule", "one-cycle") => t.schedule_one_cycle,
        _ => english,
    }
}

/// A scene's own label (an axis name, the marker's) as shown in catalogue
/// `t`'s language: the "Will I pass?" preset's English labels have their
/// words in the catalogue; any other label is its author's and shows as
/// written. (The scene and its links keep the English.)
pub fn scene_label<'a>(t: &Catalogue, label: &'a str) -> &'a str {
    match label {
        l if l == ENGLISH.axis_lectures_attended => t.axis_lectures_attended,
        l if l == ENGLISH.axis_project_hours => t.axis_project_hours,
        l if l == ENGLISH.marker_you => t.marker_you,
        _ => label,
    }
}

/// The `{name}` placeholders of a template, in order of appearance.
pub fn placeholders(template: &str) -> Vec<&str> {
    let mut names = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else { break };
        names.push(&after[..close]);
        rest = &after[close + 1..];
    }
    names
}

/// A count as the page shows it in sentences (epochs, points). English and
/// Korean share the thousands comma; a language that differs is a change
/// here alone. (Whole numbers only: no float formatting is pulled into the
/// wasm for it.)
pub fn count(value: usize) -> String {
    let digits = value.to_string();
    let mut grouped = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(c);
    }
    grouped
}

/// The Korean catalogue as the page loads it, for tests of what a Korean
/// playground says.
#[cfg(test)]
pub fn korean() -> Catalogue {
    parse(include_str!("../../../www/lang/ko.json"))
        .expect("ko.json is a language file")
        .catalogue
}

#[cfg(test)]
mod tests;
