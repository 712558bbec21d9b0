//! exp, tanh and sigmoid without libm: faster than the platform's, and the
//! same bits on every platform, so a seeded run is identical natively and in
//! wasm. Their largest errors against f64 are bounded in the tests below.

const LOG2_E: f32 = std::f32::consts::LOG2_E;
// ln 2 split in two so that n·ln2 is subtracted without rounding error.
const LN2_HI: f32 = 0.693_145_75;
const LN2_LO: f32 = 1.428_606_8e-6;

/// Adding 1.5 · 2^23 rounds an f32 of magnitude below 2^22 to an integer,
/// which then sits in the low bits of the sum: branch-free, so it vectorises.
const ROUNDER: f32 = 12_582_912.0;

/// e^x, to within 3 ulp for x in [-87, 88]; clamps beyond.
#[inline]
pub fn exp(x: f32) -> f32 {
    let x = x.clamp(-87.0, 88.0);
    let shifted = x * LOG2_E + ROUNDER;
    let n = shifted - ROUNDER; // round(x · log2 e)
    let n_int = shifted.to_bits().wrapping_sub(ROUNDER.to_bits()) as i32;
    let r = (x - n * LN2_HI) - n * LN2_LO; // |r| <= ln2 / 2
                                           // Taylor series to r^7: truncation below 2e-8 relative on |r| <= 0.35.
    let p = 1.0
        + r * (1.0
            + r * (0.5
                + r * (1.0 / 6.0
                    + r * (1.0 / 24.0
                        + r * (1.0 / 120.0 + r * (1.0 / 720.0 + r * (1.0 / 5040.0)))))));
    p * f32::from_bits(((n_int + 127) as u32) << 23)
}

/// tanh x, to within 3e-7 absolute.
#[inline]
pub fn tanh(x: f32) -> f32 {
    let e = exp(-2.0 * x.abs());
    let t = (1.0 - e) / (1.0 + e);
    t.copysign(x)
}

/// 1 / (1 + e^-x), to within 2e-7 absolute.
#[inline]
pub fn sigmoid(x: f32) -> f32 {
    1.0 / (1.0 + exp(-x))
}

/// ln x for x > 0, to within 2e-7 · max(1, |ln x|) on [1e-7, 1] (where losses live).
#[inline]
pub fn ln(x: f32) -> f32 {
    if x.is_nan() || x <= 0.0 || x.is_infinite() {
        return x.ln(); // NaN, -inf and +inf as the standard library gives them
    }
    ln_positive(x)
}

/// `ln` for a positive, finite, normal x (garbage otherwise): branch-free,
/// so a loop of them vectorises.
#[inline]
pub fn ln_positive(x: f32) -> f32 {
    // x = m · 2^e with m in [√½, √2): ln x = e·ln2 + ln m, and
    // ln m = 2·atanh(s) with s = (m-1)/(m+1), |s| < 0.172.
    let bits = x.to_bits();
    let m = f32::from_bits((bits & 0x007F_FFFF) | 0x3F80_0000);
    let high = m > std::f32::consts::SQRT_2;
    let m = if high { m * 0.5 } else { m };
    let e = ((bits >> 23) & 0xFF) as i32 - 127 + high as i32;
    let s = (m - 1.0) / (m + 1.0);
    let s2 = s * s;
    let series =
        2.0 * s * (1.0 + s2 * (1.0 / 3.0 + s2 * (1.0 / 5.0 + s2 * (1.0 / 7.0 + s2 * (1.0 / 9.0)))));
    e as f32 * LN2_HI + (series + e as f32 * LN2_LO)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every 1/1000 over [-20, 20], plus the extremes.
    fn inputs() -> impl Iterator<Item = f32> {
        (-20_000..=20_000)
            .map(|i| i as f32 / 1000.0)
            .chain([-100.0, -87.0, 88.0, 100.0, 1e-8, -1e-8])
    }

    #[test]
    fn exp_is_within_four_millionths_of_a_percent() {
        let worst = inputs()
            .filter(|x| x.abs() <= 87.0)
            .map(|x| ((exp(x) as f64 - (x as f64).exp()) / (x as f64).exp()).abs())
            .fold(0.0, f64::max);
        assert!(worst < 4e-7, "relative error {worst:e}");
        assert!(exp(-1000.0) >= 0.0 && exp(1000.0).is_finite());
    }

    #[test]
    fn ln_is_within_two_ten_millionths_where_losses_live() {
        let worst = (1..=1_000_000)
            .map(|i| i as f32 / 1_000_000.0)
            .chain((1..=1000).map(|i| i as f32 * 1e-7))
            .map(|x| (ln(x) as f64 - (x as f64).ln()).abs() / (x as f64).ln().abs().max(1.0))
            .fold(0.0, f64::max);
        assert!(worst < 2e-7, "error {worst:e}");
        assert!((ln(1000.0) - 1000f32.ln()).abs() < 1e-5);
        assert!(ln(0.0) == f32::NEG_INFINITY && ln(-1.0).is_nan());
    }

    #[test]
    fn tanh_and_sigmoid_are_within_three_ten_millionths() {
        let worst_tanh = inputs()
            .map(|x| (tanh(x) as f64 - (x as f64).tanh()).abs())
            .fold(0.0, f64::max);
        let worst_sigmoid = inputs()
            .map(|x| (sigmoid(x) as f64 - 1.0 / (1.0 + (-(x as f64)).exp())).abs())
            .fold(0.0, f64::max);
        assert!(worst_tanh < 3e-7, "tanh absolute error {worst_tanh:e}");
        assert!(
            worst_sigmoid < 2e-7,
            "sigmoid absolute error {worst_sigmoid:e}"
        );
        assert_eq!(tanh(0.0), 0.0);
        assert_eq!(tanh(-50.0), -1.0);
        assert!(tanh(f32::NAN).is_nan() && sigmoid(f32::NAN).is_nan());
    }
}
