//! Floats written as `format!` writes them (`{}`, `{:.N}`, `{:e}` and
//! `{:.Ne}`), from their exact decimal expansion, which every binary float
//! has. Core's writer (Grisu, with Dragon behind it) is about 10 KB of the
//! gzipped wasm; this is a few hundred bytes. Tested against it.
//!
//! `format!("{}", Shortest(x))` writes what `format!("{x}")` writes;
//! `Fixed(x, 3)` what `{x:.3}` does, `Exp(x, None)` `{x:e}` and
//! `Exp(x, Some(2))` `{x:.2e}`. A width in the format string pads them as
//! it pads any text.

use super::big::Big;
use super::{read_f32, read_f64};
use std::fmt;

/// The fewest significant digits that read back as the same number
/// (`{}` of an f32 or f64).
///
/// A float written with `format!` anywhere in the page's code brings core's
/// writer back into the wasm, and so does a float's `clamp` where it is not
/// inlined (its panic message writes its bounds): use `max` and `min` there.
pub struct Shortest<T>(pub T);

/// Rounded to this many digits after the point, ties to even (`{:.N}`).
pub struct Fixed<T>(pub T, pub usize);

/// One digit, a point and the rest, then the power of ten (`{:e}`), with
/// this many digits after the point where given (`{:.Ne}`).
pub struct Exp<T>(pub T, pub Option<usize>);

/// An f32 or an f64: its exact value, and whether text reads back as its
/// magnitude.
pub trait Float: Copy {
    fn value(self) -> f64;
    fn magnitude_reads_as(self, text: &str) -> bool;
}

impl Float for f64 {
    fn value(self) -> f64 {
        self
    }
    fn magnitude_reads_as(self, text: &str) -> bool {
        read_f64(text) == Some(self.abs())
    }
}

impl Float for f32 {
    fn value(self) -> f64 {
        self as f64 // exact
    }
    fn magnitude_reads_as(self, text: &str) -> bool {
        read_f32(text) == Some(self.abs())
    }
}

/// A non-negative number as `0.d₁d₂d₃… · 10^point`, without trailing zeros
/// (no digits at all for zero).
#[derive(Clone)]
struct Digits {
    digits: Vec<u8>,
    point: i32,
}

impl Digits {
    /// The exact digits of a finite number's magnitude.
    fn exact(v: f64) -> Digits {
        let bits = v.to_bits();
        let biased = (bits >> 52) as i32 & 0x7ff;
        let fraction = bits & ((1 << 52) - 1);
        let (m, k) = match biased {
            0 => (fraction, -1074),
            _ => (fraction | 1 << 52, biased - 1075),
        };
        // m · 2^k is m · 2^k for k ≥ 0, and m · 5^-k · 10^k below.
        let mut n = Big::from(m);
        let scale = match k >= 0 {
            true => {
                n.shl(k as u32);
                0
            }
            false => {
                n.mul_pow5(k.unsigned_abs());
                k
            }
        };
        let digits = n.decimal();
        let point = digits.len() as i32 + scale;
        Digits { digits, point }.trimmed()
    }

    fn trimmed(mut self) -> Digits {
        while self.digits.last() == Some(&0) {
            self.digits.pop();
        }
        if self.digits.is_empty() {
            self.point = 0; // zero, at any scale
        }
        self
    }

    /// The first `keep` digits (none where `keep` ≤ 0), rounded down or,
    /// where any digit is dropped, up.
    fn cut(&self, keep: i32, up: bool) -> Digits {
        let kept = keep.clamp(0, self.digits.len() as i32) as usize;
        let mut cut = Digits {
            digits: self.digits[..kept].to_vec(),
            point: self.point,
        };
        if up && kept < self.digits.len() {
            // One unit in the last kept place, carried leftwards; past the
            // first digit it is 0.1 · 10^(point + 1).
            match cut.digits.iter().rposition(|&d| d < 9) {
                Some(place) => {
                    cut.digits.truncate(place + 1);
                    cut.digits[place] += 1;
                }
                None => {
                    cut.digits = vec![1];
                    cut.point += 1;
                }
            }
        }
        cut.trimmed()
    }

    /// Whether rounding to `keep` digits rounds up; ties to even, or up.
    fn rounds_up(&self, keep: i32, ties_up: bool) -> bool {
        let Ok(at) = usize::try_from(keep) else {
            return false; // below half of the last kept place
        };
        match self.digits.get(at) {
            Some(&d) => {
                let odd = at > 0 && self.digits[at - 1] % 2 == 1;
                d > 5 || (d == 5 && (at + 1 < self.digits.len() || odd || ties_up))
            }
            None => false,
        }
    }

    /// Rounded to `keep` digits, ties to even.
    fn round(&self, keep: i32) -> Digits {
        self.cut(keep, self.rounds_up(keep, false))
    }

    /// The digit at `place` (0 is the first), zero outside them.
    fn at(&self, place: i32) -> u8 {
        usize::try_from(place)
            .ok()
            .and_then(|i| self.digits.get(i))
            .map_or(0, |&d| d)
    }

    /// `d.ddd…e±x` in as many digits as it has, or `after` after the point.
    fn scientific(&self, after: Option<usize>, out: &mut String) {
        let after = after.unwrap_or(self.digits.len().saturating_sub(1));
        push_digit(out, self.at(0));
        if after > 0 {
            out.push('.');
            (1..=after as i32).for_each(|i| push_digit(out, self.at(i)));
        }
        let exponent = if self.digits.is_empty() {
            0
        } else {
            self.point - 1
        };
        out.push('e');
        out.push_str(&exponent.to_string());
    }

    /// `ddd.ddd` with `after` digits after the point (none: no point).
    fn positional(&self, after: usize, out: &mut String) {
        match self.point <= 0 || self.digits.is_empty() {
            true => out.push('0'),
            false => (0..self.point).for_each(|i| push_digit(out, self.at(i))),
        }
        if after > 0 {
            out.push('.');
            (0..after as i32).for_each(|i| push_digit(out, self.at(self.point + i)));
        }
    }
}

fn push_digit(out: &mut String, d: u8) {
    out.push((b'0' + d) as char);
}

/// The fewest significant digits that read back as `v`'s magnitude and, of
/// those, the
/// nearest. Rounding to n digits gives the nearest n-digit number; where it
/// does not read back, the one on `v`'s other side still may, as the
/// numbers that read as `v` reach further on one side at a power of two.
fn shortest<T: Float>(v: T, exact: &Digits) -> Digits {
    let reads = |d: &Digits| {
        let mut text = String::new();
        d.scientific(None, &mut text);
        v.magnitude_reads_as(&text)
    };
    for n in 1..exact.digits.len() as i32 {
        let up = exact.rounds_up(n, true); // as core's shortest form does
        for d in [exact.cut(n, up), exact.cut(n, !up)] {
            if reads(&d) {
                return d;
            }
        }
    }
    exact.clone()
}

/// Writes `v` as `body` does for a finite magnitude; the sign, `NaN` and
/// `inf` as `format!` writes them.
fn write<T: Float>(
    f: &mut fmt::Formatter,
    v: T,
    body: impl Fn(&Digits, &mut String),
) -> fmt::Result {
    let x = v.value();
    let mut out = String::new();
    if x.is_nan() {
        return f.pad("NaN");
    }
    if x.is_sign_negative() {
        out.push('-');
    }
    match x.is_infinite() {
        true => out.push_str("inf"),
        false => body(&Digits::exact(x.abs()), &mut out),
    }
    f.pad(&out)
}

impl<T: Float> fmt::Display for Shortest<T> {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        let v = self.0;
        write(f, v, |exact, out| {
            let d = shortest(v, exact);
            let after = (d.digits.len() as i32 - d.point).max(0) as usize;
            d.positional(after, out)
        })
    }
}

impl<T: Float> fmt::Display for Fixed<T> {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        let after = self.1;
        write(f, self.0, |exact, out| {
            exact
                .round(exact.point + after as i32)
                .positional(after, out)
        })
    }
}

impl<T: Float> fmt::Display for Exp<T> {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        let (v, after) = (self.0, self.1);
        write(f, v, |exact, out| {
            let d = match after {
                Some(after) => exact.round(after as i32 + 1),
                None => shortest(v, exact),
            };
            d.scientific(after, out)
        })
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;
