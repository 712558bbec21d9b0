//! The pictures of a network a frame shows: the colour field over the input
//! square (with its boundary) and every unit's own small picture, each from
//! one batched pass over a grid. The page paints them itself, or a Web
//! Worker paints them from a snapshot on the other core while it trains.

use super::field::{paint_field, paint_units, FieldKind};
use super::grid::Grid;
use crate::data::Domain;
use crate::nn::{Features, Network, Workspace};

/// Cells per side of each unit's picture.
pub const UNIT_PICTURE: usize = 32;

#[derive(Default)]
pub struct Pictures {
    /// The colour field, `field_size²` RGBA pixels.
    pub field: Vec<u8>,
    pub field_size: usize,
    /// `UNIT_PICTURE²` RGBA pixels per unit: the inputs, each hidden layer's
    /// units, then the outputs.
    pub units: Vec<Vec<u8>>,
}

/// What painting needs only while it paints: the grids, the network's
/// outputs and activations over them, the forward pass's buffers. Several
/// megabytes for a large network, kept between paintings (no allocation
/// per frame) and shared by every playground that paints in turn.
#[derive(Default)]
pub struct Scratch {
    field_grid: Option<Grid>,
    field_outputs: Vec<f32>,
    unit_grid: Option<Grid>,
    unit_outputs: Vec<f32>,
    unit_activations: Vec<Vec<f32>>,
    workspace: Workspace,
}

/// Pictures of every column of the diagram: inputs, hidden layers, outputs.
pub fn picture_count(network: &Network, features: Features) -> usize {
    features.count() + network.layers.iter().map(|l| l.units).sum::<usize>()
}

impl Pictures {
    /// Paints the field at `field_size` and every unit's picture over the
    /// square of `domain` (its inputs as `features`); `lap` is told when each
    /// of the four parts ends (for the benchmark's timings).
    pub fn paint(
        &mut self,
        scratch: &mut Scratch,
        net: &Network,
        (features, domain): (Features, Domain),
        kind: FieldKind,
        field_size: usize,
        lap: &mut dyn FnMut(&'static str),
    ) {
        let grid = Grid::reuse(&mut scratch.field_grid, field_size, domain, features);
        grid.evaluate(
            net,
            &mut scratch.workspace,
            &mut scratch.field_outputs,
            None,
        );
        lap("field grid");
        paint_field(
            &scratch.field_outputs,
            net.outputs(),
            field_size,
            kind,
            &mut self.field,
        );
        self.field_size = field_size;
        lap("field paint");

        let ugrid = Grid::reuse(&mut scratch.unit_grid, UNIT_PICTURE, domain, features);
        ugrid.evaluate(
            net,
            &mut scratch.workspace,
            &mut scratch.unit_outputs,
            Some(&mut scratch.unit_activations),
        );
        lap("unit grid");
        self.units
            .resize_with(picture_count(net, features), Vec::new);
        // Inputs, then each hidden layer; output units: the field itself,
        // small, or for softmax one picture per class.
        let mut slot = features.count();
        paint_units(ugrid.inputs(), slot, &mut self.units[..slot]);
        for (layer, acts) in scratch.unit_activations.iter().enumerate() {
            let units = net.layers[layer].units;
            paint_units(acts, units, &mut self.units[slot..slot + units]);
            slot += units;
        }
        let outputs = net.outputs();
        if outputs == 1 {
            paint_field(
                &scratch.unit_outputs,
                1,
                UNIT_PICTURE,
                kind,
                &mut self.units[slot],
            );
        } else {
            paint_units(&scratch.unit_outputs, outputs, &mut self.units[slot..]);
        }
        lap("unit paint");
    }

    /// Every unit's picture, one after another (how a worker sends them).
    pub fn units_flat(&self) -> Vec<u8> {
        let mut flat = Vec::new();
        self.units_flat_into(&mut flat);
        flat
    }

    /// `units_flat` into a buffer kept between calls (no allocation once grown).
    pub fn units_flat_into(&self, flat: &mut Vec<u8>) {
        flat.clear();
        for unit in &self.units {
            flat.extend_from_slice(unit);
        }
    }

    /// Takes pictures painted elsewhere: a field of `field_size²` pixels and
    /// `count` unit pictures back to back. False (and nothing changes) if
    /// the sizes do not fit.
    pub fn accept(
        &mut self,
        field: Vec<u8>,
        field_size: usize,
        units: &[u8],
        count: usize,
    ) -> bool {
        let picture = UNIT_PICTURE * UNIT_PICTURE * 4;
        if field.len() != field_size * field_size * 4 || units.len() != count * picture {
            return false;
        }
        self.field = field;
        self.field_size = field_size;
        self.units.resize_with(count, Vec::new);
        for (mine, theirs) in self.units.iter_mut().zip(units.chunks_exact(picture)) {
            mine.clear();
            mine.extend_from_slice(theirs);
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::nn::{Activation, Loss, NetworkShape};
    use crate::rng::Rng;

    #[test]
    fn pictures_painted_elsewhere_are_the_same_pictures() {
        let shape = NetworkShape::uniform(2, &[4, 3], Activation::Tanh, Loss::BinaryCrossEntropy);
        let net = Network::new(&shape, &mut Rng::new(5));
        let domain = Domain {
            x1: (-6.0, 6.0),
            x2: (-6.0, 6.0),
        };
        let mut here = Pictures::default();
        here.paint(
            &mut Scratch::default(),
            &net,
            (Features::RAW, domain),
            FieldKind::Classes {
                palette: crate::view::colors::Palette::RedGreen,
            },
            64,
            &mut |_| {},
        );
        assert_eq!(here.field.len(), 64 * 64 * 4);
        assert_eq!(here.units.len(), 2 + 4 + 3 + 1);
        let mut there = Pictures::default();
        assert!(there.accept(here.field.clone(), 64, &here.units_flat(), here.units.len()));
        assert_eq!(
            (there.field, there.units),
            (here.field.clone(), here.units.clone())
        );
        // Pictures of the wrong size are refused.
        let mut other = Pictures::default();
        assert!(!other.accept(here.field.clone(), 63, &here.units_flat(), 10));
        assert!(!other.accept(here.field.clone(), 64, &here.units_flat(), 9));
        assert!(other.field.is_empty() && other.units.is_empty());
    }
}
