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

/// The constants of `exp`, `tanh`, `sigmoid` and `ln`, gathered so that a loop can
/// take them through `opaque()`. V8 rebuilds a wasm `v128.const` from
/// immediates at every use inside a loop, and LLVM rematerialises constants
/// rather than keep them in locals: a vectorised tanh spent most of its time
/// making its ~18 constants. Behind `black_box` they are values computed once,
/// kept in locals (registers) for the whole loop. Same values, same bits.
#[derive(Clone, Copy)]
pub struct Constants {
    one: f32,
    lowest: f32,
    highest: f32,
    log2_e: f32,
    rounder: f32,
    ln2_hi: f32,
    ln2_lo: f32,
    /// 1/k! for k = 2 to 7.
    taylor: [f32; 6],
    /// The IEEE exponent bias.
    bias: i32,
    // For `ln`: the masks of the exponent (shifted down) and of the mantissa,
    // and the series of atanh's 1/3, 1/5, 1/7, 1/9.
    exponent: u32,
    mantissa: u32,
    sqrt_2: f32,
    half: f32,
    two: f32,
    atanh: [f32; 4],
    // For `tanh`: where its rational interpolant reaches ±1 (and beyond
    // which it would overshoot), and that interpolant's
    // odd numerator (x^13 down to x) and even denominator (x^6 down to 1).
    tanh_limit: f32,
    tanh_numerator: [f32; 7],
    tanh_denominator: [f32; 4],
}

impl Constants {
    pub const PLAIN: Constants = Constants {
        one: 1.0,
        lowest: -87.0,
        highest: 88.0,
        log2_e: LOG2_E,
        rounder: ROUNDER,
        ln2_hi: LN2_HI,
        ln2_lo: LN2_LO,
        taylor: [
            0.5,
            1.0 / 6.0,
            1.0 / 24.0,
            1.0 / 120.0,
            1.0 / 720.0,
            1.0 / 5040.0,
        ],
        bias: 127,
        exponent: 0xFF,
        mantissa: 0x007F_FFFF,
        sqrt_2: std::f32::consts::SQRT_2,
        half: 0.5,
        two: 2.0,
        atanh: [1.0 / 3.0, 1.0 / 5.0, 1.0 / 7.0, 1.0 / 9.0],
        // The 13/6-degree interpolant Eigen and XLA use for f32 tanh.
        tanh_limit: 7.905_311,
        tanh_numerator: [
            -2.760_768_5e-16,
            2.000_188e-13,
            -8.604_672e-11,
            5.122_297e-8,
            1.485_722_4e-5,
            6.372_619_3e-4,
            4.893_524_6e-3,
        ],
        tanh_denominator: [1.198_258_4e-6, 1.185_347_1e-4, 2.268_434_7e-3, 4.893_525e-3],
    };

    /// The constants where the compiler cannot see them: call once, outside
    /// a loop over `*_with`. The loop then reads the few it uses once, into
    /// locals, instead of rebuilding each at every use; a reference, so that
    /// nothing is copied (a short loop pays for this at every call).
    #[inline]
    pub fn opaque() -> &'static Constants {
        std::hint::black_box(&CONSTANTS)
    }
}

static CONSTANTS: Constants = Constants::PLAIN;

/// e^x, to within 3 ulp for x in [-87, 88]; clamps beyond.
#[inline]
pub fn exp(x: f32) -> f32 {
    exp_with(x, &Constants::PLAIN)
}

/// `exp` with its constants passed in (see `Constants`).
#[inline]
pub fn exp_with(x: f32, k: &Constants) -> f32 {
    // A clamp by compare-and-select (NaN passes through), as `f32::clamp` does.
    let x = if x < k.lowest { k.lowest } else { x };
    let x = if x > k.highest { k.highest } else { x };
    let shifted = x * k.log2_e + k.rounder;
    let n = shifted - k.rounder; // round(x · log2 e)
    let n_int = shifted.to_bits().wrapping_sub(k.rounder.to_bits()) as i32;
    let r = (x - n * k.ln2_hi) - n * k.ln2_lo; // |r| <= ln2 / 2
                                               // Taylor series to r^7: truncation below 2e-8 relative on |r| <= 0.35.
    let c = &k.taylor;
    let p = k.one
        + r * (k.one + r * (c[0] + r * (c[1] + r * (c[2] + r * (c[3] + r * (c[4] + r * c[5]))))));
    p * f32::from_bits(((n_int + k.bias) as u32) << 23)
}

/// tanh x, to within 4.5e-7 absolute, and never beyond ±1.
#[inline]
pub fn tanh(x: f32) -> f32 {
    tanh_with(x, &Constants::PLAIN)
}

/// `tanh` with its constants passed in (see `Constants`): a rational
/// function of x clamped to ±7.905311 (where it reaches ±1; tanh is within
/// 3e-7 of ±1 there), one division and no exp, so about half the work of
/// (1 - e^-2x) / (1 + e^-2x).
#[inline]
pub fn tanh_with(x: f32, k: &Constants) -> f32 {
    // A clamp by compare-and-select (NaN passes through).
    let x = if x < -k.tanh_limit { -k.tanh_limit } else { x };
    let x = if x > k.tanh_limit { k.tanh_limit } else { x };
    let x2 = x * x;
    let n = &k.tanh_numerator;
    let p = x
        * (n[6] + x2 * (n[5] + x2 * (n[4] + x2 * (n[3] + x2 * (n[2] + x2 * (n[1] + x2 * n[0]))))));
    let d = &k.tanh_denominator;
    let q = d[3] + x2 * (d[2] + x2 * (d[1] + x2 * d[0]));
    p / q
}

/// 1 / (1 + e^-x), to within 2e-7 absolute.
#[inline]
pub fn sigmoid(x: f32) -> f32 {
    sigmoid_with(x, &Constants::PLAIN)
}

/// `sigmoid` with its constants passed in (see `Constants`).
#[inline]
pub fn sigmoid_with(x: f32, k: &Constants) -> f32 {
    k.one / (k.one + exp_with(-x, k))
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
    ln_positive_with(x, &Constants::PLAIN)
}

/// `ln_positive` with its constants passed in (see `Constants`).
#[inline]
pub fn ln_positive_with(x: f32, k: &Constants) -> f32 {
    // x = m · 2^e with m in [√½, √2): ln x = e·ln2 + ln m, and
    // ln m = 2·atanh(s) with s = (m-1)/(m+1), |s| < 0.172.
    let bits = x.to_bits();
    let m = f32::from_bits((bits & k.mantissa) | k.one.to_bits());
    let high = m > k.sqrt_2;
    let m = if high { m * k.half } else { m };
    let e = ((bits >> 23) & k.exponent) as i32 - k.bias + high as i32;
    let s = (m - k.one) / (m + k.one);
    let s2 = s * s;
    let c = &k.atanh;
    let series = k.two * s * (k.one + s2 * (c[0] + s2 * (c[1] + s2 * (c[2] + s2 * c[3]))));
    e as f32 * k.ln2_hi + (series + e as f32 * k.ln2_lo)
}

/// ln(1 + x) for x >= 0 (NaN passed on), accurate where x is far below 1,
/// where 1 + x rounds: that rounding is divided out (Goldberg's log1p).
/// Branch-free, so that a batch vectorises.
#[inline]
pub fn ln_1p_with(x: f32, k: &Constants) -> f32 {
    let u = k.one + x;
    let rounded = u - k.one;
    let corrected = ln_positive_with(u, k) * (x / rounded);
    if rounded == 0.0 {
        x
    } else {
        corrected
    }
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
    fn ln_1p_is_within_three_ten_millionths_relative_down_to_the_smallest_x() {
        let k = &Constants::PLAIN;
        let worst = (0..=4000)
            .map(|i| 10f64.powf(-38.0 + i as f64 * 0.01) as f32)
            .filter(|&x| x > 0.0 && x <= 10.0)
            .map(|x| {
                let exact = (x as f64).ln_1p();
                (ln_1p_with(x, k) as f64 - exact).abs() / exact
            })
            .fold(0.0, f64::max);
        assert!(worst < 3e-7, "relative error {worst:e}");
        assert_eq!(ln_1p_with(0.0, k), 0.0);
        assert!(ln_1p_with(f32::NAN, k).is_nan());
    }

    #[test]
    fn tanh_is_within_its_bound_at_every_millionth_and_never_beyond_one() {
        // tanh is odd and so is its interpolant; 10 million points of [0, 10].
        let (mut worst, mut at, mut x) = (0.0f64, 0.0f32, 0.0f32);
        while x <= 10.0 {
            let t = tanh(x);
            assert!(t <= 1.0 && tanh(-x) == -t, "tanh({x}) = {t}");
            let error = (t as f64 - (x as f64).tanh()).abs();
            if error > worst {
                (worst, at) = (error, x);
            }
            x = f32::from_bits(x.to_bits() + 1).max(x + 1e-6);
        }
        // Measured: 4.25e-7 at 5.932, where tanh is 0.999986 (7 ulps).
        assert!(worst < 4.5e-7, "tanh error {worst:e} at {at}");
    }

    #[test]
    fn tanh_and_sigmoid_are_within_their_bounds() {
        let worst_tanh = inputs()
            .map(|x| (tanh(x) as f64 - (x as f64).tanh()).abs())
            .fold(0.0, f64::max);
        let worst_sigmoid = inputs()
            .map(|x| (sigmoid(x) as f64 - 1.0 / (1.0 + (-(x as f64)).exp())).abs())
            .fold(0.0, f64::max);
        assert!(worst_tanh < 4.5e-7, "tanh absolute error {worst_tanh:e}");
        assert!(
            worst_sigmoid < 2e-7,
            "sigmoid absolute error {worst_sigmoid:e}"
        );
        assert!(
            inputs().all(|x| tanh(x).abs() <= 1.0),
            "tanh leaves [-1, 1]"
        );
        assert_eq!(tanh(0.0), 0.0);
        assert_eq!(tanh(-50.0), -1.0);
        assert!(tanh(f32::NAN).is_nan() && sigmoid(f32::NAN).is_nan());
    }
}
