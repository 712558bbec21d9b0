//! The network diagram's crowded links (up to ~8,000 at the largest
//! network) drawn as straight lines into a pixel buffer. The page draws
//! them itself, or while it trains the painter worker draws them on the
//! other core from the same snapshot as the pictures.

use super::colors;
use super::layout::Layout;
use super::raster::Raster;
use crate::nn::{Features, Layer, Network};

/// Links are coloured in this many strengths; fainter than the first is left out.
pub const LEVELS: usize = 8;
/// A layer with more links than this is rasterised; fewer are drawn as curves.
const CROWDED: usize = 256;

pub fn is_crowded(layer: &Layer) -> bool {
    layer.weights.len() > CROWDED
}

/// The diagram's canvas: its size in device pixels and in CSS pixels (which
/// the layout is in), and device pixels per CSS pixel.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Diagram {
    pub pixels: (usize, usize),
    pub css: (f32, f32),
    pub ratio: f32,
}

impl Diagram {
    /// Where the units of `net` sit on this diagram.
    pub fn layout(&self, net: &Network, features: Features) -> Layout {
        let mut widths = vec![features.count()];
        widths.extend(net.layers.iter().map(|l| l.units));
        Layout::new(&widths, self.css.0, self.css.1)
    }
}

/// Clears `raster` to white at the diagram's size and draws every crowded
/// layer's links, thick and coloured by their weight's size and sign.
/// False, and the raster untouched, when no layer is crowded.
pub fn rasterise(net: &Network, layout: &Layout, diagram: &Diagram, raster: &mut Raster) -> bool {
    if !net.layers.iter().any(is_crowded) {
        return false;
    }
    raster.clear(diagram.pixels.0, diagram.pixels.1, colors::WHITE);
    let ratio = diagram.ratio;
    for (l, layer) in net.layers.iter().enumerate().filter(|(_, l)| is_crowded(l)) {
        let scale = layer.weights.iter().fold(1e-6f32, |m, w| m.max(w.abs()));
        for from in 0..layer.inputs {
            for to in 0..layer.units {
                let strength = layer.weights[from * layer.units + to] / scale;
                if strength.abs() < 1.0 / LEVELS as f32 {
                    continue;
                }
                let (a, b) = (layout.columns[l][from], layout.columns[l + 1][to]);
                let width = (0.3 + 1.5 * strength.abs()) * ratio;
                raster.line(
                    ((a.x + a.size) * ratio, (a.y + a.size / 2.0) * ratio),
                    (b.x * ratio, (b.y + b.size / 2.0) * ratio),
                    width,
                    colors::signed(strength, 1.0),
                );
            }
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::nn::{Activation, Loss, NetworkShape};
    use crate::rng::Rng;

    const DIAGRAM: Diagram = Diagram {
        pixels: (600, 400),
        css: (600.0, 400.0),
        ratio: 1.0,
    };

    fn network(hidden: &[usize]) -> Network {
        let shape = NetworkShape::uniform(2, hidden, Activation::Tanh, Loss::BinaryCrossEntropy);
        Network::new(&shape, &mut Rng::new(9))
    }

    #[test]
    fn only_crowded_layers_are_rasterised() {
        let mut raster = Raster::default();
        let small = network(&[4, 4]);
        assert!(!rasterise(
            &small,
            &DIAGRAM.layout(&small, Features::RAW),
            &DIAGRAM,
            &mut raster
        ));
        assert!(raster.pixels.is_empty());

        let large = network(&[32, 32]);
        let layout = DIAGRAM.layout(&large, Features::RAW);
        assert!(rasterise(&large, &layout, &DIAGRAM, &mut raster));
        assert_eq!(raster.pixels.len(), 600 * 400 * 4);
        // Between the two hidden columns (1,024 links) pixels are coloured;
        // left of the first column (2 × 32 links, drawn as curves) all is white.
        let coloured = |x0: f32, x1: f32| {
            let (x0, x1) = (x0 as usize, x1 as usize);
            raster
                .pixels
                .chunks_exact(4)
                .enumerate()
                .filter(|(i, p)| (x0..x1).contains(&(i % 600)) && p[..3] != [255, 255, 255])
                .count()
        };
        let (first, second) = (layout.columns[1][0], layout.columns[2][0]);
        assert!(coloured(first.x + first.size + 2.0, second.x - 2.0) > 5_000);
        assert_eq!(coloured(0.0, first.x - 1.0), 0);
    }

    #[test]
    fn links_fainter_than_the_faintest_level_are_left_out() {
        let mut net = network(&[32, 32]);
        let layout = DIAGRAM.layout(&net, Features::RAW);
        let count = |net: &Network| {
            let mut raster = Raster::default();
            rasterise(net, &layout, &DIAGRAM, &mut raster);
            raster
                .pixels
                .chunks_exact(4)
                .filter(|p| p[..3] != [255, 255, 255])
                .count()
        };
        let before = count(&net);
        // One weight a hundred times the rest: every other link of that layer goes.
        let w = &mut net.layers[1].weights;
        w.iter_mut().for_each(|v| *v *= 0.01);
        w[0] = 1.0;
        assert!(count(&net) < before / 50, "{} vs {before}", count(&net));
    }
}
