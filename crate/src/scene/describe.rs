//! What the page says in words, so that it can be tested natively: the
//! state of training and its message, what the pointer is over (a spot of
//! the data, a unit or a link of the diagram), and the data canvas as a
//! screen reader hears it.

use super::{Scene, Session};
use crate::data::{Point, Task};
use crate::decimal::{Fixed, Shortest};
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
                &[("rate", &Shortest(scene.training.learning_rate).to_string())],
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
/// any, and the model's output `y` at that spot, in catalogue `t`'s language.
pub fn data_spot(
    scene: &Scene,
    (x1, x2): (f32, f32),
    y: &[f32],
    point: Option<Point>,
    t: &Catalogue,
) -> String {
    let names = scene.palette.class_names_in(t);
    let output = match (scene.task, y) {
        (Task::Regression, [v]) => fill(t.spot_output, &[("value", &Fixed(*v, 3).to_string())]),
        (_, [p]) => format!("P({}) = {}", names[1], Fixed(*p, 3)),
        (_, many) => {
            let parts: Vec<String> = many
                .iter()
                .zip(names)
                .map(|(p, n)| format!("{n} {}", Fixed(*p, 2)))
                .collect();
            parts.join(", ")
        }
    };
    let spot = format!("({}, {}) → {output}", Fixed(x1, 2), Fixed(x2, 2));
    let Some(p) = point else { return spot };
    let kind = if p.test {
        t.spot_test_point
    } else {
        t.spot_training_point
    };
    let label = match scene.task {
        Task::Regression => fill(t.spot_value, &[("value", &Fixed(p.label, 2).to_string())]),
        _ => names[(p.label as usize).min(3)].to_string(),
    };
    fill(
        t.spot_point,
        &[("kind", kind), ("label", &label), ("spot", &spot)],
    )
}

/// What the pointer is over in the diagram: an input, a unit's bias or a
/// link's weight, as they are now ("" for nothing).
pub fn diagram_spot(scene: &Scene, net: &Network, hit: Option<Hit>, t: &Catalogue) -> String {
    match hit {
        Some(Hit::Unit { layer: 0, unit }) => unit_name(scene, net, 0, unit, t),
        Some(Hit::Unit { layer, unit }) => {
            let bias = net.layers[layer - 1].biases.get(unit).copied();
            fill(
                t.spot_bias,
                &[
                    ("unit", &unit_name(scene, net, layer, unit, t)),
                    ("bias", &Fixed(bias.unwrap_or(f32::NAN), 3).to_string()),
                ],
            )
        }
        Some(Hit::Link { layer, from, to }) => {
            let l = &net.layers[layer - 1];
            let weight = l.weights.get(from * l.units + to).copied();
            fill(
                t.spot_weight,
                &[
                    ("link", &link_name(scene, net, layer, from, to, t)),
                    ("weight", &Fixed(weight.unwrap_or(f32::NAN), 3).to_string()),
                ],
            )
        }
        None => String::new(),
    }
}

/// Column `column` of the diagram (0 the inputs, the last the outputs) by
/// the one name the hover, the lessons and the bars all use: "input",
/// "hidden layer 2", "output".
pub fn column_name(column: usize, net: &Network, t: &Catalogue) -> String {
    match column {
        0 => t.column_input.to_string(),
        c if c == net.layers.len() => t.column_output.to_string(),
        c => fill(t.column_hidden, &[("layer", &c.to_string())]),
    }
}

/// A unit of the diagram: "input x1", "hidden layer 2 unit 3", "output unit 1".
pub fn unit_name(
    scene: &Scene,
    net: &Network,
    column: usize,
    unit: usize,
    t: &Catalogue,
) -> String {
    match column {
        0 => {
            let feature = scene.features.list().nth(unit);
            fill(
                t.unit_input,
                &[("feature", feature.map_or("?", |f| f.name()))],
            )
        }
        c => fill(
            t.unit_of_column,
            &[
                ("column", &column_name(c, net, t)),
                ("unit", &(unit + 1).to_string()),
            ],
        ),
    }
}

/// The link into column `layer` from unit `from` below to unit `to`:
/// "input x1 → hidden layer 1 unit 3".
pub fn link_name(
    scene: &Scene,
    net: &Network,
    layer: usize,
    from: usize,
    to: usize,
    t: &Catalogue,
) -> String {
    format!(
        "{} → {}",
        unit_name(scene, net, layer - 1, from, t),
        unit_name(scene, net, layer, to, t)
    )
}

/// "1 red circle" or "12 green squares".
fn counted(n: usize, colour: &str, glyph: Glyph, t: &Catalogue) -> String {
    let shape = match (glyph, n == 1) {
        (Glyph::Circle, true) => t.shape_circle,
        (Glyph::Circle, false) => t.shape_circles,
        (Glyph::Square, true) => t.shape_square,
        (Glyph::Square, false) => t.shape_squares,
        (Glyph::Triangle, true) => t.shape_triangle,
        (Glyph::Triangle, false) => t.shape_triangles,
        (Glyph::Diamond, true) => t.shape_diamond,
        (Glyph::Diamond, false) => t.shape_diamonds,
    };
    fill(
        t.canvas_class_count,
        &[("count", &count(n)), ("colour", colour), ("shape", shape)],
    )
}

/// A percentage as a person reads it: "87%" or "87.5%".
pub fn percent(fraction: f32) -> String {
    let p = fraction * 100.0;
    if (p - p.round()).abs() < 0.05 {
        format!("{}%", Shortest(p.round()))
    } else {
        format!("{}%", Fixed(p, 1))
    }
}

/// The data canvas in a sentence or two: the points by class (with their
/// shapes), how many train and how many test, and the accuracy now.
pub fn data_canvas(scene: &Scene, record: Option<EpochRecord>, t: &Catalogue) -> String {
    let points = &scene.points;
    let tests = points.iter().filter(|p| p.test).count();
    let split = fill(
        t.canvas_split,
        &[
            ("train", &count(points.len() - tests)),
            ("test", &count(tests)),
        ],
    );
    let what = match scene.task {
        Task::Regression => fill(
            t.canvas_values,
            &[("count", &count(points.len())), ("split", &split)],
        ),
        Task::Classification { classes } => {
            let names = scene.palette.class_names_in(t);
            let parts: Vec<String> = (0..classes)
                .map(|c| {
                    let n = points.iter().filter(|p| p.label as usize == c).count();
                    counted(n, names[c], Glyph::CLASSES[c], t)
                })
                .collect();
            format!("{} ({split})", parts.join(", "))
        }
    };
    let mut text = fill(t.canvas_data, &[("what", &what)]);
    if let Some(EpochRecord {
        train_accuracy: Some(a),
        test_accuracy,
        ..
    }) = record
    {
        if a.is_finite() {
            let accuracy = percent(a);
            text.push(' ');
            text += &match test_accuracy {
                Some(test) => fill(
                    t.canvas_accuracy_test,
                    &[("accuracy", &accuracy), ("test", &percent(test))],
                ),
                None => fill(t.canvas_accuracy, &[("accuracy", &accuracy)]),
            };
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::ENGLISH;

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
            data_spot(&scene, (1.0, -2.5), &[0.25], None, &ENGLISH),
            "(1.00, -2.50) → P(green) = 0.250"
        );
        let point = Point {
            test: true,
            ..Point::new(1.0, 2.0, 0.0)
        };
        assert_eq!(
            data_spot(&scene, (1.0, 2.0), &[0.5], Some(point), &ENGLISH),
            "test point, red · (1.00, 2.00) → P(green) = 0.500"
        );
        let three = Scene {
            task: Task::Classification { classes: 3 },
            ..Scene::default()
        };
        assert_eq!(
            data_spot(&three, (0.0, 0.0), &[0.2, 0.3, 0.5], None, &ENGLISH),
            "(0.00, 0.00) → red 0.20, green 0.30, blue 0.50"
        );
        let session = Session::new(Scene::default());
        let net = &session.trainer().network;
        assert_eq!(
            diagram_spot(&scene, net, Some(Hit::Unit { layer: 0, unit: 1 }), &ENGLISH),
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
                }),
                &ENGLISH
            ),
            format!("weight hidden layer 1 unit 4 → hidden layer 2 unit 2: {w:.3}")
        );
        let b = net.layers[2].biases[0];
        assert_eq!(
            diagram_spot(&scene, net, Some(Hit::Unit { layer: 3, unit: 0 }), &ENGLISH),
            format!("output unit 1: bias {b:.3}")
        );
        assert_eq!(diagram_spot(&scene, net, None, &ENGLISH), "");
    }

    /// A red training point, a green test point and a green training point,
    /// and an epoch's record of losses and accuracies.
    fn three_points_at_epoch_three() -> (Scene, EpochRecord) {
        let scene = Scene {
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
        (scene, record)
    }

    #[test]
    fn the_data_canvas_is_told_in_counts_shapes_and_accuracy() {
        let (mut scene, record) = three_points_at_epoch_three();
        assert_eq!(
            data_canvas(&scene, Some(record), &ENGLISH),
            "Data: 1 red circle, 2 green squares (2 training, 1 test). \
             The model classifies 87.5% of the training points correctly, test 100%."
        );
        scene.palette = crate::view::colors::Palette::ColorBlind;
        scene.points.clear();
        assert_eq!(
            data_canvas(&scene, None, &ENGLISH),
            "Data: 0 orange circles, 0 blue squares (0 training, 0 test)."
        );
    }

    #[test]
    fn the_descriptions_speak_the_playgrounds_language() {
        let ko = crate::i18n::korean();
        let (mut scene, record) = three_points_at_epoch_three();
        assert_eq!(
            data_canvas(&scene, Some(record), &ko),
            "데이터: 빨강 원 1개, 초록 사각형 2개 (학습 2개, 테스트 1개). \
             모델이 학습 점의 87.5%, 테스트 점의 100%를 맞게 분류합니다."
        );
        let point = scene.points[1];
        assert_eq!(
            data_spot(&scene, (1.0, 0.0), &[0.5], Some(point), &ko),
            "테스트 점, 초록 · (1.00, 0.00) → P(초록) = 0.500"
        );
        let session = Session::new(Scene::default());
        let net = &session.trainer().network;
        let b = net.layers[0].biases[1];
        assert_eq!(
            diagram_spot(&scene, net, Some(Hit::Unit { layer: 1, unit: 1 }), &ko),
            format!("은닉층 1 유닛 2: 편향 {b:.3}")
        );
        let w = net.layers[0].weights[net.layers[0].units];
        assert_eq!(
            diagram_spot(
                &scene,
                net,
                Some(Hit::Link {
                    layer: 1,
                    from: 1,
                    to: 0
                }),
                &ko
            ),
            format!("가중치 입력 x2 → 은닉층 1 유닛 1: {w:.3}")
        );
        scene.task = Task::Regression;
        assert_eq!(
            data_spot(&scene, (0.0, 0.0), &[0.25], Some(scene.points[0]), &ko),
            "학습 점, 값 0.00 · (0.00, 0.00) → 출력 0.250"
        );
    }
}
