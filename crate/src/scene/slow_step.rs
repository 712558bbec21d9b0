//! One training step in slow motion, for one training point and the
//! current weights: the forward pass unit by unit, the point's loss, the
//! backward pass layer by layer (each unit's error term and each weight's
//! gradient) and the update (every weight before and after). The numbers
//! are the network's own: its forward pass, its backpropagation and a copy
//! of the trainer's optimiser taking the step (a batch of one, no dropout).

use crate::nn::{Gradients, Network, Optimizer, OptimizerKind, Trainer, Workspace};

/// One layer's part of the step.
#[derive(Clone, Debug, PartialEq)]
pub struct LayerStep {
    /// The layer's inputs for this point (the features, or the layer below's activations).
    pub inputs: Vec<f32>,
    /// Weighted sums and activations, one per unit (the output layer's
    /// activations are the output function's: sigmoid, softmax or identity).
    pub sums: Vec<f32>,
    pub activations: Vec<f32>,
    /// dJ/dz per unit: the error term backpropagation carries.
    pub errors: Vec<f32>,
    /// dJ/dw (`weights[k * units + j]` order) and dJ/db, with any penalty's part.
    pub weight_gradients: Vec<f32>,
    pub bias_gradients: Vec<f32>,
    pub weights_before: Vec<f32>,
    pub weights_after: Vec<f32>,
    pub biases_before: Vec<f32>,
    pub biases_after: Vec<f32>,
    /// The optimiser's state for the weights and the biases, before and
    /// after the step: velocity, running square or Adam's first moment m.
    pub first_before: OptimizerState,
    pub first_after: OptimizerState,
    /// Adam's second moment v (zeros for the other kinds).
    pub second_before: OptimizerState,
    pub second_after: OptimizerState,
}

/// One of the optimiser's state buffers for a layer: a number per weight
/// (`weights[k * units + j]` order) and per bias.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct OptimizerState {
    pub weights: Vec<f32>,
    pub biases: Vec<f32>,
}

impl OptimizerState {
    fn of(optimizer: &Optimizer, layer: usize, second: bool) -> OptimizerState {
        let pick = |biases| {
            let (m, v) = optimizer.state(layer, biases);
            if second { v } else { m }.to_vec()
        };
        OptimizerState {
            weights: pick(false),
            biases: pick(true),
        }
    }
}

/// The whole step.
#[derive(Clone, Debug, PartialEq)]
pub struct SlowStep {
    pub target: f32,
    pub loss: f32,
    pub rate: f32,
    pub optimizer: OptimizerKind,
    /// The optimiser's count of updates with this step (Adam's t).
    pub steps: u32,
    pub layers: Vec<LayerStep>,
}

impl SlowStep {
    /// The step the trainer would take on `inputs` (one row of features)
    /// with `target`, from its weights and optimiser state as they are.
    pub fn of(trainer: &Trainer, inputs: &[f32], target: f32) -> SlowStep {
        let network = &trainer.network;
        let mut ws = Workspace::new();
        let mut grads = Gradients::for_network(network);
        network.forward(inputs, &mut ws, None);
        let loss = network.losses(&[target], &mut ws)[0];
        let forward: Vec<(Vec<f32>, Vec<f32>)> = (0..network.layers.len())
            .map(|l| (ws.pre_activations(l).to_vec(), ws.activations(l).to_vec()))
            .collect();
        network.backward(inputs, &[target], &mut ws, &mut grads);
        // For one sample the bias's gradient is the unit's error term
        // (before any penalty, which leaves biases alone).
        let errors = grads.biases.clone();
        trainer
            .config()
            .regularization
            .add_gradient(network, &mut grads);
        let rate = trainer.learning_rate_now();
        let mut after: Network = network.clone();
        let before_step = trainer.optimizer();
        let mut stepped = before_step.clone();
        stepped.update(&mut after, &grads, rate);
        let layers = network
            .layers
            .iter()
            .enumerate()
            .map(|(l, layer)| LayerStep {
                inputs: match l {
                    0 => inputs.to_vec(),
                    _ => forward[l - 1].1.clone(),
                },
                sums: forward[l].0.clone(),
                activations: forward[l].1.clone(),
                errors: errors[l].clone(),
                weight_gradients: grads.weights[l].clone(),
                bias_gradients: grads.biases[l].clone(),
                weights_before: layer.weights.clone(),
                weights_after: after.layers[l].weights.clone(),
                biases_before: layer.biases.clone(),
                biases_after: after.layers[l].biases.clone(),
                first_before: OptimizerState::of(before_step, l, false),
                first_after: OptimizerState::of(&stepped, l, false),
                second_before: OptimizerState::of(before_step, l, true),
                second_after: OptimizerState::of(&stepped, l, true),
            })
            .collect();
        SlowStep {
            target,
            loss,
            rate,
            optimizer: trainer.optimizer().kind,
            steps: stepped.steps(),
            layers,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::nn::{Activation, Loss, NetworkShape, Samples, TrainConfig};

    fn trainer(optimizer: OptimizerKind) -> Trainer {
        let shape = NetworkShape::uniform(2, &[3, 2], Activation::Tanh, Loss::BinaryCrossEntropy);
        let train = Samples {
            inputs: vec![0.5, -1.0, 2.0, 1.5, -0.3, 0.8],
            targets: vec![1.0, 0.0, 1.0],
            width: 2,
        };
        let config = TrainConfig {
            optimizer,
            learning_rate: 0.1,
            batch_size: 3,
            ..TrainConfig::default()
        };
        let mut t = Trainer::new(&shape, config, train, Samples::default(), 9);
        // A few steps first, so that the optimisers' state is not empty.
        t.step_epoch();
        t.step_epoch();
        t
    }

    #[test]
    fn the_forward_numbers_are_the_networks() {
        let t = trainer(OptimizerKind::Sgd);
        let step = SlowStep::of(&t, &[0.5, -1.0], 1.0);
        for (l, layer) in t.network.layers.iter().enumerate() {
            let s = &step.layers[l];
            for j in 0..layer.units {
                let z: f32 = layer.biases[j]
                    + (0..layer.inputs)
                        .map(|k| s.inputs[k] * layer.weights[k * layer.units + j])
                        .sum::<f32>();
                assert!((z - s.sums[j]).abs() < 1e-5, "layer {l} unit {j}");
            }
            if l + 1 < t.network.layers.len() {
                assert_eq!(step.layers[l + 1].inputs, s.activations);
                for (a, &z) in s.activations.iter().zip(&s.sums) {
                    assert!((a - layer.activation.apply(z)).abs() < 1e-5);
                }
            }
        }
    }

    #[test]
    fn the_gradients_are_the_losss_slopes() {
        let t = trainer(OptimizerKind::Sgd);
        let (x, y) = ([0.5, -1.0], 1.0);
        let step = SlowStep::of(&t, &x, y);
        let loss_of = |net: &Network| {
            let mut ws = Workspace::new();
            net.forward(&x, &mut ws, None);
            net.losses(&[y], &mut ws)[0] as f64
        };
        for l in 0..t.network.layers.len() {
            for i in 0..t.network.layers[l].weights.len() {
                let h = 1e-2;
                let mut up = t.network.clone();
                up.layers[l].weights[i] += h;
                let mut down = t.network.clone();
                down.layers[l].weights[i] -= h;
                let slope = (loss_of(&up) - loss_of(&down)) / (2.0 * h as f64);
                let shown = step.layers[l].weight_gradients[i] as f64;
                assert!(
                    (slope - shown).abs() < 2e-3,
                    "layer {l} weight {i}: {slope} vs {shown}"
                );
                // dJ/dw = error of the unit × the input it weighs.
                let units = t.network.layers[l].units;
                let (k, j) = (i / units, i % units);
                let product = step.layers[l].errors[j] * step.layers[l].inputs[k];
                assert!((product - step.layers[l].weight_gradients[i]).abs() < 1e-6);
            }
        }
    }

    #[test]
    fn the_update_is_the_trainers_own_step() {
        for kind in OptimizerKind::ALL {
            let mut t = trainer(kind);
            let step = SlowStep::of(&t, &[2.0, 1.5], 0.0);
            t.step_sample(&[2.0, 1.5], 0.0);
            for (l, layer) in t.network.layers.iter().enumerate() {
                assert_eq!(
                    layer.weights,
                    step.layers[l].weights_after,
                    "{}",
                    kind.name()
                );
                assert_eq!(layer.biases, step.layers[l].biases_after, "{}", kind.name());
                assert_ne!(step.layers[l].weights_before, step.layers[l].weights_after);
            }
        }
    }

    /// Every phase in Korean, the numbers filled in: no English word is
    /// left but names (the formulas' symbols are a letter or two).
    #[test]
    fn a_korean_slow_step_is_korean_in_every_phase() {
        use crate::i18n::fill;
        use crate::scene::inside_text::{number, slow_step_phases};
        let korean = crate::i18n::korean();
        for kind in OptimizerKind::ALL {
            let t = trainer(kind);
            let step = SlowStep::of(&t, &[0.5, -1.0], 1.0);
            let phases = slow_step_phases(&step, &["tanh", "tanh"], &korean);
            // Forward up the layers, the loss, backward down them, the update up
            // them, each titled in the catalogue's words.
            let hidden = |l: usize| fill(korean.column_hidden, &[("layer", &l.to_string())]);
            let layers = [hidden(1), hidden(2), korean.column_output.to_string()];
            let titled = |template: &str, layer: &String| fill(template, &[("layer", layer)]);
            let mut expected: Vec<String> = layers
                .iter()
                .map(|l| titled(korean.slow_forward, l))
                .collect();
            expected.push(korean.slow_loss.to_string());
            expected.extend(layers.iter().rev().map(|l| titled(korean.slow_backward, l)));
            expected.extend(layers.iter().map(|l| titled(korean.slow_update, l)));
            let titles: Vec<&String> = phases.iter().map(|p| &p.title).collect();
            assert_eq!(titles, expected.iter().collect::<Vec<_>>());
            let unit = fill(korean.slow_unit, &[("unit", "1")]);
            let error = number(step.layers[2].errors[0]);
            assert_eq!(
                phases[4].lines[0],
                fill(korean.slow_error, &[("unit", &unit), ("value", &error)])
            );
            assert!(phases[5].lines[1].starts_with(&format!("  dJ/dw ({unit} → {unit}) = δ·x = ")));
            let text: String = phases
                .iter()
                .flat_map(|p| std::iter::once(&p.title).chain(&p.lines))
                .map(|line| format!("{line}\n"))
                .collect();
            // Names, the same in every language: the activation, and the
            // optimiser's where it is one (SGD, Adam; not Momentum).
            let shown = crate::i18n::choice_title(&korean, "optimizer", kind.name(), kind.title());
            let names = ["tanh", shown];
            let words: std::collections::BTreeSet<&str> = text
                .split(|c: char| !c.is_ascii_alphabetic())
                .filter(|w| w.len() > 2 && !names.contains(w))
                .collect();
            assert_eq!(
                words.into_iter().collect::<Vec<_>>(),
                Vec::<&str>::new(),
                "{}:\n{text}",
                kind.name()
            );
        }
    }

    /// Every line of a layer's phase knows the unit it is about (pointing
    /// at it lights that unit's path): the unit it names, or, for an
    /// optimiser's state lines, the weight's unit just above them.
    #[test]
    fn each_line_knows_its_unit() {
        use crate::scene::inside_text::slow_step_phases;
        // "unit 2" but not "unit 21".
        let names = |line: &str, j: usize| {
            let name = format!("unit {}", j + 1);
            line.match_indices(&name)
                .any(|(at, _)| !line[at + name.len()..].starts_with(|c: char| c.is_ascii_digit()))
        };
        for kind in OptimizerKind::ALL {
            let t = trainer(kind);
            let step = SlowStep::of(&t, &[0.5, -1.0], 1.0);
            let phases = slow_step_phases(&step, &["tanh", "tanh"], &crate::i18n::ENGLISH);
            let n = step.layers.len();
            for (i, phase) in phases.iter().enumerate() {
                assert_eq!(phase.units.len(), phase.lines.len(), "{}", phase.title);
                if i == n {
                    // The loss: about the output as a whole.
                    assert!(phase.units.iter().all(Option::is_none));
                    continue;
                }
                // Forward up the layers, backward down them, the update up again.
                let l = match i {
                    i if i < n => i,
                    i if i <= 2 * n => 2 * n - i,
                    i => i - 2 * n - 1,
                };
                let layer = &step.layers[l];
                let mut seen = vec![0; layer.sums.len()];
                for (line, unit) in phase.lines.iter().zip(&phase.units) {
                    match unit {
                        Some(j) => {
                            seen[*j] += 1;
                            assert!(
                                names(line, *j) || line.starts_with("    "),
                                "{}: {line} is not about unit {}",
                                phase.title,
                                j + 1
                            );
                        }
                        None => assert!(!line.contains("unit "), "{}: {line}", phase.title),
                    }
                }
                assert!(
                    seen.iter().all(|&c| c > 0),
                    "{}: every unit has a line: {seen:?}",
                    phase.title
                );
            }
        }
    }

    #[test]
    fn the_optimisers_state_shown_is_the_one_it_keeps() {
        use crate::scene::inside_text::{number, slow_step_phases};
        for kind in OptimizerKind::ALL {
            let mut t = trainer(kind);
            let step = SlowStep::of(&t, &[2.0, 1.5], 0.0);
            let before = t.optimizer().clone();
            t.step_sample(&[2.0, 1.5], 0.0);
            let o = t.optimizer();
            assert_eq!(step.steps, o.steps(), "{}", kind.name());
            let phases = slow_step_phases(&step, &["tanh", "tanh"], &crate::i18n::ENGLISH);
            let n = step.layers.len();
            for (l, layer) in step.layers.iter().enumerate() {
                for (biases, shown) in [
                    (false, &layer.first_after.weights),
                    (true, &layer.first_after.biases),
                ] {
                    assert_eq!(shown, &o.state(l, biases).0.to_vec(), "{}", kind.name());
                    assert_eq!(
                        &[&layer.first_before.weights, &layer.first_before.biases]
                            [usize::from(biases)][..],
                        before.state(l, biases).0
                    );
                }
                assert_eq!(layer.second_after.weights, o.state(l, false).1);
                assert_eq!(layer.second_after.biases, o.state(l, true).1);
                // The update phase names each state's before → after.
                let text = phases[2 * n + 1 + l].lines.join("\n");
                let (label, second) = match kind {
                    OptimizerKind::Sgd => continue,
                    OptimizerKind::Momentum | OptimizerKind::Nesterov => ("velocity v: ", false),
                    OptimizerKind::RmsProp | OptimizerKind::Adagrad => {
                        ("running square s: ", false)
                    }
                    OptimizerKind::Adam => ("first moment m: ", true),
                };
                for (i, (a, b)) in layer
                    .first_before
                    .weights
                    .iter()
                    .zip(&layer.first_after.weights)
                    .enumerate()
                {
                    let shown = format!("{label}{} → {}", number(*a), number(*b));
                    assert!(
                        text.contains(&shown),
                        "{}: weight {i}: {shown} in\n{text}",
                        kind.name()
                    );
                }
                if second {
                    let corrected = 1.0 - crate::nn::optimizer::ADAM_BETA1.powi(o.steps() as i32);
                    for (a, b) in layer
                        .second_before
                        .weights
                        .iter()
                        .zip(&layer.second_after.weights)
                    {
                        let shown = format!("second moment v: {} → {}", number(*a), number(*b));
                        assert!(text.contains(&shown), "{shown}");
                    }
                    for m in &layer.first_after.weights {
                        let shown = format!("= {}", number(m / corrected));
                        assert!(text.contains(&format!(
                            "m̂ = m / (1 − 0.9^{}) = {}",
                            o.steps(),
                            number(*m)
                        )));
                        assert!(text.contains(&shown), "m̂ {shown}");
                    }
                }
            }
        }
    }

    #[test]
    fn the_phases_speak_the_playgrounds_language() {
        use crate::scene::inside_text::{number, slow_step_phases};
        let ko = crate::i18n::korean();
        let t = trainer(OptimizerKind::Momentum);
        let step = SlowStep::of(&t, &[2.0, 1.5], 0.0);
        let phases = slow_step_phases(&step, &["tanh", "tanh"], &ko);
        let titles: Vec<&str> = phases.iter().map(|p| p.title.as_str()).collect();
        assert_eq!(
            titles,
            [
                "순전파: 은닉층 1",
                "순전파: 은닉층 2",
                "순전파: 출력",
                "이 점의 손실",
                "역전파: 출력",
                "역전파: 은닉층 2",
                "역전파: 은닉층 1",
                "갱신: 은닉층 1",
                "갱신: 은닉층 2",
                "갱신: 출력",
            ]
        );
        let first = &step.layers[0];
        assert_eq!(
            phases[6].lines[0],
            format!("유닛 1: 오차 δ = dJ/dz = {}", number(first.errors[0]))
        );
        let update = &phases[7].lines;
        assert!(
            update[0].starts_with("모멘텀: v ← 0.9·v + g;"),
            "{}",
            update[0]
        );
        assert!(
            update[1].starts_with("w (입력 1 → 유닛 1): "),
            "{}",
            update[1]
        );
        assert!(
            update[2].starts_with(&format!(
                "    속도 v: {} → {}",
                number(first.first_before.weights[0]),
                number(first.first_after.weights[0])
            )),
            "{}",
            update[2]
        );
    }
}
