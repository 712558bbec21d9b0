//! Gradient-descent optimisers. Each keeps per-parameter state in buffers
//! shaped like the network's parameters, created and cleared with it.

use super::network::{Gradients, Network};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OptimizerKind {
    /// w -= η·g
    Sgd,
    /// v = μ·v + g;  w -= η·v
    Momentum,
    /// v = μ·v + g;  w -= η·(g + μ·v)
    Nesterov,
    /// s = ρ·s + (1-ρ)·g²;  w -= η·g / (√s + ε)
    RmsProp,
    /// s += g²;  w -= η·g / (√s + ε)
    Adagrad,
    /// m, v: moving averages of g and g², bias-corrected.
    Adam,
}

pub const MOMENTUM: f32 = 0.9;
pub const RMSPROP_DECAY: f32 = 0.9;
pub const ADAM_BETA1: f32 = 0.9;
pub const ADAM_BETA2: f32 = 0.999;
pub const EPSILON: f32 = 1e-7;

impl OptimizerKind {
    pub const ALL: [OptimizerKind; 6] = [
        OptimizerKind::Sgd,
        OptimizerKind::Momentum,
        OptimizerKind::Nesterov,
        OptimizerKind::RmsProp,
        OptimizerKind::Adagrad,
        OptimizerKind::Adam,
    ];

    /// As the page shows it.
    pub fn title(self) -> &'static str {
        match self {
            OptimizerKind::Sgd => "SGD",
            OptimizerKind::Momentum => "Momentum",
            OptimizerKind::Nesterov => "Nesterov",
            OptimizerKind::RmsProp => "RMSProp",
            OptimizerKind::Adagrad => "Adagrad",
            OptimizerKind::Adam => "Adam",
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            OptimizerKind::Sgd => "sgd",
            OptimizerKind::Momentum => "momentum",
            OptimizerKind::Nesterov => "nesterov",
            OptimizerKind::RmsProp => "rmsprop",
            OptimizerKind::Adagrad => "adagrad",
            OptimizerKind::Adam => "adam",
        }
    }

    pub fn from_name(name: &str) -> Option<OptimizerKind> {
        OptimizerKind::ALL.into_iter().find(|o| o.name() == name)
    }
}

#[derive(Clone)]
pub struct Optimizer {
    pub kind: OptimizerKind,
    /// First moment / velocity / accumulated squares, one buffer per parameter tensor.
    first: Vec<Vec<f32>>,
    /// Second moment (Adam only).
    second: Vec<Vec<f32>>,
    steps: u32,
}

impl Optimizer {
    pub fn new(kind: OptimizerKind, network: &Network) -> Optimizer {
        let zeros = || {
            network
                .layers
                .iter()
                .flat_map(|l| [vec![0.0; l.weights.len()], vec![0.0; l.biases.len()]])
                .collect()
        };
        Optimizer {
            kind,
            first: zeros(),
            second: zeros(),
            steps: 0,
        }
    }

    /// Forgets all accumulated state, as for a fresh network.
    pub fn reset(&mut self) {
        for s in self.first.iter_mut().chain(self.second.iter_mut()) {
            s.fill(0.0);
        }
        self.steps = 0;
    }

    /// State tensors per parameter tensor this kind reads: none for SGD,
    /// two for Adam, one for the rest.
    fn moments(&self) -> usize {
        match self.kind {
            OptimizerKind::Sgd => 0,
            OptimizerKind::Adam => 2,
            _ => 1,
        }
    }

    /// How many values `save_state` writes.
    pub fn state_len(&self) -> usize {
        let per_moment: usize = self.first.iter().map(Vec::len).sum();
        per_moment * self.moments()
    }

    /// Appends the state this kind reads (a copy, for a checkpoint); returns
    /// its step count.
    pub fn save_state(&self, out: &mut Vec<f32>) -> u32 {
        for buffers in [&self.first, &self.second].into_iter().take(self.moments()) {
            for b in buffers {
                out.extend_from_slice(b);
            }
        }
        self.steps
    }

    /// Takes back what `save_state` wrote (same kind, same network shape);
    /// returns how many values it read.
    pub fn load_state(&mut self, from: &[f32], steps: u32) -> usize {
        let mut read = 0;
        let moments = self.moments();
        for buffers in [&mut self.first, &mut self.second]
            .into_iter()
            .take(moments)
        {
            for b in buffers.iter_mut() {
                let n = b.len();
                b.copy_from_slice(&from[read..read + n]);
                read += n;
            }
        }
        self.steps = steps;
        read
    }

    /// The state of layer `layer`'s weights (`biases` false) or biases: the
    /// first buffer (velocity, running square or Adam's m) and the second
    /// (Adam's v). Zeros where the kind keeps none.
    pub fn state(&self, layer: usize, biases: bool) -> (&[f32], &[f32]) {
        let i = 2 * layer + usize::from(biases);
        (&self.first[i], &self.second[i])
    }

    /// How many updates the optimiser has taken (Adam's t).
    pub fn steps(&self) -> u32 {
        self.steps
    }

    /// One update of every parameter with learning rate `lr`.
    pub fn update(&mut self, network: &mut Network, grads: &Gradients, lr: f32) {
        self.steps += 1;
        let (first, second) = (&mut self.first, &mut self.second);
        // The rule is chosen once, outside the loops: a small network's
        // tensors are a few floats each, so a choice per tensor cost more
        // than the arithmetic.
        match self.kind {
            OptimizerKind::Sgd => each_parameter(network, grads, first, second, |p, g, _, _| {
                *p -= lr * g;
            }),
            OptimizerKind::Momentum => {
                each_parameter(network, grads, first, second, |p, g, m, _| {
                    *m = MOMENTUM * *m + g;
                    *p -= lr * *m;
                })
            }
            OptimizerKind::Nesterov => {
                each_parameter(network, grads, first, second, |p, g, m, _| {
                    *m = MOMENTUM * *m + g;
                    *p -= lr * (g + MOMENTUM * *m);
                })
            }
            OptimizerKind::RmsProp => {
                each_parameter(network, grads, first, second, |p, g, s, _| {
                    *s = RMSPROP_DECAY * *s + (1.0 - RMSPROP_DECAY) * g * g;
                    *p -= lr * g / (s.sqrt() + EPSILON);
                })
            }
            OptimizerKind::Adagrad => {
                each_parameter(network, grads, first, second, |p, g, s, _| {
                    *s += g * g;
                    *p -= lr * g / (s.sqrt() + EPSILON);
                })
            }
            OptimizerKind::Adam => {
                let (correction1, correction2) = adam_corrections(self.steps);
                each_parameter(network, grads, first, second, |p, g, m, v| {
                    *m = ADAM_BETA1 * *m + (1.0 - ADAM_BETA1) * g;
                    *v = ADAM_BETA2 * *v + (1.0 - ADAM_BETA2) * g * g;
                    let m_hat = *m / correction1;
                    let v_hat = *v / correction2;
                    *p -= lr * m_hat / (v_hat.sqrt() + EPSILON);
                })
            }
        }
    }
}

/// Applies `rule(parameter, gradient, first state, second state)` to every
/// weight and bias, tensor by tensor.
#[inline(always)]
fn each_parameter(
    network: &mut Network,
    grads: &Gradients,
    first: &mut [Vec<f32>],
    second: &mut [Vec<f32>],
    rule: impl Fn(&mut f32, f32, &mut f32, &mut f32),
) {
    let states = first.chunks_exact_mut(2).zip(second.chunks_exact_mut(2));
    for (i, (layer, (m, v))) in network.layers.iter_mut().zip(states).enumerate() {
        let ([m_weights, m_biases], [v_weights, v_biases]) = (m, v) else {
            unreachable!("two state tensors per layer")
        };
        let tensors = [
            (&mut layer.weights, &grads.weights[i], m_weights, v_weights),
            (&mut layer.biases, &grads.biases[i], m_biases, v_biases),
        ];
        for (p, g, m, v) in tensors {
            for (((p, &g), m), v) in p.iter_mut().zip(g).zip(m.iter_mut()).zip(v.iter_mut()) {
                rule(p, g, m, v);
            }
        }
    }
}

/// Adam's bias corrections 1 - β^t. Kept out of line: inlined, LLVM hoisted
/// the two `powi` calls above the match and paid for them in every optimiser.
#[inline(never)]
fn adam_corrections(t: u32) -> (f32, f32) {
    (
        1.0 - ADAM_BETA1.powi(t as i32),
        1.0 - ADAM_BETA2.powi(t as i32),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Parameter after each of `steps` updates from 0 with a constant gradient `g`.
    fn path(kind: OptimizerKind, g: f32, steps: u32) -> Vec<f32> {
        let mut net = one_weight();
        net.layers[0].weights[0] = 0.0;
        let mut grads = crate::nn::Gradients::for_network(&net);
        grads.weights[0][0] = g;
        let mut opt = Optimizer::new(kind, &net);
        (1..=steps)
            .map(|_| {
                opt.update(&mut net, &grads, 0.1);
                net.layers[0].weights[0]
            })
            .collect()
    }

    /// A network of one weight and one bias.
    fn one_weight() -> Network {
        let shape = crate::nn::NetworkShape::uniform(
            1,
            &[],
            crate::nn::Activation::Linear,
            crate::nn::Loss::MeanSquaredError,
        );
        Network::new(&shape, &mut crate::rng::Rng::new(1))
    }

    fn close(a: &[f32], b: &[f32]) -> bool {
        a.iter()
            .zip(b)
            .all(|(x, y)| (x - y).abs() < 1e-5 + 1e-4 * y.abs())
    }

    #[test]
    fn sgd_steps_by_the_learning_rate_times_the_gradient() {
        assert!(close(
            &path(OptimizerKind::Sgd, 2.0, 3),
            &[-0.2, -0.4, -0.6]
        ));
    }

    #[test]
    fn momentum_builds_up_speed_and_nesterov_looks_ahead() {
        // Velocity 1, 1.9, 2.71 under a constant gradient of 1.
        assert!(close(
            &path(OptimizerKind::Momentum, 1.0, 3),
            &[-0.1, -0.29, -0.561]
        ));
        // Nesterov steps by g + μ·v: 1.9, then 1 + 0.9·1.9 = 2.71.
        assert!(close(
            &path(OptimizerKind::Nesterov, 1.0, 2),
            &[-0.19, -0.461]
        ));
    }

    #[test]
    fn rmsprop_and_adam_take_steps_whatever_the_gradients_scale() {
        for kind in [OptimizerKind::RmsProp, OptimizerKind::Adam] {
            let small = path(kind, 1e-2, 5);
            let large = path(kind, 1e2, 5);
            assert!(
                close(&small, &large),
                "{}: {small:?} vs {large:?}",
                kind.name()
            );
        }
        // Adam's first step is the learning rate itself.
        assert!(close(&path(OptimizerKind::Adam, 1e-3, 1), &[-0.1]));
    }

    #[test]
    fn adagrad_steps_shrink_as_squares_accumulate() {
        let p = path(OptimizerKind::Adagrad, 1.0, 4);
        let steps: Vec<f32> = std::iter::once(p[0])
            .chain(p.windows(2).map(|w| w[1] - w[0]))
            .collect();
        // Step t is 0.1 / √t.
        let expected: Vec<f32> = (1..=4).map(|t| -0.1 / (t as f32).sqrt()).collect();
        assert!(close(&steps, &expected), "{steps:?}");
    }

    #[test]
    fn reset_forgets_the_velocity() {
        let mut net = one_weight();
        let mut grads = crate::nn::Gradients::for_network(&net);
        grads.weights[0][0] = 1.0;
        let mut opt = Optimizer::new(OptimizerKind::Momentum, &net);
        let w0 = net.layers[0].weights[0];
        opt.update(&mut net, &grads, 0.1);
        opt.update(&mut net, &grads, 0.1);
        opt.reset();
        let before = net.layers[0].weights[0];
        opt.update(&mut net, &grads, 0.1);
        assert!((before - net.layers[0].weights[0] - 0.1).abs() < 1e-6);
        assert!((w0 - before - 0.29).abs() < 1e-6);
    }
}
