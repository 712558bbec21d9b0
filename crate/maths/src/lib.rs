//! Descent's maths: `nn` the network and its training, `rng` the one seeded
//! generator, `portable` the sin, cos, ln and exp that give the same bits
//! everywhere. A crate of its own so that it is compiled for speed while the
//! rest of the playground is compiled for size (the workspace's Cargo.toml).

pub mod nn;
pub mod portable;
pub mod rng;
