// The inside of one <descent-playground>: its controls and canvases, in its
// own shadow root. Every control sits in a `data-group`, which the element's
// `controls` attribute shows or hides; ids are scoped to the shadow root.
// Every word is the catalogue's (`t`, see words.js); only `code_hint` holds markup.
import { escape, fill } from './words.js';

export const markup = (t) => {
  const T = Object.fromEntries(Object.entries(t).map(([k, v]) => [k, escape(v)]));
  return `
<link rel="stylesheet" href="${new URL('playground.css', import.meta.url)}">
<div class="playground" hidden>
<p class="caption" hidden></p>
<p class="question" hidden><span class="question-mark" aria-hidden="true">?</span> <span id="question-ask"></span> <span id="question-reached" class="question-reached" role="status" aria-live="polite"></span></p>
<section class="runbar" aria-label="${T.training_controls}">
  <div class="run-buttons">
    <span class="run-group" data-group="run">
      <button id="play" class="play" aria-label="${T.play}" title="${T.play_title}">▶</button>
      <button id="step-batch" title="${T.step_batch_title}">${T.step_batch}</button>
      <button id="step-epoch" title="${T.step_epoch_title}">${T.step_epoch}</button>
      <button id="reset" title="${T.reset_title}">${T.reset}</button>
      <button id="reset-new" title="${T.new_seed_title}">${T.new_seed}</button>
    </span>
  </div>
  <div class="epoch"><span class="small">${T.epoch}</span> <span id="epoch" class="value">0</span> <span id="batch-count" class="batch-count" hidden></span></div>
  <label class="field" data-group="learning-rate">${T.learning_rate}
    <input id="learning-rate" type="range" min="0" step="1" aria-label="${T.learning_rate}">
    <output id="learning-rate-value">0.03</output>
  </label>
  <label class="field" data-group="optimizer">${T.optimizer}
    <select id="optimizer" data-setting="optimizer" aria-label="${T.optimizer}"></select>
  </label>
  <label class="field" data-group="batch-size">${T.batch_size}
    <input id="batch-size" data-setting="batch-size" type="number" aria-label="${T.batch_size}">
  </label>
  <label class="field" data-group="activation">${T.activation}
    <select id="activation" data-setting="activation" aria-label="${T.activation}"></select>
  </label>
  <label class="field" data-group="dropout">${T.dropout_rate}
    <input id="dropout" data-setting="dropout" type="range" aria-label="${T.dropout_rate}">
    <output id="dropout-value">0</output>
  </label>
  <div class="field" data-group="regularization"><span>${T.regularization_rate}</span>
    <span class="pair">
      <select id="regularization" data-setting="regularization" aria-label="${T.regularization}"></select>
      <select id="regularization-rate" data-setting="regularization-rate" aria-label="${T.regularization_rate_label}"></select>
    </span>
  </div>
</section>

<div class="banner-anchor"><div id="banner" class="banner" role="alert" hidden>
  <span id="banner-text"></span>
  <button id="banner-reset">${T.reset_weights}</button>
  <button id="banner-close" aria-label="${T.dismiss}">×</button>
</div></div>
<div class="notebar">
  <p class="note" role="status" aria-live="polite"><span id="note"></span> <button id="start-fresh" hidden>${T.start_fresh}</button></p>
  <span class="share">
    <button id="slow-step" data-group="training" title="${T.slow_step_title}">${T.slow_step}</button>
    <button id="show-code" data-group="code" title="${T.show_code_title}">${T.show_code}</button>
    <button id="copy-link" data-group="link" title="${T.copy_link_title}">${T.copy_link}</button>
    <a id="embed-link" class="button-link" data-group="link" href="#" title="${T.embed_title}">${T.embed}</a>
  </span>
</div>
<p id="announce" class="visually-hidden" role="status" aria-live="polite"></p>
<section id="slow-step-panel" class="slow-step" tabindex="-1" aria-label="${T.slow_step_panel}" hidden>
  <div class="slow-step-head"><strong id="slow-step-title"></strong> <span id="slow-step-count" class="small"></span></div>
  <pre id="slow-step-text" class="slow-step-text"></pre>
  <div class="row wrap">
    <button id="slow-prev">${T.slow_previous}</button>
    <button id="slow-next">${T.slow_next}</button>
    <button id="slow-close">${T.slow_leave}</button>
  </div>
</section>

<div class="columns">
  <section class="panel data-panel" aria-label="${T.data}">
    <h2>${T.data}</h2>
    <div class="data-controls" data-group="data">
      <label class="field">${T.preset}
        <select id="preset" aria-label="${T.preset}"></select>
      </label>
      <label class="field">${T.points}
        <input id="point-count" type="number" min="1" aria-label="${T.number_of_points}">
      </label>
      <label class="field">${T.noise}
        <input id="noise" data-range="noise" type="range" aria-label="${T.noise}">
        <output id="noise-value">0</output>
      </label>
      <button id="regenerate">${T.regenerate}</button>
      <label class="field">${T.test_fraction}
        <input id="test-fraction" data-setting="test-fraction" type="range" aria-label="${T.test_fraction}">
        <output id="test-fraction-value">0.5</output>
      </label>
      <label class="field">${T.classes}
        <select id="classes" data-setting="classes" aria-label="${T.classes}"></select>
      </label>
    </div>
    <fieldset class="tools" data-group="points">
      <legend>${T.place_points}</legend>
      <div class="thumbs">
        <div class="swatches" role="radiogroup" aria-label="${T.class_of_new_points}">
          <label><input type="radio" name="class" value="0"><span class="swatch c0"></span></label>
          <label><input type="radio" name="class" value="1" checked><span class="swatch c1"></span></label>
          <label class="extra3"><input type="radio" name="class" value="2"><span class="swatch c2"></span></label>
          <label class="extra4"><input type="radio" name="class" value="3"><span class="swatch c3"></span></label>
        </div>
        <label class="check" title="${T.test_point_title}"><input id="as-test" type="checkbox"> ${T.test_point}</label>
        <button id="undo" title="${T.undo_title}">${T.undo}</button>
      </div>
      <label class="check"><input id="erase" type="checkbox"> ${T.erase}</label>
      <div class="row">
        <button id="redo" title="${T.redo_title}">${T.redo}</button>
        <button id="clear" aria-label="${T.clear_label}">${T.clear}</button>
      </div>
      <p class="hint hint-mouse">${T.hint_mouse}</p>
      <p class="hint hint-touch">${T.hint_touch}</p>
      <p class="hint" id="keyboard-help">${T.hint_keyboard}</p>
    </fieldset>
    <fieldset class="files" data-group="files">
      <legend>${T.save_and_load}</legend>
      <div class="row wrap">
        <button id="import-points" title="${T.load_points_title}">${T.load_points}</button>
        <input id="import-file" type="file" accept=".csv,.json,text/csv,application/json" aria-label="${T.points_file}" hidden>
        <button id="export-csv" title="${T.points_csv_title}">${T.points_csv}</button>
        <button id="export-json" title="${T.points_json_title}">${T.points_json}</button>
        <button id="export-model" title="${T.model_json_title}">${T.model_json}</button>
        <button id="export-png" title="${T.picture_png_title}">${T.picture_png}</button>
      </div>
    </fieldset>
    <fieldset class="features" data-group="features">
      <legend>${T.input_features}</legend>
      <!-- A box per input feature, from the playground's table. -->
    </fieldset>
  </section>

  <section class="panel network-panel" aria-label="${T.network}">
    <h2>${T.network}
      <span class="layers" data-group="layers">
        <button id="remove-layer" aria-label="${T.remove_layer}">−</button>
        <span id="layer-count">2</span> <span id="layer-word">${T.hidden_layers}</span>
        <button id="add-layer" aria-label="${T.add_layer}">+</button>
      </span>
    </h2>
    <div class="lesson-panel" hidden>
      <div class="neuron-sliders" data-panel="perceptron">
        <label class="field">${T.w0_bias} <input id="w0" type="range" min="-6" max="6" step="0.1" aria-label="${T.w0_label}"><output id="w0-value"></output></label>
        <label class="field">w1 <input id="w1" type="range" min="-6" max="6" step="0.1" aria-label="${T.w1_label}"><output id="w1-value"></output></label>
        <label class="field">w2 <input id="w2" type="range" min="-6" max="6" step="0.1" aria-label="${T.w2_label}"><output id="w2-value"></output></label>
      </div>
      <label class="race-toggle" data-panel="landscape"><input id="race-optimizers" type="checkbox"> ${T.race}</label>
      <div id="runs" class="runs" role="radiogroup" aria-label="${T.runs_label}" data-panel="compare landscape"></div>
      <div class="race-axis" role="group" aria-label="${T.race_axis_label}" data-panel="compare">
        <span class="small">${T.race_axis_across}</span>
        <button type="button" data-axis="epochs" aria-pressed="true">${T.race_axis_epochs}</button>
        <button type="button" data-axis="steps" aria-pressed="false">${T.race_axis_steps}</button>
        <button type="button" data-axis="examples" aria-pressed="false">${T.race_axis_examples}</button>
      </div>
      <div class="lesson-views" data-panel="landscape backprop compare">
        <canvas id="lesson-canvas" class="lesson-canvas" data-panel="landscape backprop compare" aria-label="${T.lesson_picture}"></canvas>
        <canvas id="surface-canvas" class="lesson-canvas square" data-panel="landscape" tabindex="0" role="application" aria-roledescription="${T.surface_role}" aria-label="${T.surface_label}"></canvas>
      </div>
      <p id="lesson-text" class="lesson-text"></p>
    </div>
    <div class="diagram">
      <canvas id="network" role="img" aria-label="${T.network_diagram}"></canvas>
      <div id="layer-buttons" data-group="layers"></div>
    </div>
    <div id="layer-activations" class="layer-activations" data-group="layers"></div>
    <div class="hidden-space" data-group="layers">
      <label class="field">${T.hidden_space}
        <select id="hidden-space" aria-label="${T.hidden_space_label}"></select>
      </label>
      <canvas id="hidden-space-canvas" class="hidden-space-canvas" role="img" aria-label="${T.hidden_space_picture}" hidden></canvas>
      <p id="hidden-space-text" class="legend" hidden></p>
    </div>
    <div class="more" data-group="training">
      <label class="field schedule-field">${T.schedule}
        <select id="schedule" data-setting="schedule" aria-label="${T.schedule}"></select>
      </label>
      <label class="field schedule-field">${T.schedule_span}
        <input id="schedule-epochs" data-setting="schedule-epochs" type="number" aria-label="${T.schedule_span_label}">
      </label>
      <label class="field">${T.early_stopping}
        <input id="early-stopping" data-setting="early-stopping" type="number" aria-label="${T.early_stopping_label}">
      </label>
      <label class="field">${T.seed}
        <input id="seed" data-setting="seed" type="number" aria-label="${T.seed}">
      </label>
      <label class="field">${T.speed}
        <input id="epochs-per-frame" data-setting="epochs-per-frame" type="number" aria-label="${T.epochs_per_frame}">
      </label>
      <label class="field">${T.stop_after}
        <input id="stop-after" data-setting="stop-after" type="number" aria-label="${T.stop_after_label}">
      </label>
    </div>
    <canvas id="activation-plot" class="activation-plot" data-group="activation" aria-label="${T.activation_plot}"></canvas>
  </section>

  <section class="panel output-panel" aria-label="${T.output}">
    <h2>${T.output}</h2>
    <div class="stats">
      <div><span class="small">${T.training_loss}</span> <span id="train-loss" class="value">–</span></div>
      <div><span class="small">${T.test_loss}</span> <span id="test-loss" class="value">–</span></div>
      <div><span class="small">${T.training_accuracy}</span> <span id="train-accuracy" class="value">–</span></div>
      <div><span class="small">${T.test_accuracy}</span> <span id="test-accuracy" class="value">–</span></div>
    </div>
    <canvas id="loss" class="loss" role="img" aria-label="${T.loss_chart}"></canvas>
    <p class="legend chart-legend">
      <span class="key"><span class="line train"></span> ${T.legend_training_loss}</span> <span class="key"><span class="line test"></span> ${T.legend_test_loss}</span>
      <span class="key"><span class="line train pale"></span><span class="line test pale"></span> ${T.legend_accuracy}</span>
      <span class="key"><span class="line best"></span> ${T.legend_lowest}</span>
      <canvas id="rate-chart" class="rate-chart" role="img" aria-label="${T.rate_chart_label}" hidden></canvas>
    </p>
    <div id="timeline" class="timeline">
      <label class="scrub">${T.timeline}
        <input id="scrubber" type="range" min="0" max="0" step="1" value="0" aria-valuetext="${fill(T.timeline_epoch, { epoch: 0 })}">
      </label>
      <output id="scrub-epoch" class="scrub-epoch" for="scrubber">${fill(T.timeline_epoch, { epoch: 0 })}</output>
      <button id="replay" title="${T.replay_title}" aria-pressed="false">${T.replay}</button>
      <select id="replay-speed" aria-label="${T.replay_speed}" title="${T.replay_speed}">
        <option value="10">10/s</option>
        <option value="30" selected>30/s</option>
        <option value="100">100/s</option>
        <option value="300">300/s</option>
      </select>
    </div>
    <p id="timeline-off" class="hint timeline-off" hidden>${T.timeline_off}</p>
    <div class="data-wrap">
      <div class="data-box">
        <canvas id="field" aria-hidden="true"></canvas>
        <canvas id="rings" aria-hidden="true"></canvas>
        <canvas id="data" tabindex="0" role="application" aria-roledescription="${T.data_canvas}" aria-label="${T.data}" aria-describedby="keyboard-help"></canvas>
      </div>
      <div id="axis-x" class="axis-x">x1</div>
      <div id="axis-y" class="axis-y">x2</div>
    </div>
    <p id="hover" class="hover">&nbsp;</p>
    <p id="tip" class="tip" role="tooltip" hidden></p>
    <div id="confusion" class="confusion" hidden>
      <table id="confusion-train"><caption>${T.confusion_train}</caption></table>
      <table id="confusion-test"><caption>${T.confusion_test}</caption></table>
    </div>
    <p class="legend" id="legend">
      <span class="key"><span class="swatch c0"></span> <span class="class-name">${T.colour_red}</span></span>
      <span class="key"><span class="swatch c1"></span> <span class="class-name">${T.colour_green}</span></span>
      <span class="key extra3"><span class="swatch c2"></span> <span class="class-name">${T.colour_blue}</span></span>
      <span class="key extra4"><span class="swatch c3"></span> <span class="class-name">${T.colour_orange}</span></span>
      ${T.legend_points}
    </p>
    <label class="palette">${T.colours}
      <select id="palette" data-setting="palette"></select>
    </label>
    <div class="thumbbar" hidden></div>
  </section>
</div>
<dialog id="code-dialog" aria-label="${T.code_dialog}">
  <div class="code-head">
    <div role="tablist" aria-label="${T.framework}">
      <button role="tab" id="tab-keras" aria-selected="true">tf.keras</button>
      <button role="tab" id="tab-pytorch" aria-selected="false">PyTorch</button>
      <button role="tab" id="tab-pytorch-run" aria-selected="false" title="${T.pytorch_run_title}">${T.pytorch_run}</button>
    </div>
    <button id="copy-code">${T.copy}</button>
    <button id="download-program">${T.download_program}</button>
    <button id="download-points">${T.download_points}</button>
    <button id="close-code" aria-label="${T.close}">×</button>
  </div>
  <p class="hint">${t.code_hint}</p>
  <pre id="code" tabindex="0"></pre>
</dialog>
</div>`;
};
