//! The current network and training settings as short, runnable tf.keras and
//! PyTorch programs, so a student can carry the experiment into a notebook.
//! Both read the points from `points.csv` (the page's CSV export:
//! x1,x2,label,test) and keep its train/test split.

use super::Scene;
use crate::data::Task;
use crate::nn::{Activation, Feature, OptimizerKind, Penalty};

/// The features line shared by both programs: raw and derived inputs.
fn features_function(scene: &Scene) -> String {
    let columns: Vec<&str> = scene
        .features
        .list()
        .map(|f| match f {
            Feature::X1 => "x1",
            Feature::X2 => "x2",
            Feature::X1Squared => "x1 ** 2",
            Feature::X2Squared => "x2 ** 2",
            Feature::X1TimesX2 => "x1 * x2",
            Feature::SinX1 => "np.sin(x1)",
            Feature::SinX2 => "np.sin(x2)",
        })
        .collect();
    format!(
        "def features(points):\n    x1, x2 = points[:, 0], points[:, 1]\n    return np.stack([{}], axis=1).astype(np.float32)\n",
        columns.join(", ")
    )
}

fn data_loading(scene: &Scene) -> String {
    format!(
        "# points.csv is the playground's \"Export CSV\": x1,x2,label,test\n\
         data = np.loadtxt(\"points.csv\", delimiter=\",\", skiprows=1, ndmin=2)\n\
         train, test = data[data[:, 3] == 0], data[data[:, 3] == 1]\n\
         {}\
         x_train, y_train = features(train), train[:, 2]\n\
         x_test, y_test = features(test), test[:, 2]\n",
        features_function(scene)
    )
}

fn epochs(scene: &Scene) -> usize {
    scene.stop_after.unwrap_or(200)
}

fn keras_activation(a: Activation) -> &'static str {
    match a {
        Activation::Linear => "\"linear\"",
        Activation::Sigmoid => "\"sigmoid\"",
        Activation::Tanh => "\"tanh\"",
        Activation::Relu => "\"relu\"",
        Activation::LeakyRelu => "lambda z: tf.nn.leaky_relu(z, alpha=0.01)",
        Activation::Elu => "\"elu\"",
        Activation::Swish => "\"swish\"",
    }
}

/// A tf.keras program for this scene.
pub fn keras(scene: &Scene) -> String {
    let t = &scene.training;
    let regularizer = match (t.regularization.penalty, t.regularization.rate) {
        (Penalty::None, _) => String::new(),
        (_, 0.0) => String::new(),
        // Keras's l2(λ) adds λ·Σw²; the playground's L2 adds rate/2·Σw².
        (Penalty::L2, rate) => format!(
            ", kernel_regularizer=tf.keras.regularizers.l2({})",
            rate / 2.0
        ),
        (Penalty::L1, rate) => format!(", kernel_regularizer=tf.keras.regularizers.l1({rate})"),
    };
    let mut layers = vec![format!(
        "    tf.keras.Input(shape=({},)),",
        scene.features.count()
    )];
    for (l, &units) in scene.hidden.iter().enumerate() {
        let activation = keras_activation(scene.layer_activation(l));
        layers.push(format!(
            "    tf.keras.layers.Dense({units}, activation={activation}{regularizer}),"
        ));
        if t.dropout > 0.0 {
            layers.push(format!("    tf.keras.layers.Dropout({}),", t.dropout));
        }
    }
    let (output, loss, metrics) = match scene.task {
        Task::Regression => ("Dense(1)".to_string(), "\"mse\"", ""),
        Task::Classification { classes: 2 } => (
            "Dense(1, activation=\"sigmoid\")".to_string(),
            "\"binary_crossentropy\"",
            ", metrics=[\"accuracy\"]",
        ),
        Task::Classification { classes } => (
            format!("Dense({classes}, activation=\"softmax\")"),
            "\"sparse_categorical_crossentropy\"",
            ", metrics=[\"accuracy\"]",
        ),
    };
    layers.push(format!("    tf.keras.layers.{output},"));
    let lr = t.learning_rate;
    let optimizer = match t.optimizer {
        OptimizerKind::Sgd => format!("tf.keras.optimizers.SGD(learning_rate={lr})"),
        OptimizerKind::Momentum => {
            format!("tf.keras.optimizers.SGD(learning_rate={lr}, momentum=0.9)")
        }
        OptimizerKind::Nesterov => {
            format!("tf.keras.optimizers.SGD(learning_rate={lr}, momentum=0.9, nesterov=True)")
        }
        OptimizerKind::RmsProp => {
            format!("tf.keras.optimizers.RMSprop(learning_rate={lr}, rho=0.9)")
        }
        OptimizerKind::Adagrad => {
            format!(
                "tf.keras.optimizers.Adagrad(learning_rate={lr}, initial_accumulator_value=0.0)"
            )
        }
        OptimizerKind::Adam => format!("tf.keras.optimizers.Adam(learning_rate={lr})"),
    };
    let callbacks = match t.early_stopping {
        Some(patience) => format!(
            "callbacks = [tf.keras.callbacks.EarlyStopping(monitor=\"val_loss\", patience={patience}, restore_best_weights=True)]\n"
        ),
        None => "callbacks = []\n".to_string(),
    };
    format!(
        "# Descent: this playground as a tf.keras program.\n\
         import numpy as np\n\
         import tensorflow as tf\n\n\
         {data}\n\
         tf.keras.utils.set_random_seed({seed})\n\
         model = tf.keras.Sequential([\n{layers}\n])\n\
         model.compile(optimizer={optimizer}, loss={loss}{metrics})\n\
         {callbacks}\
         model.fit(x_train, y_train, batch_size={batch}, epochs={epochs}, shuffle=True,\n          \
         validation_data=(x_test, y_test) if len(x_test) else None, callbacks=callbacks)\n",
        data = data_loading(scene),
        seed = scene.seed,
        layers = layers.join("\n"),
        batch = t.batch_size,
        epochs = epochs(scene),
    )
}

fn torch_activation(a: Activation) -> &'static str {
    match a {
        Activation::Linear => "nn.Identity()",
        Activation::Sigmoid => "nn.Sigmoid()",
        Activation::Tanh => "nn.Tanh()",
        Activation::Relu => "nn.ReLU()",
        Activation::LeakyRelu => "nn.LeakyReLU(0.01)",
        Activation::Elu => "nn.ELU()",
        Activation::Swish => "nn.SiLU()",
    }
}

/// A PyTorch program for this scene.
pub fn pytorch(scene: &Scene) -> String {
    let t = &scene.training;
    let mut layers = Vec::new();
    let mut inputs = scene.features.count();
    for (l, &units) in scene.hidden.iter().enumerate() {
        layers.push(format!(
            "    nn.Linear({inputs}, {units}), {},",
            torch_activation(scene.layer_activation(l))
        ));
        if t.dropout > 0.0 {
            layers.push(format!("    nn.Dropout({}),", t.dropout));
        }
        inputs = units;
    }
    let (outputs, loss, target_type, squeeze) = match scene.task {
        Task::Regression => (1, "nn.MSELoss()", "torch.float32", ".squeeze(-1)"),
        Task::Classification { classes: 2 } => (
            1,
            "nn.BCEWithLogitsLoss()  # sigmoid + binary cross-entropy",
            "torch.float32",
            ".squeeze(-1)",
        ),
        Task::Classification { classes } => (
            classes,
            "nn.CrossEntropyLoss()  # softmax + cross-entropy",
            "torch.long",
            "",
        ),
    };
    layers.push(format!("    nn.Linear({inputs}, {outputs}),"));
    let lr = t.learning_rate;
    let params = "model.parameters()";
    let optimizer = match t.optimizer {
        OptimizerKind::Sgd => format!("torch.optim.SGD({params}, lr={lr})"),
        OptimizerKind::Momentum => format!("torch.optim.SGD({params}, lr={lr}, momentum=0.9)"),
        OptimizerKind::Nesterov => {
            format!("torch.optim.SGD({params}, lr={lr}, momentum=0.9, nesterov=True)")
        }
        OptimizerKind::RmsProp => format!("torch.optim.RMSprop({params}, lr={lr}, alpha=0.9)"),
        OptimizerKind::Adagrad => format!("torch.optim.Adagrad({params}, lr={lr})"),
        OptimizerKind::Adam => format!("torch.optim.Adam({params}, lr={lr})"),
    };
    let rate = t.regularization.rate;
    let penalty = match t.regularization.penalty {
        _ if rate == 0.0 => "0.0".to_string(),
        Penalty::None => "0.0".to_string(),
        Penalty::L1 => format!("{rate} * sum(p.abs().sum() for p in weights)"),
        Penalty::L2 => format!("{rate} / 2 * sum(p.pow(2).sum() for p in weights)"),
    };
    let patience = t
        .early_stopping
        .map_or("None".to_string(), |p| p.to_string());
    format!(
        "# Descent: this playground as a PyTorch program.\n\
         import copy\n\
         import numpy as np\n\
         import torch\n\
         from torch import nn\n\n\
         {data}\n\
         torch.manual_seed({seed})\n\
         x_train, y_train = torch.tensor(x_train), torch.tensor(y_train, dtype={target_type})\n\
         x_test, y_test = torch.tensor(x_test), torch.tensor(y_test, dtype={target_type})\n\
         model = nn.Sequential(\n{layers}\n)\n\
         weights = [m.weight for m in model if isinstance(m, nn.Linear)]  # biases are not penalised\n\
         loss_fn = {loss}\n\
         optimizer = {optimizer}\n\
         patience, best, best_state, since_best = {patience}, float(\"inf\"), None, 0\n\n\
         for epoch in range({epochs}):\n    \
             model.train()\n    \
             for batch in torch.randperm(len(x_train)).split({batch}):\n        \
                 optimizer.zero_grad()\n        \
                 loss = loss_fn(model(x_train[batch]){squeeze}, y_train[batch]) + {penalty}\n        \
                 loss.backward()\n        \
                 optimizer.step()\n    \
             model.eval()\n    \
             with torch.no_grad():\n        \
                 train_loss = loss_fn(model(x_train){squeeze}, y_train).item()\n        \
                 test_loss = loss_fn(model(x_test){squeeze}, y_test).item() if len(x_test) else train_loss\n    \
             print(f\"epoch {{epoch + 1}}: training loss {{train_loss:.4f}}, test loss {{test_loss:.4f}}\")\n    \
             if test_loss < best:\n        \
                 best, best_state, since_best = test_loss, copy.deepcopy(model.state_dict()), 0\n    \
             else:\n        \
                 since_best += 1\n    \
             if patience is not None and since_best >= patience:\n        \
                 model.load_state_dict(best_state)  # early stopping: back to the best epoch\n        \
                 break\n",
        data = data_loading(scene),
        seed = scene.seed,
        layers = layers.join("\n"),
        batch = t.batch_size,
        epochs = epochs(scene),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scene::settings::apply;

    fn scene(settings: &[(&str, &str)]) -> Scene {
        let mut s = Scene::default();
        for (name, value) in settings {
            apply(&mut s, name, value).unwrap();
        }
        s
    }

    /// Writes both programs for a few scenes to target/code-samples/, where
    /// `make native-test` parses each with Python's own parser; each sample
    /// says what it was written for.
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
            ]),
            scene(&[
                ("hidden", ""),
                ("optimizer", "adagrad"),
                ("features", "x1,sin(x2),x1^2"),
            ]),
        ];
        for (i, s) in scenes.iter().enumerate() {
            std::fs::write(format!("{dir}/keras{i}.py"), keras(s)).unwrap();
            std::fs::write(format!("{dir}/pytorch{i}.py"), pytorch(s)).unwrap();
        }
        let read = |name: &str| std::fs::read_to_string(format!("{dir}/{name}.py")).unwrap();
        assert!(
            read("keras1").contains("Dropout(0.3)") && read("pytorch1").contains("Dropout(0.3)")
        );
        assert!(read("keras2").contains("Adagrad") && read("pytorch2").contains("Adagrad"));
        assert!(read("keras2").contains("x1 ** 2") && read("pytorch2").contains("x1 ** 2"));
    }

    #[test]
    fn keras_program_mirrors_the_settings() {
        let s = scene(&[
            ("hidden", "5,3"),
            ("layer-activations", ",relu"),
            ("activation", "tanh"),
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
        assert!(code.contains(
            "Dense(5, activation=\"tanh\", kernel_regularizer=tf.keras.regularizers.l2(0.001))"
        ));
        assert_eq!(code.matches("Dropout(0.5)").count(), 2);
        assert!(code.contains("Dense(1, activation=\"sigmoid\")"));
        assert!(code.contains("Adam(learning_rate=0.01)"));
        assert!(code.contains("batch_size=32, epochs=300"));
        assert!(code.contains("patience=25, restore_best_weights=True"));
        assert!(code.contains("np.stack([x1, x2, x1 * x2], axis=1)"));
    }

    #[test]
    fn layer_overrides_and_tasks_reach_both_programs() {
        // The main activation first: choosing it clears the per-layer overrides.
        let mut s = scene(&[
            ("hidden", "4,4"),
            ("activation", "sigmoid"),
            ("layer-activations", "relu,"),
        ]);
        let torch = pytorch(&s);
        assert!(torch.contains("nn.Linear(2, 4), nn.ReLU(),"), "{torch}");
        assert!(torch.contains("nn.Linear(4, 4), nn.Sigmoid(),"));
        assert!(torch.contains("nn.BCEWithLogitsLoss()"));
        apply(&mut s, "classes", "3").unwrap();
        assert!(pytorch(&s).contains("nn.Linear(4, 3),"));
        assert!(pytorch(&s).contains("nn.CrossEntropyLoss()"));
        assert!(keras(&s).contains("Dense(3, activation=\"softmax\")"));
        assert!(keras(&s).contains("sparse_categorical_crossentropy"));
        s.task = Task::Regression;
        assert!(pytorch(&s).contains("nn.MSELoss()"));
        assert!(keras(&s).contains("loss=\"mse\""));
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
            code.contains(
                "torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9, nesterov=True)"
            ),
            "{code}"
        );
        assert!(code.contains("torch.randperm(len(x_train)).split(16)"));
        assert!(code.contains("0.01 * sum(p.abs().sum() for p in weights)"));
        assert!(code.contains("patience, best, best_state, since_best = 10,"));
        // Indentation is Python's: every body line under `for epoch` is indented.
        let body: Vec<&str> = code
            .lines()
            .skip_while(|l| !l.starts_with("for epoch"))
            .skip(1)
            .collect();
        assert!(body.iter().all(|l| l.starts_with("    ")), "{body:?}");
    }
}
