//! Each lesson of lecture 1 makes its point, numerically, on its own scene.
#![cfg(not(target_arch = "wasm32"))]

use descent::data::{self, Task};
use descent::nn::inspect;
use descent::nn::{Activation, Loss, Network, Regularization, Status, Trainer, Workspace};
use descent::rng::Rng;
use descent::scene::compare::Race;
use descent::scene::lessons::{self, find, Lesson, Panel, Perceptron};
use descent::scene::Session;
use descent::view::landscape::{self, Param, Span, Window};

fn lesson(name: &str) -> &'static Lesson {
    find(name).unwrap_or_else(|| panic!("no lesson {name}"))
}

fn race(name: &str) -> Race {
    let l = lesson(name);
    assert_eq!(l.panel, Panel::Compare);
    Race::new(&l.scene(), l.compare.as_ref().expect("a compare lesson")).unwrap()
}

fn last_train_loss(trainer: &Trainer) -> f32 {
    trainer.history().last().unwrap().train_loss
}

/// The output layer's pre-activation (the logit) at each of `inputs`.
fn logits(network: &Network, inputs: &[f32]) -> Vec<f32> {
    let mut raw = network.clone();
    raw.loss = Loss::MeanSquaredError; // identity output: the network's z
    raw.forward(inputs, &mut Workspace::new(), None).to_vec()
}

/// The largest |f(a) + f(b) − 2 f((a+b)/2)| over random pairs in the
/// domain, relative to the logits' size: 0 for an affine function.
fn non_affinity(network: &Network, seed: u64) -> f32 {
    let mut rng = Rng::new(seed);
    let (mut inputs, mut scale, mut worst) = (Vec::new(), 0.0f32, 0.0f32);
    for _ in 0..200 {
        let a = [rng.range(-6.0, 6.0), rng.range(-6.0, 6.0)];
        let b = [rng.range(-6.0, 6.0), rng.range(-6.0, 6.0)];
        inputs.clear();
        inputs.extend_from_slice(&a);
        inputs.extend_from_slice(&b);
        inputs.extend_from_slice(&[(a[0] + b[0]) / 2.0, (a[1] + b[1]) / 2.0]);
        let f = logits(network, &inputs);
        scale = scale.max(f[0].abs()).max(f[1].abs());
        worst = worst.max((f[0] + f[1] - 2.0 * f[2]).abs());
    }
    worst / scale.max(1e-6)
}

#[test]
fn perceptron_gives_the_lectures_arithmetic_for_minus_one_two() {
    let l = lesson("perceptron");
    assert_eq!(l.panel, Panel::Perceptron);
    assert!(!l.shows("run"), "the perceptron is not trained");
    let mut session = l.session();
    let scene = session.scene().clone();
    assert!(scene.hidden.is_empty());
    assert!(scene.domain.contains(-1.0, 2.0));
    assert!(scene.points.iter().any(|p| (p.x1, p.x2) == (-1.0, 2.0)));
    let neuron = Perceptron::of(&session.trainer().network).expect("a single neuron");
    assert_eq!((neuron.w0, neuron.w), (1.0, [3.0, -2.0]));
    assert_eq!(neuron.z(-1.0, 2.0), -6.0);
    let expected = (1.0 / (1.0 + 6.0f64.exp())) as f32; // 0.0024726
    let output = session.predict(-1.0, 2.0)[0];
    assert!((output - expected).abs() < 1e-5, "{output} vs {expected}");
    assert!((neuron.output(-1.0, 2.0) - expected).abs() < 1e-5);
}

#[test]
fn nonlinearity_stays_a_line_when_linear_and_bends_with_relu() {
    let l = lesson("nonlinearity");
    assert!(l.shows("activation") && l.shows("layers"));
    assert!(l.caption(&descent::i18n::ENGLISH).contains("ReLU"));
    let scene = l.scene();
    assert_eq!(scene.activation, Activation::Linear);
    assert!(scene.hidden.len() >= 2 && scene.hidden.iter().all(|&u| u >= 3));

    let train = |activation: &str| {
        let mut s = l.session();
        s.set("activation", activation).unwrap();
        s.train_epochs(100);
        let accuracy = s
            .trainer()
            .history()
            .last()
            .unwrap()
            .train_accuracy
            .unwrap();
        (non_affinity(&s.trainer().network, 1), accuracy)
    };
    let (linear_bend, linear_accuracy) = train("linear");
    let (relu_bend, relu_accuracy) = train("relu");
    println!("bend: linear {linear_bend}, relu {relu_bend}; accuracy {linear_accuracy} vs {relu_accuracy}");
    assert!(linear_bend < 1e-3, "linear logit bends by {linear_bend}");
    assert!(relu_bend > 0.1, "ReLU logit bends by only {relu_bend}");
    assert!(
        linear_accuracy < 0.7,
        "a line fits XOR to {linear_accuracy}"
    );
    assert!(
        relu_accuracy > 0.95,
        "ReLU fits XOR to only {relu_accuracy}"
    );
}

#[test]
fn pass_prediction_for_you_moves_to_passing_with_training() {
    let l = lesson("pass");
    let mut s = l.session();
    let marker = s.scene().marker.clone().expect("the 'you' marker");
    assert_eq!((marker.x1, marker.x2), (4.0, 5.0));
    assert_eq!(s.scene().hidden, [3]);
    let before = s.predict(4.0, 5.0)[0];
    // The lecture's untrained network says 0.1 for you (measured: 0.0994).
    assert!((before - 0.1).abs() <= 0.03, "you start at {before}");
    s.train_epochs(300);
    let after = s.predict(4.0, 5.0)[0];
    assert!((after - before).abs() > 0.2, "{before} → {after}");
    assert!(after > 0.5, "you still fail: {after}");
}

#[test]
fn landscape_has_exactly_two_parameters_and_descends_to_the_surfaces_lowest_point() {
    let l = lesson("landscape");
    assert!(l.shows("learning-rate"));
    assert_eq!(l.panel, Panel::Landscape);
    let mut s = l.session();
    assert_eq!(s.trainer().network.parameter_count(), 2);
    let network = &s.trainer().network;
    assert_eq!(network.layers.len(), 1);
    let params = [
        Param::weight(network, 0, 0, 0).expect("one weight"),
        Param::bias(network, 0, 0).expect("and a bias"),
    ];
    let point = |network: &Network| {
        (
            params[0].value(network).unwrap(),
            params[1].value(network).unwrap(),
        )
    };
    let start = point(network);
    let train_count = s.trainer().train_samples().len();
    assert!(s.scene().training.batch_size >= train_count, "full batch");

    // The surface at the current parameters is the loss the trainer records:
    // a one-cell surface samples its window's centre.
    let samples = s.trainer().train_samples().clone();
    let recorded = last_train_loss(s.trainer());
    let here = landscape::loss_at(network, &samples, params, start).unwrap();
    assert!((here - recorded).abs() < 1e-5, "{here} vs {recorded}");
    let around = Window::around([start], 0.0);
    let cell = landscape::surface(network, &samples, params, around, 1).unwrap();
    assert!(
        (cell.values[0] - recorded).abs() < 1e-5,
        "{:?} vs {recorded}",
        cell.values
    );

    // Gradient descent ends by the surface's lowest cell (still creeping
    // along the flat valley floor: within two cells).
    s.train_epochs(3000);
    let end = point(&s.trainer().network);
    let window = Window {
        first: Span { lo: -6.0, hi: 6.0 },
        second: Span { lo: -6.0, hi: 6.0 },
    };
    let n = 121;
    assert!(n <= landscape::MAX_CELLS);
    let surface = landscape::surface(&s.trainer().network, &samples, params, window, n).unwrap();
    assert_eq!(surface.cells, n);
    let (row, col) = surface.lowest_cell().unwrap();
    let lowest = surface.values[row * n + col];
    assert_eq!(lowest, surface.min);
    // Row 0 is the top (the largest bias); sample at the cell's centre.
    let (lw, lb) = window.to_params((col as f32 + 0.5, row as f32 + 0.5), n);
    let cell = 12.0 / n as f32;
    println!(
        "start {start:?} loss {recorded}; after 3000 epochs {end:?} loss {}; lowest cell ({lw}, {lb}) loss {lowest}",
        last_train_loss(s.trainer()),
    );
    assert!((end.0 - lw).abs() <= 2.0 * cell && (end.1 - lb).abs() <= 2.0 * cell);
    assert!(last_train_loss(s.trainer()) < lowest + 1e-3);
    assert!(last_train_loss(s.trainer()) < recorded / 3.0);
}

#[test]
fn backprop_gradients_vanish_towards_the_input_with_sigmoid() {
    let l = lesson("backprop");
    assert!(l.shows("activation") && l.shows("layers"));
    let ratio_and_accuracy = |activation: &str| {
        let mut s = l.session();
        s.set("activation", activation).unwrap();
        let scene = s.scene();
        let all = data::samples(&scene.points, scene.features);
        let grads = inspect::gradients(&s.trainer().network, &all, Regularization::NONE);
        let sizes = inspect::layer_gradient_sizes(&grads.expect("the samples fit"));
        assert_eq!(sizes.len(), s.scene().hidden.len() + 1);
        s.train_epochs(150);
        let accuracy = s
            .trainer()
            .history()
            .last()
            .unwrap()
            .train_accuracy
            .unwrap();
        (sizes[0] / sizes[sizes.len() - 1], accuracy)
    };
    let (sigmoid_ratio, sigmoid_accuracy) = ratio_and_accuracy("sigmoid");
    let (relu_ratio, relu_accuracy) = ratio_and_accuracy("relu");
    println!("first/last gradient: sigmoid {sigmoid_ratio}, relu {relu_ratio}; accuracy {sigmoid_accuracy} vs {relu_accuracy}");
    assert!(sigmoid_ratio < 0.01, "sigmoid first/last {sigmoid_ratio}");
    assert!(
        relu_ratio > 10.0 * sigmoid_ratio,
        "relu first/last {relu_ratio}"
    );
    assert!(sigmoid_accuracy < 0.7 && relu_accuracy > 0.95);
}

#[test]
fn learning_rates_crawl_converge_and_blow_up() {
    let mut race = race("learning-rate");
    let labels: Vec<_> = race.runs().iter().map(|r| r.label().to_string()).collect();
    assert_eq!(labels, ["lr 0.001", "lr 0.1", "lr 3"]);
    let start = race.runs()[0].history()[0].train_loss;
    race.train_epochs(100);
    let [small, good, large] = race.runs() else {
        panic!("three runs")
    };
    let (small_loss, good_loss) = (
        last_train_loss(small.trainer()),
        last_train_loss(good.trainer()),
    );
    println!(
        "start {start}; after 100 epochs: small {small_loss}, good {good_loss}, large {:?} at epoch {} loss {}",
        large.status(),
        large.trainer().epoch(),
        last_train_loss(large.trainer())
    );
    assert!(
        small_loss > 0.85 * start,
        "the small rate is not crawling: {small_loss}"
    );
    assert!(
        good_loss < 0.05,
        "the good rate has not converged: {good_loss}"
    );
    assert!(
        large.status() == Status::Diverged || last_train_loss(large.trainer()) > 10.0 * good_loss
    );
    assert_eq!(small.trainer().epoch(), 100);
    assert_eq!(good.trainer().epoch(), 100);
}

#[test]
fn optimizers_start_alike_and_adaptive_ones_win() {
    let mut race = race("optimizers");
    let labels: Vec<_> = race.runs().iter().map(|r| r.label().to_string()).collect();
    assert_eq!(labels, ["SGD", "Momentum", "RMSProp", "Adagrad", "Adam"]);
    let first = race.runs()[0].trainer().network.clone();
    for run in race.runs() {
        assert_eq!(
            run.trainer().network,
            first,
            "{} starts elsewhere",
            run.label()
        );
        assert_eq!(run.history()[0], race.runs()[0].history()[0]);
    }
    race.train_epochs(50);
    let loss = |label: &str| {
        let run = race.runs().iter().find(|r| r.label() == label).unwrap();
        last_train_loss(run.trainer())
    };
    println!(
        "after 50 epochs: SGD {} momentum {} RMSProp {} Adagrad {} Adam {}",
        loss("SGD"),
        loss("Momentum"),
        loss("RMSProp"),
        loss("Adagrad"),
        loss("Adam")
    );
    for faster in ["Adam", "RMSProp", "Momentum"] {
        assert!(
            loss(faster) < loss("SGD") / 5.0,
            "{faster} is not ahead of SGD"
        );
    }
}

#[test]
fn mini_batches_trade_steps_for_noise() {
    let mut race = race("mini-batches");
    let train_count = race.runs()[0].trainer().train_samples().len();
    let batches: Vec<_> = race
        .runs()
        .iter()
        .map(|r| r.trainer().config().batch_size)
        .collect();
    assert_eq!(batches, [1, 32, train_count]);
    assert_eq!(race.runs()[2].label(), "batch all");
    race.train_epochs(100);
    let curve = |i: usize| -> Vec<f32> {
        race.runs()[i]
            .history()
            .iter()
            .map(|r| r.train_loss)
            .collect()
    };
    // Epochs after which the training loss went up.
    let rises = |c: &[f32]| c.windows(2).filter(|w| w[1] > w[0]).count();
    let (one, mid, all) = (curve(0), curve(1), curve(2));
    println!(
        "epoch 10: {} {} {}; rises in 100 epochs: {} {} {}",
        one[10],
        mid[10],
        all[10],
        rises(&one),
        rises(&mid),
        rises(&all)
    );
    assert!(
        one[10] < mid[10] && mid[10] < all[10],
        "more steps per epoch, lower loss per epoch"
    );
    assert!(rises(&one) >= 10, "batch 1 is not noisy");
    assert_eq!(
        rises(&all),
        0,
        "full-batch descent at a small rate only goes down"
    );
}

/// Trains the overfitting lesson (with `settings`) for up to `epochs`.
fn overfit(settings: &[(&str, &str)], epochs: usize) -> Session {
    let mut s = lesson("overfitting").session();
    for (name, value) in settings {
        s.set(name, value).unwrap();
    }
    s.train_epochs(epochs);
    s
}

fn test_losses(s: &Session) -> Vec<f32> {
    s.trainer()
        .history()
        .iter()
        .map(|r| r.test_loss.unwrap())
        .collect()
}

fn min_of(losses: &[f32]) -> (usize, f32) {
    losses
        .iter()
        .copied()
        .enumerate()
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .unwrap()
}

#[test]
fn overfitting_test_loss_turns_up_and_early_stopping_restores_the_best() {
    let l = lesson("overfitting");
    let scene = l.scene();
    assert!(scene.points.len() <= 40 && scene.test_fraction == 0.5);
    assert!(scene.hidden.len() >= 3 && scene.hidden.iter().all(|&u| u >= 16));
    let caption = l.caption(&descent::i18n::ENGLISH);
    assert!(caption.contains("dropout") && caption.contains("early stopping"));

    let plain = overfit(&[], 300);
    let losses = test_losses(&plain);
    let (best_epoch, best) = min_of(&losses);
    let end = *losses.last().unwrap();
    let trains: Vec<f32> = plain
        .trainer()
        .history()
        .iter()
        .map(|r| r.train_loss)
        .collect();
    println!(
        "plain: min test {best} at epoch {best_epoch}, {end} at 300; train {} → {}",
        trains[best_epoch], trains[300]
    );
    assert!(
        end > 2.0 * best,
        "test loss {end} at the end, {best} at best"
    );
    assert!(
        trains[300] < trains[best_epoch],
        "training loss still falls"
    );

    let stopped = overfit(&[("early-stopping", "50")], 1000);
    let trainer = stopped.trainer();
    let losses = test_losses(&stopped);
    let (best_epoch, best) = min_of(&losses);
    let Status::EarlyStopped {
        best_epoch: restored,
    } = trainer.status()
    else {
        panic!("not stopped early: {:?}", trainer.status());
    };
    assert_eq!(restored, best_epoch);
    assert_eq!(trainer.best_epoch(), Some(best_epoch));
    assert_eq!(trainer.epoch(), best_epoch + 50);
    let (now, _) = Trainer::evaluate(
        &trainer.network,
        trainer.test_samples(),
        &mut Workspace::new(),
    );
    println!(
        "early stopping: stopped at {}, restored epoch {best_epoch}, test loss {now} (min {best})",
        trainer.epoch()
    );
    assert!(
        (now - best).abs() <= 1e-6 * best.max(1.0),
        "{now} vs the minimum {best}"
    );
}

#[test]
fn dropout_and_l2_keep_the_test_loss_from_turning_up() {
    let plain_end = *test_losses(&overfit(&[], 300)).last().unwrap();
    for settings in [&[("dropout", "0.5")][..], &[("regularization", "l2")][..]] {
        let losses = test_losses(&overfit(settings, 300));
        let (_, best) = min_of(&losses);
        let end = *losses.last().unwrap();
        println!("{settings:?}: test loss {end} at 300, min {best}; plain {plain_end}");
        assert!(
            end < plain_end / 2.0,
            "{settings:?}: {end} vs plain {plain_end}"
        );
        assert!(end < 1.2 * best, "{settings:?}: {end} rose from {best}");
    }
}

/// The landscape's bowl curves by λ ≈ 6 along w: at 0.1 the path slides
/// down, at 0.3 (just under 2/λ) w swings from side to side of the valley
/// and still settles, at 1 every step lands higher and the run blows up —
/// and the panel says which.
#[test]
fn landscape_rates_slide_swing_or_blow_up_about_two_over_the_curvature() {
    use descent::nn::curvature;
    use descent::scene::Classroom;
    let l = lesson("landscape");
    let s = l.session();
    let lambda = curvature::steepest_curvature(&s.trainer().network, s.trainer().train_samples())
        .expect("a squared-error bowl");
    assert!((lambda - 6.0).abs() < 0.05, "λ = {lambda}");
    let run = |rate: &str| {
        let mut class = Classroom::new(descent::scene::Scene::default());
        class.load_lesson(l);
        assert!(class
            .lesson_text()
            .contains("rates above 2/λ = 0.333 blow up"));
        class.set("learning-rate", rate).unwrap();
        class.train_epochs(40, || true);
        let ws: Vec<f32> = class.lesson().paths()[0].iter().map(|p| p.0).collect();
        let status = class.session().trainer().status();
        (ws, status, class.lesson_text())
    };
    let w_best = 0.25; // the data's slope (plus noise)
    let sides = |ws: &[f32]| {
        ws.windows(2)
            .filter(|w| (w[0] - w_best) * (w[1] - w_best) < 0.0)
            .count()
    };
    let (slide, status, _) = run("0.1");
    assert_eq!(status, Status::Training);
    assert_eq!(sides(&slide), 0, "slides down one side: {slide:?}");
    let (swing, status, _) = run("0.3");
    assert_eq!(status, Status::Training);
    assert!(sides(&swing) > 10, "swings across the valley: {swing:?}");
    assert!(
        (swing.last().unwrap() - w_best).abs() < 0.1,
        "and settles: {swing:?}"
    );
    let (_, status, text) = run("1");
    assert_eq!(status, Status::Diverged);
    assert!(
        text.contains("Diverged: the rate 1 is above 2/λ = 0.333"),
        "{text}"
    );
}

#[test]
fn every_lesson_scene_is_a_classification_that_trains_but_the_landscapes_bowl() {
    for l in lessons::all() {
        let scene = l.scene();
        // The landscape fits a line by squared error: a true bowl.
        let task = match l.name {
            "landscape" => Task::Regression,
            _ => Task::Classification { classes: 2 },
        };
        assert_eq!(scene.task, task, "{}", l.name);
        assert!(!scene.points.is_empty(), "{}", l.name);
    }
}
