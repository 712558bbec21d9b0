//! A whole scene as short text for a link's `#…` or a file: `key=value`
//! pairs joined by `&`, URL-safe throughout, e.g.
//! `v=1&preset=circle&points-count=200&hidden=4,2&…&data=200.K4xq…`.
//!
//! Keys: `v` (the format's version), `preset` (a name or `none`),
//! `points-count` (the preset's size, for "regenerate"), every setting of
//! [`settings::NAMES`] (with `classes=regression` for a regression), then
//! `domain`, `axes` and `marker` only where they differ from the preset's,
//! and `data`, the points packed as described in [`pack`]. A link without
//! `data` gets the preset's points drawn from its seed.
//!
//! Every setting is read through [`settings::apply`], so a link gets the same
//! clamping notes and refusals as the page's controls. A field that can't be
//! read is skipped with a note, as if it were absent, and the rest loads.

mod pack;
mod short;

use super::settings;
use super::{Marker, Scene, MAX_POINTS};
use crate::data::{human, shorten};
use crate::data::{Domain, Preset, Task};
use crate::decimal::read_f32;
use crate::decimal::Shortest;
use crate::i18n::{fill, Catalogue, ENGLISH};
use std::fmt::Write;

pub use pack::VALUE_RANGE;
pub use short::encode_short;

/// The format this module writes; `v=` tells which a text was written in.
pub const VERSION: u32 = 1;
/// Longer text is refused unread; a scene of `MAX_POINTS` takes about 30,000.
pub const MAX_TEXT: usize = 100_000;
/// Axis names and the marker's label are cut to this many characters.
pub const MAX_CAPTION: usize = 80;
/// The furthest from 0 a domain's edge or the marker may be written.
pub const MAX_COORDINATE: f32 = 1e6;
/// The furthest from 0 a domain's edge is shown: further is clamped with a
/// note (the data canvas of a domain a million wide is no picture of anything).
pub const MAX_DOMAIN: f32 = 1000.0;
/// Decoding says at most this many things; the last one counts the rest.
const MAX_NOTES: usize = 20;

const REGRESSION: &str = "regression";
const DEFAULT_POINTS: usize = 200;

#[derive(Clone, Debug, PartialEq)]
pub struct Decoded {
    pub scene: Scene,
    /// What was clamped, skipped or ignored, one sentence each.
    pub notes: Vec<String>,
}

/// The scene as text for a link; `decode` gives it back, the points within
/// the bounds stated in [`pack`] (exactly when they are the preset's own,
/// which the link then draws from the seed instead of holding them). Exact
/// again after one round: for what `decode` returns,
/// `encode(decode(encode(s))) == encode(s)`. [`link_notes`] says what the
/// link cannot hold.
pub fn encode(scene: &Scene) -> String {
    encode_with(scene, |points| {
        ("data", pack::pack(points, scene.task, scene.domain))
    })
}

/// The scene as text that `decode` gives back exactly, points and all (for
/// a scene saved in the browser: nothing may move). Longer than a link.
pub fn encode_exact(scene: &Scene) -> String {
    encode_with(scene, |points| ("points", pack::pack_exact(points)))
}

/// Whether the scene's points are those its preset draws from its seed, so
/// that text without them reproduces them exactly.
fn drawn_from_preset(scene: &Scene) -> bool {
    if scene.preset.is_none() {
        return false;
    }
    let mut drawn = scene.clone();
    drawn.regenerate();
    drawn.points == scene.points
}

/// What a link to `scene` cannot hold, a sentence each in `t`'s language
/// (empty when the link reproduces the scene exactly). The scene itself is
/// never changed.
pub fn link_notes(t: &Catalogue, scene: &Scene) -> Vec<String> {
    if drawn_from_preset(scene) || scene.points.is_empty() {
        return Vec::new();
    }
    let mut notes = Vec::new();
    let ((x1_low, x1_high), (x2_low, x2_high)) = pack::reach(scene.domain);
    let beyond = |v: f32, low: f64, high: f64| !(low..=high).contains(&f64::from(v));
    let outside = scene
        .points
        .iter()
        .filter(|p| beyond(p.x1, x1_low, x1_high) || beyond(p.x2, x2_low, x2_high))
        .count();
    if outside > 0 {
        notes.push(fill(
            t.link_cannot_hold_outside,
            &[
                ("count", &outside.to_string()),
                ("x1_low", &human(x1_low)),
                ("x1_high", &human(x1_high)),
                ("x2_low", &human(x2_low)),
                ("x2_high", &human(x2_high)),
            ],
        ));
    }
    if scene.task == Task::Regression {
        let (low, high) = VALUE_RANGE;
        let cut = scene
            .points
            .iter()
            .filter(|p| !(low..=high).contains(&p.label))
            .count();
        if cut > 0 {
            notes.push(fill(
                t.link_cannot_hold_values,
                &[
                    ("count", &cut.to_string()),
                    ("low", &Shortest(low).to_string()),
                    ("high", &Shortest(high).to_string()),
                ],
            ));
        }
    }
    let text = encode(scene);
    let moved = decode(&text).is_ok_and(|d| d.scene.points != scene.points);
    if moved && outside == 0 {
        notes.push(t.link_rounds_points.to_string());
    }
    notes
}

/// The scene's pairs, then the points as `pack` makes them (left out when
/// drawn from the preset).
fn encode_with(
    scene: &Scene,
    points: impl Fn(&[crate::data::Point]) -> (&'static str, String),
) -> String {
    let mut pairs: Vec<(&str, String)> = vec![
        ("v", VERSION.to_string()),
        (
            "preset",
            scene.preset.map_or("none", Preset::name).to_string(),
        ),
        ("points-count", scene.preset_points.to_string()),
    ];
    for name in settings::NAMES {
        let value = match (name, scene.task) {
            ("classes", Task::Regression) => REGRESSION.to_string(),
            _ => settings::get(scene, name).unwrap_or_default(),
        };
        pairs.push((name, escape(&value, b",")));
    }
    let usual = preset_scene(scene.preset, 0);
    if scene.domain != usual.domain {
        let Domain { x1, x2 } = scene.domain;
        pairs.push((
            "domain",
            format!(
                "{},{},{},{}",
                Shortest(x1.0),
                Shortest(x1.1),
                Shortest(x2.0),
                Shortest(x2.1)
            ),
        ));
    }
    if scene.axes != usual.axes {
        let (x1, x2) = &scene.axes;
        pairs.push(("axes", format!("{},{}", escape(x1, b""), escape(x2, b""))));
    }
    if scene.marker != usual.marker {
        let marker = match &scene.marker {
            None => "none".to_string(),
            Some(m) => format!(
                "{},{},{}",
                Shortest(m.x1),
                Shortest(m.x2),
                escape(&m.label, b"")
            ),
        };
        pairs.push(("marker", marker));
    }
    if !drawn_from_preset(scene) {
        pairs.push(points(&scene.points));
    }
    let texts: Vec<String> = pairs.iter().map(|(k, v)| format!("{k}={v}")).collect();
    texts.join("&")
}

/// The scene in `text` (a whole link is fine: only what follows its last `#`
/// is read), with notes on what could not be used. Refused outright only when
/// longer than `MAX_TEXT`, without a single `key=value`, or without a single
/// key of a scene (a hash of some other page's); empty text is the default
/// scene.
pub fn decode(text: &str) -> Result<Decoded, String> {
    decode_in(&ENGLISH, text)
}

/// As [`decode`], the notes and refusal told in `t`'s language.
pub fn decode_in(t: &Catalogue, text: &str) -> Result<Decoded, String> {
    if text.chars().nth(MAX_TEXT).is_some() {
        return Err(fill(t.link_too_long, &[("max", &MAX_TEXT.to_string())]));
    }
    let text = text.rsplit_once('#').map_or(text, |(_, hash)| hash).trim();
    let text = text.strip_prefix('?').unwrap_or(text);
    let mut r = Reading::new(t, text);
    if r.pairs.is_empty() && !text.is_empty() {
        return Err(fill(t.link_not_pairs, &[("text", &shorten(text))]));
    }
    if let Some(v) = r.take("v") {
        if v.trim() != VERSION.to_string() {
            r.notes.push(fill(
                t.link_version,
                &[("version", &VERSION.to_string()), ("value", &shorten(&v))],
            ));
        }
    }
    // The points are packed relative to the preset's domain or the given
    // one, so they are only read when both of those were.
    let preset = r.take("preset").map(|v| preset(t, &v));
    let placed = !matches!(preset, Some(Err(_)));
    let preset = r.noted(preset).unwrap_or(Some(Preset::Circle));
    let count = r.take("points-count").map(|v| points_count(t, &v));
    let count = r.noted(count).unwrap_or(DEFAULT_POINTS);
    let mut scene = preset_scene(preset, count);
    r.settings(&mut scene);
    let packed_for = r.placement(&mut scene).filter(|_| placed);
    r.points(&mut scene, packed_for);
    if !r.known && !text.is_empty() {
        // Someone else's hash (`#utm_source=x`, `#section=2`): no scene of ours.
        return Err(fill(t.link_no_setting, &[("text", &shorten(text))]));
    }
    for (key, _) in &r.pairs {
        r.notes
            .push(fill(t.link_unknown_setting, &[("name", &shorten(key))]));
    }
    Ok(Decoded {
        scene,
        notes: capped(t, r.notes),
    })
}

/// A preset's scene without its points drawn yet (`None`: no preset, the
/// standard domain and plain axes).
fn preset_scene(preset: Option<Preset>, points: usize) -> Scene {
    let mut scene = Scene::from_preset(preset.unwrap_or(Preset::Circle), 0, 0.0, 1);
    scene.preset = preset;
    scene.preset_points = points;
    scene
}

/// The `key=value` pairs not yet used, and the notes so far. Keys are
/// unescaped at once; values only when used, as a caption's escaped comma
/// must not split it.
struct Reading<'t> {
    t: &'t Catalogue,
    pairs: Vec<(String, String)>,
    notes: Vec<String>,
    /// Some key of a scene was there (read or not).
    known: bool,
}

impl<'t> Reading<'t> {
    fn new(t: &'t Catalogue, text: &str) -> Reading<'t> {
        let mut r = Reading {
            t,
            pairs: Vec::new(),
            notes: Vec::new(),
            known: false,
        };
        for piece in text.split('&').filter(|p| !p.is_empty()) {
            let Some((key, value)) = piece.split_once('=') else {
                r.notes
                    .push(fill(t.link_not_pair, &[("text", &shorten(piece))]));
                continue;
            };
            match unescape(t, t.link_field_key, key) {
                Ok(key) => r.pairs.push((key.trim().to_string(), value.to_string())),
                Err(e) => r.notes.push(e),
            }
        }
        r
    }

    /// The raw value of `key` (the last, if given more than once), used up.
    fn take_raw(&mut self, key: &str) -> Option<String> {
        let mut found = None;
        let mut times = 0;
        self.pairs.retain(|(k, v)| {
            let hit = k == key;
            if hit {
                found = Some(v.clone());
                times += 1;
            }
            !hit
        });
        if times > 1 {
            self.notes.push(fill(
                self.t.link_given_twice,
                &[("name", key), ("times", &times.to_string())],
            ));
        }
        self.known |= times > 0;
        found
    }

    /// The value of `key`, unescaped; None, with a note, if it can't be.
    fn take(&mut self, key: &str) -> Option<String> {
        let raw = self.take_raw(key)?;
        let value = unescape(self.t, key, &raw);
        self.noted(Some(value))
    }

    /// The value, or None with the error noted.
    fn noted<T>(&mut self, result: Option<Result<T, String>>) -> Option<T> {
        match result? {
            Ok(v) => Some(v),
            Err(e) => {
                self.notes.push(e);
                None
            }
        }
    }

    /// Every setting, through `settings::apply`, in the order of `NAMES`.
    fn settings(&mut self, scene: &mut Scene) {
        for name in settings::NAMES {
            let Some(value) = self.take(name) else {
                continue;
            };
            let result = if name == "classes" && value.trim() == REGRESSION {
                regression(self.t, scene, &value)
            } else {
                settings::apply_in(self.t, scene, name, &value).map(|a| a.note)
            };
            match result {
                Ok(note) => self.notes.extend(note),
                Err(e) => self.notes.push(e),
            }
        }
    }

    /// The domain, axes and marker; the domain the points were packed for
    /// (the one written, before clamping), or None when it was given but
    /// could not be read.
    fn placement(&mut self, scene: &mut Scene) -> Option<Domain> {
        let domain = self.take("domain").map(|v| domain(self.t, &v));
        let placed = !matches!(domain, Some(Err(_)));
        let mut packed_for = scene.domain;
        if let Some(d) = self.noted(domain) {
            packed_for = d;
            match bounded(self.t, d) {
                Ok((shown, note)) => {
                    scene.domain = shown;
                    self.notes.extend(note);
                }
                Err(e) => self.notes.push(e),
            }
        }
        if let Some(raw) = self.take_raw("axes") {
            let axes = axes(self.t, &raw, &mut self.notes);
            if let Some(a) = self.noted(Some(axes)) {
                scene.axes = a;
            }
        }
        if let Some(raw) = self.take_raw("marker") {
            let marker = marker(self.t, &raw, &mut self.notes);
            if let Some(m) = self.noted(Some(marker)) {
                scene.marker = m;
            }
        }
        placed.then_some(packed_for)
    }

    /// The packed points; without them (or when they can't be read), the
    /// preset's own, drawn from the seed.
    fn points(&mut self, scene: &mut Scene, packed_for: Option<Domain>) {
        let data = self.take("data");
        if let Some(exact) = self.take("points") {
            // A saved scene's points, exactly; `data` (if also there) gives way.
            match pack::unpack_exact(self.t, &exact) {
                Ok(points) => scene.points = points,
                Err(e) => {
                    self.notes.push(e);
                    scene.regenerate();
                }
            }
            self.keep_classes(scene);
            return;
        }
        let packed = match (data, packed_for) {
            (Some(_), None) => Some(Err(self.t.link_data_skipped.to_string())),
            (data, Some(domain)) => data.map(|v| pack::unpack(self.t, &v, scene.task, domain)),
            (None, None) => None,
        };
        match self.noted(packed) {
            Some(points) => scene.points = points,
            None => scene.regenerate(),
        }
        self.keep_classes(scene);
    }

    /// Drops points of classes the scene does not have, with a note.
    fn keep_classes(&mut self, scene: &mut Scene) {
        if let Task::Classification { classes } = scene.task {
            let before = scene.points.len();
            scene.points.retain(|p| scene.task.accepts(p.label));
            if scene.points.len() < before {
                self.notes.push(fill(
                    self.t.link_dropped_points,
                    &[
                        ("count", &(before - scene.points.len()).to_string()),
                        ("classes", &classes.to_string()),
                    ],
                ));
            }
        }
    }
}

fn preset(t: &Catalogue, name: &str) -> Result<Option<Preset>, String> {
    match name.trim() {
        "none" => Ok(None),
        name => Preset::from_name(name).map(Some).ok_or_else(|| {
            let names: Vec<_> = Preset::ALL.iter().map(|p| p.name()).collect();
            fill(
                t.setting_not_one_of,
                &[
                    ("field", "preset"),
                    ("value", &shorten(name)),
                    ("names", &format!("{}, none", names.join(", "))),
                ],
            )
        }),
    }
}

fn points_count(t: &Catalogue, value: &str) -> Result<usize, String> {
    let max = MAX_POINTS.to_string();
    match value.trim().parse::<usize>() {
        Ok(n) if n <= MAX_POINTS => Ok(n),
        Ok(n) => Err(fill(
            t.link_points_count_too_many,
            &[("count", &n.to_string()), ("max", &max)],
        )),
        Err(_) => Err(fill(
            t.link_points_count_not_whole,
            &[("value", &shorten(value)), ("max", &max)],
        )),
    }
}

/// `classes=regression`: only a regression preset's scene, or one without a
/// preset, can be a regression (a classification preset's labels are classes).
fn regression(t: &Catalogue, scene: &mut Scene, value: &str) -> Result<Option<String>, String> {
    match scene.preset {
        Some(p) if p.task() != Task::Regression => Err(fill(
            t.link_regression_preset,
            &[("preset", p.name()), ("value", value.trim())],
        )),
        _ => {
            scene.task = Task::Regression;
            Ok(None)
        }
    }
}

/// A finite number within `MAX_COORDINATE` of 0, read exactly as an f32.
fn coordinate(t: &Catalogue, field: &str, text: &str) -> Result<f32, String> {
    let said = |template| {
        fill(
            template,
            &[
                ("field", field),
                ("value", &shorten(text)),
                ("max", &Shortest(MAX_COORDINATE).to_string()),
            ],
        )
    };
    match read_f32(text.trim()) {
        Some(v) if v.abs() <= MAX_COORDINATE => Ok(v),
        Some(_) => Err(said(t.link_not_coordinate)),
        None => Err(said(t.setting_not_number)),
    }
}

/// `x1 from, x1 to, x2 from, x2 to`. Each side must be wide for its distance
/// from 0, so that the packed points' 4096 steps survive f32 rounding.
fn domain(t: &Catalogue, value: &str) -> Result<Domain, String> {
    let parts: Vec<&str> = value.split(',').collect();
    let [a, b, c, d] = parts[..] else {
        return Err(fill(t.link_domain_not_four, &[("value", &shorten(value))]));
    };
    let side = |name: &str, from: &str, to: &str| -> Result<(f32, f32), String> {
        let (from, to) = (coordinate(t, "domain", from)?, coordinate(t, "domain", to)?);
        let size = from.abs().max(to.abs()).max(1.0);
        if to - from >= size / 1000.0 {
            Ok((from, to))
        } else {
            Err(fill(
                t.link_domain_not_rising,
                &[
                    ("side", name),
                    ("from", &Shortest(from).to_string()),
                    ("to", &Shortest(to).to_string()),
                ],
            ))
        }
    };
    Ok(Domain {
        x1: side("x1", a, b)?,
        x2: side("x2", c, d)?,
    })
}

/// The domain clamped to `MAX_DOMAIN`, with a note when it was beyond;
/// refused when a side lies wholly beyond it.
fn bounded(t: &Catalogue, domain: Domain) -> Result<(Domain, Option<String>), String> {
    let clamp = |(from, to): (f32, f32)| {
        (
            from.clamp(-MAX_DOMAIN, MAX_DOMAIN),
            to.clamp(-MAX_DOMAIN, MAX_DOMAIN),
        )
    };
    let shown = Domain {
        x1: clamp(domain.x1),
        x2: clamp(domain.x2),
    };
    if shown == domain {
        return Ok((domain, None));
    }
    let text = |d: Domain| {
        [d.x1.0, d.x1.1, d.x2.0, d.x2.1]
            .map(crate::data::human)
            .join(",")
    };
    let rises = |(from, to): (f32, f32)| to - from >= from.abs().max(to.abs()).max(1.0) / 1000.0;
    let max = Shortest(MAX_DOMAIN).to_string();
    if !(rises(shown.x1) && rises(shown.x2)) {
        return Err(fill(
            t.link_domain_beyond,
            &[("domain", &text(domain)), ("max", &max)],
        ));
    }
    Ok((
        shown,
        Some(fill(
            t.link_domain_clamped,
            &[
                ("domain", &text(domain)),
                ("max", &max),
                ("used", &text(shown)),
            ],
        )),
    ))
}

/// Plain text for the canvas: control characters become spaces, and long
/// text is cut with a note. Never markup: the page draws it as text.
fn caption(t: &Catalogue, field: &str, text: &str, notes: &mut Vec<String>) -> String {
    let clean: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    if clean.chars().count() <= MAX_CAPTION {
        return clean;
    }
    notes.push(fill(
        t.link_caption_cut,
        &[("field", field), ("max", &MAX_CAPTION.to_string())],
    ));
    clean.chars().take(MAX_CAPTION).collect()
}

fn axes(t: &Catalogue, raw: &str, notes: &mut Vec<String>) -> Result<(String, String), String> {
    let parts: Vec<&str> = raw.split(',').collect();
    let [x1, x2] = parts[..] else {
        return Err(fill(t.link_axes_not_two, &[("value", &shorten(raw))]));
    };
    let (x1, x2) = (unescape(t, "axes", x1)?, unescape(t, "axes", x2)?);
    Ok((
        caption(t, "axes", &x1, notes),
        caption(t, "axes", &x2, notes),
    ))
}

fn marker(t: &Catalogue, raw: &str, notes: &mut Vec<String>) -> Result<Option<Marker>, String> {
    if raw.trim() == "none" {
        return Ok(None);
    }
    let parts: Vec<&str> = raw.splitn(3, ',').collect();
    let [x1, x2, label] = parts[..] else {
        return Err(fill(t.link_marker_not_three, &[("value", &shorten(raw))]));
    };
    let x1 = coordinate(t, "marker", &unescape(t, "marker", x1)?)?;
    let x2 = coordinate(t, "marker", &unescape(t, "marker", x2)?)?;
    let label = caption(t, "marker", &unescape(t, "marker", label)?, notes);
    Ok(Some(Marker { x1, x2, label }))
}

/// Percent-escapes every byte but letters, digits, `-._~` and `keep`.
fn escape(text: &str, keep: &[u8]) -> String {
    let mut out = String::with_capacity(text.len());
    for &b in text.as_bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) || keep.contains(&b) {
            out.push(char::from(b));
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

fn unescape(t: &Catalogue, field: &str, text: &str) -> Result<String, String> {
    let hex = |b: Option<&u8>| b.and_then(|&b| char::from(b).to_digit(16));
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b != b'%' {
            out.push(b);
            i += 1;
            continue;
        }
        match (hex(bytes.get(i + 1)), hex(bytes.get(i + 2))) {
            (Some(high), Some(low)) => out.push((high * 16 + low) as u8),
            _ => {
                return Err(fill(
                    t.link_bad_escape,
                    &[("field", field), ("value", &shorten(text))],
                ))
            }
        }
        i += 3;
    }
    String::from_utf8(out).map_err(|_| fill(t.link_escape_not_utf8, &[("field", field)]))
}

fn capped(t: &Catalogue, mut notes: Vec<String>) -> Vec<String> {
    if notes.len() > MAX_NOTES {
        let more = notes.len() - (MAX_NOTES - 1);
        notes.truncate(MAX_NOTES - 1);
        notes.push(fill(t.link_more_notes, &[("count", &more.to_string())]));
    }
    notes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_korean_playground_reads_a_broken_link_in_korean() {
        let korean = crate::i18n::korean();
        let decoded =
            decode_in(&korean, "#hidden=3&learning-rate=50&speed=2&batch-size=x").unwrap();
        assert_eq!(
            decoded.notes,
            [
                "학습률: 50은(는) 0.00001부터 10까지의 범위 밖이라 10을(를) 씁니다",
                "배치 크기: 'x'은(는) 숫자가 아닙니다",
                "'speed'은(는) 설정이 아니라서 무시했습니다",
            ]
        );
        assert_eq!(decoded.scene.hidden, [3]);
        assert_eq!(
            decode_in(&korean, "utm_source=x"),
            Err(
                "장면: 'utm_source=x'에는 장면의 설정(preset, hidden, data 등)이 하나도 없습니다"
                    .to_string()
            )
        );
        // English as before.
        assert_eq!(
            decode("#hidden=3&speed=2").unwrap().notes,
            ["'speed' is not a setting; ignored"]
        );
    }

    /// The placement's and the points' notes, numbers filled into Korean.
    #[test]
    fn a_korean_playground_reads_the_placement_and_the_points_in_korean() {
        let korean = crate::i18n::korean();
        let notes = |text: &str| decode_in(&korean, text).unwrap().notes;
        assert_eq!(
            notes("preset=none&points-count=9999&domain=-1000000,1000000,-1000000,1000000&marker=1,abc,me&data=0"),
            [
                "points-count: 9999개는 장면에 담을 수 있는 5000개보다 많습니다",
                "domain: -1000000,1000000,-1000000,1000000은(는) 데이터 캔버스가 보여 주는 한도(±1000)를 넘어서 -1000,1000,-1000,1000을(를) 씁니다",
                "marker: 'abc'은(는) 숫자가 아닙니다",
            ]
        );
        assert_eq!(
            notes("preset=xor&data=1.AAA+A&axes=a%zz,b"),
            [
                "axes: 'a%zz'에서 '%' 뒤에 16진수 두 자리가 없습니다",
                "data: 4번째 글자 '+'은(는) URL에 안전한 base64가 아닙니다",
            ]
        );
        assert_eq!(
            notes("preset=xor&classes=regression&domain=6,-6,0,1&data=3.AAAA"),
            [
                "classes: 데이터셋 xor은(는) 분류입니다; 'regression'에는 회귀 데이터셋이나 none이 필요합니다",
                "domain: x1이(가) 6부터 -6까지입니다; 적어도 큰 쪽 끝의 1/1000만큼 커져야 합니다",
                "data: 점을 담을 때 쓴 데이터셋이나 영역을 읽지 못해서 건너뛰었습니다",
            ]
        );
        let many = "a=1&".repeat(30) + "seed=2";
        assert_eq!(notes(&many).last().unwrap(), "… 그리고 알림 11개 더");
    }

    #[test]
    fn a_korean_playground_says_what_a_link_cannot_hold_in_korean() {
        let korean = crate::i18n::korean();
        let mut scene = Scene::from_preset(Preset::Plane, 30, 0.3, 2);
        scene.points.push(Point::new(1000.0, 1000.0, 0.5));
        scene.points.push(Point::new(1.0, 1.0, 4.0));
        scene.points.push(Point::new(1.0, 1.0, -4.0));
        assert_eq!(
            link_notes(&korean, &scene),
            [
                "링크는 영역에서 너무 멀리 떨어진 점 1개(x1 -12부터 12까지, x2 -12부터 12까지의 범위 밖)를 제자리에 담을 수 없어서 그 가장자리로 옮깁니다",
                "링크는 -1.5부터 1.5까지의 범위 밖에 있는 값 2개를 담을 수 없어서 그 범위로 자릅니다",
            ]
        );
        scene.points.truncate(30);
        scene.points.push(Point::new(0.1234, 0.1, 0.5));
        assert_eq!(link_notes(&korean, &scene), [korean.link_rounds_points]);
    }
    use crate::data::Point;

    fn decoded(text: &str) -> Decoded {
        decode(text).unwrap_or_else(|e| panic!("{text}: {e}"))
    }

    fn notes(text: &str) -> Vec<String> {
        decoded(text).notes
    }

    /// `back` is `scene` with its points quantised (unless they are its
    /// preset's, which come back exactly): each coordinate within
    /// `width / 4096` (plus f32 rounding) of itself clamped into the widened
    /// domain, each regression value within 1/160 of itself clamped into
    /// [-1.5, 1.5].
    fn assert_same_up_to_quantisation(back: &Scene, scene: &Scene) {
        let without_points = |s: &Scene| Scene {
            points: Vec::new(),
            ..s.clone()
        };
        assert_eq!(without_points(back), without_points(scene));
        assert_eq!(back.points.len(), scene.points.len());
        if drawn_from_preset(scene) {
            // The link drew them from the seed: exact, wherever they lie.
            assert_eq!(back.points, scene.points);
            return;
        }
        let (gx1, gx2) = (pack::grid(scene.domain.x1), pack::grid(scene.domain.x2));
        for (q, p) in back.points.iter().zip(&scene.points) {
            for (w, v, (low, step)) in [(q.x1, p.x1, gx1), (q.x2, p.x2, gx2)] {
                let v = f64::from(v).clamp(low, low + 4095.0 * step);
                let bound = step / 2.0 + v.abs() * f64::from(f32::EPSILON);
                assert!((f64::from(w) - v).abs() <= bound, "{v} came back as {w}");
            }
            if scene.task == Task::Regression {
                let v = f64::from(p.label).clamp(-1.5, 1.5);
                assert!((f64::from(q.label) - v).abs() <= 1.0 / 160.0 + 1e-6);
            } else {
                assert_eq!(q.label, p.label);
            }
            assert_eq!(q.test, p.test);
        }
    }

    /// decode(encode(s)) is s up to quantisation, without notes, and
    /// encoding that again gives the same text.
    pub(super) fn assert_round_trip(scene: &Scene) -> String {
        let text = encode(scene);
        let back = decoded(&text);
        assert_eq!(back.notes, Vec::<String>::new(), "{text}");
        assert_same_up_to_quantisation(&back.scene, scene);
        assert_eq!(encode(&back.scene), text);
        text
    }

    fn changed_scene() -> Scene {
        let mut scene = Scene::from_preset(Preset::Spiral, 300, 0.3, 77);
        for (name, value) in [
            ("hidden", "8,3,1"),
            ("activation", "relu"),
            ("layer-activations", ",sigmoid,"),
            ("features", "x1,x2^2,x1*x2,sin(x1)"),
            ("classes", "3"),
            ("learning-rate", "0.003"),
            ("optimizer", "adam"),
            ("batch-size", "32"),
            ("dropout", "0.5"),
            ("regularization", "l2"),
            ("regularization-rate", "0.0001"),
            ("test-fraction", "0.3"),
            ("early-stopping", "20"),
            ("seed", "12345"),
            ("epochs-per-frame", "5"),
            ("stop-after", "300"),
        ] {
            settings::apply(&mut scene, name, value).unwrap();
        }
        scene.points[7].label = 2.0;
        scene.axes = (
            "hours, slept".to_string(),
            "cups of coffee ☕ & tea".to_string(),
        );
        scene.marker = Some(Marker {
            x1: -1.25,
            x2: 3.0e-3,
            label: "me = 100% <b>here</b>".to_string(),
        });
        scene.domain = Domain {
            x1: (-8.0, 8.0),
            x2: (-0.5, 12.25),
        };
        scene
    }

    #[test]
    fn every_preset_round_trips_within_the_quantisation_bound() {
        for preset in Preset::ALL {
            for noise in [0.0, 0.5, 1.0] {
                let mut scene = Scene::from_preset(preset, 250, noise, 9);
                let text = assert_round_trip(&scene);
                // The preset's own points: drawn again from the seed, exactly.
                assert!(!text.contains("&data="), "{text}");
                assert_eq!(decoded(&text).scene, scene);
                scene.points.pop();
                assert!(assert_round_trip(&scene).contains("&data="));
            }
        }
    }

    /// A saved scene comes back exactly, points far outside the area and
    /// values beyond a link's range too.
    #[test]
    fn the_exact_form_gives_the_scene_back_exactly() {
        for mut scene in [
            changed_scene(),
            Scene::from_preset(Preset::Plane, 30, 0.3, 2),
        ] {
            scene.points.push(Point::new(1000.0, -1000.0, 1.0));
            scene.points.push(Point::new(0.123_456_7, 5.5e-3, 0.0));
            if scene.task == Task::Regression {
                scene.points.push(Point::new(0.0, 0.0, 7.25));
            }
            let text = encode_exact(&scene);
            assert!(text.contains("&points=") && !text.contains("&data="));
            let back = decoded(&text);
            assert_eq!(back.notes, Vec::<String>::new());
            assert_eq!(back.scene, scene);
            assert_eq!(encode_exact(&back.scene), text);
        }
        let big = Scene::from_preset(Preset::GaussianMixture, MAX_POINTS - 1, 1.0, 1);
        let mut big = big;
        big.points.push(Point::new(0.5, 0.5, 0.5));
        assert!(
            encode_exact(&big).len() < MAX_TEXT,
            "{}",
            encode_exact(&big).len()
        );
    }

    /// Copy link never moves the page's points: it says what the link
    /// cannot hold instead.
    #[test]
    fn link_notes_say_what_a_link_cannot_hold() {
        let mut scene = Scene::from_preset(Preset::Plane, 30, 0.3, 2);
        assert_eq!(link_notes(&ENGLISH, &scene), Vec::<String>::new());
        scene.points.push(Point::new(1000.0, 1000.0, 0.5));
        scene.points.push(Point::new(1.0, 1.0, 4.0));
        let before = scene.clone();
        assert_eq!(
            link_notes(&ENGLISH, &scene),
            [
                "The link cannot hold 1 of the points where they are, so far outside the area (beyond x1 -12 to 12, x2 -12 to 12): it moves them to that edge",
                "The link cannot hold 1 of the values beyond -1.5 to 1.5: it cuts them to that range",
            ]
        );
        assert_eq!(scene, before);
        scene.points.truncate(30);
        scene.points.push(Point::new(0.1234, 0.1, 0.5));
        assert_eq!(
            link_notes(&ENGLISH, &scene),
            ["The link rounds the points' positions (to 1/2048 of the area's width), so a run opened from it can differ slightly from this one"]
        );
    }

    #[test]
    fn a_scene_with_every_setting_changed_round_trips() {
        let text = assert_round_trip(&changed_scene());
        assert!(
            text.contains("&features=x1,x2%5E2,x1%2Ax2,sin%28x1%29&"),
            "{text}"
        );
        assert!(text.contains("&axes=hours%2C%20slept,cups%20of%20coffee%20%E2%98%95%20%26%20tea&"));
    }

    #[test]
    fn no_preset_and_regression_round_trip() {
        let mut scene = Scene::from_preset(Preset::Plane, 120, 0.2, 4);
        scene.preset = None;
        scene.points.push(Point::new(0.5, 0.5, 1.25));
        let text = assert_round_trip(&scene);
        assert!(text.contains("preset=none&") && text.contains("classes=regression&"));
        let mut empty = Scene::from_preset(Preset::Pass, 10, 0.0, 1);
        empty.points.clear();
        empty.marker = None;
        let text = assert_round_trip(&empty);
        assert!(text.ends_with("&marker=none&data=0"), "{text}");
    }

    #[test]
    fn two_hundred_points_take_under_two_thousand_characters() {
        for preset in Preset::ALL {
            let text = encode(&Scene::from_preset(preset, 200, 0.2, 1));
            assert!(text.len() < 2000, "{}: {}", preset.name(), text.len());
        }
        assert!(encode(&changed_scene()).len() < 2000 + 100 * 27 / 6);
    }

    #[test]
    fn the_largest_scene_fits_well_within_the_text_limit() {
        let mut scene = Scene::from_preset(Preset::GaussianMixture, MAX_POINTS, 1.0, 1);
        let long = "☕,&%".repeat(MAX_CAPTION / 4);
        scene.axes = (long.clone(), long.clone());
        scene.marker = Some(Marker {
            x1: -MAX_COORDINATE,
            x2: 0.1,
            label: long,
        });
        let text = assert_round_trip(&scene);
        assert!(text.len() < MAX_TEXT / 2, "{}", text.len());
    }

    #[test]
    fn empty_text_is_the_default_scene_and_a_whole_link_is_read() {
        assert_eq!(
            decoded(""),
            Decoded {
                scene: Scene::default(),
                notes: vec![]
            }
        );
        assert_eq!(decoded("  #  ").scene, Scene::default());
        let text = encode(&changed_scene());
        let link = format!("https://example.org/descent/?lesson=2#{text}\n");
        assert_eq!(decoded(&link), decoded(&text));
    }

    #[test]
    fn a_hand_written_link_draws_the_presets_points_from_its_seed() {
        let d = decoded("preset=moons&points-count=80&noise=0.2&seed=5&hidden=3");
        assert_eq!(d.notes, Vec::<String>::new());
        let mut expected = Scene::from_preset(Preset::Moons, 80, 0.2, 5);
        settings::apply(&mut expected, "hidden", "3").unwrap();
        assert_eq!(d.scene, expected);
    }

    #[test]
    fn invalid_fields_are_skipped_with_a_note_and_the_rest_loads() {
        let d = decoded(
            "learning-rate=abc&seed=7&hidden=4,99&colour=red&dropout=NaN&nonsense&optimizer=adam",
        );
        assert_eq!(
            d.notes,
            [
                "'nonsense' is not key=value; ignored",
                "units per layer: 99 is outside 1 to 32; using 32",
                "learning rate: 'abc' is not a number",
                "dropout rate: 'NaN' is not a finite number",
                "'colour' is not a setting; ignored",
            ]
        );
        assert_eq!(d.scene.seed, 7);
        assert_eq!(d.scene.hidden, [4, 32]);
        assert_eq!(
            d.scene.training.learning_rate,
            Scene::default().training.learning_rate
        );
        assert_eq!(d.scene.training.optimizer.name(), "adam");
    }

    #[test]
    fn preset_task_and_version_mismatches_are_noted() {
        let cases = [
            ("v=2&seed=3", "v: this page reads version 1 of the scene text, not '2'; loading what it can"),
            ("preset=plane&classes=3", "classes: this scene is a regression; pick a classification preset"),
            ("preset=xor&classes=regression", "classes: the preset xor is a classification; 'regression' needs a regression preset or none"),
            ("preset=swirl", "preset: 'swirl' is not one of circle, xor, gaussians, spiral, moons, pass, sine, cubic, abs, plane, mixture, none"),
            ("points-count=-3", "points-count: '-3' is not a whole number from 0 to 5000"),
            ("points-count=5001", "points-count: 5001 is more than the 5000 a scene holds"),
            ("seed=1&seed=2", "seed: given 2 times; the last is used"),
            ("classes=5", "classes: 5 is outside 2 to 4; using 4"),
        ];
        for (text, note) in cases {
            assert_eq!(notes(text), [note], "{text}");
        }
        assert_eq!(decoded("seed=1&seed=2").scene.seed, 2);
        assert_eq!(decoded("preset=swirl").scene.preset, Some(Preset::Circle));
    }

    #[test]
    fn hostile_data_is_refused_with_a_note_and_the_presets_points_load_instead() {
        let mut edited = Scene::from_preset(Preset::Xor, 200, 0.0, 3);
        edited.points[0].x1 += 0.5; // edited: the link holds the points
        let good = encode(&edited);
        let (head, data) = good.split_once("&data=").unwrap();
        let cases = [
            (
                data[..data.len() - 10].to_string(),
                "data: 890 characters where a count of 200 needs 900 (cut short or altered?)"
                    .to_string(),
            ),
            (
                format!("{}!{}", &data[..20], &data[21..]),
                "data: '!' at character 17 is not URL-safe base64".to_string(),
            ),
            (
                "-5.AAAA".to_string(),
                "data: '-5' is not a count of points".to_string(),
            ),
            (
                "5001.".to_string() + &"A".repeat(22_504),
                "data: 5001 points are more than the 5000 a scene holds".to_string(),
            ),
            (
                "18446744073709551616.A".to_string(),
                "data: '18446744073709551616' is not a count of points".to_string(),
            ),
            (
                "1.AA%zz".to_string(),
                "data: a '%' not followed by two hex digits in '1.AA%zz'".to_string(),
            ),
        ];
        let preset_points = Scene::from_preset(Preset::Xor, 200, 0.0, 3).points;
        for (data, note) in cases {
            let d = decoded(&format!("{head}&data={data}"));
            assert_eq!(d.notes, [note]);
            assert_eq!(d.scene.points, preset_points);
        }
        // Points of classes the scene does not have are dropped.
        let three = encode(&changed_scene()).replace("&classes=3&", "&classes=2&");
        assert_eq!(
            notes(&three),
            ["data: dropped 1 points of classes beyond the scene's 2"]
        );
    }

    #[test]
    fn broken_domains_and_markers_are_refused_and_data_waits_for_its_domain() {
        let cases = [
            ("domain=-6,6,-6", "domain: '-6,6,-6' is not four numbers: x1 from, x1 to, x2 from, x2 to"),
            ("domain=-6,6,NaN,1", "domain: 'NaN' is not a finite number within ±1000000"),
            ("domain=-6,6,-inf,1", "domain: '-inf' is not a finite number within ±1000000"),
            ("domain=0,1e300,0,1", "domain: '1e300' is not a finite number within ±1000000"),
            ("domain=6,-6,0,1", "domain: x1 runs from 6 to -6; it must rise, by at least 1/1000 of its largest end"),
            ("domain=1000,1000.5,0,1", "domain: x1 runs from 1000 to 1000.5; it must rise, by at least 1/1000 of its largest end"),
            ("marker=1,2", "marker: '1,2' is not x1,x2,label or none"),
            ("marker=1,abc,me", "marker: 'abc' is not a number"),
            ("axes=a,b,c", "axes: 'a,b,c' is not two names separated by a comma"),
            ("axes=a%FF,b", "axes: the %-escapes are not UTF-8 text"),
        ];
        for (text, note) in cases {
            assert_eq!(notes(text), [note], "{text}");
        }
        let text = encode(&changed_scene());
        let d = decoded(&text.replace("&domain=-8,8,", "&domain=8,-8,"));
        assert_eq!(
            d.notes[1],
            "data: skipped, as the preset or domain the points were packed for was not read"
        );
        // The spiral's own points, drawn from the seed, load instead.
        assert_eq!(d.scene.points.len(), 300);
        assert!(d.scene.points.iter().all(|p| p.label < 2.0));
    }

    /// A domain a million wide froze the page (a tick label per five
    /// units); it is shown clamped, and its points are read where written.
    #[test]
    fn a_domain_beyond_the_shown_bound_is_clamped_with_a_note() {
        let d = decoded("preset=none&domain=-1000000,1000000,-1000000,1000000&data=0");
        assert_eq!(
            d.notes,
            ["domain: -1000000,1000000,-1000000,1000000 reaches beyond ±1000, the furthest the data canvas shows; using -1000,1000,-1000,1000"]
        );
        assert_eq!(
            d.scene.domain,
            Domain {
                x1: (-1000.0, 1000.0),
                x2: (-1000.0, 1000.0)
            }
        );
        // Points packed for the wide domain come back where they were written.
        let mut wide = Scene::from_preset(Preset::Circle, 0, 0.0, 1);
        wide.preset = None;
        wide.domain = Domain {
            x1: (-1e5, 1e5),
            x2: (0.0, 3000.0),
        };
        wide.points = vec![Point::new(50_000.0, 1500.0, 1.0)];
        let d = decoded(&encode(&wide));
        assert_eq!(d.scene.domain.x1, (-1000.0, 1000.0));
        assert_eq!(d.scene.domain.x2, (0.0, 1000.0));
        let p = d.scene.points[0];
        assert!(
            (p.x1 - 50_000.0).abs() < 100.0 && (p.x2 - 1500.0).abs() < 2.0,
            "{p:?}"
        );
        assert_eq!(
            notes("domain=2000,3000,0,1"),
            ["domain: 2000,3000,0,1 lies beyond ±1000, the furthest the data canvas shows"]
        );
    }

    #[test]
    fn captions_stay_plain_text_and_are_cut_to_length() {
        let script = "<script>alert('hi')</script><img src=x onerror=alert(1)>";
        let scene = Scene {
            axes: (script.to_string(), "\"quoted\" & 'single'".to_string()),
            ..Scene::default()
        };
        let text = assert_round_trip(&scene);
        let allowed = |c: char| c.is_ascii_alphanumeric() || "-._~,%&=".contains(c);
        assert!(text.chars().all(allowed), "{text}");
        // Raw markup in a hand-written link is read as the same plain text.
        let d = decoded("axes=<b>bold</b>,x2&marker=1,2,<i>me</i>\nnext");
        assert_eq!(d.scene.axes.0, "<b>bold</b>");
        assert_eq!(d.scene.marker.unwrap().label, "<i>me</i> next");
        let long = "a".repeat(500);
        let d = decoded(&format!("axes={long},x2"));
        assert_eq!(d.scene.axes.0, "a".repeat(MAX_CAPTION));
        assert_eq!(d.notes, ["axes: longer than 80 characters; cut short"]);
    }

    #[test]
    fn text_with_nothing_usable_is_refused() {
        assert_eq!(
            decode(&"x".repeat(10 << 20)).unwrap_err(),
            "scene: the text is longer than the 100000 characters read"
        );
        assert_eq!(
            decode("x1,x2,label\n1,2,0").unwrap_err(),
            "scene: 'x1,x2,label\n1,2,0' is not key=value text"
        );
        assert!(decode("&&&").is_err());
        let many = "a=1&".repeat(1000) + "seed=2";
        let d = decoded(&many);
        assert_eq!(d.notes.len(), MAX_NOTES);
        assert_eq!(d.notes[MAX_NOTES - 1], "… and 981 more notes");
    }

    /// Someone else's hash is no scene: it must not replace the user's.
    #[test]
    fn text_without_a_key_of_a_scene_is_refused() {
        for text in [
            "utm_source=x",
            "section=2",
            "#lesson=perceptron",
            "a=1&b=2&a=3",
        ] {
            let e = decode(text).unwrap_err();
            assert!(
                e.ends_with("holds no setting of a scene (such as preset, hidden or data)"),
                "{text}: {e}"
            );
        }
        assert_eq!(
            decode("utm_source=x").unwrap_err(),
            "scene: 'utm_source=x' holds no setting of a scene (such as preset, hidden or data)"
        );
        // One key of a scene is enough, even if its value is not read.
        assert_eq!(decoded("utm_source=x&seed=3").scene.seed, 3);
        assert!(decode("v=1").is_ok() && decode("hidden=abc").is_ok());
    }

    #[test]
    fn percent_escapes_round_trip() {
        for text in ["", "plain", "a,b & c=d %", "☕ naïve \u{1F600}", "\0\x7f"] {
            assert_eq!(unescape(&ENGLISH, "t", &escape(text, b"")).unwrap(), text);
        }
        assert_eq!(escape("a,b", b","), "a,b");
        assert_eq!(escape("a,b", b""), "a%2Cb");
        for bad in ["%", "%4", "%4g", "%+1", "%%41"] {
            assert!(unescape(&ENGLISH, "t", bad).is_err(), "{bad}");
        }
    }
}

/// Property tests: natively only (proptest does not build for wasm32).
#[cfg(all(test, not(target_arch = "wasm32")))]
mod properties {
    use super::tests::assert_round_trip;
    use super::*;
    use proptest::prelude::*;

    /// The same case count as the importers' properties (PROPTEST_CASES).
    pub(crate) use crate::data::io::properties::config;

    const KEYS: [&str; 10] = [
        "v",
        "points",
        "preset",
        "points-count",
        "domain",
        "axes",
        "marker",
        "data",
        "classes",
        "hidden",
    ];

    const WORDS: [&str; 18] = [
        "none",
        "regression",
        "circle",
        "pass",
        "plane",
        "mixture",
        "spiral",
        "relu",
        "tanh",
        ",sigmoid",
        "x1,x2",
        "x1%2Ax2,sin(x1)",
        "adam",
        "l1",
        "-6,6,-6,6",
        "0,10,0,10",
        "4,5,you",
        "a,b",
    ];

    /// Packed points of a plausible length (a link's, or a saved scene's
    /// exact ones), so that valid data turns up.
    fn data() -> impl Strategy<Value = String> {
        (0usize..12, prop_oneof![Just(27usize), Just(33), Just(97)]).prop_flat_map(|(n, bits)| {
            prop::collection::vec(
                prop::sample::select(pack_alphabet()),
                (n * bits).div_ceil(6),
            )
            .prop_map(move |chars| format!("{n}.{}", chars.into_iter().collect::<String>()))
        })
    }

    fn pack_alphabet() -> Vec<char> {
        ('A'..='Z')
            .chain('a'..='z')
            .chain('0'..='9')
            .chain(['-', '_'])
            .collect()
    }

    fn value() -> impl Strategy<Value = String> {
        prop_oneof![
            any::<String>(),
            "[-+0-9.,e]{0,12}",
            "[a-z0-9(),*^%-]{0,16}",
            prop::sample::select(WORDS.to_vec()).prop_map(String::from),
            data(),
        ]
    }

    fn key() -> impl Strategy<Value = String> {
        prop_oneof![
            prop::sample::select(KEYS.to_vec()).prop_map(String::from),
            prop::sample::select(settings::NAMES.to_vec()).prop_map(String::from),
            "[a-z%-]{0,8}",
        ]
    }

    /// A real scene's text with a few characters replaced, and maybe cut.
    fn altered_scene() -> impl Strategy<Value = String> {
        let edit = (any::<prop::sample::Index>(), any::<char>());
        (
            prop::sample::select(Preset::ALL.to_vec()),
            0usize..40,
            0.0f32..1.0,
            prop::collection::vec(edit, 0..4),
            any::<prop::sample::Index>(),
            any::<bool>(),
        )
            .prop_map(|(preset, n, noise, edits, cut, cutting)| {
                let mut chars: Vec<char> = encode(&Scene::from_preset(preset, n, noise, 1))
                    .chars()
                    .collect();
                for (at, c) in edits {
                    let i = at.index(chars.len());
                    chars[i] = c;
                }
                if cutting {
                    chars.truncate(cut.index(chars.len()));
                }
                chars.into_iter().collect()
            })
    }

    fn scene_text() -> impl Strategy<Value = String> {
        prop_oneof![
            any::<String>(),
            any::<Vec<u8>>().prop_map(|b| String::from_utf8_lossy(&b).into_owned()),
            prop::collection::vec((key(), value()), 0..12).prop_map(|pairs| {
                let pairs: Vec<String> = pairs.iter().map(|(k, v)| format!("{k}={v}")).collect();
                pairs.join("&")
            }),
            (prop::collection::vec((key(), value()), 0..6), data()).prop_map(|(pairs, data)| {
                let pairs: Vec<String> = pairs.iter().map(|(k, v)| format!("{k}={v}&")).collect();
                format!("{}data={data}", pairs.concat())
            }),
            altered_scene(),
        ]
    }

    /// A preset's points may lie outside a domain set before the preset; the
    /// link draws them from the seed, so they come back exactly.
    #[test]
    fn points_outside_the_domain_round_trip() {
        let first = decode("domain=0,10,0,10&preset=plane").unwrap();
        assert_round_trip(&first.scene);
    }

    proptest! {
        #![proptest_config(config())]

        /// Any text decodes without panicking; what is accepted encodes to
        /// text that decodes, without notes, to the same scene.
        #[test]
        fn decode_never_panics_and_what_it_accepts_round_trips(text in scene_text()) {
            if let Ok(first) = decode(&text) {
                assert_round_trip(&first.scene);
            }
        }
    }
}
