//! A trainer's state at the end of an epoch, copied out and put back bit for
//! bit: the weights, the optimiser's state, where the generator of shuffles
//! and dropout masks stands, the epoch and how training stood. What the
//! timeline keeps; putting one back and training on retraces the run.

use super::{EpochRecord, Status, Trainer};
use crate::nn::optimizer::OptimizerKind;
use crate::rng::Rng;
use std::sync::atomic::{AtomicU64, Ordering};

/// Every run (a new trainer, or one whose history starts over) gets its
/// own number, so that checkpoints are never put back into another run.
static NEXT_RUN: AtomicU64 = AtomicU64::new(1);

pub(super) fn next_run() -> u64 {
    NEXT_RUN.fetch_add(1, Ordering::Relaxed)
}

#[derive(Clone, Debug, PartialEq)]
pub struct Checkpoint {
    pub epoch: usize,
    /// The run it was taken from (`Trainer::run`).
    pub run: u64,
    pub optimizer: OptimizerKind,
    steps: u32,
    rng: u64,
    status: Status,
    best: Option<EpochRecord>,
    /// Every weight and bias, layer by layer, then the optimiser's state.
    pub(crate) values: Vec<f32>,
}

impl Default for Checkpoint {
    fn default() -> Self {
        Checkpoint {
            epoch: 0,
            run: 0,
            optimizer: OptimizerKind::Sgd,
            steps: 0,
            rng: 0,
            status: Status::Training,
            best: None,
            values: Vec::new(),
        }
    }
}

impl Checkpoint {
    /// Bytes of values it holds room for (what it costs in memory, beyond its fixed size).
    pub fn heap_bytes(&self) -> usize {
        self.values.capacity() * std::mem::size_of::<f32>()
    }

    /// Every value as bits (weights, optimiser state), with the generator's
    /// state and the step count: equal only if bit for bit the same.
    pub fn bits(&self) -> Vec<u32> {
        let rng = [self.rng as u32, (self.rng >> 32) as u32, self.steps];
        self.values.iter().map(|v| v.to_bits()).chain(rng).collect()
    }

    /// Whether it holds no values yet (a new one, not yet saved into).
    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }

    /// The weights and biases as they were, layer by layer.
    pub fn parameters(&self, count: usize) -> &[f32] {
        &self.values[..count.min(self.values.len())]
    }
}

impl Trainer {
    /// This run's number: it changes when the history starts over.
    pub fn run(&self) -> u64 {
        self.run
    }

    /// Writes the state as it is now into `into`, reusing its buffer (no
    /// allocation once it has held a checkpoint of this size).
    pub fn save_checkpoint(&self, into: &mut Checkpoint) {
        into.epoch = self.epoch;
        into.run = self.run;
        into.optimizer = self.optimizer.kind;
        into.rng = self.rng.state();
        into.status = self.status;
        into.best = self.best;
        into.values.clear();
        // Exactly this much: a buffer grown by doubling could hold a third more.
        let count = self.network.parameter_count() + self.optimizer.state_len();
        into.values.reserve_exact(count);
        for layer in &self.network.layers {
            into.values.extend_from_slice(&layer.weights);
            into.values.extend_from_slice(&layer.biases);
        }
        into.steps = self.optimizer.save_state(&mut into.values);
    }

    /// Puts a checkpoint of this run back: the weights, the optimiser's state
    /// (a fresh one if another optimiser has been chosen since), the
    /// generator, the epoch. The history's records after that epoch are
    /// moved to the front of `later` (oldest first); the epoch's own losses
    /// are measured again on the data as it is now. The best-epoch watch
    /// starts afresh, as after new data. False (and nothing changed) if the
    /// checkpoint is of another run.
    pub fn restore_checkpoint(&mut self, from: &Checkpoint, later: &mut Vec<EpochRecord>) -> bool {
        let count = self.network.parameter_count();
        if from.run != self.run || from.values.len() < count {
            return false;
        }
        let mut read = 0;
        for layer in &mut self.network.layers {
            for tensor in [&mut layer.weights, &mut layer.biases] {
                let n = tensor.len();
                tensor.copy_from_slice(&from.values[read..read + n]);
                read += n;
            }
        }
        if from.optimizer == self.optimizer.kind {
            self.optimizer.load_state(&from.values[read..], from.steps);
        } else {
            self.optimizer.reset();
        }
        self.rng = Rng::new(from.rng);
        self.epoch = from.epoch;
        self.cursor = 0;
        self.last_rows = 0..0;
        self.mid_epoch = None;
        self.status = from.status;
        self.best_network.copy_weights_from(&self.network);
        self.best = match from.status {
            Status::EarlyStopped { .. } => from.best,
            _ => None,
        };
        self.move_history_after(from.epoch, later);
        if self.history.last().is_none_or(|r| r.epoch != from.epoch) {
            let now = self.measure();
            self.history.push(now);
        } else if !matches!(self.status, Status::EarlyStopped { .. }) {
            self.measure_again();
        }
        true
    }

    /// Moves the history's records after `epoch` to the front of `into`.
    pub fn move_history_after(&mut self, epoch: usize, into: &mut Vec<EpochRecord>) {
        let keep = self.history.partition_point(|r| r.epoch <= epoch);
        into.splice(0..0, self.history.drain(keep..));
    }

    /// Moves the first `count` of `records` (later epochs, oldest first) to
    /// the end of the history; any not after its last epoch are dropped.
    pub fn append_history(&mut self, records: &mut Vec<EpochRecord>, count: usize) {
        let last = self.history.last().map(|r| r.epoch);
        let taken = records.drain(..count.min(records.len()));
        self.history
            .extend(taken.filter(|r| last.is_none_or(|e| r.epoch > e)));
    }
}
