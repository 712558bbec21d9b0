//! The trained model as JSON: its architecture and every weight, so it can be
//! loaded elsewhere (weights are row-major `inputs × units`, as in the core).

use super::Scene;
use crate::data::Task;
use crate::nn::Network;

fn numbers(values: &[f32]) -> String {
    // `{}` prints the shortest text that reads back as the same f32.
    let texts: Vec<String> = values
        .iter()
        .map(|v| {
            if v.is_finite() {
                format!("{v}")
            } else {
                "null".to_string()
            }
        })
        .collect();
    format!("[{}]", texts.join(","))
}

/// `{"format": "descent-model", …}` for the scene's network and its weights.
pub fn model_json(scene: &Scene, network: &Network) -> String {
    let features: Vec<String> = scene
        .features
        .list()
        .map(|f| format!("\"{}\"", f.name()))
        .collect();
    let (output, loss) = match scene.task {
        Task::Regression => ("identity", "mean-squared-error"),
        Task::Classification { classes: 2 } => ("sigmoid", "binary-cross-entropy"),
        Task::Classification { .. } => ("softmax", "cross-entropy"),
    };
    let last = network.layers.len() - 1;
    let layers: Vec<String> = network
        .layers
        .iter()
        .enumerate()
        .map(|(i, layer)| {
            let activation = if i == last {
                output
            } else {
                layer.activation.name()
            };
            let rows: Vec<String> = layer.weights.chunks(layer.units).map(numbers).collect();
            format!(
                "    {{\"units\": {}, \"activation\": \"{}\", \"weights\": [{}], \"biases\": {}}}",
                layer.units,
                activation,
                rows.join(", "),
                numbers(&layer.biases)
            )
        })
        .collect();
    format!(
        "{{\n  \"format\": \"descent-model\",\n  \"version\": 1,\n  \"inputs\": [{}],\n  \"loss\": \"{}\",\n  \"layers\": [\n{}\n  ]\n}}\n",
        features.join(", "),
        loss,
        layers.join(",\n")
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scene::Session;

    #[test]
    fn every_weight_and_the_shape_are_in_the_json() {
        let mut session = Session::new(Scene::default());
        session.train_epochs(2);
        let net = &session.trainer().network;
        let json = model_json(session.scene(), net);
        assert!(json.contains("\"inputs\": [\"x1\", \"x2\"]"), "{json}");
        assert!(json.contains("\"units\": 4, \"activation\": \"tanh\""));
        assert!(json.contains("\"units\": 1, \"activation\": \"sigmoid\""));
        for layer in &net.layers {
            for w in layer.weights.iter().chain(&layer.biases) {
                assert!(json.contains(&format!("{w}")), "weight {w} missing");
            }
        }
        // Numbers print so that they read back as the same f32.
        let w = net.layers[0].weights[0];
        assert_eq!(format!("{w}").parse::<f32>().unwrap(), w);
        assert_eq!(json.matches("\"units\"").count(), 3);
    }
}
