//! A scene's points as `count.base64`: per point a 12-bit x1, a 12-bit x2,
//! the label (2 bits of class, or 8 bits of regression value) and 1 bit for
//! "held out for testing", packed most significant bit first into URL-safe
//! base64 (A–Z a–z 0–9 - _, no padding).
//!
//! Quantisation, and how far a point can move:
//! - each coordinate is one of 4096 steps over its side of the domain widened
//!   by half its width each way (noisy presets put points just outside the
//!   domain); it comes back within `width / 4096` of itself (plus f32
//!   rounding), or of the edge of that widened range when it lay beyond;
//! - a regression value is a multiple of 1/80 in [-1.5, 1.5] (exact at 0,
//!   ±0.5, ±1); it comes back within 1/160, or clamped into that range.

use crate::data::{Domain, Point, Task};
use crate::i18n::{fill, Catalogue};
use crate::scene::MAX_POINTS;

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

const COORD_BITS: u32 = 12;
const COORD_STEPS: f64 = 4096.0;
const CLASS_BITS: u32 = 2;
const VALUE_BITS: u32 = 8;
/// Regression values step by 1/80 from -1.5: codes 0 to 240 of the 256.
const VALUE_STEPS_PER_UNIT: f64 = 80.0;
pub const VALUE_RANGE: (f32, f32) = (-1.5, 1.5);
const LAST_VALUE_CODE: u32 = 240;

/// Where one coordinate's codes start, and the step between them.
pub fn grid((from, to): (f32, f32)) -> (f64, f64) {
    let (from, to) = (f64::from(from), f64::from(to));
    let width = to - from;
    (from - width / 2.0, 2.0 * width / COORD_STEPS)
}

fn bits_per_point(task: Task) -> usize {
    let label = match task {
        Task::Classification { .. } => CLASS_BITS,
        Task::Regression => VALUE_BITS,
    };
    (2 * COORD_BITS + label + 1) as usize
}

fn coord_code(v: f32, (low, step): (f64, f64)) -> u32 {
    // `as` maps NaN to 0; the clamp keeps every other value in range.
    ((f64::from(v) - low) / step)
        .round()
        .clamp(0.0, COORD_STEPS - 1.0) as u32
}

fn coord(code: u32, (low, step): (f64, f64)) -> f32 {
    (low + f64::from(code) * step) as f32
}

fn value_code(v: f32) -> u32 {
    ((f64::from(v) - f64::from(VALUE_RANGE.0)) * VALUE_STEPS_PER_UNIT)
        .round()
        .clamp(0.0, f64::from(LAST_VALUE_CODE)) as u32
}

fn value(code: u32) -> f32 {
    (f64::from(VALUE_RANGE.0) + f64::from(code) / VALUE_STEPS_PER_UNIT) as f32
}

/// The points as `count.base64` (just `0` for none).
pub fn pack(points: &[Point], task: Task, domain: Domain) -> String {
    if points.is_empty() {
        return "0".to_string();
    }
    let (gx1, gx2) = (grid(domain.x1), grid(domain.x2));
    let mut bits = Writer::default();
    for p in points {
        bits.push(coord_code(p.x1, gx1), COORD_BITS);
        bits.push(coord_code(p.x2, gx2), COORD_BITS);
        match task {
            Task::Classification { .. } => {
                bits.push(p.label.round().clamp(0.0, 3.0) as u32, CLASS_BITS)
            }
            Task::Regression => bits.push(value_code(p.label), VALUE_BITS),
        }
        bits.push(u32::from(p.test), 1);
    }
    format!("{}.{}", points.len(), bits.finish())
}

/// The count and the bits of `count.base64` text (of `field`), checked to
/// hold exactly `bits` bits per point; what is wrong told in `t`'s language.
fn read_packed(
    t: &Catalogue,
    field: &str,
    text: &str,
    bits: usize,
) -> Result<(usize, Reader), String> {
    let (count, payload) = text.split_once('.').unwrap_or((text, ""));
    let count: usize = count.trim().parse().map_err(|_| {
        fill(
            t.link_data_not_count,
            &[("field", field), ("value", &super::shorten(count))],
        )
    })?;
    if count > MAX_POINTS {
        return Err(fill(
            t.link_data_too_many,
            &[
                ("field", field),
                ("count", &count.to_string()),
                ("max", &MAX_POINTS.to_string()),
            ],
        ));
    }
    let needed = (count * bits).div_ceil(6);
    let given = payload.chars().count();
    if given != needed {
        return Err(fill(
            t.link_data_length,
            &[
                ("field", field),
                ("given", &given.to_string()),
                ("count", &count.to_string()),
                ("needed", &needed.to_string()),
            ],
        ));
    }
    let mut sextets = Vec::with_capacity(needed);
    for (i, c) in payload.chars().enumerate() {
        match sextet(c) {
            Some(s) => sextets.push(s),
            None => {
                return Err(fill(
                    t.link_data_not_base64,
                    &[
                        ("field", field),
                        ("character", &format!("{c:?}")),
                        ("at", &(i + 1).to_string()),
                    ],
                ))
            }
        }
    }
    Ok((count, Reader { sextets, bit: 0 }))
}

/// Bits of a point held exactly: x1, x2 and the label as f32, and "test".
const EXACT_BITS: usize = 3 * 32 + 1;

/// The points exactly, as `count.base64` (for a saved scene, where nothing
/// may move; a link uses the shorter `pack`).
pub fn pack_exact(points: &[Point]) -> String {
    let mut bits = Writer::default();
    for p in points {
        for v in [p.x1, p.x2, p.label] {
            bits.push(v.to_bits(), 32);
        }
        bits.push(u32::from(p.test), 1);
    }
    format!("{}.{}", points.len(), bits.finish())
}

/// Reads what `pack_exact` wrote; a number that is not finite is refused.
pub fn unpack_exact(t: &Catalogue, text: &str) -> Result<Vec<Point>, String> {
    let (count, mut bits) = read_packed(t, "points", text, EXACT_BITS)?;
    let mut points = Vec::with_capacity(count);
    for i in 0..count {
        let [x1, x2, label] = [0; 3].map(|_| f32::from_bits(bits.read(32)));
        if !(x1.is_finite() && x2.is_finite() && label.is_finite()) {
            return Err(fill(
                t.link_points_not_finite,
                &[("point", &(i + 1).to_string())],
            ));
        }
        let test = bits.read(1) == 1;
        points.push(Point {
            test,
            ..Point::new(x1, x2, label)
        });
    }
    Ok(points)
}

/// How far each side of `domain` a link's points reach: beyond, they are
/// moved to the edge.
pub fn reach(domain: Domain) -> ((f64, f64), (f64, f64)) {
    let side = |d| {
        let (low, step) = grid(d);
        (low, low + (COORD_STEPS - 1.0) * step)
    };
    (side(domain.x1), side(domain.x2))
}

/// Reads what `pack` wrote for the same task and domain. Class labels come
/// back as 0 to 3, whatever the task's number of classes.
pub fn unpack(t: &Catalogue, text: &str, task: Task, domain: Domain) -> Result<Vec<Point>, String> {
    let (count, mut bits) = read_packed(t, "data", text, bits_per_point(task))?;
    let (gx1, gx2) = (grid(domain.x1), grid(domain.x2));
    let mut points = Vec::with_capacity(count);
    for i in 0..count {
        let x1 = coord(bits.read(COORD_BITS), gx1);
        let x2 = coord(bits.read(COORD_BITS), gx2);
        let label = match task {
            Task::Classification { .. } => bits.read(CLASS_BITS) as f32,
            Task::Regression => match bits.read(VALUE_BITS) {
                code if code <= LAST_VALUE_CODE => value(code),
                code => {
                    return Err(fill(
                        t.link_data_value_code,
                        &[
                            ("point", &(i + 1).to_string()),
                            ("code", &code.to_string()),
                            ("last", &LAST_VALUE_CODE.to_string()),
                        ],
                    ))
                }
            },
        };
        let test = bits.read(1) == 1;
        points.push(Point {
            test,
            ..Point::new(x1, x2, label)
        });
    }
    Ok(points)
}

fn sextet(c: char) -> Option<u8> {
    let b = u8::try_from(c).ok()?;
    ALPHABET.iter().position(|&a| a == b).map(|i| i as u8)
}

/// Bits in, base64 out, six at a time.
#[derive(Default)]
struct Writer {
    text: String,
    buffer: u8,
    filled: u32,
}

impl Writer {
    fn push(&mut self, value: u32, width: u32) {
        for i in (0..width).rev() {
            self.buffer = (self.buffer << 1) | ((value >> i) & 1) as u8;
            self.filled += 1;
            if self.filled == 6 {
                self.flush();
            }
        }
    }

    fn flush(&mut self) {
        self.text
            .push(ALPHABET[usize::from(self.buffer & 63)] as char);
        self.buffer = 0;
        self.filled = 0;
    }

    /// The text, the last character padded with zero bits.
    fn finish(mut self) -> String {
        if self.filled > 0 {
            self.buffer <<= 6 - self.filled;
            self.flush();
        }
        self.text
    }
}

struct Reader {
    sextets: Vec<u8>,
    bit: usize,
}

impl Reader {
    /// The next `width` bits; zeros past the end (the length is checked first).
    fn read(&mut self, width: u32) -> u32 {
        let mut value = 0;
        for _ in 0..width {
            let sextet = self.sextets.get(self.bit / 6).copied().unwrap_or(0);
            value = (value << 1) | u32::from((sextet >> (5 - self.bit % 6)) & 1);
            self.bit += 1;
        }
        value
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::ENGLISH;

    const TWO: Task = Task::Classification { classes: 2 };

    #[test]
    fn bits_come_back_in_order() {
        let mut w = Writer::default();
        w.push(0b101, 3);
        w.push(0xABC, 12);
        w.push(1, 1);
        let text = w.finish();
        assert_eq!(text.len(), 3);
        let mut r = Reader {
            sextets: text.chars().map(|c| sextet(c).unwrap()).collect(),
            bit: 0,
        };
        assert_eq!(
            (r.read(3), r.read(12), r.read(1), r.read(2)),
            (5, 0xABC, 1, 0)
        );
    }

    #[test]
    fn the_alphabet_is_url_safe_and_every_character_reads_back() {
        for (i, &b) in ALPHABET.iter().enumerate() {
            assert!(b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
            assert_eq!(sextet(b as char), Some(i as u8));
        }
        for c in ['+', '/', '=', '.', '%', ' ', 'é', '\0'] {
            assert_eq!(sextet(c), None, "{c:?}");
        }
    }

    #[test]
    fn the_standard_grid_is_exact_at_whole_numbers_of_the_domain() {
        let g = grid(Domain::STANDARD.x1);
        assert_eq!(g, (-12.0, 24.0 / 4096.0));
        for v in [-12.0, -6.0, 0.0, 6.0] {
            assert_eq!(coord(coord_code(v, g), g), v);
        }
        for v in [-1.5, -1.0, -0.5, 0.0, 0.5, 1.0, 1.5] {
            assert_eq!(value(value_code(v)), v);
        }
    }

    #[test]
    fn exact_points_come_back_exactly_and_broken_ones_are_refused() {
        let mut points = vec![
            Point::new(1000.0, -1000.0, 1.0),
            Point::new(0.1, 1e-30, -1.2345678),
            Point::new(-0.0, 3.0e38, 3.0),
        ];
        points[1].test = true;
        let text = pack_exact(&points);
        assert_eq!(unpack_exact(&ENGLISH, &text), Ok(points.clone()));
        assert_eq!(pack_exact(&[]), "0.");
        assert_eq!(unpack_exact(&ENGLISH, "0."), Ok(vec![]));
        let nan = pack_exact(&[Point::new(f32::NAN, 0.0, 0.0)]);
        assert_eq!(
            unpack_exact(&ENGLISH, &nan),
            Err("points: point 1 is not finite numbers".to_string())
        );
        assert!(unpack_exact(&ENGLISH, &text[..text.len() - 1]).is_err());
    }

    #[test]
    fn points_beyond_the_widened_domain_are_clamped_to_its_edge() {
        let points = [
            Point::new(-100.0, 100.0, 3.0),
            Point::new(f32::NAN, 0.0, 9.0),
        ];
        let back = unpack(
            &ENGLISH,
            &pack(&points, TWO, Domain::STANDARD),
            TWO,
            Domain::STANDARD,
        )
        .unwrap();
        assert_eq!(
            (back[0].x1, back[0].x2, back[0].label),
            (-12.0, 12.0 - 24.0 / 4096.0, 3.0)
        );
        assert_eq!((back[1].x1, back[1].label), (-12.0, 3.0));
        let values = [Point::new(0.0, 0.0, 7.0), Point::new(0.0, 0.0, -7.0)];
        let back = unpack(
            &ENGLISH,
            &pack(&values, Task::Regression, Domain::STANDARD),
            Task::Regression,
            Domain::STANDARD,
        )
        .unwrap();
        assert_eq!((back[0].label, back[1].label), (1.5, -1.5));
    }

    #[test]
    fn malformed_data_is_refused_with_a_message() {
        let d = Domain::STANDARD;
        let good = pack(&[Point::new(1.0, 2.0, 1.0); 3], TWO, d);
        let cut = &good[..good.len() - 2];
        let cases = [
            ("-5.AAAA", "data: '-5' is not a count of points".to_string()),
            ("abc", "data: 'abc' is not a count of points".to_string()),
            (
                "99999999999999999999999.A",
                "data: '99999999999999999999999' is not a count of points".to_string(),
            ),
            (
                "6000.",
                "data: 6000 points are more than the 5000 a scene holds".to_string(),
            ),
            (
                cut,
                "data: 12 characters where a count of 3 needs 14 (cut short or altered?)"
                    .to_string(),
            ),
            (
                "1",
                "data: 0 characters where a count of 1 needs 5 (cut short or altered?)".to_string(),
            ),
            (
                "1.AAA+A",
                "data: '+' at character 4 is not URL-safe base64".to_string(),
            ),
            (
                "1.AAA=A",
                "data: '=' at character 4 is not URL-safe base64".to_string(),
            ),
        ];
        for (text, message) in cases {
            assert_eq!(
                unpack(&ENGLISH, text, TWO, d).unwrap_err(),
                message,
                "{text}"
            );
        }
        // Regression codes above 240 are not made by `pack`.
        assert_eq!(
            unpack(&ENGLISH, "1.AAAAA_8", Task::Regression, d).unwrap_err(),
            "data: 7 characters where a count of 1 needs 6 (cut short or altered?)"
        );
        assert_eq!(
            unpack(&ENGLISH, "1.AAAA_w", Task::Regression, d).unwrap_err(),
            "data: point 1 has value code 255; codes stop at 240"
        );
        assert_eq!(unpack(&ENGLISH, "0", TWO, d).unwrap(), []);
        assert_eq!(unpack(&ENGLISH, " 0.", TWO, d).unwrap(), []);
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod properties {
    use super::*;
    use crate::i18n::ENGLISH;
    use proptest::prelude::*;

    fn coordinate() -> impl Strategy<Value = f32> {
        prop_oneof![-20.0f32..20.0, any::<f32>()]
    }

    fn point() -> impl Strategy<Value = Point> {
        (coordinate(), coordinate(), -2.0f32..5.0, any::<bool>()).prop_map(
            |(x1, x2, label, test)| Point {
                x1,
                x2,
                label,
                test,
            },
        )
    }

    fn domain() -> impl Strategy<Value = Domain> {
        prop_oneof![
            Just(Domain::STANDARD),
            Just(crate::data::Preset::Pass.domain()),
            (
                -100.0f32..100.0,
                0.5f32..50.0,
                -100.0f32..100.0,
                0.5f32..50.0
            )
                .prop_map(|(a, w, b, h)| Domain {
                    x1: (a, a + w),
                    x2: (b, b + h)
                }),
        ]
    }

    proptest! {
        #![proptest_config(super::super::properties::config())]

        /// Every point comes back within the stated bound of itself clamped
        /// into the packed range, and packing what came back is exact.
        #[test]
        fn points_come_back_within_the_stated_bound(
            points in prop::collection::vec(point(), 0..60),
            regression in any::<bool>(),
            domain in domain(),
        ) {
            let task = if regression { Task::Regression } else { Task::Classification { classes: 4 } };
            let text = pack(&points, task, domain);
            let back = unpack(&ENGLISH, &text, task, domain).unwrap();
            prop_assert_eq!(back.len(), points.len());
            for (p, q) in points.iter().zip(&back) {
                for (v, w, side) in [(p.x1, q.x1, domain.x1), (p.x2, q.x2, domain.x2)] {
                    let (low, step) = grid(side);
                    let high = low + 4095.0 * step;
                    let v = if v.is_nan() { low } else { f64::from(v).clamp(low, high) };
                    // Half a step, and the f32 rounding of where it lands.
                    let bound = step / 2.0 + v.abs() * f64::from(f32::EPSILON);
                    prop_assert!((f64::from(w) - v).abs() <= bound, "{v} came back as {w}");
                }
                let label = f64::from(p.label);
                match task {
                    Task::Regression => {
                        let v = label.clamp(-1.5, 1.5);
                        prop_assert!((f64::from(q.label) - v).abs() <= 1.0 / 160.0 + 1e-6);
                    }
                    _ => prop_assert_eq!(q.label, label.round().clamp(0.0, 3.0) as f32),
                }
                prop_assert_eq!(q.test, p.test);
            }
            prop_assert_eq!(pack(&back, task, domain), text);
        }
    }
}
