//! What a picture was last drawn from, so that a redraw which changes
//! nothing it shows (a hover, a new point, a setting of the page) skips it.
//! A paused network of 8 × 32 units took about 0.8 s a redraw on a
//! phone-class CPU to paint its field and rasterise its links again.

use crate::nn::Network;

/// The weights and the rest of what a picture depends on (`key`), as last drawn.
#[derive(Debug, Default)]
pub struct DrawnFrom {
    network: Option<Network>,
    key: Vec<f32>,
}

impl DrawnFrom {
    /// Whether the picture was drawn from exactly these weights and key.
    pub fn is(&self, network: &Network, key: &[f32]) -> bool {
        self.network.as_ref() == Some(network) && self.key == key
    }

    /// The picture is now of `network` and `key` (copied into the buffers kept).
    pub fn set(&mut self, network: &Network, key: &[f32]) {
        match &mut self.network {
            Some(kept) => kept.clone_from(network),
            None => self.network = Some(network.clone()),
        }
        self.key.clear();
        self.key.extend_from_slice(key);
    }

    /// The picture came from elsewhere (the worker): draw it next time.
    pub fn forget(&mut self) {
        self.network = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::nn::{Activation, Loss, NetworkShape};
    use crate::rng::Rng;

    fn network(seed: u64) -> Network {
        let shape = NetworkShape::uniform(2, &[4, 2], Activation::Tanh, Loss::BinaryCrossEntropy);
        Network::new(&shape, &mut Rng::new(seed))
    }

    #[test]
    fn a_picture_is_drawn_again_only_when_its_weights_or_key_change() {
        let (net, key) = (network(1), [1.0, 2.0]);
        let mut drawn = DrawnFrom::default();
        assert!(!drawn.is(&net, &key), "nothing drawn yet");
        drawn.set(&net, &key);
        assert!(drawn.is(&net, &key));
        assert!(!drawn.is(&net, &[1.0, 3.0]), "another key");
        let mut moved = net.clone();
        moved.layers[1].weights[0] += 1e-6;
        assert!(!drawn.is(&moved, &key), "one weight moved");
        assert!(!drawn.is(&network(2), &key), "other weights");
        drawn.set(&moved, &key);
        assert!(drawn.is(&moved, &key) && !drawn.is(&net, &key));
        drawn.forget();
        assert!(!drawn.is(&moved, &key), "forgotten");
    }
}
