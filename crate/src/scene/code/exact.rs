//! What "PyTorch, this run" adds to the plain program: the page's initial
//! weights, and its generator (SplitMix64) in Python for the batch order
//! and the dropout masks, started where the page's stands after drawing the
//! weights.

use super::{fill, py};
use crate::nn::Network;
use crate::scene::{session::Session, Scene};

/// The page's generator in Python: the same integers, the same shuffles,
/// the same uniform numbers as `rng::Rng`.
pub(super) const PAGE_RANDOM: &str = r#"class PageRandom:
    """The page's random numbers (SplitMix64), for its batch order and dropout."""

    MASK = (1 << 64) - 1

    def __init__(self, state):
        self.state = state

    def next(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & self.MASK
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & self.MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & self.MASK
        return z ^ (z >> 31)

    def uniform(self):
        return (self.next() >> 40) / (1 << 24)

    def shuffled(self, n):
        """0..n-1 in the page's order for one epoch (Fisher-Yates)."""
        order = list(range(n))
        for i in range(n - 1, 0, -1):
            j = ((self.next() >> 32) * (i + 1)) >> 32
            order[i], order[j] = order[j], order[i]
        return order


class PageDropout(nn.Module):
    """Inverted dropout with the page's generator: one draw per unit, row by
    row, layer by layer, so the same units drop as on the page."""

    def __init__(self, rate, random):
        super().__init__()
        self.rate, self.random = np.float32(rate), random  # the page's rate is a float32

    def forward(self, x):
        if not self.training:
            return x
        keep = 1 / (1 - self.rate)
        rows, units = x.shape
        mask = [[0.0 if self.random.uniform() < self.rate else keep for _ in range(units)]
                for _ in range(rows)]
        return x * torch.tensor(mask, dtype=torch.float32)
"#;

/// The run Reset starts from this scene: its untrained network and the
/// state of its generator just after drawing the weights.
pub(super) fn start_of_run(scene: &Scene) -> (Network, u64) {
    let trainer = Session::build_trainer(scene);
    (trainer.network.clone(), trainer.rng().state())
}

fn row(values: impl Iterator<Item = f32>) -> String {
    let texts: Vec<String> = values.map(py).collect();
    format!("[{}]", texts.join(", "))
}

/// The initial weights and biases as Python lists, one (weight, bias) pair
/// per layer, weights as torch keeps them: a row per unit, a column per input.
pub(super) fn initial_weights(scene: &Scene, network: &Network) -> String {
    let layers: Vec<String> = network
        .layers
        .iter()
        .map(|layer| {
            // The page keeps weights[k * units + j] (input k, unit j).
            let rows: Vec<String> = (0..layer.units)
                .map(|j| row((0..layer.inputs).map(|k| layer.weights[k * layer.units + j])))
                .collect();
            format!(
                "    ([{}],\n     {}),",
                rows.join(",\n      "),
                row(layer.biases.iter().copied())
            )
        })
        .collect();
    fill(
        r#"# The page's initial weights for seed $seed (what Reset draws), as
# (weight, bias) per layer; a weight row per unit, a column per input.
initial = [
$layers
]
with torch.no_grad():
    for layer, (weight, bias) in zip(linear, initial):
        layer.weight.copy_(torch.tensor(weight))
        layer.bias.copy_(torch.tensor(bias))
"#,
        &[
            ("seed", scene.seed.to_string()),
            ("layers", layers.join("\n")),
        ],
    )
}
