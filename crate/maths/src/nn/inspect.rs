//! Backpropagation made visible: the gradient of one weight taken apart into
//! its chain-rule factors, and the gradient's size layer by layer. (The
//! words and numbers a lesson writes about them are in `scene`.)

use super::loss::Loss;
use super::network::{Gradients, Network, Workspace};
use super::regularization::Regularization;
use super::trainer::Samples;

/// Whether `samples` can go through `network`: matching width, whole rows,
/// and targets the loss can index. Every public call here checks this
/// first, so a bad selection from the page is refused instead of panicking.
pub fn fits(network: &Network, samples: &Samples) -> bool {
    let targets_ok = match network.loss {
        Loss::SoftmaxCrossEntropy { classes } => samples
            .targets
            .iter()
            .all(|&t| t >= 0.0 && t.fract() == 0.0 && (t as usize) < classes),
        _ => samples.targets.iter().all(|t| t.is_finite()),
    };
    !samples.is_empty()
        && samples.width == network.inputs()
        && samples.inputs.len() == samples.len() * samples.width
        && targets_ok
}

/// Gradients of the mean loss over all of `samples` (one batch, no dropout),
/// plus the penalty's gradient. The network's own loss is the one used.
pub fn gradients(
    network: &Network,
    samples: &Samples,
    regularization: Regularization,
) -> Option<Gradients> {
    gradients_with(network, samples, regularization, &mut Workspace::new())
}

fn gradients_with(
    network: &Network,
    samples: &Samples,
    regularization: Regularization,
    ws: &mut Workspace,
) -> Option<Gradients> {
    if !fits(network, samples) {
        return None;
    }
    let mut grads = Gradients::for_network(network);
    network.forward(&samples.inputs, ws, None);
    network.backward(&samples.inputs, &samples.targets, ws, &mut grads);
    regularization.add_gradient(network, &mut grads);
    Some(grads)
}

/// Mean |dJ/dw| over each layer's weights, first layer first: how strongly
/// a gradient step moves each layer. Vanishing gradients show as a first
/// layer far smaller than the last.
pub fn layer_gradient_sizes(gradients: &Gradients) -> Vec<f32> {
    gradients
        .weights
        .iter()
        .map(|g| g.iter().map(|v| v.abs()).sum::<f32>() / g.len().max(1) as f32)
        .collect()
}

/// One factor of the chain rule: its symbol and its value.
#[derive(Clone, Debug, PartialEq)]
pub struct Factor {
    pub symbol: &'static str,
    pub value: f32,
}

/// One term of dJ/da = Σ_m dJ/dz_m · w_jm for a hidden unit j: how the loss
/// reaches unit j through unit m of the next layer.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Downstream {
    pub unit: usize,
    /// dJ/dz of unit m of the next layer.
    pub dj_dz: f32,
    /// The weight from unit j to unit m.
    pub weight: f32,
}

/// dJ/dw for one weight, taken apart by the chain rule.
///
/// The factors are those of one chosen sample's loss J_s: for that sample
/// their product is exactly dJ_s/dw. They are not averaged over the batch,
/// because a product of averages is not the average of the products; the
/// batch's gradient (the mean of dJ_s/dw over its samples, which a
/// gradient-descent step uses) is given beside them as `batch_gradient`.
/// Penalties are left out: this is the gradient of the data loss.
#[derive(Clone, Debug, PartialEq)]
pub struct Chain {
    /// The sample the factors belong to.
    pub sample: usize,
    /// Output layer: dJ/dz · dz/dw. Hidden layer: dJ/da · da/dz · dz/dw.
    pub factors: Vec<Factor>,
    /// For a hidden weight, the terms whose sum is dJ/da; empty for the output layer.
    pub downstream: Vec<Downstream>,
    /// dJ_s/dw for the chosen sample alone, as backpropagation computes it.
    pub sample_gradient: f32,
    /// dJ/dw of the mean loss over all the samples, as backpropagation computes it.
    pub batch_gradient: f32,
}

impl Chain {
    /// The product of the factors (equal to `sample_gradient` up to rounding).
    pub fn product(&self) -> f32 {
        self.factors.iter().map(|f| f.value).product()
    }
}

/// The chain rule for the weight joining input `input` of layer `layer` to
/// its unit `unit`, with the factors for sample `sample` (see `Chain`).
/// None when any index is out of range or the samples do not fit.
pub fn chain(
    network: &Network,
    samples: &Samples,
    layer: usize,
    input: usize,
    unit: usize,
    sample: usize,
) -> Option<Chain> {
    let this = network.layers.get(layer)?;
    if input >= this.inputs || unit >= this.units || sample >= samples.len() {
        return None;
    }
    let mut ws = Workspace::new();
    let batch = gradients_with(network, samples, Regularization::NONE, &mut ws)?;
    let one = Samples {
        inputs: samples.row(sample).to_vec(),
        targets: vec![samples.targets[sample]],
        width: samples.width,
    };
    // A batch of one: ws now holds this sample's activations, and since
    // dz/db = 1, each bias gradient is that unit's dJ/dz.
    let own = gradients_with(network, &one, Regularization::NONE, &mut ws)?;

    let a_in = match layer {
        0 => one.inputs[input],
        _ => ws.activations(layer - 1)[input],
    };
    let dz_dw = Factor {
        symbol: "dz/dw",
        value: a_in,
    };

    let last = network.layers.len() - 1;
    let (factors, downstream) = if layer == last {
        let dj_dz = Factor {
            symbol: "dJ/dz",
            value: own.biases[layer][unit],
        };
        (vec![dj_dz, dz_dw], Vec::new())
    } else {
        let next = &network.layers[layer + 1];
        let downstream: Vec<Downstream> = (0..next.units)
            .map(|m| Downstream {
                unit: m,
                dj_dz: own.biases[layer + 1][m],
                weight: next.weights[unit * next.units + m],
            })
            .collect();
        let z = ws.pre_activations(layer)[unit];
        let a = ws.activations(layer)[unit];
        let dj_da = Factor {
            symbol: "dJ/da",
            value: downstream.iter().map(|d| d.dj_dz * d.weight).sum(),
        };
        let da_dz = Factor {
            symbol: "da/dz",
            value: this.activation.derivative(z, a),
        };
        (vec![dj_da, da_dz, dz_dw], downstream)
    };
    let at = input * this.units + unit;
    Some(Chain {
        sample,
        factors,
        downstream,
        sample_gradient: own.weights[layer][at],
        batch_gradient: batch.weights[layer][at],
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::nn::{Activation, NetworkShape, Penalty, Trainer};
    use crate::rng::Rng;

    /// Points in [-1, 1]², labelled by a circle (or by its quadrant for
    /// `classes` > 2, or by a smooth value for regression).
    fn samples(n: usize, loss: Loss, seed: u64) -> Samples {
        let mut rng = Rng::new(seed);
        let mut s = Samples {
            width: 2,
            ..Samples::default()
        };
        for _ in 0..n {
            let (x1, x2) = (rng.range(-1.0, 1.0), rng.range(-1.0, 1.0));
            s.inputs.extend([x1, x2]);
            s.targets.push(match loss {
                Loss::BinaryCrossEntropy => (x1 * x1 + x2 * x2 < 0.5) as u8 as f32,
                Loss::SoftmaxCrossEntropy { .. } => {
                    ((x1 > 0.0) as u8 + 2 * (x2 > 0.0) as u8) as f32
                }
                Loss::MeanSquaredError => x1 * x2 + 0.5 * x1,
            });
        }
        s
    }

    fn network(hidden: &[usize], activation: Activation, loss: Loss, seed: u64) -> Network {
        let shape = NetworkShape::uniform(2, hidden, activation, loss);
        let mut net = Network::new(&shape, &mut Rng::new(seed));
        // Non-zero biases, so that every path through the network is exercised.
        let mut rng = Rng::new(seed + 1);
        for layer in &mut net.layers {
            layer
                .biases
                .iter_mut()
                .for_each(|b| *b = rng.range(-0.3, 0.3));
        }
        net
    }

    /// Mean loss plus penalty, in f64 by nudging one weight either way.
    fn finite_difference(
        network: &Network,
        samples: &Samples,
        regularization: Regularization,
        (layer, at): (usize, usize),
    ) -> f64 {
        let h = 1e-3;
        let mut ws = Workspace::new();
        let mut j = |delta: f32| {
            let mut nudged = network.clone();
            nudged.layers[layer].weights[at] += delta;
            let (loss, _) = Trainer::evaluate(&nudged, samples, &mut ws);
            loss as f64 + regularization.value(&nudged) as f64
        };
        (j(h) - j(-h)) / (2.0 * h as f64)
    }

    #[test]
    fn factors_multiply_to_the_sample_gradient_and_batch_gradient_is_backprops() {
        let losses = [
            Loss::BinaryCrossEntropy,
            Loss::SoftmaxCrossEntropy { classes: 4 },
            Loss::MeanSquaredError,
        ];
        for activation in Activation::ALL {
            for (seed, loss) in losses.into_iter().enumerate() {
                let net = network(&[3, 4], activation, loss, seed as u64 + 10);
                let data = samples(20, loss, seed as u64);
                let grads = gradients(&net, &data, Regularization::NONE).unwrap();
                for (layer, l) in net.layers.iter().enumerate() {
                    let (input, unit) = (l.inputs - 1, l.units / 2);
                    let sample = 7;
                    let c = chain(&net, &data, layer, input, unit, sample).unwrap();
                    let at = input * l.units + unit;
                    let what = format!("{} {loss:?} layer {layer}", activation.name());
                    assert_eq!(c.factors.len(), if layer == 2 { 2 } else { 3 }, "{what}");
                    let tolerance = 1e-6 + 1e-4 * c.sample_gradient.abs();
                    assert!(
                        (c.product() - c.sample_gradient).abs() <= tolerance,
                        "{what}: {} vs {}",
                        c.product(),
                        c.sample_gradient
                    );
                    // The one-sample gradient, measured by finite differences too.
                    let one = Samples {
                        inputs: data.row(sample).to_vec(),
                        targets: vec![data.targets[sample]],
                        width: 2,
                    };
                    let fd = finite_difference(&net, &one, Regularization::NONE, (layer, at));
                    assert!((fd - c.product() as f64).abs() < 2e-3, "{what}: fd {fd}");

                    assert_eq!(c.batch_gradient, grads.weights[layer][at], "{what}");
                    let fd = finite_difference(&net, &data, Regularization::NONE, (layer, at));
                    assert!(
                        (fd - c.batch_gradient as f64).abs() < 2e-3,
                        "{what}: {} vs fd {fd}",
                        c.batch_gradient
                    );
                }
            }
        }
    }

    #[test]
    fn hidden_weight_factor_sums_the_downstream_terms() {
        let net = network(&[3, 4], Activation::Tanh, Loss::BinaryCrossEntropy, 3);
        let data = samples(10, Loss::BinaryCrossEntropy, 3);
        let c = chain(&net, &data, 0, 1, 2, 4).unwrap();
        assert_eq!(c.downstream.len(), 4);
        let sum: f32 = c.downstream.iter().map(|d| d.dj_dz * d.weight).sum();
        assert_eq!(c.factors[0].symbol, "dJ/da");
        assert_eq!(c.factors[0].value, sum);
        assert_eq!(c.factors[2].value, data.row(4)[1], "dz/dw is the input x2");
        // The output layer's dJ/dz is y − t for sigmoid and cross-entropy.
        let out = chain(&net, &data, 2, 0, 0, 4).unwrap();
        let mut ws = Workspace::new();
        let y = net.forward(data.row(4), &mut ws, None)[0];
        assert!((out.factors[0].value - (y - data.targets[4])).abs() < 1e-6);
    }

    #[test]
    fn gradients_include_the_penalty() {
        let net = network(&[4], Activation::Relu, Loss::BinaryCrossEntropy, 5);
        let data = samples(30, Loss::BinaryCrossEntropy, 5);
        let l2 = Regularization {
            penalty: Penalty::L2,
            rate: 0.1,
        };
        let plain = gradients(&net, &data, Regularization::NONE).unwrap();
        let with = gradients(&net, &data, l2).unwrap();
        let w = net.layers[0].weights[1];
        assert!((with.weights[0][1] - plain.weights[0][1] - 0.1 * w).abs() < 1e-6);
        let fd = finite_difference(&net, &data, l2, (0, 1));
        assert!((fd - with.weights[0][1] as f64).abs() < 2e-3);
    }

    #[test]
    fn bad_selections_are_refused() {
        let net = network(&[3], Activation::Tanh, Loss::BinaryCrossEntropy, 1);
        let data = samples(5, Loss::BinaryCrossEntropy, 1);
        assert!(chain(&net, &data, 2, 0, 0, 0).is_none(), "no layer 2");
        assert!(
            chain(&net, &data, 0, 2, 0, 0).is_none(),
            "layer 0 has 2 inputs"
        );
        assert!(
            chain(&net, &data, 0, 0, 3, 0).is_none(),
            "layer 0 has 3 units"
        );
        assert!(chain(&net, &data, 0, 0, 0, 5).is_none(), "5 samples");
        assert!(gradients(&net, &Samples::default(), Regularization::NONE).is_none());
        let mut wide = data.clone();
        wide.width = 1;
        assert!(gradients(&net, &wide, Regularization::NONE).is_none());
        let softmax = network(
            &[3],
            Activation::Tanh,
            Loss::SoftmaxCrossEntropy { classes: 3 },
            1,
        );
        let mut bad_class = samples(5, Loss::SoftmaxCrossEntropy { classes: 4 }, 1);
        bad_class.targets[0] = 3.0;
        assert!(gradients(&softmax, &bad_class, Regularization::NONE).is_none());
    }

    /// Ratio of the first layer's mean |dJ/dw| to the last's, for a
    /// 6 × 8 network of `activation` at its default initialisation.
    fn first_to_last(activation: Activation) -> f32 {
        let mut ratios = Vec::new();
        for seed in 0..5 {
            let net = network(&[8; 6], activation, Loss::BinaryCrossEntropy, seed);
            let data = samples(100, Loss::BinaryCrossEntropy, seed);
            let sizes =
                layer_gradient_sizes(&gradients(&net, &data, Regularization::NONE).unwrap());
            assert_eq!(sizes.len(), 7);
            ratios.push(sizes[0] / sizes[6]);
        }
        // The median of five initialisations, so one lucky draw does not decide.
        ratios.sort_by(f32::total_cmp);
        ratios[2]
    }

    #[test]
    fn deep_sigmoid_networks_show_vanishing_gradients() {
        let sigmoid = first_to_last(Activation::Sigmoid);
        let tanh = first_to_last(Activation::Tanh);
        let relu = first_to_last(Activation::Relu);
        eprintln!("first/last layer gradient: sigmoid {sigmoid:e}, tanh {tanh:e}, relu {relu:e}");
        // Measured (median of 5 seeds): sigmoid 2.6e-5, tanh 0.093, relu 0.31.
        // σ' is at most 1/4, and with Glorot weights the backward signal
        // shrinks by about 0.17 at each of the six sigmoid layers (0.17⁶ ≈ 2.6e-5);
        // tanh' is 1 at 0 and He-initialised ReLU keeps the signal's size.
        assert!(sigmoid < 1e-3, "sigmoid {sigmoid}");
        assert!(tanh > 1e-2 && tanh > 100.0 * sigmoid, "tanh {tanh}");
        assert!(relu > 1e-2 && relu > 100.0 * sigmoid, "relu {relu}");
    }

    #[test]
    fn layer_sizes_are_mean_magnitudes() {
        let g = Gradients {
            weights: vec![vec![1.0, -3.0], vec![-0.5]],
            biases: vec![vec![9.0], vec![9.0]],
        };
        assert_eq!(layer_gradient_sizes(&g), vec![2.0, 0.5]);
    }
}
