//! The current network and training settings as runnable Python programs,
//! so a student can carry the experiment into a notebook: tf.keras and
//! PyTorch, each drawing its own initial weights, batches and dropout in the
//! page's scheme; and PyTorch "this run", which carries the page's initial
//! weights and generator and so prints the page's own curve. Every program
//! reads `points.csv` (x1,x2,label,test), keeps its train/test split, and
//! prints `epoch N train_loss X test_loss Y` (and accuracies) a line, from
//! epoch 0 (the untrained weights), as the page's chart does.

mod exact;
mod keras;
mod pytorch;
mod schedule;
mod spellings;
#[cfg(test)]
mod tests;

pub use keras::keras;
pub use pytorch::{pytorch, pytorch_exact};

use super::Scene;
use crate::data::Task;
use crate::decimal::Literal;
use crate::nn::{Feature, Penalty};

/// The dialog's button that saves the points as the programs' `points.csv`.
pub const DOWNLOAD_POINTS: &str = "Download points.csv";

/// Epochs a program trains when the scene has no "Stop after".
pub const DEFAULT_EPOCHS: usize = 200;

/// `template` with every `$name` replaced by its value (longest names
/// first, so that `$loss_fn` is not taken for `$loss`).
fn fill(template: &str, values: &[(&str, String)]) -> String {
    let mut ordered: Vec<&(&str, String)> = values.iter().collect();
    ordered.sort_by_key(|(name, _)| std::cmp::Reverse(name.len()));
    ordered
        .iter()
        .fold(template.to_string(), |text, (name, value)| {
            text.replace(&format!("${name}"), value)
        })
}

/// A float as Python reads it back to the same f32 (`1e-7`, `0.03`, `1.0`).
fn py(x: f32) -> String {
    Literal(x).to_string()
}

fn epochs(scene: &Scene) -> usize {
    scene.stop_after.unwrap_or(DEFAULT_EPOCHS)
}

/// Reading the points and the features that feed the network.
fn data_loading(scene: &Scene) -> String {
    let columns: Vec<&str> = scene
        .features
        .list()
        .map(|f| match f {
            Feature::X1 => "x1",
            Feature::X2 => "x2",
            Feature::X1Squared => "x1 ** 2",
            Feature::X2Squared => "x2 ** 2",
            Feature::X1TimesX2 => "x1 * x2",
            Feature::SinX1 => "np.sin(x1)",
            Feature::SinX2 => "np.sin(x2)",
        })
        .collect();
    fill(
        r#"# points.csv: the "$download" button of this dialog (the same file as
# "Points CSV" under Save and load, which names it descent-points.csv).
# Columns x1,x2,label,test; test = 1 marks the page's test points.
data = np.loadtxt("points.csv", delimiter=",", skiprows=1, ndmin=2)
train, test = data[data[:, 3] == 0], data[data[:, 3] == 1]


def features(points):
    x1, x2 = points[:, 0], points[:, 1]
    return np.stack([$columns], axis=1).astype(np.float32)


x_train, y_train = features(train), train[:, 2]
x_test, y_test = features(test), test[:, 2]
"#,
        &[
            ("download", DOWNLOAD_POINTS.to_string()),
            ("columns", columns.join(", ")),
        ],
    )
}

/// The print of one epoch's numbers, from `train_loss`, `test_loss` and,
/// for classification, `train_accuracy` and `test_accuracy` (indented by `indent`).
fn print_epoch(scene: &Scene, indent: &str) -> String {
    let losses = "f\"epoch {epoch} train_loss {train_loss:.6g} test_loss {test_loss:.6g}\"";
    match scene.task {
        Task::Regression => format!("{indent}print({losses})"),
        Task::Classification { .. } => format!(
            "{indent}print({losses}\n{indent}      f\" train_accuracy {{train_accuracy:.4f}} test_accuracy {{test_accuracy:.4f}}\")"
        ),
    }
}

/// The page's penalty in words, for a comment: None when there is none.
fn penalty_words(scene: &Scene) -> Option<String> {
    let r = scene.training.regularization;
    if !r.is_active() {
        return None;
    }
    Some(match r.penalty {
        Penalty::L1 => format!("L1: {} · Σ|w|", py(r.rate)),
        Penalty::L2 => format!("L2: {}/2 · Σw²", py(r.rate)),
        Penalty::None => unreachable!("an active penalty"),
    })
}
