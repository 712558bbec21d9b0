//! Pure drawing maths: the sampled grid, colour maps, pixel buffers, layout.

pub mod grid;
