//! What the canvases show, in words: the text a screen reader reads for
//! the data canvas, and the short status said when training changes state.

use super::Scene;
use crate::data::Task;
use crate::nn::EpochRecord;
use crate::view::colors::Glyph;

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
    use crate::data::Point;

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
