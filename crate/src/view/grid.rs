//! The input square sampled on a grid and pushed through the network in
//! batches: the source of the colour field and of every unit's picture.

use crate::data::Domain;
use crate::nn::{Features, Network, Workspace};

/// Rows per batched forward pass over the grid: big enough to amortise the
/// layer loop, small enough to stay in cache.
const CHUNK: usize = 1024;

/// `size × size` cell centres over a domain, row 0 at the top (largest x2),
/// with their network inputs precomputed.
pub struct Grid {
    pub size: usize,
    pub domain: Domain,
    pub features: Features,
    inputs: Vec<f32>,
}

impl Grid {
    pub fn new(size: usize, domain: Domain, features: Features) -> Grid {
        let mut inputs = Vec::with_capacity(size * size * features.count());
        for row in 0..size {
            for col in 0..size {
                let (x1, x2) = cell_centre(size, &domain, row, col);
                features.push(x1, x2, &mut inputs);
            }
        }
        Grid {
            size,
            domain,
            features,
            inputs,
        }
    }

    /// The network inputs of every cell (`cells × features`).
    pub fn inputs(&self) -> &[f32] {
        &self.inputs
    }

    /// The grid in `slot` if it fits the request, else a new one put there:
    /// building the inputs costs a pass over every cell, so it is kept.
    pub fn reuse(
        slot: &mut Option<Grid>,
        size: usize,
        domain: Domain,
        features: Features,
    ) -> &Grid {
        let fits = |g: &Grid| g.size == size && g.domain == domain && g.features == features;
        if !slot.as_ref().is_some_and(fits) {
            *slot = Some(Grid::new(size, domain, features));
        }
        slot.as_ref().expect("the slot was just filled")
    }

    /// The network's outputs for every cell (`cells × outputs`), and, when
    /// `units` is given, every layer's activations (`cells × units` per layer).
    pub fn evaluate(
        &self,
        network: &Network,
        workspace: &mut Workspace,
        outputs: &mut Vec<f32>,
        mut units: Option<&mut Vec<Vec<f32>>>,
    ) {
        let width = self.features.count();
        debug_assert_eq!(width, network.inputs());
        let last = network.layers.len() - 1;
        outputs.clear();
        if let Some(units) = units.as_deref_mut() {
            units.resize_with(last, Vec::new);
            units.iter_mut().for_each(Vec::clear);
        }
        for chunk in self.inputs.chunks(CHUNK * width) {
            outputs.extend_from_slice(network.forward(chunk, workspace, None));
            if let Some(units) = units.as_deref_mut() {
                for (layer, buffer) in units.iter_mut().enumerate() {
                    buffer.extend_from_slice(workspace.activations(layer));
                }
            }
        }
    }
}

/// The centre of a grid cell in input coordinates.
pub fn cell_centre(size: usize, domain: &Domain, row: usize, col: usize) -> (f32, f32) {
    let fx = (col as f32 + 0.5) / size as f32;
    let fy = (row as f32 + 0.5) / size as f32;
    (
        domain.x1.0 + fx * (domain.x1.1 - domain.x1.0),
        domain.x2.1 - fy * (domain.x2.1 - domain.x2.0),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::nn::{Activation, Loss, NetworkShape};
    use crate::rng::Rng;

    #[test]
    fn cells_run_left_to_right_and_top_to_bottom() {
        let d = Domain::STANDARD;
        assert_eq!(cell_centre(4, &d, 0, 0), (-4.5, 4.5));
        assert_eq!(cell_centre(4, &d, 3, 3), (4.5, -4.5));
    }

    #[test]
    fn batched_grid_matches_one_point_at_a_time() {
        let shape = NetworkShape::uniform(2, &[5, 3], Activation::Tanh, Loss::BinaryCrossEntropy);
        let net = Network::new(&shape, &mut Rng::new(3));
        let grid = Grid::new(40, Domain::STANDARD, Features::RAW); // 1600 cells: two chunks
        let (mut out, mut units) = (Vec::new(), Vec::new());
        let mut ws = Workspace::new();
        grid.evaluate(&net, &mut ws, &mut out, Some(&mut units));
        assert_eq!(out.len(), 1600);
        assert_eq!(units.len(), 2);
        assert_eq!(units[1].len(), 1600 * 3);
        for &(row, col) in &[(0, 0), (17, 33), (39, 39)] {
            let (x1, x2) = cell_centre(40, &Domain::STANDARD, row, col);
            let mut single = Workspace::new();
            let y = net.forward(&[x1, x2], &mut single, None)[0];
            assert_eq!(out[row * 40 + col], y);
            assert_eq!(
                units[0][(row * 40 + col) * 5..][..5],
                *single.activations(0)
            );
        }
    }
}
