//! The reference for the benchmark: a network built the way TensorFlow
//! Playground's `nn.ts` builds one, an object per node and per link, trained
//! one sample at a time with gradients accumulated over a batch. Its
//! output is tanh with squared error, as that page trains.

pub struct Node {
    bias: f64,
    inputs: Vec<usize>,  // link ids
    outputs: Vec<usize>, // link ids
    total_input: f64,
    output: f64,
    output_der: f64,
    input_der: f64,
    acc_input_der: f64,
    accumulated: f64,
}

pub struct Link {
    source: usize,
    dest: usize,
    weight: f64,
    error_der: f64,
    acc_error_der: f64,
    accumulated: f64,
}

pub struct NodeNetwork {
    nodes: Vec<Node>,
    links: Vec<Link>,
    layers: Vec<Vec<usize>>, // node ids per layer, inputs first
}

impl NodeNetwork {
    pub fn new(shape: &[usize], seed: u64) -> NodeNetwork {
        let mut rng = descent::rng::Rng::new(seed);
        let mut net = NodeNetwork {
            nodes: Vec::new(),
            links: Vec::new(),
            layers: Vec::new(),
        };
        for (l, &width) in shape.iter().enumerate() {
            let mut layer = Vec::new();
            for _ in 0..width {
                let id = net.nodes.len();
                net.nodes.push(Node {
                    bias: 0.1,
                    inputs: Vec::new(),
                    outputs: Vec::new(),
                    total_input: 0.0,
                    output: 0.0,
                    output_der: 0.0,
                    input_der: 0.0,
                    acc_input_der: 0.0,
                    accumulated: 0.0,
                });
                if l > 0 {
                    for &source in &net.layers[l - 1] {
                        let link = net.links.len();
                        net.links.push(Link {
                            source,
                            dest: id,
                            weight: rng.uniform() as f64 - 0.5,
                            error_der: 0.0,
                            acc_error_der: 0.0,
                            accumulated: 0.0,
                        });
                        net.nodes[source].outputs.push(link);
                        net.nodes[id].inputs.push(link);
                    }
                }
                layer.push(id);
            }
            net.layers.push(layer);
        }
        net
    }

    pub fn forward(&mut self, x: &[f32]) -> f64 {
        for (&id, &v) in self.layers[0].iter().zip(x) {
            self.nodes[id].output = v as f64;
        }
        for l in 1..self.layers.len() {
            for &id in &self.layers[l] {
                let mut total = self.nodes[id].bias;
                for &link in &self.nodes[id].inputs {
                    let link = &self.links[link];
                    total += link.weight * self.nodes[link.source].output;
                }
                self.nodes[id].total_input = total;
                self.nodes[id].output = total.tanh();
            }
        }
        self.nodes[*self.layers.last().unwrap().first().unwrap()].output
    }

    pub fn backward(&mut self, target: f64) {
        let out = *self.layers.last().unwrap().first().unwrap();
        self.nodes[out].output_der = self.nodes[out].output - target;
        for l in (1..self.layers.len()).rev() {
            for &id in &self.layers[l] {
                let node = &mut self.nodes[id];
                let t = node.output; // tanh'(z) = 1 - tanh(z)²
                node.input_der = node.output_der * (1.0 - t * t);
                node.acc_input_der += node.input_der;
                node.accumulated += 1.0;
            }
            for &id in &self.layers[l] {
                for k in 0..self.nodes[id].inputs.len() {
                    let link_id = self.nodes[id].inputs[k];
                    let source_out = self.nodes[self.links[link_id].source].output;
                    let link = &mut self.links[link_id];
                    link.error_der = self.nodes[id].input_der * source_out;
                    link.acc_error_der += link.error_der;
                    link.accumulated += 1.0;
                }
            }
            if l == 1 {
                continue;
            }
            for &id in &self.layers[l - 1] {
                let mut der = 0.0;
                for &link in &self.nodes[id].outputs {
                    let link = &self.links[link];
                    der += link.weight * self.nodes[link.dest].input_der;
                }
                self.nodes[id].output_der = der;
            }
        }
    }

    pub fn update(&mut self, learning_rate: f64) {
        for node in &mut self.nodes {
            if node.accumulated > 0.0 {
                node.bias -= learning_rate * node.acc_input_der / node.accumulated;
                node.acc_input_der = 0.0;
                node.accumulated = 0.0;
            }
        }
        for link in &mut self.links {
            if link.accumulated > 0.0 {
                link.weight -= learning_rate * link.acc_error_der / link.accumulated;
                link.acc_error_der = 0.0;
                link.accumulated = 0.0;
            }
        }
    }

    /// One epoch as the page trains: sample by sample, update every `batch`.
    pub fn epoch(&mut self, inputs: &[f32], targets: &[f32], batch: usize, learning_rate: f64) {
        for (i, (x, &t)) in inputs.chunks_exact(2).zip(targets).enumerate() {
            self.forward(x);
            self.backward(if t > 0.5 { 1.0 } else { -1.0 });
            if (i + 1) % batch == 0 {
                self.update(learning_rate);
            }
        }
    }

    /// Every node's output at every cell of a `size × size` grid, one cell at a time.
    pub fn grid(&mut self, size: usize, pictures: &mut [f64]) {
        let nodes = self.nodes.len();
        for cell in 0..size * size {
            let x1 = -6.0 + 12.0 * ((cell % size) as f32 + 0.5) / size as f32;
            let x2 = 6.0 - 12.0 * ((cell / size) as f32 + 0.5) / size as f32;
            self.forward(&[x1, x2]);
            for (n, node) in self.nodes.iter().enumerate() {
                pictures[n * size * size + cell] = node.output;
            }
        }
        let _ = nodes;
    }

    pub fn nodes(&self) -> usize {
        self.nodes.len()
    }
}
