//! The tf.keras program: the page's network, initialisation scheme,
//! penalty (on every layer, the output's too), optimiser formula and early
//! stopping, with Keras's own random numbers.

use super::{data_loading, epochs, fill, penalty_words, print_epoch, py};
use crate::data::Task;
use crate::nn::optimizer::{ADAM_BETA1, ADAM_BETA2, EPSILON, MOMENTUM, RMSPROP_DECAY};
use crate::nn::{Activation, OptimizerKind, Penalty};
use crate::scene::Scene;

fn activation(a: Activation) -> &'static str {
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
fn optimizer(scene: &Scene) -> (String, String) {
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

/// The regulariser every Dense layer takes, with its comment; None without a penalty.
fn regularizer(scene: &Scene) -> Option<String> {
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

fn layers(scene: &Scene, penalised: bool) -> String {
    let reg = if penalised {
        ", kernel_regularizer=penalty"
    } else {
        ""
    };
    let mut lines = vec![format!(
        "    tf.keras.Input(shape=({},)),",
        scene.features.count()
    )];
    for (l, &units) in scene.hidden.iter().enumerate() {
        let a = scene.layer_activation(l);
        let init = if a.prefers_he_init() {
            ", kernel_initializer=\"he_normal\""
        } else {
            ""
        };
        lines.push(format!(
            "    tf.keras.layers.Dense({units}, activation={}{init}{reg}),",
            activation(a)
        ));
        if scene.training.dropout > 0.0 {
            lines.push(format!(
                "    tf.keras.layers.Dropout({}),",
                py(scene.training.dropout)
            ));
        }
    }
    let (units, comment) = match scene.task {
        Task::Regression => (1, ""),
        Task::Classification { classes: 2 } => (1, "  # a logit: the loss applies the sigmoid"),
        Task::Classification { classes } => (classes, "  # logits: the loss applies the softmax"),
    };
    lines.push(format!("    tf.keras.layers.Dense({units}{reg}),{comment}"));
    lines.join("\n")
}

/// The loss and the accuracy of logits `z` against targets `y`.
fn loss_parts(task: Task) -> (&'static str, Option<&'static str>) {
    match task {
        Task::Regression => ("tf.keras.losses.MeanSquaredError()", None),
        Task::Classification { classes: 2 } => (
            "tf.keras.losses.BinaryCrossentropy(from_logits=True)  # sigmoid + binary cross-entropy",
            Some("np.mean((tf.sigmoid(z)[:, 0].numpy() >= 0.5) == (y >= 0.5))"),
        ),
        Task::Classification { .. } => (
            "tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True)  # softmax + cross-entropy",
            Some("np.mean(np.argmax(z, axis=1) == y)"),
        ),
    }
}

/// A tf.keras program for this scene.
pub fn keras(scene: &Scene) -> String {
    let (loss, accuracy) = loss_parts(scene.task);
    let evaluate = match accuracy {
        Some(accuracy) => format!("    return float(loss_fn(y, z)), float({accuracy})\n"),
        None => "    return float(loss_fn(y, z)), None\n".to_string(),
    };
    let regularizer = regularizer(scene);
    let (optimizer_class, optimizer) = optimizer(scene);
    let patience = scene
        .training
        .early_stopping
        .map_or("None".to_string(), |p| p.to_string());
    fill(
        r#"# Descent: this playground as a tf.keras program. It draws its own initial
# weights (in the page's scheme), batches and dropout, so its curve is one
# of the page's possible runs; "PyTorch, this run" gives the page's own.
import numpy as np
import tensorflow as tf

$data
tf.keras.utils.set_random_seed($seed)
$regularizer# Initial weights as the page's: Glorot-uniform (Keras's default), He-normal
# before ReLU-like units (Keras's he_normal is cut at two standard deviations,
# the page's is not), zero biases.
model = tf.keras.Sequential([
$layers
])
loss_fn = $loss


$optimizer_classoptimizer = $optimizer


def evaluate(x, y):
    """Mean loss (and accuracy) without dropout and without the penalty."""
    z = model(x, training=False)
$evaluate

class PageNumbers(tf.keras.callbacks.Callback):
    """Prints the page's numbers after every epoch (Keras's own logs are running
    means over the epoch's batches, with dropout and the penalty), and stops
    early as the page does: the untrained weights (epoch 0) are a candidate
    too; `patience` epochs after the best, go back to it and stop."""

    def __init__(self, patience):
        super().__init__()
        self.patience = patience

    def on_train_begin(self, logs=None):
        self.best_loss, self.best_epoch = self.report(0), 0
        self.best_weights = self.model.get_weights()

    def on_epoch_end(self, epoch, logs=None):
        epoch += 1  # Keras counts from 0, the page from 1
        loss = self.report(epoch)
        if loss < self.best_loss:
            self.best_loss, self.best_epoch = loss, epoch
            self.best_weights = self.model.get_weights()
        elif self.patience and epoch >= self.best_epoch + self.patience:
            self.model.set_weights(self.best_weights)
            self.model.stop_training = True
            print(f"early stopping: back to epoch {self.best_epoch}")

    def report(self, epoch):
        """Returns the loss early stopping watches (the test loss, or without
        test points the training loss)."""
        train_loss, train_accuracy = evaluate(x_train, y_train)
        nan = (float("nan"), float("nan"))
        test_loss, test_accuracy = evaluate(x_test, y_test) if len(x_test) else nan
$print
        return test_loss if len(x_test) else train_loss


model.compile(optimizer=optimizer, loss=loss_fn)
model.fit(x_train, y_train, batch_size=$batch, epochs=$epochs, shuffle=True, verbose=0,
          callbacks=[PageNumbers(patience=$patience)])
"#,
        &[
            ("data", data_loading(scene)),
            ("seed", scene.seed.to_string()),
            ("regularizer", regularizer.clone().unwrap_or_default()),
            ("layers", layers(scene, regularizer.is_some())),
            ("loss", loss.to_string()),
            ("optimizer_class", optimizer_class),
            ("evaluate", evaluate),
            ("print", print_epoch(scene, "        ")),
            ("optimizer", optimizer),
            ("batch", scene.training.batch_size.to_string()),
            ("epochs", epochs(scene).to_string()),
            ("patience", patience),
        ],
    )
}
