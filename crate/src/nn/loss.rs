//! The task decides the output layer and the loss, as the lecture teaches:
//! two classes → sigmoid + binary cross-entropy, 3–4 classes → softmax +
//! cross-entropy, a real value → identity + mean squared error.
//!
//! Each loss is paired with its output function so that the gradient with
//! respect to the output layer's pre-activation `z` is simple and stable.

use super::activation::sigmoid;
use super::fastmath::{ln, ln_positive_with, sigmoid_with, Constants};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Loss {
    /// One sigmoid unit; target 0 or 1.
    BinaryCrossEntropy,
    /// One unit per class, softmax; target is the class index.
    SoftmaxCrossEntropy { classes: usize },
    /// One identity unit; target is the value.
    MeanSquaredError,
}

/// Probabilities are clamped this far from 0 and 1 inside logarithms.
const LOG_FLOOR: f32 = 1e-7;

impl Loss {
    /// The loss that fits a task with `classes` classes (0 = regression).
    pub fn for_classes(classes: usize) -> Loss {
        match classes {
            0 => Loss::MeanSquaredError,
            1 | 2 => Loss::BinaryCrossEntropy,
            k => Loss::SoftmaxCrossEntropy { classes: k },
        }
    }

    pub fn output_units(self) -> usize {
        match self {
            Loss::SoftmaxCrossEntropy { classes } => classes,
            _ => 1,
        }
    }

    pub fn is_classification(self) -> bool {
        self != Loss::MeanSquaredError
    }

    /// The output function: one row of pre-activations `z` → outputs `y`.
    pub fn output(self, z: &[f32], y: &mut [f32]) {
        match self {
            Loss::BinaryCrossEntropy => y[0] = sigmoid(z[0]),
            Loss::MeanSquaredError => y[0] = z[0],
            Loss::SoftmaxCrossEntropy { .. } => {
                let max = z.iter().copied().fold(f32::NEG_INFINITY, f32::max);
                let mut sum = 0.0;
                for (yi, &zi) in y.iter_mut().zip(z) {
                    *yi = super::fastmath::exp(zi - max);
                    sum += *yi;
                }
                for yi in y.iter_mut() {
                    *yi /= sum;
                }
            }
        }
    }

    /// The output function over a batch: `z` and `y` are `rows × units`.
    pub fn outputs(self, z: &[f32], y: &mut [f32]) {
        match self {
            Loss::BinaryCrossEntropy => {
                let k = Constants::opaque();
                for (y, &z) in y.iter_mut().zip(z) {
                    *y = sigmoid_with(z, k);
                }
            }
            Loss::MeanSquaredError => y.copy_from_slice(z),
            Loss::SoftmaxCrossEntropy { classes } => {
                for (zr, yr) in z.chunks_exact(classes).zip(y.chunks_exact_mut(classes)) {
                    self.output(zr, yr);
                }
            }
        }
    }

    /// The loss of one sample, from its outputs `y` and its target.
    pub fn value(self, y: &[f32], target: f32) -> f32 {
        match self {
            Loss::BinaryCrossEntropy => binary_cross_entropy(y[0], target, &Constants::PLAIN),
            Loss::SoftmaxCrossEntropy { .. } => -ln(y[target as usize].max(LOG_FLOOR)),
            Loss::MeanSquaredError => (y[0] - target) * (y[0] - target),
        }
    }

    /// The loss of every sample of a batch (`y` is `rows × units`), with the
    /// choice of loss made once so that the common case vectorises.
    pub fn values(self, y: &[f32], targets: &[f32], values: &mut [f32]) {
        match self {
            Loss::BinaryCrossEntropy => {
                let k = Constants::opaque();
                for ((v, &p), &t) in values.iter_mut().zip(y).zip(targets) {
                    *v = binary_cross_entropy(p, t, k);
                }
            }
            _ => {
                let units = self.output_units();
                for ((v, yr), &t) in values.iter_mut().zip(y.chunks_exact(units)).zip(targets) {
                    *v = self.value(yr, t);
                }
            }
        }
    }

    /// `gradient` for every sample of a batch, into `dz` (`rows × units`).
    pub fn gradients(self, y: &[f32], targets: &[f32], scale: f32, dz: &mut [f32]) {
        if self == Loss::BinaryCrossEntropy {
            // The common case as one loop, not a call per row.
            for ((d, &p), &t) in dz.iter_mut().zip(y).zip(targets) {
                *d = (p - t) * scale;
            }
            return;
        }
        let units = self.output_units();
        for ((yr, &t), d) in y
            .chunks_exact(units)
            .zip(targets)
            .zip(dz.chunks_exact_mut(units))
        {
            self.gradient(yr, t, scale, d);
        }
    }

    /// How many samples of a batch `is_correct` (0 for regression).
    pub fn count_correct(self, y: &[f32], targets: &[f32]) -> usize {
        match self {
            Loss::BinaryCrossEntropy => y
                .iter()
                .zip(targets)
                .map(|(&p, &t)| ((p >= 0.5) == (t >= 0.5)) as usize)
                .sum(),
            _ => y
                .chunks_exact(self.output_units())
                .zip(targets)
                .filter(|&(yr, &t)| self.is_correct(yr, t) == Some(true))
                .count(),
        }
    }

    /// dLoss/dz for one sample, scaled by `scale` (1/batch for a mean).
    pub fn gradient(self, y: &[f32], target: f32, scale: f32, dz: &mut [f32]) {
        match self {
            Loss::BinaryCrossEntropy => dz[0] = (y[0] - target) * scale,
            Loss::SoftmaxCrossEntropy { .. } => {
                for (k, (d, &p)) in dz.iter_mut().zip(y).enumerate() {
                    let onehot = if k == target as usize { 1.0 } else { 0.0 };
                    *d = (p - onehot) * scale;
                }
            }
            Loss::MeanSquaredError => dz[0] = 2.0 * (y[0] - target) * scale,
        }
    }

    /// Whether the outputs `y` predict the target: the most probable class
    /// for classification. Regression has no accuracy.
    pub fn is_correct(self, y: &[f32], target: f32) -> Option<bool> {
        match self {
            Loss::BinaryCrossEntropy => Some((y[0] >= 0.5) == (target >= 0.5)),
            Loss::SoftmaxCrossEntropy { .. } => Some(argmax(y) == target as usize),
            Loss::MeanSquaredError => None,
        }
    }
}

/// -(t·ln p + (1-t)·ln(1-p)) for a class target t of 0 or 1, p kept off 0
/// and 1: one of the two terms is zero, so one logarithm, of p or of 1-p.
/// Branch-free (a NaN p is passed on at the end) so that a batch vectorises.
#[inline]
fn binary_cross_entropy(p: f32, target: f32, k: &Constants) -> f32 {
    let q = p.clamp(LOG_FLOOR, 1.0 - LOG_FLOOR);
    let chosen = if target >= 0.5 { q } else { 1.0 - q };
    let loss = -ln_positive_with(chosen, k);
    if p.is_nan() {
        p
    } else {
        loss
    }
}

pub fn argmax(values: &[f32]) -> usize {
    let mut best = 0;
    for (i, &v) in values.iter().enumerate() {
        if v > values[best] {
            best = i;
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn binary_cross_entropy_is_minus_the_log_of_the_right_answer() {
        for p in [1e-9f32, 0.01, 0.3, 0.5, 0.77, 0.999, 1.0] {
            // The floor as f32 applies it: 1 - 1e-7 rounds to 1 - 1.19e-7.
            let q = p.clamp(LOG_FLOOR, 1.0 - LOG_FLOOR);
            let (right, wrong) = ((q as f64).ln(), ((1.0 - q) as f64).ln());
            let one = Loss::BinaryCrossEntropy.value(&[p], 1.0) as f64;
            let zero = Loss::BinaryCrossEntropy.value(&[p], 0.0) as f64;
            assert!(
                (one + right).abs() < 1e-6 * right.abs().max(1.0),
                "t=1, p={p}: {one}"
            );
            assert!(
                (zero + wrong).abs() < 1e-6 * wrong.abs().max(1.0),
                "t=0, p={p}: {zero}"
            );
        }
    }

    #[test]
    fn softmax_sums_to_one_and_survives_large_inputs() {
        let loss = Loss::SoftmaxCrossEntropy { classes: 3 };
        let mut y = [0.0; 3];
        loss.output(&[1000.0, 999.0, -1000.0], &mut y);
        assert!((y.iter().sum::<f32>() - 1.0).abs() < 1e-6);
        assert!(y.iter().all(|v| v.is_finite()));
        assert!(y[0] > y[1] && y[1] > y[2]);
    }

    #[test]
    fn cross_entropy_is_finite_at_certain_wrong_answers() {
        let l = Loss::BinaryCrossEntropy.value(&[1.0], 0.0);
        assert!(l.is_finite() && l > 15.0, "{l}");
        let l = Loss::SoftmaxCrossEntropy { classes: 2 }.value(&[1.0, 0.0], 1.0);
        assert!(l.is_finite() && l > 15.0, "{l}");
    }

    #[test]
    fn batch_functions_match_the_per_sample_ones_bit_for_bit() {
        let losses = [
            Loss::BinaryCrossEntropy,
            Loss::SoftmaxCrossEntropy { classes: 3 },
            Loss::MeanSquaredError,
        ];
        for loss in losses {
            let units = loss.output_units();
            let rows = 40;
            let z: Vec<f32> = (0..rows * units)
                .map(|i| (i as f32 * 0.77).sin() * 9.0)
                .chain([f32::NAN; 3].into_iter().take(units))
                .collect();
            let rows = rows + 1;
            let targets: Vec<f32> = (0..rows).map(|i| (i % units.max(2)) as f32).collect();
            let mut y = vec![0.0; rows * units];
            loss.outputs(&z, &mut y);
            let mut values = vec![0.0; rows];
            loss.values(&y, &targets, &mut values);
            let mut correct = 0;
            for (r, (zr, &t)) in z.chunks_exact(units).zip(&targets).enumerate() {
                let mut yr = vec![0.0; units];
                loss.output(zr, &mut yr);
                let (one, batch) = (&y[r * units..][..units], loss.value(&yr, t));
                assert_eq!(
                    one.iter().map(|v| v.to_bits()).collect::<Vec<_>>(),
                    yr.iter().map(|v| v.to_bits()).collect::<Vec<_>>(),
                    "{loss:?} outputs"
                );
                assert!(
                    batch.to_bits() == values[r].to_bits() || batch.is_nan() && values[r].is_nan()
                );
                correct += (loss.is_correct(&yr, t) == Some(true)) as usize;
            }
            assert_eq!(loss.count_correct(&y, &targets), correct, "{loss:?}");
        }
    }

    #[test]
    fn task_picks_output_and_loss() {
        assert_eq!(Loss::for_classes(2), Loss::BinaryCrossEntropy);
        assert_eq!(Loss::for_classes(4).output_units(), 4);
        assert_eq!(Loss::for_classes(0), Loss::MeanSquaredError);
        assert_eq!(Loss::MeanSquaredError.is_correct(&[1.0], 1.0), None);
    }
}
