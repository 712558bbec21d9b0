//! Times the loss landscape: a 64 × 64 surface over 200 points for logistic
//! regression on one feature (two parameters), and painting it; then for
//! two weights of a 2-8-8-1 tanh network, in its last and its first layer.
//!
//! `cargo run --release --example landscape [picture.ppm]` (the optional
//! argument writes the painted surface as a PPM image, to look at).

use descent::nn::{Activation, Loss, Network, NetworkShape, Samples};
use descent::rng::Rng;
use descent::view::landscape::{paint, surface, Param, Window};
use std::hint::black_box;
use std::time::{Duration, Instant};

/// Nanoseconds this thread has spent on a CPU (Linux), so that other
/// processes sharing the machine do not inflate the measurement.
fn cpu_ns() -> Option<u64> {
    let text = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    text.split_whitespace().next()?.parse().ok()
}

/// Runs `f` repeatedly for at least a second; returns milliseconds per
/// call of CPU time where the system reports it, else of wall time.
fn ms_per_call(mut f: impl FnMut()) -> f64 {
    f(); // warm up
    let (start, cpu_start) = (Instant::now(), cpu_ns());
    let mut calls = 0u32;
    while start.elapsed() < Duration::from_secs(1) {
        f();
        calls += 1;
    }
    let ns = match (cpu_start, cpu_ns()) {
        (Some(a), Some(b)) => (b - a) as f64,
        _ => start.elapsed().as_nanos() as f64,
    };
    ns * 1e-6 / calls as f64
}

fn main() {
    let mut rng = Rng::new(1);
    let mut samples = Samples {
        width: 1,
        ..Samples::default()
    };
    for i in 0..200 {
        let class = (i % 2) as f32;
        samples.inputs.push(class - 0.5 + rng.normal());
        samples.targets.push(class);
    }
    let shape = NetworkShape::uniform(1, &[], Activation::Linear, Loss::BinaryCrossEntropy);
    let network = Network::new(&shape, &mut rng);
    let params = [
        Param::weight(&network, 0, 0, 0).unwrap(),
        Param::bias(&network, 0, 0).unwrap(),
    ];
    let window = Window::around([(1.0, 0.0), (-3.0, 2.5)], 0.25);
    let cells = 64;

    let mut values = Vec::new();
    let surface_ms = ms_per_call(|| {
        let s = surface(&network, &samples, params, window, cells).unwrap();
        values = black_box(s.values);
    });
    let mut pixels = Vec::new();
    let paint_ms = ms_per_call(|| paint(black_box(&values), cells, &mut pixels));
    println!("surface {cells}×{cells} over 200 points: {surface_ms:.3} ms");
    println!("paint {cells}×{cells}: {paint_ms:.4} ms");

    let mut points = Samples {
        width: 2,
        ..Samples::default()
    };
    for _ in 0..200 {
        let (x1, x2) = (rng.range(-1.0, 1.0), rng.range(-1.0, 1.0));
        points.inputs.extend([x1, x2]);
        points.targets.push((x1 * x2 > 0.0) as u8 as f32);
    }
    let shape = NetworkShape::uniform(2, &[8, 8], Activation::Tanh, Loss::BinaryCrossEntropy);
    let deep = Network::new(&shape, &mut rng);
    for (name, layer) in [("last", 2), ("first", 0)] {
        let params = [
            Param::weight(&deep, layer, 0, 0).unwrap(),
            Param::bias(&deep, layer, 0).unwrap(),
        ];
        let ms = ms_per_call(|| {
            black_box(surface(&deep, &points, params, window, cells).unwrap());
        });
        println!("surface {cells}×{cells}, 2-8-8-1 tanh, {name} layer's w and b: {ms:.3} ms");
    }

    if let Some(file) = std::env::args().nth(1) {
        let mut ppm = format!("P6 {cells} {cells} 255\n").into_bytes();
        for px in pixels.chunks_exact(4) {
            ppm.extend_from_slice(&px[..3]);
        }
        std::fs::write(&file, ppm).expect("write the picture");
    }
}
