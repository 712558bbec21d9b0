//! Lecture 1, scene by scene: each lesson is a named preset scene (data,
//! network, training settings), the controls its page shows, one or two
//! sentences of caption and, where the lesson needs one, a panel beside the
//! playground. `all()` lists them in the lecture's order.

use super::compare::Compare;
use super::lesson_state::landscape_params;
use super::settings;
use super::{Marker, Scene, Session};
use crate::data::{Point, Preset, Task};
use crate::i18n::Catalogue;
use crate::nn::activation::sigmoid;
use crate::nn::Network;
use crate::rng::Rng;

/// Every control group a lesson page can show, by the name the page uses.
pub const CONTROLS: [&str; 15] = [
    "run",
    "learning-rate",
    "optimizer",
    "batch-size",
    "activation",
    "dropout",
    "regularization",
    "data",
    "points",
    "files",
    "features",
    "layers",
    "training",
    "code",
    "link",
];

/// What the page shows beside the playground for a lesson.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Panel {
    None,
    /// Sliders for w0, w1, w2 of a single neuron; training off.
    Perceptron,
    /// The loss surface over the model's two parameters, with the path taken.
    Landscape,
    /// A chosen weight's chain-rule factors and each layer's gradient size.
    Backprop,
    /// Side-by-side runs that differ in one setting (see `Lesson::compare`).
    Compare,
}

/// A single neuron in the lecture's notation: z = w0 + w1·x1 + w2·x2 and the
/// output sigmoid(z).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Perceptron {
    /// The bias.
    pub w0: f32,
    pub w: [f32; 2],
}

impl Perceptron {
    /// The lecture's example: w0 = 1, w = (3, −2).
    pub const LECTURE: Perceptron = Perceptron {
        w0: 1.0,
        w: [3.0, -2.0],
    };

    pub fn z(&self, x1: f32, x2: f32) -> f32 {
        self.w0 + self.w[0] * x1 + self.w[1] * x2
    }

    pub fn output(&self, x1: f32, x2: f32) -> f32 {
        sigmoid(self.z(x1, x2))
    }

    /// The neuron of a network with no hidden layer, inputs x1 and x2 and one
    /// sigmoid output; None for any other network.
    pub fn of(network: &Network) -> Option<Perceptron> {
        match &network.layers[..] {
            [layer] if layer.inputs == 2 && layer.units == 1 => Some(Perceptron {
                w0: layer.biases[0],
                w: [layer.weights[0], layer.weights[1]],
            }),
            _ => None,
        }
    }

    /// Writes these weights into a network of the perceptron's shape.
    pub fn write(&self, network: &mut Network) -> Result<(), String> {
        match &mut network.layers[..] {
            [layer] if layer.inputs == 2 && layer.units == 1 => {
                layer.biases[0] = self.w0;
                layer.weights.copy_from_slice(&self.w);
                Ok(())
            }
            _ => Err("perceptron: the network is not a single neuron on x1 and x2".to_string()),
        }
    }
}

/// Weights a lesson starts from instead of random ones.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Start {
    /// The perceptron's single neuron on x1 and x2.
    Neuron(Perceptron),
    /// The landscape's one weight and bias: high up the bowl's wall, so
    /// the path down is long enough to watch.
    WeightAndBias([f32; 2]),
}

impl Start {
    /// Writes these weights into a network of the lesson's shape.
    fn write(self, network: &mut Network) -> Result<(), String> {
        match self {
            Start::Neuron(neuron) => neuron.write(network),
            Start::WeightAndBias(values) => {
                let params = landscape_params(network)
                    .ok_or("landscape: the network is not one weight and a bias")?;
                for (param, value) in params.into_iter().zip(values) {
                    param.set(network, value);
                }
                Ok(())
            }
        }
    }
}

pub struct Lesson {
    /// The id in a URL: `#lesson=perceptron`.
    pub name: &'static str,
    /// Its title and what the student reads (one or two sentences), from a catalogue.
    words: fn(&Catalogue) -> (&'static str, &'static str),
    /// The control groups the page shows (names from `CONTROLS`).
    pub controls: &'static [&'static str],
    pub panel: Panel,
    /// For `Panel::Compare`: the one setting the side-by-side runs differ in.
    pub compare: Option<Compare>,
    /// Weights the lesson starts from instead of random ones.
    pub weights: Option<Start>,
    build: fn() -> Scene,
}

impl Lesson {
    /// The lesson's title in catalogue `t`'s language.
    pub fn title(&self, t: &Catalogue) -> &'static str {
        (self.words)(t).0
    }

    /// The lesson's caption in catalogue `t`'s language.
    pub fn caption(&self, t: &Catalogue) -> &'static str {
        (self.words)(t).1
    }

    /// The lesson's preset scene.
    pub fn scene(&self) -> Scene {
        (self.build)()
    }

    pub fn shows(&self, control: &str) -> bool {
        self.controls.contains(&control)
    }

    /// A session on the lesson's scene, its starting weights in place.
    pub fn session(&self) -> Session {
        let mut session = Session::new(self.scene());
        self.start_weights(&mut session);
        session
    }

    /// Loads the lesson's scene into `session` (one undo step for the points)
    /// with its starting weights.
    pub fn load(&self, session: &mut Session) {
        session.load(self.scene());
        self.start_weights(session);
    }

    /// Puts the lesson's starting weights (if any) into the session's network.
    pub fn start_weights(&self, session: &mut Session) {
        if let Some(start) = self.weights {
            let mut network = session.trainer().network.clone();
            if start.write(&mut network).is_ok() {
                session.trainer_mut().set_network(network);
            }
        }
    }
}

/// The lessons, in the lecture's order.
pub fn all() -> &'static [Lesson] {
    &LESSONS
}

pub fn find(name: &str) -> Option<&'static Lesson> {
    LESSONS.iter().find(|l| l.name == name)
}

static LESSONS: [Lesson; 9] = [
    Lesson {
        name: "perceptron",
        words: |t| (t.lesson_perceptron, t.lesson_perceptron_caption),
        controls: &["points", "link"],
        panel: Panel::Perceptron,
        compare: None,
        weights: Some(Start::Neuron(Perceptron::LECTURE)),
        build: perceptron,
    },
    Lesson {
        name: "nonlinearity",
        words: |t| (t.lesson_nonlinearity, t.lesson_nonlinearity_caption),
        controls: &["run", "activation", "layers", "learning-rate", "link"],
        panel: Panel::None,
        compare: None,
        weights: None,
        build: nonlinearity,
    },
    Lesson {
        name: "pass",
        words: |t| (t.lesson_pass, t.lesson_pass_caption),
        controls: &["run", "learning-rate", "layers", "data", "points", "link"],
        panel: Panel::None,
        compare: None,
        weights: None,
        build: pass,
    },
    Lesson {
        name: "landscape",
        words: |t| (t.lesson_landscape, t.lesson_landscape_caption),
        controls: &["run", "learning-rate", "link"],
        panel: Panel::Landscape,
        compare: None,
        weights: Some(Start::WeightAndBias(LANDSCAPE_START)),
        build: landscape,
    },
    Lesson {
        name: "backprop",
        words: |t| (t.lesson_backprop, t.lesson_backprop_caption),
        controls: &["run", "activation", "layers", "learning-rate", "link"],
        panel: Panel::Backprop,
        compare: None,
        weights: None,
        build: backprop,
    },
    Lesson {
        name: "learning-rate",
        words: |t| (t.lesson_learning_rate, t.lesson_learning_rate_caption),
        controls: &["run", "link"],
        panel: Panel::Compare,
        compare: Some(Compare {
            setting: "learning-rate",
            values: LEARNING_RATES,
        }),
        weights: None,
        build: learning_rate,
    },
    Lesson {
        name: "optimizers",
        words: |t| (t.lesson_optimizers, t.lesson_optimizers_caption),
        controls: &["run", "learning-rate", "link"],
        panel: Panel::Compare,
        compare: Some(Compare {
            setting: "optimizer",
            values: &["sgd", "momentum", "rmsprop", "adagrad", "adam"],
        }),
        weights: None,
        build: optimizers,
    },
    Lesson {
        name: "mini-batches",
        words: |t| (t.lesson_mini_batches, t.lesson_mini_batches_caption),
        controls: &["run", "learning-rate", "link"],
        panel: Panel::Compare,
        compare: Some(Compare {
            setting: "batch-size",
            values: &["1", "32", "all"],
        }),
        weights: None,
        build: mini_batches,
    },
    Lesson {
        name: "overfitting",
        words: |t| (t.lesson_overfitting, t.lesson_overfitting_caption),
        controls: &[
            "run",
            "dropout",
            "regularization",
            "training",
            "layers",
            "data",
            "link",
        ],
        panel: Panel::None,
        compare: None,
        weights: None,
        build: overfitting,
    },
];

/// Too small, medium, too large (with SGD on the lesson's data).
pub const LEARNING_RATES: &[&str] = &["0.001", "0.1", "3"];

/// Sets lesson settings by name. They are fixed here and tested, so a
/// refusal is a mistake in this file.
fn with(mut scene: Scene, settings: &[(&str, &str)]) -> Scene {
    for (name, value) in settings {
        if let Err(e) = settings::apply(&mut scene, name, value) {
            panic!("lesson setting {name}={value}: {e}");
        }
    }
    scene
}

/// A preset's points held out at `test_fraction`.
fn preset(preset: Preset, points: usize, noise: f32, test_fraction: f32, seed: u64) -> Scene {
    let mut scene = Scene::from_preset(preset, points, noise, seed);
    scene.test_fraction = test_fraction;
    scene.regenerate();
    scene
}

/// The number of training points, as a setting's text.
fn training_count(scene: &Scene) -> String {
    scene.points.iter().filter(|p| !p.test).count().to_string()
}

fn perceptron() -> Scene {
    // Points on a grid, coloured by the lecture's neuron; (−1, 2) among them.
    let neuron = Perceptron::LECTURE;
    let mut points = vec![Point::new(-1.0, 2.0, 0.0)];
    let mut rng = Rng::new(12);
    while points.len() < 40 {
        let (x1, x2) = (rng.range(-5.5, 5.5), rng.range(-5.5, 5.5));
        let z = neuron.z(x1, x2);
        if z.abs() > 1.0 {
            points.push(Point::new(x1, x2, (z > 0.0) as u8 as f32));
        }
    }
    let mut scene = Scene {
        points,
        preset: None,
        marker: Some(Marker {
            x1: -1.0,
            x2: 2.0,
            label: "x = (−1, 2)".to_string(),
        }),
        ..Scene::from_preset(Preset::Gaussians, 0, 0.0, 1)
    };
    scene.task = Task::Classification { classes: 2 };
    scene.test_fraction = 0.0;
    with(scene, &[("hidden", "")])
}

fn nonlinearity() -> Scene {
    with(
        preset(Preset::Xor, 200, 0.0, 0.0, 2),
        &[
            ("hidden", "6,6,6"),
            ("activation", "linear"),
            ("learning-rate", "0.03"),
            ("batch-size", "10"),
        ],
    )
}

fn pass() -> Scene {
    with(
        preset(Preset::Pass, 100, 0.1, 0.0, 4),
        &[
            // Starting weights that give you 0.1, the lecture's untrained answer.
            ("seed", "56"),
            ("hidden", "3"),
            ("activation", "sigmoid"),
            ("learning-rate", "0.1"),
            ("batch-size", "10"),
        ],
    )
}

/// Where the landscape's descent starts: (w, b), far from the bottom.
pub const LANDSCAPE_START: [f32; 2] = [-1.5, 2.0];

/// The landscape's data: values t = x1/4 − 1/2 plus a little noise at x1
/// evenly spaced from −3 to 3, so mean x1 = 0 and mean x1² = 3 − 9/n²: the
/// bowl curves by 2·mean x1² ≈ 6 along w and by 2 along b, and rates above
/// 2/6 = 1/3 blow up (`nn::curvature`). x2 only spreads the points out.
fn landscape() -> Scene {
    const POINTS: usize = 60;
    let mut rng = Rng::new(5);
    let points = (0..POINTS)
        .map(|i| {
            let x1 = -3.0 + 6.0 * (i as f32 + 0.5) / POINTS as f32;
            let x2 = rng.range(-5.0, 5.0);
            Point::new(x1, x2, 0.25 * x1 - 0.5 + 0.15 * rng.normal())
        })
        .collect();
    let mut scene = Scene {
        points,
        preset: None,
        marker: None,
        ..Scene::from_preset(Preset::Plane, 0, 0.0, 5)
    };
    scene.test_fraction = 0.0;
    let all = training_count(&scene);
    with(
        scene,
        &[
            ("hidden", ""),
            ("features", "x1"),
            ("optimizer", "sgd"),
            ("learning-rate", "0.1"),
            ("batch-size", &all),
        ],
    )
}

fn backprop() -> Scene {
    with(
        preset(Preset::Circle, 200, 0.0, 0.0, 6),
        &[
            ("hidden", "6,6,6,6"),
            ("activation", "sigmoid"),
            ("learning-rate", "0.1"),
            ("batch-size", "10"),
        ],
    )
}

fn learning_rate() -> Scene {
    with(
        preset(Preset::Circle, 200, 0.1, 0.0, 7),
        &[
            ("hidden", "6,6"),
            ("activation", "tanh"),
            ("optimizer", "sgd"),
            ("learning-rate", "0.1"),
            ("batch-size", "10"),
        ],
    )
}

fn optimizers() -> Scene {
    with(
        preset(Preset::Circle, 200, 0.0, 0.0, 8),
        &[
            ("hidden", "6,6"),
            ("activation", "tanh"),
            ("learning-rate", "0.01"),
            ("batch-size", "10"),
        ],
    )
}

fn mini_batches() -> Scene {
    with(
        preset(Preset::Circle, 200, 0.1, 0.0, 9),
        &[
            ("hidden", "6,6"),
            ("activation", "tanh"),
            ("optimizer", "sgd"),
            ("learning-rate", "0.03"),
            ("batch-size", "32"),
        ],
    )
}

fn overfitting() -> Scene {
    with(
        preset(Preset::Xor, 40, 1.0, 0.5, 10),
        &[
            ("hidden", "16,16,16"),
            ("activation", "relu"),
            ("optimizer", "adam"),
            ("learning-rate", "0.01"),
            ("batch-size", "10"),
            ("dropout", "0"),
            ("regularization", "none"),
            // What L2 uses once the student switches it on.
            ("regularization-rate", "0.01"),
            ("early-stopping", "0"),
        ],
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data;
    use crate::i18n::ENGLISH;
    use crate::nn::inspect;
    use crate::nn::{Regularization, Samples};
    use crate::scene::compare::Race;
    use crate::scene::text;
    use crate::view::landscape::{self, Param, Span, Window};

    #[test]
    fn lessons_come_in_the_lectures_order_and_are_found_by_name() {
        let names: Vec<_> = all().iter().map(|l| l.name).collect();
        assert_eq!(
            names,
            [
                "perceptron",
                "nonlinearity",
                "pass",
                "landscape",
                "backprop",
                "learning-rate",
                "optimizers",
                "mini-batches",
                "overfitting"
            ]
        );
        for l in all() {
            assert_eq!(
                find(l.name).map(|f| f.title(&ENGLISH)),
                Some(l.title(&ENGLISH))
            );
        }
        assert!(find("lesson-ten").is_none());
        assert!(find("").is_none());
    }

    #[test]
    fn every_lesson_names_known_controls_and_a_fitting_panel() {
        for l in all() {
            for c in l.controls {
                assert!(CONTROLS.contains(c), "{}: unknown control {c}", l.name);
            }
            assert_eq!(l.compare.is_some(), l.panel == Panel::Compare, "{}", l.name);
            assert!(
                (20..=300).contains(&l.caption(&ENGLISH).len()),
                "{}: caption of {} bytes",
                l.name,
                l.caption(&ENGLISH).len()
            );
            assert!(l.shows("link"), "{}", l.name);
            assert_eq!(l.shows("run"), l.panel != Panel::Perceptron, "{}", l.name);
        }
    }

    #[test]
    fn every_lesson_scene_survives_its_link() {
        for l in all() {
            let scene = l.scene();
            let decoded = text::decode(&text::encode(&scene)).unwrap();
            assert_eq!(decoded.notes, Vec::<String>::new(), "{}", l.name);
            for name in settings::NAMES {
                assert_eq!(
                    settings::get(&decoded.scene, name),
                    settings::get(&scene, name),
                    "{}: {name}",
                    l.name
                );
            }
            assert_eq!(decoded.scene.points.len(), scene.points.len(), "{}", l.name);
            assert_eq!(decoded.scene.marker, scene.marker, "{}", l.name);
        }
    }

    #[test]
    fn every_compare_lesson_builds_its_race() {
        for l in all() {
            if let Some(compare) = &l.compare {
                let race = Race::new(&l.scene(), compare).unwrap();
                assert_eq!(race.runs().len(), compare.values.len(), "{}", l.name);
            }
        }
    }

    #[test]
    fn perceptron_weights_round_trip_and_refuse_other_shapes() {
        let l = find("perceptron").unwrap();
        let mut session = l.session();
        let neuron = Perceptron {
            w0: -0.5,
            w: [0.25, 2.0],
        };
        let mut network = session.trainer().network.clone();
        neuron.write(&mut network).unwrap();
        assert_eq!(Perceptron::of(&network), Some(neuron));
        session.trainer_mut().set_network(network);
        let by_hand = neuron.output(1.0, 1.0);
        assert!((session.predict(1.0, 1.0)[0] - by_hand).abs() < 1e-6);

        let deep = Session::new(Scene::default());
        let mut other = deep.trainer().network.clone();
        assert!(Perceptron::of(&other).is_none());
        assert!(neuron.write(&mut other).is_err());
    }

    #[test]
    fn loading_a_lesson_into_a_session_sets_its_weights() {
        let mut session = Session::new(Scene::default());
        let l = find("perceptron").unwrap();
        l.load(&mut session);
        assert_eq!(session.scene(), &l.scene());
        assert_eq!(
            Perceptron::of(&session.trainer().network),
            Some(Perceptron::LECTURE)
        );
        assert!(session.can_undo(), "the old points are one undo away");
    }

    /// The scene's points as network samples (training and test together).
    fn all_samples(scene: &Scene) -> Samples {
        data::samples(&scene.points, scene.features)
    }

    #[test]
    fn gradient_sizes_are_one_per_layer_and_empty_without_data() {
        let scene = find("backprop").unwrap().scene();
        let session = Session::new(scene.clone());
        let network = &session.trainer().network;
        let grads = inspect::gradients(network, &all_samples(&scene), Regularization::NONE);
        let sizes = inspect::layer_gradient_sizes(&grads.unwrap());
        assert_eq!(sizes.len(), network.layers.len());
        assert!(sizes.iter().all(|s| s.is_finite() && *s > 0.0));
        assert!(inspect::gradients(network, &Samples::default(), Regularization::NONE).is_none());
    }

    #[test]
    fn the_loss_surface_needs_a_two_parameter_model() {
        let landscape = find("landscape").unwrap().session();
        let samples = all_samples(landscape.scene());
        let network = &landscape.trainer().network;
        assert_eq!(network.parameter_count(), 2);
        let params = [
            Param::weight(network, 0, 0, 0).expect("a weight"),
            Param::bias(network, 0, 0).expect("a bias"),
        ];
        let window = Window {
            first: Span { lo: -1.0, hi: 1.0 },
            second: Span { lo: -2.0, hi: 2.0 },
        };
        let surface = landscape::surface(network, &samples, params, window, 5).unwrap();
        assert_eq!(surface.values.len(), 25);
        assert!(surface.values.iter().all(|j| j.is_finite() && *j > 0.0));
        assert!(landscape::surface(network, &Samples::default(), params, window, 5).is_none());
        // A deep network has more than two parameters, and its samples do
        // not fit the landscape lesson's one-input model.
        let deep = Session::new(Scene::default());
        assert!(deep.trainer().network.parameter_count() > 2);
        let samples = all_samples(deep.scene());
        assert!(landscape::surface(network, &samples, params, window, 5).is_none());
    }
}
