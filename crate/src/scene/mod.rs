//! A playground's whole state as plain data — points, network, training
//! settings and seed — and the live session that trains it.

pub mod classroom;
pub mod code;
pub mod compare;
pub mod confusion;
pub mod describe;
pub mod export;
pub mod inside_text;
pub mod lecture_numbers;
pub mod lesson_state;
pub mod lesson_text;
pub mod lessons;
pub mod questions;
pub mod session;
pub mod settings;
pub mod slow_step;
pub mod text;
pub mod timeline;
pub mod workloads;

pub use classroom::Classroom;
pub use session::Session;

use crate::data::{self, Domain, Point, Preset, Task};
use crate::nn::{Activation, Features, Loss, NetworkShape, Penalty, Regularization, TrainConfig};
use crate::rng::Rng;
use crate::view::colors::Palette;

pub use crate::data::MAX_POINTS;
pub const MAX_HIDDEN_LAYERS: usize = 8;
pub const MAX_UNITS: usize = 32;
pub const MAX_CLASSES: usize = 4;

/// A labelled spot on the data canvas, like the lecture's "you" at (4, 5).
#[derive(Clone, Debug, PartialEq)]
pub struct Marker {
    pub x1: f32,
    pub x2: f32,
    pub label: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Scene {
    pub points: Vec<Point>,
    pub task: Task,
    pub domain: Domain,
    pub axes: (String, String),
    pub marker: Option<Marker>,
    /// The preset the points came from, with its size and noise, for "regenerate".
    pub preset: Option<Preset>,
    pub preset_points: usize,
    pub noise: f32,

    pub hidden: Vec<usize>,
    pub activation: Activation,
    /// Per hidden layer: None follows `activation`.
    pub layer_activations: Vec<Option<Activation>>,
    pub features: Features,

    pub training: TrainConfig,
    pub test_fraction: f32,
    pub seed: u64,
    pub epochs_per_frame: usize,
    /// Pause after this many epochs (None: run until paused).
    pub stop_after: Option<usize>,
    /// The classes' colours (their shapes are fixed).
    pub palette: Palette,
}

impl Default for Scene {
    fn default() -> Self {
        Scene::from_preset(Preset::Circle, 200, 0.0, 1)
    }
}

impl Scene {
    /// A scene with a preset's points and the playground's usual network.
    pub fn from_preset(preset: Preset, points: usize, noise: f32, seed: u64) -> Scene {
        let (x1, x2) = preset.axes();
        let mut scene = Scene {
            points: Vec::new(),
            task: preset.task(),
            domain: preset.domain(),
            axes: (x1.to_string(), x2.to_string()),
            marker: (preset == Preset::Pass).then(|| Marker {
                x1: 4.0,
                x2: 5.0,
                label: crate::i18n::ENGLISH.marker_you.to_string(),
            }),
            preset: Some(preset),
            preset_points: points,
            noise,
            hidden: vec![4, 2],
            activation: Activation::Tanh,
            layer_activations: vec![None, None],
            features: Features::RAW,
            training: TrainConfig {
                // Inert until L1 or L2 is chosen; then a rate that does something.
                regularization: Regularization {
                    penalty: Penalty::None,
                    rate: 0.001,
                },
                ..TrainConfig::default()
            },
            test_fraction: 0.5,
            seed,
            epochs_per_frame: 1,
            stop_after: None,
            palette: Palette::default(),
        };
        scene.regenerate();
        scene
    }

    /// Draws the preset's points afresh (from the seed) and splits them.
    pub fn regenerate(&mut self) {
        if let Some(preset) = self.preset {
            let mut rng = Rng::new(self.seed ^ 0xDA7A);
            self.points = preset.generate(self.preset_points, self.noise, &mut rng);
            data::split(&mut self.points, self.test_fraction, &mut rng);
        }
    }

    /// Splits the current points afresh at `test_fraction`.
    pub fn resplit(&mut self) {
        let mut rng = Rng::new(self.seed ^ 0x5B11);
        data::split(&mut self.points, self.test_fraction, &mut rng);
    }

    pub fn loss(&self) -> Loss {
        Loss::for_classes(self.task.classes())
    }

    pub fn layer_activation(&self, layer: usize) -> Activation {
        self.layer_activations
            .get(layer)
            .copied()
            .flatten()
            .unwrap_or(self.activation)
    }

    pub fn shape(&self) -> NetworkShape {
        NetworkShape {
            inputs: self.features.count(),
            hidden: self.hidden.clone(),
            activations: (0..self.hidden.len())
                .map(|l| self.layer_activation(l))
                .collect(),
            loss: self.loss(),
        }
    }
}
