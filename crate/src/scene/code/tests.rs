use super::*;
use crate::nn::optimizer::{ADAM_BETA1, ADAM_BETA2, EPSILON, MOMENTUM, RMSPROP_DECAY};
use crate::nn::OptimizerKind;
use crate::scene::settings::apply;
use crate::scene::Session;

fn scene(settings: &[(&str, &str)]) -> Scene {
    let mut s = Scene::default();
    for (name, value) in settings {
        apply(&mut s, name, value).unwrap();
    }
    s
}

/// The three programs of a scene, by the names their sample files get.
fn programs(s: &Scene) -> [(&'static str, String); 3] {
    [
        ("keras", keras(s)),
        ("pytorch", pytorch(s)),
        ("pytorch-this-run", pytorch_exact(s)),
    ]
}

/// Every number in `text` between `start` and the next `end`, in order.
fn numbers_between(text: &str, start: &str, end: &str) -> Vec<f32> {
    let from = text.find(start).expect("start marker") + start.len();
    let to = from + text[from..].find(end).expect("end marker");
    text[from..to]
        .split(|c: char| !(c.is_ascii_digit() || c == '.' || c == '-' || c == 'e'))
        .filter(|t| !t.is_empty() && t.chars().any(|c| c.is_ascii_digit()))
        .map(|t| t.parse().unwrap_or_else(|_| panic!("not a number: {t}")))
        .collect()
}

/// Writes every program for a few scenes to target/code-samples/, where
/// `make native-test` parses each with Python's own parser.
#[test]
fn write_samples_for_a_syntax_check() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../target/code-samples");
    std::fs::create_dir_all(dir).unwrap();
    let scenes = [
        scene(&[]),
        scene(&[
            ("classes", "3"),
            ("dropout", "0.3"),
            ("regularization", "l2"),
            ("early-stopping", "5"),
            ("optimizer", "rmsprop"),
            ("schedule", "one-cycle"),
        ]),
        scene(&[
            ("hidden", ""),
            ("optimizer", "adagrad"),
            ("regularization", "l1"),
            ("features", "x1,sin(x2),x1^2"),
            ("schedule", "cosine"),
        ]),
        {
            let mut s = scene(&[("optimizer", "adam"), ("activation", "relu")]);
            s.task = crate::data::Task::Regression;
            s
        },
    ];
    for (i, s) in scenes.iter().enumerate() {
        for (name, code) in programs(s) {
            std::fs::write(format!("{dir}/{name}{i}.py"), code).unwrap();
        }
    }
    let read = |name: &str| std::fs::read_to_string(format!("{dir}/{name}.py")).unwrap();
    assert!(read("keras1").contains("Dropout(0.3)") && read("pytorch1").contains("Dropout(0.3)"));
    assert!(read("pytorch-this-run1").contains("PageDropout(0.3, page_random)"));
    assert!(read("keras2").contains("class PageAdagrad") && read("pytorch2").contains("Adagrad"));
    assert!(read("keras2").contains("x1 ** 2") && read("pytorch2").contains("x1 ** 2"));
}

#[test]
fn keras_program_mirrors_the_settings() {
    let s = scene(&[
        ("hidden", "5,3"),
        ("activation", "tanh"),
        ("layer-activations", ",relu"),
        ("optimizer", "adam"),
        ("learning-rate", "0.01"),
        ("batch-size", "32"),
        ("dropout", "0.5"),
        ("regularization", "l2"),
        ("regularization-rate", "0.002"),
        ("early-stopping", "25"),
        ("features", "x1,x2,x1*x2"),
        ("stop-after", "300"),
    ]);
    let code = keras(&s);
    assert!(code.contains("tf.keras.Input(shape=(3,))"), "{code}");
    assert!(code.contains("penalty = tf.keras.regularizers.l2(0.001)"));
    assert!(code.contains("Dense(5, activation=\"tanh\", kernel_regularizer=penalty)"));
    assert!(code.contains(
        "Dense(3, activation=\"relu\", kernel_initializer=\"he_normal\", kernel_regularizer=penalty)"
    ));
    // The output layer is penalised too, as on the page.
    assert!(code.contains("Dense(1, kernel_regularizer=penalty),"));
    assert_eq!(code.matches("Dropout(0.5)").count(), 2);
    assert!(code.contains("BinaryCrossentropy(from_logits=True)"));
    assert!(code.contains("Adam(learning_rate=0.01, beta_1=0.9, beta_2=0.999, epsilon=1e-7)"));
    assert!(code.contains("batch_size=32, epochs=300"));
    assert!(code.contains("PageNumbers(patience=25)"));
    assert!(code.contains("np.stack([x1, x2, x1 * x2], axis=1)"));
}

#[test]
fn layer_overrides_and_tasks_reach_every_program() {
    // The main activation first: choosing it clears the per-layer overrides.
    let mut s = scene(&[
        ("hidden", "4,4"),
        ("activation", "sigmoid"),
        ("layer-activations", "relu,"),
    ]);
    for torch in [pytorch(&s), pytorch_exact(&s)] {
        assert!(torch.contains("nn.Linear(2, 4), nn.ReLU(),"), "{torch}");
        assert!(torch.contains("nn.Linear(4, 4), nn.Sigmoid(),"));
        assert!(torch.contains("nn.BCEWithLogitsLoss()"));
    }
    apply(&mut s, "classes", "3").unwrap();
    assert!(pytorch(&s).contains("nn.Linear(4, 3),"));
    assert!(pytorch(&s).contains("nn.CrossEntropyLoss()"));
    assert!(keras(&s).contains("Dense(3),"));
    assert!(keras(&s).contains("SparseCategoricalCrossentropy(from_logits=True)"));
    s.task = crate::data::Task::Regression;
    assert!(pytorch(&s).contains("nn.MSELoss()"));
    assert!(keras(&s).contains("MeanSquaredError()"));
    // Regression prints losses only.
    assert!(!pytorch(&s).contains("train_accuracy {"));
}

#[test]
fn pytorch_program_has_the_training_loop_and_penalty() {
    let s = scene(&[
        ("optimizer", "nesterov"),
        ("learning-rate", "0.1"),
        ("batch-size", "16"),
        ("regularization", "l1"),
        ("regularization-rate", "0.01"),
        ("early-stopping", "10"),
    ]);
    let code = pytorch(&s);
    assert!(
        code.contains("torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9, nesterov=True)"),
        "{code}"
    );
    assert!(code.contains("torch.randperm(len(x_train)).split(16)"));
    assert!(code.contains("0.01 * sum(w.abs().sum() for w in weights)"));
    assert!(code.contains("+ penalty()"));
    assert!(code.contains("patience = 10"));
    assert!(
        pytorch_exact(&s).contains("torch.tensor(page_random.shuffled(len(x_train))).split(16)")
    );
    // Indentation is Python's: every body line under `for epoch` is indented.
    for code in [pytorch(&s), pytorch_exact(&s)] {
        let body: Vec<&str> = code
            .lines()
            .skip_while(|l| !l.starts_with("for epoch"))
            .skip(1)
            .collect();
        assert!(body.iter().all(|l| l.starts_with("    ")), "{body:?}");
    }
}

#[test]
fn every_program_reads_the_file_the_dialog_saves_and_prints_the_page_numbers() {
    for (name, code) in programs(&scene(&[])) {
        assert!(code.contains("np.loadtxt(\"points.csv\""), "{name}");
        assert!(
            code.contains(&format!("\"{DOWNLOAD_POINTS}\" button")),
            "{name}"
        );
        assert!(code.contains("\"Points CSV\""), "{name}");
        assert!(!code.contains("Export CSV"), "{name}");
        assert!(
            code.contains(
                "f\"epoch {epoch} train_loss {train_loss:.6g} test_loss {test_loss:.6g}\""
            ),
            "{name}"
        );
        assert!(code.contains("report(0)"), "{name}: epoch 0 is printed");
    }
}

/// The exported constants are the trainer's: every optimiser's, the rate,
/// the batch size, dropout and the penalty, in all three programs.
#[test]
fn exported_hyper_parameters_are_the_trainers() {
    for kind in OptimizerKind::ALL {
        let s = scene(&[
            ("optimizer", kind.name()),
            ("learning-rate", "0.003"),
            ("batch-size", "7"),
            ("dropout", "0.2"),
            ("regularization", "l2"),
            ("regularization-rate", "0.004"),
        ]);
        let config = Session::new(s.clone()).trainer().config();
        let (torch, exact, keras) = (pytorch(&s), pytorch_exact(&s), keras(&s));
        let lr = py(config.learning_rate);
        for code in [&torch, &exact] {
            assert!(code.contains(&format!("lr={lr}")), "{}", kind.name());
            assert!(code.contains(&format!(".split({})", config.batch_size)));
            assert!(code.contains(&format!(
                "{} / 2 * sum(w.pow(2)",
                py(config.regularization.rate)
            )));
        }
        assert!(keras.contains(&format!("learning_rate={lr}")));
        assert!(keras.contains(&format!("batch_size={}", config.batch_size)));
        assert!(keras.contains(&format!("l2({})", py(config.regularization.rate / 2.0))));
        assert!(torch.contains(&format!("nn.Dropout({})", py(config.dropout))));
        assert!(exact.contains(&format!("PageDropout({}, page_random)", py(config.dropout))));
        assert!(keras.contains(&format!("Dropout({})", py(config.dropout))));
        let eps = py(EPSILON);
        let (torch_args, keras_args) = match kind {
            OptimizerKind::Sgd => (String::new(), String::new()),
            OptimizerKind::Momentum => (
                format!("momentum={}", py(MOMENTUM)),
                format!("momentum={}", py(MOMENTUM)),
            ),
            OptimizerKind::Nesterov => (
                format!("momentum={}, nesterov=True", py(MOMENTUM)),
                format!("momentum={}, nesterov=True", py(MOMENTUM)),
            ),
            OptimizerKind::RmsProp => (
                format!("alpha={}, eps={eps}", py(RMSPROP_DECAY)),
                format!("rho={}, epsilon={eps}", py(RMSPROP_DECAY)),
            ),
            OptimizerKind::Adagrad => (format!("eps={eps}"), format!("epsilon={eps}")),
            OptimizerKind::Adam => (
                format!("betas=({}, {}), eps={eps}", py(ADAM_BETA1), py(ADAM_BETA2)),
                format!(
                    "beta_1={}, beta_2={}, epsilon={eps}",
                    py(ADAM_BETA1),
                    py(ADAM_BETA2)
                ),
            ),
        };
        for code in [&torch, &exact] {
            assert!(code.contains(&torch_args), "{}: {torch_args}", kind.name());
        }
        assert!(keras.contains(&keras_args), "{}: {keras_args}", kind.name());
    }
}

/// "This run" carries the trainer's own initial weights and biases and its
/// generator's state; the plain programs name the page's initialiser for
/// each layer (He before ReLU-like units, Glorot elsewhere).
#[test]
fn exported_initialisers_are_the_trainers() {
    let s = scene(&[
        ("hidden", "3,5,2"),
        ("activation", "tanh"),
        ("layer-activations", "relu,,swish"),
        ("seed", "11"),
        ("classes", "3"),
    ]);
    let trainer = Session::build_trainer(&s);
    let exact = pytorch_exact(&s);
    let carried = numbers_between(&exact, "initial = [", "\n]\n");
    let page: Vec<f32> = trainer
        .network
        .layers
        .iter()
        .flat_map(|l| {
            let transposed = (0..l.units).flat_map(move |j| (0..l.inputs).map(move |k| (k, j)));
            transposed
                .map(|(k, j)| l.weights[k * l.units + j])
                .chain(l.biases.iter().copied())
        })
        .collect();
    assert_eq!(
        carried, page,
        "the carried weights are the trainer's, bit for bit"
    );
    assert!(exact.contains(&format!("PageRandom({:#x})", trainer.rng().state())));

    let torch = pytorch(&s);
    let keras = keras(&s);
    let dense: Vec<&str> = keras
        .lines()
        .filter(|l| l.contains("layers.Dense("))
        .collect();
    assert_eq!(dense.len(), trainer.network.layers.len());
    for (l, layer) in trainer.network.layers.iter().enumerate() {
        let he = layer.activation.prefers_he_init();
        let torch_call = if he {
            format!("nn.init.kaiming_normal_(linear[{l}].weight, nonlinearity=\"relu\")")
        } else {
            format!("nn.init.xavier_uniform_(linear[{l}].weight)")
        };
        assert!(torch.contains(&torch_call), "layer {l}: {torch_call}");
        assert_eq!(
            dense[l].contains("he_normal"),
            he,
            "layer {l}: {}",
            dense[l]
        );
    }
    assert!(torch.contains("nn.init.zeros_(layer.bias)"));
}

/// The text of `def rate_factor` in a program, up to the blank line after it.
fn rate_factor_of(code: &str) -> &str {
    let from = code.find("def rate_factor(epoch):").expect("a schedule");
    let to = from + code[from..].find("\n\n").expect("the end of the function");
    &code[from..to]
}

/// Each program's schedule, run by Python, gives the rates the trainer
/// trained with, epoch by epoch, for every schedule and a few spans.
#[test]
fn exported_schedules_give_the_trainers_rates() {
    use crate::nn::ScheduleKind;
    for kind in ScheduleKind::ALL {
        for span in ["1", "7", "20"] {
            let s = scene(&[
                ("schedule", kind.name()),
                ("schedule-epochs", span),
                ("learning-rate", "0.3"),
            ]);
            let mut trainer = Session::build_trainer(&s);
            let mut used = Vec::new();
            for _ in 0..30 {
                used.push(trainer.learning_rate_now() as f64);
                trainer.step_epoch();
            }
            let codes = programs(&s);
            if kind == ScheduleKind::Constant {
                for (name, code) in &codes {
                    assert!(!code.contains("rate_factor"), "{name}");
                }
                assert!(used.iter().all(|&r| r == 0.3f32 as f64));
                continue;
            }
            for (name, code) in &codes {
                let applied = match *name {
                    "keras" => "LearningRateScheduler(lambda epoch: 0.3 * rate_factor(epoch))",
                    _ => "LambdaLR(optimizer, rate_factor)",
                };
                assert!(code.contains(applied), "{name}: {applied}");
                let script = format!(
                    "import math\n{}\nprint(' '.join(repr(0.3 * rate_factor(e)) for e in range({})))\n",
                    rate_factor_of(code),
                    used.len()
                );
                let out = std::process::Command::new("python3")
                    .args(["-c", &script])
                    .output()
                    .expect("python3 runs (make native-test needs it)");
                assert!(
                    out.status.success(),
                    "{}",
                    String::from_utf8_lossy(&out.stderr)
                );
                let rates: Vec<f64> = String::from_utf8(out.stdout)
                    .unwrap()
                    .split_whitespace()
                    .map(|t| t.parse().unwrap())
                    .collect();
                assert_eq!(rates.len(), used.len());
                for (epoch, (&python, &page)) in rates.iter().zip(&used).enumerate() {
                    // The page trains at the f32 nearest the rate.
                    let off = (python - page).abs() / page.max(1e-30);
                    assert!(
                        off < 1e-6,
                        "{name} {} over {span}: epoch {epoch}: {python} vs {page}",
                        kind.name()
                    );
                }
            }
        }
    }
}
