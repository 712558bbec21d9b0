//! Descent: a neural-network playground. `nn` is the maths, `data` the points,
//! `scene` a playground's state, `view` the drawing maths: all plain Rust and
//! tested natively. `web` binds them to the page.

pub mod data;
pub mod decimal;
pub mod i18n;
pub mod scene;
pub mod view;

// The maths is a crate of its own (compiled for speed); its paths stay `crate::nn` and so on.
pub use descent_maths::{nn, portable, rng};
#[cfg(all(target_arch = "wasm32", feature = "page"))]
pub mod web;
