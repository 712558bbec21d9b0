//! The reference workloads the benchmarks measure, natively and in the
//! browser: 500 points, 250 of them for training, tanh, SGD at 0.03, batch 10.

use super::Scene;
use crate::data::Preset;
use crate::nn::{Activation, OptimizerKind, TrainConfig};

pub const NAMES: [&str; 3] = ["a", "b", "largest"];

/// (a) circle, hidden [4, 2]; (b) spiral, hidden [8, 8, 8, 8, 8, 8];
/// "largest": spiral, 1,000 points, 8 hidden layers of 32 units.
pub fn scene(name: &str) -> Option<Scene> {
    let (preset, points, hidden): (Preset, usize, &[usize]) = match name {
        "a" => (Preset::Circle, 500, &[4, 2]),
        "b" => (Preset::Spiral, 500, &[8, 8, 8, 8, 8, 8]),
        "largest" => (Preset::Spiral, 1000, &[32; 8]),
        _ => return None,
    };
    let mut scene = Scene::from_preset(preset, points, 0.0, 1);
    scene.hidden = hidden.to_vec();
    scene.layer_activations = vec![None; hidden.len()];
    scene.activation = Activation::Tanh;
    scene.training = TrainConfig {
        learning_rate: 0.03,
        batch_size: 10,
        optimizer: OptimizerKind::Sgd,
        ..TrainConfig::default()
    };
    Some(scene)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scene::Session;

    #[test]
    fn workloads_have_the_stated_shape_and_split() {
        for name in NAMES {
            let s = Session::new(scene(name).unwrap());
            let t = s.trainer();
            let points = if name == "largest" { 1000 } else { 500 };
            assert_eq!(t.train_samples().len() + t.test_samples().len(), points);
            assert_eq!(t.train_samples().len(), points / 2);
        }
        assert!(scene("c").is_none());
    }
}
