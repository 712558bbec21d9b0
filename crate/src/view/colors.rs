//! Colour maps: class colours, the probability field, signed values.

pub type Rgb = [u8; 3];

/// Red, green, blue, orange: classes 0 to 3 (the lecture's red fail, green pass).
pub const CLASS_COLORS: [Rgb; 4] = [[214, 69, 65], [46, 158, 79], [52, 110, 214], [240, 146, 36]];
pub const WHITE: Rgb = [255, 255, 255];
/// Negative and positive ends for signed values (weights, activations, regression).
pub const NEGATIVE: Rgb = [232, 125, 35];
pub const POSITIVE: Rgb = [36, 104, 196];
/// Drawn where a value is NaN or infinite, so garbage never shows as colour.
pub const INVALID: Rgb = [150, 150, 150];
pub const CONTOUR: Rgb = [40, 40, 40];

pub fn mix(a: Rgb, b: Rgb, t: f32) -> Rgb {
    let t = t.clamp(0.0, 1.0);
    [0, 1, 2].map(|i| (a[i] as f32 + (b[i] as f32 - a[i] as f32) * t).round() as u8)
}

/// Background colour for a cell given the class probabilities: the likeliest
/// classes' colours, paler where the model is unsure.
pub fn probabilities(p: &[f32]) -> Rgb {
    if p.iter().any(|v| !v.is_finite()) {
        return INVALID;
    }
    // Lightest (white-ish) at the boundary, strongest where certain.
    const FLOOR: f32 = 0.12;
    const SPAN: f32 = 0.55;
    if p.len() == 1 {
        let confidence = (2.0 * p[0] - 1.0).abs();
        let class = if p[0] >= 0.5 {
            CLASS_COLORS[1]
        } else {
            CLASS_COLORS[0]
        };
        return mix(WHITE, class, FLOOR + SPAN * confidence);
    }
    let k = p.len() as f32;
    let mut blend = [0.0f32; 3];
    for (pi, c) in p.iter().zip(CLASS_COLORS) {
        for ch in 0..3 {
            blend[ch] += pi * c[ch] as f32;
        }
    }
    let top = p.iter().copied().fold(0.0f32, f32::max);
    let confidence = ((top - 1.0 / k) / (1.0 - 1.0 / k)).clamp(0.0, 1.0);
    mix(
        WHITE,
        blend.map(|v| v.round() as u8),
        FLOOR + SPAN * confidence,
    )
}

/// A signed value in `[-scale, scale]`: orange below zero, blue above, white at zero.
pub fn signed(value: f32, scale: f32) -> Rgb {
    if !value.is_finite() {
        return INVALID;
    }
    let t = (value / scale.max(f32::MIN_POSITIVE)).clamp(-1.0, 1.0);
    if t < 0.0 {
        mix(WHITE, NEGATIVE, -t)
    } else {
        mix(WHITE, POSITIVE, t)
    }
}

/// Steps of `signed` on each side of zero in `signed_ramp`.
pub const RAMP_STEPS: usize = 255;

/// `signed(t, 1)` at t = i / RAMP_STEPS − 1 for i in 0 ..= 2·RAMP_STEPS: a
/// table to look colours up in, a step apart being under one colour level.
pub fn signed_ramp() -> &'static [Rgb; 2 * RAMP_STEPS + 1] {
    static RAMP: std::sync::OnceLock<[Rgb; 2 * RAMP_STEPS + 1]> = std::sync::OnceLock::new();
    RAMP.get_or_init(|| std::array::from_fn(|i| signed(i as f32 / RAMP_STEPS as f32 - 1.0, 1.0)))
}

/// CSS colour text, for the canvas API.
pub fn css(c: Rgb) -> String {
    format!("rgb({},{},{})", c[0], c[1], c[2])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn certain_cells_take_their_class_colour_and_unsure_ones_are_pale() {
        let green = probabilities(&[0.999]);
        let red = probabilities(&[0.001]);
        let unsure = probabilities(&[0.5]);
        assert!(green[1] > green[0] && green[1] > green[2]);
        assert!(red[0] > red[1] && red[0] > red[2]);
        assert!(unsure.iter().all(|&c| c > 215), "{unsure:?}");
        let blue = probabilities(&[0.01, 0.01, 0.97, 0.01]);
        assert!(blue[2] > blue[0] && blue[2] > blue[1], "{blue:?}");
    }

    #[test]
    fn nan_is_drawn_as_neutral_grey() {
        assert_eq!(probabilities(&[f32::NAN]), INVALID);
        assert_eq!(signed(f32::INFINITY, 1.0), INVALID);
    }

    #[test]
    fn the_signed_ramp_is_signed_within_a_level() {
        let ramp = signed_ramp();
        assert_eq!(ramp[0], NEGATIVE);
        assert_eq!(ramp[RAMP_STEPS], WHITE);
        assert_eq!(ramp[2 * RAMP_STEPS], POSITIVE);
        // Any value lands on the nearest step, whose colour is within one level.
        for i in -1000..=1000 {
            let t = i as f32 / 1000.0;
            let step = ramp[(t * RAMP_STEPS as f32 + RAMP_STEPS as f32 + 0.5) as usize];
            let exact = signed(t, 1.0);
            for ch in 0..3 {
                assert!(
                    (step[ch] as i32 - exact[ch] as i32).abs() <= 1,
                    "{t}: {step:?} vs {exact:?}"
                );
            }
        }
    }

    #[test]
    fn signed_values_run_orange_white_blue() {
        assert_eq!(signed(-1.0, 1.0), NEGATIVE);
        assert_eq!(signed(0.0, 1.0), WHITE);
        assert_eq!(signed(5.0, 1.0), POSITIVE);
    }
}
