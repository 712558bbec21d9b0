//! Floats written as `format!` writes them (`{}`, `{:.N}`, `{:e}`,
//! `{:.Ne}` and `{:?}`), without core's writer (Grisu, with Dragon behind it): the
//! wasm is 7 KB smaller gzipped with this one (BENCHMARKS.md). Tested
//! against core's, natively and in wasm.
//!
//! Numbers of the sizes a page shows are written in 128-bit integers: the
//! number times a power of ten, exactly, and for the shortest form one
//! float division a try to see whether a candidate reads back. The rest
//! come from their exact decimal expansion, which every binary float has,
//! in big integers.
//!
//! `format!("{}", Shortest(x))` writes what `format!("{x}")` writes;
//! `Fixed(x, 3)` what `{x:.3}` does, `Exp(x, None)` `{x:e}` and
//! `Exp(x, Some(2))` `{x:.2e}` and `Literal(x)` `{x:?}`. A width in the
//! format string pads them as it pads any text.

use super::big::Big;
use super::{read_f32, read_f64, F64};
use std::cmp::Ordering;
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

/// The shortest form with a point (`1.0`), or as `Exp` below 1e-4 and
/// from 1e16 (`{:?}`): a literal that Python reads as the same number.
pub struct Literal<T>(pub T);

/// An f32 or an f64: its exact value, and whether a decimal reads back as
/// its magnitude.
pub trait Float: Copy {
    /// Below this every whole number is one of the type's values.
    const WHOLE_NUMBERS_EXACT_BELOW: f64;
    /// 1e-4 and 1e16 in the type: `{:?}` writes what lies outside in
    /// exponent form.
    const PLAIN_FROM: f64;
    const PLAIN_BELOW: f64;
    fn value(self) -> f64;
    fn magnitude_reads_as(self, text: &str) -> bool;
    /// Whether `q · 10^-d` does, found with one float division or product;
    /// None where that cannot tell.
    fn decimal_reads_as(self, q: u128, d: i32) -> Option<bool>;
}

/// The powers of ten that an f64 holds exactly.
const POW10: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

/// `q · 10^-d` rounded once to an f64: an exact integer divided or
/// multiplied by an exact power of ten rounds as reading the decimal does.
fn decimal(q: u128, d: i32) -> Option<f64> {
    let power = *POW10.get(d.unsigned_abs() as usize)?;
    let q = u64::try_from(q).ok().filter(|&q| q < 1 << 53)? as f64;
    Some(if d >= 0 { q / power } else { q * power })
}

impl Float for f64 {
    const WHOLE_NUMBERS_EXACT_BELOW: f64 = (1u64 << 53) as f64;
    const PLAIN_FROM: f64 = 1e-4;
    const PLAIN_BELOW: f64 = 1e16;
    fn value(self) -> f64 {
        self
    }
    fn magnitude_reads_as(self, text: &str) -> bool {
        read_f64(text) == Some(self.abs())
    }
    fn decimal_reads_as(self, q: u128, d: i32) -> Option<bool> {
        Some(decimal(q, d)? == self.abs())
    }
}

impl Float for f32 {
    const WHOLE_NUMBERS_EXACT_BELOW: f64 = (1u64 << 24) as f64;
    const PLAIN_FROM: f64 = 1e-4f32 as f64;
    const PLAIN_BELOW: f64 = 1e16f32 as f64;
    fn value(self) -> f64 {
        self as f64 // exact
    }
    fn magnitude_reads_as(self, text: &str) -> bool {
        read_f32(text) == Some(self.abs())
    }
    fn decimal_reads_as(self, q: u128, d: i32) -> Option<bool> {
        // Rounding the f64 again to f32 rounds the decimal itself, unless the
        // f64 fell exactly halfway between two f32s (or below their normal
        // numbers, where an f32 has fewer bits).
        let c = decimal(q, d)?;
        let halfway = c.to_bits() & ((1 << 29) - 1) == 1 << 28;
        match c == 0.0 || (!halfway && c >= f32::MIN_POSITIVE as f64) {
            true => Some(c as f32 == self.abs()),
            false => None,
        }
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
        let (m, k) = split(v);
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

    /// The digits of `q · 10^-d`.
    fn of(q: u128, d: i32) -> Digits {
        let mut digits = Vec::new();
        // In 64 bits where it fits: 128-bit division is a library call in wasm.
        match u64::try_from(q) {
            Ok(mut q) => {
                while q > 0 {
                    digits.push((q % 10) as u8);
                    q /= 10;
                }
            }
            Err(_) => {
                let mut q = q;
                while q > 0 {
                    digits.push((q % 10) as u8);
                    q /= 10;
                }
            }
        }
        digits.reverse();
        let point = digits.len() as i32 - d;
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

/// A finite f64 `≥ 0` as `m · 2^k`, as the reader splits one.
fn split(v: f64) -> (u64, i32) {
    let (m, k) = F64.split(v.to_bits());
    (m, k as i32)
}

/// `x · 10^d` for a finite `x ≥ 0`: its whole part, and how the rest
/// compares with one half. Exact, in 128 bits, where they hold it.
fn scaled(x: f64, d: u32) -> Option<(u128, Ordering)> {
    if d > 22 {
        return None;
    }
    let (m, k) = split(x);
    let n = m as u128 * 10u128.pow(d); // below 2^53 · 10^22 < 2^127
    if k >= 0 {
        // A whole number: no rest, if it fits.
        return (n.leading_zeros() > k as u32).then(|| (n << k, Ordering::Less));
    }
    let shift = k.unsigned_abs();
    if shift >= 128 {
        return Some((0, Ordering::Less)); // n < 2^127, at most half of 2^shift
    }
    let rest = n & ((1 << shift) - 1);
    Some((n >> shift, rest.cmp(&(1 << (shift - 1)))))
}

/// `{:.N}` in integers, where they hold it.
fn fixed_fast(x: f64, after: usize) -> Option<Digits> {
    let (q, rest) = scaled(x, u32::try_from(after).ok()?)?;
    let up = rest == Ordering::Greater || (rest == Ordering::Equal && q % 2 == 1);
    Some(Digits::of(q + up as u128, after as i32))
}

/// `shortest` in integers and a float division a try, where they tell:
/// the fewest decimals that read back (and so the fewest significant
/// digits), the nearer of the two numbers beside `v` with that many first.
/// A whole number may read back with zeros for its last digits too.
fn shortest_fast<T: Float>(v: T) -> Option<Digits> {
    let x = v.value().abs();
    // From the place of its first digit (or a place before): fewer
    // decimals give only 0 and powers of ten above it, and the nearest of
    // those is a candidate at that place too. `magnitude` ≥ log10(x).
    let (m, k) = split(x);
    let magnitude = (k + 64 - m.leading_zeros() as i32) as f64 * std::f64::consts::LOG10_2;
    let first = match x == 0.0 {
        true => 0,
        false => (-(magnitude + 1e-9).floor()).max(0.0) as u32,
    };
    for d in first..23 {
        let (q, rest) = scaled(x, d)?;
        let up = rest != Ordering::Less; // ties up, as core's shortest form does
        if let Some(c) = nearer_reading_back(v, q, up, d as i32)? {
            return match d {
                0 => fewest_whole(v, c),
                _ => Some(Digits::of(c, d as i32)),
            };
        }
    }
    None
}

/// Of `q` and `q + 1` (`· 10^-d`), the nearer one to `v` first (`up`: that
/// is `q + 1`), the one that reads back as `v`, if either does.
fn nearer_reading_back<T: Float>(v: T, q: u128, up: bool, d: i32) -> Option<Option<u128>> {
    for c in [q + up as u128, q + !up as u128] {
        if v.decimal_reads_as(c, d)? {
            return Some(Some(c));
        }
    }
    Some(None)
}

/// `v`, a whole number `n` reads back as, with as many of its last digits
/// zero as still read back.
fn fewest_whole<T: Float>(v: T, n: u128) -> Option<Digits> {
    let x = v.value().abs();
    if x < T::WHOLE_NUMBERS_EXACT_BELOW {
        // Its neighbours are the whole numbers beside it: only `n` reads back.
        return Some(Digits::of(n, 0));
    }
    if x.trunc() != x || x >= 1e38 {
        return None;
    }
    let whole = x as u128;
    let mut fewest = Digits::of(n, 0);
    for e in 1..23 {
        let power = 10u128.pow(e);
        let (q, rest) = (whole / power, whole % power);
        match nearer_reading_back(v, q, 2 * rest >= power, -(e as i32))? {
            Some(c) => fewest = Digits::of(c, -(e as i32)),
            None => break,
        }
    }
    Some(fewest)
}

/// The fewest significant digits that read back as `v`'s magnitude and, of
/// those, the nearest: in integers where they tell, else from its digits.
fn shortest<T: Float>(v: T) -> Digits {
    shortest_fast(v).unwrap_or_else(|| shortest_exact(v, &Digits::exact(v.value().abs())))
}

/// `shortest` from the exact digits. Rounding to n digits gives the nearest
/// n-digit number; where it does not read back, the one on `v`'s other side
/// still may, as the numbers that read as `v` reach further on one side at
/// a power of two.
fn shortest_exact<T: Float>(v: T, exact: &Digits) -> Digits {
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

/// Writes `v` as `body` does for its finite magnitude; the sign, `NaN` and
/// `inf` as `format!` writes them.
fn write<T: Float>(f: &mut fmt::Formatter, v: T, body: impl Fn(f64, &mut String)) -> fmt::Result {
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
        false => body(x.abs(), &mut out),
    }
    f.pad(&out)
}

impl<T: Float> fmt::Display for Shortest<T> {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        let v = self.0;
        write(f, v, |_, out| {
            let d = shortest(v);
            let after = (d.digits.len() as i32 - d.point).max(0) as usize;
            d.positional(after, out)
        })
    }
}

impl<T: Float> fmt::Display for Fixed<T> {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        let after = self.1;
        write(f, self.0, |x, out| {
            let d = fixed_fast(x, after).unwrap_or_else(|| {
                let exact = Digits::exact(x);
                exact.round(exact.point + after as i32)
            });
            d.positional(after, out)
        })
    }
}

impl<T: Float> fmt::Display for Exp<T> {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        let (v, after) = (self.0, self.1);
        write(f, v, |x, out| {
            let d = match after {
                Some(after) => Digits::exact(x).round(after as i32 + 1),
                None => shortest(v),
            };
            d.scientific(after, out)
        })
    }
}

impl<T: Float> fmt::Display for Literal<T> {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        let v = self.0;
        write(f, v, |x, out| {
            let d = shortest(v);
            match x != 0.0 && (x < T::PLAIN_FROM || x >= T::PLAIN_BELOW) {
                true => d.scientific(None, out),
                false => d.positional((d.digits.len() as i32 - d.point).max(1) as usize, out),
            }
        })
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;
