//! Every setting a page, a URL or a file can change: one table, a row a
//! setting, that says its name, the values it takes (for the page's
//! control), what a change requires of the session, and how it is read from
//! text (checked, clamped with a note, or refused with a message naming the
//! field) and written back. Links, the element's attributes, `set`/`get` and
//! the page's controls all go through it; adding a setting is adding a row.

use super::{Scene, MAX_CLASSES, MAX_HIDDEN_LAYERS, MAX_UNITS};
use crate::data::Task;
use crate::data::{human, shorten};
use crate::decimal::read_f64;
use crate::decimal::Shortest;
use crate::i18n::{fill, Catalogue, ENGLISH};
use crate::nn::{Activation, Feature, Features, OptimizerKind, Penalty, ScheduleKind};
use crate::view::colors::Palette;

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
/// The longest span a learning-rate schedule takes, in epochs.
pub const MAX_SCHEDULE_EPOCHS: usize = 100_000;
pub const MAX_EPOCHS_PER_FRAME: usize = 1000;
/// Seeds are whole numbers a JavaScript number holds exactly.
pub const MAX_SEED: u64 = 1 << 53;
/// The ranges of the rates and fractions, each stated once for its row.
const DROPOUT_RANGE: (f64, f64) = (0.0, 0.9);
const TEST_FRACTION_RANGE: (f64, f64) = (0.0, 0.9);
const NOISE_RANGE: (f64, f64) = (0.0, 1.0);
const REGULARIZATION_RATE_RANGE: (f64, f64) = (0.0, 10.0);
/// Stop after at most this many epochs (0 is never).
const MAX_STOP_AFTER: usize = usize::MAX >> 11;
/// The regularisation rates the page offers (any in 0 to 10 is taken).
const REGULARIZATION_RATES: [&str; 9] = [
    "0", "0.0001", "0.001", "0.003", "0.01", "0.03", "0.1", "0.3", "1",
];

/// The values a setting takes, as the page's control offers them.
#[derive(Clone, Copy)]
pub enum Values {
    /// One of these: `(value, title)` each.
    Choice(fn() -> Vec<(&'static str, &'static str)>),
    /// A number from `min` to `max` in steps of `step` (0: any).
    Number { min: f64, max: f64, step: f64 },
    /// A list in a form of its own (widths, features, per-layer activations).
    List,
}

/// One setting: its name in links, attributes and `set`/`get`, its values,
/// what a change requires, and how it is read and written.
pub struct Setting {
    pub name: &'static str,
    pub values: Values,
    pub effect: Effect,
    /// Sets it from text: a note when the value was clamped; an error
    /// naming the field (and nothing changed) when it cannot be used.
    read: fn(&mut Scene, &str, &Catalogue) -> Result<Option<String>, String>,
    /// Its current value, in the form `read` takes.
    write: fn(&Scene) -> String,
}

/// `(name, title)` of every item of an enumeration, for a `Values::Choice`.
macro_rules! choices {
    ($all:expr) => {
        || $all.iter().map(|v| (v.name(), v.title())).collect()
    };
}

/// Every setting, in the order a scene's text form lists them.
pub const SETTINGS: [Setting; 20] = [
    Setting {
        name: "hidden",
        values: Values::List,
        effect: Effect::Network,
        read: |scene, value, t| {
            let widths: Vec<&str> = value
                .split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .collect();
            if widths.len() > MAX_HIDDEN_LAYERS {
                return Err(fill(
                    t.setting_too_many_layers,
                    &[
                        ("count", &widths.len().to_string()),
                        ("max", &MAX_HIDDEN_LAYERS.to_string()),
                    ],
                ));
            }
            let mut note = None;
            let mut hidden = Vec::new();
            for w in widths {
                let (units, n) = whole(t, "units per layer", w, 1, MAX_UNITS)?;
                note = note.or(n);
                hidden.push(units);
            }
            scene.layer_activations.resize(hidden.len(), None);
            scene.hidden = hidden;
            Ok(note)
        },
        write: |scene| list(scene.hidden.iter().map(|u| u.to_string())),
    },
    Setting {
        name: "activation",
        values: Values::Choice(choices!(Activation::ALL)),
        effect: Effect::Network,
        read: |scene, value, t| {
            scene.activation = activation(t, "activation", value)?;
            scene.layer_activations.iter_mut().for_each(|a| *a = None);
            Ok(None)
        },
        write: |scene| scene.activation.name().to_string(),
    },
    Setting {
        name: "layer-activations",
        values: Values::List,
        effect: Effect::Network,
        // One entry per hidden layer: an activation's name, or "" to follow the main one.
        read: |scene, value, t| {
            let mut layers = Vec::new();
            for (i, entry) in value.split(',').enumerate().take(scene.hidden.len()) {
                layers.push(match entry.trim() {
                    "" => None,
                    entry => Some(activation(
                        t,
                        &fill(t.field_layer_activation, &[("layer", &(i + 1).to_string())]),
                        entry,
                    )?),
                });
            }
            layers.resize(scene.hidden.len(), None);
            scene.layer_activations = layers;
            Ok(None)
        },
        write: |scene| {
            list(
                scene
                    .layer_activations
                    .iter()
                    .map(|a| a.map_or("", |a| a.name()).to_string()),
            )
        },
    },
    Setting {
        name: "features",
        values: Values::Choice(choices!(Feature::ALL)),
        effect: Effect::Network,
        read: |scene, value, t| {
            let mut chosen = Vec::new();
            for f in value.split(',').map(str::trim).filter(|s| !s.is_empty()) {
                chosen.push(one_of(t, "features", f, &Feature::ALL, Feature::name)?);
            }
            scene.features = Features::of_list(chosen).ok_or(t.setting_no_feature)?;
            Ok(None)
        },
        write: |scene| list(scene.features.list().map(|f| f.name().to_string())),
    },
    Setting {
        name: "classes",
        values: Values::Number {
            min: 2.0,
            max: MAX_CLASSES as f64,
            step: 1.0,
        },
        effect: Effect::Network,
        read: |scene, value, t| {
            if scene.task == Task::Regression {
                return Err(t.setting_classes_regression.to_string());
            }
            let (classes, mut note) = whole(t, "classes", value, 2, MAX_CLASSES)?;
            scene.task = Task::Classification { classes };
            let before = scene.points.len();
            scene.points.retain(|p| (p.label as usize) < classes);
            if scene.points.len() < before {
                note = Some(fill(
                    t.setting_classes_removed,
                    &[("count", &(before - scene.points.len()).to_string())],
                ));
            }
            Ok(note)
        },
        write: |scene| scene.task.classes().to_string(),
    },
    Setting {
        name: "learning-rate",
        values: Values::Number {
            min: LEARNING_RATE_RANGE.0,
            max: LEARNING_RATE_RANGE.1,
            step: 0.0,
        },
        effect: Effect::Training,
        read: |scene, value, t| {
            let (low, high) = LEARNING_RATE_RANGE;
            let (v, note) = clamped(t, "learning rate", value, low, high)?;
            scene.training.learning_rate = v as f32;
            Ok(note)
        },
        write: |scene| Shortest(scene.training.learning_rate).to_string(),
    },
    Setting {
        name: "schedule",
        values: Values::Choice(choices!(ScheduleKind::ALL)),
        effect: Effect::Training,
        read: |scene, value, t| {
            scene.training.schedule.kind =
                one_of(t, "schedule", value, &ScheduleKind::ALL, ScheduleKind::name)?;
            Ok(None)
        },
        write: |scene| scene.training.schedule.kind.name().to_string(),
    },
    Setting {
        name: "schedule-epochs",
        values: Values::Number {
            min: 1.0,
            max: MAX_SCHEDULE_EPOCHS as f64,
            step: 1.0,
        },
        effect: Effect::Training,
        read: |scene, value, t| {
            let (v, note) = whole(t, "schedule epochs", value, 1, MAX_SCHEDULE_EPOCHS)?;
            scene.training.schedule.epochs = v;
            Ok(note)
        },
        write: |scene| scene.training.schedule.epochs.to_string(),
    },
    Setting {
        name: "optimizer",
        values: Values::Choice(choices!(OptimizerKind::ALL)),
        effect: Effect::Training,
        read: |scene, value, t| {
            scene.training.optimizer = one_of(
                t,
                "optimizer",
                value,
                &OptimizerKind::ALL,
                OptimizerKind::name,
            )?;
            Ok(None)
        },
        write: |scene| scene.training.optimizer.name().to_string(),
    },
    Setting {
        name: "batch-size",
        values: Values::Number {
            min: 1.0,
            max: MAX_BATCH as f64,
            step: 1.0,
        },
        effect: Effect::Training,
        read: |scene, value, t| {
            let (v, note) = whole(t, "batch size", value, 1, MAX_BATCH)?;
            scene.training.batch_size = v;
            Ok(note)
        },
        write: |scene| scene.training.batch_size.to_string(),
    },
    Setting {
        name: "dropout",
        values: Values::Number {
            min: DROPOUT_RANGE.0,
            max: DROPOUT_RANGE.1,
            step: 0.05,
        },
        effect: Effect::Training,
        read: |scene, value, t| {
            let (v, note) = clamped(t, "dropout rate", value, DROPOUT_RANGE.0, DROPOUT_RANGE.1)?;
            scene.training.dropout = v as f32;
            Ok(note)
        },
        write: |scene| Shortest(scene.training.dropout).to_string(),
    },
    Setting {
        name: "regularization",
        values: Values::Choice(choices!(Penalty::ALL)),
        effect: Effect::Training,
        read: |scene, value, t| {
            scene.training.regularization.penalty =
                one_of(t, "regularization", value, &Penalty::ALL, Penalty::name)?;
            Ok(None)
        },
        write: |scene| scene.training.regularization.penalty.name().to_string(),
    },
    Setting {
        name: "regularization-rate",
        values: Values::Choice(|| REGULARIZATION_RATES.iter().map(|r| (*r, *r)).collect()),
        effect: Effect::Training,
        read: |scene, value, t| {
            let (v, note) = clamped(
                t,
                "regularization rate",
                value,
                REGULARIZATION_RATE_RANGE.0,
                REGULARIZATION_RATE_RANGE.1,
            )?;
            scene.training.regularization.rate = v as f32;
            Ok(note)
        },
        write: |scene| Shortest(scene.training.regularization.rate).to_string(),
    },
    Setting {
        name: "test-fraction",
        values: Values::Number {
            min: TEST_FRACTION_RANGE.0,
            max: TEST_FRACTION_RANGE.1,
            step: 0.1,
        },
        effect: Effect::Points,
        read: |scene, value, t| {
            let (v, note) = clamped(
                t,
                "test fraction",
                value,
                TEST_FRACTION_RANGE.0,
                TEST_FRACTION_RANGE.1,
            )?;
            scene.test_fraction = v as f32;
            scene.resplit();
            Ok(note)
        },
        write: |scene| Shortest(scene.test_fraction).to_string(),
    },
    Setting {
        name: "early-stopping",
        values: Values::Number {
            min: 0.0,
            max: MAX_PATIENCE as f64,
            step: 1.0,
        },
        effect: Effect::Training,
        read: |scene, value, t| {
            let (v, note) = whole(t, "early-stopping patience", value, 0, MAX_PATIENCE)?;
            scene.training.early_stopping = (v > 0).then_some(v);
            Ok(note)
        },
        write: |scene| scene.training.early_stopping.unwrap_or(0).to_string(),
    },
    Setting {
        name: "seed",
        values: Values::Number {
            min: 0.0,
            max: MAX_SEED as f64,
            step: 1.0,
        },
        effect: Effect::Network,
        read: |scene, value, t| {
            // Not through usize: it is 32 bits in wasm.
            let (v, note) = clamped(t, "seed", value, 0.0, MAX_SEED as f64)?;
            if v.fract() != 0.0 {
                return Err(said(t, t.setting_not_whole, "seed", value));
            }
            scene.seed = v as u64;
            Ok(note)
        },
        write: |scene| scene.seed.to_string(),
    },
    Setting {
        name: "epochs-per-frame",
        values: Values::Number {
            min: 1.0,
            max: MAX_EPOCHS_PER_FRAME as f64,
            step: 1.0,
        },
        effect: Effect::None,
        read: |scene, value, t| {
            let (v, note) = whole(t, "epochs per frame", value, 1, MAX_EPOCHS_PER_FRAME)?;
            scene.epochs_per_frame = v;
            Ok(note)
        },
        write: |scene| scene.epochs_per_frame.to_string(),
    },
    Setting {
        name: "stop-after",
        values: Values::Number {
            min: 0.0,
            max: MAX_STOP_AFTER as f64,
            step: 1.0,
        },
        effect: Effect::None,
        read: |scene, value, t| {
            let (v, note) = whole(t, "stop after", value, 0, MAX_STOP_AFTER)?;
            scene.stop_after = (v > 0).then_some(v);
            Ok(note)
        },
        write: |scene| scene.stop_after.unwrap_or(0).to_string(),
    },
    Setting {
        name: "noise",
        values: Values::Number {
            min: NOISE_RANGE.0,
            max: NOISE_RANGE.1,
            step: 0.05,
        },
        effect: Effect::None,
        read: |scene, value, t| {
            let (v, note) = clamped(t, "noise", value, NOISE_RANGE.0, NOISE_RANGE.1)?;
            scene.noise = v as f32;
            Ok(note)
        },
        write: |scene| Shortest(scene.noise).to_string(),
    },
    Setting {
        name: "palette",
        values: Values::Choice(choices!(Palette::ALL)),
        effect: Effect::None,
        read: |scene, value, t| {
            scene.palette = one_of(t, "palette", value, &Palette::ALL, Palette::name)?;
            Ok(None)
        },
        write: |scene| scene.palette.name().to_string(),
    },
];

/// Every setting's name, in the table's order.
pub const NAMES: [&str; SETTINGS.len()] = {
    let mut names = [""; SETTINGS.len()];
    let mut i = 0;
    while i < SETTINGS.len() {
        names[i] = SETTINGS[i].name;
        i += 1;
    }
    names
};

/// The row of the setting called `name`.
pub fn setting(name: &str) -> Option<&'static Setting> {
    SETTINGS.iter().find(|s| s.name == name)
}

/// Sets `name` to `value` (text), or says why not, leaving the scene as it was.
pub fn apply(scene: &mut Scene, name: &str, value: &str) -> Result<Applied, String> {
    apply_in(&ENGLISH, scene, name, value)
}

/// As [`apply`], the note or refusal told in `t`'s language.
pub fn apply_in(
    t: &Catalogue,
    scene: &mut Scene,
    name: &str,
    value: &str,
) -> Result<Applied, String> {
    let row = setting(name).ok_or_else(|| fill(t.setting_unknown, &[("name", &shorten(name))]))?;
    let mut changed = scene.clone();
    let note = (row.read)(&mut changed, value, t)?;
    *scene = changed;
    Ok(Applied {
        effect: row.effect,
        note,
    })
}

/// The current value of `name` as text, in the form `apply` takes.
pub fn get(scene: &Scene, name: &str) -> Option<String> {
    setting(name).map(|row| (row.write)(scene))
}

fn list(items: impl Iterator<Item = String>) -> String {
    items.collect::<Vec<_>>().join(",")
}

/// A field's name in `t`'s language (the English name when it has none).
fn field_name(t: &Catalogue, field: &str) -> String {
    let named = match field {
        "units per layer" => t.field_units,
        "activation" => t.field_activation,
        "features" => t.field_features,
        "classes" => t.field_classes,
        "learning rate" => t.field_learning_rate,
        "schedule" => t.field_schedule,
        "schedule epochs" => t.field_schedule_epochs,
        "optimizer" => t.field_optimizer,
        "batch size" => t.field_batch_size,
        "dropout rate" => t.field_dropout_rate,
        "regularization" => t.field_regularization,
        "regularization rate" => t.field_regularization_rate,
        "test fraction" => t.field_test_fraction,
        "early-stopping patience" => t.field_patience,
        "seed" => t.field_seed,
        "epochs per frame" => t.field_epochs_per_frame,
        "stop after" => t.field_stop_after,
        "noise" => t.field_noise,
        "palette" => t.field_palette,
        other => other,
    };
    named.to_string()
}

/// `template` said of `field` and the `value` given.
fn said(t: &Catalogue, template: &str, field: &str, value: &str) -> String {
    fill(
        template,
        &[("field", &field_name(t, field)), ("value", &shorten(value))],
    )
}

fn parse_number(t: &Catalogue, field: &str, value: &str) -> Result<f64, String> {
    match read_f64(value.trim()) {
        Some(v) if v.is_finite() => Ok(v),
        Some(_) => Err(said(t, t.setting_not_finite, field, value)),
        None => Err(said(t, t.setting_not_number, field, value)),
    }
}

/// A number clamped into `[low, high]`, with a note when it was outside.
fn clamped(
    t: &Catalogue,
    field: &str,
    value: &str,
    low: f64,
    high: f64,
) -> Result<(f64, Option<String>), String> {
    let v = parse_number(t, field, value)?;
    let c = v.max(low).min(high); // not clamp: see `crate::decimal::Shortest`
    let note = (c != v).then(|| {
        let [v, low, high, c] = [v, low, high, c].map(human);
        fill(
            t.setting_clamped,
            &[
                ("field", &field_name(t, field)),
                ("value", &v),
                ("low", &low),
                ("high", &high),
                ("used", &c),
            ],
        )
    });
    Ok((c, note))
}

fn whole(
    t: &Catalogue,
    field: &str,
    value: &str,
    low: usize,
    high: usize,
) -> Result<(usize, Option<String>), String> {
    let (v, note) = clamped(t, field, value, low as f64, high as f64)?;
    if v.fract() != 0.0 {
        return Err(said(t, t.setting_not_whole, field, value));
    }
    Ok((v as usize, note))
}

/// The item of `all` called `value`, or a message listing their names.
fn one_of<T: Copy>(
    t: &Catalogue,
    field: &str,
    value: &str,
    all: &[T],
    name: fn(T) -> &'static str,
) -> Result<T, String> {
    all.iter()
        .copied()
        .find(|&v| name(v) == value.trim())
        .ok_or_else(|| {
            let names: Vec<_> = all.iter().map(|&v| name(v)).collect();
            fill(
                t.setting_not_one_of,
                &[
                    ("field", &field_name(t, field)),
                    ("value", &shorten(value)),
                    ("names", &names.join(", ")),
                ],
            )
        })
}

fn activation(t: &Catalogue, field: &str, value: &str) -> Result<Activation, String> {
    one_of(t, field, value, &Activation::ALL, Activation::name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_korean_playground_is_told_of_clamps_and_refusals_in_korean() {
        let korean = crate::i18n::korean();
        let mut scene = Scene::default();
        let applied = apply_in(&korean, &mut scene, "learning-rate", "50").unwrap();
        assert_eq!(
            applied.note.as_deref(),
            Some("학습률: 50은(는) 0.00001부터 10까지의 범위 밖이라 10을(를) 씁니다")
        );
        assert_eq!(
            apply_in(&korean, &mut scene, "batch-size", "abc"),
            Err("배치 크기: 'abc'은(는) 숫자가 아닙니다".to_string())
        );
        assert_eq!(
            apply_in(&korean, &mut scene, "layer-activations", "relu,wobbly"),
            Err("2층의 활성화 함수: 'wobbly'은(는) linear, sigmoid, tanh, relu, leaky-relu, elu, swish 중 하나가 아닙니다"
                .to_string())
        );
        assert_eq!(
            apply_in(&korean, &mut scene, "speed", "3"),
            Err("'speed'은(는) 설정이 아닙니다".to_string())
        );
        // English as before.
        let applied = apply(&mut scene, "learning-rate", "50").unwrap();
        assert_eq!(
            applied.note.as_deref(),
            Some("learning rate: 50 is outside 0.00001 to 10; using 10")
        );
    }

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
            ("schedule", "one-cycle"),
            ("schedule-epochs", "250"),
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
            ("palette", "color-blind"),
        ];
        assert_eq!(values.len(), NAMES.len());
        for (name, value) in values {
            let applied = apply(&mut scene, name, value).unwrap();
            assert_eq!(applied.note, None, "{name}");
            assert_eq!(get(&scene, name).as_deref(), Some(value), "{name}");
        }
    }

    #[test]
    fn every_value_the_table_offers_is_taken_as_it_is() {
        for row in &SETTINGS {
            let offered: Vec<String> = match row.values {
                Values::Choice(all) => all().into_iter().map(|(v, _)| v.to_string()).collect(),
                Values::Number { min, max, .. } => vec![min.to_string(), max.to_string()],
                Values::List => continue,
            };
            for value in offered {
                let mut scene = Scene::default();
                let applied = apply(&mut scene, row.name, &value).unwrap_or_else(|e| panic!("{e}"));
                assert_eq!(applied.note, None, "{}={value}", row.name);
                assert_eq!(applied.effect, row.effect);
                if !matches!(row.values, Values::Number { .. }) || row.name != "stop-after" {
                    assert_eq!(
                        get(&scene, row.name).unwrap().parse::<f64>().ok(),
                        value.parse::<f64>().ok(),
                        "{}",
                        row.name
                    );
                }
            }
        }
        assert_eq!(NAMES.len(), SETTINGS.len());
        assert!(NAMES.iter().all(|n| setting(n).is_some()));
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
