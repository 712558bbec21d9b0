//! The trained model as JSON: its architecture and every weight, so it can be
//! loaded elsewhere (weights are row-major `inputs × units`, as in the core).

use super::Scene;
use crate::data::Task;
use crate::decimal::Shortest;
use crate::nn::Network;

fn numbers(values: &[f32]) -> String {
    // The shortest text that reads back as the same f32.
    let texts: Vec<String> = values
        .iter()
        .map(|v| {
            if v.is_finite() {
                Shortest(*v).to_string()
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
    use crate::data::io::json::Json;

    /// Every number in a JSON value, depth first, read as f32.
    fn flat(v: &Json) -> Vec<f32> {
        match v {
            Json::Number(n) => vec![n.parse().unwrap()],
            Json::Array(items) => items.iter().flat_map(flat).collect(),
            other => panic!("not a number: {other:?}"),
        }
    }
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
        // Read back as JSON, every weight and bias is the network's, exactly
        // and in its place (rows of `units`, one row per input).
        let parsed = crate::data::io::json::parse(&json).unwrap();
        let Some(Json::Array(layers)) = parsed.field("layers") else {
            panic!("no layers: {json}");
        };
        assert_eq!(layers.len(), net.layers.len());
        for (layer, read) in net.layers.iter().zip(layers) {
            let Some(Json::Array(rows)) = read.field("weights") else {
                panic!("no weights");
            };
            assert_eq!(rows.len(), layer.inputs);
            assert!(rows.iter().all(|r| flat(r).len() == layer.units));
            assert_eq!(flat(read.field("weights").unwrap()), layer.weights);
            assert_eq!(flat(read.field("biases").unwrap()), layer.biases);
        }
    }
}
