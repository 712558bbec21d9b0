// The browser benchmark's reference: a plain-JavaScript network built the way
// TensorFlow Playground builds one — an object per node and per link — trained
// one sample at a time, gradients accumulated and applied every `batch`
// samples, tanh everywhere including the output, squared error. A port of
// crate/benches/reference.rs (the native reference), written for this repo.
//
// A classic script: loading it (e.g. Playwright's page.addScriptTag({ path }))
// defines `globalThis.DescentReference`. Only its speed matters, so its data
// comes from Math.random.
(function (root) {
  'use strict';

  class Node {
    constructor(id) {
      this.id = id;
      this.bias = 0.1;
      this.inputLinks = [];
      this.outputs = [];
      this.totalInput = 0;
      this.output = 0;
      this.outputDer = 0;
      this.inputDer = 0;
      this.accInputDer = 0;
      this.numAccumulatedDers = 0;
    }
  }

  class Link {
    constructor(source, dest, weight) {
      this.source = source;
      this.dest = dest;
      this.weight = weight;
      this.errorDer = 0;
      this.accErrorDer = 0;
      this.numAccumulatedDers = 0;
    }
  }

  /** `shape` is [inputs, ...hidden, outputs]; weights uniform in [-0.5, 0.5). */
  function buildNetwork(shape, random = Math.random) {
    const network = [];
    let id = 0;
    shape.forEach((width, l) => {
      const layer = [];
      for (let i = 0; i < width; i++) {
        const node = new Node(id++);
        if (l > 0) {
          for (const source of network[l - 1]) {
            const link = new Link(source, node, random() - 0.5);
            source.outputs.push(link);
            node.inputLinks.push(link);
          }
        }
        layer.push(node);
      }
      network.push(layer);
    });
    return network;
  }

  function forward(network, x) {
    const inputs = network[0];
    for (let i = 0; i < inputs.length; i++) inputs[i].output = x[i];
    for (let l = 1; l < network.length; l++) {
      const layer = network[l];
      for (let i = 0; i < layer.length; i++) {
        const node = layer[i];
        let total = node.bias;
        for (let j = 0; j < node.inputLinks.length; j++) {
          const link = node.inputLinks[j];
          total += link.weight * link.source.output;
        }
        node.totalInput = total;
        node.output = Math.tanh(total);
      }
    }
    return network[network.length - 1][0].output;
  }

  function backward(network, target) {
    const out = network[network.length - 1][0];
    out.outputDer = out.output - target; // d/dy of ½(y − t)²
    for (let l = network.length - 1; l >= 1; l--) {
      const layer = network[l];
      for (let i = 0; i < layer.length; i++) {
        const node = layer[i];
        const t = node.output; // tanh'(z) = 1 − tanh(z)²
        node.inputDer = node.outputDer * (1 - t * t);
        node.accInputDer += node.inputDer;
        node.numAccumulatedDers++;
      }
      for (let i = 0; i < layer.length; i++) {
        const node = layer[i];
        for (let j = 0; j < node.inputLinks.length; j++) {
          const link = node.inputLinks[j];
          link.errorDer = node.inputDer * link.source.output;
          link.accErrorDer += link.errorDer;
          link.numAccumulatedDers++;
        }
      }
      if (l === 1) continue;
      const previous = network[l - 1];
      for (let i = 0; i < previous.length; i++) {
        const node = previous[i];
        let der = 0;
        for (let j = 0; j < node.outputs.length; j++) {
          const link = node.outputs[j];
          der += link.weight * link.dest.inputDer;
        }
        node.outputDer = der;
      }
    }
  }

  function update(network, learningRate) {
    for (let l = 1; l < network.length; l++) {
      const layer = network[l];
      for (let i = 0; i < layer.length; i++) {
        const node = layer[i];
        if (node.numAccumulatedDers > 0) {
          node.bias -= (learningRate * node.accInputDer) / node.numAccumulatedDers;
          node.accInputDer = 0;
          node.numAccumulatedDers = 0;
        }
        for (let j = 0; j < node.inputLinks.length; j++) {
          const link = node.inputLinks[j];
          if (link.numAccumulatedDers > 0) {
            link.weight -= (learningRate * link.accErrorDer) / link.numAccumulatedDers;
            link.accErrorDer = 0;
            link.numAccumulatedDers = 0;
          }
        }
      }
    }
  }

  /** One epoch as the page trains: sample by sample, update every `batch`. */
  function epoch(network, points, batch, learningRate) {
    for (let i = 0; i < points.length; i++) {
      const p = points[i];
      forward(network, p.x);
      backward(network, p.label > 0.5 ? 1 : -1);
      if ((i + 1) % batch === 0) update(network, learningRate);
    }
  }

  /**
   * Every node's output at every cell of a `size × size` grid over [-6, 6]²,
   * one cell at a time: `pictures[node.id][cell]`.
   */
  function grid(network, size, pictures) {
    const nodes = network.flat();
    const x = [0, 0];
    for (let cell = 0; cell < size * size; cell++) {
      x[0] = -6 + (12 * ((cell % size) + 0.5)) / size;
      x[1] = 6 - (12 * (Math.floor(cell / size) + 0.5)) / size;
      forward(network, x);
      for (let n = 0; n < nodes.length; n++) pictures[nodes[n].id][cell] = nodes[n].output;
    }
    return pictures;
  }

  function newPictures(network, size) {
    return network.flat().map(() => new Float64Array(size * size));
  }

  // ---- Data, constructed as crate/src/data/presets.rs does (noise 0).

  const range = (lo, hi) => lo + (hi - lo) * Math.random();

  /** Circle: odd points inside radius 2.5 (label 1), even ones in the ring 3.5–5 (label 0). */
  function circle(n) {
    const points = [];
    for (let i = 0; i < n; i++) {
      const label = i % 2;
      const radius = label === 1 ? range(0, 2.5) : range(3.5, 5);
      const angle = range(0, 2 * Math.PI);
      points.push({ x: [radius * Math.cos(angle), radius * Math.sin(angle)], label });
    }
    return points;
  }

  /** Spiral: two arms, r = 5k, angle 1.75·k·2π + class·π. */
  function spiral(n) {
    const points = [];
    const half = Math.max(1, Math.floor(n / 2));
    for (let i = 0; i < n; i++) {
      const label = i % 2;
      const k = Math.floor(i / 2) / half;
      const radius = 5 * k;
      const turn = 1.75 * k * 2 * Math.PI + label * Math.PI;
      points.push({ x: [radius * Math.sin(turn), radius * Math.cos(turn)], label });
    }
    return points;
  }

  /** Holds out a random `testFraction` of the points; returns the training ones, shuffled. */
  function trainingSplit(points, testFraction = 0.5) {
    const shuffled = points.slice();
    for (let i = shuffled.length - 1; i > 0; i--) {
      const j = Math.floor(Math.random() * (i + 1));
      [shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
    }
    return shuffled.slice(Math.round(points.length * testFraction));
  }

  /** The benchmark's workloads, as crate/src/scene/workloads.rs defines them. */
  const WORKLOADS = {
    a: { data: () => circle(500), hidden: [4, 2] },
    b: { data: () => spiral(500), hidden: [8, 8, 8, 8, 8, 8] },
    largest: { data: () => spiral(1000), hidden: [32, 32, 32, 32, 32, 32, 32, 32] },
  };

  /** A workload's network (2 inputs, its hidden layers, 1 output) and its training points. */
  function workload(name) {
    const w = WORKLOADS[name];
    if (!w) throw new Error(`no workload '${name}'`);
    const network = buildNetwork([2, ...w.hidden, 1]);
    return { network, train: trainingSplit(w.data()), batch: 10, learningRate: 0.03 };
  }

  /** Calls `f` repeatedly for at least `ms` (after one warm-up call); returns ms per call. */
  function timePerCall(ms, f) {
    f();
    const start = performance.now();
    let calls = 0;
    while (performance.now() - start < ms) {
      f();
      calls++;
    }
    return (performance.now() - start) / calls;
  }

  function weights(network) {
    return network.reduce((sum, layer) => sum + layer.reduce((s, n) => s + n.inputLinks.length, 0), 0);
  }

  /**
   * Training (and optionally grid) figures for workload `name`, the reference's
   * counterpart of the wasm export `bench_workload`.
   */
  function benchWorkload(name, ms, { grids = [100, 256] } = {}) {
    const { network, train, batch, learningRate } = workload(name);
    const epochMs = timePerCall(ms, () => epoch(network, train, batch, learningRate));
    const result = {
      epochsPerSecond: 1000 / epochMs,
      usPerSampleStep: (epochMs * 1000) / train.length,
      gflops: (6 * weights(network) * train.length) / epochMs / 1e6,
    };
    for (const size of grids) {
      const pictures = newPictures(network, size);
      result[`grid${size}Ms`] = timePerCall(ms, () => grid(network, size, pictures));
    }
    return result;
  }

  root.DescentReference = {
    buildNetwork, forward, backward, update, epoch, grid, newPictures,
    circle, spiral, trainingSplit, workload, weights, timePerCall, benchWorkload,
  };
})(typeof globalThis !== 'undefined' ? globalThis : this);
