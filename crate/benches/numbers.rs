//! What writing a number costs with the crate's writer (`descent::decimal`)
//! against core's `format!`, in the forms the page writes: `{:.3}` (tick
//! labels, the words), `{}` of an f32 (settings, links, files) and `{}` of
//! a whole f64 (font sizes). Each form is timed in many short windows,
//! ours and core's in turns, and the medians are compared.
//!
//! `cargo bench --bench numbers` (ROUNDS, default 21).

use descent::decimal::{Fixed, Shortest};
use std::hint::black_box;
use std::time::{Duration, Instant};

const WINDOW: Duration = Duration::from_millis(50);

/// Nanoseconds per number written, over one window through `values`.
fn ns_each<T: Copy>(values: &[T], write: impl Fn(T) -> String) -> f64 {
    let start = Instant::now();
    let mut written = 0u64;
    while start.elapsed() < WINDOW {
        for &v in values {
            black_box(write(black_box(v)));
        }
        written += values.len() as u64;
    }
    start.elapsed().as_nanos() as f64 / written as f64
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn compare<T: Copy>(
    form: &str,
    values: &[T],
    ours: impl Fn(T) -> String,
    core: impl Fn(T) -> String,
) {
    let rounds: usize = std::env::var("ROUNDS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(21);
    let (mut a, mut b) = (Vec::new(), Vec::new());
    for round in 0..rounds {
        if round % 2 == 0 {
            a.push(ns_each(values, &ours));
            b.push(ns_each(values, &core));
        } else {
            b.push(ns_each(values, &core));
            a.push(ns_each(values, &ours));
        }
    }
    let (a, b) = (median(a), median(b));
    println!("| {form} | {a:.0} | {b:.0} | ×{:.2} |", a / b);
}

fn main() {
    // Losses, weights and coordinates of the sizes a playground shows.
    let values: Vec<f64> = (0..1000).map(|i| (i as f64 * 0.0137 - 5.0) * 1.1).collect();
    let small: Vec<f32> = values.iter().map(|&v| v as f32 * 0.01).collect();
    let whole: Vec<f64> = values.iter().map(|&v| (v * 9.0).round()).collect();
    println!("| form | ours, ns | core's, ns | ours ÷ core's |");
    println!("|---|---:|---:|---:|");
    compare(
        "`{:.3}` of an f64",
        &values,
        |v| Fixed(v, 3).to_string(),
        |v| format!("{v:.3}"),
    );
    compare(
        "`{}` of an f32",
        &small,
        |v| Shortest(v).to_string(),
        |v| format!("{v}"),
    );
    compare(
        "`{}` of a whole f64",
        &whole,
        |v| Shortest(v).to_string(),
        |v| format!("{v}"),
    );
}
