//! Labelled 2-D points, the preset datasets, and the train/test split.

pub mod io;
pub mod presets;

pub use presets::Preset;

use crate::decimal::{Exp, Fixed, Shortest};
use crate::nn::{Features, Samples};
use crate::rng::Rng;

/// Most points a scene holds; more are refused.
pub const MAX_POINTS: usize = 5000;

/// One labelled point: a class index (0 red, 1 green, 2 blue, 3 orange) or a
/// real value for regression; `test` points are held out from training.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Point {
    pub x1: f32,
    pub x2: f32,
    pub label: f32,
    pub test: bool,
}

impl Point {
    pub fn new(x1: f32, x2: f32, label: f32) -> Point {
        Point {
            x1,
            x2,
            label,
            test: false,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Task {
    /// 2 to 4 classes.
    Classification {
        classes: usize,
    },
    Regression,
}

impl Task {
    /// Classes as the loss sees them: 0 for regression.
    pub fn classes(self) -> usize {
        match self {
            Task::Classification { classes } => classes,
            Task::Regression => 0,
        }
    }

    /// Whether a point labelled `label` can be trained on: one of the
    /// classes, or any finite value for regression.
    pub fn accepts(self, label: f32) -> bool {
        match self {
            Task::Classification { classes } => {
                label >= 0.0 && label.fract() == 0.0 && (label as usize) < classes
            }
            Task::Regression => label.is_finite(),
        }
    }
}

/// The input square shown on screen: x1 across, x2 up.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Domain {
    pub x1: (f32, f32),
    pub x2: (f32, f32),
}

impl Domain {
    pub const STANDARD: Domain = Domain {
        x1: (-6.0, 6.0),
        x2: (-6.0, 6.0),
    };

    pub fn contains(&self, x1: f32, x2: f32) -> bool {
        (self.x1.0..=self.x1.1).contains(&x1) && (self.x2.0..=self.x2.1).contains(&x2)
    }
}

/// Text quoted back in a message, cut to a readable length.
pub(crate) fn shorten(text: &str) -> String {
    const LONGEST: usize = 40;
    if text.chars().count() <= LONGEST {
        text.to_string()
    } else {
        format!("{}…", text.chars().take(LONGEST).collect::<String>())
    }
}

/// A number in a message at a human precision: whole numbers up to 2^53
/// exactly, others to 3 significant digits, very large or small ones in
/// exponent form (`1e308`, never 309 digits).
pub fn human(value: impl Into<f64>) -> String {
    let v: f64 = value.into();
    let size = v.abs();
    if !v.is_finite() || (v.fract() == 0.0 && size <= 9_007_199_254_740_992.0) {
        return Shortest(v).to_string();
    }
    if (1e-5..1e6).contains(&size) {
        let decimals = (2.0 - size.log10().floor()).max(0.0) as usize;
        let text = Fixed(v, decimals).to_string();
        return match decimals {
            0 => text,
            _ => text.trim_end_matches('0').trim_end_matches('.').to_string(),
        };
    }
    let text = Exp(v, Some(2)).to_string();
    match text.split_once('e') {
        Some((mantissa, exponent)) => {
            let mantissa = mantissa.trim_end_matches('0').trim_end_matches('.');
            format!("{mantissa}e{exponent}")
        }
        None => text,
    }
}

/// Holds out exactly `round(n · test_fraction)` of the points for testing,
/// chosen by `rng`.
pub fn split(points: &mut [Point], test_fraction: f32, rng: &mut Rng) {
    let tests = test_count(points.len(), test_fraction);
    let mut order: Vec<usize> = (0..points.len()).collect();
    rng.shuffle(&mut order);
    for (rank, &i) in order.iter().enumerate() {
        points[i].test = rank < tests;
    }
}

/// How many of `n` points the fraction holds out.
pub fn test_count(n: usize, test_fraction: f32) -> usize {
    ((n as f32) * test_fraction.clamp(0.0, 1.0)).round() as usize
}

/// Network inputs and targets for these points.
pub fn samples<'a>(points: impl IntoIterator<Item = &'a Point>, features: Features) -> Samples {
    let mut s = Samples {
        width: features.count(),
        ..Samples::default()
    };
    for p in points {
        features.push(p.x1, p.x2, &mut s.inputs);
        s.targets.push(p.label);
    }
    s
}

/// Training and test samples.
pub fn split_samples(points: &[Point], features: Features) -> (Samples, Samples) {
    (
        samples(points.iter().filter(|p| !p.test), features),
        samples(points.iter().filter(|p| p.test), features),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_holds_out_exactly_the_fraction_and_is_reproducible() {
        let held_out = |n, f, seed| {
            let mut points = vec![Point::new(0.0, 0.0, 0.0); n];
            split(&mut points, f, &mut Rng::new(seed));
            points.iter().map(|p| p.test).collect::<Vec<_>>()
        };
        let a = held_out(500, 0.5, 9);
        assert_eq!(a.iter().filter(|&&t| t).count(), 250);
        assert_eq!(a, held_out(500, 0.5, 9));
        assert_ne!(a, held_out(500, 0.5, 10));
        assert_eq!(held_out(10, 0.0, 1), vec![false; 10]);
        assert_eq!(held_out(7, 0.3, 1).iter().filter(|&&t| t).count(), 2);
    }

    #[test]
    fn numbers_in_messages_are_short() {
        let cases = [
            (1e308, "1e308"),
            (1e9, "1000000000"),
            (9_007_199_254_740_992.0, "9007199254740992"),
            (1e20, "1e20"),
            (0.00001, "0.00001"),
            (0.000001234, "1.23e-6"),
            (0.1 + 0.2, "0.3"),
            (10.0, "10"),
            (-1234.567, "-1235"),
            (1000.5, "1000"),
            (120.25, "120"),
            (0.03, "0.03"),
            (2.5, "2.5"),
            (-2.71234, "-2.71"),
            (f64::INFINITY, "inf"),
        ];
        for (v, text) in cases {
            assert_eq!(human(v), text);
        }
        assert_eq!(human(1e30f32), "1e30");
    }

    #[test]
    fn split_samples_routes_points_and_features() {
        let mut points = [
            Point::new(1.0, 2.0, 1.0),
            Point::new(3.0, 4.0, 0.0),
            Point::new(5.0, 6.0, 1.0),
        ];
        points[1].test = true;
        let (train, test) = split_samples(&points, Features::RAW);
        assert_eq!(train.inputs, [1.0, 2.0, 5.0, 6.0]);
        assert_eq!(train.targets, [1.0, 1.0]);
        assert_eq!(test.inputs, [3.0, 4.0]);
        assert_eq!(test.width, 2);
    }
}
