//! The benchmark's workloads, measured inside the browser (driven by
//! `scripts/bench-browser.mjs`); the native twin is `benches/train.rs`.

use super::now_ms;
use crate::nn::Workspace;
use crate::scene::{workloads, Session};
use crate::view::grid::Grid;
use js_sys::{Object, Reflect};
use wasm_bindgen::prelude::*;

/// Calls `f` repeatedly for at least `ms`; returns milliseconds per call.
fn time_per_call(ms: f64, mut f: impl FnMut()) -> f64 {
    f();
    let start = now_ms();
    let mut calls = 0u32;
    while now_ms() - start < ms {
        f();
        calls += 1;
    }
    (now_ms() - start) / calls as f64
}

/// Training and grid figures for workload `name` ("a", "b" or "largest").
#[wasm_bindgen]
pub fn bench_workload(name: &str, ms_per_measurement: f64) -> Result<JsValue, JsError> {
    let scene =
        workloads::scene(name).ok_or_else(|| JsError::new(&format!("no workload '{name}'")))?;
    let domain = scene.domain;
    let features = scene.features;
    let mut session = Session::new(scene);
    let samples = session.trainer().train_samples().len() as f64;
    let epoch_ms = time_per_call(ms_per_measurement, || {
        session.train_epochs(1);
    });
    let result = Object::new();
    let put = |k: &str, v: f64| Reflect::set(&result, &k.into(), &v.into()).map(|_| ());
    put("epochsPerSecond", 1000.0 / epoch_ms).map_err(|_| JsError::new("set"))?;
    put("usPerSampleStep", epoch_ms * 1000.0 / samples).map_err(|_| JsError::new("set"))?;
    let net = &session.trainer().network;
    let weights: usize = net.layers.iter().map(|l| l.weights.len()).sum();
    put("gflops", 6.0 * weights as f64 * samples / epoch_ms / 1e6)
        .map_err(|_| JsError::new("set"))?;
    for size in [100, 256] {
        let grid = Grid::new(size, domain, features);
        let mut ws = Workspace::new();
        let (mut out, mut units) = (Vec::new(), Vec::new());
        let ms = time_per_call(ms_per_measurement, || {
            grid.evaluate(net, &mut ws, &mut out, Some(&mut units))
        });
        put(&format!("grid{size}Ms"), ms).map_err(|_| JsError::new("set"))?;
    }
    Ok(result.into())
}

/// Single-core multiply-add rate on data held in registers, in GFLOP/s.
#[wasm_bindgen]
pub fn bench_peak_gflops(ms: f64) -> f64 {
    const LANES: usize = 64;
    let mut acc = [1.0f32; LANES];
    let (a, b) = (
        std::hint::black_box(0.999_999f32),
        std::hint::black_box(1e-7f32),
    );
    let per_call = 10_000;
    let call_ms = time_per_call(ms, || {
        for _ in 0..per_call {
            for x in acc.iter_mut() {
                *x = *x * a + b;
            }
        }
        std::hint::black_box(&acc);
    });
    (2 * LANES * per_call) as f64 / call_ms / 1e6
}
