//! The benchmark's workloads, measured inside the browser (driven by
//! `scripts/bench-browser.mjs`); the native twin is `benches/train.rs`.

use super::now_ms;
use crate::nn::{Trainer, Workspace};
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

/// The scene of workload `name`, or an error naming it.
fn workload(name: &str) -> Result<crate::scene::Scene, JsError> {
    workloads::scene(name).ok_or_else(|| JsError::new(&format!("no workload '{name}'")))
}

/// Training and grid figures for workload `name` ("a", "b" or "largest").
#[wasm_bindgen]
pub fn bench_workload(name: &str, ms_per_measurement: f64) -> Result<JsValue, JsError> {
    let scene = workload(name)?;
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
    // Where an epoch goes: the loss evaluation `record_epoch` runs over every point.
    let mut eval_ws = Workspace::new();
    let trainer = session.trainer();
    let evaluate_ms = time_per_call(ms_per_measurement / 3.0, || {
        Trainer::evaluate(&trainer.network, trainer.train_samples(), &mut eval_ws);
        Trainer::evaluate(&trainer.network, trainer.test_samples(), &mut eval_ws);
    });
    put("evaluateMsPerEpoch", evaluate_ms).map_err(|_| JsError::new("set"))?;
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

/// Nanoseconds per element of tanh over a buffer (the grid's main cost).
#[wasm_bindgen]
pub fn bench_tanh_ns(ms: f64) -> f64 {
    let z: Vec<f32> = (0..8192).map(|i| (i as f32 * 0.013).sin() * 4.0).collect();
    let mut a = vec![0.0; z.len()];
    let call_ms = time_per_call(ms, || {
        crate::nn::Activation::Tanh.apply_all(std::hint::black_box(&z), &mut a);
        std::hint::black_box(&a);
    });
    call_ms * 1e6 / z.len() as f64
}

/// Trains `epochs` epochs of workload `name` and returns its first weight:
/// the work `scripts/bench-count.mjs` counts in instructions.
#[wasm_bindgen]
pub fn bench_epochs(name: &str, epochs: usize) -> Result<f32, JsError> {
    let scene = workload(name)?;
    let mut session = Session::new(scene);
    session.train_epochs(epochs);
    Ok(session.trainer().network.layers[0].weights[0])
}
