//! A small software rasteriser for anti-aliased lines into an RGBA buffer:
//! thousands of links cost the browser's canvas far more than this loop.

use super::colors::Rgb;

#[derive(Default)]
pub struct Raster {
    pub width: usize,
    pub height: usize,
    /// RGBA, row-major, opaque.
    pub pixels: Vec<u8>,
}

impl Raster {
    /// Resizes (if needed) and fills with one colour.
    pub fn clear(&mut self, width: usize, height: usize, color: Rgb) {
        self.width = width;
        self.height = height;
        self.pixels.resize(width * height * 4, 0);
        for px in self.pixels.chunks_exact_mut(4) {
            px.copy_from_slice(&[color[0], color[1], color[2], 255]);
        }
    }

    /// A line `width` pixels thick from (x0, y0) to (x1, y1), anti-aliased:
    /// walk the longer axis and cover the pixels across it by their distance
    /// from the line's centre. Only pixels with some coverage are visited,
    /// and the line is clipped to the raster once per step, not per pixel
    /// (the diagram of the largest network draws 7,000 of these a frame).
    pub fn line(&mut self, (x0, y0): (f32, f32), (x1, y1): (f32, f32), width: f32, color: Rgb) {
        // Nothing the diagram draws is a million pixels away; such input is garbage.
        if ![x0, y0, x1, y1, width].iter().all(|v| v.abs() < 1e6) {
            return;
        }
        let (dx, dy) = (x1 - x0, y1 - y0);
        let steep = dy.abs() > dx.abs();
        // Work in (major, minor) coordinates; a pixel's index is
        // major · major_stride + minor · minor_stride (in pixels).
        let (a0, b0, a1, b1) = if steep {
            (y0, x0, y1, x1)
        } else {
            (x0, y0, x1, y1)
        };
        let (a0, b0, a1, b1) = if a0 > a1 {
            (a1, b1, a0, b0)
        } else {
            (a0, b0, a1, b1)
        };
        let (major_len, minor_len, major_stride, minor_stride) = if steep {
            (self.height, self.width, self.width, 1)
        } else {
            (self.width, self.height, 1, self.width)
        };
        let slope = if a1 > a0 { (b1 - b0) / (a1 - a0) } else { 0.0 };
        // Half the thickness measured across the minor axis, plus the half
        // pixel over which coverage fades from 1 to 0.
        let reach = 0.5 * width.max(0.5) * (1.0 + slope * slope).sqrt() + 0.5;
        let first = a0.round().max(0.0) as usize;
        let last = a1.round().min(major_len as f32 - 1.0);
        if last < 0.0 {
            return;
        }
        let last = last as usize;
        let channels = [color[0] as i32, color[1] as i32, color[2] as i32];
        // The walk runs in 16.16 fixed point: integer steps along the line.
        const ONE: i64 = 1 << 16;
        let fixed = |v: f32| (v as f64 * ONE as f64) as i64;
        let (reach, step) = (fixed(reach), fixed(slope));
        let mut centre = fixed(b0) + ((first as f64 - a0 as f64) * step as f64) as i64;
        let minor_max = minor_len as i64 - 1;
        for a in first..=last {
            let low = ((centre - reach + ONE - 1) >> 16).max(0);
            let high = ((centre + reach) >> 16).min(minor_max);
            for b in low..=high {
                // Coverage in 1/256ths: 1 within the core, fading over the last half pixel.
                let weight = ((reach - (b * ONE - centre).abs()).min(ONE) >> 8) as i32;
                if weight <= 0 {
                    continue;
                }
                let i = (a * major_stride + b as usize * minor_stride) * 4;
                let px: &mut [u8; 3] = (&mut self.pixels[i..i + 3]).try_into().unwrap();
                for (channel, &c) in px.iter_mut().zip(&channels) {
                    let old = *channel as i32;
                    *channel = (old + (((c - old) * weight) >> 8)) as u8;
                }
            }
            centre += step;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pixel(r: &Raster, x: usize, y: usize) -> [u8; 3] {
        let i = (y * r.width + x) * 4;
        [r.pixels[i], r.pixels[i + 1], r.pixels[i + 2]]
    }

    #[test]
    fn a_line_colours_its_path_and_nothing_far_from_it() {
        let mut r = Raster::default();
        r.clear(40, 40, [255, 255, 255]);
        r.line((2.0, 2.0), (37.0, 30.0), 2.0, [0, 0, 255]);
        // On the line: blue; far away: still white.
        let (x, y) = (20usize, (2.0 + 28.0 * 18.0 / 35.0f32).round() as usize);
        assert!(pixel(&r, x, y)[0] < 100, "{:?}", pixel(&r, x, y));
        assert_eq!(pixel(&r, 30, 5), [255, 255, 255]);
        assert_eq!(pixel(&r, 5, 30), [255, 255, 255]);
    }

    #[test]
    fn steep_flat_and_reversed_lines_all_draw() {
        for (from, to) in [
            ((5.0, 1.0), (6.0, 38.0)),
            ((1.0, 20.0), (38.0, 20.0)),
            ((38.0, 38.0), (1.0, 1.0)),
        ] {
            let mut r = Raster::default();
            r.clear(40, 40, [255, 255, 255]);
            r.line(from, to, 1.0, [0, 0, 0]);
            let inked = r.pixels.chunks(4).filter(|p| p[0] < 128).count();
            assert!(inked >= 36, "{from:?} → {to:?}: {inked} pixels");
        }
    }

    #[test]
    fn lines_off_the_raster_are_clipped_not_a_panic() {
        let mut r = Raster::default();
        r.clear(10, 10, [255, 255, 255]);
        r.line((-50.0, -50.0), (60.0, 70.0), 3.0, [0, 0, 0]);
        r.line((f32::NAN, 0.0), (5.0, 5.0), 1.0, [0, 0, 0]);
        r.line((-1e30, 0.0), (1e30, 5.0), 1.0, [0, 0, 0]); // returns promptly
        assert_eq!(r.pixels.len(), 400);
    }
}
