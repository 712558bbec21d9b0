//! A dense network: layers of units, forward and backward over a batch.

use super::activation::Activation;
use super::loss::Loss;
use super::matrix::{affine, backpropagate, weight_gradients};
use crate::rng::Rng;

/// The shape of a network: what it is made of, before any weights exist.
#[derive(Clone, Debug, PartialEq)]
pub struct NetworkShape {
    pub inputs: usize,
    /// Units in each hidden layer (0 to 8 layers).
    pub hidden: Vec<usize>,
    /// One activation per hidden layer.
    pub activations: Vec<Activation>,
    pub loss: Loss,
}

impl NetworkShape {
    /// The same activation in every hidden layer.
    pub fn uniform(inputs: usize, hidden: &[usize], activation: Activation, loss: Loss) -> Self {
        NetworkShape {
            inputs,
            hidden: hidden.to_vec(),
            activations: vec![activation; hidden.len()],
            loss,
        }
    }
}

/// One dense layer. `weights[k * units + j]` joins input `k` to unit `j`.
#[derive(Clone, Debug, PartialEq)]
pub struct Layer {
    pub inputs: usize,
    pub units: usize,
    pub weights: Vec<f32>,
    pub biases: Vec<f32>,
    /// Hidden layers apply this; the output layer is `Linear` and the loss
    /// applies its own output function (sigmoid, softmax or identity).
    pub activation: Activation,
}

impl Layer {
    /// Glorot-uniform weights, or He-normal for ReLU-like units; zero biases.
    fn new(inputs: usize, units: usize, activation: Activation, rng: &mut Rng) -> Layer {
        let weights = if activation.prefers_he_init() {
            let std = (2.0 / inputs as f32).sqrt();
            (0..inputs * units).map(|_| std * rng.normal()).collect()
        } else {
            let limit = (6.0 / (inputs + units) as f32).sqrt();
            (0..inputs * units)
                .map(|_| rng.range(-limit, limit))
                .collect()
        };
        Layer {
            inputs,
            units,
            weights,
            biases: vec![0.0; units],
            activation,
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Network {
    pub layers: Vec<Layer>,
    pub loss: Loss,
}

/// Inverted dropout on hidden layers: each unit is zeroed with probability
/// `rate` and the survivors scaled by 1 / (1 - rate), in training only.
pub struct Dropout<'r> {
    pub rate: f32,
    pub rng: &'r mut Rng,
}

/// Buffers for one batch's forward and backward pass, reused across steps
/// so that training allocates nothing once warmed up.
#[derive(Default)]
pub struct Workspace {
    rows: usize,
    /// Pre-activations per layer, `rows × units`.
    z: Vec<Vec<f32>>,
    /// Activations per layer (the output layer's are the network's outputs).
    a: Vec<Vec<f32>>,
    /// Dropout masks per hidden layer (0 or 1/(1-rate)), and the masked activations.
    mask: Vec<Vec<f32>>,
    kept: Vec<Vec<f32>>,
    dropout_on: bool,
    delta: Vec<f32>,
    delta_in: Vec<f32>,
    /// Per-row losses of the last batch.
    losses: Vec<f32>,
}

/// Gradients of the loss, shaped like the network's parameters.
#[derive(Clone, Debug, Default)]
pub struct Gradients {
    pub weights: Vec<Vec<f32>>,
    pub biases: Vec<Vec<f32>>,
}

impl Gradients {
    pub fn for_network(network: &Network) -> Gradients {
        Gradients {
            weights: network
                .layers
                .iter()
                .map(|l| vec![0.0; l.weights.len()])
                .collect(),
            biases: network
                .layers
                .iter()
                .map(|l| vec![0.0; l.biases.len()])
                .collect(),
        }
    }
}

impl Network {
    pub fn new(shape: &NetworkShape, rng: &mut Rng) -> Network {
        let mut layers = Vec::with_capacity(shape.hidden.len() + 1);
        let mut inputs = shape.inputs;
        for (&units, &activation) in shape.hidden.iter().zip(&shape.activations) {
            layers.push(Layer::new(inputs, units, activation, rng));
            inputs = units;
        }
        layers.push(Layer::new(
            inputs,
            shape.loss.output_units(),
            Activation::Linear,
            rng,
        ));
        Network {
            layers,
            loss: shape.loss,
        }
    }

    pub fn inputs(&self) -> usize {
        self.layers[0].inputs
    }

    /// Copies `other`'s weights into this network of the same shape, without allocating.
    pub fn copy_weights_from(&mut self, other: &Network) {
        for (mine, theirs) in self.layers.iter_mut().zip(&other.layers) {
            mine.weights.copy_from_slice(&theirs.weights);
            mine.biases.copy_from_slice(&theirs.biases);
        }
    }

    pub fn outputs(&self) -> usize {
        self.layers[self.layers.len() - 1].units
    }

    pub fn parameter_count(&self) -> usize {
        self.layers
            .iter()
            .map(|l| l.weights.len() + l.biases.len())
            .sum()
    }

    /// Runs a batch (`rows × inputs`, row-major) forward and returns the
    /// outputs (`rows × outputs`). With `dropout`, hidden units are dropped.
    pub fn forward<'w>(
        &self,
        input: &[f32],
        ws: &'w mut Workspace,
        dropout: Option<Dropout>,
    ) -> &'w [f32] {
        let rows = input.len() / self.inputs();
        let last = self.layers.len() - 1;
        let rate = dropout.as_ref().map_or(0.0, |d| d.rate);
        ws.dropout_on = rate > 0.0;
        ws.prepare(self, rows);
        let mut rng = dropout.map(|d| d.rng);
        for (i, layer) in self.layers.iter().enumerate() {
            let (a_before, a_rest) = ws.a.split_at_mut(i);
            let x = match i {
                0 => input,
                _ if ws.dropout_on => &ws.kept[i - 1][..],
                _ => &a_before[i - 1][..],
            };
            let z = &mut ws.z[i];
            affine(x, &layer.weights, &layer.biases, z, layer.inputs);
            let a = &mut a_rest[0];
            if i == last {
                self.loss.outputs(z, a);
            } else {
                layer.activation.apply_all(z, a);
                if ws.dropout_on {
                    let rng = rng.as_deref_mut().expect("dropout has a generator");
                    let keep_scale = 1.0 / (1.0 - rate);
                    for ((m, k), &ai) in ws.mask[i]
                        .iter_mut()
                        .zip(ws.kept[i].iter_mut())
                        .zip(a.iter())
                    {
                        *m = if rng.uniform() < rate {
                            0.0
                        } else {
                            keep_scale
                        };
                        *k = ai * *m;
                    }
                }
            }
        }
        &ws.a[last]
    }

    /// Backpropagation after `forward` on the same batch: writes the gradient
    /// of the mean loss into `grads` (`mean_loss` gives the loss itself).
    pub fn backward(
        &self,
        input: &[f32],
        targets: &[f32],
        ws: &mut Workspace,
        grads: &mut Gradients,
    ) {
        let rows = ws.rows;
        let last = self.layers.len() - 1;
        let outputs = self.outputs();
        let scale = 1.0 / rows as f32;

        ws.delta.resize(rows * outputs, 0.0);
        self.loss
            .gradients(&ws.a[last], targets, scale, &mut ws.delta);

        for i in (0..=last).rev() {
            let layer = &self.layers[i];
            let x = match i {
                0 => input,
                _ if ws.dropout_on => &ws.kept[i - 1][..],
                _ => &ws.a[i - 1][..],
            };
            weight_gradients(
                x,
                &ws.delta,
                &mut grads.weights[i],
                &mut grads.biases[i],
                layer.inputs,
            );
            if i == 0 {
                break;
            }
            ws.delta_in.resize(rows * layer.inputs, 0.0);
            backpropagate(&ws.delta, &layer.weights, &mut ws.delta_in, layer.inputs);
            // Through the previous layer's dropout mask and activation.
            let below = &self.layers[i - 1];
            below
                .activation
                .scale_by_derivative(&ws.z[i - 1], &ws.a[i - 1], &mut ws.delta_in);
            if ws.dropout_on {
                for (d, &m) in ws.delta_in.iter_mut().zip(&ws.mask[i - 1]) {
                    *d *= m;
                }
            }
            std::mem::swap(&mut ws.delta, &mut ws.delta_in);
        }
    }
}

impl Network {
    /// The mean loss of the last batch run `forward`, given its targets.
    pub fn mean_loss(&self, targets: &[f32], ws: &mut Workspace) -> f32 {
        let rows = ws.rows as f32;
        self.losses(targets, ws).iter().sum::<f32>() / rows
    }

    /// The loss of each row of the last batch run `forward`, given its
    /// targets: from the output layer's pre-activations (the logits).
    pub fn losses<'w>(&self, targets: &[f32], ws: &'w mut Workspace) -> &'w [f32] {
        ws.losses.resize(ws.rows, 0.0);
        let z = &ws.z[self.layers.len() - 1];
        self.loss.values(z, targets, &mut ws.losses);
        &ws.losses
    }
}

impl Workspace {
    pub fn new() -> Workspace {
        Workspace::default()
    }

    /// Sizes the buffers for `rows` rows; the dropout ones only when `dropout_on`.
    fn prepare(&mut self, network: &Network, rows: usize) {
        let layers = network.layers.len();
        let all = [&mut self.z, &mut self.a, &mut self.mask, &mut self.kept];
        let needed = if self.dropout_on { 4 } else { 2 };
        for buffers in all.into_iter().take(needed) {
            buffers.resize_with(layers, Vec::new);
            for (buffer, layer) in buffers.iter_mut().zip(&network.layers) {
                buffer.resize(rows * layer.units, 0.0);
            }
        }
        self.rows = rows;
    }

    /// Rows in the last batch.
    pub fn rows(&self) -> usize {
        self.rows
    }

    /// The last batch's activations of layer `layer` (`rows × units`),
    /// before dropout; for the output layer, the network's outputs.
    pub fn activations(&self, layer: usize) -> &[f32] {
        &self.a[layer]
    }

    /// The last batch's pre-activations of layer `layer`.
    pub fn pre_activations(&self, layer: usize) -> &[f32] {
        &self.z[layer]
    }

    /// The last batch's dropout mask of hidden layer `layer` (0 = dropped),
    /// or None when the last pass had no dropout.
    pub fn dropout_mask(&self, layer: usize) -> Option<&[f32]> {
        self.dropout_on.then(|| &self.mask[layer][..])
    }
}
