//! Writes what `make check-exports` compares: for each scene of a table
//! (every optimiser, a learning-rate schedule, 2 to 4 classes, regression, L1, L2, dropout, early
//! stopping, every activation, the derived features, the lessons), a folder
//! with the points as `points.csv`, the three exported programs (named so
//! that none hides a module: a `keras.py` would shadow Keras itself), the page's
//! own per-epoch losses (`page.txt`) and those of the same scene from other
//! seeds (`seeds.txt`, the spread a run with other random numbers falls in).
//!
//! Run: `cargo run --release --example export_check -- target/export-check`

use descent::data::{io, Point, Preset, Task};
use descent::nn::Status;
use descent::scene::settings::apply;
use descent::scene::{code, lessons, Scene, Session};

/// Epochs every scene trains (its "Stop after"), so the check runs in minutes.
const EPOCHS: &str = "100";
/// The page's runs from other seeds that make up the spread.
const SEEDS: u64 = 24;

fn with(mut scene: Scene, settings: &[(&str, &str)]) -> Scene {
    for (name, value) in settings {
        apply(&mut scene, name, value).unwrap_or_else(|e| panic!("{name}={value}: {e}"));
    }
    scene
}

fn preset(preset: Preset, points: usize, noise: f32, seed: u64) -> Scene {
    Scene::from_preset(preset, points, noise, seed)
}

/// A preset's points relabelled into `classes` sectors around the centre:
/// a classification with more than two classes.
fn sectors(classes: usize, seed: u64) -> Scene {
    let mut scene = preset(Preset::Gaussians, 240, 0.2, seed);
    let centre = |(lo, hi): (f32, f32)| (lo + hi) / 2.0;
    let (c1, c2) = (centre(scene.domain.x1), centre(scene.domain.x2));
    scene.points = scene
        .points
        .iter()
        .map(|p| {
            let angle = (p.x2 - c2).atan2(p.x1 - c1) + std::f32::consts::PI;
            let label =
                ((angle / std::f32::consts::TAU * classes as f32) as usize).min(classes - 1);
            Point {
                label: label as f32,
                ..*p
            }
        })
        .collect();
    scene.preset = None;
    scene.task = Task::Classification { classes };
    scene
}

fn table() -> Vec<(String, Scene)> {
    let circle = || preset(Preset::Circle, 200, 0.1, 3);
    let mut scenes: Vec<(String, Scene)> = vec![
        ("sgd".into(), with(circle(), &[])),
        (
            "momentum".into(),
            with(
                circle(),
                &[("optimizer", "momentum"), ("learning-rate", "0.01")],
            ),
        ),
        (
            "nesterov".into(),
            with(
                circle(),
                &[("optimizer", "nesterov"), ("learning-rate", "0.01")],
            ),
        ),
        (
            "rmsprop".into(),
            with(
                circle(),
                &[("optimizer", "rmsprop"), ("learning-rate", "0.01")],
            ),
        ),
        (
            "adagrad".into(),
            with(
                circle(),
                &[("optimizer", "adagrad"), ("learning-rate", "0.1")],
            ),
        ),
        (
            "adam".into(),
            with(
                circle(),
                &[("optimizer", "adam"), ("learning-rate", "0.01")],
            ),
        ),
        // A peak rate of 0.3 throws this network about for a few epochs at
        // the top of the cycle (its loss jumps from 0.06 to 0.4), where the
        // last bits of float32 sums grow to 4e-4 between any two programs; at
        // 0.1 the schedule is checked without that chaos.
        (
            "schedule-one-cycle".into(),
            with(
                circle(),
                &[
                    ("schedule", "one-cycle"),
                    ("schedule-epochs", EPOCHS),
                    ("learning-rate", "0.1"),
                ],
            ),
        ),
        (
            "classes-3".into(),
            with(
                sectors(3, 4),
                &[
                    ("hidden", "8,8"),
                    ("activation", "relu"),
                    ("optimizer", "adam"),
                    ("learning-rate", "0.01"),
                ],
            ),
        ),
        (
            "classes-4".into(),
            with(sectors(4, 5), &[("hidden", "8"), ("learning-rate", "0.1")]),
        ),
        (
            "regression-plane".into(),
            with(preset(Preset::Plane, 200, 0.1, 6), &[("hidden", "4")]),
        ),
        (
            "regression-mixture".into(),
            with(
                preset(Preset::GaussianMixture, 200, 0.0, 7),
                &[
                    ("hidden", "8,8"),
                    ("activation", "relu"),
                    ("optimizer", "adam"),
                    ("learning-rate", "0.01"),
                ],
            ),
        ),
        (
            "l1".into(),
            with(
                circle(),
                &[
                    ("regularization", "l1"),
                    ("regularization-rate", "0.01"),
                    ("learning-rate", "0.1"),
                ],
            ),
        ),
        (
            "l2".into(),
            with(
                circle(),
                &[
                    ("regularization", "l2"),
                    ("regularization-rate", "0.01"),
                    ("optimizer", "momentum"),
                    ("learning-rate", "0.01"),
                ],
            ),
        ),
        (
            "dropout".into(),
            with(
                circle(),
                &[
                    ("hidden", "8,8"),
                    ("activation", "relu"),
                    ("dropout", "0.2"),
                    ("optimizer", "adam"),
                    ("learning-rate", "0.01"),
                ],
            ),
        ),
        (
            "early-stopping".into(),
            with(
                preset(Preset::Xor, 60, 1.0, 8),
                &[
                    ("hidden", "16,16"),
                    ("activation", "relu"),
                    ("optimizer", "adam"),
                    ("learning-rate", "0.01"),
                    ("early-stopping", "10"),
                ],
            ),
        ),
        (
            "activations-relu-like".into(),
            with(
                preset(Preset::Moons, 200, 0.1, 9),
                &[
                    ("hidden", "6,6,6"),
                    ("activation", "relu"),
                    ("layer-activations", "leaky-relu,elu,swish"),
                ],
            ),
        ),
        (
            "activations-sigmoid-linear".into(),
            with(
                preset(Preset::Xor, 200, 0.1, 10),
                &[
                    ("hidden", "5,5"),
                    ("activation", "sigmoid"),
                    ("layer-activations", ",linear"),
                    ("learning-rate", "0.3"),
                ],
            ),
        ),
        (
            "features".into(),
            with(
                circle(),
                &[
                    ("hidden", ""),
                    ("features", "x1,x2,x1^2,x2^2,x1*x2,sin(x1),sin(x2)"),
                    ("learning-rate", "0.1"),
                ],
            ),
        ),
    ];
    for lesson in lessons::all() {
        // The perceptron lesson sets its weights by hand and does not train.
        if lesson.name != "perceptron" {
            scenes.push((format!("lesson-{}", lesson.name), lesson.scene()));
        }
    }
    for (_, scene) in &mut scenes {
        apply(scene, "stop-after", EPOCHS).expect("stop after");
    }
    scenes
}

/// The page's curve: `epoch N train_loss X test_loss Y` a line, from epoch 0
/// to the last (early stopping ends it, as the programs end).
fn curve(scene: &Scene) -> String {
    let mut session = Session::new(scene.clone());
    session.train_epochs(usize::MAX);
    let trainer = session.trainer();
    assert!(
        trainer.status() != Status::Diverged,
        "a check scene diverged"
    );
    let mut out = String::new();
    for r in trainer.history() {
        out += &format!(
            "epoch {} train_loss {} test_loss {}",
            r.epoch,
            r.train_loss,
            r.test_loss.unwrap_or(f32::NAN)
        );
        if let (Some(a), b) = (r.train_accuracy, r.test_accuracy) {
            out += &format!(
                " train_accuracy {a} test_accuracy {}",
                b.unwrap_or(f32::NAN)
            );
        }
        out += "\n";
    }
    out
}

fn main() {
    let dir = std::env::args()
        .nth(1)
        .unwrap_or("target/export-check".to_string());
    for (name, scene) in table() {
        let folder = format!("{dir}/{name}");
        std::fs::create_dir_all(&folder).expect("makes the folder");
        let write = |file: &str, text: String| {
            std::fs::write(format!("{folder}/{file}"), text).expect("writes the file")
        };
        write("points.csv", io::to_csv(&scene.points));
        write("tf_keras_program.py", code::keras(&scene));
        write("pytorch_program.py", code::pytorch(&scene));
        write("pytorch_this_run.py", code::pytorch_exact(&scene));
        write("page.txt", curve(&scene));
        let seeds: String = (1..=SEEDS)
            .map(|k| {
                let other = Scene {
                    seed: scene.seed.wrapping_add(1000 * k),
                    ..scene.clone()
                };
                curve(&other)
                    .lines()
                    .map(|l| format!("seed {} {l}\n", other.seed))
                    .collect::<String>()
            })
            .collect();
        write("seeds.txt", seeds);
        println!("{folder}");
    }
}
