//! Every setting a page, a URL or a file can change, by name and as text:
//! checked, clamped with a note, or refused with a message naming the field.

use super::{Scene, MAX_CLASSES, MAX_HIDDEN_LAYERS, MAX_UNITS};
use crate::data::Task;
use crate::data::{human, shorten};
use crate::nn::{Activation, Feature, Features, OptimizerKind, Penalty};

/// What a change of setting requires of the live session.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Effect {
    /// A new network (from the seed): the shape or the seed changed.
    Network,
    /// The same weights, new training settings.
    Training,
    /// The same weights, new training data.
    Points,
    /// Nothing to recompute (e.g. epochs per frame).
    None,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Applied {
    pub effect: Effect,
    /// Said to the user when the value was clamped.
    pub note: Option<String>,
}

pub const LEARNING_RATE_RANGE: (f64, f64) = (1e-5, 10.0);
pub const MAX_BATCH: usize = super::MAX_POINTS;
pub const MAX_PATIENCE: usize = 10_000;
pub const MAX_EPOCHS_PER_FRAME: usize = 1000;
/// Seeds are whole numbers a JavaScript number holds exactly.
pub const MAX_SEED: u64 = 1 << 53;

/// Every setting's name, in the order a scene's text form lists them.
pub const NAMES: [&str; 17] = [
    "hidden",
    "activation",
    "layer-activations",
    "features",
    "classes",
    "learning-rate",
    "optimizer",
    "batch-size",
    "dropout",
    "regularization",
    "regularization-rate",
    "test-fraction",
    "early-stopping",
    "seed",
    "epochs-per-frame",
    "stop-after",
    "noise",
];

fn number(field: &str, value: &str) -> Result<f64, String> {
    match value.trim().parse::<f64>() {
        Ok(v) if v.is_finite() => Ok(v),
        Ok(_) => Err(format!("{field}: '{value}' is not a finite number")),
        Err(_) => Err(format!("{field}: '{}' is not a number", shorten(value))),
    }
}

/// A number clamped into `[low, high]`, with a note when it was outside.
fn clamped(field: &str, value: &str, low: f64, high: f64) -> Result<(f64, Option<String>), String> {
    let v = number(field, value)?;
    let c = v.clamp(low, high);
    let note = (c != v).then(|| {
        let [v, low, high, c] = [v, low, high, c].map(human);
        format!("{field}: {v} is outside {low} to {high}; using {c}")
    });
    Ok((c, note))
}

fn whole(
    field: &str,
    value: &str,
    low: usize,
    high: usize,
) -> Result<(usize, Option<String>), String> {
    let (v, note) = clamped(field, value, low as f64, high as f64)?;
    if v.fract() != 0.0 {
        return Err(format!(
            "{field}: '{}' is not a whole number",
            shorten(value)
        ));
    }
    Ok((v as usize, note))
}

fn activation(field: &str, value: &str) -> Result<Activation, String> {
    Activation::from_name(value.trim()).ok_or_else(|| {
        let names: Vec<_> = Activation::ALL.iter().map(|a| a.name()).collect();
        format!(
            "{field}: '{}' is not one of {}",
            shorten(value),
            names.join(", ")
        )
    })
}

/// Sets `name` to `value` (text), or says why not, leaving the scene as it was.
pub fn apply(scene: &mut Scene, name: &str, value: &str) -> Result<Applied, String> {
    let mut note = None;
    let effect = match name {
        "hidden" => {
            let widths: Vec<&str> = value
                .split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .collect();
            if widths.len() > MAX_HIDDEN_LAYERS {
                return Err(format!(
                    "hidden layers: {} is more than {MAX_HIDDEN_LAYERS}",
                    widths.len()
                ));
            }
            let mut hidden = Vec::new();
            for w in widths {
                let (units, n) = whole("units per layer", w, 1, MAX_UNITS)?;
                note = note.or(n);
                hidden.push(units);
            }
            scene.layer_activations.resize(hidden.len(), None);
            scene.hidden = hidden;
            Effect::Network
        }
        "activation" => {
            scene.activation = activation("activation", value)?;
            scene.layer_activations.iter_mut().for_each(|a| *a = None);
            Effect::Network
        }
        "layer-activations" => {
            // One entry per hidden layer: an activation's name, or "" to follow the main one.
            let mut list = Vec::new();
            for (i, entry) in value.split(',').enumerate().take(scene.hidden.len()) {
                let entry = entry.trim();
                list.push(match entry {
                    "" => None,
                    _ => Some(activation(
                        &format!("activation of layer {}", i + 1),
                        entry,
                    )?),
                });
            }
            list.resize(scene.hidden.len(), None);
            scene.layer_activations = list;
            Effect::Network
        }
        "features" => {
            let mut list = Vec::new();
            for f in value.split(',').map(str::trim).filter(|s| !s.is_empty()) {
                list.push(Feature::from_name(f).ok_or_else(|| {
                    let names: Vec<_> = Feature::ALL.iter().map(|f| f.name()).collect();
                    format!(
                        "features: '{}' is not one of {}",
                        shorten(f),
                        names.join(", ")
                    )
                })?);
            }
            scene.features =
                Features::of_list(list).ok_or("features: at least one input feature is needed")?;
            Effect::Network
        }
        "classes" => {
            if scene.task == Task::Regression {
                return Err(
                    "classes: this scene is a regression; pick a classification preset".to_string(),
                );
            }
            let (classes, n) = whole("classes", value, 2, MAX_CLASSES)?;
            note = n;
            scene.task = Task::Classification { classes };
            let before = scene.points.len();
            scene.points.retain(|p| (p.label as usize) < classes);
            if scene.points.len() < before {
                note = Some(format!(
                    "classes: removed {} points of the classes switched off",
                    before - scene.points.len()
                ));
            }
            Effect::Network
        }
        "learning-rate" => {
            let (v, n) = clamped(
                "learning rate",
                value,
                LEARNING_RATE_RANGE.0,
                LEARNING_RATE_RANGE.1,
            )?;
            scene.training.learning_rate = v as f32;
            note = n;
            Effect::Training
        }
        "optimizer" => {
            scene.training.optimizer = OptimizerKind::from_name(value.trim()).ok_or_else(|| {
                let names: Vec<_> = OptimizerKind::ALL.iter().map(|o| o.name()).collect();
                format!(
                    "optimizer: '{}' is not one of {}",
                    shorten(value),
                    names.join(", ")
                )
            })?;
            Effect::Training
        }
        "batch-size" => {
            let (v, n) = whole("batch size", value, 1, MAX_BATCH)?;
            scene.training.batch_size = v;
            note = n;
            Effect::Training
        }
        "dropout" => {
            let (v, n) = clamped("dropout rate", value, 0.0, 0.9)?;
            scene.training.dropout = v as f32;
            note = n;
            Effect::Training
        }
        "regularization" => {
            scene.training.regularization.penalty = match value.trim() {
                "none" => Penalty::None,
                "l1" => Penalty::L1,
                "l2" => Penalty::L2,
                _ => {
                    return Err(format!(
                        "regularization: '{}' is not one of none, l1, l2",
                        shorten(value)
                    ))
                }
            };
            Effect::Training
        }
        "regularization-rate" => {
            let (v, n) = clamped("regularization rate", value, 0.0, 10.0)?;
            scene.training.regularization.rate = v as f32;
            note = n;
            Effect::Training
        }
        "test-fraction" => {
            let (v, n) = clamped("test fraction", value, 0.0, 0.9)?;
            scene.test_fraction = v as f32;
            scene.resplit();
            note = n;
            Effect::Points
        }
        "early-stopping" => {
            let (v, n) = whole("early-stopping patience", value, 0, MAX_PATIENCE)?;
            scene.training.early_stopping = (v > 0).then_some(v);
            note = n;
            Effect::Training
        }
        "seed" => {
            // Not through usize: it is 32 bits in wasm.
            let (v, n) = clamped("seed", value, 0.0, MAX_SEED as f64)?;
            if v.fract() != 0.0 {
                return Err(format!("seed: '{}' is not a whole number", shorten(value)));
            }
            scene.seed = v as u64;
            note = n;
            Effect::Network
        }
        "epochs-per-frame" => {
            let (v, n) = whole("epochs per frame", value, 1, MAX_EPOCHS_PER_FRAME)?;
            scene.epochs_per_frame = v;
            note = n;
            Effect::None
        }
        "stop-after" => {
            let (v, n) = whole("stop after", value, 0, usize::MAX >> 11)?;
            scene.stop_after = (v > 0).then_some(v);
            note = n;
            Effect::None
        }
        "noise" => {
            let (v, n) = clamped("noise", value, 0.0, 1.0)?;
            scene.noise = v as f32;
            note = n;
            Effect::None
        }
        _ => return Err(format!("'{}' is not a setting", shorten(name))),
    };
    Ok(Applied { effect, note })
}

/// The current value of `name` as text, in the form `apply` takes.
pub fn get(scene: &Scene, name: &str) -> Option<String> {
    let t = &scene.training;
    Some(match name {
        "hidden" => scene
            .hidden
            .iter()
            .map(|u| u.to_string())
            .collect::<Vec<_>>()
            .join(","),
        "activation" => scene.activation.name().to_string(),
        "layer-activations" => scene
            .layer_activations
            .iter()
            .map(|a| a.map_or("", |a| a.name()))
            .collect::<Vec<_>>()
            .join(","),
        "features" => scene
            .features
            .list()
            .map(|f| f.name())
            .collect::<Vec<_>>()
            .join(","),
        "classes" => scene.task.classes().to_string(),
        "learning-rate" => t.learning_rate.to_string(),
        "optimizer" => t.optimizer.name().to_string(),
        "batch-size" => t.batch_size.to_string(),
        "dropout" => t.dropout.to_string(),
        "regularization" => match t.regularization.penalty {
            Penalty::None => "none",
            Penalty::L1 => "l1",
            Penalty::L2 => "l2",
        }
        .to_string(),
        "regularization-rate" => t.regularization.rate.to_string(),
        "test-fraction" => scene.test_fraction.to_string(),
        "early-stopping" => t.early_stopping.unwrap_or(0).to_string(),
        "seed" => scene.seed.to_string(),
        "epochs-per-frame" => scene.epochs_per_frame.to_string(),
        "stop-after" => scene.stop_after.unwrap_or(0).to_string(),
        "noise" => scene.noise.to_string(),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_setting_reads_back_what_it_was_given() {
        let mut scene = Scene::default();
        let values = [
            ("hidden", "8,3,1"),
            ("activation", "relu"),
            ("layer-activations", ",sigmoid,"),
            ("features", "x1,x1*x2"),
            ("classes", "3"),
            ("learning-rate", "0.003"),
            ("optimizer", "adam"),
            ("batch-size", "32"),
            ("dropout", "0.5"),
            ("regularization", "l2"),
            ("regularization-rate", "0.001"),
            ("test-fraction", "0.3"),
            ("early-stopping", "20"),
            ("seed", "12345"),
            ("epochs-per-frame", "5"),
            ("stop-after", "300"),
            ("noise", "0.25"),
        ];
        assert_eq!(values.len(), NAMES.len());
        for (name, value) in values {
            let applied = apply(&mut scene, name, value).unwrap();
            assert_eq!(applied.note, None, "{name}");
            assert_eq!(get(&scene, name).as_deref(), Some(value), "{name}");
        }
    }

    #[test]
    fn out_of_range_values_are_clamped_with_a_note() {
        let mut scene = Scene::default();
        let applied = apply(&mut scene, "learning-rate", "1e9").unwrap();
        assert_eq!(scene.training.learning_rate, 10.0);
        assert_eq!(
            applied.note.unwrap(),
            "learning rate: 1000000000 is outside 0.00001 to 10; using 10"
        );
        let applied = apply(&mut scene, "learning-rate", "1e308").unwrap();
        assert_eq!(
            applied.note.unwrap(),
            "learning rate: 1e308 is outside 0.00001 to 10; using 10"
        );
        apply(&mut scene, "hidden", "4,99").unwrap();
        assert_eq!(scene.hidden, [4, 32]);
        apply(&mut scene, "dropout", "-1").unwrap();
        assert_eq!(scene.training.dropout, 0.0);
    }

    #[test]
    fn malformed_values_are_refused_naming_the_field_and_change_nothing() {
        let mut scene = Scene::default();
        let before = scene.clone();
        let cases = [
            ("learning-rate", "abc", "learning rate: 'abc' is not a number"),
            ("learning-rate", "NaN", "learning rate: 'NaN' is not a finite number"),
            ("activation", "softsign", "activation: 'softsign' is not one of linear, sigmoid, tanh, relu, leaky-relu, elu, swish"),
            ("hidden", "1,2,3,4,5,6,7,8,9", "hidden layers: 9 is more than 8"),
            ("hidden", "4,two", "units per layer: 'two' is not a number"),
            ("batch-size", "2.5", "batch size: '2.5' is not a whole number"),
            ("features", "", "features: at least one input feature is needed"),
            ("colour", "red", "'colour' is not a setting"),
        ];
        for (name, value, message) in cases {
            assert_eq!(apply(&mut scene, name, value).unwrap_err(), message);
            assert_eq!(scene, before, "{name}={value} changed the scene");
        }
    }

    #[test]
    fn fewer_classes_remove_the_points_of_classes_switched_off() {
        let mut scene = Scene::default();
        apply(&mut scene, "classes", "3").unwrap();
        scene.points[0].label = 2.0;
        let n = scene.points.len();
        let applied = apply(&mut scene, "classes", "2").unwrap();
        assert_eq!(scene.points.len(), n - 1);
        assert!(applied.note.unwrap().contains("removed 1 points"));
    }
}
