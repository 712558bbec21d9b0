//! Native benchmark: the two reference workloads, against a node-per-object
//! network (the way TensorFlow Playground builds one) measured in the same run.
//!
//! `cargo bench --bench train` (or `make bench`). Arguments narrow a run
//! while tuning: workload names (`-- a b`), `--no-reference`, `--no-grid`.

mod reference;

use descent::nn::{Features, Workspace};
use descent::scene::{workloads, Session};
use descent::view::grid::Grid;
use std::hint::black_box;
use std::time::{Duration, Instant};

/// Each measurement repeats for at least this long.
const MEASURE: Duration = Duration::from_millis(1500);

const WORKLOADS: [(&str, &str); 3] = [
    ("a", "(a) circle, 250 training points, hidden [4, 2]"),
    (
        "b",
        "(b) spiral, 250 training points, hidden [8, 8, 8, 8, 8, 8]",
    ),
    (
        "largest",
        "largest: spiral, 500 training points, hidden 8 × [32]",
    ),
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
    let args: Vec<String> = std::env::args().skip(1).collect();
    let with_reference = !args.iter().any(|a| a == "--no-reference");
    let with_grid = !args.iter().any(|a| a == "--no-grid");
    let chosen: Vec<&String> = args.iter().filter(|a| !a.starts_with('-')).collect();
    let peak = peak_gflops();
    println!("single-core peak (multiply-add, in registers): {peak:.1} GFLOP/s\n");
    for (name, title) in WORKLOADS {
        if !chosen.is_empty() && !chosen.iter().any(|c| *c == name) {
            continue;
        }
        let scene = workloads::scene(name).expect("a named workload");
        let (domain, hidden) = (scene.domain, scene.hidden.clone());
        let mut session = Session::new(scene);
        let train = session.trainer().train_samples().clone();
        let train_len = train.len();
        let epoch_s = time_per_call(|| {
            session.train_epochs(1);
        });
        let trainer = session.trainer();
        let weights: usize = trainer.network.layers.iter().map(|l| l.weights.len()).sum();
        // Forward 2·W, gradient 2·W, back-propagated error 2·W multiply-adds per sample.
        let gflops = 6.0 * weights as f64 * train_len as f64 / epoch_s / 1e9;

        let mut sizes = vec![2];
        sizes.extend_from_slice(&hidden);
        sizes.push(1);
        let mut reference = reference::NodeNetwork::new(&sizes, 1);
        let ref_epoch_s = if with_reference {
            time_per_call(|| reference.epoch(&train.inputs, &train.targets, 10, 0.03))
        } else {
            f64::NAN
        };

        println!("{title}");
        println!(
            "  training: {:>9.0} epochs/s, {:>6.3} µs/sample-step, {:.2} GFLOP/s ({:.1}% of peak) | reference {:>7.0} epochs/s | ×{:.1}",
            1.0 / epoch_s,
            epoch_s * 1e6 / train_len as f64,
            gflops,
            100.0 * gflops / peak,
            1.0 / ref_epoch_s,
            ref_epoch_s / epoch_s
        );
        for size in [100, 256].into_iter().filter(|_| with_grid) {
            let grid = Grid::new(size, domain, Features::RAW);
            let mut ws = Workspace::new();
            let (mut out, mut units) = (Vec::new(), Vec::new());
            let grid_s = time_per_call(|| {
                grid.evaluate(&trainer.network, &mut ws, &mut out, Some(&mut units))
            });
            let mut pictures = vec![0.0; reference.nodes() * size * size];
            let ref_grid_s = if with_reference {
                time_per_call(|| reference.grid(size, &mut pictures))
            } else {
                f64::NAN
            };
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
