// Wires the page's controls to the Rust `Playground` and runs the animation
// loop. Computes nothing itself: every number comes from the playground.
import init, { Playground } from './pkg/descent.js';

const $ = (id) => document.getElementById(id);
/** Milliseconds of training per frame, leaving the rest of ~16 ms for drawing. */
const TRAIN_BUDGET_MS = 10;

await init();
const pg = new Playground($('data'), $('network'), $('loss'), $('activation-plot'));
window.descent = pg; // for the end-to-end tests and the curious

let playing = false;
let dismissedState = null;
const note = (text) => { $('note').textContent = text ?? ''; };

/** Applies a setting, showing the playground's note or refusal. */
function set(name, value) {
  try {
    note(pg.set(name, String(value)));
    return true;
  } catch (e) {
    note(e.message);
    return false;
  } finally {
    syncControls();
  }
}

const format = (v, digits = 3) => (v === null || v === undefined ? '–' : Number(v).toFixed(digits));

function syncControls() {
  const lr = Number(pg.get('learning-rate'));
  $('learning-rate').value = Math.log10(lr);
  $('learning-rate-value').textContent = String(Number(lr.toPrecision(3)));
  for (const el of document.querySelectorAll('[data-setting]')) {
    el.value = pg.get(el.dataset.setting);
  }
  $('dropout-value').textContent = pg.get('dropout');
  $('test-fraction-value').textContent = pg.get('test-fraction');
  $('noise-value').textContent = pg.get('noise');
  const features = pg.get('features').split(',');
  for (const box of document.querySelectorAll('.features input')) box.checked = features.includes(box.value);
  const hidden = pg.get('hidden') ? pg.get('hidden').split(',') : [];
  $('layer-count').textContent = hidden.length;
  const status = pg.status();
  document.body.classList.toggle('regression', status.classes === 0);
  document.body.classList.toggle('classes-3', status.classes === 3);
  document.body.classList.toggle('classes-4', status.classes === 4);
  $('classes').disabled = status.classes === 0;
  layerActivations(hidden.length);
}

function layerActivations(layers) {
  const box = $('layer-activations');
  const current = pg.get('layer-activations').split(',');
  if (box.childElementCount !== layers) {
    box.replaceChildren();
    for (let i = 0; i < layers; i++) {
      const label = document.createElement('label');
      label.textContent = `Layer ${i + 1} `;
      const select = document.createElement('select');
      select.setAttribute('aria-label', `Activation of layer ${i + 1}`);
      select.append(new Option('same as all', ''));
      for (const o of $('activation').options) select.append(new Option(o.text, o.value));
      select.addEventListener('change', () => {
        const list = [...box.querySelectorAll('select')].map((s) => s.value);
        set('layer-activations', list.join(','));
      });
      label.append(select);
      box.append(label);
    }
  }
  box.querySelectorAll('select').forEach((s, i) => { s.value = current[i] ?? ''; });
}

/** The +/− buttons above each hidden layer of the diagram. */
function layerButtons() {
  const holder = $('layer-buttons');
  const hidden = pg.get('hidden') ? pg.get('hidden').split(',').map(Number) : [];
  const xs = pg.hidden_columns();
  holder.replaceChildren();
  hidden.forEach((units, i) => {
    const group = document.createElement('div');
    group.className = 'unit-buttons';
    group.style.left = `${xs[i]}px`;
    for (const [text, delta] of [['−', -1], ['+', 1]]) {
      const b = document.createElement('button');
      b.textContent = text;
      b.setAttribute('aria-label', `${delta > 0 ? 'Add a unit to' : 'Remove a unit from'} layer ${i + 1}`);
      b.disabled = units + delta < 1 || units + delta > 32;
      b.addEventListener('click', () => {
        hidden[i] = units + delta;
        set('hidden', hidden.join(','));
      });
      group.append(b);
    }
    holder.append(group);
  });
}

function showStatus() {
  const s = pg.status();
  $('epoch').textContent = s.epoch.toLocaleString('en');
  $('train-loss').textContent = format(s.trainLoss);
  $('test-loss').textContent = format(s.testLoss);
  $('train-accuracy').textContent = s.trainAccuracy === null ? '–' : `${(s.trainAccuracy * 100).toFixed(1)}%`;
  $('test-accuracy').textContent = s.testAccuracy === null ? '–' : `${(s.testAccuracy * 100).toFixed(1)}%`;
  $('undo').disabled = !s.canUndo;
  $('redo').disabled = !s.canRedo;
  $('axis-x').textContent = s.xLabel;
  $('axis-y').textContent = s.yLabel;
  const banner = $('banner');
  if (s.state !== dismissedState) dismissedState = null;
  const show = s.state !== 'training' && s.message && s.state !== dismissedState;
  banner.hidden = !show;
  banner.classList.toggle('info', s.state !== 'diverged');
  $('banner-reset').hidden = s.state !== 'diverged';
  if (show) $('banner-text').textContent = s.message;
}

function setPlaying(on) {
  playing = on && pg.can_train();
  $('play').textContent = playing ? '❚❚' : '▶';
  $('play').setAttribute('aria-label', playing ? 'Pause' : 'Play');
}

let lastHidden = null;
let firstFrameMarked = false;
function frame() {
  try {
    if (playing) {
      pg.train_frame(TRAIN_BUDGET_MS);
      if (!pg.can_train()) setPlaying(false);
    }
    if (pg.needs_render()) {
      pg.render();
      if (!firstFrameMarked) {
        performance.mark('descent-first-frame'); // read by the browser benchmark
        firstFrameMarked = true;
      }
      showStatus();
      describeHover();
      if (pg.get('hidden') !== lastHidden) {
        lastHidden = pg.get('hidden');
        layerButtons();
      }
    }
  } catch (e) {
    // A fault inside the playground (it should never happen): say so and stop
    // this loop, rather than throwing every frame.
    playing = false;
    $('banner-text').textContent = `Something went wrong inside the playground (${e.message}). Reload the page to start again.`;
    $('banner').hidden = false;
    $('banner-reset').hidden = true;
    console.error('descent:', e);
    return;
  }
  requestAnimationFrame(frame);
}

// Run controls.
$('play').addEventListener('click', () => setPlaying(!playing));
$('step-batch').addEventListener('click', () => { setPlaying(false); pg.step_batch(); });
$('step-epoch').addEventListener('click', () => { setPlaying(false); pg.step_epoch(); });
$('reset').addEventListener('click', () => { pg.reset(false); syncControls(); });
$('reset-new').addEventListener('click', () => { pg.reset(true); syncControls(); });
$('banner-reset').addEventListener('click', () => { pg.reset(false); syncControls(); });
$('banner-close').addEventListener('click', () => {
  dismissedState = pg.status().state; // stays dismissed until the state changes
  $('banner').hidden = true;
});

// Show as code: tf.keras or PyTorch, generated from the current settings.
let codeTab = 'keras';
function showCode() {
  $('code').textContent = codeTab === 'keras' ? pg.keras_code() : pg.pytorch_code();
  $('tab-keras').setAttribute('aria-selected', String(codeTab === 'keras'));
  $('tab-pytorch').setAttribute('aria-selected', String(codeTab === 'pytorch'));
}
$('show-code').addEventListener('click', () => { showCode(); $('code-dialog').showModal(); });
$('tab-keras').addEventListener('click', () => { codeTab = 'keras'; showCode(); });
$('tab-pytorch').addEventListener('click', () => { codeTab = 'pytorch'; showCode(); });
$('close-code').addEventListener('click', () => $('code-dialog').close());
$('copy-code').addEventListener('click', async () => {
  try {
    await navigator.clipboard.writeText($('code').textContent);
    note('Code copied.');
  } catch {
    note('Copying needs clipboard permission: select the code and copy it by hand.');
  }
});

// Sharing: the whole scene travels in the link's hash.
function loadFromHash() {
  if (location.hash.length <= 1) return;
  try {
    const notes = pg.load_text(location.hash.slice(1)); // percent-escapes are the decoder's job
    note(notes.join(' · '));
  } catch (e) {
    note(`The link could not be read: ${e.message}. The playground kept its own scene.`);
  }
  syncControls();
}
$('copy-link').addEventListener('click', async () => {
  const link = `${location.origin}${location.pathname}#${pg.scene_text()}`;
  history.replaceState(null, '', link);
  try {
    await navigator.clipboard.writeText(link);
    note('Link copied: it opens this playground with the same settings, seed and points.');
  } catch {
    note('The link is in the address bar: copy it from there.');
  }
});
window.addEventListener('hashchange', loadFromHash);

// Saving: files are made in Rust; the page only hands them to the browser.
function download(name, blob) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
$('export-model').addEventListener('click', () => {
  download('descent-model.json', new Blob([pg.model_json()], { type: 'application/json' }));
});
$('export-png').addEventListener('click', () => {
  $('data').toBlob((blob) => download('descent-boundary.png', blob), 'image/png');
});

// Settings that map one-to-one onto a playground setting.
for (const el of document.querySelectorAll('[data-setting]')) {
  el.addEventListener(el.type === 'range' ? 'input' : 'change', () => set(el.dataset.setting, el.value));
}
$('learning-rate').addEventListener('input', (e) => set('learning-rate', 10 ** Number(e.target.value)));
$('add-layer').addEventListener('click', () => {
  const hidden = pg.get('hidden') ? pg.get('hidden').split(',') : [];
  set('hidden', [...hidden, hidden.at(-1) ?? 4].join(','));
});
$('remove-layer').addEventListener('click', () => {
  const hidden = pg.get('hidden') ? pg.get('hidden').split(',') : [];
  set('hidden', hidden.slice(0, -1).join(','));
});
for (const box of document.querySelectorAll('.features input')) {
  box.addEventListener('change', () => {
    const on = [...document.querySelectorAll('.features input')].filter((b) => b.checked).map((b) => b.value);
    set('features', on.join(','));
  });
}

// Data controls.
function loadPreset() {
  try {
    note(pg.load_preset($('preset').value, Number($('point-count').value), Number($('noise').value)));
  } catch (e) {
    note(e.message);
  }
  syncControls();
}
$('preset').addEventListener('change', loadPreset);
$('point-count').addEventListener('change', loadPreset);
$('noise').addEventListener('change', loadPreset);
$('noise').addEventListener('input', () => { $('noise-value').textContent = $('noise').value; });
$('regenerate').addEventListener('click', () => { pg.regenerate(); syncControls(); });
$('undo').addEventListener('click', () => pg.undo());
$('redo').addEventListener('click', () => pg.redo());
$('clear').addEventListener('click', () => pg.clear());

// Placing, erasing and dragging points on the data canvas.
const data = $('data');
const selectedClass = () => Number(document.querySelector('input[name=class]:checked').value);
// Relative to the canvas's content box: the drawing starts inside its border.
const at = (e) => {
  const r = data.getBoundingClientRect();
  return [e.clientX - r.left - data.clientLeft, e.clientY - r.top - data.clientTop];
};
let drag = null;
let longPress = null;

function addPoint(x, y, shift) {
  const classes = pg.status().classes;
  let label = selectedClass();
  if (classes === 0) label = shift ? -1 : 1;
  else if (shift) label = label === 1 ? 0 : 1;
  try { pg.add_point(x, y, label); note(''); } catch (e) { note(e.message); }
}

data.addEventListener('contextmenu', (e) => e.preventDefault());
data.addEventListener('pointerdown', (e) => {
  const [x, y] = at(e);
  const hit = pg.point_at(x, y);
  if (e.button === 2 || $('erase').checked) {
    if (hit >= 0) pg.remove_point(hit);
    return;
  }
  if (hit >= 0) {
    drag = { index: hit, moved: false };
    data.setPointerCapture(e.pointerId);
    if (e.pointerType === 'touch') {
      longPress = setTimeout(() => { if (drag && !drag.moved) { pg.remove_point(drag.index); drag = null; } }, 550);
    }
    return;
  }
  addPoint(x, y, e.shiftKey);
});
// What the pointer is over, so its readout stays live while training runs.
let hovering = null;
function describeHover() {
  if (!hovering) return;
  const [canvas, x, y] = hovering;
  const text = canvas === 'data' ? pg.describe_data(x, y) : pg.describe_network(x, y);
  $('hover').textContent = text || '\u00a0';
}

data.addEventListener('pointermove', (e) => {
  const [x, y] = at(e);
  if (drag) {
    if (!drag.moved) { pg.begin_move(); drag.moved = true; clearTimeout(longPress); }
    pg.move_point(drag.index, x, y);
  }
  hovering = ['data', x, y];
  describeHover();
});
data.addEventListener('pointerup', () => { drag = null; clearTimeout(longPress); });
for (const canvas of [data, $('network')]) {
  canvas.addEventListener('pointerleave', () => { hovering = null; $('hover').textContent = '\u00a0'; });
}
$('network').addEventListener('pointermove', (e) => {
  const r = e.target.getBoundingClientRect();
  hovering = ['network', e.clientX - r.left, e.clientY - r.top];
  describeHover();
});

document.addEventListener('keydown', (e) => {
  if (e.target.closest('input, select, textarea')) return;
  if (e.key === ' ') { e.preventDefault(); setPlaying(!playing); }
  if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'z') {
    e.preventDefault();
    if (e.shiftKey) pg.redo(); else pg.undo();
  }
});
// Canvases are measured again only when their layout changes.
new ResizeObserver(() => { pg.resize(); lastHidden = null; })
  .observe(document.querySelector('.columns'));

loadFromHash();
syncControls();
requestAnimationFrame(frame);
