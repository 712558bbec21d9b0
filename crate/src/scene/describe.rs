//! What the page says in words, so that it can be tested natively: the
//! state of training and its message, what the pointer is over (a spot of
//! the data, a unit or a link of the diagram), and the data canvas as a
//! screen reader hears it.

use super::{Scene, Session};
use crate::data::{Point, Task};
use crate::i18n::{count, fill, Catalogue};
use crate::nn::{EpochRecord, Network, Status};
use crate::view::colors::Glyph;
use crate::view::layout::Hit;

/// Where training stands, as the page names it (`"training"`, `"diverged"`,
/// `"early-stopped"`, `"finished"`, `"empty"`), and what it says then
/// (nothing while training).
pub fn training_state(session: &Session, t: &Catalogue) -> (&'static str, String) {
    let (trainer, scene) = (session.trainer(), session.scene());
    match trainer.status() {
        Status::Diverged => (
            "diverged",
            fill(
                t.diverged,
                &[("rate", &scene.training.learning_rate.to_string())],
            ),
        ),
        Status::EarlyStopped { best_epoch } => (
            "early-stopped",
            fill(t.early_stopped, &[("epoch", &count(best_epoch))]),
        ),
        Status::Training if scene.stop_after.is_some_and(|n| trainer.epoch() >= n) => (
            "finished",
            fill(t.finished, &[("epochs", &count(trainer.epoch()))]),
        ),
        Status::Training if trainer.train_samples().is_empty() => {
            ("empty", t.needs_points.to_string())
        }
        Status::Training => ("training", String::new()),
    }
}

/// What the pointer is over at (x1, x2) of the data: the point there, if
/// any, and the model's output `y` at that spot.
pub fn data_spot(scene: &Scene, (x1, x2): (f32, f32), y: &[f32], point: Option<Point>) -> String {
    let names = scene.palette.class_names();
    let output = match (scene.task, y) {
        (Task::Regression, [v]) => format!("output {v:.3}"),
        (_, [p]) => format!("P({}) = {p:.3}", names[1]),
        (_, many) => {
            let parts: Vec<String> = many
                .iter()
                .zip(names)
                .map(|(p, n)| format!("{n} {p:.2}"))
                .collect();
            parts.join(", ")
        }
    };
    let prefix = point.map_or(String::new(), |p| {
        let kind = if p.test {
            "test point"
        } else {
            "training point"
        };
        let label = match scene.task {
            Task::Regression => format!("value {:.2}", p.label),
            _ => names[(p.label as usize).min(3)].to_string(),
        };
        format!("{kind}, {label} · ")
    });
    format!("{prefix}({x1:.2}, {x2:.2}) → {output}")
}

/// What the pointer is over in the diagram: an input, a unit's bias or a
/// link's weight, as they are now ("" for nothing).
pub fn diagram_spot(scene: &Scene, net: &Network, hit: Option<Hit>) -> String {
    match hit {
        Some(Hit::Unit { layer: 0, unit }) => unit_name(scene, net, 0, unit),
        Some(Hit::Unit { layer, unit }) => {
            let bias = net.layers[layer - 1].biases.get(unit).copied();
            format!(
                "{}: bias {:.3}",
                unit_name(scene, net, layer, unit),
                bias.unwrap_or(f32::NAN)
            )
        }
        Some(Hit::Link { layer, from, to }) => {
            let l = &net.layers[layer - 1];
            let weight = l.weights.get(from * l.units + to).copied();
            format!(
                "weight {}: {:.3}",
                link_name(scene, net, layer, from, to),
                weight.unwrap_or(f32::NAN)
            )
        }
        None => String::new(),
    }
}

/// Column `column` of the diagram (0 the inputs, the last the outputs) by
/// the one name the hover, the lessons and the bars all use: "input",
/// "hidden layer 2", "output".
pub fn column_name(column: usize, net: &Network) -> String {
    match column {
        0 => "input".to_string(),
        c if c == net.layers.len() => "output".to_string(),
        c => format!("hidden layer {c}"),
    }
}

/// A unit of the diagram: "input x1", "hidden layer 2 unit 3", "output unit 1".
pub fn unit_name(scene: &Scene, net: &Network, column: usize, unit: usize) -> String {
    match column {
        0 => {
            let feature = scene.features.list().nth(unit);
            format!("input {}", feature.map_or("?", |f| f.name()))
        }
        c => format!("{} unit {}", column_name(c, net), unit + 1),
    }
}

/// The link into column `layer` from unit `from` below to unit `to`:
/// "input x1 → hidden layer 1 unit 3".
pub fn link_name(scene: &Scene, net: &Network, layer: usize, from: usize, to: usize) -> String {
    format!(
        "{} → {}",
        unit_name(scene, net, layer - 1, from),
        unit_name(scene, net, layer, to)
    )
}

/// "1 red circle" or "12 green squares".
fn counted(n: usize, colour: &str, glyph: Glyph) -> String {
    let plural = if n == 1 { "" } else { "s" };
    format!("{n} {colour} {}{plural}", glyph.name())
}

/// A percentage as a person reads it: "87%" or "87.5%".
pub fn percent(fraction: f32) -> String {
    let p = fraction * 100.0;
    if (p - p.round()).abs() < 0.05 {
        format!("{}%", p.round())
    } else {
        format!("{p:.1}%")
    }
}

/// The data canvas in a sentence or two: the points by class (with their
/// shapes), how many train and how many test, and the accuracy now.
pub fn data_canvas(scene: &Scene, record: Option<EpochRecord>) -> String {
    let points = &scene.points;
    let tests = points.iter().filter(|p| p.test).count();
    let split = format!("{} training, {tests} test", points.len() - tests);
    let what = match scene.task {
        Task::Regression => format!("{} points with values ({split})", points.len()),
        Task::Classification { classes } => {
            let names = scene.palette.class_names();
            let parts: Vec<String> = (0..classes)
                .map(|c| {
                    let n = points.iter().filter(|p| p.label as usize == c).count();
                    counted(n, names[c], Glyph::CLASSES[c])
                })
                .collect();
            format!("{} ({split})", parts.join(", "))
        }
    };
    let score = match record {
        Some(EpochRecord {
            train_accuracy: Some(a),
            test_accuracy,
            ..
        }) if a.is_finite() => {
            let test = test_accuracy.map_or(String::new(), |t| format!(", test {}", percent(t)));
            format!(
                " The model classifies {} of the training points correctly{test}.",
                percent(a)
            )
        }
        _ => String::new(),
    };
    format!("Data: {what}.{score}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_state_of_training_is_named_with_what_to_do() {
        let mut session = Session::new(Scene::default());
        assert_eq!(
            training_state(&session, &crate::i18n::ENGLISH),
            ("training", String::new())
        );
        session.clear_points();
        let (state, message) = training_state(&session, &crate::i18n::ENGLISH);
        assert_eq!(state, "empty");
        assert!(message.starts_with("Add training points"));
        let mut session = Session::new(Scene::default());
        session.set("stop-after", "2").unwrap();
        session.train_epochs(2);
        assert_eq!(
            training_state(&session, &crate::i18n::ENGLISH),
            ("finished", "Stopped after 2 epochs, as set.".to_string())
        );
        let mut session = Session::new(Scene::default());
        session.set("learning-rate", "10").unwrap();
        session.set("hidden", "8,8,8").unwrap();
        session.train_epochs(300);
        let (state, message) = training_state(&session, &crate::i18n::ENGLISH);
        assert_eq!(state, "diverged");
        assert!(
            message.contains("The learning rate (10) is too large"),
            "{message}"
        );
    }

    #[test]
    fn the_pointer_is_told_what_it_is_over() {
        let scene = Scene::default();
        assert_eq!(
            data_spot(&scene, (1.0, -2.5), &[0.25], None),
            "(1.00, -2.50) → P(green) = 0.250"
        );
        let point = Point {
            test: true,
            ..Point::new(1.0, 2.0, 0.0)
        };
        assert_eq!(
            data_spot(&scene, (1.0, 2.0), &[0.5], Some(point)),
            "test point, red · (1.00, 2.00) → P(green) = 0.500"
        );
        let three = Scene {
            task: Task::Classification { classes: 3 },
            ..Scene::default()
        };
        assert_eq!(
            data_spot(&three, (0.0, 0.0), &[0.2, 0.3, 0.5], None),
            "(0.00, 0.00) → red 0.20, green 0.30, blue 0.50"
        );
        let session = Session::new(Scene::default());
        let net = &session.trainer().network;
        assert_eq!(
            diagram_spot(&scene, net, Some(Hit::Unit { layer: 0, unit: 1 })),
            "input x2"
        );
        let w = net.layers[1].weights[3 * net.layers[1].units + 1];
        assert_eq!(
            diagram_spot(
                &scene,
                net,
                Some(Hit::Link {
                    layer: 2,
                    from: 3,
                    to: 1
                })
            ),
            format!("weight hidden layer 1 unit 4 → hidden layer 2 unit 2: {w:.3}")
        );
        let b = net.layers[2].biases[0];
        assert_eq!(
            diagram_spot(&scene, net, Some(Hit::Unit { layer: 3, unit: 0 })),
            format!("output unit 1: bias {b:.3}")
        );
        assert_eq!(diagram_spot(&scene, net, None), "");
    }

    #[test]
    fn the_data_canvas_is_told_in_counts_shapes_and_accuracy() {
        let mut scene = Scene {
            points: vec![
                Point::new(0.0, 0.0, 0.0),
                Point {
                    test: true,
                    ..Point::new(1.0, 0.0, 1.0)
                },
                Point::new(2.0, 0.0, 1.0),
            ],
            ..Scene::default()
        };
        let record = EpochRecord {
            epoch: 3,
            train_loss: 0.5,
            test_loss: Some(0.7),
            train_accuracy: Some(0.875),
            test_accuracy: Some(1.0),
        };
        assert_eq!(
            data_canvas(&scene, Some(record)),
            "Data: 1 red circle, 2 green squares (2 training, 1 test). \
             The model classifies 87.5% of the training points correctly, test 100%."
        );
        scene.palette = crate::view::colors::Palette::ColorBlind;
        scene.points.clear();
        assert_eq!(
            data_canvas(&scene, None),
            "Data: 0 orange circles, 0 blue squares (0 training, 0 test)."
        );
    }
}
