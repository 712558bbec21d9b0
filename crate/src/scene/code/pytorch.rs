//! The PyTorch programs: the plain one (torch's own randomness, the page's
//! initialisation scheme) and "this run" (the page's weights, batch order
//! and dropout masks, so its losses are the page's curve).

use super::schedule::{torch_scheduler, TORCH_EPOCH_END};
use super::spellings::{torch_activation, torch_optimizer, torch_penalty};
use super::{data_loading, epochs, exact, fill, print_epoch, py};
use crate::data::Task;
use crate::scene::Scene;

#[derive(Clone, Copy, PartialEq)]
enum Variant {
    Plain,
    ThisRun,
}

/// A PyTorch program for this scene, with torch's own random numbers.
pub fn pytorch(scene: &Scene) -> String {
    program(scene, Variant::Plain)
}

/// A PyTorch program that reproduces the run Reset starts: the page's
/// initial weights, batch order and dropout masks.
pub fn pytorch_exact(scene: &Scene) -> String {
    program(scene, Variant::ThisRun)
}

/// The layers of `nn.Sequential`, a line each.
fn layers(scene: &Scene, variant: Variant) -> String {
    let dropout = scene.training.dropout;
    let mut lines = Vec::new();
    let mut inputs = scene.features.count();
    for (l, &units) in scene.hidden.iter().enumerate() {
        let mut line = format!(
            "    nn.Linear({inputs}, {units}), {},",
            torch_activation(scene.layer_activation(l))
        );
        if dropout > 0.0 {
            line += &match variant {
                Variant::Plain => format!(" nn.Dropout({}),", py(dropout)),
                Variant::ThisRun => format!(" PageDropout({}, page_random),", py(dropout)),
            };
        }
        lines.push(line);
        inputs = units;
    }
    let outputs = scene.loss().output_units();
    let last = match scene.task {
        Task::Regression => "",
        Task::Classification { classes: 2 } => "  # a logit: the loss applies the sigmoid",
        Task::Classification { .. } => "  # logits: the loss applies the softmax",
    };
    lines.push(format!("    nn.Linear({inputs}, {outputs}),{last}"));
    lines.join("\n")
}

/// torch's calls for the page's initialisation: Glorot-uniform weights
/// (He-normal before ReLU-like units), zero biases.
fn initialisation(scene: &Scene) -> String {
    let mut lines = vec![
        "# The page's initialisation (torch's default is U(±1/√inputs) for weights and biases):"
            .to_string(),
    ];
    for l in 0..=scene.hidden.len() {
        let before = scene.hidden.get(l).map(|_| scene.layer_activation(l));
        lines.push(match before {
            Some(a) if a.prefers_he_init() => format!(
                "nn.init.kaiming_normal_(linear[{l}].weight, nonlinearity=\"relu\")  # He-normal before {}",
                a.title()
            ),
            Some(a) => format!(
                "nn.init.xavier_uniform_(linear[{l}].weight)  # Glorot-uniform before {}",
                a.title()
            ),
            None => format!("nn.init.xavier_uniform_(linear[{l}].weight)  # Glorot-uniform"),
        });
    }
    lines.push("for layer in linear:\n    nn.init.zeros_(layer.bias)".to_string());
    lines.join("\n") + "\n"
}

/// The loss, the targets' type, what squeezes the single output, and the
/// accuracy of logits `z` against targets `y` (None for regression).
fn loss_parts(
    task: Task,
) -> (
    &'static str,
    &'static str,
    &'static str,
    Option<&'static str>,
) {
    match task {
        Task::Regression => ("nn.MSELoss()", "torch.float32", ".squeeze(-1)", None),
        Task::Classification { classes: 2 } => (
            "nn.BCEWithLogitsLoss()  # sigmoid + binary cross-entropy, from the logit",
            "torch.float32",
            ".squeeze(-1)",
            Some("((torch.sigmoid(z) >= 0.5) == (y >= 0.5)).float().mean().item()"),
        ),
        Task::Classification { .. } => (
            "nn.CrossEntropyLoss()  # softmax + cross-entropy, from the logits",
            "torch.long",
            "",
            Some("(z.argmax(1) == y).float().mean().item()"),
        ),
    }
}

fn program(scene: &Scene, variant: Variant) -> String {
    let (loss, target_type, squeeze, accuracy) = loss_parts(scene.task);
    let evaluate = match accuracy {
        Some(accuracy) => format!(
            "        z = model(x){squeeze}\n        return loss_fn(z, y).item(), {accuracy}\n"
        ),
        None => format!("        return loss_fn(model(x){squeeze}, y).item(), None\n"),
    };
    let penalty = torch_penalty(scene);
    let (header, random, weights, order) = match variant {
        Variant::Plain => (
            "# Descent: this playground as a PyTorch program. It draws its own initial\n\
             # weights (in the page's scheme), batches and dropout, so its curve is one\n\
             # of the page's possible runs; \"PyTorch, this run\" gives the page's own.\n",
            format!("torch.manual_seed({})\n", scene.seed),
            initialisation(scene),
            "torch.randperm(len(x_train))".to_string(),
        ),
        Variant::ThisRun => {
            let (network, state) = exact::start_of_run(scene);
            (
                "# Descent: this run of the playground as a PyTorch program. It starts from\n\
                 # the page's initial weights and draws the page's batches and dropout\n\
                 # masks, so the losses it prints are the page's curve (to float32 rounding).\n",
                format!(
                    "\n{}\n\n# The page's generator as it stands after drawing the initial weights.\npage_random = PageRandom({state:#x})\n",
                    exact::PAGE_RANDOM
                ),
                exact::initial_weights(scene, &network),
                "torch.tensor(page_random.shuffled(len(x_train)))".to_string(),
            )
        }
    };
    let batch_loss = match penalty {
        Some(_) => format!("loss_fn(model(x_train[batch]){squeeze}, y_train[batch]) + penalty()"),
        None => format!("loss_fn(model(x_train[batch]){squeeze}, y_train[batch])"),
    };
    let scheduler = torch_scheduler(scene);
    let mut training = fill(
        r#"    model.train()
    for batch in $order.split($batch):
        optimizer.zero_grad()
        loss = $batch_loss
        loss.backward()
        optimizer.step()
"#,
        &[
            ("order", order),
            ("batch", scene.training.batch_size.to_string()),
            ("batch_loss", batch_loss),
        ],
    );
    if scheduler.is_some() {
        training += TORCH_EPOCH_END;
    }
    let epochs = epochs(scene);
    let main_loop = match scene.training.early_stopping {
        None => format!("report(0)\nfor epoch in range(1, {epochs} + 1):\n{training}    report(epoch)\n"),
        Some(patience) => format!(
            "# Early stopping as the page does it: the untrained weights (epoch 0) are a\n\
             # candidate too; {patience} epochs after the best, go back to it and stop.\n\
             patience = {patience}\n\
             best_loss, best_epoch, best_state = report(0), 0, copy.deepcopy(model.state_dict())\n\
             for epoch in range(1, {epochs} + 1):\n{training}    \
                 loss = report(epoch)\n    \
                 if loss < best_loss:\n        \
                     best_loss, best_epoch, best_state = loss, epoch, copy.deepcopy(model.state_dict())\n    \
                 elif epoch >= best_epoch + patience:\n        \
                     model.load_state_dict(best_state)\n        \
                     print(f\"early stopping: back to epoch {{best_epoch}}\")\n        \
                     break\n"
        ),
    };
    fill(
        r#"$headerimport copy

import numpy as np
import torch
from torch import nn

$data
$random
x_train, y_train = torch.tensor(x_train), torch.tensor(y_train, dtype=$target_type)
x_test, y_test = torch.tensor(x_test), torch.tensor(y_test, dtype=$target_type)
model = nn.Sequential(
$layers
)
linear = [m for m in model if isinstance(m, nn.Linear)]
$weights
loss_fn = $loss
optimizer = $optimizer
$scheduler$penalty

def evaluate(x, y):
    """Mean loss (and accuracy) without dropout and without the penalty."""
    with torch.no_grad():
$evaluate

def report(epoch):
    """Prints the epoch's numbers as the page's chart has them; returns the
    loss early stopping watches (the test loss, or without test points the
    training loss)."""
    model.eval()
    train_loss, train_accuracy = evaluate(x_train, y_train)
    nan = (float("nan"), float("nan"))
    test_loss, test_accuracy = evaluate(x_test, y_test) if len(x_test) else nan
$print
    return test_loss if len(x_test) else train_loss


$main_loop"#,
        &[
            ("header", header.to_string()),
            ("data", data_loading(scene)),
            ("random", random),
            ("target_type", target_type.to_string()),
            ("layers", layers(scene, variant)),
            ("weights", weights),
            ("loss", loss.to_string()),
            ("optimizer", torch_optimizer(scene)),
            (
                "scheduler",
                scheduler.map_or(String::new(), |s| format!("{s}\n")),
            ),
            (
                "penalty",
                penalty.map_or(String::new(), |p| format!("{p}\n")),
            ),
            ("evaluate", evaluate),
            ("print", print_epoch(scene, "    ")),
            ("main_loop", main_loop),
        ],
    )
}
