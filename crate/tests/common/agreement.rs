//! One seeded training run, shared by the native and the wasm side of the
//! agreement test: the same code must give the same losses in both.

use descent::data::{self, Preset};
use descent::nn::*;
use descent::rng::Rng;

/// Per epoch of each configuration: training loss and test loss.
pub fn losses() -> Vec<(f32, f32)> {
    let configs = [
        (Activation::Tanh, OptimizerKind::Sgd, 0.0),
        (Activation::Relu, OptimizerKind::Adam, 0.2),
        (Activation::Sigmoid, OptimizerKind::RmsProp, 0.0),
        (Activation::Swish, OptimizerKind::Nesterov, 0.1),
    ];
    let mut out = Vec::new();
    for (activation, optimizer, dropout) in configs {
        let mut rng = Rng::new(17);
        let mut points = Preset::Spiral.generate(200, 0.2, &mut rng);
        data::split(&mut points, 0.5, &mut rng);
        let (train, test) = data::split_samples(&points, Features::RAW);
        let config = TrainConfig {
            learning_rate: 0.01,
            batch_size: 10,
            optimizer,
            dropout,
            ..TrainConfig::default()
        };
        let shape = NetworkShape::uniform(2, &[8, 8], activation, Loss::BinaryCrossEntropy);
        let mut trainer = Trainer::new(&shape, config, train, test, 5);
        for _ in 0..30 {
            trainer.step_epoch();
        }
        out.extend(
            trainer
                .history()
                .iter()
                .map(|r| (r.train_loss, r.test_loss.unwrap())),
        );
    }
    out
}
