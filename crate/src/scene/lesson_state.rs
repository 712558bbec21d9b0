//! What a loaded lesson remembers while the student works: the race of runs
//! that differ in one setting, the path gradient descent takes across the
//! loss landscape, the perceptron's chosen point and the backpropagation
//! lesson's chosen weight. Its hooks are called by `Classroom` around every
//! change and every training step, never by the page.

use super::compare::{Compare, Race, RaceAxis};
use super::lessons::{Lesson, Panel};
use super::{Marker, Scene, Session};
use crate::decimal::Fixed;
use crate::nn::{Network, Trainer};
use crate::view::landscape::{Param, Path};

/// The landscape lesson's race, when asked for: the lecture's optimisers.
pub const LANDSCAPE_RACE: Compare = Compare {
    setting: "optimizer",
    values: &["sgd", "momentum", "rmsprop", "adagrad", "adam"],
};
/// Steps of gradient descent the landscape's path keeps (thinned beyond).
pub const PATH_STEPS: usize = 2000;

/// A weight of the network: `layer` counts layers of weights from 1 (1 joins
/// the inputs to the first hidden layer), `from` a unit (or input) of the
/// layer below, `to` a unit of the layer above.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WeightAt {
    pub layer: usize,
    pub from: usize,
    pub to: usize,
}

/// The perceptron lesson's chosen point, with the number of points when it
/// was chosen: adding or removing points forgets it (its index may now be
/// another point's); moving it keeps it.
#[derive(Clone, Copy, Debug, PartialEq)]
struct ChosenPoint {
    index: usize,
    count: usize,
}

/// The backpropagation lesson's chosen weight, with the network's shape
/// when it was chosen: a new shape forgets it, new weights keep it.
#[derive(Clone, Debug, PartialEq)]
struct ChosenWeight {
    at: WeightAt,
    shape: Vec<(usize, usize)>,
}

fn shape_of(net: &Network) -> Vec<(usize, usize)> {
    net.layers.iter().map(|l| (l.inputs, l.units)).collect()
}

#[derive(Default)]
pub struct LessonState {
    lesson: Option<&'static Lesson>,
    race: Option<Race>,
    /// The compare lesson's run shown by the playground (boundary, diagram, loss chart).
    shown_run: usize,
    /// What the race chart counts across.
    race_axis: RaceAxis,
    /// The scene the race was built from: a change to it rebuilds the race.
    race_scene: Option<Scene>,
    path: Option<Path>,
    /// The landscape lesson's race of optimisers, when asked for.
    landscape_race: bool,
    /// Each run's path across the landscape, while it races.
    run_paths: Vec<Path>,
    /// Counts the times the paths started again (the landscape's view recentres).
    restarts: u64,
    chosen_point: Option<ChosenPoint>,
    chosen_weight: Option<ChosenWeight>,
    /// Something the panel shows changed since it was last drawn.
    dirty: bool,
}

impl LessonState {
    /// A lesson just loaded into `session` (its scene and weights in place).
    pub(super) fn start(lesson: &'static Lesson, session: &mut Session) -> LessonState {
        let mut state = LessonState {
            lesson: Some(lesson),
            path: (lesson.panel == Panel::Landscape).then(|| Path::new(PATH_STEPS)),
            ..LessonState::default()
        };
        state.record_step(session);
        state.rebuild_race(session);
        state.dirty = true;
        state
    }

    pub fn current(&self) -> Option<&'static Lesson> {
        self.lesson
    }

    pub fn panel(&self) -> Panel {
        self.lesson.map_or(Panel::None, |l| l.panel)
    }

    pub fn is_dirty(&self) -> bool {
        self.dirty
    }

    /// The panel was drawn as it is now.
    pub fn drawn(&mut self) {
        self.dirty = false;
    }

    pub fn race(&self) -> Option<&Race> {
        self.race.as_ref()
    }

    /// Whether the landscape's optimisers are racing.
    pub fn racing(&self) -> bool {
        self.race.is_some()
    }

    pub fn shown_run(&self) -> usize {
        self.shown_run
    }

    pub fn race_axis(&self) -> RaceAxis {
        self.race_axis
    }

    /// Counts the race chart across epochs, gradient steps or examples.
    pub fn set_race_axis(&mut self, axis: RaceAxis) {
        self.race_axis = axis;
        self.dirty = true;
    }

    pub fn restarts(&self) -> u64 {
        self.restarts
    }

    /// Steps recorded on the landscape's path (its start is step 0).
    pub fn path_steps(&self) -> usize {
        self.path.as_ref().map_or(0, |p| p.len().saturating_sub(1))
    }

    /// The paths across the landscape: one per run while racing, else the session's.
    pub fn paths(&self) -> Vec<Vec<(f32, f32)>> {
        match self.race {
            Some(_) => self
                .run_paths
                .iter()
                .map(|p| p.points().collect())
                .collect(),
            None => vec![self.path.iter().flat_map(|p| p.points()).collect()],
        }
    }

    pub fn chosen_weight(&self) -> Option<WeightAt> {
        self.chosen_weight.as_ref().map(|c| c.at)
    }

    /// What the runs of the race differ in: the lesson's own comparison, or
    /// on the landscape the optimisers, once asked for.
    fn compare(&self) -> Option<Compare> {
        let lesson = self.lesson?;
        lesson.compare.or_else(|| {
            (lesson.panel == Panel::Landscape && self.landscape_race).then_some(LANDSCAPE_RACE)
        })
    }

    /// Builds (or rebuilds) the race from the session's scene, and lends it
    /// the run on show.
    fn rebuild_race(&mut self, session: &mut Session) {
        self.take_back(session);
        self.race = None;
        self.race_scene = None;
        let Some(compare) = self.compare() else {
            return;
        };
        if let Ok(mut race) = Race::new(session.scene(), &compare) {
            self.shown_run = self.shown_run.min(race.runs().len() - 1);
            race.show(Some(self.shown_run), session);
            self.race_scene = Some(session.scene().clone());
            self.race = Some(race);
            // Every run starts again from the scene's weights: so do the paths.
            if let Some(path) = &mut self.path {
                path.clear();
                self.run_paths = (0..compare.values.len())
                    .map(|_| Path::new(PATH_STEPS))
                    .collect();
                self.restarts += 1;
                self.record_step(session);
            }
        }
        self.dirty = true;
    }

    /// Gives the session its own trainer back from the race.
    fn take_back(&mut self, session: &mut Session) {
        if let Some(race) = &mut self.race {
            race.show(None, session);
        }
    }

    /// Keeps the lesson in step with the session: a race is rebuilt when
    /// the scene changed under it; a chosen point or weight that no longer
    /// exists is forgotten.
    pub(super) fn sync(&mut self, session: &mut Session) {
        if self.compare().is_some() && self.race_scene.as_ref() != Some(session.scene()) {
            self.rebuild_race(session);
        }
        if let Some(c) = self.chosen_point {
            if c.count != session.scene().points.len() {
                self.chosen_point = None;
                self.dirty = true;
            }
        }
        if let Some(c) = &self.chosen_weight {
            if c.shape != shape_of(&session.trainer().network) {
                self.chosen_weight = None;
                self.dirty = true;
            }
        }
    }

    /// Before the session changes: the race's run goes back (the race is
    /// rebuilt from the changed scene at the next sync).
    pub(super) fn before_change(&mut self, session: &mut Session) {
        if self.race.is_some() {
            self.take_back(session);
            self.race = None;
            self.race_scene = None;
        }
        self.dirty = true;
    }

    /// After an epoch of the session: the race trains one too, the path grows.
    pub(super) fn after_epoch(&mut self, session: &Session) {
        if let Some(race) = &mut self.race {
            race.train_epochs(1);
        }
        self.record_step(session);
    }

    /// After one gradient step of the session.
    pub(super) fn after_batch(&mut self, session: &Session) {
        if let Some(race) = &mut self.race {
            race.step_batch();
        }
        self.record_step(session);
    }

    /// New weights: the path starts again and the race restarts.
    pub(super) fn after_reset(&mut self, session: &mut Session) {
        if let Some(path) = &mut self.path {
            path.clear();
        }
        self.restarts += 1;
        self.record_step(session);
        self.rebuild_race(session);
    }

    /// Leaves the lesson: the session gets its own trainer back.
    pub(super) fn leave(&mut self, session: &mut Session) {
        self.take_back(session);
        *self = LessonState::default();
        self.dirty = true;
    }

    fn record_step(&mut self, session: &Session) {
        let Some(path) = &mut self.path else {
            return;
        };
        if let Some([w, b]) = two_parameters(&session.trainer().network) {
            path.push((w, b));
            self.dirty = true;
        }
        let now: Vec<_> = self
            .runs(session)
            .iter()
            .map(|(_, trainer)| two_parameters(&trainer.network))
            .collect();
        for (run_path, point) in self.run_paths.iter_mut().zip(now) {
            if let Some([w, b]) = point {
                run_path.push((w, b));
            }
        }
    }

    /// Each run of the race where it stands: label and trainer (the shown
    /// run's is the session's).
    pub fn runs<'a>(&'a self, session: &'a Session) -> Vec<(&'a str, &'a Trainer)> {
        let Some(race) = &self.race else {
            return Vec::new();
        };
        race.runs()
            .iter()
            .enumerate()
            .map(|(i, run)| match race.shown() == Some(i) {
                true => (run.label(), session.trainer()),
                false => (run.label(), run.trainer()),
            })
            .collect()
    }

    pub fn can_train(&self) -> bool {
        self.race.as_ref().is_some_and(Race::can_train)
    }

    /// Races the optimisers on the landscape (or stops the race); whether it is on.
    pub(super) fn race_on_landscape(&mut self, on: bool, session: &mut Session) -> bool {
        if self.panel() != Panel::Landscape {
            return false;
        }
        self.landscape_race = on;
        self.run_paths.clear();
        self.restarts += 1;
        if on {
            self.rebuild_race(session);
        } else {
            self.take_back(session);
            self.race = None;
            self.race_scene = None;
            self.shown_run = 0;
        }
        self.dirty = true;
        self.race.is_some()
    }

    /// Shows run `index` of the race on the session.
    pub(super) fn show_run(&mut self, index: usize, session: &mut Session) -> bool {
        let Some(race) = &mut self.race else {
            return false;
        };
        if index >= race.runs().len() {
            return false;
        }
        race.show(Some(index), session);
        self.shown_run = index;
        self.race_scene = Some(session.scene().clone());
        self.dirty = true;
        true
    }

    /// Chooses point `index` for the perceptron's arithmetic.
    pub(super) fn choose_point(&mut self, index: usize, session: &Session) -> bool {
        let count = session.scene().points.len();
        if self.panel() != Panel::Perceptron || index >= count {
            return false;
        }
        self.chosen_point = Some(ChosenPoint { index, count });
        self.dirty = true;
        true
    }

    /// Chooses a weight for the chain rule, if the network has it.
    pub(super) fn choose_weight(&mut self, at: WeightAt, session: &Session) -> bool {
        let net = &session.trainer().network;
        let ok = at
            .layer
            .checked_sub(1)
            .and_then(|l| net.layers.get(l))
            .is_some_and(|l| at.from < l.inputs && at.to < l.units);
        if ok {
            self.chosen_weight = Some(ChosenWeight {
                at,
                shape: shape_of(net),
            });
            self.dirty = true;
        }
        ok
    }

    /// Moves the chosen weight: `layers` columns of links to the right
    /// (negative: left), `links` along its column (wrapping); from the first
    /// link when none is chosen.
    pub(super) fn step_weight(
        &mut self,
        layers: i32,
        links: i32,
        session: &Session,
    ) -> Option<WeightAt> {
        let net = &session.trainer().network;
        let count = net.layers.len() as i32;
        if count == 0 {
            return None;
        }
        let (layer, index) = match self.chosen_weight() {
            Some(w) => {
                let l = &net.layers[(w.layer - 1).min(net.layers.len() - 1)];
                (
                    w.layer as i32 + layers,
                    (w.from * l.units + w.to) as i32 + links,
                )
            }
            None => (1, 0),
        };
        let layer = layer.clamp(1, count) as usize;
        let l = &net.layers[layer - 1];
        let index = index.rem_euclid((l.inputs * l.units).max(1) as i32) as usize;
        let at = WeightAt {
            layer,
            from: index / l.units.max(1),
            to: index % l.units.max(1),
        };
        self.choose_weight(at, session);
        Some(at)
    }

    /// The marker the data canvas shows: in the perceptron lesson the point
    /// chosen for the arithmetic (the star follows a click), else the scene's.
    pub fn marker(&self, session: &Session) -> Option<Marker> {
        let scene = session.scene();
        let chosen = self
            .chosen_point
            .filter(|_| self.panel() == Panel::Perceptron);
        match chosen.and_then(|c| scene.points.get(c.index)) {
            Some(p) => Some(Marker {
                x1: p.x1,
                x2: p.x2,
                label: format!("x = ({}, {})", short_number(p.x1), short_number(p.x2)),
            }),
            None => scene.marker.clone(),
        }
    }
}

/// A number as a person writes it: no trailing zeros, a real minus sign.
pub fn short_number(v: f32) -> String {
    let s = Fixed(v, 3).to_string();
    let s = s.trim_end_matches('0').trim_end_matches('.');
    s.replace('-', "−")
}

/// The landscape lesson's weight and bias (a single neuron on one input).
pub fn two_parameters(net: &Network) -> Option<[f32; 2]> {
    let [w, b] = landscape_params(net)?;
    Some([w.value(net)?, b.value(net)?])
}

/// Which two parameters the landscape shows: the weight and the bias of a
/// single neuron on one input; None for any other network.
pub fn landscape_params(net: &Network) -> Option<[Param; 2]> {
    match &net.layers[..] {
        [layer] if layer.inputs == 1 && layer.units == 1 => {
            Some([Param::weight(net, 0, 0, 0)?, Param::bias(net, 0, 0)?])
        }
        _ => None,
    }
}
