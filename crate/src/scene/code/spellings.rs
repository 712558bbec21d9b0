//! Each activation, optimiser and penalty as tf.keras and PyTorch spell
//! them: the one place the programs name them, so that adding one to the
//! network core means adding its spellings here.

use super::{fill, penalty_words, py};
use crate::nn::optimizer::{ADAM_BETA1, ADAM_BETA2, EPSILON, MOMENTUM, RMSPROP_DECAY};
use crate::nn::{Activation, OptimizerKind, Penalty};
use crate::scene::Scene;

pub(super) fn keras_activation(a: Activation) -> &'static str {
    match a {
        Activation::Linear => "\"linear\"",
        Activation::Sigmoid => "\"sigmoid\"",
        Activation::Tanh => "\"tanh\"",
        Activation::Relu => "\"relu\"",
        // Keras's "leaky_relu" slopes 0.2 below zero; the page's 0.01.
        Activation::LeakyRelu => "lambda z: tf.nn.leaky_relu(z, alpha=0.01)",
        Activation::Elu => "\"elu\"",
        Activation::Swish => "\"swish\"",
    }
}

pub(super) fn torch_activation(a: Activation) -> &'static str {
    match a {
        Activation::Linear => "nn.Identity()",
        Activation::Sigmoid => "nn.Sigmoid()",
        Activation::Tanh => "nn.Tanh()",
        Activation::Relu => "nn.ReLU()",
        Activation::LeakyRelu => "nn.LeakyReLU(0.01)",
        Activation::Elu => "nn.ELU()",
        Activation::Swish => "nn.SiLU()",
    }
}

/// The page's RMSprop and Adagrad as Keras optimisers: Keras's own put ε
/// inside the square root, √(s + ε), and its Adagrad starts s at 0.1.
const PAGE_RMSPROP: &str = r#"class PageRMSprop(tf.keras.optimizers.Optimizer):
    """The page's RMSprop: s = ρ·s + (1-ρ)·g², w -= lr·g / (√s + ε). Keras's own
    RMSprop divides by √(s + ε) instead, a smaller step where gradients are small."""

    def __init__(self, learning_rate, rho=$rho, epsilon=$epsilon):
        super().__init__(learning_rate=learning_rate)
        self.rho, self.epsilon = rho, epsilon

    def build(self, variables):
        if self.built:
            return
        super().build(variables)
        self.squares = [self.add_variable_from_reference(v, "square") for v in variables]

    def update_step(self, gradient, variable, learning_rate):
        s = self.squares[self._get_variable_index(variable)]
        self.assign(s, self.rho * s + (1 - self.rho) * gradient * gradient)
        self.assign_sub(variable, learning_rate * gradient / (tf.sqrt(s) + self.epsilon))
"#;

const PAGE_ADAGRAD: &str = r#"class PageAdagrad(tf.keras.optimizers.Optimizer):
    """The page's Adagrad: s += g², w -= lr·g / (√s + ε), s from 0. Keras's own
    Adagrad divides by √(s + ε) instead and starts s at 0.1."""

    def __init__(self, learning_rate, epsilon=$epsilon):
        super().__init__(learning_rate=learning_rate)
        self.epsilon = epsilon

    def build(self, variables):
        if self.built:
            return
        super().build(variables)
        self.squares = [self.add_variable_from_reference(v, "square") for v in variables]

    def update_step(self, gradient, variable, learning_rate):
        s = self.squares[self._get_variable_index(variable)]
        self.assign_add(s, gradient * gradient)
        self.assign_sub(variable, learning_rate * gradient / (tf.sqrt(s) + self.epsilon))
"#;

/// Any class the optimiser needs, and the optimiser itself.
pub(super) fn keras_optimizer(scene: &Scene) -> (String, String) {
    let lr = py(scene.training.learning_rate);
    let constants = [("rho", py(RMSPROP_DECAY)), ("epsilon", py(EPSILON))];
    match scene.training.optimizer {
        OptimizerKind::Sgd => (
            String::new(),
            format!("tf.keras.optimizers.SGD(learning_rate={lr})"),
        ),
        OptimizerKind::Momentum => (
            String::new(),
            format!(
                "tf.keras.optimizers.SGD(learning_rate={lr}, momentum={})",
                py(MOMENTUM)
            ),
        ),
        OptimizerKind::Nesterov => (
            String::new(),
            format!(
                "tf.keras.optimizers.SGD(learning_rate={lr}, momentum={}, nesterov=True)",
                py(MOMENTUM)
            ),
        ),
        OptimizerKind::RmsProp => (
            fill(PAGE_RMSPROP, &constants) + "\n\n",
            format!("PageRMSprop(learning_rate={lr})"),
        ),
        OptimizerKind::Adagrad => (
            fill(PAGE_ADAGRAD, &constants) + "\n\n",
            format!("PageAdagrad(learning_rate={lr})"),
        ),
        OptimizerKind::Adam => (
            String::new(),
            format!(
                "tf.keras.optimizers.Adam(learning_rate={lr}, beta_1={}, beta_2={}, epsilon={})\n\
                 # (Keras adds ε to √v before the bias correction, the page after: the\n\
                 # same steps unless gradients are as small as ε.)",
                py(ADAM_BETA1),
                py(ADAM_BETA2),
                py(EPSILON)
            ),
        ),
    }
}

/// The optimiser with every constant of the page's (torch's defaults
/// differ: its ε is 1e-8 for RMSprop and Adam and 1e-10 for Adagrad).
pub(super) fn torch_optimizer(scene: &Scene) -> String {
    let lr = py(scene.training.learning_rate);
    let p = "model.parameters()";
    let eps = py(EPSILON);
    match scene.training.optimizer {
        OptimizerKind::Sgd => format!("torch.optim.SGD({p}, lr={lr})"),
        OptimizerKind::Momentum => {
            format!("torch.optim.SGD({p}, lr={lr}, momentum={})", py(MOMENTUM))
        }
        OptimizerKind::Nesterov => format!(
            "torch.optim.SGD({p}, lr={lr}, momentum={}, nesterov=True)",
            py(MOMENTUM)
        ),
        OptimizerKind::RmsProp => format!(
            "torch.optim.RMSprop({p}, lr={lr}, alpha={}, eps={eps})",
            py(RMSPROP_DECAY)
        ),
        OptimizerKind::Adagrad => format!("torch.optim.Adagrad({p}, lr={lr}, eps={eps})"),
        OptimizerKind::Adam => format!(
            "torch.optim.Adam({p}, lr={lr}, betas=({}, {}), eps={eps})",
            py(ADAM_BETA1),
            py(ADAM_BETA2)
        ),
    }
}

/// The regulariser every Dense layer takes, with its comment; None without a penalty.
pub(super) fn keras_regularizer(scene: &Scene) -> Option<String> {
    let words = penalty_words(scene)?;
    let r = scene.training.regularization;
    Some(match r.penalty {
        // Keras's l2(λ) adds λ·Σw²: λ = rate/2 is the page's.
        Penalty::L2 => format!(
            "penalty = tf.keras.regularizers.l2({})  # the page's {words}: Keras's l2(λ) is λ·Σw²\n",
            py(r.rate / 2.0)
        ),
        _ => format!("penalty = tf.keras.regularizers.l1({})  # the page's {words}\n", py(r.rate)),
    })
}

pub(super) fn torch_penalty(scene: &Scene) -> Option<String> {
    let words = penalty_words(scene)?;
    let r = scene.training.regularization;
    let sum = match r.penalty {
        Penalty::L1 => format!("{} * sum(w.abs().sum() for w in weights)", py(r.rate)),
        _ => format!("{} / 2 * sum(w.pow(2).sum() for w in weights)", py(r.rate)),
    };
    Some(format!(
        "weights = [layer.weight for layer in linear]  # the penalty leaves biases alone\n\n\n\
         def penalty():\n    return {sum}  # {words}\n"
    ))
}
