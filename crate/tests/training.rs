//! What each part of training claims, shown on small runs.
#![cfg(not(target_arch = "wasm32"))]

use descent::data::{self, Point, Preset};
use descent::nn::*;
use descent::rng::Rng;

fn xor_samples(n: usize, seed: u64) -> Samples {
    let points = Preset::Xor.generate(n, 0.0, &mut Rng::new(seed));
    data::samples(&points, Features::RAW)
}

fn trainer(
    hidden: &[usize],
    activation: Activation,
    config: TrainConfig,
    train: Samples,
    test: Samples,
) -> Trainer {
    let shape = NetworkShape::uniform(train.width, hidden, activation, Loss::BinaryCrossEntropy);
    Trainer::new(&shape, config, train, test, 42)
}

/// A trainer on 200 XOR points (no test set), after `epochs` epochs.
fn trained_on_xor(
    hidden: &[usize],
    activation: Activation,
    config: TrainConfig,
    epochs: usize,
) -> Trainer {
    let mut t = trainer(
        hidden,
        activation,
        config,
        xor_samples(200, 3),
        Samples::default(),
    );
    for _ in 0..epochs {
        t.step_epoch();
    }
    t
}

fn train_accuracy(t: &Trainer) -> f32 {
    t.history().last().unwrap().train_accuracy.unwrap()
}

fn weight_norm(net: &Network) -> f32 {
    net.layers
        .iter()
        .flat_map(|l| &l.weights)
        .map(|w| w * w)
        .sum::<f32>()
        .sqrt()
}

#[test]
fn the_lectures_perceptron_gives_minus_six_and_sigmoid_of_it() {
    // w0 = 1 (bias), w = (3, -2); the point x = (-1, 2).
    let shape = NetworkShape::uniform(2, &[], Activation::Linear, Loss::BinaryCrossEntropy);
    let mut net = Network::new(&shape, &mut Rng::new(0));
    net.layers[0].weights = vec![3.0, -2.0];
    net.layers[0].biases = vec![1.0];
    let mut ws = Workspace::new();
    let y = net.forward(&[-1.0, 2.0], &mut ws, None)[0];
    assert_eq!(ws.pre_activations(0), [-6.0]);
    assert!((y - 0.002_472_623).abs() < 1e-7, "sigmoid(-6) = {y}");
}

#[test]
fn the_same_seed_gives_bit_identical_weights_after_100_steps() {
    let run = |seed| {
        let config = TrainConfig {
            dropout: 0.2,
            optimizer: OptimizerKind::Adam,
            learning_rate: 0.01,
            ..TrainConfig::default()
        };
        let shape = NetworkShape::uniform(2, &[8, 8], Activation::Relu, Loss::BinaryCrossEntropy);
        let mut t = Trainer::new(
            &shape,
            config,
            xor_samples(200, 1),
            Samples::default(),
            seed,
        );
        for _ in 0..100 {
            t.step_batch();
        }
        t.network
    };
    assert_eq!(run(7), run(7));
    assert_ne!(run(7), run(8));
}

#[test]
fn every_optimiser_learns_xor_with_a_2_8_8_1_tanh_network() {
    // Learning rates are each optimiser's usual range; the epoch budget is the claim.
    const EPOCH_BUDGET: usize = 25;
    let rates = [
        (OptimizerKind::Sgd, 0.1),
        (OptimizerKind::Momentum, 0.02),
        (OptimizerKind::Nesterov, 0.02),
        (OptimizerKind::RmsProp, 0.005),
        (OptimizerKind::Adagrad, 0.05),
        (OptimizerKind::Adam, 0.005),
    ];
    for (optimizer, learning_rate) in rates {
        let config = TrainConfig {
            optimizer,
            learning_rate,
            batch_size: 10,
            ..TrainConfig::default()
        };
        let mut t = trainer(
            &[8, 8],
            Activation::Tanh,
            config,
            xor_samples(200, 3),
            Samples::default(),
        );
        let mut reached = None;
        for _ in 0..EPOCH_BUDGET {
            t.step_epoch();
            if train_accuracy(&t) >= 0.95 {
                reached = Some(t.epoch());
                break;
            }
        }
        println!("{}: 95% at epoch {:?}", optimizer.name(), reached);
        assert!(
            reached.is_some(),
            "{} stayed at {:.3}",
            optimizer.name(),
            train_accuracy(&t)
        );
    }
}

#[test]
fn a_line_plus_a_line_is_still_a_line() {
    // With linear activation no depth gets past what one line can do on XOR (75%).
    for hidden in [&[][..], &[8], &[8, 8, 8], &[32, 32, 32, 32, 32, 32, 32, 32]] {
        let config = TrainConfig {
            optimizer: OptimizerKind::Adam,
            learning_rate: 0.01,
            ..TrainConfig::default()
        };
        let mut t = trainer(
            hidden,
            Activation::Linear,
            config,
            xor_samples(200, 3),
            Samples::default(),
        );
        let best = (0..200).map(|_| {
            t.step_epoch();
            train_accuracy(&t)
        });
        let best = best.fold(0.0f32, f32::max);
        assert!(best < 0.8, "linear {hidden:?} reached {best}");
    }
    // …while the same depth with tanh gets there (the test can tell them apart).
    let config = TrainConfig {
        optimizer: OptimizerKind::Adam,
        learning_rate: 0.01,
        ..TrainConfig::default()
    };
    let t = trained_on_xor(&[8, 8, 8], Activation::Tanh, config, 100);
    assert!(train_accuracy(&t) >= 0.95);
}

#[test]
fn dropout_keeps_the_mean_activation_and_is_off_at_prediction() {
    let shape = NetworkShape::uniform(2, &[32, 32], Activation::Relu, Loss::BinaryCrossEntropy);
    let net = Network::new(&shape, &mut Rng::new(4));
    let mut rng = Rng::new(5);
    let x: Vec<f32> = (0..2 * 2000).map(|_| rng.range(-3.0, 3.0)).collect();
    let mut plain = Workspace::new();
    net.forward(&x, &mut plain, None);
    for rate in [0.1, 0.5, 0.9] {
        let mut ws = Workspace::new();
        let mut drng = Rng::new(6);
        net.forward(
            &x,
            &mut ws,
            Some(Dropout {
                rate,
                rng: &mut drng,
            }),
        );
        let mask = ws.dropout_mask(0).unwrap();
        let dropped = mask.iter().filter(|&&m| m == 0.0).count() as f32 / mask.len() as f32;
        assert!(
            (dropped - rate).abs() < 0.01,
            "rate {rate}: dropped {dropped}"
        );
        let a = ws.activations(0);
        let mean_plain: f32 = plain.activations(0).iter().sum::<f32>() / a.len() as f32;
        let mean_kept: f32 = a.iter().zip(mask).map(|(a, m)| a * m).sum::<f32>() / a.len() as f32;
        assert!(
            (mean_kept - mean_plain).abs() < 0.03 * mean_plain,
            "rate {rate}: mean {mean_kept} vs {mean_plain}"
        );
    }
    // A trainer with dropout predicts deterministically, exactly as the bare network does.
    let config = TrainConfig {
        dropout: 0.5,
        ..TrainConfig::default()
    };
    let data = xor_samples(100, 2);
    let mut t = trainer(
        &[8],
        Activation::Tanh,
        config,
        data.clone(),
        Samples::default(),
    );
    t.step_epoch();
    let mut ws = Workspace::new();
    let (a, _) = Trainer::evaluate(&t.network, &data, &mut ws);
    let (b, _) = Trainer::evaluate(&t.network, &data, &mut ws);
    assert_eq!(a, b);
    assert_eq!(t.history().last().unwrap().train_loss, a);
    assert!(ws.dropout_mask(0).is_none());
}

#[test]
fn l2_ends_with_smaller_weights_and_l1_with_sparser_ones() {
    let run = |regularization| {
        let config = TrainConfig {
            regularization,
            learning_rate: 0.05,
            ..TrainConfig::default()
        };
        let t = trained_on_xor(&[8, 8], Activation::Tanh, config, 100);
        t.network
    };
    let plain = run(Regularization::NONE);
    let l2 = run(Regularization {
        penalty: Penalty::L2,
        rate: 0.01,
    });
    let l1 = run(Regularization {
        penalty: Penalty::L1,
        rate: 0.01,
    });
    assert!(
        weight_norm(&l2) < 0.8 * weight_norm(&plain),
        "{} vs {}",
        weight_norm(&l2),
        weight_norm(&plain)
    );
    let small = |n: &Network| {
        n.layers
            .iter()
            .flat_map(|l| &l.weights)
            .filter(|w| w.abs() < 0.01)
            .count()
    };
    assert!(
        small(&l1) > small(&plain) + 10,
        "L1 {} vs plain {}",
        small(&l1),
        small(&plain)
    );
}

#[test]
fn early_stopping_restores_the_epoch_with_the_lowest_test_loss() {
    // Few noisy points and a big network: the test loss turns up as it overfits.
    let mut rng = Rng::new(8);
    let mut points: Vec<Point> = Preset::Gaussians.generate(60, 1.0, &mut rng);
    data::split(&mut points, 0.5, &mut rng);
    let (train, test) = data::split_samples(&points, Features::RAW);
    let config = TrainConfig {
        optimizer: OptimizerKind::Adam,
        learning_rate: 0.01,
        batch_size: 5,
        early_stopping: Some(30),
        ..TrainConfig::default()
    };
    let mut t = trainer(&[32, 32, 32], Activation::Relu, config, train, test.clone());
    for _ in 0..2000 {
        if t.step_epoch() != Status::Training {
            break;
        }
    }
    let Status::EarlyStopped { best_epoch } = t.status() else {
        panic!("never stopped: {:?} at epoch {}", t.status(), t.epoch());
    };
    let history = t.history();
    let lowest = history
        .iter()
        .map(|r| r.test_loss.unwrap())
        .fold(f32::INFINITY, f32::min);
    assert_eq!(history[best_epoch].test_loss, Some(lowest));
    assert_eq!(
        t.epoch(),
        best_epoch + 30,
        "stopped after exactly the patience"
    );
    assert!(
        history.last().unwrap().test_loss.unwrap() > lowest,
        "it did overfit"
    );
    let (restored, _) = Trainer::evaluate(&t.network, &test, &mut Workspace::new());
    assert_eq!(
        restored, lowest,
        "the restored weights are the best epoch's"
    );
    let shown = t.current_record().unwrap();
    assert_eq!(
        shown.epoch, best_epoch,
        "the losses shown are the restored epoch's"
    );
    assert_eq!(shown.test_loss, Some(restored));
}

#[test]
fn a_huge_learning_rate_is_reported_as_divergence() {
    let config = TrainConfig {
        learning_rate: 1e9,
        ..TrainConfig::default()
    };
    let mut t = trainer(
        &[8, 8],
        Activation::Relu,
        config,
        xor_samples(200, 3),
        Samples::default(),
    );
    let mut status = Status::Training;
    for _ in 0..50 {
        status = t.step_epoch();
    }
    assert_eq!(status, Status::Diverged);
    let epoch = t.epoch();
    t.step_epoch();
    assert_eq!(t.epoch(), epoch, "a diverged run does not go on by itself");
}

#[test]
fn a_batch_whose_outputs_are_not_finite_stops_training_there() {
    let mut t = trainer(
        &[4],
        Activation::Tanh,
        TrainConfig::default(),
        xor_samples(200, 3),
        Samples::default(),
    );
    assert_eq!(t.step_batch(), Status::Training);
    t.network.layers[1].biases[0] = f32::NAN;
    assert_eq!(t.step_batch(), Status::Diverged);
    assert_eq!((t.epoch(), t.batch_in_epoch()), (0, 2), "stopped mid-epoch");
}

#[test]
fn adam_at_a_learning_rate_of_ten_is_reported_as_divergence() {
    for activation in [Activation::Tanh, Activation::Relu] {
        let config = TrainConfig {
            learning_rate: 10.0,
            optimizer: OptimizerKind::Adam,
            ..TrainConfig::default()
        };
        let t = trained_on_xor(&[4, 2], activation, config, 100);
        assert_eq!(t.status(), Status::Diverged, "{}", activation.name());
    }
    // A sane rate on the same run does not trip it.
    let config = TrainConfig {
        learning_rate: 0.01,
        optimizer: OptimizerKind::Adam,
        ..TrainConfig::default()
    };
    let t = trained_on_xor(&[4, 2], Activation::Tanh, config, 100);
    assert_eq!(t.status(), Status::Training);
}

#[test]
fn batch_steps_add_up_to_epochs() {
    let mut t = trainer(
        &[4],
        Activation::Tanh,
        TrainConfig::default(),
        xor_samples(95, 3),
        Samples::default(),
    );
    for _ in 0..9 {
        t.step_batch();
    }
    assert_eq!((t.epoch(), t.batch_in_epoch()), (0, 9));
    t.step_batch(); // 95 points, batches of 10: the tenth batch has 5 and ends the epoch
    assert_eq!((t.epoch(), t.batch_in_epoch()), (1, 0));
    assert_eq!(t.history().len(), 2);
}

#[test]
fn an_hours_history_stays_bounded_and_keeps_both_ends() {
    let config = TrainConfig {
        batch_size: 20,
        ..TrainConfig::default()
    };
    let mut t = trainer(
        &[2],
        Activation::Tanh,
        config,
        xor_samples(20, 4),
        Samples::default(),
    );
    let epochs = descent::nn::trainer::MAX_HISTORY + 5_000;
    for _ in 0..epochs {
        t.step_epoch();
    }
    let history = t.history();
    assert!(
        history.len() <= descent::nn::trainer::MAX_HISTORY,
        "{} records",
        history.len()
    );
    assert!(history.len() > descent::nn::trainer::MAX_HISTORY / 2);
    assert_eq!(history[0].epoch, 0, "where training started");
    assert_eq!(history.last().unwrap().epoch, epochs, "and where it is now");
    assert!(history.windows(2).all(|w| w[0].epoch < w[1].epoch));
}

/// A network of no hidden layer whose logits are `w · x` for one input.
fn one_input_network(loss: Loss, weights: &[f32]) -> Network {
    let shape = NetworkShape::uniform(1, &[], Activation::Linear, loss);
    let mut net = Network::new(&shape, &mut Rng::new(1));
    net.layers[0].weights.copy_from_slice(weights);
    net.layers[0].biases.fill(0.0);
    net
}

/// ln Σ e^zi − z_target in f64, as max − z_target + ln(1 + Σ others e^(zi − max)).
fn log_sum_exp_cross_entropy(z: &[f64], target: usize) -> f64 {
    let top = (0..z.len()).fold(0, |b, i| if z[i] > z[b] { i } else { b });
    let others: f64 = (0..z.len())
        .filter(|&i| i != top)
        .map(|i| (z[i] - z[top]).exp())
        .sum();
    z[top] - z[target] + others.ln_1p()
}

#[test]
fn the_shown_loss_is_log_sum_exp_cross_entropy_even_for_confidently_wrong_points() {
    // Inputs x with logit z = x; targets 0, so the larger x, the more wrong.
    let xs = [15.0f32, 16.5, 25.0, 40.0, -15.0, -30.0, 0.25];
    let samples = Samples {
        inputs: xs.to_vec(),
        targets: vec![0.0; xs.len()],
        width: 1,
    };
    let mut ws = Workspace::new();
    for (i, &x) in xs.iter().enumerate() {
        let one = Samples {
            inputs: vec![x],
            targets: vec![0.0],
            width: 1,
        };
        let net = one_input_network(Loss::BinaryCrossEntropy, &[1.0]);
        let (shown, _) = Trainer::evaluate(&net, &one, &mut ws);
        let exact = log_sum_exp_cross_entropy(&[0.0, x as f64], 0);
        assert!(
            (shown as f64 - exact).abs() <= 1e-6 * exact.max(1e-6),
            "point {i}: z = {x}, target 0: shown {shown}, log-sum-exp {exact}"
        );
    }
    // Three classes, logits (x, −x, 0.5x): the mean over all the points.
    let net = one_input_network(Loss::SoftmaxCrossEntropy { classes: 3 }, &[1.0, -1.0, 0.5]);
    let targets: Vec<f32> = (0..xs.len()).map(|i| (i % 3) as f32).collect();
    let samples = Samples { targets, ..samples };
    let (shown, _) = Trainer::evaluate(&net, &samples, &mut ws);
    let exact = xs
        .iter()
        .zip(&samples.targets)
        .map(|(&x, &t)| {
            let x = x as f64;
            log_sum_exp_cross_entropy(&[x, -x, 0.5 * x], t as usize)
        })
        .sum::<f64>()
        / xs.len() as f64;
    assert!(
        (shown as f64 - exact).abs() <= 1e-6 * exact,
        "softmax: shown {shown}, log-sum-exp {exact}"
    );
}

#[test]
fn l1_leaves_a_weight_of_exactly_zero_alone() {
    // With no data gradient (a zero input), L1's is the only pull: a weight
    // at 0 stays there, as torch's and Keras's |w| (whose gradient at 0 is 0) leave it.
    let net = one_input_network(Loss::MeanSquaredError, &[0.0]);
    let mut grads = Gradients::for_network(&net);
    let l1 = Regularization {
        penalty: Penalty::L1,
        rate: 0.5,
    };
    l1.add_gradient(&net, &mut grads);
    assert_eq!(grads.weights[0], [0.0]);
    let net = one_input_network(Loss::MeanSquaredError, &[-0.25]);
    l1.add_gradient(&net, &mut grads);
    assert_eq!(grads.weights[0], [-0.5]);
}

/// A row's outputs are the same bits whatever rows share its batch: the
/// losses are measured in chunks, the field's grid in others, a training
/// batch is a third size, and all must agree.
#[test]
fn a_rows_outputs_do_not_depend_on_its_batch() {
    let mut rng = Rng::new(11);
    // Narrow layers (their own kernels), wide ones, and a softmax output.
    let shapes = [
        NetworkShape::uniform(2, &[4, 2], Activation::Tanh, Loss::BinaryCrossEntropy),
        NetworkShape::uniform(7, &[8, 3, 1], Activation::Relu, Loss::BinaryCrossEntropy),
        NetworkShape::uniform(2, &[32, 32, 32], Activation::Tanh, Loss::BinaryCrossEntropy),
        NetworkShape::uniform(
            3,
            &[5, 17],
            Activation::Sigmoid,
            Loss::SoftmaxCrossEntropy { classes: 3 },
        ),
    ];
    for shape in &shapes {
        let net = Network::new(shape, &mut rng);
        let rows = 37;
        let inputs: Vec<f32> = (0..rows * shape.inputs)
            .map(|_| rng.normal() * 3.0)
            .collect();
        let mut ws = Workspace::new();
        let together = net.forward(&inputs, &mut ws, None).to_vec();
        for chunk in [1, 4, 5, 16] {
            let mut apart = Vec::new();
            for part in inputs.chunks(chunk * shape.inputs) {
                apart.extend_from_slice(net.forward(part, &mut ws, None));
            }
            let bits = |v: &[f32]| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
            assert_eq!(
                bits(&apart),
                bits(&together),
                "{shape:?} in chunks of {chunk}"
            );
        }
    }
}

#[test]
fn predicting_many_rows_in_chunks_gives_the_one_batch_outputs() {
    // More rows than the trainer evaluates at once, and not a multiple of it.
    let samples = xor_samples(301, 5);
    for (hidden, activation) in [
        (&[32, 32][..], Activation::Tanh),
        (&[4, 2][..], Activation::Relu),
    ] {
        let mut t = trainer(
            hidden,
            activation,
            TrainConfig::default(),
            samples.clone(),
            Samples::default(),
        );
        t.step_epoch();
        let together = t
            .network
            .forward(&samples.inputs, &mut Workspace::new(), None)
            .to_vec();
        let predicted = t.predict_rows(&samples.inputs);
        let bits = |v: &[f32]| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
        assert_eq!(predicted.len(), samples.len());
        assert_eq!(bits(&predicted), bits(&together), "hidden {hidden:?}");
    }
    assert!(Trainer::new(
        &NetworkShape::uniform(2, &[3], Activation::Tanh, Loss::BinaryCrossEntropy),
        TrainConfig::default(),
        Samples::default(),
        Samples::default(),
        1
    )
    .predict_rows(&[])
    .is_empty());
}
