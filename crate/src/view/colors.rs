//! Colour maps: class colours, the probability field, signed values.

pub type Rgb = [u8; 3];

/// Red, green, blue, orange: classes 0 to 3 (the lecture's red fail, green pass).
pub const CLASS_COLORS: [Rgb; 4] = [[214, 69, 65], [46, 158, 79], [52, 110, 214], [240, 146, 36]];
/// Okabe and Ito's vermillion, blue, bluish green and reddish purple: told
/// apart under deuteranopia and protanopia, where red and green are one olive.
pub const COLOR_BLIND_COLORS: [Rgb; 4] =
    [[213, 94, 0], [0, 114, 178], [0, 158, 115], [204, 121, 167]];

/// How the classes are coloured. Red and green by default, as the lecture
/// speaks of them; the colour-blind palette for the 1 in 12 men who cannot
/// tell those two apart. Classes differ in shape too ([`Glyph`]), whichever.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Palette {
    #[default]
    RedGreen,
    ColorBlind,
}

impl Palette {
    pub const ALL: [Palette; 2] = [Palette::RedGreen, Palette::ColorBlind];

    /// The name in links, settings and the element's attribute.
    pub fn name(self) -> &'static str {
        match self {
            Palette::RedGreen => "red-green",
            Palette::ColorBlind => "color-blind",
        }
    }

    pub fn from_name(name: &str) -> Option<Palette> {
        Palette::ALL.into_iter().find(|p| p.name() == name)
    }

    /// As the page shows it.
    pub fn title(self) -> &'static str {
        match self {
            Palette::RedGreen => "Red and green",
            Palette::ColorBlind => "Colour-blind safe",
        }
    }

    pub fn colors(self) -> &'static [Rgb; 4] {
        match self {
            Palette::RedGreen => &CLASS_COLORS,
            Palette::ColorBlind => &COLOR_BLIND_COLORS,
        }
    }

    /// What each class is called where it is named (legends, hover text).
    pub fn class_names(self) -> [&'static str; 4] {
        self.class_names_in(&crate::i18n::ENGLISH)
    }

    /// The classes' colour names in catalogue `t`'s language.
    pub fn class_names_in(self, t: &crate::i18n::Catalogue) -> [&'static str; 4] {
        match self {
            Palette::RedGreen => [t.colour_red, t.colour_green, t.colour_blue, t.colour_orange],
            Palette::ColorBlind => [t.colour_orange, t.colour_blue, t.colour_teal, t.colour_pink],
        }
    }

    /// Class `label`'s colour (labels past the last class take the last).
    pub fn class(self, label: f32) -> Rgb {
        self.colors()[(label as usize).min(3)]
    }

    pub fn index(self) -> usize {
        self as usize
    }

    pub fn from_index(i: usize) -> Option<Palette> {
        Palette::ALL.get(i).copied()
    }
}

/// The shape each class is drawn in, so that classes differ without colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Glyph {
    Circle,
    Square,
    Triangle,
    Diamond,
}

impl Glyph {
    /// Classes 0 to 3: circle, square, triangle, diamond.
    pub const CLASSES: [Glyph; 4] = [
        Glyph::Circle,
        Glyph::Square,
        Glyph::Triangle,
        Glyph::Diamond,
    ];

    pub fn of_class(label: f32) -> Glyph {
        Glyph::CLASSES[(label as usize).min(3)]
    }

    pub fn name(self) -> &'static str {
        match self {
            Glyph::Circle => "circle",
            Glyph::Square => "square",
            Glyph::Triangle => "triangle",
            Glyph::Diamond => "diamond",
        }
    }

    /// The corners of the glyph about (0, 0), y down, for a glyph of about
    /// the area of a circle of `radius` (so no class looks bigger than
    /// another); none for the circle.
    pub fn corners(self, radius: f64) -> Vec<(f64, f64)> {
        let area = std::f64::consts::PI * radius * radius;
        match self {
            Glyph::Circle => Vec::new(),
            Glyph::Square => {
                let h = area.sqrt() / 2.0;
                vec![(-h, -h), (h, -h), (h, h), (-h, h)]
            }
            Glyph::Diamond => {
                // A square turned 45 degrees: half-diagonal from its area.
                let d = (area / 2.0).sqrt();
                vec![(0.0, -d), (d, 0.0), (0.0, d), (-d, 0.0)]
            }
            Glyph::Triangle => {
                // Equilateral, pointing up, centred on its centroid.
                let side = (4.0 * area / 3f64.sqrt()).sqrt();
                let height = side * 3f64.sqrt() / 2.0;
                vec![
                    (0.0, -2.0 * height / 3.0),
                    (side / 2.0, height / 3.0),
                    (-side / 2.0, height / 3.0),
                ]
            }
        }
    }
}
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
pub fn probabilities(p: &[f32], palette: Palette) -> Rgb {
    let class_colors = *palette.colors();
    if p.iter().any(|v| !v.is_finite()) {
        return INVALID;
    }
    if p.len() == 1 {
        let confidence = (2.0 * p[0] - 1.0).abs();
        return sure(class_colors[(p[0] >= 0.5) as usize], confidence);
    }
    let k = p.len() as f32;
    let mut blend = [0.0f32; 3];
    for (pi, c) in p.iter().zip(class_colors) {
        for ch in 0..3 {
            blend[ch] += pi * c[ch] as f32;
        }
    }
    let top = p.iter().copied().fold(0.0f32, f32::max);
    let confidence = ((top - 1.0 / k) / (1.0 - 1.0 / k)).clamp(0.0, 1.0);
    sure(blend.map(|v| v.round() as u8), confidence)
}

/// A class's colour as sure as `confidence` (0 … 1): lightest (white-ish)
/// at the boundary, strongest where certain.
fn sure(class: Rgb, confidence: f32) -> Rgb {
    const FLOOR: f32 = 0.12;
    const SPAN: f32 = 0.55;
    mix(WHITE, class, FLOOR + SPAN * confidence)
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
fn signed_ramp() -> &'static [Rgb; 2 * RAMP_STEPS + 1] {
    static RAMP: std::sync::OnceLock<[Rgb; 2 * RAMP_STEPS + 1]> = std::sync::OnceLock::new();
    RAMP.get_or_init(|| std::array::from_fn(|i| signed(i as f32 / RAMP_STEPS as f32 - 1.0, 1.0)))
}

/// `signed(value, scale)` looked up in `signed_ramp`, within a colour level:
/// for the cells of a field of values and of the unit pictures.
#[derive(Clone, Copy)]
pub struct SignedScale {
    ramp: &'static [Rgb; 2 * RAMP_STEPS + 1],
    /// Ramp steps per unit of value.
    per_unit: f32,
}

impl SignedScale {
    /// For values on `[-scale, scale]` (`scale` above zero).
    pub fn new(scale: f32) -> SignedScale {
        SignedScale {
            ramp: signed_ramp(),
            per_unit: RAMP_STEPS as f32 / scale,
        }
    }

    #[inline(always)]
    pub fn color(self, value: f32) -> Rgb {
        if !value.is_finite() {
            return INVALID;
        }
        let steps = RAMP_STEPS as f32;
        self.ramp[((value * self.per_unit).clamp(-steps, steps) + steps + 0.5) as usize]
    }
}

/// `probabilities(&[p], palette)` looked up: each class's colour at
/// `RAMP_STEPS + 1` confidences, a step apart being under one colour level.
/// The field has a cell per pixel of its picture; working each out (three
/// roundings a cell) was most of a frame's painting in a size-optimised build.
pub struct BinaryRamp([[Rgb; RAMP_STEPS + 1]; 2]);

impl BinaryRamp {
    pub fn of(palette: Palette) -> &'static BinaryRamp {
        static RAMPS: [std::sync::OnceLock<BinaryRamp>; 2] =
            [const { std::sync::OnceLock::new() }; 2];
        RAMPS[palette.index()].get_or_init(|| {
            let side =
                |class: Rgb| std::array::from_fn(|i| sure(class, i as f32 / RAMP_STEPS as f32));
            let [zero, one, ..] = *palette.colors();
            BinaryRamp([side(zero), side(one)])
        })
    }

    /// The colour of a cell where the model gives class 1 probability `p`.
    #[inline(always)]
    pub fn color(&self, p: f32) -> Rgb {
        if !p.is_finite() {
            return INVALID;
        }
        let confidence = (2.0 * p - 1.0).abs().min(1.0);
        self.0[(p >= 0.5) as usize][(confidence * RAMP_STEPS as f32 + 0.5) as usize]
    }
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
        let rg = Palette::RedGreen;
        let green = probabilities(&[0.999], rg);
        let red = probabilities(&[0.001], rg);
        let unsure = probabilities(&[0.5], rg);
        assert!(green[1] > green[0] && green[1] > green[2]);
        assert!(red[0] > red[1] && red[0] > red[2]);
        assert!(unsure.iter().all(|&c| c > 215), "{unsure:?}");
        let blue = probabilities(&[0.01, 0.01, 0.97, 0.01], rg);
        assert!(blue[2] > blue[0] && blue[2] > blue[1], "{blue:?}");
    }

    #[test]
    fn the_binary_ramp_is_probabilities_within_a_level_on_the_right_side() {
        for palette in Palette::ALL {
            let ramp = BinaryRamp::of(palette);
            for i in 0..=20_000 {
                let p = i as f32 / 20_000.0;
                let (looked_up, worked_out) = (ramp.color(p), probabilities(&[p], palette));
                assert!(
                    (0..3).all(|ch| looked_up[ch].abs_diff(worked_out[ch]) <= 1),
                    "{palette:?} at {p}: {looked_up:?} against {worked_out:?}"
                );
            }
            // Either side of one half, each class's own tint, however pale.
            let colors = palette.colors();
            let (below, above) = (ramp.color(0.4999), ramp.color(0.5));
            assert_eq!(below, mix(WHITE, colors[0], 0.12));
            assert_eq!(above, mix(WHITE, colors[1], 0.12));
            assert_eq!(ramp.color(f32::NAN), INVALID);
        }
    }

    #[test]
    fn nan_is_drawn_as_neutral_grey() {
        assert_eq!(probabilities(&[f32::NAN], Palette::ColorBlind), INVALID);
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

    #[test]
    fn the_colour_blind_palette_colours_the_field_in_its_own_colours() {
        let cb = Palette::ColorBlind;
        let sure_one = probabilities(&[0.999], cb);
        let sure_zero = probabilities(&[0.001], cb);
        // Blue for class 1, vermillion for class 0: blue and red channels lead.
        assert!(sure_one[2] > sure_one[0], "{sure_one:?}");
        assert!(sure_zero[0] > sure_zero[2], "{sure_zero:?}");
        assert_ne!(probabilities(&[0.999], Palette::RedGreen), sure_one);
    }

    #[test]
    fn palettes_round_trip_by_name_and_index() {
        for p in Palette::ALL {
            assert_eq!(Palette::from_name(p.name()), Some(p));
            assert_eq!(Palette::from_index(p.index()), Some(p));
        }
        assert_eq!(Palette::from_name("sepia"), None);
        assert_eq!(Palette::from_index(2), None);
    }

    /// Shoelace area of a polygon.
    fn area(corners: &[(f64, f64)]) -> f64 {
        let n = corners.len();
        (0..n)
            .map(|i| {
                let (a, b) = (corners[i], corners[(i + 1) % n]);
                a.0 * b.1 - b.0 * a.1
            })
            .sum::<f64>()
            .abs()
            / 2.0
    }

    #[test]
    fn every_class_has_its_own_glyph_of_a_circles_area_centred_on_the_point() {
        let classes: std::collections::HashSet<_> =
            (0..4).map(|c| Glyph::of_class(c as f32)).collect();
        assert_eq!(classes.len(), 4);
        let r = 4.5;
        for glyph in [Glyph::Square, Glyph::Triangle, Glyph::Diamond] {
            let corners = glyph.corners(r);
            let a = area(&corners);
            let circle = std::f64::consts::PI * r * r;
            assert!(
                (a - circle).abs() < 1e-9 * circle,
                "{glyph:?}: {a} vs {circle}"
            );
            let n = corners.len() as f64;
            let centre = corners
                .iter()
                .fold((0.0, 0.0), |c, p| (c.0 + p.0 / n, c.1 + p.1 / n));
            assert!(
                centre.0.abs() < 1e-9 && centre.1.abs() < 1e-9,
                "{glyph:?}: {centre:?}"
            );
        }
        assert!(Glyph::Circle.corners(r).is_empty());
    }
}
