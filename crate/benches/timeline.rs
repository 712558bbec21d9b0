//! What the timeline costs training: each workload's epochs per second with
//! the session recording a checkpoint every epoch and without, in turns (the
//! order flips each round, so a machine busy with other work slows both
//! alike). Prints the medians and their ratio.
//!
//! `cargo bench --bench timeline` (ROUNDS, default 7).

use descent::scene::{workloads, Session};
use std::time::{Duration, Instant};

/// Each measurement trains for at least this long.
const MEASURE: Duration = Duration::from_millis(400);

/// Epochs per second of `session` over one measurement.
fn epochs_per_second(session: &mut Session) -> f64 {
    let start = Instant::now();
    let mut epochs = 0u64;
    while start.elapsed() < MEASURE {
        session.train_epochs(1);
        epochs += 1;
    }
    epochs as f64 / start.elapsed().as_secs_f64()
}

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(f64::total_cmp);
    xs[xs.len() / 2]
}

fn main() {
    let rounds: usize = std::env::var("ROUNDS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(7);
    println!("workload   without epochs/s   recording epochs/s   ratio   checkpoints kept");
    for name in workloads::NAMES {
        let scene = workloads::scene(name).expect("a workload");
        let mut sessions = [Session::new(scene.clone()), Session::new(scene)];
        sessions[0].set_recording(false);
        // Past the first thinning, so the line is in its steady state.
        for s in &mut sessions {
            s.train_epochs(2 * s.timeline().capacity());
        }
        let mut rates = [Vec::new(), Vec::new()];
        for round in 0..rounds {
            for i in if round % 2 == 0 { [0, 1] } else { [1, 0] } {
                rates[i].push(epochs_per_second(&mut sessions[i]));
            }
        }
        let [without, with] = rates.map(median);
        println!(
            "{name:<9}{without:>18.0}{with:>21.0}{:>8.3}{:>19}",
            with / without,
            sessions[1].timeline().len()
        );
    }
}
