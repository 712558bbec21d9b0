//! Descent: a neural-network playground. `nn` is the maths, `data` the points,
//! `scene` a playground's state, `view` the drawing maths: all plain Rust and
//! tested natively. `web` binds them to the page.

pub mod data;
pub mod i18n;
pub mod nn;
pub mod portable;
pub mod rng;
pub mod scene;
pub mod view;
#[cfg(target_arch = "wasm32")]
pub mod web;
