//! The loss landscape over two of a network's parameters, all others held
//! fixed (lecture 31:40–34:10): J sampled on a grid, painted with contour
//! lines so the bowl or valley shows, and the path gradient descent takes.

use super::colors::{self, Rgb};
use crate::nn::inspect::fits;
use crate::nn::{Network, Samples, Workspace};

/// One parameter of a network. In layer `layer`, an `index` below
/// `weights.len()` is that weight (`weights[k * units + j]`, input k to unit
/// j); `weights.len() + j` is bias j.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Param {
    pub layer: usize,
    pub index: usize,
}

impl Param {
    /// The weight joining input `input` of layer `layer` to its unit `unit`.
    pub fn weight(network: &Network, layer: usize, input: usize, unit: usize) -> Option<Param> {
        let l = network.layers.get(layer)?;
        (input < l.inputs && unit < l.units).then_some(Param {
            layer,
            index: input * l.units + unit,
        })
    }

    /// The bias of unit `unit` of layer `layer`.
    pub fn bias(network: &Network, layer: usize, unit: usize) -> Option<Param> {
        let l = network.layers.get(layer)?;
        (unit < l.units).then_some(Param {
            layer,
            index: l.weights.len() + unit,
        })
    }

    pub fn value(self, network: &Network) -> Option<f32> {
        let l = network.layers.get(self.layer)?;
        let weights = l.weights.len();
        match self.index.checked_sub(weights) {
            None => Some(l.weights[self.index]),
            Some(j) => l.biases.get(j).copied(),
        }
    }

    fn slot(self, network: &mut Network) -> Option<&mut f32> {
        let l = network.layers.get_mut(self.layer)?;
        let weights = l.weights.len();
        match self.index.checked_sub(weights) {
            None => Some(&mut l.weights[self.index]),
            Some(j) => l.biases.get_mut(j),
        }
    }

    /// Sets the parameter; false if the network has no such parameter.
    pub fn set(self, network: &mut Network, value: f32) -> bool {
        self.slot(network).map(|p| *p = value).is_some()
    }

    /// A short axis label, counting layers, inputs and units from 1:
    /// "w 2→3 (layer 1)" or "b 3 (layer 1)".
    pub fn label(self, network: &Network) -> String {
        let Some(l) = network.layers.get(self.layer) else {
            return "?".to_string();
        };
        let layer = self.layer + 1;
        match self.index.checked_sub(l.weights.len()) {
            None => {
                let (k, j) = (self.index / l.units, self.index % l.units);
                format!("w {}→{} (layer {layer})", k + 1, j + 1)
            }
            Some(j) => format!("b {} (layer {layer})", j + 1),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Span {
    pub lo: f32,
    pub hi: f32,
}

impl Span {
    fn width(self) -> f32 {
        self.hi - self.lo
    }

    fn is_valid(self) -> bool {
        self.lo.is_finite() && self.hi.is_finite() && self.hi > self.lo
    }
}

/// The part of the parameter plane shown: the first parameter across (left
/// to right), the second up (bottom to top).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Window {
    pub first: Span,
    pub second: Span,
}

/// A window never shrinks below ±this around its centre: the weights of
/// these small networks are of order 1.
const MIN_HALF_SPAN: f32 = 1.0;

impl Window {
    /// A window around `points` (the path and the current weights) that
    /// extends past them by `margin` times their extent on each side.
    /// Non-finite points are ignored; with none left, ±2 around the origin.
    pub fn around(points: impl IntoIterator<Item = (f32, f32)>, margin: f32) -> Window {
        let mut bounds: Option<[f32; 4]> = None;
        for (a, b) in points {
            if !(a.is_finite() && b.is_finite()) {
                continue;
            }
            let [a_lo, a_hi, b_lo, b_hi] = bounds.get_or_insert([a, a, b, b]);
            *a_lo = a_lo.min(a);
            *a_hi = a_hi.max(a);
            *b_lo = b_lo.min(b);
            *b_hi = b_hi.max(b);
        }
        let [a_lo, a_hi, b_lo, b_hi] = bounds.unwrap_or([0.0; 4]);
        let widen = |lo: f32, hi: f32| {
            let centre = 0.5 * (lo + hi);
            let half = if bounds.is_none() {
                2.0
            } else {
                (0.5 * (hi - lo) * (1.0 + 2.0 * margin.max(0.0))).max(MIN_HALF_SPAN)
            };
            Span {
                lo: centre - half,
                hi: centre + half,
            }
        };
        Window {
            first: widen(a_lo, a_hi),
            second: widen(b_lo, b_hi),
        }
    }

    pub fn is_valid(&self) -> bool {
        self.first.is_valid() && self.second.is_valid()
    }

    /// Whether the point lies inside (callers refit the window only when
    /// the current weights leave it, so the picture does not jitter).
    pub fn contains(&self, (a, b): (f32, f32)) -> bool {
        (self.first.lo..=self.first.hi).contains(&a)
            && (self.second.lo..=self.second.hi).contains(&b)
    }

    /// Where parameter values fall on a picture of `cells × cells` pixels:
    /// (x, y) with y downwards, pixel (c, r) covering [c, c+1) × [r, r+1).
    pub fn to_cell(&self, (a, b): (f32, f32), cells: usize) -> (f32, f32) {
        let n = cells as f32;
        (
            (a - self.first.lo) / self.first.width() * n,
            (self.second.hi - b) / self.second.width() * n,
        )
    }

    /// The parameter values at a pixel position: the inverse of `to_cell`.
    pub fn to_params(&self, (x, y): (f32, f32), cells: usize) -> (f32, f32) {
        let n = cells as f32;
        (
            self.first.lo + x / n * self.first.width(),
            self.second.hi - y / n * self.second.width(),
        )
    }
}

/// J sampled at the centres of `cells × cells` pixels, row-major, row 0 at
/// the top (the largest value of the second parameter).
#[derive(Clone, Debug, PartialEq)]
pub struct Surface {
    pub cells: usize,
    pub window: Window,
    pub values: Vec<f32>,
    /// The smallest and largest finite values (NaN if there are none), for a legend.
    pub min: f32,
    pub max: f32,
}

impl Surface {
    /// (row, column) of the lowest finite value.
    pub fn lowest_cell(&self) -> Option<(usize, usize)> {
        let (i, _) = self
            .values
            .iter()
            .enumerate()
            .filter(|(_, v)| v.is_finite())
            .min_by(|a, b| a.1.total_cmp(b.1))?;
        Some((i / self.cells, i % self.cells))
    }
}

/// The most cells a surface samples along each side.
pub const MAX_CELLS: usize = 256;

/// The mean loss on `samples` with the two parameters set to `point`: the
/// number `Trainer::evaluate` reports (penalties are not part of it).
pub fn loss_at(
    network: &Network,
    samples: &Samples,
    params: [Param; 2],
    point: (f32, f32),
) -> Option<f32> {
    if !fits(network, samples) {
        return None;
    }
    let mut moved = network.clone();
    if !(params[0].set(&mut moved, point.0) && params[1].set(&mut moved, point.1)) {
        return None;
    }
    let mut ws = Workspace::new();
    Some(mean_loss(
        &moved,
        &samples.inputs,
        &samples.targets,
        &mut ws,
    ))
}

/// The mean loss over all the samples in one forward pass: the same sum in
/// the same order as `Trainer::evaluate`, so the same number, without the
/// accuracy count that the landscape has no use for.
fn mean_loss(network: &Network, inputs: &[f32], targets: &[f32], ws: &mut Workspace) -> f32 {
    network.forward(inputs, ws, None);
    let sum: f64 = network.losses(targets, ws).iter().map(|&l| l as f64).sum();
    (sum / targets.len() as f64) as f32
}

/// J over `window` on a `cells × cells` grid (cells clamped to 1..=MAX_CELLS).
/// One copy of the network (from the lower parameter's layer up) and one
/// workspace serve every grid point: set the two parameters, one batched
/// forward pass over all the samples, the mean loss.
/// None if the parameters are not two different ones of this network, the
/// window is empty, or the samples do not fit.
pub fn surface(
    network: &Network,
    samples: &Samples,
    params: [Param; 2],
    window: Window,
    cells: usize,
) -> Option<Surface> {
    let valid = params[0] != params[1]
        && params.iter().all(|p| p.value(network).is_some())
        && window.is_valid()
        && fits(network, samples);
    if !valid {
        return None;
    }
    let cells = cells.clamp(1, MAX_CELLS);
    // Layers below both parameters give the same activations at every grid
    // point: run them once, and take only the layers above round the grid.
    let lowest = params[0].layer.min(params[1].layer);
    let mut ws = Workspace::new();
    let inputs = match lowest {
        0 => samples.inputs.clone(),
        _ => {
            network.forward(&samples.inputs, &mut ws, None);
            ws.activations(lowest - 1).to_vec()
        }
    };
    let mut upper = Network {
        layers: network.layers[lowest..].to_vec(),
        loss: network.loss,
    };
    let params = params.map(|p| Param {
        layer: p.layer - lowest,
        ..p
    });
    let mut values = Vec::with_capacity(cells * cells);
    for row in 0..cells {
        for col in 0..cells {
            let (a, b) = window.to_params((col as f32 + 0.5, row as f32 + 0.5), cells);
            params[0].set(&mut upper, a);
            params[1].set(&mut upper, b);
            values.push(mean_loss(&upper, &inputs, &samples.targets, &mut ws));
        }
    }
    let (min, max) = finite_range(&values);
    Some(Surface {
        cells,
        window,
        values,
        min,
        max,
    })
}

fn finite_range(values: &[f32]) -> (f32, f32) {
    let finite = values.iter().copied().filter(|v| v.is_finite());
    let min = finite.clone().fold(f32::INFINITY, f32::min);
    let max = finite.fold(f32::NEG_INFINITY, f32::max);
    if min <= max {
        (min, max)
    } else {
        (f32::NAN, f32::NAN)
    }
}

/// Contour lines mark J − min = (max − min) / 2, / 4, / 8, … : in a
/// quadratic bowl they are rings closing in on the minimum. Below the last
/// level the colour stops changing.
const LEVELS: f32 = 12.0;

/// How far below the top a value is, in halvings of its height above the
/// minimum: 0 at the maximum, −LEVELS at (or near) the minimum.
fn depth(v: f32, min: f32, max: f32) -> f32 {
    let range = max - min;
    if range > 0.0 {
        ((v - min) / range).max(LEVELS.exp2().recip()).log2()
    } else {
        -0.5 * LEVELS // a flat surface: one colour, no lines
    }
}

/// Stops of a perceptually uniform dark-to-light sequential map (viridis):
/// the valley is dark, the heights are bright.
const SEQUENTIAL: [Rgb; 5] = [
    [68, 1, 84],
    [59, 82, 139],
    [33, 145, 140],
    [94, 201, 98],
    [253, 231, 37],
];

/// The sequential map at `t` in [0, 1].
pub fn sequential(t: f32) -> Rgb {
    let x = t.clamp(0.0, 1.0) * (SEQUENTIAL.len() - 1) as f32;
    let i = (x as usize).min(SEQUENTIAL.len() - 2);
    colors::mix(SEQUENTIAL[i], SEQUENTIAL[i + 1], x - i as f32)
}

/// The contour map's colour of value `v` on a surface from `min` to `max`.
pub fn colour_of(v: f32, min: f32, max: f32) -> Rgb {
    sequential(1.0 + depth(v, min, max) / LEVELS)
}

/// Paints `cells × cells` values (row-major) as RGBA pixels: a log-scaled
/// sequential colour (the contour lines are drawn over it, smooth, from
/// `contours`). NaN and infinite values paint neutral grey.
pub fn paint(values: &[f32], cells: usize, pixels: &mut Vec<u8>) {
    let n = cells * cells;
    let (min, max) = finite_range(&values[..n.min(values.len())]);
    let depth_at = |cell: usize| {
        let v = values.get(cell).copied().unwrap_or(f32::NAN);
        v.is_finite().then(|| depth(v, min, max))
    };
    pixels.resize(n * 4, 0);
    for (cell, px) in pixels.chunks_exact_mut(4).enumerate() {
        let Some(d) = depth_at(cell) else {
            px.copy_from_slice(&[
                colors::INVALID[0],
                colors::INVALID[1],
                colors::INVALID[2],
                255,
            ]);
            continue;
        };
        let c = sequential(1.0 + d / LEVELS);
        px.copy_from_slice(&[c[0], c[1], c[2], 255]);
    }
}

/// The contour levels of a surface from `min` to `max`: J − min = (max −
/// min) / 2, / 4, / 8, … (rings closing in on the minimum of a bowl), each
/// with whether it lies on the bright heights (draw it dark) or in the
/// dark valley (draw it light).
pub fn contour_levels(min: f32, max: f32) -> Vec<(f32, bool)> {
    let range = max - min;
    if !(range > 0.0 && range.is_finite()) {
        return Vec::new();
    }
    (1..LEVELS as i32)
        .map(|k| {
            let bright = sequential(1.0 - k as f32 / LEVELS);
            let luma = 0.3 * bright[0] as f32 + 0.59 * bright[1] as f32 + 0.11 * bright[2] as f32;
            (min + range * (-k as f32).exp2(), luma >= 128.0)
        })
        .collect()
}

/// A piece of a contour line, from one point to another (picture coordinates).
pub type Segment = [(f32, f32); 2];

/// A contour line of `cells × cells` values (row-major, each sampled at its
/// cell's centre) at `level`, as segments in picture coordinates (cell
/// (c, r) covers [c, c+1) × [r, r+1)). Marching squares, with the crossing
/// on each edge placed by linear interpolation: the line is as smooth as
/// the surface, not a staircase of cells. Squares with a non-finite corner
/// draw nothing.
pub fn contour(values: &[f32], cells: usize, level: f32) -> Vec<Segment> {
    let mut segments = Vec::new();
    if values.len() < cells * cells {
        return segments;
    }
    let at = |r: usize, c: usize| values[r * cells + c];
    for r in 0..cells.saturating_sub(1) {
        for c in 0..cells - 1 {
            // Corners clockwise from the top left, and their positions.
            let corners = [(r, c), (r, c + 1), (r + 1, c + 1), (r + 1, c)];
            let v = corners.map(|(r, c)| at(r, c));
            if v.iter().any(|v| !v.is_finite()) {
                continue;
            }
            let pos = corners.map(|(r, c)| (c as f32 + 0.5, r as f32 + 0.5));
            let mut crossings = Vec::with_capacity(4);
            for edge in 0..4 {
                let (a, b) = (edge, (edge + 1) % 4);
                if (v[a] < level) != (v[b] < level) {
                    let t = (level - v[a]) / (v[b] - v[a]);
                    crossings.push((
                        pos[a].0 + t * (pos[b].0 - pos[a].0),
                        pos[a].1 + t * (pos[b].1 - pos[a].1),
                    ));
                }
            }
            match crossings[..] {
                [p, q] => segments.push([p, q]),
                // A saddle: pair the crossings by the square's mean.
                [p, q, r2, s] => {
                    let centre_below = v.iter().sum::<f32>() / 4.0 < level;
                    let first_below = v[0] < level;
                    if centre_below == first_below {
                        segments.push([p, s]);
                        segments.push([q, r2]);
                    } else {
                        segments.push([p, q]);
                        segments.push([r2, s]);
                    }
                }
                _ => {}
            }
        }
    }
    segments
}

/// The weights gradient descent has visited, in order. Memory is bounded:
/// once more than `cap` points are kept, every other one is dropped and
/// from then on only every other step is recorded, so the path from its
/// start stays whole, only coarser. The newest point is always included.
#[derive(Clone, Debug)]
pub struct Path {
    kept: Vec<(f32, f32)>,
    /// The newest point when its step is not one of the recorded ones.
    newest: Option<(f32, f32)>,
    steps: usize,
    /// Steps between recorded points.
    stride: usize,
    cap: usize,
}

impl Path {
    pub fn new(cap: usize) -> Path {
        Path {
            kept: Vec::new(),
            newest: None,
            steps: 0,
            stride: 1,
            cap: cap.max(2),
        }
    }

    /// Records the weights after one more step; non-finite ones (a diverged
    /// run) are skipped rather than drawn.
    pub fn push(&mut self, point: (f32, f32)) {
        if !(point.0.is_finite() && point.1.is_finite()) {
            return;
        }
        if self.steps.is_multiple_of(self.stride) {
            self.kept.push(point);
            self.newest = None;
            if self.kept.len() > self.cap {
                self.thin();
            }
        } else {
            self.newest = Some(point);
        }
        self.steps += 1;
    }

    /// Keeps every other point (the first among them); if that drops the
    /// last one, it stays on as the newest.
    fn thin(&mut self) {
        let last = self.kept.last().copied();
        let dropped_last = self.kept.len().is_multiple_of(2);
        self.kept = self.kept.iter().copied().step_by(2).collect();
        if dropped_last {
            self.newest = last;
        }
        self.stride *= 2;
    }

    pub fn points(&self) -> impl Iterator<Item = (f32, f32)> + '_ {
        self.kept.iter().copied().chain(self.newest)
    }

    pub fn len(&self) -> usize {
        self.kept.len() + self.newest.is_some() as usize
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn clear(&mut self) {
        *self = Path::new(self.cap);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::nn::{Activation, Loss, NetworkShape, OptimizerKind, TrainConfig, Trainer};
    use crate::rng::Rng;

    /// One feature, two overlapping classes: x ~ N(±0.5, 1). Overlap keeps the
    /// best weights finite (on separable data J keeps falling as w grows);
    /// the logistic model is exact here, with w = 1, b = 0 at the optimum.
    fn overlapping(n: usize, seed: u64) -> Samples {
        let mut rng = Rng::new(seed);
        let mut s = Samples {
            width: 1,
            ..Samples::default()
        };
        for i in 0..n {
            let class = (i % 2) as f32;
            s.inputs.push(class - 0.5 + rng.normal());
            s.targets.push(class);
        }
        s
    }

    /// Logistic regression on x1 alone: one layer, one weight, one bias.
    fn logistic_trainer(samples: Samples) -> Trainer {
        let shape = NetworkShape::uniform(1, &[], Activation::Linear, Loss::BinaryCrossEntropy);
        let config = TrainConfig {
            learning_rate: 0.5,
            batch_size: samples.len(),
            optimizer: OptimizerKind::Sgd,
            ..TrainConfig::default()
        };
        Trainer::new(&shape, config, samples, Samples::default(), 7)
    }

    fn weight_and_bias(network: &Network) -> [Param; 2] {
        [
            Param::weight(network, 0, 0, 0).unwrap(),
            Param::bias(network, 0, 0).unwrap(),
        ]
    }

    fn point(network: &Network, params: [Param; 2]) -> (f32, f32) {
        (
            params[0].value(network).unwrap(),
            params[1].value(network).unwrap(),
        )
    }

    #[test]
    fn the_lowest_cell_is_where_gradient_descent_ends() {
        let mut trainer = logistic_trainer(overlapping(200, 1));
        let params = weight_and_bias(&trainer.network);
        let mut path = Path::new(256);
        path.push(point(&trainer.network, params));
        for _ in 0..2000 {
            trainer.step_epoch();
            path.push(point(&trainer.network, params));
        }
        let end = point(&trainer.network, params);
        assert!((end.0 - 1.0).abs() < 0.3 && end.1.abs() < 0.3, "{end:?}");

        let window = Window::around(path.points(), 0.25);
        assert!(path.points().all(|p| window.contains(p)));
        let s = surface(
            &trainer.network,
            trainer.train_samples(),
            params,
            window,
            64,
        )
        .unwrap();
        let (row, col) = s.lowest_cell().unwrap();
        let lowest = window.to_params((col as f32 + 0.5, row as f32 + 0.5), 64);
        let cell = (window.first.width() / 64.0, window.second.width() / 64.0);
        assert!(
            (lowest.0 - end.0).abs() <= 1.5 * cell.0 && (lowest.1 - end.1).abs() <= 1.5 * cell.1,
            "lowest cell at {lowest:?}, descent ended at {end:?}"
        );
        assert_eq!(s.values[row * 64 + col], s.min);
        assert!(s.max > s.min);
    }

    #[test]
    fn the_surface_at_the_current_weights_is_the_trainers_loss() {
        let mut trainer = logistic_trainer(overlapping(200, 2));
        for _ in 0..5 {
            trainer.step_epoch();
        }
        let params = weight_and_bias(&trainer.network);
        let here = point(&trainer.network, params);
        let train_loss = trainer.history().last().unwrap().train_loss;
        let at = loss_at(&trainer.network, trainer.train_samples(), params, here).unwrap();
        assert_eq!(at, train_loss);

        // With an odd number of cells, the middle cell's centre is the window's centre.
        let window = Window::around([here], 0.0);
        let s = surface(
            &trainer.network,
            trainer.train_samples(),
            params,
            window,
            33,
        )
        .unwrap();
        let (x, y) = window.to_cell(here, 33);
        assert_eq!((x.floor(), y.floor()), (16.0, 16.0));
        assert!((s.values[16 * 33 + 16] - train_loss).abs() < 1e-5);
    }

    #[test]
    fn hidden_network_surfaces_match_the_loss_at_each_cell() {
        let shape = NetworkShape::uniform(2, &[3, 4], Activation::Tanh, Loss::BinaryCrossEntropy);
        let net = Network::new(&shape, &mut Rng::new(4));
        let mut rng = Rng::new(5);
        let mut data = Samples {
            width: 2,
            ..Samples::default()
        };
        for _ in 0..30 {
            let (x1, x2) = (rng.range(-1.0, 1.0), rng.range(-1.0, 1.0));
            data.inputs.extend([x1, x2]);
            data.targets.push((x1 * x2 > 0.0) as u8 as f32);
        }
        let choices = [
            [Param::weight(&net, 2, 1, 0), Param::bias(&net, 2, 0)],
            [Param::weight(&net, 1, 2, 3), Param::weight(&net, 2, 3, 0)],
            [Param::bias(&net, 0, 1), Param::weight(&net, 1, 0, 0)],
        ];
        for choice in choices {
            let params = choice.map(Option::unwrap);
            let here = point(&net, params);
            let window = Window::around([here], 0.5);
            let s = surface(&net, &data, params, window, 5).unwrap();
            for (cell, &v) in s.values.iter().enumerate() {
                let centre = ((cell % 5) as f32 + 0.5, (cell / 5) as f32 + 0.5);
                let at = window.to_params(centre, 5);
                assert_eq!(v, loss_at(&net, &data, params, at).unwrap(), "{params:?}");
            }
        }
    }

    #[test]
    fn surfaces_refuse_bad_requests() {
        let trainer = logistic_trainer(overlapping(20, 3));
        let (net, data) = (&trainer.network, trainer.train_samples());
        let params = weight_and_bias(net);
        let window = Window::around([(0.0, 0.0)], 0.0);
        assert!(surface(net, data, [params[0], params[0]], window, 8).is_none());
        let missing = Param { layer: 0, index: 2 };
        assert!(surface(net, data, [params[0], missing], window, 8).is_none());
        assert!(Param::weight(net, 0, 1, 0).is_none() && Param::bias(net, 1, 0).is_none());
        let mut empty = window;
        empty.first.hi = empty.first.lo;
        assert!(surface(net, data, params, empty, 8).is_none());
        assert!(surface(net, &Samples::default(), params, window, 8).is_none());
        let huge = surface(net, data, params, window, 100_000).unwrap();
        assert_eq!(huge.cells, MAX_CELLS);
    }

    #[test]
    fn params_address_weights_then_biases() {
        let shape = NetworkShape::uniform(2, &[3], Activation::Tanh, Loss::BinaryCrossEntropy);
        let mut net = Network::new(&shape, &mut Rng::new(1));
        let w = Param::weight(&net, 0, 1, 2).unwrap();
        assert_eq!(w, Param { layer: 0, index: 5 });
        let b = Param::bias(&net, 0, 2).unwrap();
        assert_eq!(b, Param { layer: 0, index: 8 });
        assert!(w.set(&mut net, 4.0) && b.set(&mut net, -1.5));
        assert_eq!(net.layers[0].weights[5], 4.0);
        assert_eq!(net.layers[0].biases[2], -1.5);
        assert_eq!(w.label(&net), "w 2→3 (layer 1)");
        assert_eq!(b.label(&net), "b 3 (layer 1)");
    }

    #[test]
    fn cells_and_params_map_both_ways_with_the_top_row_highest() {
        let window = Window {
            first: Span { lo: -2.0, hi: 2.0 },
            second: Span { lo: 0.0, hi: 1.0 },
        };
        assert_eq!(window.to_cell((-2.0, 1.0), 64), (0.0, 0.0));
        assert_eq!(window.to_cell((2.0, 0.0), 64), (64.0, 64.0));
        assert_eq!(window.to_cell((0.0, 0.75), 64), (32.0, 16.0));
        let p = window.to_params(window.to_cell((0.3, 0.2), 64), 64);
        assert!((p.0 - 0.3).abs() < 1e-6 && (p.1 - 0.2).abs() < 1e-6);
    }

    #[test]
    fn windows_hold_their_points_with_margin() {
        let w = Window::around([(0.0, -4.0), (2.0, 4.0), (f32::NAN, 0.0)], 0.25);
        assert_eq!(w.first, Span { lo: -0.5, hi: 2.5 });
        assert_eq!(w.second, Span { lo: -6.0, hi: 6.0 });
        let single = Window::around([(3.0, 3.0)], 0.25);
        assert_eq!(single.first, Span { lo: 2.0, hi: 4.0 });
        assert!(Window::around([], 0.25).is_valid());
    }

    #[test]
    fn paths_stay_whole_and_bounded() {
        let mut path = Path::new(64);
        for i in 0..1000 {
            path.push((i as f32, 0.0));
            path.push((f32::NAN, 1.0)); // never recorded
            assert!(path.len() <= 65);
            let first = path.points().next().unwrap();
            let last = path.points().last().unwrap();
            assert_eq!((first.0, last.0), (0.0, i as f32));
        }
        let xs: Vec<f32> = path.points().map(|p| p.0).collect();
        assert!(xs.windows(2).all(|w| w[0] < w[1]), "in order");
        assert!(xs.len() > 32, "thinning keeps half: {}", xs.len());
        path.clear();
        assert!(path.is_empty());
    }

    #[test]
    fn painting_fills_every_pixel_and_shows_the_bowl() {
        let cells = 32;
        let bowl: Vec<f32> = (0..cells * cells)
            .map(|i| {
                let (r, c) = ((i / cells) as f32 - 15.5, (i % cells) as f32 - 15.5);
                r * r + c * c
            })
            .collect();
        let mut px = Vec::new();
        paint(&bowl, cells, &mut px);
        assert_eq!(px.len(), cells * cells * 4);
        assert!(px.chunks(4).all(|p| p[3] == 255));
        let brightness = |cell: usize| {
            px[cell * 4..cell * 4 + 3]
                .iter()
                .map(|&c| c as u32)
                .sum::<u32>()
        };
        let centre = 15 * cells + 15;
        assert!(brightness(centre) < brightness(0), "the valley is dark");
    }

    /// The bowl's value is the squared distance from (16, 16) in picture
    /// coordinates, so each contour is a circle: the interpolated line lies
    /// on it to a few hundredths of a cell (a line along cell edges, as the
    /// pixels drew it before, strays by up to half a cell).
    #[test]
    fn contours_are_smooth_rings_round_the_bowl() {
        let cells = 32;
        let bowl: Vec<f32> = (0..cells * cells)
            .map(|i| {
                let (r, c) = (
                    (i / cells) as f32 + 0.5 - 16.0,
                    (i % cells) as f32 + 0.5 - 16.0,
                );
                r * r + c * c
            })
            .collect();
        let (min, max) = finite_range(&bowl);
        let levels = contour_levels(min, max);
        assert_eq!(levels.len(), LEVELS as usize - 1);
        assert!(
            levels.windows(2).all(|l| l[1].0 < l[0].0),
            "closing in on the minimum"
        );
        assert!(
            levels[0].1 && !levels.last().unwrap().1,
            "dark lines high, light ones low"
        );
        for radius in [3.0f32, 6.5, 11.0] {
            let segments = contour(&bowl, cells, radius * radius);
            let worst = segments
                .iter()
                .flatten()
                .map(|&(x, y)| ((x - 16.0).hypot(y - 16.0) - radius).abs())
                .fold(0.0f32, f32::max);
            assert!(worst < 0.06, "radius {radius}: strays {worst}");
            // Joined end to end they go once round: about 2πr long.
            let length: f32 = segments
                .iter()
                .map(|[a, b]| (a.0 - b.0).hypot(a.1 - b.1))
                .sum();
            let round = std::f32::consts::TAU * radius;
            assert!(
                (length - round).abs() < 0.03 * round,
                "radius {radius}: {length} vs {round}"
            );
        }
        assert!(contour(&[f32::NAN; 4], 2, 0.5).is_empty());
        assert!(
            contour_levels(1.0, 1.0).is_empty(),
            "a flat surface has none"
        );
    }

    #[test]
    fn non_finite_values_paint_grey() {
        let values = [f32::NAN, f32::INFINITY, 1.0, f32::NEG_INFINITY];
        let mut px = vec![7; 3];
        paint(&values, 2, &mut px);
        assert_eq!(px.len(), 16);
        for cell in [0, 1, 3] {
            assert_eq!(px[cell * 4..cell * 4 + 4], [150, 150, 150, 255]);
        }
        assert_ne!(px[8..11], colors::INVALID[..]);
        paint(&[f32::NAN; 4], 2, &mut px);
        assert!(px.chunks(4).all(|p| p[..3] == colors::INVALID));
        paint(&[2.0; 4], 2, &mut px); // flat: one colour
        assert!(px.chunks(4).all(|p| p == &px[..4]));
    }
}
