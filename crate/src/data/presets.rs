//! Seeded generators for the preset datasets.
//!
//! `noise` runs from 0 (clean) to 1 (heavily overlapping) and jitters point
//! positions; the labels stay those of the clean pattern.

use super::{Domain, Point, Task};
use crate::i18n::Catalogue;
use crate::rng::Rng;
use std::f32::consts::PI;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Preset {
    Circle,
    Xor,
    Gaussians,
    Spiral,
    Moons,
    /// The lecture's "Will I pass this class?": lectures attended against
    /// hours spent on the final project.
    Pass,
    Sine,
    Cubic,
    Abs,
    /// Regression: a tilted plane.
    Plane,
    /// Regression: a mixture of Gaussian bumps and dips.
    GaussianMixture,
}

/// How far (in input units) noise 1.0 jitters a point, as a standard deviation.
const JITTER_AT_FULL_NOISE: f32 = 1.5;

impl Preset {
    pub const ALL: [Preset; 11] = [
        Preset::Circle,
        Preset::Xor,
        Preset::Gaussians,
        Preset::Spiral,
        Preset::Moons,
        Preset::Pass,
        Preset::Sine,
        Preset::Cubic,
        Preset::Abs,
        Preset::Plane,
        Preset::GaussianMixture,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Preset::Circle => "circle",
            Preset::Xor => "xor",
            Preset::Gaussians => "gaussians",
            Preset::Spiral => "spiral",
            Preset::Moons => "moons",
            Preset::Pass => "pass",
            Preset::Sine => "sine",
            Preset::Cubic => "cubic",
            Preset::Abs => "abs",
            Preset::Plane => "plane",
            Preset::GaussianMixture => "mixture",
        }
    }

    pub fn from_name(name: &str) -> Option<Preset> {
        Preset::ALL.into_iter().find(|p| p.name() == name)
    }

    /// The preset's name as shown, in catalogue `t`'s language.
    pub fn title(self, t: &Catalogue) -> &'static str {
        match self {
            Preset::Circle => t.preset_circle,
            Preset::Xor => t.preset_xor,
            Preset::Gaussians => t.preset_gaussians,
            Preset::Spiral => t.preset_spiral,
            Preset::Moons => t.preset_moons,
            Preset::Pass => t.preset_pass,
            Preset::Sine => t.preset_sine,
            Preset::Cubic => t.preset_cubic,
            Preset::Abs => t.preset_abs,
            Preset::Plane => t.preset_plane,
            Preset::GaussianMixture => t.preset_mixture,
        }
    }

    pub fn task(self) -> Task {
        match self {
            Preset::Plane | Preset::GaussianMixture => Task::Regression,
            _ => Task::Classification { classes: 2 },
        }
    }

    pub fn domain(self) -> Domain {
        match self {
            Preset::Pass => Domain {
                x1: (0.0, 10.0),
                x2: (0.0, 10.0),
            },
            _ => Domain::STANDARD,
        }
    }

    /// Names of the two input axes.
    pub fn axes(self) -> (&'static str, &'static str) {
        match self {
            Preset::Pass => (
                crate::i18n::ENGLISH.axis_lectures_attended,
                crate::i18n::ENGLISH.axis_project_hours,
            ),
            _ => ("x1", "x2"),
        }
    }

    /// `n` points, half of each class where there are classes.
    pub fn generate(self, n: usize, noise: f32, rng: &mut Rng) -> Vec<Point> {
        let noise = noise.clamp(0.0, 1.0);
        let mut points: Vec<Point> = (0..n).map(|i| self.clean_point(i, n, rng)).collect();
        if self != Preset::Pass {
            let jitter = noise * JITTER_AT_FULL_NOISE;
            for p in &mut points {
                p.x1 += jitter * rng.normal();
                p.x2 += jitter * rng.normal();
            }
        } else {
            // Students are noisy in outcome, not in where they sit on the axes.
            for p in &mut points {
                let score = pass_score(p.x1, p.x2) + 3.0 * noise * rng.normal();
                p.label = if score > 0.0 { 1.0 } else { 0.0 };
            }
        }
        points
    }

    fn clean_point(self, i: usize, n: usize, rng: &mut Rng) -> Point {
        let class = (i % 2) as f32;
        match self {
            Preset::Circle => {
                let radius = if class == 1.0 {
                    rng.range(0.0, 2.5)
                } else {
                    rng.range(3.5, 5.0)
                };
                let angle = rng.range(0.0, 2.0 * PI);
                Point::new(radius * cos(angle), radius * sin(angle), class)
            }
            Preset::Xor => {
                // Four clusters: same-sign quadrants are green.
                let quadrant = i % 4;
                let sx = if quadrant & 1 == 0 { 1.0 } else { -1.0 };
                let sy = if quadrant & 2 == 0 { 1.0 } else { -1.0 };
                let x1 = sx * 3.0 + 0.8 * rng.normal();
                let x2 = sy * 3.0 + 0.8 * rng.normal();
                Point::new(x1, x2, if sx * sy > 0.0 { 1.0 } else { 0.0 })
            }
            Preset::Gaussians => {
                let centre = if class == 1.0 { 2.0 } else { -2.0 };
                Point::new(centre + rng.normal(), centre + rng.normal(), class)
            }
            Preset::Spiral => {
                let k = (i / 2) as f32 / (n / 2).max(1) as f32;
                let radius = 5.0 * k;
                let turn = 1.75 * k * 2.0 * PI + class * PI;
                Point::new(radius * sin(turn), radius * cos(turn), class)
            }
            Preset::Moons => {
                let t = rng.range(0.0, PI);
                let (x, y) = if class == 1.0 {
                    (cos(t), sin(t))
                } else {
                    (1.0 - cos(t), 0.5 - sin(t))
                };
                Point::new(3.0 * (x - 0.5), 3.0 * (y - 0.25), class)
            }
            Preset::Pass => {
                let (x1, x2) = (rng.range(0.3, 9.7), rng.range(0.3, 9.7));
                Point::new(x1, x2, if pass_score(x1, x2) > 0.0 { 1.0 } else { 0.0 })
            }
            Preset::Sine | Preset::Cubic | Preset::Abs => {
                let x1 = rng.range(-6.0, 6.0);
                let curve = match self {
                    Preset::Sine => 3.0 * sin(x1 * 0.8),
                    Preset::Cubic => x1 * x1 * x1 / 20.0,
                    _ => x1.abs() - 2.0,
                };
                // Half the points above the curve (green), half below (red).
                let gap = rng.range(0.3, 4.0);
                let x2 = if class == 1.0 {
                    curve + gap
                } else {
                    curve - gap
                };
                Point::new(x1, x2.clamp(-5.8, 5.8), class)
            }
            Preset::Plane => {
                let (x1, x2) = (rng.range(-6.0, 6.0), rng.range(-6.0, 6.0));
                Point::new(x1, x2, (x1 + x2) / 12.0)
            }
            Preset::GaussianMixture => {
                let (x1, x2) = (rng.range(-6.0, 6.0), rng.range(-6.0, 6.0));
                Point::new(x1, x2, gaussian_mixture(x1, x2))
            }
        }
    }
}

/// sin and cos that give the same bits on every platform (see `portable`),
/// so a seed draws the same points natively and in every browser.
fn sin(x: f32) -> f32 {
    crate::portable::sin(f64::from(x)) as f32
}

fn cos(x: f32) -> f32 {
    crate::portable::cos(f64::from(x)) as f32
}

/// Positive for students who pass: more lectures and more project hours both help.
fn pass_score(lectures: f32, hours: f32) -> f32 {
    0.4 * lectures + 0.6 * hours - 4.2
}

/// Two bumps and two dips, values within about [-1, 1].
fn gaussian_mixture(x1: f32, x2: f32) -> f32 {
    const BUMPS: [(f32, f32, f32); 4] = [
        (-3.0, 3.0, 1.0),
        (3.0, -3.0, 1.0),
        (3.0, 3.0, -1.0),
        (-3.0, -3.0, -1.0),
    ];
    BUMPS
        .iter()
        .map(|&(cx, cy, sign)| {
            let d2 = (x1 - cx) * (x1 - cx) + (x2 - cy) * (x2 - cy);
            sign * crate::nn::fastmath::exp(-d2 / 8.0)
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_preset_is_reproducible_balanced_and_mostly_in_its_domain() {
        for preset in Preset::ALL {
            let a = preset.generate(400, 0.1, &mut Rng::new(5));
            assert_eq!(
                a,
                preset.generate(400, 0.1, &mut Rng::new(5)),
                "{}",
                preset.name()
            );
            assert_ne!(
                a,
                preset.generate(400, 0.1, &mut Rng::new(6)),
                "{}",
                preset.name()
            );
            let inside = a
                .iter()
                .filter(|p| preset.domain().contains(p.x1, p.x2))
                .count();
            assert!(
                inside >= 380,
                "{}: only {inside} of 400 inside",
                preset.name()
            );
            if let Task::Classification { .. } = preset.task() {
                let greens = a.iter().filter(|p| p.label == 1.0).count();
                assert!(
                    (100..=300).contains(&greens),
                    "{}: {greens} green",
                    preset.name()
                );
                assert!(a.iter().all(|p| p.label == 0.0 || p.label == 1.0));
            } else {
                assert!(a.iter().all(|p| p.label.abs() <= 1.01), "{}", preset.name());
            }
        }
    }

    #[test]
    fn clean_circle_separates_by_radius() {
        for p in Preset::Circle.generate(200, 0.0, &mut Rng::new(1)) {
            let r = (p.x1 * p.x1 + p.x2 * p.x2).sqrt();
            assert_eq!(p.label == 1.0, r <= 2.5, "r = {r}");
        }
    }

    #[test]
    fn you_at_four_lectures_and_five_hours_would_pass() {
        // The lecture's student at (4, 5) sits on the passing side, so an
        // untrained network's 0.1 is visibly wrong and training fixes it.
        assert!(pass_score(4.0, 5.0) > 0.0);
        assert!(pass_score(1.0, 1.0) < 0.0);
    }

    #[test]
    fn names_round_trip() {
        for p in Preset::ALL {
            assert_eq!(Preset::from_name(p.name()), Some(p));
        }
    }
}
