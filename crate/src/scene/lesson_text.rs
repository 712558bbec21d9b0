//! What a lesson's panel says in words: the perceptron's arithmetic, where
//! gradient descent stands on the landscape, the chain rule of the chosen
//! weight, each run of a race, or the network's answer for "you".

use super::compare::RaceAxis;
use super::describe::{column_name, link_name};
use super::lecture_numbers::neuron_arithmetic;
use super::lesson_state::{short_number, two_parameters, LessonState};
use super::lessons::{Panel, Perceptron};
use super::Session;
use crate::nn::{curvature, inspect, Status, Trainer};

impl LessonState {
    /// What the panel says in words (the page shows it as text).
    pub fn text(&self, session: &mut Session) -> String {
        match self.panel() {
            Panel::Perceptron => self.perceptron_text(session),
            Panel::Landscape => self.landscape_text(session),
            Panel::Backprop => self.backprop_text(session),
            Panel::Compare => self
                .runs(session)
                .into_iter()
                .map(|(label, trainer)| {
                    let loss = trainer.history().last().map_or(f32::NAN, |r| r.train_loss);
                    let state = if trainer.status() == Status::Diverged {
                        " (diverged)"
                    } else {
                        ""
                    };
                    format!("{label}: training loss {loss:.4}{state}")
                })
                .collect::<Vec<_>>()
                .join("\n"),
            Panel::None => marker_text(session),
        }
    }

    fn perceptron_text(&self, session: &Session) -> String {
        let Some(p) = Perceptron::of(&session.trainer().network) else {
            return String::new();
        };
        // The point the star marks: the chosen one, or the lecture's.
        let Some((x1, x2)) = self.marker(session).map(|m| (m.x1, m.x2)) else {
            return "Click a point to see its arithmetic.".to_string();
        };
        format!(
            "x = ({}, {}): {}",
            short_number(x1),
            short_number(x2),
            neuron_arithmetic(p.w0, &p.w, &[x1, x2])
        )
    }

    fn landscape_text(&self, session: &Session) -> String {
        let loss = |t: &Trainer| {
            t.history()
                .last()
                .map_or("–".to_string(), |r| format!("{:.4}", r.train_loss))
        };
        let Some([w, b]) = two_parameters(&session.trainer().network) else {
            return String::new();
        };
        let mut lines = vec![format!(
            "step {}: w = {w:.3}, b = {b:.3}, J(w, b) = {}",
            self.path_steps(),
            loss(session.trainer()),
        )];
        for (label, trainer) in self.runs(session) {
            if let Some([w, b]) = two_parameters(&trainer.network) {
                lines.push(format!(
                    "{label}: w = {w:.3}, b = {b:.3}, J = {}",
                    loss(trainer)
                ));
            }
        }
        if !self.racing() {
            lines.extend(steepness_text(session.trainer()));
        }
        lines.join("\n")
    }

    fn backprop_text(&self, session: &Session) -> String {
        let trainer = session.trainer();
        let net = &trainer.network;
        let samples = trainer.train_samples();
        let sizes = inspect::gradients(net, samples, trainer.config().regularization)
            .map(|g| inspect::layer_gradient_sizes(&g))
            .unwrap_or_default();
        let bars = sizes
            .iter()
            .enumerate()
            .map(|(l, s)| format!("{}: {:.2e}", column_name(l + 1, net), s))
            .collect::<Vec<_>>()
            .join(" · ");
        let mut lines = vec![format!(
            "Mean |dJ/dw| of the weights into each layer: {bars}"
        )];
        let Some(at) = self.chosen_weight() else {
            lines.push("Click a line of the network diagram to take its weight apart.".into());
            return lines.join("\n");
        };
        match inspect::chain(net, samples, at.layer - 1, at.from, at.to, 0) {
            Some(chain) => {
                lines.push(format!(
                    "Weight {}: dJ/dw = {:.3e} over the {} training points.",
                    link_name(session.scene(), net, at.layer, at.from, at.to),
                    chain.batch_gradient,
                    samples.len()
                ));
                let factors = chain
                    .factors
                    .iter()
                    .map(|f| format!("{} = {:.4}", f.symbol, f.value))
                    .collect::<Vec<_>>()
                    .join(" · ");
                let symbols = chain
                    .factors
                    .iter()
                    .map(|f| f.symbol)
                    .collect::<Vec<_>>()
                    .join(" · ");
                lines.push(format!(
                    "For point 1 alone, dJ/dw = {symbols}: {factors} = {:.4e}",
                    chain.product()
                ));
            }
            None => lines.push("Add training points to see the gradient.".into()),
        }
        lines.join("\n")
    }
}

/// The race chart's x-axis title.
pub fn axis_title(axis: RaceAxis) -> &'static str {
    match axis {
        RaceAxis::Epochs => "epochs",
        RaceAxis::Steps => "gradient steps",
        RaceAxis::Examples => "examples processed",
    }
}

/// How sharply the landscape's bowl curves, the rate above which gradient
/// descent blows up on it, and whether this rate is above it (or did).
fn steepness_text(trainer: &Trainer) -> Option<String> {
    let lambda = curvature::steepest_curvature(&trainer.network, trainer.train_samples())?;
    let edge = curvature::largest_stable_rate(lambda);
    let too_large = trainer.config().learning_rate > edge;
    let rate = short_number(trainer.config().learning_rate);
    let (lambda, edge) = (short_number(lambda), short_number(edge));
    Some(if trainer.status() == Status::Diverged {
        format!(
            "Diverged: the rate {rate} is above 2/λ = {edge} (λ = {lambda}, how sharply the \
             bowl curves at its steepest), so every step landed higher up the other wall \
             than it started, and the loss blew up."
        )
    } else if too_large {
        format!(
            "The rate {rate} is above 2/λ = {edge}: each step will overshoot the valley by \
             more than the last, and the loss will blow up."
        )
    } else {
        format!(
            "The bowl curves by λ = {lambda} at its steepest: rates above 2/λ = {edge} blow up."
        )
    })
}

/// The network's answer at the scene's marker ("you at (4, 5): …").
fn marker_text(session: &mut Session) -> String {
    let Some(m) = session.scene().marker.clone() else {
        return String::new();
    };
    match session.predict(m.x1, m.x2).as_slice() {
        [v] => format!(
            "{} at ({}, {}): the network says {:.3}",
            m.label,
            short_number(m.x1),
            short_number(m.x2),
            v
        ),
        _ => String::new(),
    }
}
