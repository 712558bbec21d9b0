//! L1 and L2 weight penalties. Biases are not penalised.

use super::network::{Gradients, Network};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Penalty {
    None,
    /// rate · Σ|w|: pushes weights to exactly zero.
    L1,
    /// rate/2 · Σw²: shrinks weights in proportion to their size.
    L2,
}

impl Penalty {
    pub const ALL: [Penalty; 3] = [Penalty::None, Penalty::L1, Penalty::L2];

    pub fn name(self) -> &'static str {
        match self {
            Penalty::None => "none",
            Penalty::L1 => "l1",
            Penalty::L2 => "l2",
        }
    }

    /// As the page shows it.
    pub fn title(self) -> &'static str {
        match self {
            Penalty::None => "None",
            Penalty::L1 => "L1",
            Penalty::L2 => "L2",
        }
    }

    pub fn from_name(name: &str) -> Option<Penalty> {
        Penalty::ALL.into_iter().find(|p| p.name() == name)
    }
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Regularization {
    pub penalty: Penalty,
    pub rate: f32,
}

impl Regularization {
    pub const NONE: Regularization = Regularization {
        penalty: Penalty::None,
        rate: 0.0,
    };

    pub fn is_active(&self) -> bool {
        self.penalty != Penalty::None && self.rate > 0.0
    }

    /// The penalty's value for the network's current weights.
    pub fn value(&self, network: &Network) -> f32 {
        let weights = network.layers.iter().flat_map(|l| l.weights.iter());
        match self.penalty {
            Penalty::None => 0.0,
            Penalty::L1 => self.rate * weights.map(|w| w.abs()).sum::<f32>(),
            Penalty::L2 => 0.5 * self.rate * weights.map(|w| w * w).sum::<f32>(),
        }
    }

    /// Adds the penalty's gradient to the weights' gradients.
    pub fn add_gradient(&self, network: &Network, grads: &mut Gradients) {
        if !self.is_active() {
            return;
        }
        for (layer, g) in network.layers.iter().zip(&mut grads.weights) {
            for (gi, &w) in g.iter_mut().zip(&layer.weights) {
                *gi += match self.penalty {
                    // |w|'s gradient, 0 at w = 0 (signum would give ±1 there),
                    // as torch and Keras take it.
                    Penalty::L1 if w == 0.0 => 0.0,
                    Penalty::L1 => self.rate * w.signum(),
                    Penalty::L2 => self.rate * w,
                    Penalty::None => 0.0,
                };
            }
        }
    }
}
