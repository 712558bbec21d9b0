// The inside of one <descent-playground>: its controls and canvases, in its
// own shadow root. Every control sits in a `data-group`, which the element's
// `controls` attribute shows or hides; ids are scoped to the shadow root.
export const MARKUP = `
<link rel="stylesheet" href="${new URL('playground.css', import.meta.url)}">
<div class="playground" hidden>
<p class="caption" hidden></p>
<section class="runbar" aria-label="Training controls">
  <div class="run-buttons">
    <span class="run-group" data-group="run">
      <button id="play" class="play" aria-label="Play" title="Play / pause (space)">▶</button>
      <button id="step-batch" title="One gradient step on the next mini-batch">Step batch</button>
      <button id="step-epoch" title="One pass over the training set">Step epoch</button>
      <button id="reset" title="New random weights from the same seed">Reset</button>
      <button id="reset-new" title="New random weights from a new seed">New seed</button>
    </span>
  </div>
  <div class="epoch"><span class="small">Epoch</span> <span id="epoch" class="value">0</span> <span id="batch-count" class="batch-count" hidden></span></div>
  <label class="field" data-group="learning-rate">Learning rate
    <input id="learning-rate" type="range" min="0" step="1" aria-label="Learning rate">
    <output id="learning-rate-value">0.03</output>
  </label>
  <label class="field" data-group="optimizer">Optimizer
    <select id="optimizer" data-setting="optimizer" aria-label="Optimizer"></select>
  </label>
  <label class="field" data-group="batch-size">Batch size
    <input id="batch-size" data-setting="batch-size" type="number" aria-label="Batch size">
  </label>
  <label class="field" data-group="activation">Activation
    <select id="activation" data-setting="activation" aria-label="Activation"></select>
  </label>
  <label class="field" data-group="dropout">Dropout rate
    <input id="dropout" data-setting="dropout" type="range" aria-label="Dropout rate">
    <output id="dropout-value">0</output>
  </label>
  <div class="field" data-group="regularization"><span>Regularization, rate</span>
    <span class="pair">
      <select id="regularization" data-setting="regularization" aria-label="Regularization"></select>
      <select id="regularization-rate" data-setting="regularization-rate" aria-label="Regularization rate"></select>
    </span>
  </div>
</section>

<div class="banner-anchor"><div id="banner" class="banner" role="alert" hidden>
  <span id="banner-text"></span>
  <button id="banner-reset">Reset weights</button>
  <button id="banner-close" aria-label="Dismiss message">×</button>
</div></div>
<div class="notebar">
  <p class="note" role="status" aria-live="polite"><span id="note"></span> <button id="start-fresh" hidden>Start fresh</button></p>
  <span class="share">
    <button id="show-code" data-group="code" title="This network and its training as a tf.keras or PyTorch program">Show as code</button>
    <button id="copy-link" data-group="link" title="A link to this playground: settings, seed and points">Copy link</button>
    <a id="embed-link" class="button-link" data-group="link" href="#" title="Put this playground in a course page: choose its controls and size, and copy a snippet">Embed…</a>
  </span>
</div>
<p id="announce" class="visually-hidden" role="status" aria-live="polite"></p>

<div class="columns">
  <section class="panel data-panel" aria-label="Data">
    <h2>Data</h2>
    <div class="data-controls" data-group="data">
      <label class="field">Preset
        <select id="preset" aria-label="Preset"></select>
      </label>
      <label class="field">Points
        <input id="point-count" type="number" min="1" aria-label="Number of points">
      </label>
      <label class="field">Noise
        <input id="noise" data-range="noise" type="range" aria-label="Noise">
        <output id="noise-value">0</output>
      </label>
      <button id="regenerate">Regenerate</button>
      <label class="field">Test fraction
        <input id="test-fraction" data-setting="test-fraction" type="range" aria-label="Test fraction">
        <output id="test-fraction-value">0.5</output>
      </label>
      <label class="field">Classes
        <select id="classes" data-setting="classes" aria-label="Classes"></select>
      </label>
    </div>
    <fieldset class="tools" data-group="points">
      <legend>Place points</legend>
      <div class="thumbs">
        <div class="swatches" role="radiogroup" aria-label="Class of new points">
          <label><input type="radio" name="class" value="0"><span class="swatch c0"></span></label>
          <label><input type="radio" name="class" value="1" checked><span class="swatch c1"></span></label>
          <label class="extra3"><input type="radio" name="class" value="2"><span class="swatch c2"></span></label>
          <label class="extra4"><input type="radio" name="class" value="3"><span class="swatch c3"></span></label>
        </div>
        <label class="check" title="New points are held out for testing (T)"><input id="as-test" type="checkbox"> Test point</label>
        <button id="undo" title="Undo (Ctrl+Z)">Undo</button>
      </div>
      <label class="check"><input id="erase" type="checkbox"> Erase</label>
      <div class="row">
        <button id="redo" title="Redo (Ctrl+Shift+Z)">Redo</button>
        <button id="clear" aria-label="Clear all points">Clear</button>
      </div>
      <p class="hint hint-mouse">Click adds, shift-click adds the other class, right-click erases, drag moves.</p>
      <p class="hint hint-touch">Tap adds, long-press erases, drag moves.</p>
      <p class="hint" id="keyboard-help">Keyboard: focus the data, arrows move the cursor, Enter adds (Shift+Enter the other class), Delete erases, M picks a point up and puts it down, N jumps to the next point, T marks new points as test points, 1–4 choose the class.</p>
    </fieldset>
    <fieldset class="files" data-group="files">
      <legend>Save and load</legend>
      <div class="row wrap">
        <button id="import-points" title="Replace the points with those of a CSV or JSON file">Load points…</button>
        <input id="import-file" type="file" accept=".csv,.json,text/csv,application/json" aria-label="Points file (CSV or JSON)" hidden>
        <button id="export-csv" title="The points as x1,x2,label,test">Points CSV</button>
        <button id="export-json" title="The points as JSON">Points JSON</button>
        <button id="export-model" title="Architecture and weights as JSON">Model JSON</button>
        <button id="export-png" title="The data canvas as a PNG picture">Picture PNG</button>
      </div>
    </fieldset>
    <fieldset class="features" data-group="features">
      <legend>Input features</legend>
      <!-- A box per input feature, from the playground's table. -->
    </fieldset>
  </section>

  <section class="panel network-panel" aria-label="Network">
    <h2>Network
      <span class="layers" data-group="layers">
        <button id="remove-layer" aria-label="Remove hidden layer">−</button>
        <span id="layer-count">2</span> <span id="layer-word">hidden layers</span>
        <button id="add-layer" aria-label="Add hidden layer">+</button>
      </span>
    </h2>
    <div class="lesson-panel" hidden>
      <div class="neuron-sliders" data-panel="perceptron">
        <label class="field">w0 (bias) <input id="w0" type="range" min="-6" max="6" step="0.1" aria-label="w0, the bias"><output id="w0-value"></output></label>
        <label class="field">w1 <input id="w1" type="range" min="-6" max="6" step="0.1" aria-label="w1, the weight of x1"><output id="w1-value"></output></label>
        <label class="field">w2 <input id="w2" type="range" min="-6" max="6" step="0.1" aria-label="w2, the weight of x2"><output id="w2-value"></output></label>
      </div>
      <label class="race-toggle" data-panel="landscape"><input id="race-optimizers" type="checkbox"> Race SGD, momentum, RMSProp, Adagrad and Adam from this start</label>
      <div id="runs" class="runs" role="radiogroup" aria-label="Run shown on the playground" data-panel="compare landscape"></div>
      <canvas id="lesson-canvas" class="lesson-canvas" data-panel="landscape backprop compare" aria-label="The lesson's picture"></canvas>
      <p id="lesson-text" class="lesson-text"></p>
    </div>
    <div class="diagram">
      <canvas id="network" role="img" aria-label="Network diagram: every unit's output over the input square"></canvas>
      <div id="layer-buttons" data-group="layers"></div>
    </div>
    <div id="layer-activations" class="layer-activations" data-group="layers"></div>
    <div class="more" data-group="training">
      <label class="field">Early stopping patience
        <input id="early-stopping" data-setting="early-stopping" type="number" aria-label="Early stopping patience (0 is off)">
      </label>
      <label class="field">Seed
        <input id="seed" data-setting="seed" type="number" aria-label="Seed">
      </label>
      <label class="field">Speed (epochs per frame)
        <input id="epochs-per-frame" data-setting="epochs-per-frame" type="number" aria-label="Epochs per frame">
      </label>
      <label class="field">Stop after epochs
        <input id="stop-after" data-setting="stop-after" type="number" aria-label="Stop after epochs (0 runs until paused)">
      </label>
    </div>
    <canvas id="activation-plot" class="activation-plot" data-group="activation" aria-label="Activation function plot"></canvas>
  </section>

  <section class="panel output-panel" aria-label="Output">
    <h2>Output</h2>
    <div class="stats">
      <div><span class="small">Training loss</span> <span id="train-loss" class="value">–</span></div>
      <div><span class="small">Test loss</span> <span id="test-loss" class="value">–</span></div>
      <div><span class="small">Training accuracy</span> <span id="train-accuracy" class="value">–</span></div>
      <div><span class="small">Test accuracy</span> <span id="test-accuracy" class="value">–</span></div>
    </div>
    <canvas id="loss" class="loss" role="img" aria-label="Loss and accuracy per epoch"></canvas>
    <p class="legend chart-legend">
      <span class="key"><span class="line train"></span> training loss</span> <span class="key"><span class="line test"></span> test loss</span>
      <span class="key"><span class="line train pale"></span><span class="line test pale"></span> accuracy (right)</span>
      <span class="key"><span class="line best"></span> lowest test loss</span>
    </p>
    <div id="timeline" class="timeline">
      <label class="scrub">Timeline
        <input id="scrubber" type="range" min="0" max="0" step="1" value="0" aria-valuetext="epoch 0">
      </label>
      <output id="scrub-epoch" class="scrub-epoch" for="scrubber">epoch 0</output>
      <button id="replay" title="Play the recorded run again from epoch 0" aria-pressed="false">Replay</button>
      <select id="replay-speed" aria-label="Replay speed, epochs per second" title="Replay speed, epochs per second">
        <option value="10">10/s</option>
        <option value="30" selected>30/s</option>
        <option value="100">100/s</option>
        <option value="300">300/s</option>
      </select>
    </div>
    <p id="timeline-off" class="hint timeline-off" hidden>No timeline while runs race side by side: it rewinds one run at a time.</p>
    <div class="data-wrap">
      <canvas id="data" tabindex="0" role="application" aria-roledescription="data canvas" aria-label="Data" aria-describedby="keyboard-help"></canvas>
      <div id="axis-x" class="axis-x">x1</div>
      <div id="axis-y" class="axis-y">x2</div>
    </div>
    <p id="hover" class="hover">&nbsp;</p>
    <div id="confusion" class="confusion" hidden>
      <table id="confusion-train"><caption>Training points: true class by row, predicted by column</caption></table>
      <table id="confusion-test"><caption>Test points: true class by row, predicted by column</caption></table>
    </div>
    <p class="legend" id="legend">
      <span class="key"><span class="swatch c0"></span> <span class="class-name">red</span></span>
      <span class="key"><span class="swatch c1"></span> <span class="class-name">green</span></span>
      <span class="key extra3"><span class="swatch c2"></span> <span class="class-name">blue</span></span>
      <span class="key extra4"><span class="swatch c3"></span> <span class="class-name">orange</span></span>
      · filled: training · hollow: test · ringed: misclassified
    </p>
    <label class="palette">Colours
      <select id="palette" data-setting="palette"></select>
    </label>
    <div class="thumbbar" hidden></div>
  </section>
</div>
<dialog id="code-dialog" aria-label="The playground as code">
  <div class="code-head">
    <div role="tablist" aria-label="Framework">
      <button role="tab" id="tab-keras" aria-selected="true">tf.keras</button>
      <button role="tab" id="tab-pytorch" aria-selected="false">PyTorch</button>
      <button role="tab" id="tab-pytorch-run" aria-selected="false" title="The page's initial weights, batch order and dropout: it prints this run's curve">PyTorch, this run</button>
    </div>
    <button id="copy-code">Copy</button>
    <button id="download-program">Download program.py</button>
    <button id="download-points">Download points.csv</button>
    <button id="close-code" aria-label="Close">×</button>
  </div>
  <p class="hint">Reads <code>points.csv</code> (x1,x2,label,test): save it with <em>Download points.csv</em> next to the program.</p>
  <pre id="code" tabindex="0"></pre>
</dialog>
</div>`;

/** The timeline's and the confusion matrix's words that change as they go. */
export const WORDS = {
  epoch: (n) => `epoch ${n.toLocaleString('en')}`,
  /** A confusion matrix cell, as a screen reader hears it. */
  cell: (count, actual, predicted) => `${count} ${actual} points predicted ${predicted}`,
  corner: 'true \\ predicted',
  replay: 'Replay',
  stopReplay: 'Stop',
};
