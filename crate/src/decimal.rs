//! Decimal numbers read as `str::parse` reads them (the same grammar, the
//! same correctly rounded f64 or f32), in a few hundred bytes of wasm. The
//! standard reader carries a 10 KB table of powers of five and a slow path
//! of its own: 15 KB of the gzipped download. Tested against it.
//!
//! Most numbers take the fast path: few enough digits and a small enough
//! power of ten that one multiplication or division in the float's own
//! arithmetic rounds once. The rest start from an estimate and step by
//! one unit in the last place until exact comparisons with big integers
//! place the number between the midpoints around the estimate.

mod big;
mod write;

pub use write::{Exp, Fixed, Float, Literal, Shortest};

use big::Big;
use std::cmp::Ordering;

/// `text` as the nearest f64 (ties to even); None where `str::parse::<f64>`
/// refuses it.
pub fn read_f64(text: &str) -> Option<f64> {
    let bits = read(text, &F64, &|digits, exponent| {
        let exact = digits < 1 << 53 && exponent.unsigned_abs() <= 22;
        exact.then(|| {
            let power = 10f64.powi(exponent.unsigned_abs() as i32);
            let v = digits as f64;
            let v = if exponent < 0 { v / power } else { v * power };
            v.to_bits()
        })
    })?;
    Some(f64::from_bits(bits))
}

/// `text` as the nearest f32 (ties to even), read directly: not through
/// f64, which could round twice. None where `str::parse::<f32>` refuses it.
pub fn read_f32(text: &str) -> Option<f32> {
    let bits = read(text, &F32, &|digits, exponent| {
        let exact = digits < 1 << 24 && exponent.unsigned_abs() <= 10;
        exact.then(|| {
            let power = 10f32.powi(exponent.unsigned_abs() as i32);
            let v = digits as f32;
            let v = if exponent < 0 { v / power } else { v * power };
            v.to_bits() as u64
        })
    })?;
    Some(f32::from_bits(bits as u32))
}

/// A binary floating-point format: its finite numbers are `m · 2^k`, with
/// `2^MANTISSA <= m < 2^(MANTISSA + 1)` for normal numbers, and
/// `m < 2^MANTISSA` at `k = min_k` for subnormal ones.
struct Format {
    mantissa: u32,
    min_k: i64,
    max_k: i64,
    sign: u64,
    /// The nearest number of this format to an f64 estimate, as bits.
    narrow: fn(f64) -> u64,
}

const F64: Format = Format {
    mantissa: 52,
    min_k: -1074,
    max_k: 971,
    sign: 1 << 63,
    narrow: f64::to_bits,
};

const F32: Format = Format {
    mantissa: 23,
    min_k: -149,
    max_k: 104,
    sign: 1 << 31,
    narrow: |v| (v as f32).to_bits() as u64,
};

impl Format {
    fn infinity(&self) -> u64 {
        ((self.max_k - self.min_k + 2) as u64) << self.mantissa
    }

    fn hidden(&self) -> u64 {
        1 << self.mantissa
    }

    /// `(m, k)` of a finite number's bits (sign cleared).
    fn split(&self, bits: u64) -> (u64, i64) {
        let biased = (bits >> self.mantissa) as i64;
        let fraction = bits & (self.hidden() - 1);
        match biased {
            0 => (fraction, self.min_k),
            _ => (fraction | self.hidden(), biased + self.min_k - 1),
        }
    }

    /// The bits of `m · 2^k`; infinity past the largest number.
    fn join(&self, (m, k): (u64, i64)) -> u64 {
        if k > self.max_k {
            self.infinity()
        } else if m < self.hidden() {
            m
        } else {
            (((k - self.min_k + 1) as u64) << self.mantissa) | (m - self.hidden())
        }
    }

    fn up(&self, (m, k): (u64, i64)) -> (u64, i64) {
        match m + 1 == self.hidden() << 1 {
            true => (self.hidden(), k + 1),
            false => (m + 1, k),
        }
    }

    fn down(&self, (m, k): (u64, i64)) -> (u64, i64) {
        match m == self.hidden() && k > self.min_k {
            true => ((self.hidden() << 1) - 1, k - 1),
            false => (m - 1, k),
        }
    }
}

/// The most significant digits kept; past them only whether any is not
/// zero counts. An f64 halfway between two numbers has at most 767.
const KEPT_DIGITS: usize = 800;
/// Exponents are read up to this size, as the standard reader reads them.
const MAX_EXPONENT: i64 = 0x10000;

/// A decimal number's significant digits (without leading or trailing
/// zeros) and the power of ten they are scaled by.
struct Decimal {
    digits: Vec<u8>,
    exponent: i64,
}

/// The exact result of the fast path, where it has one: from the digits as
/// an integer and their power of ten.
type FastPath<'a> = &'a dyn Fn(u64, i64) -> Option<u64>;

/// Reads `[+-](digits[.digits] | .digits)[(e|E)[+-]digits]`, `inf`,
/// `infinity` or `nan` (any case), as the standard library does.
fn read(text: &str, format: &Format, fast: FastPath) -> Option<u64> {
    let (sign, rest) = match text.as_bytes().first() {
        Some(b'-') => (format.sign, &text[1..]),
        Some(b'+') => (0, &text[1..]),
        _ => (0, text),
    };
    if rest.eq_ignore_ascii_case("inf") || rest.eq_ignore_ascii_case("infinity") {
        return Some(sign | format.infinity());
    }
    if rest.eq_ignore_ascii_case("nan") {
        return Some(sign | format.infinity() | format.hidden() >> 1);
    }
    let decimal = Decimal::read(rest.as_bytes())?;
    Some(sign | magnitude(&decimal, format, fast))
}

impl Decimal {
    fn read(text: &[u8]) -> Option<Decimal> {
        let mut digits = Vec::new();
        let (mut exponent, mut any_digit, mut beyond) = (0i64, false, false);
        let mut i = 0;
        let mut take = |d: u8, fraction: bool, exponent: &mut i64| {
            if digits.is_empty() && d == 0 {
                *exponent -= fraction as i64; // a leading zero
            } else if digits.len() < KEPT_DIGITS {
                digits.push(d);
                *exponent -= fraction as i64;
            } else {
                beyond |= d != 0;
                *exponent += !fraction as i64;
            }
        };
        while let Some(&c @ b'0'..=b'9') = text.get(i) {
            take(c - b'0', false, &mut exponent);
            (any_digit, i) = (true, i + 1);
        }
        if text.get(i) == Some(&b'.') {
            i += 1;
            while let Some(&c @ b'0'..=b'9') = text.get(i) {
                take(c - b'0', true, &mut exponent);
                (any_digit, i) = (true, i + 1);
            }
        }
        if !any_digit {
            return None;
        }
        if let Some(b'e' | b'E') = text.get(i) {
            i += 1;
            let negative = text.get(i) == Some(&b'-');
            i += matches!(text.get(i), Some(b'-' | b'+')) as usize;
            let start = i;
            let mut written = 0i64;
            while let Some(&c @ b'0'..=b'9') = text.get(i) {
                if written < MAX_EXPONENT {
                    written = 10 * written + (c - b'0') as i64;
                }
                i += 1;
            }
            if i == start {
                return None;
            }
            exponent += if negative { -written } else { written };
        }
        if i != text.len() {
            return None;
        }
        if beyond {
            // Just above the digits kept: the rounding sees that something follows.
            digits.push(1);
            exponent -= 1;
        }
        while digits.last() == Some(&0) {
            digits.pop();
            exponent += 1;
        }
        Some(Decimal { digits, exponent })
    }

    /// The first 19 digits as an integer, and the power of ten that scales it.
    fn leading(&self) -> (u64, i64) {
        let n = self.digits.len().min(19);
        let value = self.digits[..n].iter().fold(0, |v, &d| 10 * v + d as u64);
        (value, self.exponent + (self.digits.len() - n) as i64)
    }

    /// This number against `c · 2^j`, exactly.
    fn compare(&self, c: u64, j: i64) -> Ordering {
        let mut left = Big::from_digits(&self.digits);
        let mut right = Big::from(c);
        match self.exponent >= 0 {
            true => left.mul_pow10(self.exponent as u32),
            false => right.mul_pow10(self.exponent.unsigned_abs() as u32),
        }
        match j >= 0 {
            true => right.shl(j as u32),
            false => left.shl(j.unsigned_abs() as u32),
        }
        left.cmp(&right)
    }
}

/// The bits of the number of `format` nearest to `decimal` (ties to even).
fn magnitude(decimal: &Decimal, format: &Format, fast: FastPath) -> u64 {
    if decimal.digits.is_empty() {
        return 0;
    }
    // The number lies in [10^(order - 1), 10^order).
    let order = decimal.digits.len() as i64 + decimal.exponent;
    if order > 310 {
        return format.infinity();
    }
    if order < -330 {
        return 0;
    }
    let (leading, scale) = decimal.leading();
    if decimal.digits.len() <= 19 {
        if let Some(bits) = fast(leading, scale) {
            return bits;
        }
    }
    // An estimate within a few units in the last place (two steps, so that
    // neither the power of ten nor the product leaves the f64 range).
    let half = scale / 2;
    let estimate = leading as f64 * 10f64.powi(half as i32) * 10f64.powi((scale - half) as i32);
    let estimate = (format.narrow)(estimate);
    let mut at = match estimate >= format.infinity() {
        true => ((format.hidden() << 1) - 1, format.max_k),
        false => format.split(estimate),
    };
    loop {
        // Past the midpoint to the next number up, that number is nearer.
        let (m, k) = at;
        match decimal.compare(2 * m + 1, k - 1) {
            Ordering::Greater => {
                at = format.up(at);
                if at.1 > format.max_k {
                    return format.infinity();
                }
                continue;
            }
            Ordering::Equal => return format.join(if m & 1 == 1 { format.up(at) } else { at }),
            Ordering::Less => {}
        }
        if m == 0 {
            return 0;
        }
        // Below the midpoint to the next number down (closer at a binade's foot).
        let (c, j) = match m == format.hidden() && k > format.min_k {
            true => (4 * m - 1, k - 2),
            false => (2 * m - 1, k - 1),
        };
        match decimal.compare(c, j) {
            Ordering::Less => at = format.down(at),
            Ordering::Equal => return format.join(if m & 1 == 1 { format.down(at) } else { at }),
            Ordering::Greater => return format.join(at),
        }
    }
}

/// Natively only: they read every case with the standard reader too, and
/// proptest does not build for wasm32.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;
