//! Seeded runs shared by the native and the wasm side of the bit-identity
//! test: every optimiser with every activation, and a network of narrow
//! layers, trained 100 epochs from the same seed on the same generated data
//! (noise, sin features, dropout, L2).
//! Each run is summed up as a hash of the bits of every weight, every bias
//! and every recorded loss; `fixtures/seeded-runs.txt` holds the hashes the
//! native build computes, and both builds must match it to the bit.

use descent::data::Preset;
use descent::nn::{Activation, OptimizerKind};
use descent::scene::{Scene, Session};

const EPOCHS: usize = 100;

/// FNV-1a over 32-bit words.
fn hash(words: impl IntoIterator<Item = u32>) -> u64 {
    words.into_iter().fold(0xcbf2_9ce4_8422_2325, |h, w| {
        w.to_le_bytes()
            .iter()
            .fold(h, |h, &b| (h ^ b as u64).wrapping_mul(0x0100_0000_01b3))
    })
}

/// One run: its name and the hash of everything it computed.
fn run(name: String, settings: &[(&str, &str)]) -> (String, u64) {
    let mut session = Session::new(Scene::default());
    // Spiral points with noise: the generator's sin, cos and normal samples.
    session.load_preset(Preset::Spiral, 200, 0.3);
    for &(key, value) in settings {
        session
            .set(key, value)
            .unwrap_or_else(|e| panic!("{name}: {e}"));
    }
    session.train_epochs(EPOCHS);
    let trainer = session.trainer();
    let weights = trainer
        .network
        .layers
        .iter()
        .flat_map(|l| l.weights.iter().chain(&l.biases))
        .map(|w| w.to_bits());
    let losses = trainer
        .history()
        .iter()
        .flat_map(|r| [r.train_loss, r.test_loss.unwrap_or(f32::NAN)].map(f32::to_bits));
    (name, hash(weights.chain(losses)))
}

/// Every run, in a fixed order: `(name, hash)`.
pub fn runs() -> Vec<(String, u64)> {
    let mut out = Vec::new();
    for optimizer in OptimizerKind::ALL {
        for activation in Activation::ALL {
            let name = format!("{} {}", optimizer.name(), activation.name());
            out.push(run(
                name,
                &[
                    ("hidden", "6,4"),
                    ("features", "x1,x2,sin(x1),sin(x2)"),
                    ("activation", activation.name()),
                    ("optimizer", optimizer.name()),
                    ("learning-rate", "0.03"),
                    ("dropout", "0.1"),
                    ("regularization", "l2"),
                    ("regularization-rate", "0.001"),
                    ("seed", "7"),
                ],
            ));
        }
    }
    // Layers of 5 to 8 inputs and 1 to 3 units: the narrow kernels whose
    // units are padded to a vector's four lanes (nn::matrix).
    out.push(run(
        "narrow layers".into(),
        &[
            ("hidden", "8,3,6,2,5,1"),
            ("features", "x1,x2,sin(x1),sin(x2)"),
            ("optimizer", "adam"),
            ("learning-rate", "0.01"),
            ("seed", "7"),
        ],
    ));
    out
}

/// The runs as the fixture's text: `name hash` a line.
pub fn text(runs: &[(String, u64)]) -> String {
    runs.iter()
        .map(|(n, h)| format!("{n} {h:016x}\n"))
        .collect()
}
