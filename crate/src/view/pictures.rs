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

    /// Every unit's picture in its tile of the `Atlas`: how the worker
    /// sends them and a canvas of the page keeps them. Into a buffer kept
    /// between calls (no allocation once grown).
    pub fn atlas_into(&self, atlas: &mut Vec<u8>) {
        let layout = Atlas::of(self.units.len());
        let (width, height) = layout.pixels();
        atlas.clear();
        atlas.resize(width * height * 4, 0);
        for (i, picture) in self.units.iter().enumerate() {
            let (x, y) = layout.tile(i);
            for (row, line) in picture.chunks_exact(UNIT_PICTURE * 4).enumerate() {
                let start = ((y + row) * width + x) * 4;
                atlas[start..start + UNIT_PICTURE * 4].copy_from_slice(line);
            }
        }
    }
}

/// The unit pictures side by side, `ATLAS_COLUMNS` to a row, in one image:
/// one transfer from the worker, one put into a canvas, and each tile
/// drawn from there onto the diagram.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Atlas {
    count: usize,
}

/// Tiles per row of an `Atlas`.
const ATLAS_COLUMNS: usize = 16;

impl Atlas {
    /// The atlas of `count` unit pictures.
    pub fn of(count: usize) -> Atlas {
        Atlas { count }
    }

    fn columns(self) -> usize {
        ATLAS_COLUMNS.min(self.count)
    }

    /// Its width and height in pixels (nothing for no pictures).
    pub fn pixels(self) -> (usize, usize) {
        let columns = self.columns();
        match columns {
            0 => (0, 0),
            _ => (
                columns * UNIT_PICTURE,
                self.count.div_ceil(columns) * UNIT_PICTURE,
            ),
        }
    }

    /// The top left pixel of picture `i`'s tile.
    pub fn tile(self, i: usize) -> (usize, usize) {
        let columns = self.columns().max(1);
        ((i % columns) * UNIT_PICTURE, (i / columns) * UNIT_PICTURE)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::nn::{Activation, Loss, NetworkShape};
    use crate::rng::Rng;

    #[test]
    fn every_unit_picture_is_whole_in_its_tile_of_the_atlas() {
        // 26 pictures: two rows of the atlas, the second partly filled.
        let shape = NetworkShape::uniform(2, &[20, 3], Activation::Tanh, Loss::BinaryCrossEntropy);
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
        assert_eq!(here.units.len(), 2 + 20 + 3 + 1);
        // Each picture is whole in its own tile of the atlas, 16 to a row.
        let atlas = Atlas::of(here.units.len());
        let width = 16 * UNIT_PICTURE;
        assert_eq!(atlas.pixels(), (width, 2 * UNIT_PICTURE));
        let mut pixels = vec![7; width * 2 * UNIT_PICTURE * 4 + 5];
        here.atlas_into(&mut pixels);
        assert_eq!(pixels.len(), width * 2 * UNIT_PICTURE * 4);
        for (i, picture) in here.units.iter().enumerate() {
            let (x, y) = atlas.tile(i);
            for row in 0..UNIT_PICTURE {
                let start = ((y + row) * width + x) * 4;
                assert_eq!(
                    pixels[start..start + UNIT_PICTURE * 4],
                    picture[row * UNIT_PICTURE * 4..(row + 1) * UNIT_PICTURE * 4],
                    "picture {i}, row {row}"
                );
            }
        }
        // The tiles past the last picture are blank, whatever the buffer held.
        let (x, y) = atlas.tile(26);
        let blank = &pixels[(y * width + x) * 4..];
        assert!(blank
            .chunks(width * 4)
            .all(|line| line[..(width - x) * 4].iter().all(|&b| b == 0)));
    }

    #[test]
    fn the_atlas_wraps_at_sixteen_pictures_a_row() {
        let atlas = Atlas::of(259);
        assert_eq!(atlas.pixels(), (16 * UNIT_PICTURE, 17 * UNIT_PICTURE));
        assert_eq!(atlas.tile(0), (0, 0));
        assert_eq!(atlas.tile(15), (15 * UNIT_PICTURE, 0));
        assert_eq!(atlas.tile(16), (0, UNIT_PICTURE));
        assert_eq!(atlas.tile(258), (2 * UNIT_PICTURE, 16 * UNIT_PICTURE));
        assert_eq!(Atlas::of(0).pixels(), (0, 0));
        assert_eq!(Atlas::of(3).pixels(), (3 * UNIT_PICTURE, UNIT_PICTURE));
    }
}
