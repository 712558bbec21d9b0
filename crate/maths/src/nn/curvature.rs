//! How sharply a squared-error bowl curves, for the learning rate that
//! makes gradient descent blow up (lecture 38:49–39:42). For one input and
//! a linear output, J(w, b) = mean((w·x + b − t)²) is exactly quadratic: its
//! second derivatives are 2·[[mean x², mean x], [mean x, 1]] everywhere. A
//! full-batch step multiplies the distance from the minimum along the
//! steepest direction by 1 − rate·λ, with λ that direction's curvature: for
//! a rate above 2/λ the factor is below −1, and every step lands further up
//! the other wall than it started.

use super::{Loss, Network, Samples};

/// The largest eigenvalue λ of J's second derivatives for a one-input,
/// one-output linear network with squared error on `samples`; None for any
/// other network or without samples.
pub fn steepest_curvature(network: &Network, samples: &Samples) -> Option<f32> {
    let one_linear_unit = matches!(&network.layers[..], [l] if l.inputs == 1 && l.units == 1);
    if !one_linear_unit || network.loss != Loss::MeanSquaredError || samples.width != 1 {
        return None;
    }
    if samples.is_empty() {
        return None;
    }
    let n = samples.len() as f64;
    let mean_x = samples.inputs.iter().map(|&x| x as f64).sum::<f64>() / n;
    let mean_xx = samples
        .inputs
        .iter()
        .map(|&x| (x as f64).powi(2))
        .sum::<f64>()
        / n;
    // The eigenvalues of 2·[[a, c], [c, 1]]: a symmetric 2×2 matrix.
    let (a, c, d) = (2.0 * mean_xx, 2.0 * mean_x, 2.0);
    let half_gap = 0.5 * (a - d);
    Some((0.5 * (a + d) + (half_gap * half_gap + c * c).sqrt()) as f32)
}

/// The largest learning rate at which full-batch gradient descent on that
/// bowl does not blow up: 2/λ.
pub fn largest_stable_rate(curvature: f32) -> f32 {
    2.0 / curvature
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::nn::{Activation, NetworkShape, OptimizerKind, TrainConfig, Trainer};
    use crate::rng::Rng;

    fn line_samples(n: usize, seed: u64) -> Samples {
        let mut rng = Rng::new(seed);
        let mut s = Samples {
            width: 1,
            ..Samples::default()
        };
        for _ in 0..n {
            let x = rng.range(-1.0, 3.0);
            s.inputs.push(x);
            s.targets.push(0.5 * x - 1.0 + 0.2 * rng.normal());
        }
        s
    }

    fn trainer(samples: Samples, rate: f32) -> Trainer {
        let shape = NetworkShape::uniform(1, &[], Activation::Linear, Loss::MeanSquaredError);
        let config = TrainConfig {
            learning_rate: rate,
            batch_size: samples.len(),
            optimizer: OptimizerKind::Sgd,
            ..TrainConfig::default()
        };
        Trainer::new(&shape, config, samples, Samples::default(), 3)
    }

    /// The curvature along the steepest direction, by finite differences
    /// of the loss itself: the formula is the loss's own second derivative.
    #[test]
    fn the_curvature_is_the_losses_second_derivative() {
        let samples = line_samples(50, 1);
        let t = trainer(samples.clone(), 0.1);
        let lambda = steepest_curvature(&t.network, &samples).unwrap();
        let loss = |w: f64, b: f64| {
            let (x, y) = (&samples.inputs, &samples.targets);
            x.iter()
                .zip(y)
                .map(|(&x, &y)| (w * x as f64 + b - y as f64).powi(2))
                .sum::<f64>()
                / x.len() as f64
        };
        // The largest second derivative over all directions θ.
        let h = 1e-3;
        let steepest = (0..3600)
            .map(|k| {
                let th = k as f64 / 3600.0 * std::f64::consts::PI;
                let (u, v) = (th.cos(), th.sin());
                (loss(h * u, h * v) - 2.0 * loss(0.0, 0.0) + loss(-h * u, -h * v)) / (h * h)
            })
            .fold(f64::MIN, f64::max);
        assert!(
            (lambda as f64 - steepest).abs() < 1e-3 * steepest,
            "{lambda} vs {steepest}"
        );
    }

    /// Just under 2/λ gradient descent settles; just over it, it blows up.
    #[test]
    fn rates_above_two_over_the_curvature_diverge() {
        let samples = line_samples(50, 2);
        let t = trainer(samples.clone(), 0.1);
        let edge = largest_stable_rate(steepest_curvature(&t.network, &samples).unwrap());
        let mut under = trainer(samples.clone(), 0.95 * edge);
        let mut over = trainer(samples, 1.05 * edge);
        for _ in 0..400 {
            under.step_epoch();
            over.step_epoch();
        }
        assert_eq!(under.status(), crate::nn::Status::Training);
        assert_eq!(over.status(), crate::nn::Status::Diverged);
    }

    #[test]
    fn other_models_have_no_such_bowl() {
        let samples = line_samples(10, 3);
        let shape = NetworkShape::uniform(1, &[2], Activation::Tanh, Loss::MeanSquaredError);
        let hidden = Network::new(&shape, &mut Rng::new(1));
        assert!(steepest_curvature(&hidden, &samples).is_none());
        let logistic = NetworkShape::uniform(1, &[], Activation::Linear, Loss::BinaryCrossEntropy);
        let logistic = Network::new(&logistic, &mut Rng::new(1));
        assert!(steepest_curvature(&logistic, &samples).is_none());
        let t = trainer(samples, 0.1);
        assert!(steepest_curvature(&t.network, &Samples::default()).is_none());
    }
}
