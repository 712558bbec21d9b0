//! Backpropagation checked against central finite differences, for every
//! activation × every loss × several shapes, with and without L1/L2 and dropout.
#![cfg(not(target_arch = "wasm32"))]

use descent::nn::*;
use descent::rng::Rng;

const BATCH: usize = 6;
/// Step for the central differences; small enough for the truncation error,
/// large enough for f32 rounding.
const EPS: f32 = 1e-3;
/// ‖analytic − numeric‖ / (‖analytic‖ + ‖numeric‖) must stay below this.
const MAX_RELATIVE_ERROR: f64 = 1e-2;

fn losses() -> [Loss; 4] {
    [
        Loss::BinaryCrossEntropy,
        Loss::SoftmaxCrossEntropy { classes: 3 },
        Loss::SoftmaxCrossEntropy { classes: 4 },
        Loss::MeanSquaredError,
    ]
}

fn batch(loss: Loss, inputs: usize, rng: &mut Rng) -> (Vec<f32>, Vec<f32>) {
    let x = (0..BATCH * inputs).map(|_| rng.range(-2.0, 2.0)).collect();
    let t = (0..BATCH)
        .map(|i| match loss {
            Loss::BinaryCrossEntropy => (i % 2) as f32,
            Loss::SoftmaxCrossEntropy { classes } => (i % classes) as f32,
            Loss::MeanSquaredError => rng.range(-1.0, 1.0),
        })
        .collect();
    (x, t)
}

/// Mean loss plus penalty, with dropout masks drawn afresh from the same seed.
fn objective(net: &Network, x: &[f32], t: &[f32], reg: Regularization, dropout: f32) -> f32 {
    let mut ws = Workspace::new();
    let mut rng = Rng::new(99);
    let d = (dropout > 0.0).then_some(Dropout {
        rate: dropout,
        rng: &mut rng,
    });
    net.forward(x, &mut ws, d);
    net.mean_loss(t, &mut ws) + reg.value(net)
}

fn param(net: &mut Network, layer: usize, is_weight: bool, i: usize) -> &mut f32 {
    let layer = &mut net.layers[layer];
    if is_weight {
        &mut layer.weights[i]
    } else {
        &mut layer.biases[i]
    }
}

fn relative_error(shape: &NetworkShape, reg: Regularization, dropout: f32, seed: u64) -> f64 {
    let mut rng = Rng::new(seed);
    let mut net = Network::new(shape, &mut rng);
    // Non-zero biases, so every path of the maths is exercised.
    for layer in &mut net.layers {
        for b in &mut layer.biases {
            *b = rng.range(-0.5, 0.5);
        }
    }
    let (x, t) = batch(shape.loss, shape.inputs, &mut rng);

    let mut ws = Workspace::new();
    let mut drop_rng = Rng::new(99);
    let d = (dropout > 0.0).then_some(Dropout {
        rate: dropout,
        rng: &mut drop_rng,
    });
    net.forward(&x, &mut ws, d);
    let mut grads = Gradients::for_network(&net);
    net.backward(&x, &t, &mut ws, &mut grads);
    reg.add_gradient(&net, &mut grads);

    let (mut diff, mut norm_a, mut norm_n) = (0.0f64, 0.0f64, 0.0f64);
    for l in 0..net.layers.len() {
        for (is_weight, count) in [
            (true, net.layers[l].weights.len()),
            (false, net.layers[l].biases.len()),
        ] {
            for i in 0..count {
                let original = *param(&mut net, l, is_weight, i);
                *param(&mut net, l, is_weight, i) = original + EPS;
                let up = objective(&net, &x, &t, reg, dropout) as f64;
                *param(&mut net, l, is_weight, i) = original - EPS;
                let down = objective(&net, &x, &t, reg, dropout) as f64;
                *param(&mut net, l, is_weight, i) = original;
                let numeric = (up - down) / (2.0 * EPS as f64);
                let analytic = if is_weight {
                    grads.weights[l][i]
                } else {
                    grads.biases[l][i]
                } as f64;
                diff += (analytic - numeric).powi(2);
                norm_a += analytic * analytic;
                norm_n += numeric * numeric;
            }
        }
    }
    diff.sqrt() / (norm_a.sqrt() + norm_n.sqrt()).max(1e-12)
}

fn check_all(reg: Regularization, dropout: f32) {
    let shapes: [&[usize]; 3] = [&[], &[5], &[4, 3, 5]];
    let mut worst = (0.0, String::new());
    for activation in Activation::ALL {
        for loss in losses() {
            for hidden in shapes {
                let shape = NetworkShape::uniform(3, hidden, activation, loss);
                let err = relative_error(&shape, reg, dropout, 11);
                let case = format!(
                    "{} {:?} {:?} {:?} dropout {dropout}",
                    activation.name(),
                    loss,
                    hidden,
                    reg.penalty
                );
                assert!(err < MAX_RELATIVE_ERROR, "{case}: relative error {err:.2e}");
                if err > worst.0 {
                    worst = (err, case);
                }
            }
        }
    }
    println!("worst relative error {:.2e} ({})", worst.0, worst.1);
}

#[test]
fn gradients_match_finite_differences_without_penalty() {
    check_all(Regularization::NONE, 0.0);
}

#[test]
fn gradients_match_finite_differences_with_l1() {
    check_all(
        Regularization {
            penalty: Penalty::L1,
            rate: 0.05,
        },
        0.0,
    );
}

#[test]
fn gradients_match_finite_differences_with_l2() {
    check_all(
        Regularization {
            penalty: Penalty::L2,
            rate: 0.05,
        },
        0.0,
    );
}

#[test]
fn gradients_match_finite_differences_through_a_fixed_dropout_mask() {
    check_all(Regularization::NONE, 0.3);
}

#[test]
fn mixed_activations_per_layer_also_check() {
    let shape = NetworkShape {
        inputs: 2,
        hidden: vec![4, 4, 4],
        activations: vec![Activation::Swish, Activation::Sigmoid, Activation::Elu],
        loss: Loss::SoftmaxCrossEntropy { classes: 3 },
    };
    let err = relative_error(&shape, Regularization::NONE, 0.0, 5);
    assert!(err < MAX_RELATIVE_ERROR, "relative error {err:.2e}");
}

#[test]
fn a_wrong_gradient_is_caught() {
    // The check itself must be able to fail: halve one layer's backward pass.
    let shape = NetworkShape::uniform(2, &[3], Activation::Tanh, Loss::BinaryCrossEntropy);
    let mut rng = Rng::new(1);
    let net = Network::new(&shape, &mut rng);
    let (x, t) = batch(shape.loss, 2, &mut rng);
    let mut ws = Workspace::new();
    net.forward(&x, &mut ws, None);
    let mut grads = Gradients::for_network(&net);
    net.backward(&x, &t, &mut ws, &mut grads);
    let numeric = {
        let mut n = net.clone();
        n.layers[0].weights[0] += EPS;
        let up = objective(&n, &x, &t, Regularization::NONE, 0.0);
        n.layers[0].weights[0] -= 2.0 * EPS;
        let down = objective(&n, &x, &t, Regularization::NONE, 0.0);
        (up - down) / (2.0 * EPS)
    };
    let analytic = grads.weights[0][0];
    assert!((analytic - numeric).abs() < 1e-3 * analytic.abs().max(1.0));
    assert!(
        (0.5 * analytic - numeric).abs() > 0.1 * analytic.abs(),
        "a halved gradient would pass"
    );
}
