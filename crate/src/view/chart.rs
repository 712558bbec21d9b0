//! Where a chart's data go on its canvas: the plotting area inside the
//! margins, and the straight-line maps from data to pixels.

/// Space kept free on each side of the plotting area, in pixels.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Margins {
    pub left: f64,
    pub top: f64,
    pub right: f64,
    pub bottom: f64,
}

/// A chart's plotting area and the data ranges it spans.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Plot {
    left: f64,
    top: f64,
    width: f64,
    height: f64,
    x: (f64, f64),
    y: (f64, f64),
}

impl Plot {
    /// The area of a `width × height` canvas inside `margins`, showing `x`
    /// from left to right and `y` from bottom to top. An empty range is
    /// widened to one unit so that every value still has a place.
    pub fn new(width: f64, height: f64, margins: Margins, x: (f64, f64), y: (f64, f64)) -> Plot {
        let span = |(lo, hi): (f64, f64)| if hi > lo { (lo, hi) } else { (lo, lo + 1.0) };
        Plot {
            left: margins.left,
            top: margins.top,
            width: (width - margins.left - margins.right).max(1.0),
            height: (height - margins.top - margins.bottom).max(1.0),
            x: span(x),
            y: span(y),
        }
    }

    /// The pixel of the data point (x, y).
    pub fn at(&self, x: f64, y: f64) -> (f64, f64) {
        let fx = (x - self.x.0) / (self.x.1 - self.x.0);
        let fy = (y - self.y.0) / (self.y.1 - self.y.0);
        (
            self.left + fx * self.width,
            self.top + (1.0 - fy) * self.height,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MARGINS: Margins = Margins {
        left: 30.0,
        top: 10.0,
        right: 20.0,
        bottom: 40.0,
    };

    #[test]
    fn the_ranges_ends_are_the_areas_corners() {
        let plot = Plot::new(250.0, 150.0, MARGINS, (0.0, 100.0), (-1.0, 1.0));
        assert_eq!(plot.at(0.0, -1.0), (30.0, 110.0));
        assert_eq!(plot.at(100.0, 1.0), (230.0, 10.0));
        assert_eq!(plot.at(50.0, 0.0), (130.0, 60.0));
    }

    #[test]
    fn an_empty_range_still_places_its_value() {
        let plot = Plot::new(250.0, 150.0, MARGINS, (5.0, 5.0), (0.0, 0.0));
        let (x, y) = plot.at(5.0, 0.0);
        assert_eq!((x, y), (30.0, 110.0));
    }

    #[test]
    fn a_canvas_smaller_than_its_margins_keeps_a_pixel() {
        let plot = Plot::new(10.0, 10.0, MARGINS, (0.0, 1.0), (0.0, 1.0));
        let (x0, _) = plot.at(0.0, 0.0);
        let (x1, _) = plot.at(1.0, 0.0);
        assert_eq!(x1 - x0, 1.0);
    }
}
