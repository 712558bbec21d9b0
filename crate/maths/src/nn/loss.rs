//! The task decides the output layer and the loss, as the lecture teaches:
//! two classes → sigmoid + binary cross-entropy, 3–4 classes → softmax +
//! cross-entropy, a real value → identity + mean squared error.
//!
//! Each loss is paired with its output function so that the gradient with
//! respect to the output layer's pre-activation `z` is simple and stable.

use super::activation::sigmoid;
use super::fastmath::{exp_with, ln_1p_with, sigmoid_with, Constants};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Loss {
    /// One sigmoid unit; target 0 or 1.
    BinaryCrossEntropy,
    /// One unit per class, softmax; target is the class index.
    SoftmaxCrossEntropy { classes: usize },
    /// One identity unit; target is the value.
    MeanSquaredError,
}

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

    /// The loss of one sample, from its pre-activations (logits) `z` and its
    /// target: cross-entropy as log-sum-exp, never through a rounded
    /// probability, so a confidently wrong answer costs what it should
    /// (z = 15 against target 0 is 15, not the ~14.8 that ln of a float
    /// probability gives), as PyTorch's and Keras's from-logits losses compute it.
    pub fn value(self, z: &[f32], target: f32) -> f32 {
        let k = &Constants::PLAIN;
        match self {
            Loss::BinaryCrossEntropy => binary_cross_entropy(z[0], target, k),
            Loss::SoftmaxCrossEntropy { .. } => softmax_cross_entropy(z, target, k),
            Loss::MeanSquaredError => (z[0] - target) * (z[0] - target),
        }
    }

    /// The loss of every sample of a batch (`z`, the pre-activations, is
    /// `rows × units`), with the choice of loss made once so that the common
    /// case vectorises.
    pub fn values(self, z: &[f32], targets: &[f32], values: &mut [f32]) {
        match self {
            Loss::BinaryCrossEntropy => {
                let k = Constants::opaque();
                for ((v, &z), &t) in values.iter_mut().zip(z).zip(targets) {
                    *v = binary_cross_entropy(z, t, k);
                }
            }
            _ => {
                let units = self.output_units();
                for ((v, zr), &t) in values.iter_mut().zip(z.chunks_exact(units)).zip(targets) {
                    *v = self.value(zr, t);
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

/// Binary cross-entropy from the logit z: -ln sigmoid(z) for target 1,
/// -ln(1 - sigmoid(z)) = -ln sigmoid(-z) for target 0, each as the
/// softplus max(s, 0) + ln(1 + e^-|s|) of s = -z or z. A NaN z is passed on.
#[inline]
fn binary_cross_entropy(z: f32, target: f32, k: &Constants) -> f32 {
    let s = if target >= 0.5 { -z } else { z };
    let positive = if s > 0.0 { s } else { 0.0 };
    let loss = positive + ln_1p_with(exp_with(-s.abs(), k), k);
    if z.is_nan() {
        z
    } else {
        loss
    }
}

/// Softmax cross-entropy from the logits z: ln Σ e^zi − z_target, as
/// (max − z_target) + ln(1 + Σ over the others of e^(zi − max)). A NaN is passed on.
fn softmax_cross_entropy(z: &[f32], target: f32, k: &Constants) -> f32 {
    let top = argmax(z);
    let rest: f32 = z
        .iter()
        .enumerate()
        .filter(|&(i, _)| i != top)
        .map(|(_, &zi)| exp_with(zi - z[top], k))
        .sum();
    let loss = (z[top] - z[target as usize]) + ln_1p_with(rest, k);
    if z.iter().any(|v| v.is_nan()) {
        f32::NAN
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

    /// ln Σ e^zi − z_target in f64: the cross-entropy of the logits, as
    /// max − z_target + ln(1 + Σ others e^(zi − max)), so that even a tiny
    /// loss keeps its digits.
    fn log_sum_exp_cross_entropy(z: &[f32], target: usize) -> f64 {
        let z: Vec<f64> = z.iter().map(|&v| v as f64).collect();
        let top = (0..z.len()).fold(0, |b, i| if z[i] > z[b] { i } else { b });
        let others: f64 = (0..z.len())
            .filter(|&i| i != top)
            .map(|i| (z[i] - z[top]).exp())
            .sum();
        z[top] - z[target] + others.ln_1p()
    }

    /// Logits from certain right to certain wrong, and the lecture's z = 15.
    fn logits() -> impl Iterator<Item = f32> {
        (-400..=400)
            .map(|i| i as f32 * 0.1)
            .chain([-80.0, 15.0, 60.0, 1e-6, -1e-6])
    }

    #[test]
    fn binary_cross_entropy_is_the_log_sum_exp_of_the_logit_to_a_millionth() {
        for z in logits() {
            for target in [0usize, 1] {
                // Sigmoid and cross-entropy are softmax's over the logits (0, z).
                let exact = log_sum_exp_cross_entropy(&[0.0, z], target);
                let got = Loss::BinaryCrossEntropy.value(&[z], target as f32) as f64;
                assert!(
                    (got - exact).abs() <= 1e-6 * exact.max(1e-30),
                    "z={z}, t={target}: {got} vs {exact}"
                );
            }
        }
        // A confidently wrong point costs its logit: not capped near 16.1.
        assert!((Loss::BinaryCrossEntropy.value(&[15.0], 0.0) - 15.0).abs() < 1e-5);
        assert!((Loss::BinaryCrossEntropy.value(&[-40.0], 1.0) - 40.0).abs() < 1e-5);
    }

    #[test]
    fn softmax_cross_entropy_is_the_log_sum_exp_of_the_logits_to_a_millionth() {
        let loss = Loss::SoftmaxCrossEntropy { classes: 3 };
        for z in logits() {
            let row = [z, 0.5 * z - 1.0, -0.3 * z];
            for target in 0..3 {
                let exact = log_sum_exp_cross_entropy(&row, target);
                let got = loss.value(&row, target as f32) as f64;
                // Below a millionth, f32's rounding of zi − max is the limit.
                assert!(
                    (got - exact).abs() <= 1e-6 * exact.max(1e-6),
                    "z={row:?}, t={target}: {got} vs {exact}"
                );
            }
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
    fn cross_entropy_is_finite_at_certain_wrong_answers_and_nan_passes_on() {
        let l = Loss::BinaryCrossEntropy.value(&[1000.0], 0.0);
        assert!(l.is_finite() && l >= 999.0, "{l}");
        let l = Loss::SoftmaxCrossEntropy { classes: 2 }.value(&[1000.0, -1000.0], 1.0);
        assert!(l.is_finite() && l >= 1999.0, "{l}");
        assert!(Loss::BinaryCrossEntropy.value(&[f32::NAN], 1.0).is_nan());
        assert!(Loss::SoftmaxCrossEntropy { classes: 2 }
            .value(&[0.0, f32::NAN], 0.0)
            .is_nan());
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
            loss.values(&z, &targets, &mut values);
            let mut correct = 0;
            for (r, (zr, &t)) in z.chunks_exact(units).zip(&targets).enumerate() {
                let mut yr = vec![0.0; units];
                loss.output(zr, &mut yr);
                let (one, batch) = (&y[r * units..][..units], loss.value(zr, t));
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
