//! Native benchmark: the two reference workloads, against a node-per-object
//! network (the way TensorFlow Playground builds one) measured in the same run.
//!
//! `cargo bench --bench train` (or `make bench`).

mod reference;

use descent::data::{self, Preset};
use descent::nn::{Activation, Features, Loss, NetworkShape, TrainConfig, Trainer, Workspace};
use descent::rng::Rng;
use descent::view::grid::Grid;
use std::hint::black_box;
use std::time::{Duration, Instant};

/// Each measurement repeats for at least this long.
const MEASURE: Duration = Duration::from_millis(1500);

struct Workload {
    name: &'static str,
    preset: Preset,
    hidden: &'static [usize],
}

const WORKLOADS: [Workload; 2] = [
    Workload {
        name: "(a) circle, hidden [4, 2]",
        preset: Preset::Circle,
        hidden: &[4, 2],
    },
    Workload {
        name: "(b) spiral, hidden [8, 8, 8, 8, 8, 8]",
        preset: Preset::Spiral,
        hidden: &[8, 8, 8, 8, 8, 8],
    },
];

/// Runs `f` repeatedly for at least MEASURE; returns seconds per call.
fn time_per_call(mut f: impl FnMut()) -> f64 {
    f(); // warm up
    let start = Instant::now();
    let mut calls = 0u64;
    while start.elapsed() < MEASURE {
        f();
        calls += 1;
    }
    start.elapsed().as_secs_f64() / calls as f64
}

/// Single-core f32 multiply-add rate on data in registers: the ceiling.
fn peak_gflops() -> f64 {
    const LANES: usize = 64;
    let mut acc = [1.0f32; LANES];
    let (a, b) = (black_box(0.999_999f32), black_box(1e-7f32));
    let per_call = 10_000;
    let seconds = time_per_call(|| {
        for _ in 0..per_call {
            for x in acc.iter_mut() {
                *x = *x * a + b;
            }
        }
        black_box(&acc);
    });
    (2 * LANES * per_call) as f64 / seconds / 1e9
}

fn main() {
    println!(
        "Descent native benchmark: {} (release build)",
        std::env::consts::ARCH
    );
    let peak = peak_gflops();
    println!("single-core peak (multiply-add, in registers): {peak:.1} GFLOP/s\n");
    for w in &WORKLOADS {
        let mut rng = Rng::new(1);
        let mut points = w.preset.generate(500, 0.0, &mut rng);
        data::split(&mut points, 0.5, &mut rng);
        let (train, test) = data::split_samples(&points, Features::RAW);
        let config = TrainConfig {
            learning_rate: 0.03,
            batch_size: 10,
            ..TrainConfig::default()
        };
        let shape = NetworkShape::uniform(2, w.hidden, Activation::Tanh, Loss::BinaryCrossEntropy);
        let train_len = train.len();
        let mut trainer = Trainer::new(&shape, config, train.clone(), test, 1);
        let epoch_s = time_per_call(|| {
            trainer.step_epoch();
        });
        let weights: usize = trainer.network.layers.iter().map(|l| l.weights.len()).sum();
        // Forward 2·W, gradient 2·W, back-propagated error 2·W multiply-adds per sample.
        let gflops = 6.0 * weights as f64 * train_len as f64 / epoch_s / 1e9;

        let mut sizes = vec![2];
        sizes.extend_from_slice(w.hidden);
        sizes.push(1);
        let mut reference = reference::NodeNetwork::new(&sizes, 1);
        let ref_epoch_s =
            time_per_call(|| reference.epoch(&train.inputs, &train.targets, 10, 0.03));

        println!("{}", w.name);
        println!(
            "  training: {:>9.0} epochs/s, {:>6.3} µs/sample-step, {:.2} GFLOP/s ({:.1}% of peak) | reference {:>7.0} epochs/s | ×{:.1}",
            1.0 / epoch_s,
            epoch_s * 1e6 / train_len as f64,
            gflops,
            100.0 * gflops / peak,
            1.0 / ref_epoch_s,
            ref_epoch_s / epoch_s
        );
        for size in [100, 256] {
            let grid = Grid::new(size, w.preset.domain(), Features::RAW);
            let mut ws = Workspace::new();
            let (mut out, mut units) = (Vec::new(), Vec::new());
            let grid_s = time_per_call(|| {
                grid.evaluate(&trainer.network, &mut ws, &mut out, Some(&mut units))
            });
            let mut pictures = vec![0.0; reference.nodes() * size * size];
            let ref_grid_s = time_per_call(|| reference.grid(size, &mut pictures));
            println!(
                "  grid {size}×{size} (every unit): {:>7.3} ms | reference {:>7.2} ms | ×{:.1}",
                grid_s * 1e3,
                ref_grid_s * 1e3,
                ref_grid_s / grid_s
            );
        }
        println!();
    }
}
