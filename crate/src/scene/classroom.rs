//! A session and the lesson taught on it, together: every change and every
//! training step goes through here, so the lesson's hooks (a race rebuilt
//! on a new scene, the landscape's path growing a step, a run lent back
//! before a setting changes) run without any caller having to remember them.

use super::compare::RaceAxis;
use super::lesson_state::{LessonState, WeightAt};
use super::lessons::{Lesson, Perceptron};
use super::{Marker, Scene, Session};
use crate::nn::Trainer;

pub struct Classroom {
    session: Session,
    lesson: LessonState,
    /// The last single step, while it is the last thing that happened.
    stepped: Option<SteppedBatch>,
}

/// A single step of gradient descent (Step batch): which batch of the
/// epoch it took, and the points in it.
#[derive(Clone, Debug, PartialEq)]
pub struct SteppedBatch {
    /// 1 for the epoch's first batch.
    pub number: usize,
    /// Batches in an epoch.
    pub of: usize,
    /// The scene's indices of the batch's points.
    pub points: Vec<usize>,
}

impl Classroom {
    pub fn new(scene: Scene) -> Classroom {
        Classroom {
            session: Session::new(scene),
            lesson: LessonState::default(),
            stepped: None,
        }
    }

    pub fn session(&self) -> &Session {
        &self.session
    }

    pub fn lesson(&self) -> &LessonState {
        &self.lesson
    }

    /// Changes the session (points, settings, files): the race's run goes
    /// back first, and the race is rebuilt from the changed scene.
    pub fn edit<R>(&mut self, change: impl FnOnce(&mut Session) -> R) -> R {
        self.lesson.before_change(&mut self.session);
        self.stepped = None;
        let result = change(&mut self.session);
        self.sync();
        result
    }

    /// Holds the session's timeline to `bytes` of checkpoints (not an edit:
    /// the lesson and the last step stay as they are).
    pub fn set_timeline_budget(&mut self, bytes: usize) {
        self.session.set_timeline_budget(bytes);
    }

    /// Changes one setting by name; returns a note when the value was clamped.
    pub fn set(&mut self, name: &str, value: &str) -> Result<Option<String>, String> {
        self.edit(|s| s.set(name, value))
    }

    /// As [`Classroom::set`], the note or refusal told in `t`'s language.
    pub fn set_in(
        &mut self,
        t: &crate::i18n::Catalogue,
        name: &str,
        value: &str,
    ) -> Result<Option<String>, String> {
        self.edit(|s| s.set_in(t, name, value))
    }

    /// Brings the lesson in step with the session (before drawing it).
    pub fn sync(&mut self) {
        self.lesson.sync(&mut self.session);
        // A race lends the session one run after another: one timeline
        // cannot hold them, so none records while a race is on.
        self.session.set_recording(!self.lesson.racing());
    }

    /// Scrubs the timeline to checkpoint `index`; returns the index shown.
    pub fn seek(&mut self, index: usize) -> usize {
        self.sync();
        self.stepped = None;
        self.session.seek(index)
    }

    /// Whether the session or any run of the race can still train.
    pub fn can_train(&self) -> bool {
        self.session.can_train() || self.lesson.can_train()
    }

    /// Trains up to `epochs` epochs while `go_on()` says so after each;
    /// the race trains alongside and the path grows. Returns how many ran.
    pub fn train_epochs(&mut self, epochs: usize, mut go_on: impl FnMut() -> bool) -> usize {
        self.sync();
        let mut ran = 0;
        while ran < epochs && self.can_train() {
            self.session.train_epochs(1);
            self.lesson.after_epoch(&self.session);
            ran += 1;
            self.stepped = None;
            if !go_on() {
                break;
            }
        }
        ran
    }

    /// Trains while playing: mini-batch by mini-batch while `go_on()` says so
    /// after each, up to `epochs` epochs, so a large network's epoch spreads
    /// over frames instead of holding one. An epoch left unfinished goes on
    /// in the next call; the race trains an epoch at each of the session's.
    /// Returns the steps taken and the epochs finished.
    pub fn train_batches(
        &mut self,
        epochs: usize,
        mut go_on: impl FnMut() -> bool,
    ) -> (usize, usize) {
        self.sync();
        let (mut steps, mut finished) = (0, 0);
        while finished < epochs && self.can_train() {
            // Once the session has stopped, a race still going counts an epoch a step.
            let ended = !self.session.can_train() || self.session.train_batch();
            if ended {
                self.lesson.after_epoch(&self.session);
                finished += 1;
            }
            steps += 1;
            self.stepped = None;
            if !go_on() {
                break;
            }
        }
        (steps, finished)
    }

    /// One gradient step on the next mini-batch (the race's runs take one too).
    pub fn step_batch(&mut self) {
        self.sync();
        let trainer = self.session.trainer();
        let number = trainer.batch_in_epoch() + 1;
        let of = trainer.batches_per_epoch();
        let can = self.session.can_train();
        self.session.step_batch();
        self.lesson.after_batch(&self.session);
        self.stepped = can.then(|| SteppedBatch {
            number,
            of,
            points: self.session.last_batch_points(),
        });
    }

    /// The mean |dJ/dw| of the weights into each layer over the training
    /// points (empty without any): the backpropagation lesson's bars.
    pub fn layer_gradient_sizes(&self) -> Vec<f32> {
        let trainer = self.session.trainer();
        crate::nn::inspect::gradients(
            &trainer.network,
            trainer.train_samples(),
            trainer.config().regularization,
        )
        .map(|g| crate::nn::inspect::layer_gradient_sizes(&g))
        .unwrap_or_default()
    }

    /// The last single step, if nothing has happened since.
    pub fn stepped(&self) -> Option<&SteppedBatch> {
        self.stepped.as_ref()
    }

    /// New random weights (from `seed`, else the same seed again), the
    /// lesson's own starting weights where it has some; paths and races restart.
    pub fn reset(&mut self, seed: Option<u64>) {
        self.lesson.before_change(&mut self.session);
        self.stepped = None;
        self.session.reset(seed);
        if let Some(lesson) = self.lesson.current() {
            lesson.start_weights(&mut self.session);
        }
        self.lesson.after_reset(&mut self.session);
    }

    /// Lets training go on after early stopping or "stop after" (the shown run's).
    pub fn resume(&mut self) {
        self.session.trainer_mut().resume();
    }

    /// Loads a lesson: its scene, its starting weights, its panel's state.
    pub fn load_lesson(&mut self, lesson: &'static Lesson) {
        self.leave_lesson();
        lesson.load(&mut self.session);
        self.lesson = LessonState::start(lesson, &mut self.session);
    }

    /// Back to free play: the scene stays, the lesson's state goes.
    pub fn leave_lesson(&mut self) {
        self.lesson.leave(&mut self.session);
        self.stepped = None;
    }

    /// Replaces the whole scene (a link, a saved scene): the lesson is left.
    pub fn load(&mut self, scene: Scene) {
        self.leave_lesson();
        self.session.load(scene);
    }

    /// Sets the perceptron's weights by hand (its sliders).
    pub fn set_neuron(&mut self, neuron: Perceptron) -> Result<(), String> {
        let mut network = self.session.trainer().network.clone();
        neuron.write(&mut network)?;
        self.edit(|s| s.trainer_mut().set_network(network));
        Ok(())
    }

    /// On the landscape lesson: races the optimisers from the current
    /// start (or stops the race). Returns whether the race is on.
    pub fn race_on_landscape(&mut self, on: bool) -> bool {
        self.lesson.race_on_landscape(on, &mut self.session)
    }

    /// What the race chart counts across: epochs, gradient steps or examples.
    pub fn set_race_axis(&mut self, axis: RaceAxis) {
        self.lesson.set_race_axis(axis);
    }

    /// Shows run `index` of the race on the session.
    pub fn show_run(&mut self, index: usize) -> bool {
        self.lesson.show_run(index, &mut self.session)
    }

    /// The perceptron lesson: point `index` gets the arithmetic (and the star).
    pub fn choose_point(&mut self, index: usize) -> bool {
        self.lesson.choose_point(index, &self.session)
    }

    /// The backpropagation lesson: this weight gets the chain rule.
    pub fn choose_weight(&mut self, at: WeightAt) -> bool {
        self.lesson.choose_weight(at, &self.session)
    }

    /// Moves the chosen weight along the diagram (see `LessonState::step_weight`).
    pub fn step_weight(&mut self, layers: i32, links: i32) -> Option<WeightAt> {
        self.lesson.step_weight(layers, links, &self.session)
    }

    /// The panel was drawn as it is now.
    pub fn lesson_drawn(&mut self) {
        self.lesson.drawn();
    }

    /// The labelled marker of the data canvas (the perceptron's chosen point, or the scene's).
    pub fn marker(&self) -> Option<Marker> {
        self.lesson.marker(&self.session)
    }

    /// Each run of the race where it stands (the shown one is the session's).
    pub fn runs(&self) -> Vec<(&str, &Trainer)> {
        self.lesson.runs(&self.session)
    }

    /// The race's run labels in catalogue `t`'s language, in the order of `runs`.
    pub fn run_labels(&self, t: &crate::i18n::Catalogue) -> Vec<String> {
        self.lesson.run_labels(t)
    }

    /// What the lesson's panel says in words.
    pub fn lesson_text(&mut self) -> String {
        self.lesson_text_in(&crate::i18n::ENGLISH)
    }

    /// What the lesson's panel says, in catalogue `t`'s language.
    pub fn lesson_text_in(&mut self, t: &crate::i18n::Catalogue) -> String {
        self.sync();
        self.lesson.text(&mut self.session, t)
    }

    /// The model's outputs at one point of the input square.
    pub fn predict(&mut self, x1: f32, x2: f32) -> Vec<f32> {
        self.session.predict(x1, x2)
    }

    /// The model's outputs for every point of the scene (`points × outputs`).
    pub fn predict_points(&mut self) -> Vec<f32> {
        self.session.predict_points()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scene::lessons::find;

    fn classroom(lesson: &str) -> Classroom {
        let mut class = Classroom::new(Scene::default());
        class.load_lesson(find(lesson).unwrap());
        class
    }

    fn run_epochs(class: &Classroom) -> Vec<usize> {
        class.runs().iter().map(|(_, t)| t.epoch()).collect()
    }

    #[test]
    fn the_landscapes_words_speak_the_playgrounds_language() {
        let ko = crate::i18n::korean();
        let mut class = classroom("landscape");
        let english = class.lesson_text();
        let korean = class.lesson_text_in(&ko);
        assert!(english.contains("The bowl curves by λ = "), "{english}");
        let line = korean.lines().last().unwrap();
        assert!(
            line.starts_with("그릇은 가장 가파른 곳에서 λ = "),
            "{korean}"
        );
        assert!(line.ends_with("보다 큰 학습률은 발산합니다."), "{korean}");
        // The pass lesson's "you" and axes are the scene's English, shown in Korean.
        let mut class = classroom("pass");
        let korean = class.lesson_text_in(&ko);
        assert!(
            korean.starts_with("(4, 5)의 당신: 신경망의 답은 "),
            "{korean}"
        );
        let axes = &class.session().scene().axes;
        assert_eq!(axes.0, "lectures attended", "the scene keeps its English");
        assert_eq!(
            crate::i18n::scene_label(&ko, &axes.1),
            "기말 프로젝트에 쓴 시간"
        );
        assert_eq!(crate::i18n::scene_label(&ko, "my own axis"), "my own axis");
    }

    #[test]
    fn a_race_trains_alongside_and_rebuilds_when_the_scene_changes() {
        let mut class = classroom("learning-rate");
        assert_eq!(run_epochs(&class), [0, 0, 0]);
        assert_eq!(class.train_epochs(3, || true), 3);
        assert_eq!(
            run_epochs(&class),
            [3, 3, 3],
            "every run trains, not only the shown one"
        );
        let points = class.session().scene().points.len();
        class.edit(|s| s.add_point(0.5, 0.5, 1.0, false)).unwrap();
        assert_eq!(
            run_epochs(&class),
            [0, 0, 0],
            "a new point starts the race again"
        );
        for (_, trainer) in class.runs() {
            assert_eq!(trainer.train_samples().len(), points + 1);
        }
        // A setting too: the runs start again, each still at its own rate.
        class.train_epochs(2, || true);
        class.set("noise", "0.2").unwrap();
        assert_eq!(run_epochs(&class), [0, 0, 0]);
        let rates: Vec<f32> = class
            .runs()
            .iter()
            .map(|(_, t)| t.config().learning_rate)
            .collect();
        assert_eq!(rates, [0.001, 0.1, 3.0]);
    }

    #[test]
    fn the_shown_run_is_lent_to_the_session_and_given_back_on_leaving() {
        let mut class = classroom("learning-rate");
        let rate = |c: &Classroom| c.session().scene().training.learning_rate;
        assert_eq!(rate(&class), 0.001, "run 0 is on show");
        assert!(class.show_run(2));
        assert_eq!(rate(&class), 3.0);
        class.train_epochs(1, || true);
        assert_eq!(class.session().trainer().epoch(), 1);
        class.leave_lesson();
        assert_eq!(rate(&class), 0.1, "the scene's own rate is back");
        assert!(class.runs().is_empty());
        assert!(!class.show_run(0));
    }

    #[test]
    fn the_landscape_path_records_every_step_and_starts_again_on_reset() {
        let mut class = classroom("landscape");
        assert_eq!(class.lesson().path_steps(), 0);
        class.train_epochs(5, || true);
        assert_eq!(class.lesson().path_steps(), 5);
        class.step_batch(); // the whole set is one batch: one more step
        assert_eq!(class.lesson().path_steps(), 6);
        let path = &class.lesson().paths()[0];
        assert_eq!(path.len(), 7);
        assert_ne!(path[0], path[6], "the weights moved");
        let restarts = class.lesson().restarts();
        class.reset(None);
        assert_eq!(class.lesson().path_steps(), 0);
        assert!(class.lesson().restarts() > restarts, "the view recentres");
        assert_eq!(class.lesson().paths()[0], [path[0]], "the same start again");
    }

    #[test]
    fn racing_on_the_landscape_draws_a_path_per_optimiser() {
        let mut class = classroom("landscape");
        assert!(class.race_on_landscape(true));
        class.train_epochs(4, || true);
        let paths = class.lesson().paths();
        assert_eq!(paths.len(), 5);
        assert!(paths.iter().all(|p| p.len() == 5), "{paths:?}");
        assert_eq!(
            paths.iter().map(|p| p[0]).collect::<Vec<_>>(),
            [paths[0][0]; 5]
        );
        assert!(!class.race_on_landscape(false));
        assert_eq!(class.lesson().paths().len(), 1);
        // Only the landscape races its optimisers.
        let mut other = classroom("backprop");
        assert!(!other.race_on_landscape(true));
    }

    #[test]
    fn the_chosen_point_survives_new_weights_and_goes_with_a_new_point() {
        let mut class = classroom("perceptron");
        let lecture = class.marker().unwrap();
        assert_eq!((lecture.x1, lecture.x2), (-1.0, 2.0));
        assert!(class.choose_point(5));
        let p = class.session().scene().points[5];
        let chosen = class.marker().unwrap();
        assert_eq!((chosen.x1, chosen.x2), (p.x1, p.x2));
        assert!(class.lesson_text().starts_with(&chosen.label));
        // The sliders and a setting keep it; moving the point takes the star along.
        class
            .set_neuron(Perceptron {
                w0: 0.5,
                w: [1.0, 1.0],
            })
            .unwrap();
        class.set("learning-rate", "0.3").unwrap();
        class.edit(|s| {
            s.begin_move();
            s.move_point(5, 1.5, 1.5);
        });
        let moved = class.marker().unwrap();
        assert_eq!((moved.x1, moved.x2), (1.5, 1.5));
        // A new point may shift what an index means: back to the lecture's point.
        class.edit(|s| s.add_point(0.0, 0.0, 1.0, false)).unwrap();
        assert_eq!(class.marker(), Some(lecture));
        assert!(!class.choose_point(999), "no such point");
        // Only the perceptron lesson chooses points.
        let mut other = classroom("pass");
        assert!(!other.choose_point(0));
    }

    #[test]
    fn the_chosen_weight_survives_new_weights_and_goes_with_a_new_shape() {
        let mut class = classroom("backprop");
        let at = WeightAt {
            layer: 2,
            from: 1,
            to: 3,
        };
        assert!(class.choose_weight(at));
        class.set("activation", "relu").unwrap();
        class.train_epochs(1, || true);
        class.reset(Some(99));
        assert_eq!(class.lesson().chosen_weight(), Some(at));
        assert!(class
            .lesson_text()
            .contains("Weight hidden layer 1 unit 2 → hidden layer 2 unit 4"));
        class.set("hidden", "6,6,6").unwrap();
        assert_eq!(class.lesson().chosen_weight(), None);
        let missing = WeightAt {
            layer: 9,
            from: 0,
            to: 0,
        };
        assert!(!class.choose_weight(missing));
        // The keyboard walks along the links and wraps within a column.
        let first = class.step_weight(0, 0).unwrap();
        assert_eq!(
            first,
            WeightAt {
                layer: 1,
                from: 0,
                to: 0
            }
        );
        let back = class.step_weight(0, -1).unwrap();
        assert_eq!(
            back,
            WeightAt {
                layer: 1,
                from: 1,
                to: 5
            }
        );
        assert_eq!(
            class.step_weight(9, 0).unwrap().layer,
            4,
            "clamped to the last layer"
        );
    }

    #[test]
    fn loading_a_scene_leaves_the_lesson() {
        let mut class = classroom("optimizers");
        class.train_epochs(2, || true);
        class.load(Scene::default());
        assert!(class.lesson().current().is_none());
        assert!(class.runs().is_empty());
        assert_eq!(class.session().scene(), &Scene::default());
        assert_eq!(class.lesson_text(), "");
    }

    #[test]
    fn training_stops_when_asked_between_epochs() {
        let mut class = classroom("mini-batches");
        let mut left = 3;
        let ran = class.train_epochs(100, || {
            left -= 1;
            left > 0
        });
        assert_eq!(ran, 3);
        assert_eq!(run_epochs(&class), [3, 3, 3]);
    }

    /// Playing slices an epoch over frames: a call stopped mid-epoch leaves
    /// the epoch unfinished, the next goes on, and the weights end bit for
    /// bit where whole epochs take them.
    #[test]
    fn playing_spreads_an_epoch_over_calls_and_ends_where_whole_epochs_do() {
        let mut whole = Classroom::new(Scene::default());
        let mut sliced = Classroom::new(Scene::default());
        let batches = sliced.session().trainer().batches_per_epoch();
        assert!(batches >= 4, "{batches} batches an epoch");
        whole.train_epochs(3, || true);

        let before = sliced.session().trainer().network.layers[0].weights.clone();
        let mut left = 2;
        let (steps, finished) = sliced.train_batches(1, || {
            left -= 1;
            left > 0
        });
        assert_eq!((steps, finished), (2, 0), "two steps, no epoch finished");
        assert_eq!(sliced.session().trainer().epoch(), 0);
        assert_eq!(sliced.session().trainer().batch_in_epoch(), 2);
        assert_ne!(sliced.session().trainer().network.layers[0].weights, before);

        let mut calls = 1;
        while sliced.session().trainer().epoch() < 3 {
            let mut left = 3;
            let to_go = 3 - sliced.session().trainer().epoch();
            sliced.train_batches(to_go, || {
                left -= 1;
                left > 0
            });
            calls += 1;
        }
        assert!(calls > 3, "{calls} calls for three epochs");
        let (a, b) = (
            &whole.session().trainer().network,
            &sliced.session().trainer().network,
        );
        for (x, y) in a.layers.iter().zip(&b.layers) {
            let bits = |v: &[f32]| v.iter().map(|w| w.to_bits()).collect::<Vec<_>>();
            assert_eq!(bits(&x.weights), bits(&y.weights));
            assert_eq!(bits(&x.biases), bits(&y.biases));
        }
        assert_eq!(
            whole.session().trainer().history().len(),
            sliced.session().trainer().history().len(),
            "each finished epoch is recorded once"
        );
    }

    #[test]
    fn playing_in_slices_finishes_at_most_the_epochs_asked_and_the_race_keeps_up() {
        let mut class = classroom("learning-rate");
        let (steps, finished) = class.train_batches(2, || true);
        assert_eq!(finished, 2);
        let batches = class.session().trainer().batches_per_epoch();
        assert_eq!(steps, 2 * batches);
        assert_eq!(class.session().trainer().epoch(), 2);
        assert_eq!(class.session().trainer().batch_in_epoch(), 0);
        assert_eq!(
            run_epochs(&class),
            [2, 2, 2],
            "the race trains an epoch at each of the session's"
        );
    }

    /// The bars, the chosen weight's text and the diagram's hover name the
    /// layers alike: four hidden layers and the output, never "layer 5".
    #[test]
    fn backpropagation_names_layers_as_the_diagram_does() {
        use crate::scene::describe::diagram_spot;
        use crate::view::layout::Hit;
        let mut class = classroom("backprop");
        let text = class.lesson_text();
        let bars = text.lines().next().unwrap();
        for name in ["hidden layer 1: ", "hidden layer 4: ", "output: "] {
            assert!(bars.contains(name), "{bars}");
        }
        assert!(
            !text.contains("layer 5") && !text.contains("layer 0"),
            "{text}"
        );
        assert!(class.choose_weight(WeightAt {
            layer: 1,
            from: 0,
            to: 2
        }));
        let text = class.lesson_text();
        assert!(
            text.contains("Weight input x1 → hidden layer 1 unit 3: dJ/dw = "),
            "{text}"
        );
        let session = class.session();
        let hover = diagram_spot(
            session.scene(),
            &session.trainer().network,
            Some(Hit::Link {
                layer: 1,
                from: 0,
                to: 2,
            }),
            &crate::i18n::ENGLISH,
        );
        assert!(
            hover.starts_with("weight input x1 → hidden layer 1 unit 3: "),
            "{hover}"
        );
        assert!(class.choose_weight(WeightAt {
            layer: 5,
            from: 5,
            to: 0
        }));
        assert!(class
            .lesson_text()
            .contains("Weight hidden layer 4 unit 6 → output unit 1: "));
    }

    /// Step batch says which batch of the epoch it took, which points were
    /// in it, and what the loss is after it.
    #[test]
    fn a_single_step_names_its_batch_its_points_and_the_loss_after_it() {
        let mut class = classroom("mini-batches"); // 200 points
        assert!(class.show_run(1)); // batches of 32
        let before = class.session().trainer().current_record().unwrap();
        class.step_batch();
        let step = class.stepped().unwrap().clone();
        assert_eq!((step.number, step.of), (1, 7));
        assert_eq!(step.points.len(), 32);
        let mut distinct = step.points.clone();
        distinct.sort();
        distinct.dedup();
        assert_eq!(distinct.len(), 32, "32 different points");
        let after = class.session().trainer().current_record().unwrap();
        assert_eq!(after.epoch, 0, "still epoch 0");
        assert_ne!(
            after.train_loss, before.train_loss,
            "the loss after the step shows"
        );
        for _ in 0..6 {
            class.step_batch();
        }
        let last = class.stepped().unwrap();
        assert_eq!((last.number, last.of), (7, 7));
        assert_eq!(
            last.points.len(),
            200 - 6 * 32,
            "the last batch holds the rest"
        );
        assert_eq!(
            class.session().trainer().epoch(),
            1,
            "seven steps make an epoch"
        );
        class.step_batch();
        assert_eq!(class.stepped().unwrap().number, 1);
        class.train_epochs(1, || true);
        assert!(
            class.stepped().is_none(),
            "an epoch's training is not a single step"
        );
        class.step_batch();
        class.set("learning-rate", "0.01").unwrap();
        assert!(class.stepped().is_none(), "an edit forgets it");
    }
}
