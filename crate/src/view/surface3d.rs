//! The loss surface J(w, b) in 3-D: a mesh of shaded quads seen from a
//! camera the student turns, drawn far to near (the painter's order), and
//! the path gradient descent took lifted onto it. Pure maths: the web layer
//! fills the quads on a canvas.

use super::colors::{self, Rgb};
use super::landscape::{self, Surface, Window};
use crate::portable;

/// Where the camera looks from: `yaw` turns the bowl about its vertical
/// axis, `pitch` is the view's elevation (0 level with the floor, π/2
/// straight down), in radians.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Camera {
    pub yaw: f32,
    pub pitch: f32,
}

/// The lowest and highest elevations: never under the floor, never quite
/// straight down (the bowl would look like the contour map).
const PITCH: (f32, f32) = (0.15, 1.45);
/// The surface's height relative to its width (the floor spans −1…1).
const HEIGHT: f32 = 0.9;
/// Radians a CSS pixel of dragging turns the view.
const PER_PIXEL: f32 = 0.01;

impl Camera {
    /// A three-quarter view from above.
    pub const START: Camera = Camera {
        yaw: -0.6,
        pitch: 0.55,
    };

    /// Turns the view by a drag of (dx, dy) CSS pixels: across turns the
    /// bowl, down raises the eye. The elevation stays within its limits.
    pub fn turn(&mut self, dx: f32, dy: f32) {
        if !(dx.is_finite() && dy.is_finite()) {
            return;
        }
        self.yaw = (self.yaw + dx * PER_PIXEL).rem_euclid(std::f32::consts::TAU);
        self.pitch = (self.pitch + dy * PER_PIXEL).clamp(PITCH.0, PITCH.1);
    }

    /// A point of the scene — `u` across the window (the first parameter,
    /// −1 to 1), `v` along it (the second), `h` the height (0 at the
    /// lowest J, 1 at the highest) — on the picture: (x, y) with y down,
    /// both within −1…1 for any point of the scene, and its distance from
    /// the eye (larger is farther).
    pub fn project(&self, (u, v, h): (f32, f32, f32)) -> (f32, f32, f32) {
        // The portable sine the run's data uses: the platform's would add its own (8 KB of wasm).
        let sin_cos = |angle: f32| {
            let (s, c) = portable::sin_cos(f64::from(angle));
            (s as f32, c as f32)
        };
        let (sy, cy) = sin_cos(self.yaw);
        let (sp, cp) = sin_cos(self.pitch);
        let z = (h - 0.5) * HEIGHT;
        let across = u * cy - v * sy;
        let away = u * sy + v * cy;
        // Scaled so the floor's corners (√2 from the centre) and the
        // heights fit in −1…1 from every side.
        let fit = 1.0 / (std::f32::consts::SQRT_2 + 0.5 * HEIGHT);
        (
            across * fit,
            -(away * sp + z * cp) * fit,
            away * cp - z * sp,
        )
    }
}

impl Default for Camera {
    fn default() -> Camera {
        Camera::START
    }
}

/// One face of the mesh as drawn: its corners on the picture, its
/// distance from the eye and its shaded colour.
#[derive(Clone, Debug, PartialEq)]
pub struct Quad {
    pub corners: [(f32, f32); 4],
    pub depth: f32,
    pub colour: Rgb,
}

/// How high a value stands: 0 at the surface's minimum, 1 at its maximum
/// (a quadratic bowl looks like one).
fn height(v: f32, min: f32, max: f32) -> f32 {
    let range = max - min;
    if range > 0.0 && v.is_finite() {
        ((v - min) / range).clamp(0.0, 1.0)
    } else {
        0.0
    }
}

/// The light falls from above and one side, fixed to the bowl, so turning
/// it shows its shape.
const LIGHT: [f32; 3] = [-0.45, -0.35, 0.82];

/// The mesh of a surface with `side × side` vertices (clamped to 2…cells),
/// sampled evenly from its grid, as quads sorted far to near. Each quad has
/// the colour of the contour map at its centre, darkened where it turns
/// away from the light. Quads with a non-finite corner are left out.
pub fn mesh(surface: &Surface, side: usize, camera: Camera) -> Vec<Quad> {
    let cells = surface.cells;
    if cells < 2 || surface.values.len() < cells * cells {
        return Vec::new();
    }
    let side = side.clamp(2, cells);
    // Vertex k of a side samples cell k·(cells−1)/(side−1).
    let cell_of = |k: usize| k * (cells - 1) / (side - 1);
    let value = |i: usize, j: usize| surface.values[cell_of(i) * cells + cell_of(j)];
    // Cell centres across −1…1; row 0 is the top of the map (the largest
    // second parameter), so v falls with the row.
    let coord = |k: usize| (cell_of(k) as f32 + 0.5) / cells as f32 * 2.0 - 1.0;
    let (min, max) = (surface.min, surface.max);
    let mut quads = Vec::with_capacity((side - 1) * (side - 1));
    for i in 0..side - 1 {
        for j in 0..side - 1 {
            let corners = [(i, j), (i, j + 1), (i + 1, j + 1), (i + 1, j)];
            let values = corners.map(|(i, j)| value(i, j));
            if values.iter().any(|v| !v.is_finite()) {
                continue;
            }
            let world = corners.map(|(i, j)| {
                let v = value(i, j);
                (coord(j), -coord(i), height(v, min, max))
            });
            let projected = world.map(|p| camera.project(p));
            let depth = projected.iter().map(|p| p.2).sum::<f32>() / 4.0;
            let mean = values.iter().sum::<f32>() / 4.0;
            let base = landscape::colour_of(mean, min, max);
            let colour = colors::mix([0, 0, 0], base, 0.45 + 0.55 * lit(&world));
            quads.push(Quad {
                corners: projected.map(|p| (p.0, p.1)),
                depth,
                colour,
            });
        }
    }
    quads.sort_by(|a, b| b.depth.total_cmp(&a.depth));
    quads
}

/// How squarely a quad (world corners) faces the light: 0 to 1.
fn lit(world: &[(f32, f32, f32); 4]) -> f32 {
    let scale = |p: (f32, f32, f32)| [p.0, p.1, (p.2 - 0.5) * HEIGHT];
    let [a, b, c, d] = world.map(scale);
    let diagonal = |p: [f32; 3], q: [f32; 3]| [q[0] - p[0], q[1] - p[1], q[2] - p[2]];
    let (e, f) = (diagonal(a, c), diagonal(d, b));
    let n = [
        e[1] * f[2] - e[2] * f[1],
        e[2] * f[0] - e[0] * f[2],
        e[0] * f[1] - e[1] * f[0],
    ];
    // The normal that points up (out of the bowl).
    let sign = if n[2] < 0.0 { -1.0 } else { 1.0 };
    let length = (n[0] * n[0] + n[1] * n[1] + n[2] * n[2]).sqrt();
    if length == 0.0 {
        return 1.0;
    }
    let dot: f32 = n.iter().zip(LIGHT).map(|(n, l)| n * l).sum::<f32>() * sign / length;
    let light = (LIGHT.iter().map(|l| l * l).sum::<f32>()).sqrt();
    (dot / light).clamp(0.0, 1.0)
}

/// A point of the parameter plane lifted onto the surface and projected:
/// its height read from the grid (bilinear between cell centres); None
/// outside the window or where the grid has no finite value.
pub fn lift(
    surface: &Surface,
    window: &Window,
    camera: Camera,
    point: (f32, f32),
) -> Option<(f32, f32)> {
    let cells = surface.cells;
    if !window.contains(point) || cells < 1 {
        return None;
    }
    let (x, y) = window.to_cell(point, cells);
    let value = bilinear(&surface.values, cells, x - 0.5, y - 0.5)?;
    let n = cells as f32;
    let (u, v) = (x / n * 2.0 - 1.0, 1.0 - y / n * 2.0);
    let (px, py, _) = camera.project((u, v, height(value, surface.min, surface.max)));
    Some((px, py))
}

/// The grid's value at fractional cell (x, y) (cell centres at integers),
/// clamped to the grid's edge.
fn bilinear(values: &[f32], cells: usize, x: f32, y: f32) -> Option<f32> {
    let last = (cells - 1) as f32;
    // max and min, not clamp: see `crate::decimal::Shortest`.
    let (x, y) = (x.max(0.0).min(last), y.max(0.0).min(last));
    let (c0, r0) = (x.floor() as usize, y.floor() as usize);
    let (c1, r1) = ((c0 + 1).min(cells - 1), (r0 + 1).min(cells - 1));
    let (tx, ty) = (x - c0 as f32, y - r0 as f32);
    let at = |r: usize, c: usize| values.get(r * cells + c).copied();
    let top = at(r0, c0)? * (1.0 - tx) + at(r0, c1)? * tx;
    let bottom = at(r1, c0)? * (1.0 - tx) + at(r1, c1)? * tx;
    let v = top * (1.0 - ty) + bottom * ty;
    v.is_finite().then_some(v)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::view::landscape::Span;

    /// A bowl with its bottom at the window's centre.
    fn bowl(cells: usize) -> Surface {
        let window = Window {
            first: Span { lo: -1.0, hi: 1.0 },
            second: Span { lo: -1.0, hi: 1.0 },
        };
        let mut values = Vec::new();
        for r in 0..cells {
            for c in 0..cells {
                let (a, b) = window.to_params((c as f32 + 0.5, r as f32 + 0.5), cells);
                values.push(a * a + 3.0 * b * b);
            }
        }
        let min = values.iter().copied().fold(f32::INFINITY, f32::min);
        let max = values.iter().copied().fold(f32::NEG_INFINITY, f32::max);
        Surface {
            cells,
            window,
            values,
            min,
            max,
        }
    }

    #[test]
    fn every_point_of_the_scene_projects_inside_the_picture() {
        for yaw in [0.0, 0.7, 2.0, 4.0] {
            for pitch in [PITCH.0, 0.8, PITCH.1] {
                let camera = Camera { yaw, pitch };
                for u in [-1.0, 1.0] {
                    for v in [-1.0, 1.0] {
                        for h in [0.0, 1.0] {
                            let (x, y, _) = camera.project((u, v, h));
                            assert!(
                                x.abs() <= 1.0 && y.abs() <= 1.0,
                                "{yaw} {pitch}: ({x}, {y})"
                            );
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn higher_points_are_higher_on_the_picture_and_nearer_from_above() {
        let camera = Camera::START;
        let (low, high) = (
            camera.project((0.0, 0.0, 0.0)),
            camera.project((0.0, 0.0, 1.0)),
        );
        assert!(high.1 < low.1, "up is up the picture");
        assert!(high.2 < low.2, "seen from above, the top is nearer");
        // Straight ahead (yaw 0): the far edge (v = 1) is up the picture and farther.
        let ahead = Camera {
            yaw: 0.0,
            pitch: 0.5,
        };
        let (near, far) = (
            ahead.project((0.0, -1.0, 0.5)),
            ahead.project((0.0, 1.0, 0.5)),
        );
        assert!(far.1 < near.1 && far.2 > near.2);
        // A quarter turn takes the first parameter's axis into depth.
        let turned = Camera {
            yaw: std::f32::consts::FRAC_PI_2,
            pitch: 0.5,
        };
        let p = turned.project((1.0, 0.0, 0.5));
        assert!(p.0.abs() < 1e-6 && p.2 > 0.0, "{p:?}");
    }

    #[test]
    fn turning_wraps_the_yaw_and_holds_the_pitch_within_its_limits() {
        let mut camera = Camera::START;
        camera.turn(100.0, 0.0);
        assert!(
            (camera.yaw - (Camera::START.yaw + 1.0).rem_euclid(std::f32::consts::TAU)).abs() < 1e-5
        );
        camera.turn(0.0, 10_000.0);
        assert_eq!(camera.pitch, PITCH.1);
        camera.turn(0.0, -10_000.0);
        assert_eq!(camera.pitch, PITCH.0);
        let before = camera;
        camera.turn(f32::NAN, 1.0);
        assert_eq!(camera, before, "a bad drag changes nothing");
    }

    #[test]
    fn the_mesh_is_drawn_far_to_near_with_a_quad_per_square() {
        let surface = bowl(64);
        let quads = mesh(&surface, 17, Camera::START);
        assert_eq!(quads.len(), 16 * 16);
        assert!(
            quads.windows(2).all(|q| q[0].depth >= q[1].depth),
            "painter's order"
        );
        // Turned half way round, what was far is near.
        let turned = mesh(
            &surface,
            17,
            Camera {
                yaw: Camera::START.yaw + std::f32::consts::PI,
                ..Camera::START
            },
        );
        assert_ne!(quads[0].corners, turned[0].corners);
    }

    #[test]
    fn the_valley_is_dark_and_faces_turned_from_the_light_are_darker() {
        let surface = bowl(64);
        let quads = mesh(&surface, 9, Camera::START);
        let brightness = |q: &Quad| q.colour.iter().map(|&c| c as u32).sum::<u32>();
        let darkest = quads.iter().map(brightness).min().unwrap();
        let brightest = quads.iter().map(brightness).max().unwrap();
        assert!(brightest > darkest + 100, "{darkest} … {brightest}");
        // A slope rising towards +b faces the light (which comes from −b,
        // above): lit more than the flat, and the opposite slope less.
        let flat = [
            (0.0, 0.0, 0.5),
            (1.0, 0.0, 0.5),
            (1.0, 1.0, 0.5),
            (0.0, 1.0, 0.5),
        ];
        let facing = [
            (0.0, 0.0, 0.0),
            (1.0, 0.0, 0.0),
            (1.0, 1.0, 1.0),
            (0.0, 1.0, 1.0),
        ];
        let away = [
            (0.0, 0.0, 1.0),
            (1.0, 0.0, 1.0),
            (1.0, 1.0, 0.0),
            (0.0, 1.0, 0.0),
        ];
        assert!(lit(&facing) > lit(&flat) && lit(&flat) > lit(&away));
    }

    #[test]
    fn points_lift_onto_the_surface_and_outside_ones_do_not() {
        let surface = bowl(33);
        let window = surface.window;
        let camera = Camera::START;
        // The bottom of the bowl sits at height 0 (the grid's centre cell
        // is its minimum) and a corner near the top.
        let bottom = lift(&surface, &window, camera, (0.0, 0.0)).unwrap();
        let expect = camera.project((0.0, 0.0, 0.0));
        assert!(
            (bottom.0 - expect.0).abs() < 1e-3 && (bottom.1 - expect.1).abs() < 1e-3,
            "{bottom:?} vs {expect:?}"
        );
        let rim = lift(&surface, &window, camera, (0.0, 0.97)).unwrap();
        assert!(rim.1 < bottom.1 - 0.1, "the rim stands higher: {rim:?}");
        assert!(lift(&surface, &window, camera, (2.0, 0.0)).is_none());
        assert!(bilinear(&[f32::NAN; 4], 2, 0.5, 0.5).is_none());
    }
}
