//! RGBA pixel buffers: the model's output over the input square with its
//! decision boundary, and each unit's own picture.

use super::colors::{self, Palette, Rgb};
use crate::nn::loss::argmax;

/// How the output is coloured.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum FieldKind {
    /// Class probabilities (1 output: P(class 1); k outputs: softmax),
    /// in the palette's colours.
    Classes { palette: Palette },
    /// A regressed value, coloured on `[-scale, scale]`.
    Value { scale: f32 },
}

fn put(pixels: &mut [u8], cell: usize, c: Rgb) {
    put_with_alpha(pixels, cell, c, 255);
}

#[inline(always)]
fn put_with_alpha(pixels: &mut [u8], cell: usize, c: Rgb, alpha: u8) {
    pixels[cell * 4..cell * 4 + 4].copy_from_slice(&[c[0], c[1], c[2], alpha]);
}

/// The region of a cell with an output that is not a number: none.
const NO_REGION: u8 = u8::MAX;

/// Which side of the boundary a cell is on: the class, or the sign for values.
#[inline(always)]
fn region(kind: FieldKind, y: &[f32]) -> u8 {
    if y.iter().any(|v| !v.is_finite()) {
        return NO_REGION;
    }
    match kind {
        FieldKind::Classes { .. } if y.len() == 1 => (y[0] >= 0.5) as u8,
        FieldKind::Classes { .. } => argmax(y) as u8,
        FieldKind::Value { .. } => (y[0] >= 0.0) as u8,
    }
}

/// Paints `size × size` cells from the network's `outputs` (`cells × width`)
/// into `pixels` (RGBA), with the boundary drawn where the region changes.
/// Colours are looked up (`colors::BinaryRamp`, `colors::SignedScale`): the
/// field is painted every frame while training.
pub fn paint_field(
    outputs: &[f32],
    width: usize,
    size: usize,
    kind: FieldKind,
    pixels: &mut Vec<u8>,
) {
    let count = size * size;
    pixels.resize(count * 4, 0);
    // First each cell's colour, with its region kept in its alpha byte ...
    enum Colouring {
        Binary(&'static colors::BinaryRamp),
        Classes(Palette),
        Signed(colors::SignedScale),
    }
    let colouring = match kind {
        FieldKind::Classes { palette } if width == 1 => {
            Colouring::Binary(colors::BinaryRamp::of(palette))
        }
        FieldKind::Classes { palette } => Colouring::Classes(palette),
        FieldKind::Value { scale } => {
            Colouring::Signed(colors::SignedScale::new(scale.max(f32::MIN_POSITIVE)))
        }
    };
    for (cell, y) in outputs.chunks_exact(width).enumerate().take(count) {
        let c = match colouring {
            Colouring::Binary(ramp) => ramp.color(y[0]),
            Colouring::Classes(palette) => colors::probabilities(y, palette),
            Colouring::Signed(scale) => scale.color(y[0]),
        };
        put_with_alpha(pixels, cell, c, region(kind, y));
    }
    // ... then the boundary where the region to the right or below differs;
    // those two are read before they are made opaque in turn.
    for row in 0..size {
        for cell in row * size..(row + 1) * size {
            let r = pixels[cell * 4 + 3];
            let right = cell + 1 < (row + 1) * size && pixels[cell * 4 + 7] != r;
            let below = cell + size < count && pixels[(cell + size) * 4 + 3] != r;
            pixels[cell * 4 + 3] = 255;
            if r != NO_REGION && (right || below) {
                let c = [pixels[cell * 4], pixels[cell * 4 + 1], pixels[cell * 4 + 2]];
                put(pixels, cell, colors::mix(c, colors::CONTOUR, 0.7));
            }
        }
    }
}

/// Paints every unit's picture of one layer (`activations` is `cells × units`,
/// row-major) into `pictures[unit]`, each on a signed scale normalised to
/// its own largest magnitude. One pass finds the scales, one paints: the
/// largest network has 258 pictures to paint every frame.
pub fn paint_units(activations: &[f32], units: usize, pictures: &mut [Vec<u8>]) {
    if units == 0 {
        return;
    }
    let cells = activations.len() / units;
    let mut scales = vec![0.0f32; units];
    for row in activations.chunks_exact(units) {
        for (m, &v) in scales.iter_mut().zip(row) {
            if v.is_finite() {
                *m = m.max(v.abs());
            }
        }
    }
    let unit_scales: Vec<colors::SignedScale> = scales
        .iter()
        .map(|m| colors::SignedScale::new(m.max(1e-3)))
        .collect();
    for picture in pictures.iter_mut().take(units) {
        picture.resize(cells * 4, 0);
    }
    for (cell, row) in activations.chunks_exact(units).enumerate() {
        for ((picture, &v), scale) in pictures.iter_mut().zip(row).zip(&unit_scales) {
            put(picture, cell, scale.color(v));
        }
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
        paint_field(
            &outputs,
            1,
            4,
            FieldKind::Classes {
                palette: Palette::RedGreen,
            },
            &mut px,
        );
        let is_contour = |cell: usize| px[cell * 4..cell * 4 + 3].iter().all(|&c| c < 110);
        for row in 0..4 {
            assert!(is_contour(row * 4 + 1), "row {row}");
            assert!(!is_contour(row * 4) && !is_contour(row * 4 + 2) && !is_contour(row * 4 + 3));
        }
        assert!(px[0] > px[1], "class 0 is red");
        assert!(px[3 * 4 + 1] > px[3 * 4], "class 1 is green");
    }

    #[test]
    fn values_take_the_signed_colours_and_the_boundary_is_at_zero() {
        // 3×3 cells: a column of −2, one of 0.5, one of 2, on a scale of 2.
        let outputs: Vec<f32> = (0..9).map(|c| [-2.0, 0.5, 2.0][c % 3]).collect();
        let mut px = Vec::new();
        paint_field(&outputs, 1, 3, FieldKind::Value { scale: 2.0 }, &mut px);
        assert!(px.chunks(4).all(|c| c[3] == 255), "every cell opaque");
        for row in 0..3 {
            let cell = |col: usize| &px[(row * 3 + col) * 4..][..3];
            // The first column meets the sign change: drawn as the boundary.
            let dark = colors::mix(colors::NEGATIVE, colors::CONTOUR, 0.7);
            assert_eq!(cell(0), &dark[..], "row {row}");
            for (col, value) in [(1, 0.5), (2, 2.0)] {
                let want = colors::signed(value, 2.0);
                assert!(
                    (0..3).all(|ch| cell(col)[ch].abs_diff(want[ch]) <= 1),
                    "row {row} col {col}"
                );
            }
        }
    }

    #[test]
    fn nan_outputs_paint_grey_not_garbage() {
        let mut px = Vec::new();
        paint_field(
            &[f32::NAN; 4],
            1,
            2,
            FieldKind::Classes {
                palette: Palette::RedGreen,
            },
            &mut px,
        );
        assert!(px
            .chunks(4)
            .all(|c| c[..3] == colors::INVALID && c[3] == 255));
    }

    #[test]
    fn unit_pictures_use_their_own_scale() {
        let acts = [0.0, -4.0, 1.0, 4.0, 0.5, f32::NAN]; // 3 cells × 2 units
        let mut px = vec![Vec::new(), Vec::new()];
        paint_units(&acts, 2, &mut px);
        // Unit 0 runs 0 … 1: white, full blue, half blue.
        assert_eq!(px[0][..3], colors::WHITE[..]);
        assert_eq!(px[0][4..7], colors::POSITIVE[..]);
        let half = colors::signed(0.5, 1.0);
        assert!((0..3).all(|ch| (px[0][8 + ch] as i32 - half[ch] as i32).abs() <= 1));
        // Unit 1 runs −4 … 4: the ends of the scale; NaN is grey.
        assert_eq!(px[1][..3], colors::NEGATIVE[..]);
        assert_eq!(px[1][4..7], colors::POSITIVE[..]);
        assert_eq!(px[1][8..11], colors::INVALID[..]);
        assert!(px
            .iter()
            .all(|p| p.len() == 12 && p.chunks(4).all(|c| c[3] == 255)));
    }
}
