//! The training timeline: checkpoints of a run (every epoch at first, then
//! thinned as the loss history is), to scrub back to, replay and branch
//! from, in bounded memory.
//!
//! The trainer sits at one checkpoint of the line (the latest while it
//! trains). Scrubbing back puts an earlier one back into the trainer; the
//! loss records after it wait in `ahead`, for the chart and for scrubbing
//! forward again. Training from there branches: the old future is set
//! aside, and Undo brings it back (Redo the new one) until the next edit
//! of the points.

use crate::nn::{Checkpoint, EpochRecord, Trainer};

/// Memory for checkpoints, in bytes, unless a smaller budget is set (the
/// loss records the timeline keeps beside them, two loss histories at most,
/// take under 2 MB more: the bound of 8 MB in all is tested).
pub const BUDGET_BYTES: usize = 6_000_000;
/// Most checkpoints kept, however small the network (the scrubber has
/// no more positions than a screen has pixels).
pub const MAX_CHECKPOINTS: usize = 1000;
/// Fewest, however large the network.
pub const MIN_CHECKPOINTS: usize = 16;

/// A line's checkpoints after a branch point, with their loss records.
#[derive(Debug, Default)]
struct Future {
    /// The epoch the other line went on from.
    from_epoch: usize,
    checkpoints: Vec<Checkpoint>,
    records: Vec<EpochRecord>,
}

/// The line that is not shown: the old future (Undo) or the newer run (Redo).
#[derive(Debug)]
enum Aside {
    Undo(Future),
    Redo(Future),
}

#[derive(Debug, Default)]
pub struct Timeline {
    line: Vec<Checkpoint>,
    /// The checkpoint the trainer sits at (the last one while live).
    shown: usize,
    /// Loss records after the shown checkpoint, oldest first.
    ahead: Vec<EpochRecord>,
    aside: Option<Aside>,
    /// Checkpoints no longer kept, whose buffers the next ones reuse.
    spare: Vec<Checkpoint>,
    /// Bytes the checkpoints may take (`BUDGET_BYTES` unless set smaller).
    budget: usize,
    /// Weights and biases of the network the checkpoints are of.
    parameters: usize,
    /// The run the checkpoints are of.
    run: u64,
}

/// How many checkpoints of a network of `parameters` weights and biases fit
/// in the budget: each holds them and up to two optimiser values each.
pub fn capacity_for(parameters: usize, budget: usize) -> usize {
    let bytes = (parameters * 3 * std::mem::size_of::<f32>()).max(1) + CHECKPOINT_SIZE;
    (budget / bytes).clamp(MIN_CHECKPOINTS, MAX_CHECKPOINTS)
}

const CHECKPOINT_SIZE: usize = std::mem::size_of::<Checkpoint>();

impl Timeline {
    /// A timeline of the trainer's run, with its state now as the first checkpoint.
    pub fn new(trainer: &Trainer) -> Timeline {
        let mut timeline = Timeline {
            budget: BUDGET_BYTES,
            ..Timeline::default()
        };
        timeline.start(trainer);
        timeline
    }

    /// Starts over on the trainer's run (keeping the buffers for reuse).
    pub fn start(&mut self, trainer: &Trainer) {
        self.forget_aside();
        let line = std::mem::take(&mut self.line);
        self.spare.extend(line);
        self.ahead.clear();
        let parameters = trainer.network.parameter_count();
        if capacity_for(parameters, self.budget) != self.capacity() {
            // Another network: buffers sized for the old one would not fit the budget.
            self.spare = Vec::new();
        }
        self.parameters = parameters;
        self.run = trainer.run();
        self.shown = 0;
        self.push(trainer);
    }

    /// Holds the checkpoints to `bytes` from now on (several playgrounds on
    /// one page share one budget). A smaller budget thins the line and what
    /// is set aside until they fit, and lets go of spare buffers.
    pub fn set_budget(&mut self, bytes: usize) {
        if bytes == self.budget {
            return;
        }
        self.budget = bytes;
        let capacity = self.capacity();
        loop {
            let held = self.line.len() + self.aside_len();
            if held <= capacity {
                break;
            }
            match &mut self.aside {
                Some(Aside::Undo(f) | Aside::Redo(f)) if f.checkpoints.len() > 2 => {
                    halve(&mut f.checkpoints, &mut self.spare)
                }
                _ => self.thin_keeping_shown(),
            }
            if self.line.len() + self.aside_len() == held {
                break; // as thin as it goes
            }
        }
        let room = capacity.saturating_sub(self.line.len() + self.aside_len());
        self.spare.truncate(room);
        self.spare.shrink_to_fit();
    }

    /// Halves the line, keeping the shown checkpoint (it is the trainer's state).
    fn thin_keeping_shown(&mut self) {
        let shown_epoch = self.line[self.shown].epoch;
        let mut after = self.line.split_off(self.shown + 1);
        if after.len() > 1 {
            halve(&mut after, &mut self.spare);
        }
        if self.line.len() > 2 {
            halve(&mut self.line, &mut self.spare);
        }
        debug_assert_eq!(self.line.last().map(|c| c.epoch), Some(shown_epoch));
        self.shown = self.line.len() - 1;
        self.line.extend(after);
    }

    /// Bytes the checkpoints may take.
    pub fn budget(&self) -> usize {
        self.budget
    }

    /// Starts over if the trainer is on another run than the checkpoints'
    /// (new weights, a new network, a lesson's starting weights).
    pub fn follow(&mut self, trainer: &Trainer) {
        if trainer.run() != self.run || self.line.is_empty() {
            self.start(trainer);
        }
    }

    /// After an epoch: its checkpoint joins the line (thinning it when full).
    pub fn record(&mut self, trainer: &Trainer) {
        if trainer.run() != self.run {
            return self.start(trainer);
        }
        self.record_with(trainer.run(), trainer.epoch(), |c| {
            trainer.save_checkpoint(c)
        });
    }

    /// Records the checkpoint of `epoch` that `save` writes (into a reused buffer).
    fn record_with(&mut self, run: u64, epoch: usize, save: impl FnOnce(&mut Checkpoint)) {
        if run != self.run || self.line.last().is_some_and(|c| c.epoch >= epoch) {
            return;
        }
        self.branch();
        if self.line.len() + self.aside_len() >= self.capacity() {
            self.thin();
        }
        let mut checkpoint = self.spare.pop().unwrap_or_default();
        save(&mut checkpoint);
        checkpoint.epoch = epoch;
        self.line.push(checkpoint);
        self.shown = self.line.len() - 1;
    }

    fn push(&mut self, trainer: &Trainer) {
        let mut checkpoint = self.spare.pop().unwrap_or_default();
        trainer.save_checkpoint(&mut checkpoint);
        self.line.push(checkpoint);
        self.shown = self.line.len() - 1;
    }

    /// Halves the line: every other checkpoint, keeping the first (where
    /// training started) and the last, as the loss history is thinned.
    fn thin(&mut self) {
        halve(&mut self.line, &mut self.spare);
    }

    fn aside_len(&self) -> usize {
        match &self.aside {
            Some(Aside::Undo(f) | Aside::Redo(f)) => f.checkpoints.len(),
            None => 0,
        }
    }

    /// Training is about to go on: from a checkpoint scrubbed back to, it
    /// goes on as a new branch, and the old future is set aside for Undo.
    pub fn branch(&mut self) {
        if !self.is_scrubbed() {
            return;
        }
        self.forget_aside();
        let mut future = Future {
            from_epoch: self.line[self.shown].epoch,
            checkpoints: self.line.split_off(self.shown + 1),
            records: std::mem::take(&mut self.ahead),
        };
        // Half the budget at most, keeping its end (what Undo goes back to).
        let half = (self.capacity() / 2).max(2);
        while future.checkpoints.len() > half {
            halve(&mut future.checkpoints, &mut self.spare);
        }
        self.aside = Some(Aside::Undo(future));
    }

    /// The points changed: a future trained on the old points goes, the
    /// one ahead of a scrubbed-back checkpoint as well as one set aside.
    pub fn points_changed(&mut self) {
        self.forget_aside();
        if self.is_scrubbed() {
            let gone = self.line.split_off(self.shown + 1);
            self.spare.extend(gone);
            self.ahead.clear();
        }
    }

    fn forget_aside(&mut self) {
        if let Some(Aside::Undo(f) | Aside::Redo(f)) = self.aside.take() {
            self.spare.extend(f.checkpoints);
        }
    }

    /// Whether Undo (or, with `redo`, Redo) would swap in the other line.
    pub fn can_swap(&self, redo: bool) -> bool {
        matches!(
            (&self.aside, redo),
            (Some(Aside::Undo(_)), false) | (Some(Aside::Redo(_)), true)
        )
    }

    /// Undo (or Redo) of a branch: the line set aside comes back, the
    /// trainer at its end, and the one shown goes aside. False if there
    /// is none to swap in that direction.
    pub fn swap(&mut self, redo: bool, trainer: &mut Trainer) -> bool {
        if !self.can_swap(redo) {
            return false;
        }
        let (Some(Aside::Undo(other)) | Some(Aside::Redo(other))) = self.aside.take() else {
            return false;
        };
        // The whole history back in the trainer first: what lies ahead of a
        // scrubbed-back checkpoint is partly common to both lines.
        let ahead = self.ahead.len();
        trainer.append_history(&mut self.ahead, ahead);
        let from_epoch = other.from_epoch;
        let split = self.line.partition_point(|c| c.epoch <= from_epoch);
        let mut shown = Future {
            from_epoch,
            checkpoints: self.line.split_off(split),
            records: Vec::new(),
        };
        trainer.move_history_after(from_epoch, &mut shown.records);
        let Future {
            checkpoints,
            mut records,
            ..
        } = other;
        self.line.extend(checkpoints);
        let count = records.len();
        trainer.append_history(&mut records, count);
        self.aside = Some(match redo {
            true => Aside::Undo(shown),
            false => Aside::Redo(shown),
        });
        self.shown = self.line.len() - 1;
        let end = &self.line[self.shown];
        trainer.restore_checkpoint(end, &mut self.ahead);
        true
    }

    /// Puts checkpoint `index` back into the trainer (the nearest one that
    /// exists); returns the index shown.
    pub fn seek(&mut self, index: usize, trainer: &mut Trainer) -> usize {
        self.follow(trainer);
        let index = index.min(self.line.len() - 1);
        let target = &self.line[index];
        // Forward: the records up to the target go back to the history first.
        let upto = self.ahead.partition_point(|r| r.epoch <= target.epoch);
        trainer.append_history(&mut self.ahead, upto);
        if trainer.restore_checkpoint(target, &mut self.ahead) {
            self.shown = index;
        }
        self.shown
    }

    /// The last checkpoint at or before `epoch` (the first if none is).
    pub fn index_at(&self, epoch: usize) -> usize {
        self.line
            .partition_point(|c| c.epoch <= epoch)
            .saturating_sub(1)
    }

    pub fn len(&self) -> usize {
        self.line.len()
    }

    pub fn is_empty(&self) -> bool {
        self.line.is_empty()
    }

    /// The checkpoint the trainer sits at.
    pub fn shown(&self) -> usize {
        self.shown
    }

    pub fn checkpoints(&self) -> &[Checkpoint] {
        &self.line
    }

    /// Scrubbed back: later checkpoints lie ahead of the trainer.
    pub fn is_scrubbed(&self) -> bool {
        self.shown + 1 < self.line.len()
    }

    /// The loss records after the shown checkpoint (the chart draws them paler).
    pub fn ahead(&self) -> &[EpochRecord] {
        &self.ahead
    }

    /// Checkpoints this line can hold, with what is set aside.
    pub fn capacity(&self) -> usize {
        capacity_for(self.parameters, self.budget)
    }

    /// Bytes the timeline holds: every checkpoint's buffer (kept, set aside
    /// or spare) and the loss records it keeps.
    pub fn heap_bytes(&self) -> usize {
        let checkpoints = |list: &Vec<Checkpoint>| {
            list.capacity() * CHECKPOINT_SIZE
                + list.iter().map(Checkpoint::heap_bytes).sum::<usize>()
        };
        let records =
            |list: &Vec<EpochRecord>| list.capacity() * std::mem::size_of::<EpochRecord>();
        let aside = match &self.aside {
            Some(Aside::Undo(f) | Aside::Redo(f)) => {
                checkpoints(&f.checkpoints) + records(&f.records)
            }
            None => 0,
        };
        checkpoints(&self.line) + checkpoints(&self.spare) + records(&self.ahead) + aside
    }
}

/// Keeps every other checkpoint of `list`, the first and the last always;
/// the others' buffers go to `spare`. Allocates nothing.
fn halve(list: &mut Vec<Checkpoint>, spare: &mut Vec<Checkpoint>) {
    let last = list.pop();
    let n = list.len();
    let kept = n.div_ceil(2);
    for i in 0..kept {
        list.swap(i, 2 * i);
    }
    spare.extend(list.drain(kept..));
    list.extend(last);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::Preset;
    use crate::scene::{Scene, Session};

    /// Adam (two moments of state) with dropout (the generator drawn every step).
    fn session() -> Session {
        let mut s = Session::new(Scene::from_preset(Preset::Gaussians, 60, 0.2, 5));
        for (name, value) in [
            ("optimizer", "adam"),
            ("dropout", "0.2"),
            ("batch-size", "7"),
        ] {
            s.set(name, value).unwrap();
        }
        s
    }

    /// The trainer's whole state as bits: weights, optimiser state, generator, epoch.
    fn state(trainer: &Trainer) -> (Vec<u32>, usize) {
        let mut c = Checkpoint::default();
        trainer.save_checkpoint(&mut c);
        (c.bits(), c.epoch)
    }

    fn trained(epochs: usize) -> (Session, Vec<(Vec<u32>, usize)>) {
        let mut s = session();
        let mut states = vec![state(s.trainer())];
        for _ in 0..epochs {
            s.train_epochs(1);
            states.push(state(s.trainer()));
        }
        (s, states)
    }

    #[test]
    fn restoring_an_epoch_gives_back_its_weights_and_optimiser_state_bit_for_bit() {
        let (mut s, states) = trained(30);
        let history = s.trainer().history().to_vec();
        assert_eq!(s.timeline().len(), 31, "every epoch, at first");
        for index in [10, 0, 29, 3, 30] {
            assert_eq!(s.seek(index), index);
            assert_eq!(state(s.trainer()), states[index], "epoch {index}");
            let trainer = s.trainer();
            assert_eq!(trainer.epoch(), index);
            assert_eq!(trainer.history(), &history[..=index], "the chart's past");
            assert_eq!(
                s.timeline().ahead(),
                &history[index + 1..],
                "and its future"
            );
            assert_eq!(trainer.current_record(), Some(history[index]), "its losses");
        }
    }

    #[test]
    fn training_on_from_a_restored_epoch_retraces_the_run() {
        let (mut s, states) = trained(30);
        let history = s.trainer().history().to_vec();
        s.seek(12);
        s.train_epochs(18);
        assert_eq!(
            state(s.trainer()),
            states[30],
            "the same generator, moments and weights"
        );
        assert_eq!(s.trainer().history(), &history[..]);
        assert!(s.timeline().ahead().is_empty());
    }

    #[test]
    fn thinning_keeps_the_bound_epoch_0_and_the_latest() {
        let mut s = Session::new(Scene::from_preset(Preset::Circle, 12, 0.0, 2));
        let capacity = s.timeline().capacity();
        assert_eq!(capacity, MAX_CHECKPOINTS, "a small network");
        let mut longest = 0;
        for _ in 0..3 * capacity + 7 {
            s.train_epochs(1);
            longest = longest.max(s.timeline().len());
            let line = s.timeline().checkpoints();
            assert_eq!(line[0].epoch, 0);
            assert_eq!(line[line.len() - 1].epoch, s.trainer().epoch());
        }
        assert_eq!(longest, capacity);
        let epochs: Vec<usize> = s.timeline().checkpoints().iter().map(|c| c.epoch).collect();
        assert!(
            epochs.windows(2).all(|w| w[0] < w[1]),
            "in order, once each"
        );
        // Every checkpoint kept still restores its epoch.
        let middle = s.timeline().len() / 2;
        assert_eq!(s.seek(middle), middle);
        assert_eq!(s.trainer().epoch(), epochs[middle]);
    }

    /// The bound, at the largest network the page builds (8 hidden layers of
    /// 32 units, every input feature, 4 classes, Adam): more epochs than an
    /// hour of training holds, a branch set aside and a scrubbed-back
    /// future, all within 8 MB.
    #[test]
    fn the_largest_network_stays_within_8_mb() {
        let mut scene = Scene::from_preset(Preset::Gaussians, 6, 0.2, 1);
        let largest = [
            ("classes", "4"),
            ("features", "x1,x2,x1^2,x2^2,x1*x2,sin(x1),sin(x2)"),
            ("hidden", "32,32,32,32,32,32,32,32"),
            ("optimizer", "adam"),
            ("learning-rate", "0.0001"),
            ("test-fraction", "0.5"),
        ];
        for (name, value) in largest {
            crate::scene::settings::apply(&mut scene, name, value).unwrap();
        }
        let mut s = Session::new(scene);
        let params = s.trainer().network.parameter_count();
        assert_eq!(params, 7 * 32 + 32 + 7 * (32 * 32 + 32) + 32 * 4 + 4);
        let capacity = s.timeline().capacity();
        assert!(capacity >= MIN_CHECKPOINTS, "{capacity}");
        // Trained for real past the loss history's own bound (so the
        // records set aside are as many as they can be), then a branch.
        s.train_epochs(crate::nn::trainer::MAX_HISTORY + 500);
        let last = s.timeline().len() - 1;
        s.seek(last / 2);
        s.set("learning-rate", "0.0003").unwrap();
        s.train_epochs(400);
        s.seek(1);
        assert!(s.timeline().can_swap(false) && !s.timeline().ahead().is_empty());
        let bytes = s.timeline().heap_bytes();
        println!("largest network, branched and scrubbed back: {bytes} bytes");
        assert!(bytes <= 8_000_000, "{bytes} bytes");
        // The count: two million more epochs (an hour at 555 a second; the
        // largest workload trains 424 natively, fewer in the browser),
        // their checkpoints copied from one taken now.
        let mut timeline = Timeline::new(s.trainer());
        let mut template = Checkpoint::default();
        s.trainer().save_checkpoint(&mut template);
        let start = template.epoch;
        for epoch in start + 1..=start + 2_000_000 {
            timeline.record_with(template.run, epoch, |c| {
                if c.is_empty() {
                    c.clone_from(&template);
                }
            });
            assert!(timeline.len() <= capacity);
        }
        let bytes = timeline.heap_bytes();
        println!("largest network, {capacity} checkpoints: {bytes} bytes");
        assert!(bytes <= 8_000_000, "{bytes} bytes");
        assert_eq!(timeline.checkpoints()[0].epoch, start);
        assert_eq!(
            timeline.checkpoints().last().unwrap().epoch,
            start + 2_000_000
        );
    }

    #[test]
    fn a_smaller_budget_thins_the_line_and_keeps_where_the_trainer_is() {
        let mut s = session();
        s.set("hidden", "32,32,32,32").unwrap(); // checkpoints of 40 KB
        let full = s.timeline().capacity();
        assert!(full < MAX_CHECKPOINTS / 2, "{full}");
        s.train_epochs(full + 10);
        let bytes = s.timeline().heap_bytes();
        // Scrubbed back, with a future ahead: the shown checkpoint is the trainer's state.
        s.seek(full / 3);
        let shown_epoch = s.trainer().epoch();
        let weights = s.trainer().network.layers[0].weights.clone();
        s.set_timeline_budget(BUDGET_BYTES / 10);
        let t = s.timeline();
        assert!(t.capacity() < full, "{} of {full}", t.capacity());
        assert!(t.len() <= t.capacity(), "{} > {}", t.len(), t.capacity());
        // The budget, and the loss records ahead and the lists' own slots beside it.
        assert!(bytes > BUDGET_BYTES * 9 / 10, "{bytes} bytes when full");
        assert!(
            t.heap_bytes() <= BUDGET_BYTES / 10 + 100_000,
            "{} bytes",
            t.heap_bytes()
        );
        assert_eq!(t.checkpoints()[t.shown()].epoch, shown_epoch);
        assert_eq!(t.checkpoints()[0].epoch, 0, "where training started stays");
        let epochs: Vec<usize> = t.checkpoints().iter().map(|c| c.epoch).collect();
        assert!(epochs.windows(2).all(|w| w[0] < w[1]), "{epochs:?}");
        assert_eq!(s.trainer().network.layers[0].weights, weights);
        // Every checkpoint kept still restores its epoch.
        for i in 0..s.timeline().len() {
            let epoch = s.timeline().checkpoints()[i].epoch;
            s.seek(i);
            assert_eq!(s.trainer().epoch(), epoch);
        }
        // Training on from the end stays within the smaller line.
        let last = s.timeline().len() - 1;
        s.seek(last);
        s.train_epochs(3 * full);
        assert!(s.timeline().len() <= s.timeline().capacity());
        // The budget back: the line may grow again.
        s.set_timeline_budget(BUDGET_BYTES);
        assert_eq!(s.timeline().capacity(), full);
        let before = s.timeline().len();
        s.train_epochs(full);
        assert!(s.timeline().len() > before);
    }

    #[test]
    fn a_smaller_budget_keeps_undo_and_redo_of_a_branch() {
        let mut s = session();
        s.set("hidden", "32,32,32,32").unwrap();
        let full = s.timeline().capacity();
        s.train_epochs(full - 5);
        let old_end = s.trainer().epoch();
        let mut old_weights = Checkpoint::default();
        s.trainer().save_checkpoint(&mut old_weights);
        s.seek(10);
        s.train_epochs(30); // a branch: the old future is set aside for Undo
        let new_end = s.trainer().epoch();
        assert!(s.timeline().can_swap(false));
        s.set_timeline_budget(BUDGET_BYTES / 10);
        let t = s.timeline();
        assert!(
            t.len() + t.aside_len() <= t.capacity(),
            "{} + {} of {}",
            t.len(),
            t.aside_len(),
            t.capacity()
        );
        // Undo: the old future's end, bit for bit; Redo: the branch's end.
        assert_eq!(s.undo(), Some(None));
        assert_eq!(s.trainer().epoch(), old_end);
        let mut now = Checkpoint::default();
        s.trainer().save_checkpoint(&mut now);
        assert_eq!(now.bits(), old_weights.bits());
        assert_eq!(s.redo(), Some(None));
        assert_eq!(s.trainer().epoch(), new_end);
    }

    #[test]
    fn recording_reuses_buffers_once_the_line_is_full() {
        let mut s = Session::new(Scene::from_preset(Preset::Circle, 12, 0.0, 2));
        s.train_epochs(2 * MAX_CHECKPOINTS);
        let buffers = |t: &Timeline| {
            let mut all: Vec<*const f32> = (t.line.iter().chain(&t.spare))
                .map(|c| c.parameters(usize::MAX).as_ptr())
                .collect();
            all.sort();
            all
        };
        let before = buffers(s.timeline());
        s.train_epochs(MAX_CHECKPOINTS);
        assert_eq!(
            buffers(s.timeline()),
            before,
            "the same buffers, no new ones"
        );
    }

    #[test]
    fn a_branch_keeps_the_old_future_for_undo_until_the_next_edit() {
        let (mut s, states) = trained(40);
        let old_history = s.trainer().history().to_vec();
        s.seek(20);
        assert!(!s.can_undo(), "scrubbing is no edit");
        s.set("learning-rate", "0.3").unwrap();
        s.train_epochs(10);
        assert_eq!(s.trainer().epoch(), 30);
        assert_ne!(state(s.trainer()), states[30], "a new run");
        let new_state = state(s.trainer());
        let new_history = s.trainer().history().to_vec();
        assert_eq!(&new_history[..=20], &old_history[..=20]);
        assert_eq!(s.timeline().len(), 31);
        // Undo: the old future, the trainer at its end.
        assert!(s.can_undo());
        assert_eq!(s.undo(), Some(None));
        assert_eq!(state(s.trainer()), states[40]);
        assert_eq!(s.trainer().history(), &old_history[..]);
        assert_eq!(s.timeline().len(), 41);
        // Redo: the new run again; undo again, scrubbed back within the new run.
        assert!(s.can_redo());
        assert_eq!(s.redo(), Some(None));
        assert_eq!(state(s.trainer()), new_state);
        assert_eq!(s.trainer().history(), &new_history[..]);
        s.seek(10);
        assert_eq!(s.undo(), Some(None));
        assert_eq!(state(s.trainer()), states[40]);
        assert_eq!(s.trainer().history(), &old_history[..]);
        // An edit forgets the other line: undo is the edit's now.
        s.redo();
        s.add_point(0.5, 0.5, 1.0, false).unwrap();
        assert!(!s.timeline().can_swap(false) && !s.timeline().can_swap(true));
        let points = s.scene().points.len();
        assert_eq!(s.undo(), Some(None));
        assert_eq!(s.scene().points.len(), points - 1, "the point went");
    }

    #[test]
    fn an_edit_while_scrubbed_back_drops_the_future() {
        let (mut s, _) = trained(20);
        s.seek(5);
        s.add_point(0.1, 0.2, 0.0, false).unwrap();
        assert_eq!(s.timeline().len(), 6);
        assert!(s.timeline().ahead().is_empty());
        assert_eq!(s.trainer().epoch(), 5);
        s.train_epochs(3);
        assert_eq!(s.timeline().len(), 9);
        assert!(!s.timeline().can_swap(false));
    }

    #[test]
    fn new_weights_or_a_new_network_start_the_timeline_again() {
        let (mut s, _) = trained(10);
        s.reset(None);
        assert_eq!(s.timeline().len(), 1);
        s.train_epochs(4);
        s.set("hidden", "3,3").unwrap();
        assert_eq!(s.timeline().len(), 1);
        s.train_epochs(2);
        // Weights set by hand (the perceptron's sliders): another run too.
        let network = s.trainer().network.clone();
        s.trainer_mut().set_network(network);
        assert_eq!(s.seek(2), 0, "nothing of the old run to go back to");
        assert_eq!(s.timeline().len(), 1);
    }

    #[test]
    fn an_optimiser_chosen_since_starts_from_clean_state() {
        let (mut s, states) = trained(10);
        s.set("optimizer", "momentum").unwrap();
        s.seek(4);
        let (bits, epoch) = state(s.trainer());
        assert_eq!(epoch, 4);
        let params = s.trainer().network.parameter_count();
        assert_eq!(bits[..params], states[4].0[..params], "the weights");
        // After the weights: the momentum, then the generator's two words and the steps.
        let (momentum, steps) = (&bits[params..bits.len() - 3], bits[bits.len() - 1]);
        assert_eq!(momentum.len(), params);
        assert!(
            momentum.iter().all(|&b| b == 0) && steps == 0,
            "no momentum yet"
        );
    }

    /// A race lends the session one run after another: no timeline then;
    /// back in free play it records again.
    #[test]
    fn a_race_records_nothing() {
        use crate::scene::{lessons::find, Classroom};
        let mut class = Classroom::new(Scene::default());
        class.load_lesson(find("learning-rate").unwrap());
        class.train_epochs(5, || true);
        assert!(!class.session().is_recording());
        assert_eq!(class.session().timeline().len(), 1);
        assert_eq!(class.seek(0), 0);
        class.leave_lesson();
        class.train_epochs(5, || true);
        assert!(class.session().is_recording());
        assert_eq!(class.session().timeline().len(), 6);
        // A lesson without a race records as free play does.
        class.load_lesson(find("overfitting").unwrap());
        class.train_epochs(3, || true);
        assert_eq!(class.session().timeline().len(), 4);
    }
}
