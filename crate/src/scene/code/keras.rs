//! The tf.keras program: the page's network, initialisation scheme,
//! penalty (on every layer, the output's too), optimiser formula and early
//! stopping, with Keras's own random numbers.

use super::schedule::keras_scheduler;
use super::spellings::{keras_activation, keras_optimizer, keras_regularizer};
use super::{data_loading, epochs, fill, print_epoch, py};
use crate::data::Task;
use crate::scene::Scene;

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
            keras_activation(a)
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
    let regularizer = keras_regularizer(scene);
    let (optimizer_class, optimizer) = keras_optimizer(scene);
    let patience = scene
        .training
        .early_stopping
        .map_or("None".to_string(), |p| p.to_string());
    let (scheduler, callback) = match keras_scheduler(scene) {
        Some((code, name)) => (format!("{code}\n\n"), format!(", {name}")),
        None => (String::new(), String::new()),
    };
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


$schedulerdef evaluate(x, y):
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
          callbacks=[PageNumbers(patience=$patience)$callback])
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
            ("scheduler", scheduler),
            ("callback", callback),
        ],
    )
}
