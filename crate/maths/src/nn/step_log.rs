//! The loss of each mini-batch as it was trained on: how noisy one step's
//! view of the loss is (lecture 41:40–43:45). Bounded: once more than
//! `cap` steps are kept, every other one is dropped and from then on only
//! every other step is recorded, so the log still spans the whole run.

#[derive(Clone, Debug)]
pub struct StepLog {
    /// (step, the batch's mean loss before the step), step counted from 1.
    kept: Vec<(usize, f32)>,
    /// Steps taken so far.
    steps: usize,
    /// Steps between recorded ones.
    stride: usize,
    cap: usize,
}

impl StepLog {
    pub fn new(cap: usize) -> StepLog {
        StepLog {
            kept: Vec::new(),
            steps: 0,
            stride: 1,
            cap: cap.max(2),
        }
    }

    /// Records one more step's batch loss.
    pub fn push(&mut self, loss: f32) {
        self.steps += 1;
        if !self.steps.is_multiple_of(self.stride) {
            return;
        }
        self.kept.push((self.steps, loss));
        if self.kept.len() > self.cap {
            self.stride *= 2;
            let stride = self.stride;
            self.kept.retain(|(step, _)| step.is_multiple_of(stride));
        }
    }

    /// The recorded steps in order: (step, loss).
    pub fn entries(&self) -> &[(usize, f32)] {
        &self.kept
    }

    /// Steps taken so far (recorded or not).
    pub fn steps(&self) -> usize {
        self.steps
    }

    pub fn clear(&mut self) {
        *self = StepLog::new(self.cap);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_log_stays_bounded_and_spans_the_whole_run() {
        let mut log = StepLog::new(100);
        for i in 0..10_000 {
            log.push(i as f32);
            assert!(log.entries().len() <= 100);
        }
        assert_eq!(log.steps(), 10_000);
        let steps: Vec<usize> = log.entries().iter().map(|e| e.0).collect();
        assert!(steps.windows(2).all(|w| w[0] < w[1]), "in order");
        assert!(
            steps[0] <= 128 && *steps.last().unwrap() > 9_800,
            "{steps:?}"
        );
        assert!(steps.len() >= 50, "thinning keeps half: {}", steps.len());
        for &(step, loss) in log.entries() {
            assert_eq!(loss, (step - 1) as f32, "each loss stays with its step");
        }
        log.clear();
        assert!(log.entries().is_empty() && log.steps() == 0);
    }
}
