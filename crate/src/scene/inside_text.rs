//! The words of the views inside the training: the hidden space's caption.

use crate::decimal::{Exp, Fixed, Shortest};
use crate::i18n::{fill, Catalogue};

/// What the hidden-space picture of hidden layer `layer` (from 0) shows, in
/// catalogue `t`'s language. `units` is its width, `principal` whether it is
/// shown on principal directions, `last` whether the output layer reads it,
/// `linear` whether every layer up to it is linear.
pub fn hidden_space_caption(
    t: &Catalogue,
    layer: usize,
    units: usize,
    principal: bool,
    last: bool,
    linear: bool,
) -> String {
    let seen = match (units, principal) {
        (1, _) => t.hidden_space_one_unit.to_string(),
        (_, true) => fill(t.hidden_space_principal, &[("units", &units.to_string())]),
        _ => t.hidden_space_two_units.to_string(),
    };
    let layer = (layer + 1).to_string();
    let mut text = fill(
        t.hidden_space_caption,
        &[("layer", &layer), ("seen", &seen)],
    );
    text.push(' ');
    text += if linear {
        t.hidden_space_linear
    } else {
        t.hidden_space_folds
    };
    if last {
        text.push(' ');
        text += t.hidden_space_output;
    }
    text
}

/// One phase of the slow step: a title and its lines of numbers.
#[derive(Clone, Debug, PartialEq)]
pub struct Phase {
    pub title: String,
    pub lines: Vec<String>,
    /// The unit of the phase's layer each line is about (none for the
    /// optimiser's rule and the loss): pointing at a line lights its path.
    pub units: Vec<Option<usize>>,
}

/// A number as the slow step shows it: four decimals, or four significant
/// digits in e-notation when smaller than 0.001.
pub fn number(x: f32) -> String {
    if x != 0.0 && x.abs() < 1e-3 {
        Exp(x, Some(3)).to_string()
    } else {
        Fixed(x, 4).to_string()
    }
}

/// A number as the second factor of a product: negative ones in brackets.
fn factor(x: f32) -> String {
    if x < 0.0 {
        format!("({})", number(x))
    } else {
        number(x)
    }
}

fn layer_name(layer: usize, layers: usize, t: &Catalogue) -> String {
    if layer + 1 == layers {
        t.column_output.to_string()
    } else {
        fill(t.column_hidden, &[("layer", &(layer + 1).to_string())])
    }
}

/// Unit `j` (from 0) of a layer: "unit 3".
fn unit_name(j: usize, t: &Catalogue) -> String {
    fill(t.slow_unit, &[("unit", &(j + 1).to_string())])
}

/// The input a weight of `layer` reads: x1… for the first layer, else a unit below.
fn input_name(layer: usize, k: usize, t: &Catalogue) -> String {
    if layer == 0 {
        fill(t.slow_input, &[("input", &(k + 1).to_string())])
    } else {
        unit_name(k, t)
    }
}

/// The optimiser's rule, with its symbols, for the update phases.
fn update_rule(kind: crate::nn::OptimizerKind, rate: f32, t: &Catalogue) -> String {
    use crate::nn::OptimizerKind::*;
    let (rule, note) = match kind {
        Sgd => ("w ← w − η·g", None),
        Momentum => ("v ← 0.9·v + g;  w ← w − η·v", Some(t.slow_momentum_note)),
        Nesterov => (
            "v ← 0.9·v + g;  w ← w − η·(g + 0.9·v)",
            Some(t.slow_nesterov_note),
        ),
        RmsProp => (
            "s ← 0.9·s + 0.1·g²;  w ← w − η·g / (√s + ε)",
            Some(t.slow_rmsprop_note),
        ),
        Adagrad => (
            "s ← s + g²;  w ← w − η·g / (√s + ε)",
            Some(t.slow_adagrad_note),
        ),
        Adam => (
            "m ← 0.9·m + 0.1·g;  v ← 0.999·v + 0.001·g²;  w ← w − η·m̂ / (√v̂ + ε)",
            Some(t.slow_adam_note),
        ),
    };
    let rule = match note {
        Some(note) => format!("{rule}  ({note})"),
        None => rule.to_string(),
    };
    let optimizer = crate::i18n::choice_title(t, "optimizer", kind.name(), kind.title());
    fill(
        t.slow_rule,
        &[
            ("optimizer", optimizer),
            ("rule", &rule),
            ("rate", &number(rate)),
        ],
    )
}

/// The optimiser's state for one parameter in the update phase, before →
/// after, and its rule with those numbers filled in: `(before, g, after)`
/// of the parameter, `(first before, first after, second before, second
/// after)` of its state (velocity or running square first; Adam's m, v).
fn state_lines(
    step: &crate::scene::slow_step::SlowStep,
    (w0, g, w1): (f32, f32, f32),
    (s0, s1, v0, v1): (f32, f32, f32, f32),
    t: &Catalogue,
) -> Vec<String> {
    use crate::nn::optimizer::{ADAM_BETA1, ADAM_BETA2, MOMENTUM, RMSPROP_DECAY};
    use crate::nn::OptimizerKind::*;
    let (n, eta) = (number, number(step.rate));
    let (w0, w1, g) = (n(w0), n(w1), factor(g));
    let (momentum, decay) = (Shortest(MOMENTUM), Shortest(RMSPROP_DECAY));
    let (beta1, beta2) = (Shortest(ADAM_BETA1), Shortest(ADAM_BETA2));
    match step.optimizer {
        Sgd => Vec::new(),
        Momentum => vec![
            format!("    {}: {} → {}", t.slow_velocity, n(s0), n(s1)),
            format!("    v = {momentum}·{} + {g} = {}", factor(s0), n(s1)),
            format!("    w = {w0} − {eta}·{} = {w1}", factor(s1)),
        ],
        Nesterov => vec![
            format!("    {}: {} → {}", t.slow_velocity, n(s0), n(s1)),
            format!("    v = {momentum}·{} + {g} = {}", factor(s0), n(s1)),
            format!(
                "    w = {w0} − {eta}·({g} + {momentum}·{}) = {w1}",
                factor(s1)
            ),
        ],
        RmsProp => vec![
            format!("    {}: {} → {}", t.slow_running_square, n(s0), n(s1)),
            format!(
                "    s = {decay}·{} + {}·{g}² = {}",
                n(s0),
                Fixed(1.0 - RMSPROP_DECAY, 1),
                n(s1)
            ),
            format!("    w = {w0} − {eta}·{g} / (√{} + ε) = {w1}", n(s1)),
        ],
        Adagrad => vec![
            format!("    {}: {} → {}", t.slow_running_square, n(s0), n(s1)),
            format!("    s = {} + {g}² = {}", n(s0), n(s1)),
            format!("    w = {w0} − {eta}·{g} / (√{} + ε) = {w1}", n(s1)),
        ],
        Adam => {
            let steps = step.steps as i32;
            let (c1, c2) = (1.0 - ADAM_BETA1.powi(steps), 1.0 - ADAM_BETA2.powi(steps));
            let (m_hat, v_hat) = (s1 / c1, v1 / c2);
            vec![
                format!(
                    "    {}: {} → {};  {}: {} → {}",
                    t.slow_first_moment,
                    n(s0),
                    n(s1),
                    t.slow_second_moment,
                    n(v0),
                    n(v1)
                ),
                format!("    m = {beta1}·{} + {}·{g} = {}", factor(s0), Fixed(1.0 - ADAM_BETA1, 1), n(s1)),
                format!(
                    "    v = {beta2}·{} + {}·{g}² = {}",
                    n(v0),
                    Fixed(1.0 - ADAM_BETA2, 3),
                    n(v1)
                ),
                format!(
                    "    m̂ = m / (1 − {beta1}^{steps}) = {} / {} = {};  v̂ = v / (1 − {beta2}^{steps}) = {} / {} = {}",
                    n(s1),
                    n(c1),
                    n(m_hat),
                    n(v1),
                    n(c2),
                    n(v_hat)
                ),
                format!(
                    "    w = {w0} − {eta}·{} / (√{} + ε) = {w1}",
                    factor(m_hat),
                    n(v_hat)
                ),
            ]
        }
    }
}

/// Every phase of a slow step, in order: forward layer by layer, the loss,
/// backward layer by layer from the output, the update layer by layer.
pub fn slow_step_phases(
    step: &crate::scene::slow_step::SlowStep,
    activations: &[&str],
    t: &Catalogue,
) -> Vec<Phase> {
    let n = step.layers.len();
    let mut phases = Vec::new();
    for (l, layer) in step.layers.iter().enumerate() {
        let f = activations
            .get(l)
            .copied()
            .unwrap_or(t.slow_output_function);
        let lines = (0..layer.sums.len())
            .map(|j| {
                let units = layer.sums.len();
                let terms: Vec<String> = (0..layer.inputs.len())
                    .map(|k| {
                        format!(
                            "{}·{}",
                            number(layer.weights_before[k * units + j]),
                            factor(layer.inputs[k])
                        )
                    })
                    .collect();
                let sum = if terms.len() <= 4 {
                    format!(
                        " = {} + {}",
                        number(layer.biases_before[j]),
                        terms.join(" + ")
                    )
                } else {
                    String::new()
                };
                format!(
                    "{}: z = b + Σ w·x{sum} = {};  a = {f}(z) = {}",
                    unit_name(j, t),
                    number(layer.sums[j]),
                    number(layer.activations[j])
                )
            })
            .collect();
        phases.push(Phase {
            title: fill(t.slow_forward, &[("layer", &layer_name(l, n, t))]),
            lines,
            units: (0..layer.sums.len()).map(Some).collect(),
        });
    }
    let output = &step.layers[n - 1];
    phases.push(Phase {
        title: t.slow_loss.to_string(),
        lines: vec![
            fill(
                t.slow_output_target,
                &[
                    (
                        "output",
                        &output
                            .activations
                            .iter()
                            .map(|&y| number(y))
                            .collect::<Vec<_>>()
                            .join(", "),
                    ),
                    ("target", &number(step.target)),
                ],
            ),
            format!("J = {}", number(step.loss)),
        ],
        units: vec![None, None],
    });
    for l in (0..n).rev() {
        let layer = &step.layers[l];
        let units = layer.sums.len();
        let mut lines = Vec::new();
        let mut line_units = Vec::new();
        for j in 0..units {
            lines.push(fill(
                t.slow_error,
                &[
                    ("unit", &unit_name(j, t)),
                    ("value", &number(layer.errors[j])),
                ],
            ));
            for k in 0..layer.inputs.len() {
                lines.push(format!(
                    "  dJ/dw ({} → {}) = δ·x = {}·{} = {}",
                    input_name(l, k, t),
                    unit_name(j, t),
                    number(layer.errors[j]),
                    factor(layer.inputs[k]),
                    number(layer.weight_gradients[k * units + j])
                ));
            }
            line_units.resize(lines.len(), Some(j));
        }
        phases.push(Phase {
            title: fill(t.slow_backward, &[("layer", &layer_name(l, n, t))]),
            lines,
            units: line_units,
        });
    }
    for (l, layer) in step.layers.iter().enumerate() {
        let units = layer.sums.len();
        let mut lines = vec![update_rule(step.optimizer, step.rate, t)];
        let mut line_units = vec![None];
        let sgd = step.optimizer == crate::nn::OptimizerKind::Sgd;
        for j in 0..units {
            for k in 0..layer.inputs.len() {
                let i = k * units + j;
                let (before, g, after) = (
                    layer.weights_before[i],
                    layer.weight_gradients[i],
                    layer.weights_after[i],
                );
                if sgd {
                    lines.push(format!(
                        "w ({} → {}): {} − {}·{} = {}",
                        input_name(l, k, t),
                        unit_name(j, t),
                        number(before),
                        number(step.rate),
                        factor(g),
                        number(after)
                    ));
                } else {
                    let state = (
                        layer.first_before.weights[i],
                        layer.first_after.weights[i],
                        layer.second_before.weights[i],
                        layer.second_after.weights[i],
                    );
                    lines.push(format!(
                        "w ({} → {}): {} → {}  (g = {})",
                        input_name(l, k, t),
                        unit_name(j, t),
                        number(before),
                        number(after),
                        number(g)
                    ));
                    lines.extend(state_lines(step, (before, g, after), state, t));
                }
            }
            lines.push(format!(
                "b ({}): {} → {}",
                unit_name(j, t),
                number(layer.biases_before[j]),
                number(layer.biases_after[j])
            ));
            if !sgd {
                let state = (
                    layer.first_before.biases[j],
                    layer.first_after.biases[j],
                    layer.second_before.biases[j],
                    layer.second_after.biases[j],
                );
                let b = (
                    layer.biases_before[j],
                    layer.bias_gradients[j],
                    layer.biases_after[j],
                );
                lines.extend(state_lines(step, b, state, t));
            }
            line_units.resize(lines.len(), Some(j));
        }
        phases.push(Phase {
            title: fill(t.slow_update, &[("layer", &layer_name(l, n, t))]),
            lines,
            units: line_units,
        });
    }
    phases
}
