//! What a lesson's panel says in words: the perceptron's arithmetic, where
//! gradient descent stands on the landscape, the chain rule of the chosen
//! weight, each run of a race, or the network's answer for "you".

use super::compare::RaceAxis;
use super::describe::{column_name, link_name};
use super::lecture_numbers::neuron_arithmetic;
use super::lesson_state::{short_number, two_parameters, LessonState};
use super::lessons::{Panel, Perceptron};
use super::Session;
use crate::decimal::{Exp, Fixed};
use crate::i18n::{fill, Catalogue};
use crate::nn::{curvature, inspect, Status, Trainer};

impl LessonState {
    /// What the panel says in words (the page shows it as text), in
    /// catalogue `t`'s language.
    pub fn text(&self, session: &mut Session, t: &Catalogue) -> String {
        match self.panel() {
            Panel::Perceptron => self.perceptron_text(session, t),
            Panel::Landscape => self.landscape_text(session, t),
            Panel::Backprop => self.backprop_text(session, t),
            Panel::Compare => self
                .runs(session)
                .into_iter()
                .zip(self.run_labels(t))
                .map(|((_, trainer), run)| {
                    let loss = trainer.history().last().map_or(f32::NAN, |r| r.train_loss);
                    let line = match trainer.status() == Status::Diverged {
                        true => t.race_line_diverged,
                        false => t.race_line,
                    };
                    fill(
                        line,
                        &[("run", &run), ("loss", &Fixed(loss, 4).to_string())],
                    )
                })
                .collect::<Vec<_>>()
                .join("\n"),
            Panel::None => marker_text(session, t),
        }
    }

    /// The race's run labels in catalogue `t`'s language, in the order of `runs`.
    pub fn run_labels(&self, t: &Catalogue) -> Vec<String> {
        self.race().map_or(Vec::new(), |r| {
            r.runs().iter().map(|run| run.label_in(t)).collect()
        })
    }

    fn perceptron_text(&self, session: &Session, t: &Catalogue) -> String {
        let Some(p) = Perceptron::of(&session.trainer().network) else {
            return String::new();
        };
        // The point the star marks: the chosen one, or the lecture's.
        let Some((x1, x2)) = self.marker(session).map(|m| (m.x1, m.x2)) else {
            return t.click_point_for_arithmetic.to_string();
        };
        format!(
            "x = ({}, {}): {}",
            short_number(x1),
            short_number(x2),
            neuron_arithmetic(p.w0, &p.w, &[x1, x2])
        )
    }

    fn landscape_text(&self, session: &Session, t: &Catalogue) -> String {
        let loss = |trainer: &Trainer| {
            trainer
                .history()
                .last()
                .map_or("–".to_string(), |r| Fixed(r.train_loss, 4).to_string())
        };
        let Some([w, b]) = two_parameters(&session.trainer().network) else {
            return String::new();
        };
        let mut lines = vec![fill(
            t.landscape_step,
            &[
                ("step", &self.path_steps().to_string()),
                ("w", &Fixed(w, 3).to_string()),
                ("b", &Fixed(b, 3).to_string()),
                ("loss", &loss(session.trainer())),
            ],
        )];
        for ((_, trainer), label) in self.runs(session).into_iter().zip(self.run_labels(t)) {
            if let Some([w, b]) = two_parameters(&trainer.network) {
                lines.push(format!(
                    "{label}: w = {}, b = {}, J = {}",
                    Fixed(w, 3),
                    Fixed(b, 3),
                    loss(trainer)
                ));
            }
        }
        if !self.racing() {
            lines.extend(steepness_text(session.trainer(), t));
        }
        lines.join("\n")
    }

    fn backprop_text(&self, session: &Session, t: &Catalogue) -> String {
        let trainer = session.trainer();
        let net = &trainer.network;
        let samples = trainer.train_samples();
        let sizes = inspect::gradients(net, samples, trainer.config().regularization)
            .map(|g| inspect::layer_gradient_sizes(&g))
            .unwrap_or_default();
        let bars = sizes
            .iter()
            .enumerate()
            .map(|(l, s)| format!("{}: {}", column_name(l + 1, net, t), Exp(*s, Some(2))))
            .collect::<Vec<_>>()
            .join(" · ");
        let mut lines = vec![fill(t.backprop_bars, &[("bars", &bars)])];
        let Some(at) = self.chosen_weight() else {
            lines.push(t.backprop_choose.to_string());
            return lines.join("\n");
        };
        match inspect::chain(net, samples, at.layer - 1, at.from, at.to, 0) {
            Some(chain) => {
                lines.push(fill(
                    t.backprop_weight,
                    &[
                        (
                            "weight",
                            &link_name(session.scene(), net, at.layer, at.from, at.to, t),
                        ),
                        ("gradient", &Exp(chain.batch_gradient, Some(3)).to_string()),
                        ("count", &samples.len().to_string()),
                    ],
                ));
                let factors = chain
                    .factors
                    .iter()
                    .map(|f| format!("{} = {}", f.symbol, Fixed(f.value, 4)))
                    .collect::<Vec<_>>()
                    .join(" · ");
                let symbols = chain
                    .factors
                    .iter()
                    .map(|f| f.symbol)
                    .collect::<Vec<_>>()
                    .join(" · ");
                lines.push(fill(
                    t.backprop_point,
                    &[
                        ("symbols", &symbols),
                        ("factors", &factors),
                        ("product", &Exp(chain.product(), Some(4)).to_string()),
                    ],
                ));
            }
            None => lines.push(t.backprop_no_points.to_string()),
        }
        lines.join("\n")
    }
}

/// The race chart's x-axis title, in catalogue `t`'s language.
pub fn axis_title(axis: RaceAxis, t: &Catalogue) -> &'static str {
    match axis {
        RaceAxis::Epochs => t.race_chart_epochs,
        RaceAxis::Steps => t.race_chart_steps,
        RaceAxis::Examples => t.race_chart_examples,
    }
}

/// How sharply the landscape's bowl curves, the rate above which gradient
/// descent blows up on it, and whether this rate is above it (or did).
fn steepness_text(trainer: &Trainer, t: &Catalogue) -> Option<String> {
    let lambda = curvature::steepest_curvature(&trainer.network, trainer.train_samples())?;
    let edge = curvature::largest_stable_rate(lambda);
    let too_large = trainer.config().learning_rate > edge;
    let rate = short_number(trainer.config().learning_rate);
    let (lambda, edge) = (short_number(lambda), short_number(edge));
    let template = if trainer.status() == Status::Diverged {
        t.landscape_diverged
    } else if too_large {
        t.landscape_too_large
    } else {
        t.landscape_curvature
    };
    Some(fill(
        template,
        &[("rate", &rate), ("edge", &edge), ("lambda", &lambda)],
    ))
}

/// The network's answer at the scene's marker ("you at (4, 5): …").
fn marker_text(session: &mut Session, t: &Catalogue) -> String {
    let Some(m) = session.scene().marker.clone() else {
        return String::new();
    };
    match session.predict(m.x1, m.x2).as_slice() {
        [v] => fill(
            t.marker_answer,
            &[
                ("label", crate::i18n::scene_label(t, &m.label)),
                ("x1", &short_number(m.x1)),
                ("x2", &short_number(m.x2)),
                ("output", &Fixed(*v, 3).to_string()),
            ],
        ),
        _ => String::new(),
    }
}
