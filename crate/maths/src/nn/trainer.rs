//! The training loop: mini-batches over a shuffled training set, losses per
//! epoch for training and test data, early stopping and divergence.

use super::network::{Dropout, Gradients, Network, NetworkShape, Workspace};
use super::optimizer::{Optimizer, OptimizerKind};
use super::regularization::Regularization;
use super::schedule::Schedule;
use super::step_log::StepLog;
use crate::rng::Rng;

mod checkpoint;
pub use checkpoint::Checkpoint;

/// Network inputs and targets, one row per sample.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Samples {
    /// `len × width`, row-major.
    pub inputs: Vec<f32>,
    /// Class index (as f32) or regression value, one per row.
    pub targets: Vec<f32>,
    pub width: usize,
}

impl Samples {
    pub fn len(&self) -> usize {
        self.targets.len()
    }

    pub fn is_empty(&self) -> bool {
        self.targets.is_empty()
    }

    pub fn row(&self, i: usize) -> &[f32] {
        &self.inputs[i * self.width..(i + 1) * self.width]
    }
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TrainConfig {
    /// The base rate: the schedule's rate at its peak.
    pub learning_rate: f32,
    pub schedule: Schedule,
    /// Samples per gradient step, 1 to the training set's size (larger is clamped).
    pub batch_size: usize,
    pub optimizer: OptimizerKind,
    /// Dropout rate on hidden layers, 0 to 0.9.
    pub dropout: f32,
    pub regularization: Regularization,
    /// Stop after this many epochs without a lower test loss, and restore the best weights.
    pub early_stopping: Option<usize>,
}

impl Default for TrainConfig {
    fn default() -> Self {
        TrainConfig {
            learning_rate: 0.03,
            schedule: Schedule::default(),
            batch_size: 10,
            optimizer: OptimizerKind::Sgd,
            dropout: 0.0,
            regularization: Regularization::NONE,
            early_stopping: None,
        }
    }
}

/// Losses and accuracies after an epoch (epoch 0: before any training).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct EpochRecord {
    pub epoch: usize,
    pub train_loss: f32,
    pub test_loss: Option<f32>,
    /// Fraction correct; None for regression.
    pub train_accuracy: Option<f32>,
    pub test_accuracy: Option<f32>,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Status {
    Training,
    /// The loss became NaN or infinite or blew up, or the weights exploded.
    Diverged,
    /// Early stopping restored the weights of this epoch.
    EarlyStopped {
        best_epoch: usize,
    },
}

/// Weights beyond this size mean training has blown up.
const EXPLODED_WEIGHT: f32 = 1e6;
/// A training loss this many times the one training started from has blown
/// up: a learning rate far too large overshoots further at every step.
pub const BLOW_UP_FACTOR: f32 = 3.0;
/// Rows evaluated at once when measuring losses: the workspace holds every
/// layer's values for this many rows (a quarter of a megabyte for eight
/// layers of 32), and a row's outputs do not depend on its chunk.
const EVAL_CHUNK: usize = 128;
/// Epochs of history kept in full; past this, every other older record goes
/// (the chart has far fewer pixels), so an hour's training stays in bounded memory.
pub const MAX_HISTORY: usize = 10_000;

pub struct Trainer {
    pub network: Network,
    optimizer: Optimizer,
    config: TrainConfig,
    train: Samples,
    test: Samples,
    rng: Rng,
    /// This epoch's shuffled order of the training set, and how far through it we are.
    order: Vec<usize>,
    cursor: usize,
    /// Where in `order` the last batch was.
    last_rows: std::ops::Range<usize>,
    /// Losses of the weights as they are mid-epoch, measured after a single
    /// step (`measure_now`); gone at the epoch's end.
    mid_epoch: Option<EpochRecord>,
    epoch: usize,
    history: Vec<EpochRecord>,
    /// The record and weights of the epoch with the lowest held-out loss so far.
    best: Option<EpochRecord>,
    best_network: Network,
    status: Status,
    /// The training loss when training on this data began.
    start_loss: Option<f32>,
    workspace: Workspace,
    eval_workspace: Workspace,
    grads: Gradients,
    batch_inputs: Vec<f32>,
    batch_targets: Vec<f32>,
    /// Each step's batch loss, when asked for (`log_steps`).
    step_log: Option<StepLog>,
    /// Which run this is (see `Checkpoint`): new whenever the history starts over.
    run: u64,
}

impl Trainer {
    /// A fresh network from `seed`, which also drives shuffling and dropout.
    pub fn new(
        shape: &NetworkShape,
        config: TrainConfig,
        train: Samples,
        test: Samples,
        seed: u64,
    ) -> Trainer {
        let mut rng = Rng::new(seed);
        let network = Network::new(shape, &mut rng);
        let mut trainer = Trainer {
            optimizer: Optimizer::new(config.optimizer, &network),
            grads: Gradients::for_network(&network),
            best_network: network.clone(),
            network,
            config: TrainConfig::default(),
            train,
            test,
            rng,
            order: Vec::new(),
            cursor: 0,
            last_rows: 0..0,
            mid_epoch: None,
            epoch: 0,
            history: Vec::new(),
            best: None,
            status: Status::Training,
            start_loss: None,
            workspace: Workspace::new(),
            eval_workspace: Workspace::new(),
            batch_inputs: Vec::new(),
            batch_targets: Vec::new(),
            step_log: None,
            run: checkpoint::next_run(),
        };
        trainer.set_config(config);
        trainer.record_epoch();
        trainer
    }

    /// The generator of shuffles and dropout masks, as it stands now.
    pub fn rng(&self) -> &crate::rng::Rng {
        &self.rng
    }

    pub fn config(&self) -> TrainConfig {
        self.config
    }

    /// Changes the training settings, keeping the weights; a new optimiser starts from clean state.
    pub fn set_config(&mut self, mut config: TrainConfig) {
        config.batch_size = config.batch_size.max(1);
        config.dropout = config.dropout.clamp(0.0, 0.9);
        if config.optimizer != self.config.optimizer {
            self.optimizer = Optimizer::new(config.optimizer, &self.network);
        }
        self.config = config;
    }

    /// New training and test data for the same network. Training goes on
    /// from the current weights; the best-epoch watch starts afresh.
    pub fn set_data(&mut self, train: Samples, test: Samples) {
        self.train = train;
        self.test = test;
        self.cursor = 0;
        self.last_rows = 0..0;
        self.mid_epoch = None;
        self.best = None;
        self.start_loss = None;
        self.measure_again();
    }

    /// The last record's losses and accuracies, measured again on the data
    /// as it is now: what is shown after an edit is never the old data's.
    fn measure_again(&mut self) {
        let now = self.measure();
        if let Some(last) = self.history.last_mut() {
            *last = EpochRecord {
                epoch: last.epoch,
                ..now
            };
        }
    }

    /// The losses and accuracies of the weights as they are now, on both sets.
    fn measure(&mut self) -> EpochRecord {
        let (train_loss, train_accuracy) =
            Self::evaluate(&self.network, &self.train, &mut self.eval_workspace);
        let (test_loss, test_accuracy) =
            Self::evaluate(&self.network, &self.test, &mut self.eval_workspace);
        EpochRecord {
            epoch: self.epoch,
            train_loss,
            test_loss: (!self.test.is_empty()).then_some(test_loss),
            train_accuracy,
            test_accuracy,
        }
    }

    /// Replaces the weights (same shape), e.g. to edit a perceptron by hand.
    pub fn set_network(&mut self, network: Network) {
        self.best_network = network.clone();
        self.network = network;
        self.optimizer.reset();
        self.restart_history();
    }

    fn restart_history(&mut self) {
        self.run = checkpoint::next_run();
        self.epoch = 0;
        self.last_rows = 0..0;
        self.mid_epoch = None;
        self.history.clear();
        if let Some(log) = &mut self.step_log {
            log.clear();
        }
        self.best = None;
        self.start_loss = None;
        self.status = Status::Training;
        self.record_epoch();
    }

    pub fn train_samples(&self) -> &Samples {
        &self.train
    }

    pub fn test_samples(&self) -> &Samples {
        &self.test
    }

    pub fn epoch(&self) -> usize {
        self.epoch
    }

    pub fn history(&self) -> &[EpochRecord] {
        &self.history
    }

    pub fn status(&self) -> Status {
        self.status
    }

    /// The losses of the weights the network holds now: the best epoch's
    /// once early stopping has restored them, otherwise the last epoch's.
    pub fn current_record(&self) -> Option<EpochRecord> {
        match self.status {
            Status::EarlyStopped { .. } => self.best,
            _ => self.mid_epoch.or_else(|| self.history.last().copied()),
        }
    }

    /// Measures the losses of the weights as they are now, mid-epoch (after
    /// a single step): `current_record` gives them until the epoch ends.
    pub fn measure_now(&mut self) {
        self.mid_epoch = Some(self.measure());
    }

    /// The training rows (indices into the training samples) of the last batch.
    pub fn last_batch_rows(&self) -> &[usize] {
        self.order.get(self.last_rows.clone()).unwrap_or(&[])
    }

    /// Batches in one epoch at the current batch size.
    pub fn batches_per_epoch(&self) -> usize {
        self.train.len().div_ceil(self.config.batch_size)
    }

    /// Keeps each step's batch loss from now on (at most `cap` of them, thinned evenly).
    pub fn log_steps(&mut self, cap: usize) {
        self.step_log = Some(StepLog::new(cap));
    }

    /// Each step's batch loss, if asked for.
    pub fn step_log(&self) -> Option<&StepLog> {
        self.step_log.as_ref()
    }

    /// Lets training go on after early stopping or divergence.
    pub fn resume(&mut self) {
        self.status = Status::Training;
    }

    /// The epoch with the lowest held-out loss so far (training loss without a test set).
    pub fn best_epoch(&self) -> Option<usize> {
        self.best.map(|r| r.epoch)
    }

    /// Batches taken in the current epoch so far.
    pub fn batch_in_epoch(&self) -> usize {
        self.cursor.div_ceil(self.config.batch_size)
    }

    /// The workspace of the last training batch: activations and dropout masks.
    pub fn last_batch(&self) -> &Workspace {
        &self.workspace
    }

    /// One gradient step on the next mini-batch; finishing the training set ends an epoch.
    pub fn step_batch(&mut self) -> Status {
        if self.status != Status::Training || self.train.is_empty() {
            return self.status;
        }
        let n = self.train.len();
        if self.cursor == 0 {
            self.order.clear();
            self.order.extend(0..n);
            self.rng.shuffle(&mut self.order);
        }
        let end = (self.cursor + self.config.batch_size).min(n);
        let (picked, width) = (&self.order[self.cursor..end], self.train.width);
        // Element by element: rows are a few floats, shorter than a copy call.
        self.batch_inputs.resize(picked.len() * width, 0.0);
        self.batch_targets.resize(picked.len(), 0.0);
        for ((row, target), &i) in self
            .batch_inputs
            .chunks_exact_mut(width)
            .zip(&mut self.batch_targets)
            .zip(picked)
        {
            for (x, &v) in row.iter_mut().zip(self.train.row(i)) {
                *x = v;
            }
            *target = self.train.targets[i];
        }
        self.last_rows = self.cursor..end;
        self.cursor = end;
        self.mid_epoch = None;

        let dropout = (self.config.dropout > 0.0).then_some(Dropout {
            rate: self.config.dropout,
            rng: &mut self.rng,
        });
        self.network
            .forward(&self.batch_inputs, &mut self.workspace, dropout);
        // A NaN or infinite output has blown up (its loss would be NaN or
        // infinite too; the batch's loss itself is not needed, so not taken).
        if let Some(log) = &mut self.step_log {
            let losses = self
                .network
                .losses(&self.batch_targets, &mut self.workspace);
            let sum: f64 = losses.iter().map(|&l| l as f64).sum();
            log.push((sum / losses.len().max(1) as f64) as f32);
        }
        let outputs_not_finite = self
            .workspace
            .activations(self.network.layers.len() - 1)
            .iter()
            .any(|y| !y.is_finite());
        self.network.backward(
            &self.batch_inputs,
            &self.batch_targets,
            &mut self.workspace,
            &mut self.grads,
        );
        self.config
            .regularization
            .add_gradient(&self.network, &mut self.grads);
        let rate = self.learning_rate_now();
        self.optimizer.update(&mut self.network, &self.grads, rate);

        if outputs_not_finite {
            self.status = Status::Diverged;
        } else if self.cursor == n {
            self.cursor = 0;
            self.epoch += 1;
            self.record_epoch();
        }
        self.status
    }

    /// The optimiser and its state as the next step finds it.
    pub fn optimizer(&self) -> &Optimizer {
        &self.optimizer
    }

    /// One gradient step on a single training sample (its inputs and
    /// target), as a batch of one: what the slow step shows, taken.
    pub fn step_sample(&mut self, inputs: &[f32], target: f32) {
        self.network.forward(inputs, &mut self.workspace, None);
        self.network
            .backward(inputs, &[target], &mut self.workspace, &mut self.grads);
        self.config
            .regularization
            .add_gradient(&self.network, &mut self.grads);
        let rate = self.learning_rate_now();
        self.optimizer.update(&mut self.network, &self.grads, rate);
        self.mid_epoch = None;
        self.measure_now();
    }

    /// The rate this epoch's steps take: the schedule's at this epoch.
    pub fn learning_rate_now(&self) -> f32 {
        self.config
            .schedule
            .rate(self.config.learning_rate, self.epoch)
    }

    /// Steps batches until the current epoch ends (or training stops).
    pub fn step_epoch(&mut self) -> Status {
        let epoch = self.epoch;
        while self.status == Status::Training && self.epoch == epoch && !self.train.is_empty() {
            self.step_batch();
        }
        self.status
    }

    /// The network's outputs for every row of `inputs` (`rows × outputs`),
    /// `EVAL_CHUNK` rows at a time in the workspace the losses are measured
    /// in, so a thousand points hold no more memory than a hundred.
    pub fn predict_rows(&mut self, inputs: &[f32]) -> Vec<f32> {
        let width = self.network.inputs();
        let mut outputs = Vec::with_capacity(inputs.len() / width.max(1) * self.network.outputs());
        for chunk in inputs.chunks(EVAL_CHUNK * width) {
            outputs.extend_from_slice(self.network.forward(chunk, &mut self.eval_workspace, None));
        }
        outputs
    }

    /// Mean loss and accuracy of the current network on `samples`.
    pub fn evaluate(
        network: &Network,
        samples: &Samples,
        workspace: &mut Workspace,
    ) -> (f32, Option<f32>) {
        if samples.is_empty() {
            return (f32::NAN, None);
        }
        let (mut loss, mut correct) = (0.0f64, 0usize);
        for (inputs, targets) in samples
            .inputs
            .chunks(EVAL_CHUNK * samples.width)
            .zip(samples.targets.chunks(EVAL_CHUNK))
        {
            let y = network.forward(inputs, workspace, None);
            correct += network.loss.count_correct(y, targets);
            for &l in network.losses(targets, workspace) {
                loss += l as f64;
            }
        }
        let n = samples.len() as f64;
        let accuracy = network
            .loss
            .is_classification()
            .then_some((correct as f64 / n) as f32);
        ((loss / n) as f32, accuracy)
    }

    fn record_epoch(&mut self) {
        let record = self.measure();
        let train_loss = record.train_loss;
        if self.history.len() >= MAX_HISTORY {
            thin(&mut self.history);
        }
        self.history.push(record);
        if self.train.is_empty() {
            // Nothing to train on yet (its loss is NaN): a state that points
            // end, never a divergence, and no start to measure a blow-up from.
            return;
        }

        let exploded = self
            .network
            .layers
            .iter()
            .flat_map(|l| l.weights.iter().chain(&l.biases))
            .any(|w| !w.is_finite() || w.abs() >= EXPLODED_WEIGHT);
        let watched = |r: &EpochRecord| r.test_loss.unwrap_or(r.train_loss);
        let start = *self.start_loss.get_or_insert(train_loss);
        let blown_up = train_loss > BLOW_UP_FACTOR * start.max(0.05);
        if exploded || blown_up || !watched(&record).is_finite() {
            self.status = Status::Diverged;
            return;
        }
        if self
            .best
            .is_none_or(|best| watched(&record) < watched(&best))
        {
            self.best = Some(record);
            self.best_network.copy_weights_from(&self.network);
        }
        if let (Some(patience), Some(best)) = (self.config.early_stopping, self.best) {
            let best_epoch = best.epoch;
            if self.epoch >= best_epoch + patience.max(1) {
                self.network.copy_weights_from(&self.best_network);
                self.status = Status::EarlyStopped { best_epoch };
            }
        }
    }
}

/// Halves the history: every other record, oldest first, keeping the first
/// (where training started) and the last.
fn thin(history: &mut Vec<EpochRecord>) {
    let last = history.pop();
    let mut k = 0;
    history.retain(|_| {
        k += 1;
        k % 2 == 1
    });
    history.extend(last);
}
