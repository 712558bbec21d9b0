//! Pure drawing maths: the sampled grid, colour maps, pixel buffers and the
//! diagram's layout. No web dependency: tested natively.

pub mod chart;
pub mod colors;
pub mod drawn_from;
pub mod field;
pub mod grid;
pub mod hidden_space;
pub mod landscape;
pub mod layout;
pub mod links;
pub mod pictures;
pub mod raster;
pub mod snapshot;
pub mod surface3d;
pub mod ticks;
