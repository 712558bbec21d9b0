//! The task decides the output layer and the loss, as the lecture teaches:
//! two classes → sigmoid + binary cross-entropy, 3–4 classes → softmax +
//! cross-entropy, a real value → identity + mean squared error.
//!
//! Each loss is paired with its output function so that the gradient with
//! respect to the output layer's pre-activation `z` is simple and stable.

use super::activation::sigmoid;
use super::fastmath::ln;

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

    /// The loss of one sample, from its outputs `y` and its target.
    pub fn value(self, y: &[f32], target: f32) -> f32 {
        match self {
            Loss::BinaryCrossEntropy => {
                let p = y[0].clamp(LOG_FLOOR, 1.0 - LOG_FLOOR);
                -(target * ln(p) + (1.0 - target) * ln(1.0 - p))
            }
            Loss::SoftmaxCrossEntropy { .. } => -ln(y[target as usize].max(LOG_FLOOR)),
            Loss::MeanSquaredError => (y[0] - target) * (y[0] - target),
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
    fn task_picks_output_and_loss() {
        assert_eq!(Loss::for_classes(2), Loss::BinaryCrossEntropy);
        assert_eq!(Loss::for_classes(4).output_units(), 4);
        assert_eq!(Loss::for_classes(0), Loss::MeanSquaredError);
        assert_eq!(Loss::MeanSquaredError.is_correct(&[1.0], 1.0), None);
    }
}
