//! The plane as a hidden layer sees it: a grid of lines over the input
//! square and the data points, each carried through the network up to that
//! layer, and shown in two coordinates of its activations: the first two
//! units themselves when the layer has at most two, otherwise the first two
//! principal directions of the grid's activations (by power iteration).
//! For the last hidden layer, the output layer over that plane: its
//! boundary there is what the output layer can draw, a straight line.

use crate::data::Domain;
use crate::nn::{Features, Network, Workspace};

/// Lines of the grid in each direction, and samples along each line.
pub const GRID_LINES: usize = 11;
pub const LINE_SAMPLES: usize = 48;
/// Power-iteration rounds for one principal direction.
const POWER_ROUNDS: usize = 300;

/// How activations (`width` of them) become two coordinates.
#[derive(Clone, Debug, PartialEq)]
pub struct Projection {
    pub width: usize,
    /// Subtracted before projecting (zero when the units are used as they are).
    pub centre: Vec<f32>,
    /// The two directions (each `width` long; the second all zero for one unit).
    pub axes: [Vec<f32>; 2],
    /// True when the axes are principal directions, not units.
    pub principal: bool,
}

impl Projection {
    /// The first two units of `width`, as they are.
    pub fn units(width: usize) -> Projection {
        let unit = |k: usize| (0..width).map(|i| (i == k) as u8 as f32).collect();
        Projection {
            width,
            centre: vec![0.0; width],
            axes: [unit(0), unit(1)],
            principal: false,
        }
    }

    /// For at most two units, the units; for more, the first two principal
    /// directions of `rows` (`n × width` activations) about their mean.
    pub fn fitted(rows: &[f32], width: usize) -> Projection {
        if width <= 2 || rows.len() < width {
            return Projection::units(width);
        }
        let (mean, cov) = covariance(rows, width);
        let [a, b] = principal_directions(&cov, width);
        let f32s = |v: Vec<f64>| v.into_iter().map(|x| x as f32).collect();
        Projection {
            width,
            centre: f32s(mean),
            axes: [f32s(a), f32s(b)],
            principal: true,
        }
    }

    /// The two coordinates of one row of activations.
    pub fn project(&self, h: &[f32]) -> (f32, f32) {
        let along = |axis: &[f32]| {
            h.iter()
                .zip(&self.centre)
                .zip(axis)
                .map(|((&h, &c), &a)| (h - c) * a)
                .sum::<f32>()
        };
        (along(&self.axes[0]), along(&self.axes[1]))
    }

    /// The activations at coordinates (u, v) of the plane.
    pub fn lift(&self, (u, v): (f32, f32)) -> Vec<f32> {
        (0..self.width)
            .map(|i| self.centre[i] + u * self.axes[0][i] + v * self.axes[1][i])
            .collect()
    }
}

/// The mean and covariance (`width × width`, row-major) of `rows`.
pub fn covariance(rows: &[f32], width: usize) -> (Vec<f64>, Vec<f64>) {
    let n = (rows.len() / width).max(1) as f64;
    let mut mean = vec![0.0; width];
    for row in rows.chunks_exact(width) {
        for (m, &x) in mean.iter_mut().zip(row) {
            *m += x as f64 / n;
        }
    }
    let mut cov = vec![0.0; width * width];
    for row in rows.chunks_exact(width) {
        for i in 0..width {
            let di = row[i] as f64 - mean[i];
            for j in 0..width {
                cov[i * width + j] += di * (row[j] as f64 - mean[j]) / n;
            }
        }
    }
    (mean, cov)
}

/// The eigenvectors of the two largest eigenvalues of a symmetric matrix,
/// by power iteration and deflation; each of unit length, its largest
/// entry positive (so the picture does not flip from frame to frame).
pub fn principal_directions(cov: &[f64], width: usize) -> [Vec<f64>; 2] {
    let mut matrix = cov.to_vec();
    let mut found = [Vec::new(), Vec::new()];
    for slot in &mut found {
        // A start with a part along every direction.
        let mut v: Vec<f64> = (0..width).map(|i| 1.0 + 0.1 * i as f64).collect();
        normalise(&mut v);
        let mut value = 0.0;
        for _ in 0..POWER_ROUNDS {
            let mut next: Vec<f64> = (0..width)
                .map(|i| (0..width).map(|j| matrix[i * width + j] * v[j]).sum())
                .collect();
            value = next.iter().zip(&v).map(|(a, b)| a * b).sum();
            if normalise(&mut next) == 0.0 {
                break;
            }
            v = next;
        }
        let largest = v
            .iter()
            .copied()
            .fold(0.0f64, |m, x| if x.abs() > m.abs() { x } else { m });
        if largest < 0.0 {
            v.iter_mut().for_each(|x| *x = -*x);
        }
        for i in 0..width {
            for j in 0..width {
                matrix[i * width + j] -= value * v[i] * v[j];
            }
        }
        *slot = v;
    }
    found
}

/// Scales `v` to unit length; returns its length before.
fn normalise(v: &mut [f64]) -> f64 {
    let length = v.iter().map(|x| x * x).sum::<f64>().sqrt();
    if length > 0.0 {
        v.iter_mut().for_each(|x| *x /= length);
    }
    length
}

/// The activations of hidden layer `layer` for points (x1, x2): `n × units`.
pub fn layer_activations(
    network: &Network,
    features: Features,
    layer: usize,
    points: &[(f32, f32)],
    ws: &mut Workspace,
) -> Vec<f32> {
    if points.is_empty() {
        return Vec::new();
    }
    let mut inputs = Vec::with_capacity(points.len() * features.count());
    for &(x1, x2) in points {
        features.push(x1, x2, &mut inputs);
    }
    network.forward(&inputs, ws, None);
    ws.activations(layer).to_vec()
}

/// The grid's lines over the domain: `GRID_LINES` of constant x1, then as
/// many of constant x2, each `LINE_SAMPLES` points long.
pub fn grid_lines(domain: &Domain) -> Vec<Vec<(f32, f32)>> {
    let at = |(lo, hi): (f32, f32), t: f32| lo + t * (hi - lo);
    let fraction = |k: usize, n: usize| k as f32 / (n - 1) as f32;
    let mut lines = Vec::new();
    for k in 0..GRID_LINES {
        let x1 = at(domain.x1, fraction(k, GRID_LINES));
        lines.push(
            (0..LINE_SAMPLES)
                .map(|s| (x1, at(domain.x2, fraction(s, LINE_SAMPLES))))
                .collect(),
        );
    }
    for k in 0..GRID_LINES {
        let x2 = at(domain.x2, fraction(k, GRID_LINES));
        lines.push(
            (0..LINE_SAMPLES)
                .map(|s| (at(domain.x1, fraction(s, LINE_SAMPLES)), x2))
                .collect(),
        );
    }
    lines
}

/// What the hidden-space picture shows, in the plane's coordinates.
pub struct HiddenSpace {
    pub layer: usize,
    pub projection: Projection,
    /// The grid's lines, carried through (constant x1 first, then constant x2).
    pub lines: Vec<Vec<(f32, f32)>>,
    /// The points, carried through, in the order given.
    pub points: Vec<(f32, f32)>,
    /// The smallest and largest u and v of the lines and points.
    pub bounds: ((f32, f32), (f32, f32)),
}

impl HiddenSpace {
    /// Hidden layer `layer` of `network` (0 is the first), seen over `domain`,
    /// with `points` carried along.
    pub fn new(
        network: &Network,
        features: Features,
        domain: &Domain,
        layer: usize,
        points: &[(f32, f32)],
        ws: &mut Workspace,
    ) -> HiddenSpace {
        let width = network.layers[layer].units;
        let lines = grid_lines(domain);
        let flat: Vec<(f32, f32)> = lines.iter().flatten().copied().collect();
        let grid = layer_activations(network, features, layer, &flat, ws);
        let projection = Projection::fitted(&grid, width);
        let project_all = |rows: &[f32]| -> Vec<(f32, f32)> {
            rows.chunks_exact(width)
                .map(|h| projection.project(h))
                .collect()
        };
        let carried = project_all(&grid);
        let points = project_all(&layer_activations(network, features, layer, points, ws));
        let mut bounds = (
            (f32::INFINITY, f32::NEG_INFINITY),
            (f32::INFINITY, f32::NEG_INFINITY),
        );
        for &(u, v) in carried
            .iter()
            .chain(&points)
            .filter(|(u, v)| u.is_finite() && v.is_finite())
        {
            bounds.0 = (bounds.0 .0.min(u), bounds.0 .1.max(u));
            bounds.1 = (bounds.1 .0.min(v), bounds.1 .1.max(v));
        }
        if !bounds.0 .0.is_finite() {
            bounds = ((-1.0, 1.0), (-1.0, 1.0));
        }
        HiddenSpace {
            layer,
            lines: carried.chunks(LINE_SAMPLES).map(<[_]>::to_vec).collect(),
            projection,
            points,
            bounds,
        }
    }

    /// The square view (u range, v range) around the bounds, with a margin:
    /// one scale on both axes, so a shear or a fold looks like one.
    pub fn view(&self) -> ((f32, f32), (f32, f32)) {
        let ((u0, u1), (v0, v1)) = self.bounds;
        let half = ((u1 - u0).max(v1 - v0) / 2.0 * 1.08).max(1e-3);
        let (cu, cv) = ((u0 + u1) / 2.0, (v0 + v1) / 2.0);
        ((cu - half, cu + half), (cv - half, cv + half))
    }

    /// Whether this is the last hidden layer, whose plane the output layer reads.
    pub fn is_last(&self, network: &Network) -> bool {
        self.layer + 2 == network.layers.len()
    }

    /// The network's output (after the output function) at (u, v) of the
    /// plane: the output layer applied to the activations there.
    pub fn output_at(&self, network: &Network, at: (f32, f32)) -> Vec<f32> {
        let output = &network.layers[self.layer + 1];
        let units = output.units;
        let h = self.projection.lift(at);
        let z: Vec<f32> = (0..units)
            .map(|j| {
                output.biases[j]
                    + h.iter()
                        .enumerate()
                        .map(|(k, &hk)| hk * output.weights[k * units + j])
                        .sum::<f32>()
            })
            .collect();
        let mut y = vec![0.0; units];
        network.loss.output(&z, &mut y);
        y
    }

    /// The network's outputs over the view (`size × size` cells, row 0 at
    /// the top), when this is the last hidden layer.
    pub fn output_field(&self, network: &Network, size: usize) -> Option<Vec<f32>> {
        if !self.is_last(network) {
            return None;
        }
        let ((u0, u1), (v0, v1)) = self.view();
        let mut y = Vec::with_capacity(size * size * network.outputs());
        for row in 0..size {
            let v = v1 - (row as f32 + 0.5) / size as f32 * (v1 - v0);
            for col in 0..size {
                let u = u0 + (col as f32 + 0.5) / size as f32 * (u1 - u0);
                y.extend(self.output_at(network, (u, v)));
            }
        }
        Some(y)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::nn::{Activation, Loss, NetworkShape};
    use crate::rng::Rng;

    fn network(hidden: &[usize], activation: Activation) -> Network {
        let shape = NetworkShape::uniform(2, hidden, activation, Loss::BinaryCrossEntropy);
        Network::new(&shape, &mut Rng::new(5))
    }

    /// One hidden layer's activations by hand: tanh(x·W + b).
    fn by_hand(layer: &crate::nn::Layer, (x1, x2): (f32, f32)) -> Vec<f32> {
        (0..layer.units)
            .map(|j| {
                let z =
                    x1 * layer.weights[j] + x2 * layer.weights[layer.units + j] + layer.biases[j];
                layer.activation.apply(z)
            })
            .collect()
    }

    #[test]
    fn the_map_is_the_layers_activations() {
        let net = network(&[2, 3], Activation::Tanh);
        let points = [(0.5, -1.0), (2.0, 3.0), (-4.0, 0.25)];
        let mut ws = Workspace::new();
        let space = HiddenSpace::new(&net, Features::RAW, &Domain::STANDARD, 0, &points, &mut ws);
        assert!(!space.projection.principal);
        for (p, &shown) in points.iter().zip(&space.points) {
            let h = by_hand(&net.layers[0], *p);
            assert!(
                (shown.0 - h[0]).abs() < 1e-6 && (shown.1 - h[1]).abs() < 1e-6,
                "{shown:?} vs {h:?}"
            );
        }
        // The grid's corner (x1, x2) = (low, low) is the first line's first sample.
        let d = Domain::STANDARD;
        let h = by_hand(&net.layers[0], (d.x1.0, d.x2.0));
        let corner = space.lines[0][0];
        assert!((corner.0 - h[0]).abs() < 1e-6 && (corner.1 - h[1]).abs() < 1e-6);
    }

    #[test]
    fn a_wider_layer_is_projected_on_its_principal_directions() {
        let net = network(&[6, 4], Activation::Relu);
        let points = [(1.0, 2.0), (-3.0, 0.5)];
        let mut ws = Workspace::new();
        let space = HiddenSpace::new(&net, Features::RAW, &Domain::STANDARD, 1, &points, &mut ws);
        assert!(space.projection.principal);
        let acts = layer_activations(&net, Features::RAW, 1, &points, &mut ws);
        for (h, &shown) in acts.chunks_exact(4).zip(&space.points) {
            assert_eq!(space.projection.project(h), shown);
        }
        // Lifting a projected point and projecting again gives it back.
        let again = space
            .projection
            .project(&space.projection.lift(space.points[0]));
        assert!(
            (again.0 - space.points[0].0).abs() < 1e-4
                && (again.1 - space.points[0].1).abs() < 1e-4
        );
    }

    #[test]
    fn power_iteration_finds_a_known_covariances_directions() {
        // Q·diag(9, 4, 1)·Qᵀ for a rotation Q whose columns are the answers.
        let s = 1.0 / 2f64.sqrt();
        let q = [[s, -s, 0.0], [s, s, 0.0], [0.0, 0.0, 1.0]];
        let values = [9.0, 4.0, 1.0];
        let mut cov = vec![0.0; 9];
        for i in 0..3 {
            for j in 0..3 {
                cov[i * 3 + j] = (0..3).map(|k| q[i][k] * values[k] * q[j][k]).sum();
            }
        }
        let [a, b] = principal_directions(&cov, 3);
        let column = |k: usize| [q[0][k], q[1][k], q[2][k]];
        for (found, k) in [(a, 0), (b, 1)] {
            let dot: f64 = found.iter().zip(column(k)).map(|(x, y)| x * y).sum();
            assert!((dot.abs() - 1.0).abs() < 1e-9, "direction {k}: {found:?}");
        }
    }

    #[test]
    fn covariance_of_known_points() {
        let rows = [1.0, 0.0, -1.0, 0.0, 0.0, 2.0, 0.0, -2.0];
        let (mean, cov) = covariance(&rows, 2);
        assert_eq!(mean, [0.0, 0.0]);
        assert_eq!(cov, [0.5, 0.0, 0.0, 2.0]);
    }

    #[test]
    fn the_last_hidden_layers_field_is_the_networks_output() {
        let net = network(&[3, 2], Activation::Tanh);
        let mut ws = Workspace::new();
        let space = HiddenSpace::new(&net, Features::RAW, &Domain::STANDARD, 1, &[], &mut ws);
        assert!(space.output_field(&net, 4).is_some());
        let first = HiddenSpace::new(&net, Features::RAW, &Domain::STANDARD, 0, &[], &mut ws);
        assert!(first.output_field(&net, 4).is_none());
        // At each point's place in the plane the field is the network's own output.
        let points = [(1.0, 1.5), (-2.0, 3.0)];
        let space = HiddenSpace::new(&net, Features::RAW, &Domain::STANDARD, 1, &points, &mut ws);
        let out = net.forward(&[1.0, 1.5, -2.0, 3.0], &mut ws, None).to_vec();
        for (p, y) in space.points.iter().zip(out) {
            assert!((space.output_at(&net, *p)[0] - y).abs() < 1e-5);
        }
    }
}
