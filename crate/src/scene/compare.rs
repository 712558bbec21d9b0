//! Side-by-side runs: the same scene trained several times with one training
//! setting changed (the learning rate, the optimiser, the batch size), all
//! from the same data and the same initial weights.

use super::session::Session;
use super::settings::{self, Effect};
use super::Scene;
use crate::i18n::{choice_title, fill, Catalogue};
use crate::nn::{EpochRecord, Status, Trainer};

/// Which setting the runs differ in, and its value in each run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Compare {
    /// A training setting's name (see `settings::NAMES`).
    pub setting: &'static str,
    /// One run per value; for "batch-size", "all" (or "full") is the whole
    /// training set.
    pub values: &'static [&'static str],
}

/// Most runs a race holds.
pub const MAX_RUNS: usize = 8;
/// Most batch losses a run keeps (thinned evenly beyond).
pub const STEP_LOG: usize = 4000;

/// What the race chart counts across: epochs (passes over the training
/// set), gradient steps (one per mini-batch) or examples processed (the
/// work done). Per epoch batch 1 looks best; per step, the whole set.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum RaceAxis {
    #[default]
    Epochs,
    Steps,
    Examples,
}

impl RaceAxis {
    pub const ALL: [RaceAxis; 3] = [RaceAxis::Epochs, RaceAxis::Steps, RaceAxis::Examples];

    pub fn name(self) -> &'static str {
        match self {
            RaceAxis::Epochs => "epochs",
            RaceAxis::Steps => "steps",
            RaceAxis::Examples => "examples",
        }
    }

    pub fn from_name(name: &str) -> Option<RaceAxis> {
        RaceAxis::ALL.into_iter().find(|a| a.name() == name)
    }

    /// How far along this axis a run is after `epoch` whole epochs.
    pub fn at_epoch(self, trainer: &Trainer, epoch: usize) -> f64 {
        let per_epoch = match self {
            RaceAxis::Epochs => 1,
            RaceAxis::Steps => trainer.batches_per_epoch(),
            RaceAxis::Examples => trainer.train_samples().len(),
        };
        (epoch * per_epoch) as f64
    }
}

pub struct Run {
    label: String,
    /// The setting the runs differ in, and this run's value as its label
    /// names it ("all" for the whole training set), for `label_in`.
    setting: &'static str,
    shown: String,
    value: String,
    scene: Scene,
    trainer: Trainer,
}

impl Run {
    /// What the chart's legend says, e.g. "lr 0.001", "Adam", "batch all".
    pub fn label(&self) -> &str {
        &self.label
    }

    /// The label in catalogue `t`'s language: "학습률 0.001", "모멘텀".
    pub fn label_in(&self, t: &Catalogue) -> String {
        let shown = self.shown.as_str();
        match self.setting {
            "learning-rate" => fill(t.run_learning_rate, &[("rate", shown)]),
            "batch-size" if shown == "all" => t.run_batch_all.to_string(),
            "batch-size" => fill(t.run_batch, &[("size", shown)]),
            "optimizer" => match choice_title(t, "optimizer", shown, "") {
                "" => self.label.clone(),
                words => words.to_string(),
            },
            _ => self.label.clone(),
        }
    }

    /// The setting's value in this run, as applied ("all" already resolved).
    pub fn value(&self) -> &str {
        &self.value
    }

    pub fn scene(&self) -> &Scene {
        &self.scene
    }

    pub fn trainer(&self) -> &Trainer {
        &self.trainer
    }

    pub fn trainer_mut(&mut self) -> &mut Trainer {
        &mut self.trainer
    }

    pub fn history(&self) -> &[EpochRecord] {
        self.trainer.history()
    }

    pub fn status(&self) -> Status {
        self.trainer.status()
    }

    /// Still training: not diverged or stopped, not past the scene's "stop after".
    pub fn can_train(&self) -> bool {
        super::session::can_train(&self.trainer, &self.scene)
    }
}

pub struct Race {
    setting: &'static str,
    runs: Vec<Run>,
    /// The run lent to a session (see `show`); its slot holds the session's own.
    away: Option<usize>,
}

fn label(setting: &str, value: &str, scene: &Scene) -> String {
    match setting {
        "learning-rate" => format!("lr {value}"),
        "optimizer" => scene.training.optimizer.title().to_string(),
        "batch-size" => format!("batch {value}"),
        _ => format!("{setting} {value}"),
    }
}

impl Race {
    /// One run per value of `compare.setting`, each on a copy of `scene`.
    /// Refused for a setting that would change the network or the data (the
    /// runs would no longer start alike), and for a value the setting refuses.
    pub fn new(scene: &Scene, compare: &Compare) -> Result<Race, String> {
        if compare.values.is_empty() || compare.values.len() > MAX_RUNS {
            return Err(format!("compare: 1 to {MAX_RUNS} values, one per run"));
        }
        let training_points = scene.points.iter().filter(|p| !p.test).count().max(1);
        let mut runs = Vec::with_capacity(compare.values.len());
        for &value in compare.values {
            let mut copy = scene.clone();
            let applied = match (compare.setting, value.trim()) {
                ("batch-size", "all" | "full") => {
                    settings::apply(&mut copy, "batch-size", &training_points.to_string())?
                }
                (setting, value) => settings::apply(&mut copy, setting, value)?,
            };
            if applied.effect != Effect::Training {
                return Err(format!(
                    "compare: '{}' is not a training setting; the runs would not start from the same weights and data",
                    compare.setting
                ));
            }
            let value = settings::get(&copy, compare.setting).unwrap_or_default();
            let all =
                compare.setting == "batch-size" && copy.training.batch_size >= training_points;
            let shown = if all { "all" } else { value.trim() }.to_string();
            let label = match all {
                true => "batch all".to_string(),
                false => label(compare.setting, &shown, &copy),
            };
            let mut trainer = Session::build_trainer(&copy);
            trainer.log_steps(STEP_LOG);
            runs.push(Run {
                label,
                setting: compare.setting,
                shown,
                value,
                trainer,
                scene: copy,
            });
        }
        Ok(Race {
            setting: compare.setting,
            runs,
            away: None,
        })
    }

    pub fn setting(&self) -> &'static str {
        self.setting
    }

    pub fn runs(&self) -> &[Run] {
        &self.runs
    }

    pub fn runs_mut(&mut self) -> &mut [Run] {
        &mut self.runs
    }

    /// Lends run `index` to `session` (its trainer and training settings),
    /// taking back the one lent before; `None` only takes it back. While a
    /// run is away the session trains it, and the race trains the others.
    pub fn show(&mut self, index: Option<usize>, session: &mut Session) {
        if let Some(away) = self.away.take() {
            let run = &mut self.runs[away];
            session.trade(&mut run.trainer, &mut run.scene.training);
        }
        if let Some(run) = index.and_then(|i| self.runs.get_mut(i)) {
            session.trade(&mut run.trainer, &mut run.scene.training);
            self.away = index;
        }
    }

    /// The run lent to a session, if any.
    pub fn shown(&self) -> Option<usize> {
        self.away
    }

    /// Whether any run can still train.
    pub fn can_train(&self) -> bool {
        self.runs
            .iter()
            .enumerate()
            .any(|(i, run)| Some(i) != self.away && run.can_train())
    }

    /// One gradient step on the next mini-batch for every run that can train.
    pub fn step_batch(&mut self) {
        for (i, run) in self.runs.iter_mut().enumerate() {
            if Some(i) != self.away && run.can_train() {
                run.trainer.step_batch();
            }
        }
    }

    /// Trains every run that can up to `epochs` more epochs; a run that
    /// diverges or stops early stays where it stopped while the others go
    /// on. Returns the most epochs any run took.
    pub fn train_epochs(&mut self, epochs: usize) -> usize {
        let mut most = 0;
        for (i, run) in self.runs.iter_mut().enumerate() {
            if Some(i) == self.away {
                continue; // the session trains it
            }
            let mut ran = 0;
            while ran < epochs && run.can_train() {
                run.trainer.step_epoch();
                ran += 1;
            }
            most = most.max(ran);
        }
        most
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::Preset;
    use crate::nn::OptimizerKind;

    fn scene() -> Scene {
        let mut scene = Scene::from_preset(Preset::Circle, 60, 0.0, 3);
        scene.test_fraction = 0.0;
        scene.regenerate();
        scene
    }

    #[test]
    fn a_run_lent_to_a_session_trains_exactly_as_it_would_in_the_race() {
        let compare = Compare {
            setting: "optimizer",
            values: &["sgd", "adam", "momentum"],
        };
        let mut alone = Race::new(&scene(), &compare).unwrap();
        alone.train_epochs(12);

        let mut session = Session::new(scene());
        let mut race = Race::new(session.scene(), &compare).unwrap();
        race.show(Some(1), &mut session);
        assert_eq!(session.scene().training.optimizer, OptimizerKind::Adam);
        session.train_epochs(5);
        race.train_epochs(5);
        race.show(Some(2), &mut session); // mid-run: Adam goes back, momentum comes out
        session.train_epochs(7);
        race.train_epochs(7);
        race.show(None, &mut session);
        assert_eq!(session.scene().training.optimizer, OptimizerKind::Sgd);
        assert_eq!(
            session.trainer().epoch(),
            0,
            "the session's own trainer is back, untouched"
        );
        for (a, b) in race.runs().iter().zip(alone.runs()) {
            assert_eq!(a.history(), b.history(), "{}", a.label());
            assert_eq!(a.trainer().network, b.trainer().network, "{}", a.label());
        }
    }

    #[test]
    fn settings_that_change_the_network_or_data_are_refused() {
        for setting in ["hidden", "activation", "seed", "test-fraction"] {
            let compare = Compare {
                setting,
                values: &["1", "2"],
            };
            assert!(Race::new(&scene(), &compare).is_err(), "{setting}");
        }
        let bad = Compare {
            setting: "optimizer",
            values: &["sgd", "newton"],
        };
        assert_eq!(
            Race::new(&scene(), &bad).err().unwrap(),
            "optimizer: 'newton' is not one of sgd, momentum, nesterov, rmsprop, adagrad, adam"
        );
        let none = Compare {
            setting: "optimizer",
            values: &[],
        };
        assert!(Race::new(&scene(), &none).is_err());
    }

    #[test]
    fn all_means_the_training_set_and_labels_say_what_differs() {
        let compare = Compare {
            setting: "batch-size",
            values: &["1", "full", "all"],
        };
        let race = Race::new(&scene(), &compare).unwrap();
        let labels: Vec<_> = race.runs().iter().map(Run::label).collect();
        assert_eq!(labels, ["batch 1", "batch all", "batch all"]);
        assert_eq!(race.runs()[1].trainer().config().batch_size, 60);
        assert_eq!(race.runs()[1].value(), "60");
        let rates = Compare {
            setting: "learning-rate",
            values: &["0.001", "1"],
        };
        let race = Race::new(&scene(), &rates).unwrap();
        assert_eq!(race.runs()[0].label(), "lr 0.001");
        assert_eq!(race.setting(), "learning-rate");
    }

    #[test]
    fn the_axes_count_epochs_steps_and_examples_and_each_step_logs_its_batch_loss() {
        let scene = scene();
        let compare = Compare {
            setting: "batch-size",
            values: &["1", "10", "all"],
        };
        let mut race = Race::new(&scene, &compare).unwrap();
        race.train_epochs(2);
        let n = race.runs()[0].trainer().train_samples().len();
        let ends = |axis: RaceAxis| -> Vec<f64> {
            race.runs()
                .iter()
                .map(|r| axis.at_epoch(r.trainer(), r.trainer().epoch()))
                .collect()
        };
        assert_eq!(ends(RaceAxis::Epochs), [2.0; 3]);
        let steps = [2 * n, 2 * n.div_ceil(10), 2].map(|s| s as f64);
        assert_eq!(ends(RaceAxis::Steps), steps);
        assert_eq!(ends(RaceAxis::Examples), [2.0 * n as f64; 3]);
        for (run, steps) in race.runs().iter().zip(steps) {
            let log = run.trainer().step_log().expect("every run logs its steps");
            assert_eq!(log.steps() as f64, steps, "{}", run.label());
            assert!(log.entries().iter().all(|(_, l)| l.is_finite()));
        }
        // One example's loss is noisy; the whole set's falls smoothly.
        let spread = |i: usize| {
            let log = race.runs()[i].trainer().step_log().unwrap();
            let losses: Vec<f32> = log.entries().iter().map(|e| e.1).collect();
            let max = losses.iter().copied().fold(f32::MIN, f32::max);
            let min = losses.iter().copied().fold(f32::MAX, f32::min);
            max - min
        };
        assert!(
            spread(0) > 5.0 * spread(2),
            "{} vs {}",
            spread(0),
            spread(2)
        );
        assert_eq!(RaceAxis::from_name("steps"), Some(RaceAxis::Steps));
        assert_eq!(RaceAxis::from_name("hours"), None);
    }

    #[test]
    fn a_diverged_run_stops_and_the_others_go_on() {
        let compare = Compare {
            setting: "learning-rate",
            values: &["0.03", "10"],
        };
        let mut scene = scene();
        scene.hidden = vec![8, 8];
        scene.layer_activations = vec![None, None];
        let mut race = Race::new(&scene, &compare).unwrap();
        assert_eq!(race.train_epochs(40), 40);
        let [calm, wild] = race.runs() else {
            panic!("two runs")
        };
        assert_eq!(wild.status(), Status::Diverged);
        assert!(wild.trainer().epoch() < 40);
        assert_eq!(calm.status(), Status::Training);
        assert_eq!(calm.trainer().epoch(), 40);
        assert!(race.can_train());
    }

    #[test]
    fn runs_stop_after_the_scenes_limit() {
        let mut scene = scene();
        scene.stop_after = Some(5);
        let compare = Compare {
            setting: "optimizer",
            values: &["sgd", "adam"],
        };
        let mut race = Race::new(&scene, &compare).unwrap();
        assert_eq!(race.train_epochs(100), 5);
        assert!(!race.can_train());
        assert!(race.runs().iter().all(|r| r.trainer().epoch() == 5));
    }
}
