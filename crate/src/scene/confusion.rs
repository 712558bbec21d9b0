//! The confusion matrix of a classifier: for each true class, how many of
//! its points the network puts in each class (the class it finds most
//! probable, as accuracy counts it).

use crate::data::Point;
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

fn classes_of(loss: Loss) -> Option<usize> {
    match loss {
        Loss::BinaryCrossEntropy => Some(2),
        Loss::SoftmaxCrossEntropy { classes } => Some(classes),
        Loss::MeanSquaredError => None,
    }
}

/// Each training (or, with `test`, test) point of the scene with its true
/// and predicted class, from the model's `outputs` for every point
/// (`Session::predict_points`, the same outputs the data canvas rings).
fn cells<'a>(
    loss: Loss,
    points: &'a [Point],
    outputs: &'a [f32],
    test: bool,
) -> impl Iterator<Item = (usize, usize, usize)> + 'a {
    let classes = classes_of(loss).unwrap_or(1);
    let units = loss.output_units();
    points
        .iter()
        .zip(outputs.chunks_exact(units))
        .enumerate()
        .filter(move |(_, (p, _))| p.test == test)
        .filter_map(move |(i, (p, y))| {
            let predicted = predicted_class(loss, y)?.min(classes - 1);
            let actual = (p.label.max(0.0) as usize).min(classes - 1);
            Some((i, actual, predicted))
        })
}

/// The confusion matrix of the scene's training (or test) points, from the
/// model's outputs for every point; none for regression.
pub fn of_points(loss: Loss, points: &[Point], outputs: &[f32], test: bool) -> Option<Confusion> {
    let classes = classes_of(loss)?;
    let mut counts = vec![0u32; classes * classes];
    for (_, actual, predicted) in cells(loss, points, outputs, test) {
        counts[actual * classes + predicted] += 1;
    }
    Some(Confusion { classes, counts })
}

/// The scene's indices of the points in one cell: of class `actual`,
/// predicted `predicted`, training (or test) points.
pub fn points_in_cell(
    loss: Loss,
    points: &[Point],
    outputs: &[f32],
    test: bool,
    (actual, predicted): (usize, usize),
) -> Vec<usize> {
    cells(loss, points, outputs, test)
        .filter(|&(_, a, p)| (a, p) == (actual, predicted))
        .map(|(i, _, _)| i)
        .collect()
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

    /// From the outputs the canvas rings, the same counts as the network's
    /// own pass over each set (more points than one evaluation chunk), and
    /// each cell's points are its count.
    #[test]
    fn the_canvas_outputs_give_the_same_matrix_and_each_cells_points() {
        for classes in [2, 4] {
            let mut scene = Scene::from_preset(Preset::Gaussians, 1400, 0.5, 7);
            settings::apply(&mut scene, "classes", &classes.to_string()).unwrap();
            let mut session = Session::new(scene);
            session.train_epochs(3);
            let outputs = session.predict_points();
            let (points, t) = (&session.scene().points, session.trainer());
            let loss = t.network.loss;
            let mut ws = Workspace::new();
            for (test, samples) in [(false, t.train_samples()), (true, t.test_samples())] {
                assert!(samples.len() > 512);
                let m = of_points(loss, points, &outputs, test).unwrap();
                assert_eq!(Some(&m), confusion(&t.network, samples, &mut ws).as_ref());
                assert!(m.correct() > 0 && m.correct() < m.total(), "{m:?}");
                for a in 0..classes {
                    for p in 0..classes {
                        let cell = points_in_cell(loss, points, &outputs, test, (a, p));
                        assert_eq!(cell.len() as u32, m.count(a, p));
                        for i in cell {
                            assert_eq!((points[i].test, points[i].label as usize), (test, a));
                        }
                    }
                }
            }
        }
        let plane = Session::new(Scene::from_preset(Preset::Plane, 10, 0.0, 1));
        assert!(of_points(
            Loss::MeanSquaredError,
            &plane.scene().points,
            &[0.0; 10],
            false
        )
        .is_none());
    }
}
