//! What the timeline costs training. For each workload:
//! - an epoch's time with the session recording a checkpoint every epoch
//!   and without, in many short windows taken in turns (the order flips
//!   each round, so a machine busy with other work slows both alike): the
//!   medians and their ratio;
//! - a checkpoint's copy by itself (`Trainer::save_checkpoint`, what
//!   recording adds to an epoch besides thinning the line now and then),
//!   against the epoch without recording, medians too. (The fastest window
//!   of each is no steadier here: on this shared machine it moved by 20%.)
//!
//! `cargo bench --bench timeline` (ROUNDS, default 41).

use descent::nn::{Checkpoint, Trainer};
use descent::scene::{workloads, Session};
use std::time::{Duration, Instant};

/// Each window runs at least this long.
const WINDOW: Duration = Duration::from_millis(100);

/// Seconds per call of `work`, over one window.
fn seconds_each(mut work: impl FnMut()) -> f64 {
    let start = Instant::now();
    let mut calls = 0u64;
    while start.elapsed() < WINDOW {
        work();
        calls += 1;
    }
    start.elapsed().as_secs_f64() / calls as f64
}

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(f64::total_cmp);
    xs[xs.len() / 2]
}

/// Seconds per checkpoint copy of `trainer`, in each of `rounds` windows.
fn copy_times(trainer: &Trainer, rounds: usize) -> Vec<f64> {
    let mut checkpoint = Checkpoint::default();
    trainer.save_checkpoint(&mut checkpoint);
    (0..rounds)
        .map(|_| seconds_each(|| trainer.save_checkpoint(std::hint::black_box(&mut checkpoint))))
        .collect()
}

fn main() {
    let rounds: usize = std::env::var("ROUNDS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(41);
    println!(
        "workload  epoch ms: without  recording  ratio | checkpoint copy µs  ÷ epoch | checkpoints kept"
    );
    for name in workloads::NAMES {
        let scene = workloads::scene(name).expect("a workload");
        let mut sessions = [Session::new(scene.clone()), Session::new(scene)];
        sessions[0].set_recording(false);
        // Past the first thinning, so the line is in its steady state.
        for s in &mut sessions {
            s.train_epochs(2 * s.timeline().capacity());
        }
        let mut times = [Vec::new(), Vec::new()];
        for round in 0..rounds {
            for i in if round % 2 == 0 { [0, 1] } else { [1, 0] } {
                let session = &mut sessions[i];
                times[i].push(seconds_each(|| {
                    session.train_epochs(1);
                }));
            }
        }
        let [without, with] = times.map(median);
        let copy = median(copy_times(sessions[1].trainer(), rounds));
        println!(
            "{name:<9}{:>18.4}{:>11.4}{:>7.3} |{:>19.2}{:>7.4} |{:>17}",
            without * 1e3,
            with * 1e3,
            with / without,
            copy * 1e6,
            copy / without,
            sessions[1].timeline().len()
        );
    }
}
