//! The confusion matrix of a classifier: for each true class, how many of
//! its points the network puts in each class (the class it finds most
//! probable, as accuracy counts it).

use crate::nn::loss::argmax;
use crate::nn::{Loss, Network, Samples, Workspace};

/// Rows are the true classes, columns the predicted ones.
#[derive(Clone, Debug, PartialEq)]
pub struct Confusion {
    pub classes: usize,
    /// `counts[actual * classes + predicted]`.
    pub counts: Vec<u32>,
}

impl Confusion {
    pub fn count(&self, actual: usize, predicted: usize) -> u32 {
        self.counts[actual * self.classes + predicted]
    }

    /// Points on the diagonal: those classified right.
    pub fn correct(&self) -> u32 {
        (0..self.classes).map(|c| self.count(c, c)).sum()
    }

    pub fn total(&self) -> u32 {
        self.counts.iter().sum()
    }
}

/// The class the outputs `y` of one point predict, as accuracy counts it:
/// the sigmoid at 0.5 or above is class 1; else the most probable class.
pub fn predicted_class(loss: Loss, y: &[f32]) -> Option<usize> {
    match loss {
        Loss::BinaryCrossEntropy => Some(usize::from(y[0] >= 0.5)),
        Loss::SoftmaxCrossEntropy { .. } => Some(argmax(y)),
        Loss::MeanSquaredError => None,
    }
}

/// The confusion matrix of `network` on `samples`; none for regression.
pub fn confusion(network: &Network, samples: &Samples, ws: &mut Workspace) -> Option<Confusion> {
    let classes = match network.loss {
        Loss::BinaryCrossEntropy => 2,
        Loss::SoftmaxCrossEntropy { classes } => classes,
        Loss::MeanSquaredError => return None,
    };
    let mut counts = vec![0u32; classes * classes];
    if samples.is_empty() {
        return Some(Confusion { classes, counts });
    }
    let units = network.loss.output_units();
    let y = network.forward(&samples.inputs, ws, None);
    for (row, &target) in y.chunks_exact(units).zip(&samples.targets) {
        let predicted = predicted_class(network.loss, row)?;
        let actual = (target.max(0.0) as usize).min(classes - 1);
        counts[actual * classes + predicted.min(classes - 1)] += 1;
    }
    Some(Confusion { classes, counts })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::Preset;
    use crate::scene::{settings, Scene, Session};

    fn trained(classes: usize, epochs: usize) -> Session {
        let mut scene = Scene::from_preset(Preset::Gaussians, 300, 0.3, 3);
        settings::apply(&mut scene, "classes", &classes.to_string()).expect("2 to 4 classes");
        let mut session = Session::new(scene);
        session.train_epochs(epochs);
        session
    }

    #[test]
    fn counts_every_point_once_and_its_diagonal_is_the_accuracy() {
        for classes in [2, 3, 4] {
            for epochs in [0, 30] {
                let session = trained(classes, epochs);
                let t = session.trainer();
                let mut ws = Workspace::new();
                for samples in [t.train_samples(), t.test_samples()] {
                    let m = confusion(&t.network, samples, &mut ws).expect("a classifier");
                    assert_eq!(m.classes, t.network.loss.output_units().max(2));
                    assert_eq!(m.total() as usize, samples.len());
                    let (_, accuracy) = crate::nn::Trainer::evaluate(&t.network, samples, &mut ws);
                    let expected = (accuracy.unwrap() * samples.len() as f32).round() as u32;
                    assert_eq!(m.correct(), expected, "{classes} classes, {epochs} epochs");
                    // Each row holds that class's points.
                    for c in 0..classes {
                        let row: u32 = (0..classes).map(|p| m.count(c, p)).sum();
                        let of_class = samples.targets.iter().filter(|&&t| t as usize == c).count();
                        assert_eq!(row as usize, of_class);
                    }
                }
            }
        }
    }

    #[test]
    fn the_predicted_class_follows_the_outputs() {
        assert_eq!(predicted_class(Loss::BinaryCrossEntropy, &[0.5]), Some(1));
        assert_eq!(predicted_class(Loss::BinaryCrossEntropy, &[0.49]), Some(0));
        let softmax = Loss::SoftmaxCrossEntropy { classes: 3 };
        assert_eq!(predicted_class(softmax, &[0.2, 0.5, 0.3]), Some(1));
        assert_eq!(predicted_class(Loss::MeanSquaredError, &[3.0]), None);
    }

    #[test]
    fn regression_has_none() {
        let session = Session::new(Scene::from_preset(Preset::Plane, 100, 0.0, 1));
        let t = session.trainer();
        assert!(confusion(&t.network, t.train_samples(), &mut Workspace::new()).is_none());
    }
}
