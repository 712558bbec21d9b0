//! Hidden-layer activation functions and their derivatives.

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Activation {
    Linear,
    Sigmoid,
    Tanh,
    Relu,
    LeakyRelu,
    Elu,
    Swish,
}

/// Slope of leaky ReLU for negative inputs.
pub const LEAKY_SLOPE: f32 = 0.01;

pub use super::fastmath::sigmoid;
use super::fastmath::{exp, sigmoid_with, tanh, tanh_with, Constants};

impl Activation {
    pub const ALL: [Activation; 7] = [
        Activation::Linear,
        Activation::Sigmoid,
        Activation::Tanh,
        Activation::Relu,
        Activation::LeakyRelu,
        Activation::Elu,
        Activation::Swish,
    ];

    /// As the page shows it.
    pub fn title(self) -> &'static str {
        match self {
            Activation::Linear => "Linear",
            Activation::Sigmoid => "Sigmoid",
            Activation::Tanh => "Tanh",
            Activation::Relu => "ReLU",
            Activation::LeakyRelu => "Leaky ReLU",
            Activation::Elu => "ELU",
            Activation::Swish => "Swish",
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Activation::Linear => "linear",
            Activation::Sigmoid => "sigmoid",
            Activation::Tanh => "tanh",
            Activation::Relu => "relu",
            Activation::LeakyRelu => "leaky-relu",
            Activation::Elu => "elu",
            Activation::Swish => "swish",
        }
    }

    pub fn from_name(name: &str) -> Option<Activation> {
        Activation::ALL.into_iter().find(|a| a.name() == name)
    }

    /// a = f(z)
    pub fn apply(self, z: f32) -> f32 {
        match self {
            Activation::Linear => z,
            Activation::Sigmoid => sigmoid(z),
            Activation::Tanh => tanh(z),
            Activation::Relu => z.max(0.0),
            Activation::LeakyRelu => {
                if z > 0.0 {
                    z
                } else {
                    LEAKY_SLOPE * z
                }
            }
            Activation::Elu => {
                if z > 0.0 {
                    z
                } else {
                    exp(z) - 1.0
                }
            }
            Activation::Swish => z * sigmoid(z),
        }
    }

    /// f'(z), given z and a = f(z) (reusing a where it saves an exp).
    pub fn derivative(self, z: f32, a: f32) -> f32 {
        match self {
            Activation::Linear => 1.0,
            Activation::Sigmoid => a * (1.0 - a),
            Activation::Tanh => 1.0 - a * a,
            Activation::Relu => {
                if z > 0.0 {
                    1.0
                } else {
                    0.0
                }
            }
            Activation::LeakyRelu => {
                if z > 0.0 {
                    1.0
                } else {
                    LEAKY_SLOPE
                }
            }
            Activation::Elu => {
                if z > 0.0 {
                    1.0
                } else {
                    a + 1.0
                }
            }
            Activation::Swish => {
                let s = sigmoid(z);
                a + s * (1.0 - a)
            }
        }
    }

    /// a = f(z) over a whole buffer, with the choice of function made once
    /// so that each loop is simple enough to vectorise.
    pub fn apply_all(self, z: &[f32], a: &mut [f32]) {
        fn each(z: &[f32], a: &mut [f32], f: impl Fn(f32) -> f32) {
            for (a, &z) in a.iter_mut().zip(z) {
                *a = f(z);
            }
        }
        let k = Constants::opaque();
        match self {
            Activation::Linear => a.copy_from_slice(z),
            Activation::Sigmoid => each(z, a, |z| sigmoid_with(z, k)),
            Activation::Tanh => each(z, a, |z| tanh_with(z, k)),
            Activation::Relu => each(z, a, |z| z.max(0.0)),
            _ => each(z, a, |z| self.apply(z)),
        }
    }

    /// delta *= f'(z) over a whole buffer (see `apply_all`).
    pub fn scale_by_derivative(self, z: &[f32], a: &[f32], delta: &mut [f32]) {
        fn each(z: &[f32], a: &[f32], delta: &mut [f32], f: impl Fn(f32, f32) -> f32) {
            for ((d, &z), &a) in delta.iter_mut().zip(z).zip(a) {
                *d *= f(z, a);
            }
        }
        match self {
            Activation::Linear => {}
            Activation::Sigmoid => each(z, a, delta, |_, a| a * (1.0 - a)),
            Activation::Tanh => each(z, a, delta, |_, a| 1.0 - a * a),
            Activation::Relu => each(z, a, delta, |z, _| if z > 0.0 { 1.0 } else { 0.0 }),
            _ => each(z, a, delta, |z, a| self.derivative(z, a)),
        }
    }

    /// Whether He initialisation (for ReLU-like units) or Glorot fits better.
    pub fn prefers_he_init(self) -> bool {
        matches!(
            self,
            Activation::Relu | Activation::LeakyRelu | Activation::Elu | Activation::Swish
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn derivative_matches_finite_difference_everywhere_but_kinks() {
        for act in Activation::ALL {
            for i in -40..=40 {
                let z = i as f32 * 0.1 + 0.05; // never exactly on the kink at 0
                let h = 1e-3f64;
                let f = |x: f64| act.apply(x as f32) as f64;
                let numeric = (f(z as f64 + h) - f(z as f64 - h)) / (2.0 * h);
                let analytic = act.derivative(z, act.apply(z)) as f64;
                assert!(
                    (numeric - analytic).abs() < 2e-3,
                    "{} at {z}: {analytic} vs {numeric}",
                    act.name()
                );
            }
        }
    }

    #[test]
    fn names_round_trip() {
        for act in Activation::ALL {
            assert_eq!(Activation::from_name(act.name()), Some(act));
        }
        assert_eq!(Activation::from_name("softsign"), None);
    }
}
