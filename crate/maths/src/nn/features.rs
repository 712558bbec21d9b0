//! Input features derived from a point (x1, x2). Off by default: the lecture's
//! point is that a network learns its own features from the raw inputs.

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Feature {
    X1,
    X2,
    X1Squared,
    X2Squared,
    X1TimesX2,
    SinX1,
    SinX2,
}

impl Feature {
    pub const ALL: [Feature; 7] = [
        Feature::X1,
        Feature::X2,
        Feature::X1Squared,
        Feature::X2Squared,
        Feature::X1TimesX2,
        Feature::SinX1,
        Feature::SinX2,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Feature::X1 => "x1",
            Feature::X2 => "x2",
            Feature::X1Squared => "x1^2",
            Feature::X2Squared => "x2^2",
            Feature::X1TimesX2 => "x1*x2",
            Feature::SinX1 => "sin(x1)",
            Feature::SinX2 => "sin(x2)",
        }
    }

    /// As the page shows it.
    pub fn title(self) -> &'static str {
        match self {
            Feature::X1 => "x1",
            Feature::X2 => "x2",
            Feature::X1Squared => "x1²",
            Feature::X2Squared => "x2²",
            Feature::X1TimesX2 => "x1·x2",
            Feature::SinX1 => "sin x1",
            Feature::SinX2 => "sin x2",
        }
    }

    pub fn from_name(name: &str) -> Option<Feature> {
        Feature::ALL.into_iter().find(|f| f.name() == name)
    }

    fn bit(self) -> u8 {
        1 << (self as u8)
    }

    pub fn of(self, x1: f32, x2: f32) -> f32 {
        match self {
            Feature::X1 => x1,
            Feature::X2 => x2,
            Feature::X1Squared => x1 * x1,
            Feature::X2Squared => x2 * x2,
            Feature::X1TimesX2 => x1 * x2,
            // The same bits on every platform (see `portable`).
            Feature::SinX1 => crate::portable::sin(f64::from(x1)) as f32,
            Feature::SinX2 => crate::portable::sin(f64::from(x2)) as f32,
        }
    }
}

/// Which features feed the network, in `Feature::ALL` order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Features(u8);

impl Default for Features {
    fn default() -> Self {
        Features::RAW
    }
}

impl Features {
    /// Just x1 and x2.
    pub const RAW: Features = Features(0b11);

    /// Exactly these features; None for an empty list.
    pub fn of_list(list: impl IntoIterator<Item = Feature>) -> Option<Features> {
        let bits = list.into_iter().fold(0, |bits, f| bits | f.bit());
        (bits != 0).then_some(Features(bits))
    }

    pub fn contains(self, f: Feature) -> bool {
        self.0 & f.bit() != 0
    }

    /// The set with `f` switched on or off. At least one feature stays on.
    pub fn with(self, f: Feature, on: bool) -> Features {
        let bits = if on {
            self.0 | f.bit()
        } else {
            self.0 & !f.bit()
        };
        if bits == 0 {
            self
        } else {
            Features(bits)
        }
    }

    pub fn count(self) -> usize {
        self.0.count_ones() as usize
    }

    /// The set as bits, one per feature in `Feature::ALL` order.
    pub fn bits(self) -> u8 {
        self.0
    }

    /// The set these bits name; None for none, or a bit past the last feature.
    pub fn from_bits(bits: u8) -> Option<Features> {
        (bits != 0 && bits >> Feature::ALL.len() == 0).then_some(Features(bits))
    }

    pub fn list(self) -> impl Iterator<Item = Feature> {
        Feature::ALL.into_iter().filter(move |&f| self.contains(f))
    }

    /// Appends this point's feature values to `out`.
    pub fn push(self, x1: f32, x2: f32, out: &mut Vec<f32>) {
        out.extend(self.list().map(|f| f.of(x1, x2)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_features_are_the_point_itself() {
        let mut v = Vec::new();
        Features::RAW.push(2.0, -3.0, &mut v);
        assert_eq!(v, [2.0, -3.0]);
    }

    #[test]
    fn derived_features_follow_their_names_and_order() {
        let all = Feature::ALL
            .into_iter()
            .fold(Features::RAW, |s, f| s.with(f, true));
        assert_eq!(all.count(), 7);
        let mut v = Vec::new();
        all.push(2.0, -3.0, &mut v);
        assert_eq!(v[..5], [2.0, -3.0, 4.0, 9.0, -6.0]);
        // sin to within f32 rounding of the platform's.
        assert!(
            (v[5] - 2f32.sin()).abs() <= 1e-7 && (v[6] - (-3f32).sin()).abs() <= 1e-7,
            "{v:?}"
        );
        let only_product = Features::RAW
            .with(Feature::X1TimesX2, true)
            .with(Feature::X1, false)
            .with(Feature::X2, false);
        assert_eq!(only_product.count(), 1);
        assert_eq!(
            only_product.with(Feature::X1TimesX2, false),
            only_product,
            "never empty"
        );
    }
}
