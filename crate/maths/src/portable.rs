//! sin, cos, ln and exp that give the same bits on every platform: built from
//! +, −, ×, ÷ and rounding alone, which IEEE 754 defines exactly, instead of
//! the platform's maths library (glibc natively, a port of musl's in wasm),
//! whose last bits differ. Everything a seeded run depends on (the data's
//! noise and shapes, the initial weights, the sin features) uses these, so a
//! seed reproduces a run bit for bit natively and in every browser.
//!
//! Accuracy: within a few units in the last place of f64, far finer than the
//! f32 the network computes in.

use std::f64::consts::{FRAC_PI_2, LN_2, SQRT_2};

/// π/2 in two parts, so that x − k·π/2 keeps its low bits for large k.
const PI_2_HIGH: f64 = 1.570_796_326_734_125_6;
const PI_2_LOW: f64 = 6.077_100_506_506_192e-11;

/// sin(r) and cos(r) for |r| ≤ π/4, by their Taylor series in nested form:
/// sin r = r(1 − r²/(2·3)(1 − r²/(4·5)(1 − …))), cos r = 1 − r²/(1·2)(1 − r²/(3·4)(1 − …)).
/// Ten levels leave a remainder below 1e-19.
fn sin_cos_reduced(r: f64) -> (f64, f64) {
    let r2 = r * r;
    let (mut sin, mut cos) = (1.0, 1.0);
    for k in (1..=10).rev() {
        let k = k as f64;
        sin = 1.0 - r2 * sin / ((2.0 * k) * (2.0 * k + 1.0));
        cos = 1.0 - r2 * cos / ((2.0 * k - 1.0) * (2.0 * k));
    }
    (r * sin, cos)
}

/// sin x and cos x (x in radians; |x| up to about 1e9 keeps full accuracy).
pub fn sin_cos(x: f64) -> (f64, f64) {
    if !x.is_finite() {
        return (f64::NAN, f64::NAN);
    }
    let k = (x / FRAC_PI_2).round();
    let r = (x - k * PI_2_HIGH) - k * PI_2_LOW;
    let (s, c) = sin_cos_reduced(r);
    match (k as i64).rem_euclid(4) {
        0 => (s, c),
        1 => (c, -s),
        2 => (-s, -c),
        _ => (-c, s),
    }
}

pub fn sin(x: f64) -> f64 {
    sin_cos(x).0
}

pub fn cos(x: f64) -> f64 {
    sin_cos(x).1
}

/// The natural logarithm (NaN below zero, −∞ at zero).
pub fn ln(x: f64) -> f64 {
    if x.is_nan() || x < 0.0 {
        return f64::NAN;
    }
    if x == 0.0 {
        return f64::NEG_INFINITY;
    }
    if x.is_infinite() {
        return x;
    }
    // x = m · 2^e with m in [√½, √2): ln x = e·ln 2 + 2·atanh((m − 1)/(m + 1)).
    let (mut m, mut e) = (x, 0i32);
    if m < f64::MIN_POSITIVE {
        m *= (1u64 << 54) as f64;
        e -= 54;
    }
    let bits = m.to_bits();
    e += ((bits >> 52) & 0x7ff) as i32 - 1023;
    m = f64::from_bits((bits & !(0x7ff << 52)) | (1023 << 52));
    if m > SQRT_2 {
        m /= 2.0;
        e += 1;
    }
    let s = (m - 1.0) / (m + 1.0);
    let s2 = s * s;
    // |s| ≤ 0.172: terms up to s^25/25 leave less than 1e-20.
    let mut series = 0.0;
    for k in (0..13).rev() {
        series = 1.0 / (2 * k + 1) as f64 + s2 * series;
    }
    e as f64 * LN_2 + 2.0 * s * series
}

/// e^x (0 below about −745, ∞ above about 709).
pub fn exp(x: f64) -> f64 {
    if x.is_nan() {
        return x;
    }
    if x > 709.8 {
        return f64::INFINITY;
    }
    if x < -745.2 {
        return 0.0;
    }
    // x = k·ln 2 + r with |r| ≤ ln 2 / 2: e^x = 2^k · e^r.
    let k = (x / LN_2).round();
    let r = (x - k * LN_2_HIGH) - k * LN_2_LOW;
    // |r| ≤ 0.347: terms up to r^18/18! leave less than 1e-20.
    let mut series = 1.0;
    for n in (1..=18).rev() {
        series = 1.0 + r * series / n as f64;
    }
    // 2^k in two halves, so that neither leaves f64's range on its own.
    let half = |k: i64| f64::from_bits(((k + 1023) as u64) << 52);
    let k = k as i64;
    series * half(k / 2) * half(k - k / 2)
}

/// ln 2 in two parts, as π/2 above.
const LN_2_HIGH: f64 = 6.931_471_803_691_238e-1;
const LN_2_LOW: f64 = 1.908_214_929_270_587_7e-10;

#[cfg(test)]
mod tests {
    use super::*;

    /// Ulps between a and b (same sign assumed).
    fn ulps(a: f64, b: f64) -> u64 {
        a.to_bits().abs_diff(b.to_bits())
    }

    #[test]
    fn sin_and_cos_agree_with_the_platforms_to_a_few_ulps() {
        let mut worst: f64 = 0.0;
        for i in -200_000..=200_000 {
            let x = i as f64 * 1e-4 * 3.7;
            let (s, c) = sin_cos(x);
            worst = worst.max((s - x.sin()).abs()).max((c - x.cos()).abs());
        }
        assert!(worst < 4e-16, "worst absolute error {worst:e}");
        assert_eq!(sin(0.0), 0.0);
        assert_eq!(cos(0.0), 1.0);
        assert!(sin(f64::NAN).is_nan() && cos(f64::INFINITY).is_nan());
    }

    #[test]
    fn exp_agrees_with_the_platforms_to_a_few_ulps() {
        for i in -70_000..=70_000 {
            let x = i as f64 * 0.0101;
            assert!(ulps(exp(x), x.exp()) <= 2, "{x}: {} vs {}", exp(x), x.exp());
        }
        assert_eq!(exp(0.0), 1.0);
        assert_eq!(exp(-800.0), 0.0);
        assert_eq!(exp(800.0), f64::INFINITY);
        assert!(exp(f64::NAN).is_nan());
    }

    #[test]
    fn ln_agrees_with_the_platforms_to_a_few_ulps() {
        for i in 1..200_000 {
            let x = i as f64 * 0.013;
            assert!(ulps(ln(x), x.ln()) <= 2, "{x}: {} vs {}", ln(x), x.ln());
        }
        for x in [f64::MIN_POSITIVE, 5e-324, 1e-300, 1e300, f64::MAX] {
            assert!(ulps(ln(x), x.ln()) <= 2, "{x}: {} vs {}", ln(x), x.ln());
        }
        assert_eq!(ln(1.0), 0.0);
        assert_eq!(ln(0.0), f64::NEG_INFINITY);
        assert!(ln(-1.0).is_nan());
    }
}
