//! A network and what its pictures are drawn over, packed into one flat
//! `f32` buffer: the form in which a playground hands its current weights to
//! the Web Worker that paints its pictures on the other core.
//!
//! Layout: a header (version, field size, feature bits, the domain, the
//! field kind and its scale, the loss and its classes, the layer count),
//! one (inputs, units, activation) triple per layer, each layer's weights
//! and biases, then the diagram's canvas (device pixels wide and high, CSS
//! pixels wide and high, the ratio; all 0 for none). Small integers are
//! exact in an `f32`.

use super::colors::Palette;
use super::field::FieldKind;
use super::links::Diagram;
use crate::data::Domain;
use crate::decimal::Shortest;
use crate::nn::{Activation, Features, Layer, Loss, Network};

const VERSION: f32 = 2.0;
const TRAILER: usize = 5;
/// Largest canvas side, in device pixels, a snapshot may name.
const MOST_PIXELS: usize = 16_384;
const HEADER: usize = 12;
/// Most units a layer can have in a snapshot (the page allows 32).
const MOST_UNITS: usize = 64;
/// Most layers (the page allows 8 hidden and the output).
const MOST_LAYERS: usize = 16;

/// What the painter needs: the network, the input features and square, how
/// the output is coloured, the colour field's cells per side, and the
/// diagram whose crowded links it draws (None: the page draws them).
#[derive(Clone, Debug, PartialEq)]
pub struct Snapshot {
    pub network: Network,
    pub features: Features,
    pub domain: Domain,
    pub kind: FieldKind,
    pub field_size: usize,
    pub diagram: Option<Diagram>,
}

/// Everything a snapshot holds but the weights and the field size: what a
/// set of pictures is a picture of. Pictures painted from one network fit
/// another with the same key.
pub fn shape_key(net: &Network, features: Features, domain: Domain, kind: FieldKind) -> Vec<f32> {
    let (kind, scale) = match kind {
        FieldKind::Classes { palette } => (0.0, palette.index() as f32),
        FieldKind::Value { scale } => (1.0, scale),
    };
    let (loss, classes) = match net.loss {
        Loss::BinaryCrossEntropy => (0.0, 0.0),
        Loss::SoftmaxCrossEntropy { classes } => (1.0, classes as f32),
        Loss::MeanSquaredError => (2.0, 0.0),
    };
    let mut key = vec![
        features.bits() as f32,
        domain.x1.0,
        domain.x1.1,
        domain.x2.0,
        domain.x2.1,
        kind,
        scale,
        loss,
        classes,
        net.layers.len() as f32,
    ];
    for layer in &net.layers {
        let activation = Activation::ALL
            .iter()
            .position(|&a| a == layer.activation)
            .unwrap_or(0);
        key.extend([layer.inputs as f32, layer.units as f32, activation as f32]);
    }
    key
}

impl Snapshot {
    pub fn encode(&self) -> Vec<f32> {
        let mut out = vec![VERSION, self.field_size as f32];
        out.extend(shape_key(
            &self.network,
            self.features,
            self.domain,
            self.kind,
        ));
        for layer in &self.network.layers {
            out.extend_from_slice(&layer.weights);
            out.extend_from_slice(&layer.biases);
        }
        out.extend(match self.diagram {
            Some(d) => [
                d.pixels.0 as f32,
                d.pixels.1 as f32,
                d.css.0,
                d.css.1,
                d.ratio,
            ],
            None => [0.0; TRAILER],
        });
        out
    }

    /// This snapshot's `shape_key`.
    pub fn key(&self) -> Vec<f32> {
        shape_key(&self.network, self.features, self.domain, self.kind)
    }

    /// The snapshot `data` holds, or what is wrong with it.
    pub fn decode(data: &[f32]) -> Result<Snapshot, String> {
        let header = data.get(..HEADER).ok_or("snapshot: too short")?;
        if header[0] != VERSION {
            return Err(format!(
                "snapshot: version {} is not {}",
                Shortest(header[0]),
                Shortest(VERSION)
            ));
        }
        let whole = |v: f32, most: usize, what: &str| {
            let ok = v.fract() == 0.0 && v >= 0.0 && v <= most as f32;
            ok.then_some(v as usize)
                .ok_or_else(|| format!("snapshot: {what} {} is out of range", Shortest(v)))
        };
        let field_size = whole(header[1], 1024, "field size")?.max(1);
        let features = Features::from_bits(whole(header[2], 255, "features")? as u8)
            .ok_or("snapshot: no features")?;
        let domain = Domain {
            x1: (header[3], header[4]),
            x2: (header[5], header[6]),
        };
        if !header[3..7].iter().all(|v| v.is_finite()) {
            return Err("snapshot: the domain is not finite".into());
        }
        let kind = match whole(header[7], 1, "field kind")? {
            0 => FieldKind::Classes {
                palette: Palette::from_index(whole(header[8], Palette::ALL.len() - 1, "palette")?)
                    .ok_or("snapshot: no such palette")?,
            },
            _ => FieldKind::Value { scale: header[8] },
        };
        let loss = match whole(header[9], 2, "loss")? {
            0 => Loss::BinaryCrossEntropy,
            1 => Loss::SoftmaxCrossEntropy {
                classes: whole(header[10], MOST_UNITS, "classes")?,
            },
            _ => Loss::MeanSquaredError,
        };
        let count = whole(header[11], MOST_LAYERS, "layer count")?;
        let shapes = data
            .get(HEADER..HEADER + 3 * count)
            .ok_or("snapshot: too short for its layers")?;
        let mut rest = &data[HEADER + 3 * count..];
        let mut layers = Vec::with_capacity(count);
        for shape in shapes.chunks_exact(3) {
            let inputs = whole(shape[0], MOST_UNITS, "inputs")?;
            let units = whole(shape[1], MOST_UNITS, "units")?;
            let activation =
                Activation::ALL[whole(shape[2], Activation::ALL.len() - 1, "activation")?];
            let want = inputs * units + units;
            if rest.len() < want {
                return Err("snapshot: too short for its weights".into());
            }
            layers.push(Layer {
                inputs,
                units,
                weights: rest[..inputs * units].to_vec(),
                biases: rest[inputs * units..want].to_vec(),
                activation,
            });
            rest = &rest[want..];
        }
        let chained = layers.windows(2).all(|p| p[0].units == p[1].inputs);
        if layers.is_empty()
            || layers[0].inputs != features.count()
            || !chained
            || rest.len() != TRAILER
        {
            return Err("snapshot: the layers do not fit together".into());
        }
        let diagram = match whole(rest[0], MOST_PIXELS, "diagram width")? {
            0 => None,
            width => {
                let positive = |v: f32| v.is_finite() && v > 0.0;
                if !rest[2..].iter().all(|&v| positive(v)) {
                    return Err("snapshot: the diagram's size is not positive".into());
                }
                Some(Diagram {
                    pixels: (width, whole(rest[1], MOST_PIXELS, "diagram height")?),
                    css: (rest[2], rest[3]),
                    ratio: rest[4],
                })
            }
        };
        Ok(Snapshot {
            network: Network { layers, loss },
            features,
            domain,
            kind,
            field_size,
            diagram,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::nn::NetworkShape;
    use crate::rng::Rng;

    fn snapshot(kind: FieldKind, loss: Loss, features: Features) -> Snapshot {
        let shape = NetworkShape {
            inputs: features.count(),
            hidden: vec![5, 3],
            activations: vec![Activation::Tanh, Activation::Swish],
            loss,
        };
        Snapshot {
            network: Network::new(&shape, &mut Rng::new(3)),
            features,
            domain: Domain {
                x1: (-6.0, 6.0),
                x2: (-5.0, 7.5),
            },
            kind,
            field_size: 256,
            diagram: None,
        }
    }

    #[test]
    fn snapshots_round_trip() {
        let all = crate::nn::Feature::ALL
            .into_iter()
            .fold(Features::RAW, |s, f| s.with(f, true));
        for s in [
            snapshot(
                FieldKind::Classes {
                    palette: Palette::RedGreen,
                },
                Loss::BinaryCrossEntropy,
                Features::RAW,
            ),
            snapshot(
                FieldKind::Classes {
                    palette: Palette::ColorBlind,
                },
                Loss::SoftmaxCrossEntropy { classes: 3 },
                all,
            ),
            snapshot(
                FieldKind::Value { scale: 2.5 },
                Loss::MeanSquaredError,
                Features::RAW,
            ),
        ] {
            assert_eq!(Snapshot::decode(&s.encode()), Ok(s.clone()));
            let diagram = Some(Diagram {
                pixels: (1203, 641),
                css: (802.0, 427.333),
                ratio: 1.5,
            });
            let drawn = Snapshot { diagram, ..s };
            assert_eq!(Snapshot::decode(&drawn.encode()), Ok(drawn));
        }
    }

    #[test]
    fn broken_snapshots_are_refused_not_a_panic() {
        let good = snapshot(
            FieldKind::Classes {
                palette: Palette::RedGreen,
            },
            Loss::BinaryCrossEntropy,
            Features::RAW,
        )
        .encode();
        for cut in 0..good.len() {
            assert!(Snapshot::decode(&good[..cut]).is_err(), "cut at {cut}");
        }
        let mut long = good.clone();
        long.push(0.0);
        assert!(Snapshot::decode(&long).is_err());
        for (at, bad) in [
            (0, 1.0),
            (1, -1.0),
            (2, 0.0),
            (2, 0.5),
            (7, 5.0),
            (11, 99.0),
            (12, 3.0),
            (14, 70.0),
        ] {
            let mut v = good.clone();
            v[at] = bad;
            assert!(Snapshot::decode(&v).is_err(), "[{at}] = {bad}");
        }
        let mut nan = good.clone();
        nan[3] = f32::NAN;
        assert!(Snapshot::decode(&nan).is_err());
        // The diagram trailer: a fractional or huge width, a size or ratio not positive.
        let end = good.len();
        for (from_end, bad) in [(5, 0.5), (5, 1e6), (4, -3.0), (3, 0.0), (1, f32::NAN)] {
            let mut v = good.clone();
            v[end - 5..].copy_from_slice(&[600.0, 400.0, 600.0, 400.0, 1.0]);
            assert!(Snapshot::decode(&v).is_ok());
            v[end - from_end] = bad;
            assert!(Snapshot::decode(&v).is_err(), "[end - {from_end}] = {bad}");
        }
    }
}
