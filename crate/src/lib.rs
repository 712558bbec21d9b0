//! Descent: a neural-network playground. `nn` is the maths, `data` the points;
//! both are plain Rust and tested natively.

pub mod data;
pub mod nn;
pub mod rng;
