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

    fn blend(&mut self, x: i32, y: i32, color: Rgb, coverage: f32) {
        if x < 0
            || y < 0
            || x as usize >= self.width
            || y as usize >= self.height
            || coverage.is_nan()
            || coverage <= 0.0
        {
            return;
        }
        // Integer blending in 1/256ths: the float round trip per channel costs
        // more than the rest of the line.
        let weight = (coverage * 256.0) as i32;
        let i = (y as usize * self.width + x as usize) * 4;
        for (channel, &c) in self.pixels[i..i + 3].iter_mut().zip(&color) {
            let old = *channel as i32;
            *channel = (old + (((c as i32 - old) * weight) >> 8)) as u8;
        }
    }

    /// A line `width` pixels thick from (x0, y0) to (x1, y1), anti-aliased:
    /// walk the longer axis and cover the pixels across it by their distance
    /// from the line's centre.
    pub fn line(&mut self, (x0, y0): (f32, f32), (x1, y1): (f32, f32), width: f32, color: Rgb) {
        let (dx, dy) = (x1 - x0, y1 - y0);
        let steep = dy.abs() > dx.abs();
        // Work in (major, minor) coordinates; swap back when plotting.
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
        let slope = if a1 > a0 { (b1 - b0) / (a1 - a0) } else { 0.0 };
        // Half the thickness measured across the minor axis.
        let half = 0.5 * width.max(0.5) * (1.0 + slope * slope).sqrt();
        // Only the part of the line over the raster (coordinates may be anywhere).
        let major = if steep { self.height } else { self.width } as f32;
        let (start, end) = (
            a0.max(-2.0).round() as i32,
            a1.min(major + 2.0).round() as i32,
        );
        for a in start..=end {
            let centre = b0 + slope * (a as f32 - a0);
            let (low, high) = (
                (centre - half - 1.0).floor() as i32,
                (centre + half + 1.0).ceil() as i32,
            );
            for b in low..=high {
                let coverage = (half + 0.5 - (b as f32 - centre).abs()).clamp(0.0, 1.0);
                if steep {
                    self.blend(b, a, color, coverage);
                } else {
                    self.blend(a, b, color, coverage);
                }
            }
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
