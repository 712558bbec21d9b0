//! Where the network diagram puts each unit, and what lies under the mouse.

/// A unit's square on the diagram, in CSS pixels.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Square {
    pub x: f32,
    pub y: f32,
    pub size: f32,
}

impl Square {
    pub fn centre(&self) -> (f32, f32) {
        (self.x + self.size / 2.0, self.y + self.size / 2.0)
    }

    fn contains(&self, x: f32, y: f32) -> bool {
        x >= self.x && x <= self.x + self.size && y >= self.y && y <= self.y + self.size
    }
}

/// What the mouse is over.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Hit {
    /// Layer (0 = inputs) and unit.
    Unit { layer: usize, unit: usize },
    /// The link from `from` in layer `layer - 1` to `to` in `layer`.
    Link {
        layer: usize,
        from: usize,
        to: usize,
    },
}

/// Columns of units: inputs, each hidden layer, outputs.
pub struct Layout {
    pub columns: Vec<Vec<Square>>,
    pub width: f32,
    pub height: f32,
}

/// Room kept above the units for the layer's label and its +/− buttons.
pub const HEADER: f32 = 58.0;
const LARGEST_UNIT: f32 = 40.0;
const GAP: f32 = 0.25;

impl Layout {
    /// `widths`: units per column, inputs first.
    pub fn new(widths: &[usize], width: f32, height: f32) -> Layout {
        let columns_n = widths.len().max(1) as f32;
        let column_step = width / columns_n;
        let tallest = widths.iter().copied().max().unwrap_or(1).max(1) as f32;
        let usable = (height - HEADER - 8.0).max(10.0);
        let size = (usable / (tallest * (1.0 + GAP)))
            .min(LARGEST_UNIT)
            .min(column_step * 0.45)
            .max(3.0);
        let columns = widths
            .iter()
            .enumerate()
            .map(|(c, &n)| {
                let x = column_step * (c as f32 + 0.5) - size / 2.0;
                let column_height = n as f32 * size * (1.0 + GAP) - size * GAP;
                let top = HEADER + (usable - column_height) / 2.0;
                (0..n)
                    .map(|u| Square {
                        x,
                        y: top + u as f32 * size * (1.0 + GAP),
                        size,
                    })
                    .collect()
            })
            .collect();
        Layout {
            columns,
            width,
            height,
        }
    }

    /// The x of a column's centre (for labels and buttons above it).
    pub fn column_centre(&self, column: usize) -> f32 {
        self.width / self.columns.len().max(1) as f32 * (column as f32 + 0.5)
    }

    /// The unit under (x, y), else the nearest link within a few pixels.
    pub fn hit(&self, x: f32, y: f32) -> Option<Hit> {
        for (layer, column) in self.columns.iter().enumerate() {
            if let Some(unit) = column.iter().position(|s| s.contains(x, y)) {
                return Some(Hit::Unit { layer, unit });
            }
        }
        const REACH: f32 = 4.0;
        let mut best: Option<(f32, Hit)> = None;
        for layer in 1..self.columns.len() {
            for (from, a) in self.columns[layer - 1].iter().enumerate() {
                for (to, b) in self.columns[layer].iter().enumerate() {
                    let (ax, ay) = (a.x + a.size, a.y + a.size / 2.0);
                    let (bx, by) = (b.x, b.y + b.size / 2.0);
                    let d = distance_to_segment(x, y, ax, ay, bx, by);
                    if d <= REACH && best.is_none_or(|(bd, _)| d < bd) {
                        best = Some((d, Hit::Link { layer, from, to }));
                    }
                }
            }
        }
        best.map(|(_, hit)| hit)
    }

    /// Which of the diagram's pictures (numbered down each column, the
    /// inputs first, as `Pictures::units` holds them) a hovered unit is;
    /// None for a link or a unit that is not there.
    pub fn picture_index(&self, hit: Hit) -> Option<usize> {
        let Hit::Unit { layer, unit } = hit else {
            return None;
        };
        let column = self.columns.get(layer)?;
        (unit < column.len())
            .then(|| self.columns[..layer].iter().map(Vec::len).sum::<usize>() + unit)
    }
}

fn distance_to_segment(px: f32, py: f32, ax: f32, ay: f32, bx: f32, by: f32) -> f32 {
    let (dx, dy) = (bx - ax, by - ay);
    let len2 = dx * dx + dy * dy;
    let t = if len2 > 0.0 {
        (((px - ax) * dx + (py - ay) * dy) / len2).clamp(0.0, 1.0)
    } else {
        0.0
    };
    let (cx, cy) = (ax + t * dx, ay + t * dy);
    ((px - cx).powi(2) + (py - cy).powi(2)).sqrt()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_fit_inside_and_do_not_overlap() {
        for widths in [vec![2, 4, 2, 1], vec![7, 32, 32, 32, 32, 32, 32, 32, 32, 4]] {
            let layout = Layout::new(&widths, 600.0, 400.0);
            for column in &layout.columns {
                for (a, b) in column.iter().zip(column.iter().skip(1)) {
                    assert!(b.y >= a.y + a.size, "overlap in {widths:?}");
                }
                for s in column {
                    assert!(
                        s.x >= 0.0
                            && s.x + s.size <= 600.0
                            && s.y >= HEADER
                            && s.y + s.size <= 400.0
                    );
                }
            }
        }
    }

    #[test]
    fn a_hovered_unit_names_its_picture_and_a_link_none() {
        let layout = Layout::new(&[2, 3, 1], 300.0, 300.0);
        let unit = |layer, unit| layout.picture_index(Hit::Unit { layer, unit });
        assert_eq!(unit(0, 1), Some(1));
        assert_eq!(unit(1, 0), Some(2));
        assert_eq!(unit(1, 2), Some(4));
        assert_eq!(unit(2, 0), Some(5));
        assert_eq!(unit(1, 3), None, "no fourth unit");
        assert_eq!(unit(3, 0), None, "no fourth column");
        let link = Hit::Link {
            layer: 1,
            from: 0,
            to: 0,
        };
        assert_eq!(layout.picture_index(link), None);
    }

    #[test]
    fn hits_find_units_and_links() {
        let layout = Layout::new(&[2, 3, 1], 300.0, 300.0);
        let (x, y) = layout.columns[1][2].centre();
        assert_eq!(layout.hit(x, y), Some(Hit::Unit { layer: 1, unit: 2 }));
        let a = layout.columns[1][0];
        let b = layout.columns[2][0];
        let (mx, my) = ((a.x + a.size + b.x) / 2.0, (a.y + b.y + a.size) / 2.0 + 0.0);
        assert_eq!(
            layout.hit(mx, my),
            Some(Hit::Link {
                layer: 2,
                from: 0,
                to: 0
            })
        );
        assert_eq!(layout.hit(1.0, 1.0), None);
    }
}
