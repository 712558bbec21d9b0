//! RGBA pixel buffers: the model's output over the input square with its
//! decision boundary, and each unit's own picture.

use super::colors::{self, Rgb};
use crate::nn::loss::argmax;

/// How the output is coloured.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum FieldKind {
    /// Class probabilities (1 output: P(class 1); k outputs: softmax).
    Classes,
    /// A regressed value, coloured on `[-scale, scale]`.
    Value { scale: f32 },
}

fn put(pixels: &mut [u8], cell: usize, c: Rgb) {
    pixels[cell * 4..cell * 4 + 4].copy_from_slice(&[c[0], c[1], c[2], 255]);
}

/// Which side of the boundary a cell is on: the class, or the sign for values.
fn region(kind: FieldKind, y: &[f32]) -> usize {
    match kind {
        FieldKind::Classes if y.len() == 1 => (y[0] >= 0.5) as usize,
        FieldKind::Classes => argmax(y),
        FieldKind::Value { .. } => (y[0] >= 0.0) as usize,
    }
}

/// Paints `size × size` cells from the network's `outputs` (`cells × width`)
/// into `pixels` (RGBA), with the boundary drawn where the region changes.
pub fn paint_field(
    outputs: &[f32],
    width: usize,
    size: usize,
    kind: FieldKind,
    pixels: &mut Vec<u8>,
) {
    pixels.resize(size * size * 4, 0);
    for (cell, y) in outputs.chunks_exact(width).enumerate().take(size * size) {
        let c = match kind {
            FieldKind::Classes => colors::probabilities(y),
            FieldKind::Value { scale } => colors::signed(y[0], scale),
        };
        put(pixels, cell, c);
    }
    for row in 0..size {
        for col in 0..size {
            let cell = row * size + col;
            let here = &outputs[cell * width..][..width];
            if here.iter().any(|v| !v.is_finite()) {
                continue;
            }
            let r = region(kind, here);
            let right =
                col + 1 < size && region(kind, &outputs[(cell + 1) * width..][..width]) != r;
            let below =
                row + 1 < size && region(kind, &outputs[(cell + size) * width..][..width]) != r;
            if right || below {
                let c = [pixels[cell * 4], pixels[cell * 4 + 1], pixels[cell * 4 + 2]];
                put(pixels, cell, colors::mix(c, colors::CONTOUR, 0.7));
            }
        }
    }
}

/// Paints one unit's activations (column `unit` of `cells × units`) on a
/// signed scale normalised to the picture's own largest magnitude.
pub fn paint_unit(activations: &[f32], units: usize, unit: usize, pixels: &mut Vec<u8>) {
    let cells = activations.len() / units;
    pixels.resize(cells * 4, 0);
    let column = || activations.iter().skip(unit).step_by(units);
    let scale = column()
        .filter(|v| v.is_finite())
        .fold(0.0f32, |m, v| m.max(v.abs()))
        .max(1e-3);
    for (cell, &a) in column().enumerate() {
        put(pixels, cell, colors::signed(a, scale));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boundary_is_drawn_between_regions_only() {
        // 4×4 cells: left half class 0, right half class 1.
        let outputs: Vec<f32> = (0..16).map(|c| if c % 4 < 2 { 0.1 } else { 0.9 }).collect();
        let mut px = Vec::new();
        paint_field(&outputs, 1, 4, FieldKind::Classes, &mut px);
        let is_contour = |cell: usize| px[cell * 4..cell * 4 + 3].iter().all(|&c| c < 110);
        for row in 0..4 {
            assert!(is_contour(row * 4 + 1), "row {row}");
            assert!(!is_contour(row * 4) && !is_contour(row * 4 + 2) && !is_contour(row * 4 + 3));
        }
        assert!(px[0] > px[1], "class 0 is red");
        assert!(px[3 * 4 + 1] > px[3 * 4], "class 1 is green");
    }

    #[test]
    fn nan_outputs_paint_grey_not_garbage() {
        let mut px = Vec::new();
        paint_field(&[f32::NAN; 4], 1, 2, FieldKind::Classes, &mut px);
        assert!(px
            .chunks(4)
            .all(|c| c[..3] == colors::INVALID && c[3] == 255));
    }

    #[test]
    fn unit_pictures_use_their_own_scale() {
        let acts = [0.0, -4.0, 1.0, 4.0]; // 2 cells × 2 units
        let mut px = Vec::new();
        paint_unit(&acts, 2, 1, &mut px);
        assert_eq!(px[..3], colors::NEGATIVE[..]);
        assert_eq!(px[4..7], colors::POSITIVE[..]);
    }
}
