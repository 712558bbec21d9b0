// One playground on the page: wires its controls (inside its shadow root) to
// its Rust `Playground`, and trains and draws when the page's scheduler
// (scheduler.js) gives it a turn. Computes nothing itself: every number
// comes from the playground.
import { Playground, take_panic_message, max_scene_text, max_file_bytes, controls, preset_titles, choice_title } from './pkg/descent.js';
import { markup } from './markup.js';
import { fill } from './words.js';
import { scheduler } from './scheduler.js';

/**
 * While a playground plays, how often its words follow its canvases. Written
 * every frame, they cost a phone a quarter of its frame time (style, layout
 * and paint of the page), and no one reads a number that changes 60 times a second.
 */
const WORDS_WHILE_PLAYING_MS = 200;

let limits = null;
/**
 * The Rust side's limits, read once: longer text is refused here, before it
 * is copied into the playground's memory (which never shrinks again).
 */
export function sizeLimits() {
  limits ??= { sceneText: max_scene_text(), fileBytes: max_file_bytes() };
  return limits;
}

/** Why `text` is too long to be a scene's text (in catalogue `t`, language `code`), or null if it is not. */
export function tooLongForScene(text, t, code) {
  const max = sizeLimits().sceneText;
  // UTF-16 units: at least the characters, at most twice as many.
  if (text.length <= max) return null;
  if (text.length <= 2 * max && [...text].length <= max) return null;
  return fill(t.link_text_too_long, { max }, code);
}

/**
 * The code export's wasm module (descent_code.js), fetched once for the
 * whole page, on the first use; a failed fetch is tried again next time.
 */
let codeExport = null;
function codeModule() {
  codeExport ??= import('./pkg/descent_code.js')
    .then(async (glue) => { await glue.default(); return glue; })
    .catch((e) => { codeExport = null; throw e; });
  return codeExport;
}

/**
 * One Web Worker (painter.js) on the other core paints every playground's
 * pictures while they train, from snapshots of the weights. One, not one per
 * playground: twenty workers would leave the page's core a twentieth of one.
 */
const workers = {
  worker: undefined, // started on the first send: a page whose playgrounds never play needs none
  painters: new Map(), // id -> WorkerPainter
  next: 0,
  start() {
    try {
      this.worker = new Worker(new URL('./painter.js', import.meta.url), { type: 'module' });
    } catch (e) {
      this.fail(e.message);
      return;
    }
    this.worker.onmessage = ({ data }) => this.painters.get(data.id)?.receive(data);
    this.worker.onerror = (e) => { e.preventDefault(); this.fail(e.message || 'the worker did not start'); };
  },
  fail(why) {
    console.warn(`descent: painting on the page's own core (${why})`);
    this.worker?.terminate();
    this.worker = null;
    for (const p of this.painters.values()) p.busy = false;
  },
  /** Whether the worker stamps rings: it has 2D OffscreenCanvas (they stamp on the page's core otherwise). */
  stampsRings: typeof OffscreenCanvas === 'function',
};

/** One playground's side of the worker. Without one, the playground paints its pictures itself, as when paused. */
class WorkerPainter {
  constructor(pg) {
    this.pg = pg;
    this.busy = false;
    this.spare = undefined; // the last pictures' arrays, handed back to the worker
    this.id = workers.next++;
    workers.painters.set(this.id, this);
  }

  receive(data) {
    if (data.rings) {
      if (data.error) {
        console.warn(`descent: stamping the rings on the page's own core (${data.error})`);
        workers.stampsRings = false;
      } else {
        try { this.pg.accept_rings(data.rings, data.picture); } catch (e) { workers.fail(e.message); }
      }
      return;
    }
    this.busy = false;
    if (data.error) workers.fail(data.error);
    else {
      try { this.pg.accept_pictures(data.snapshot, data.field, data.units, data.links); } catch (e) { workers.fail(e.message); }
      // Put into the playground's canvases: the arrays go back to be painted
      // again, so that a megabyte or two a frame makes no garbage here.
      this.spare = { field: data.field, units: data.units, links: data.links };
    }
  }

  /** Sends the current weights, unless the last snapshot is still being painted. */
  send() {
    if (workers.worker === undefined) workers.start();
    if (!workers.worker || this.busy || !workers.painters.has(this.id)) return;
    const snapshot = this.pg.snapshot();
    const spare = this.spare;
    this.spare = undefined;
    this.busy = true;
    const buffers = spare ? [spare.field.buffer, spare.units.buffer, spare.links.buffer] : [];
    workers.worker.postMessage({ id: this.id, snapshot, spare }, [snapshot.buffer, ...buffers]);
  }

  /** Whether the worker should stamp this playground's rings, playing or not. */
  stampsRings(playing) {
    return playing && workers.stampsRings && workers.worker !== null;
  }

  /** Sends the rings the last drawing left to stamp, if any. */
  sendRings() {
    const rings = this.pg.take_rings();
    if (!rings) return;
    if (workers.worker === undefined) workers.start();
    // With no worker, they are stamped here at the next drawing (`stampsRings`).
    workers.worker?.postMessage({ id: this.id, rings }, [rings.buffer]);
  }

  /** This playground paints no more: its pictures, if the worker sends any, go nowhere. */
  stop() {
    workers.painters.delete(this.id);
  }
}

/**
 * `el`'s own CSS pixels per pixel of its box `r` on screen, across and
 * down: 1 unless the page around it is zoomed or scaled (a course site's
 * style, an accessibility widget), which changes its box on screen, not
 * its own size.
 */
function ownPerScreen(el, r) {
  return [r.width > 0 ? el.offsetWidth / r.width : 1, r.height > 0 ? el.offsetHeight / r.height : 1];
}

/** Where pointer event `e` is on `el`, in `el`'s own CSS pixels from the corner inside its border (where its drawing starts). */
function pointOn(el, e) {
  const r = el.getBoundingClientRect();
  const [sx, sy] = ownPerScreen(el, r);
  return [(e.clientX - r.left) * sx - el.clientLeft, (e.clientY - r.top) * sy - el.clientTop];
}

/** Sets `el`'s text only if it changed: a write, even of the same text, costs the page a style and layout pass. */
function setText(el, text) {
  if (el.textContent !== text) el.textContent = text;
}

/** Sets `el.hidden` or `el.disabled` only if it changed: setting one already set writes its attribute again. */
function setFlag(el, flag, on) {
  if (el[flag] !== on) el[flag] = on;
}

/** A number as a person reads it: three significant digits ("0.717", "1.23e+4"). */
const format = (v) => (v === null || v === undefined ? '–' : Number(v).toPrecision(3));
/** A setting's value with its noise gone: 3 significant digits, no trailing zeros. */
const tidy = (v) => String(Number(Number(v).toPrecision(3)));
const percent = (v) => (v === null ? '–' : `${tidy(v * 100)}%`);
let table = null;
/** What the controls offer (choices, ranges, presets, groups, limits), from the playground's own tables. */
export function controlTable() {
  table ??= controls();
  return table;
}
/** The data canvas as a person sees it: the field stretched beneath, the rings, the points and marks over it. */
function dataPicture(field, rings, data) {
  const picture = document.createElement('canvas');
  [picture.width, picture.height] = [data.width, data.height];
  const ctx = picture.getContext('2d');
  ctx.imageSmoothingEnabled = true;
  for (const layer of [field, rings, data]) ctx.drawImage(layer, 0, 0, data.width, data.height);
  return picture;
}

/** The learning-rate slider's stops, 1 and 3 of each power of ten in the setting's range: 0.00001, 0.00003, … 10. */
function rateLadder() {
  const { min, max } = controlTable().settings.find((s) => s.name === 'learning-rate');
  const rates = [];
  for (let e = Math.round(Math.log10(min)); 10 ** e <= max * 1.0001; e++) {
    rates.push(tidy(10 ** e));
    if (3 * 10 ** e <= max) rates.push(tidy(3 * 10 ** e));
  }
  return rates;
}
const nearest = (rates, lr) => rates.reduce((best, r, i) => (Math.abs(Math.log(r / lr)) < Math.abs(Math.log(rates[best] / lr)) ? i : best), 0);
/** The keyboard cursor moves this fraction of the canvas a press (Shift: four times as far). */
const CURSOR_STEP = 1 / 40;

export class View {
  /**
   * @param {ShadowRoot} root where the playground's markup goes
   * @param {{controls?: string[], size?: string, caption?: string, link?: string, lang?: string, t: object}} options
   *   t: the strings of the playground's language `lang` (words.js)
   */
  constructor(root, options = {}) {
    this.t = options.t;
    this.lang = options.lang ?? 'en';
    root.innerHTML = markup(this.t); // our own markup and catalogue; nothing from outside goes in as HTML
    this.root = root;
    this.$ = (id) => root.getElementById(id);
    this.box = root.querySelector('.playground');
    this.box.lang = this.lang; // for screen readers' voices and Korean line breaks
    // Shown once its styles are in, so nothing jumps (the box starts hidden).
    const sheet = root.querySelector('link[rel=stylesheet]');
    this.styled = new Promise((done) => {
      sheet.addEventListener('load', done, { once: true });
      sheet.addEventListener('error', done, { once: true });
    }).then(() => {
      if (this.destroyed) return;
      this.box.hidden = false;
      this.placeForThumbs();
      this.pg.resize();
      // At its laid-out size; one off screen is drawn once too, after
      // those on screen, so its texts are right and a printed page shows it.
      if (this.visible) this.drawSoon();
      else scheduler.wake();
    });
    this.drawnOnce = false;
    this.wordsWaiting = null; // a status whose words go in the next frame (see redraw)
    /** Resolves once the playground has been drawn for the first time, texts and all. */
    this.drawn = new Promise((done) => { this.onDrawn = done; });
    this.pg = new Playground(this.$('data'), this.$('field'), this.$('rings'), this.$('network'), this.$('loss'), this.$('activation-plot'));
    this.pg.set_language(this.lang);
    this.pg.set_lesson_canvas(this.$('lesson-canvas'));
    this.pg.set_rate_canvas(this.$('rate-chart'));
    this.pg.set_hidden_space_canvas(this.$('hidden-space-canvas'));
    this.pg.set_surface_canvas(this.$('surface-canvas'));
    this.painter = new WorkerPainter(this.pg);
    this.panel = '';
    this.playing = false;
    this.visible = true;
    this.stopped = false;
    this.dismissedState = null;
    this.lastHidden = null;
    this.lastEpoch = -1;
    this.listeners = { epoch: [], fault: [] };
    this.hovering = null;
    this.drag = null;
    this.carrying = null; // the index of the point the keyboard carries (M), or null
    this.codeTab = 'keras';
    this.pageKeys = Boolean(options.pageKeys);
    this.linkBase = options.link ?? new URL('index.html', import.meta.url).href;
    this.builderBase = new URL('builder.html', import.meta.url).href;
    this.options = options;
    this.buildControls();
    this.showControls(options.controls);
    this.setSize(options.size);
    this.setCaption(options.caption);
    this.wire();
    // Moving controls inside the observer's callback would resize what it
    // observes in the same frame (Firefox and WebKit then report a
    // "ResizeObserver loop" error to the page): they move in the next frame.
    this.resizeObserver = new ResizeObserver(() => {
      this.pg.resize();
      this.lastHidden = null;
      requestAnimationFrame(() => { if (!this.destroyed) this.placeForThumbs(); });
    });
    this.resizeObserver.observe(this.root.querySelector('.columns'));
    // The diagram is drawn only while on screen (a phone's first screenful
    // holds the data and the loss; the diagram is further down), and from
    // a little before it scrolls in. Until the observer first reports, it is
    // taken to be off screen.
    this.pg.set_diagram_on_screen(false);
    this.diagramObserver = new IntersectionObserver((entries) => {
      if (this.stopped) return; // destroyed, or faulted: its wasm takes no more calls
      const onScreen = entries.at(-1).isIntersecting; // the latest of those queued
      this.pg.set_diagram_on_screen(onScreen);
      if (onScreen) this.drawSoon();
    }, { rootMargin: '25%' });
    this.diagramObserver.observe(this.$('network'));
    this.ratio = devicePixelRatio;
    this.syncControls();
    this.jobs = []; // step(n) requests, trained in slices across frames
    this.gone = new Promise((done) => { this.onGone = done; }); // resolves on destroy()
    scheduler.add(this, root.host);
  }

  /**
   * Listens for `type` on `el`, one of the playground's own elements. Once
   * the playground is destroyed the handler does nothing, even for a
   * control a script kept and uses. (Not an AbortSignal: the controls
   * rebuilt on each change would stay listed on it until the destroy.)
   */
  listen(el, type, fn) {
    el.addEventListener(type, (e) => { if (!this.destroyed) fn(e); });
  }

  /**
   * Zooming or moving the window to another screen changes the pixel ratio
   * without always changing any size (nor always telling a media query):
   * measure the canvases again when it moved. Reading it costs no layout.
   */
  checkPixelRatio() {
    if (this.ratio === devicePixelRatio) return;
    this.ratio = devicePixelRatio;
    this.pg.resize();
    this.lastHidden = null;
  }

  /**
   * Fills the controls from the playground's tables: each setting's select
   * gets its choices, each number or slider its range, the preset menu the
   * presets, the features a box each. Nothing listed here twice.
   */
  buildControls() {
    const { settings, presets, maxPoints } = controlTable();
    const byName = Object.fromEntries(settings.map((s) => [s.name, s]));
    for (const el of this.root.querySelectorAll('[data-setting], [data-range]')) {
      const row = byName[el.dataset.setting ?? el.dataset.range];
      if (row.kind === 'choice' && el.tagName === 'SELECT') {
        el.replaceChildren(...row.choices.map(({ value, title }) => new Option(choice_title(this.lang, row.name, value, title), value)));
      }
      if (row.kind === 'number' && el.tagName === 'SELECT') {
        for (let v = row.min; v <= row.max; v += row.step) el.append(new Option(String(v), String(v)));
      }
      if (row.kind === 'number' && el.tagName === 'INPUT') {
        el.min = String(row.min);
        el.max = String(row.max);
        el.step = row.step > 0 ? String(row.step) : 'any';
      }
    }
    const presetTitles = preset_titles(this.lang);
    this.$('preset').replaceChildren(...presets.map(({ value }, i) => new Option(presetTitles[i], value)));
    this.$('point-count').max = String(maxPoints);
    this.rates = rateLadder();
    this.$('learning-rate').max = String(this.rates.length - 1);
    const features = this.root.querySelector('.features');
    features.append(...byName.features.choices.map(({ value, title }) => {
      const label = document.createElement('label');
      label.className = 'check';
      const box = document.createElement('input');
      box.type = 'checkbox';
      box.value = value;
      box.setAttribute('aria-label', this.say(this.t.feature, { name: title }));
      label.append(box, ` ${title}`);
      return label;
    }));
  }

  /** A catalogue string with its placeholders filled, numbers in the playground's language. */
  say(template, values) {
    return fill(template, values, this.lang);
  }

  // ---- What the element's attributes choose.

  /** Shows only these control groups (null or empty: all of them). */
  showControls(groups) {
    const shown = groups?.length ? new Set(groups) : null;
    for (const el of this.root.querySelectorAll('[data-group]')) {
      el.hidden = shown !== null && !shown.has(el.dataset.group);
    }
    // The data panel holds only controls: with none of them shown, it goes too.
    const dataPanel = this.root.querySelector('.data-panel');
    dataPanel.hidden = [...dataPanel.querySelectorAll('[data-group]')].every((el) => el.hidden);
    this.root.querySelector('.columns').classList.toggle('no-data', dataPanel.hidden);
    this.placeForThumbs();
  }

  setSize(size) {
    for (const s of ['small', 'medium']) this.box.classList.toggle(`size-${s}`, size === s);
    this.pg.resize();
  }

  /** A caption is text, never HTML. */
  setCaption(text) {
    const caption = this.root.querySelector('.caption');
    caption.textContent = text ?? '';
    caption.hidden = !text;
  }

  /** A lesson's caption, controls and panel in place of the element's own. */
  startLesson(lesson) {
    this.inLesson = true;
    this.setCaption(lesson.caption);
    this.questionAnswered = null;
    this.showControls(lesson.controls.split(','));
    this.showPanel(lesson.panel);
  }

  endLesson() {
    this.inLesson = false;
    this.root.querySelector('.question').hidden = true;
    this.setCaption(this.options.caption);
    this.showControls(this.options.controls);
    this.showPanel(null);
  }

  /** Shows a lesson's panel ('perceptron', 'landscape', 'backprop', 'compare'), or none. */
  showPanel(panel) {
    this.panel = panel ?? '';
    const box = this.root.querySelector('.lesson-panel');
    // A lesson with no panel shows its words only if it has some (no empty strip).
    box.hidden = !this.panel && !(this.pg.lesson_name() && this.pg.lesson_text());
    for (const el of box.querySelectorAll('[data-panel]')) el.hidden = !el.dataset.panel.split(' ').includes(this.panel);
    this.$('lesson-canvas').classList.toggle('square', this.panel === 'landscape');
    this.$('lesson-canvas').classList.toggle('bars', this.panel === 'backprop');
    this.root.querySelector('.network-panel').classList.toggle('backprop', this.panel === 'backprop');
    // In the backpropagation lesson the diagram takes focus: arrows choose a weight.
    const net = this.$('network');
    net.tabIndex = this.panel === 'backprop' ? 0 : -1;
    net.setAttribute('role', this.panel === 'backprop' ? 'application' : 'img');
    net.setAttribute('aria-roledescription', this.panel === 'backprop' ? this.t.network_diagram_weights : this.t.network_diagram_role);
    this.$('runs').replaceChildren();
    this.$('race-optimizers').checked = false;
    this.showRaceAxis('epochs'); // a lesson starts counting epochs
    this.pg.resize();
    this.showLesson();
  }

  /**
   * The lesson's closing question and, once the playground sees it
   * answered, a tick and a line a screen reader hears (a live region).
   */
  showQuestion() {
    const q = this.pg.lesson_question();
    const box = this.root.querySelector('.question');
    setFlag(box, 'hidden', !q);
    if (!q) return;
    this.$('question-ask').textContent = q.ask;
    if (q.answered === this.questionAnswered) return;
    this.questionAnswered = q.answered;
    box.classList.toggle('answered', q.answered);
    box.querySelector('.question-mark').textContent = q.answered ? '✓' : '?';
    this.$('question-reached').textContent = q.answered ? q.reached : '';
  }

  /** Marks the race chart's axis button that is on. */
  showRaceAxis(name) {
    for (const b of this.root.querySelectorAll('.race-axis button')) b.setAttribute('aria-pressed', String(b.dataset.axis === name));
  }

  /** The lesson panel's words, the neuron's sliders and the runs to choose from. */
  showLesson() {
    const { $, pg } = this;
    if (this.root.querySelector('.lesson-panel').hidden) return;
    setText($('lesson-text'), pg.lesson_text());
    if (this.panel === 'perceptron') {
      pg.neuron().forEach((w, i) => {
        if (this.root.activeElement !== $(`w${i}`)) $(`w${i}`).value = w;
        $(`w${i}-value`).textContent = Number(w.toFixed(2));
      });
    }
    if (this.panel === 'compare' || this.panel === 'landscape') {
      const runs = pg.lesson_runs();
      const box = $('runs');
      if (box.childElementCount !== runs.length) {
        box.replaceChildren(...runs.map((run, i) => {
          const label = document.createElement('label');
          const radio = document.createElement('input');
          radio.type = 'radio';
          radio.name = 'run';
          radio.value = String(i);
          radio.setAttribute('aria-label', this.say(this.t.show_run, { run: run.label }));
          this.listen(radio, 'change', () => { pg.show_run(i); this.syncControls(); });
          const swatch = document.createElement('i');
          swatch.className = 'swatch';
          swatch.style.backgroundColor = run.colour; // CSSOM: allowed under style-src 'self'
          label.append(radio, swatch, document.createElement('span'));
          return label;
        }));
      }
      runs.forEach((run, i) => {
        const label = box.children[i];
        label.querySelector('input').checked = run.shown;
        label.querySelector('span').textContent = run.label;
      });
    }
  }

  // ---- Settings and what the controls show.

  /** Says `text` under the run bar (nothing once destroyed: a copy or a file read may finish after). */
  note(text) { if (!this.destroyed) this.$('note').textContent = text ?? ''; }

  /** Applies a setting, showing the playground's note or refusal. */
  set(name, value) {
    if (this.destroyed) return false; // a script's call after destroy
    try {
      this.note(this.pg.set(name, String(value)));
      return true;
    } catch (e) {
      this.note(e.message);
      return false;
    } finally {
      this.syncControls();
    }
  }

  /** Closes the slow step's panel once its step is over: the network it was taken on has changed. */
  closeEndedSlowStep() {
    const panel = this.$('slow-step-panel');
    if (!panel.hidden && !this.pg.slow_step_open()) panel.hidden = true;
  }

  /** The hidden-space menu: off, or one of the hidden layers; its canvas only when one is chosen. */
  syncHiddenSpace() {
    const { pg, $ } = this;
    const menu = $('hidden-space');
    const layers = this.hiddenLayers().length;
    if (menu.options.length !== layers + 1) {
      menu.replaceChildren(new Option(this.t.hidden_space_off, '0'),
        ...Array.from({ length: layers }, (_, i) => new Option(this.say(this.t.hidden_space_layer, { layer: i + 1 }), String(i + 1))));
    }
    const shown = pg.hidden_space();
    menu.value = String(shown);
    // With the hidden space shown, the diagram picks its layer (click, or arrows and Enter);
    // the backpropagation lesson keeps the diagram for its weights.
    if (this.panel !== 'backprop') {
      const net = $('network');
      net.tabIndex = shown > 0 ? 0 : -1;
      net.setAttribute('role', shown > 0 ? 'application' : 'img');
      net.setAttribute('aria-roledescription', shown > 0 ? this.t.hidden_space_diagram : this.t.network_diagram_role);
    }
    this.root.querySelector('.hidden-space').classList.toggle('shown', shown > 0);
    if ($('hidden-space-canvas').hidden === (shown > 0)) {
      $('hidden-space-canvas').hidden = shown === 0;
      $('hidden-space-text').hidden = shown === 0;
      pg.resize();
    }
  }

  hiddenLayers() {
    const hidden = this.pg.get('hidden');
    return hidden ? hidden.split(',').map(Number) : [];
  }

  syncControls() {
    if (this.destroyed) return;
    const { pg, $ } = this;
    this.closeEndedSlowStep();
    const lr = Number(pg.get('learning-rate'));
    $('learning-rate').value = nearest(this.rates, lr);
    $('learning-rate-value').textContent = tidy(lr);
    for (const el of this.root.querySelectorAll('[data-setting]')) el.value = pg.get(el.dataset.setting);
    $('dropout-value').textContent = tidy(pg.get('dropout'));
    $('test-fraction-value').textContent = tidy(pg.get('test-fraction'));
    this.syncHiddenSpace();
    // The rate's chart only when it changes over the epochs.
    const scheduled = pg.get('schedule') !== 'constant';
    for (const el of this.root.querySelectorAll('.schedule-field')) el.classList.toggle('shown', scheduled);
    if ($('rate-chart').hidden === scheduled) {
      $('rate-chart').hidden = !scheduled;
      pg.resize();
    }
    const features = pg.get('features').split(',');
    for (const box of this.root.querySelectorAll('.features input')) box.checked = features.includes(box.value);
    const status = pg.status();
    if (status.preset) $('preset').value = status.preset;
    $('point-count').value = status.presetPoints;
    $('noise').value = pg.get('noise');
    $('noise-value').textContent = tidy(pg.get('noise'));
    const hidden = this.hiddenLayers();
    $('layer-count').textContent = hidden.length;
    $('layer-word').textContent = hidden.length === 1 ? this.t.hidden_layer : this.t.hidden_layers;
    this.showClasses(status);
    this.box.classList.toggle('regression', status.classes === 0);
    this.box.classList.toggle('classes-3', status.classes === 3);
    this.box.classList.toggle('classes-4', status.classes === 4);
    $('classes').disabled = status.classes === 0;
    this.layerActivations(hidden.length);
  }

  /** The palette's colours and names on the pickers and the legend. */
  showClasses(status) {
    if (this.shownPalette === status.classColours.join()) return;
    this.shownPalette = status.classColours.join();
    status.classColours.forEach((colour, i) => this.box.style.setProperty(`--c${i}`, colour));
    const { t } = this;
    const shapes = [t.shape_circles, t.shape_squares, t.shape_triangles, t.shape_diamonds];
    this.root.querySelectorAll('input[name=class]').forEach((radio, i) => {
      radio.setAttribute('aria-label', this.say(t.class_radio, { class: status.classNames[i], shape: shapes[i] }));
      radio.closest('label').title = this.say(t.new_points_class, { class: status.classNames[i], shape: shapes[i], key: i + 1 });
    });
    this.root.querySelectorAll('#legend .class-name').forEach((el, i) => { el.textContent = status.classNames[i]; });
  }

  layerActivations(layers) {
    const box = this.$('layer-activations');
    const current = this.pg.get('layer-activations').split(',');
    if (box.childElementCount !== layers) {
      box.replaceChildren();
      for (let i = 0; i < layers; i++) {
        const label = document.createElement('label');
        label.textContent = `${this.say(this.t.layer_n, { layer: i + 1 })} `;
        const select = document.createElement('select');
        select.setAttribute('aria-label', this.say(this.t.activation_of_layer, { layer: i + 1 }));
        select.append(new Option(this.t.same_as_all, ''));
        for (const o of this.$('activation').options) select.append(new Option(o.text, o.value));
        this.listen(select, 'change', () => {
          const list = [...box.querySelectorAll('select')].map((s) => s.value);
          this.set('layer-activations', list.join(','));
        });
        label.append(select);
        box.append(label);
      }
    }
    box.querySelectorAll('select').forEach((s, i) => { s.value = current[i] ?? ''; });
  }

  /** The +/− buttons above each hidden layer of the diagram. */
  layerButtons() {
    const holder = this.$('layer-buttons');
    const hidden = this.hiddenLayers();
    const xs = this.pg.hidden_columns();
    holder.replaceChildren();
    // Columns closer than a side-by-side pair (two 24-px buttons and a gap)
    // stack each layer's − over its + instead (8 layers on a phone).
    const narrow = xs.some((x, i) => i > 0 && x - xs[i - 1] < 56);
    holder.parentElement.classList.toggle('stacked-buttons', narrow);
    hidden.forEach((units, i) => {
      const group = document.createElement('div');
      group.className = narrow ? 'unit-buttons narrow' : 'unit-buttons';
      group.style.left = `${xs[i]}px`;
      for (const [text, delta] of [['−', -1], ['+', 1]]) {
        const b = document.createElement('button');
        b.textContent = text;
        b.setAttribute('aria-label', this.say(delta > 0 ? this.t.add_unit : this.t.remove_unit, { layer: i + 1 }));
        b.disabled = units + delta < 1 || units + delta > controlTable().maxUnits;
        this.listen(b, 'click', () => {
          hidden[i] = units + delta;
          this.set('hidden', hidden.join(','));
        });
        group.append(b);
      }
      holder.append(group);
    });
  }

  showStatus(s) {
    const { $ } = this;
    setText($('epoch'), s.epoch.toLocaleString('en'));
    // After Step batch: which batch of the epoch it was (its points ringed on the data).
    setFlag($('batch-count'), 'hidden', !s.stepBatch);
    setText($('batch-count'), s.stepBatch ? this.say(this.t.batch_of, { batch: s.stepBatch, batches: s.stepBatches }) : '');
    setText($('train-loss'), format(s.trainLoss));
    setText($('test-loss'), format(s.testLoss));
    setText($('train-accuracy'), percent(s.trainAccuracy));
    setText($('test-accuracy'), percent(s.testAccuracy));
    // A screen reader hears a change of state, not every frame's numbers.
    if (s.state !== this.announcedState) {
      if (this.announcedState !== undefined && s.message) this.announce(s.message);
      this.announcedState = s.state;
    }
    // The canvas's words: after every edit, and at most twice a second while it trains.
    const now = performance.now();
    if (!this.playing || !(now - this.describedAt < 500)) {
      this.describedAt = now;
      $('data').setAttribute('aria-label', this.pg.describe_canvas());
    }
    setFlag($('undo'), 'disabled', !s.canUndo);
    setFlag($('redo'), 'disabled', !s.canRedo);
    this.showTimeline(s);
    this.showConfusion(s);
    setText($('axis-x'), s.xLabel);
    setText($('axis-y'), s.yLabel);
    if (s.state !== this.dismissedState) this.dismissedState = null;
    const show = s.state !== 'training' && s.message && s.state !== this.dismissedState;
    setFlag($('banner'), 'hidden', !show);
    $('banner').classList.toggle('info', s.state !== 'diverged');
    setFlag($('banner-reset'), 'hidden', s.state !== 'diverged');
    if (show) $('banner-text').textContent = s.message;
  }

  /**
   * The scrubber under the loss chart: a position per checkpoint, the
   * shown one's epoch in words. Hidden where there is no run to rewind (a
   * lesson without training) and, with its reason, while runs race.
   */
  showTimeline(s) {
    const { $ } = this;
    const racing = !s.recording;
    setFlag($('timeline'), 'hidden', racing || this.root.querySelector('.run-group').hidden);
    setFlag($('timeline-off'), 'hidden', !racing);
    const scrubber = $('scrubber');
    if (scrubber.max !== String(s.timelineLength - 1)) scrubber.max = String(s.timelineLength - 1);
    setFlag(scrubber, 'disabled', s.timelineLength < 2);
    setFlag($('replay'), 'disabled', s.timelineLength < 2 && !this.replay);
    if ((this.root.activeElement !== scrubber || !this.scrubbing) && scrubber.value !== String(s.timelineShown)) scrubber.value = String(s.timelineShown);
    const words = this.say(this.t.timeline_epoch, { epoch: s.epoch });
    if (scrubber.getAttribute('aria-valuetext') !== words) scrubber.setAttribute('aria-valuetext', words);
    setText($('scrub-epoch'), words);
  }

  /**
   * The confusion matrices (classification only): a table each for the
   * training and the test points, rows the true classes, columns the
   * predicted ones. Built again only when the classes change.
   */
  showConfusion(s) {
    const { $ } = this;
    const box = $('confusion');
    setFlag(box, 'hidden', !s.confusionTrain);
    if (box.hidden) return;
    const classes = Math.round(Math.sqrt(s.confusionTrain.length));
    const shape = `${classes}:${s.classNames.join()}`;
    if (this.confusionShape !== shape) {
      this.confusionShape = shape;
      for (const [id, test] of [['confusion-train', false], ['confusion-test', true]]) {
        const table = $(id);
        const caption = table.querySelector('caption');
        const head = document.createElement('tr');
        const corner = document.createElement('td');
        corner.textContent = this.t.confusion_corner;
        corner.className = 'corner';
        head.append(corner);
        // The class's swatch (its colour and shape, as in the legend), then its name in ink.
        const named = (th, c) => {
          const swatch = document.createElement('span');
          swatch.className = `swatch c${c}`;
          th.append(swatch, ` ${s.classNames[c]}`);
          return th;
        };
        for (let c = 0; c < classes; c++) {
          const th = document.createElement('th');
          th.scope = 'col';
          head.append(named(th, c));
        }
        const rows = [];
        for (let a = 0; a < classes; a++) {
          const tr = document.createElement('tr');
          const th = document.createElement('th');
          th.scope = 'row';
          tr.append(named(th, a));
          for (let p = 0; p < classes; p++) {
            const td = document.createElement('td');
            td.tabIndex = 0;
            td.dataset.cell = `${a},${p}`;
            td.classList.toggle('diagonal', a === p);
            const ring = () => this.pg.ring_cell(test, a, p);
            const unring = () => this.pg.ring_cell(test, -1, -1);
            this.listen(td, 'pointerenter', ring);
            this.listen(td, 'focus', ring);
            this.listen(td, 'pointerleave', unring);
            this.listen(td, 'blur', unring);
            tr.append(td);
          }
          rows.push(tr);
        }
        const thead = document.createElement('thead');
        thead.append(head);
        const tbody = document.createElement('tbody');
        tbody.append(...rows);
        table.replaceChildren(caption, thead, tbody);
      }
    }
    setFlag($('confusion-test'), 'hidden', s.testPoints === 0); // nothing held out: no test matrix
    for (const [id, counts] of [['confusion-train', s.confusionTrain], ['confusion-test', s.confusionTest]]) {
      for (const td of $(id).querySelectorAll('td[data-cell]')) {
        const [a, p] = td.dataset.cell.split(',').map(Number);
        const count = counts[a * classes + p];
        if (td.textContent !== String(count)) {
          td.textContent = String(count);
          td.setAttribute('aria-label', this.say(this.t.confusion_cell, { count, actual: s.classNames[a], predicted: s.classNames[p] }));
        }
      }
    }
  }

  /** Replays the recorded run from epoch 0 at the chosen speed (or stops the replay). */
  toggleReplay() {
    if (this.replay) { this.stopReplay(); return; }
    this.setPlaying(false);
    this.replay = { start: performance.now(), speed: Number(this.$('replay-speed').value) };
    this.pg.seek(0, true);
    this.$('replay').textContent = this.t.stop_replay;
    this.$('replay').setAttribute('aria-pressed', 'true');
  }

  stopReplay() {
    if (!this.replay) return;
    this.replay = null;
    this.$('replay').textContent = this.t.replay;
    this.$('replay').setAttribute('aria-pressed', 'false');
    this.pg.seek(Number(this.$('scrubber').value), false); // drawn in full once still
  }

  /** A frame of the replay: the checkpoint its clock has reached; it ends at the last one. */
  stepReplay() {
    const { pg, replay } = this;
    const epoch = ((performance.now() - replay.start) / 1000) * replay.speed;
    const shown = pg.seek_epoch(epoch, true);
    const status = pg.status();
    this.$('scrubber').value = String(shown);
    if (shown >= status.timelineLength - 1) this.stopReplay();
  }

  /** Says `text` once to a screen reader (the polite status region). */
  announce(text) {
    const el = this.$('announce');
    el.textContent = el.textContent === text ? `${text}\u00a0` : text;
  }

  setPlaying(on) {
    if (on) this.stopReplay();
    const was = this.playing;
    this.playing = on && this.pg.can_train();
    if (was !== this.playing) this.announce(this.playing ? this.t.playing : this.t.paused);
    this.$('play').textContent = this.playing ? '❚❚' : '▶';
    this.$('play').setAttribute('aria-label', this.playing ? this.t.pause : this.t.play);
  }

  // ---- Training and drawing, when the page's scheduler gives a turn.

  /**
   * Trains for about `budgetMs` (at least one epoch): a `step(n)` request
   * first, else the playing loop if this playground is on screen.
   */
  train(budgetMs) {
    const { pg } = this;
    const job = this.jobs[0];
    try {
      if (job) {
        const deadline = performance.now() + budgetMs;
        while (job.left > 0 && pg.train_epochs(1) === 1) {
          job.left -= 1;
          if (performance.now() >= deadline) break;
        }
        if (job.left > 0 && pg.can_train()) return; // more slices to come
        this.jobs.shift();
        this.redraw(true);
        job.resolve(pg.status());
        return;
      }
      if (this.playing && this.visible) {
        pg.train_frame(budgetMs);
        if (!pg.can_train()) this.setPlaying(false);
      }
    } catch (e) {
      this.fault(e);
    }
  }

  /** On screen or not: off screen it neither trains nor draws; scrolled into view, it is drawn in the next frame. */
  setVisible(visible) {
    this.visible = visible;
    if (visible) this.drawSoon();
  }

  /** Has this playground drawn in the next frame, before those drawn in turn. */
  drawSoon() {
    this.urgent = true;
    scheduler.wake();
  }

  /**
   * Draws what changed; during a `step(n)`, only once it is done (a
   * full-resolution drawing costs more than a slice). `answering` input:
   * the words too, at once.
   */
  draw(answering = false) {
    if (this.jobs.length) return;
    this.checkPixelRatio();
    try {
      if (this.replay) this.stepReplay();
      const drew = this.redraw(answering);
      // The worker paints the pictures for the next time this one is drawn.
      if (drew && this.playing) this.painter.send();
    } catch (e) {
      this.fault(e);
    }
  }

  /**
   * Trains `epochs` epochs in slices across frames, so the page goes on
   * answering meanwhile; resolves to the status once they have run (or
   * training stopped on its own), after a redraw.
   */
  step(epochs) {
    this.check();
    return new Promise((resolve, reject) => {
      this.jobs.push({ left: epochs, resolve, reject });
      scheduler.wake();
    });
  }

  /**
   * Draws what changed, and tells `on('epoch')` listeners of a new epoch;
   * true if a canvas was drawn. While it plays, the words (numbers,
   * captions, the scrubber) follow the canvases at most every
   * WORDS_WHILE_PLAYING_MS; `now` shows them at once.
   */
  redraw(now = false) {
    const { pg } = this;
    // Not before its styles are in: drawn then, its canvases are not yet
    // laid out, and all of it would be drawn again at the right size.
    if (this.box.hidden) return false;
    pg.rings_to_worker(this.painter.stampsRings(this.playing));
    const changed = pg.needs_render();
    const first = !this.drawnOnce;
    const wordsDue = now || first || !(this.playing || this.replay)
      || !(performance.now() - this.wordsShownAt < WORDS_WHILE_PLAYING_MS);
    if (!changed && !(this.wordsBehind && wordsDue)) return false;
    if (changed) {
      // The rings and the marker's reading follow with the words, of the same weights.
      if (wordsDue) pg.words_due();
      pg.render();
      this.painter.sendRings();
    }
    if (first) performance.mark('descent-first-frame'); // read by the browser benchmark
    const status = wordsDue || this.listeners.epoch.length ? pg.status() : null;
    // While it trains, the words go at the start of the next frame, before it
    // trains (the scheduler calls showWaitingWords there, before any redraw):
    // one frame of both the words' layout and this render's canvases took
    // three refreshes on a phone.
    if (wordsDue && this.playing && changed && !now && !first) this.wordsWaiting = status;
    else if (wordsDue) this.showWords(status);
    this.wordsBehind = !wordsDue;
    if (pg.get('hidden') !== this.lastHidden) {
      this.lastHidden = pg.get('hidden');
      this.layerButtons();
    }
    if (status && status.epoch !== this.lastEpoch) {
      this.lastEpoch = status.epoch;
      this.tell('epoch', status);
    }
    if (first) {
      this.drawnOnce = true;
      this.onDrawn();
    }
    return changed;
  }

  /**
   * Writes the words held back from the last render: the page's scheduler
   * calls this at the start of a frame, before any training, so they are of
   * the weights that render drew.
   */
  showWaitingWords() {
    const status = this.wordsWaiting;
    this.wordsWaiting = null;
    if (!status || this.stopped) return;
    try {
      this.showWords(status);
    } catch (e) {
      this.fault(e);
    }
  }

  /** The numbers and words beside the canvases, as of `status`. */
  showWords(status) {
    const { pg } = this;
    this.wordsShownAt = performance.now();
    this.closeEndedSlowStep();
    this.showStatus(status);
    this.showLesson();
    setText(this.$('hidden-space-text'), pg.hidden_space_caption());
    this.showQuestion();
    this.describeHover();
  }

  /**
   * Calls the page's listeners. A listener that throws is the host page's
   * error, not this playground's: it is reported as the page's own uncaught
   * error, and the playground and the other listeners go on.
   */
  tell(event, value) {
    for (const fn of [...this.listeners[event]]) {
      try {
        fn(value);
      } catch (e) {
        reportError(e);
      }
    }
  }

  /**
   * A fault inside this playground (it should never happen): say so on this
   * playground only and stop it; the others on the page go on.
   */
  fault(e) {
    if (this.stopped) return;
    this.stopped = true;
    this.painter.stop();
    this.playing = false;
    const message = take_panic_message() ?? e.message;
    this.box.classList.add('fault');
    this.$('banner-text').textContent = this.say(this.t.crashed, { message });
    this.$('banner').hidden = false;
    this.$('banner').classList.remove('info');
    this.$('banner-reset').hidden = true;
    console.error('descent:', message);
    this.endJobs(this.say(this.t.api_fault, { message }));
    this.tell('fault', message);
  }

  /** Refuses every waiting `step` request with this reason. */
  endJobs(why) {
    for (const job of this.jobs.splice(0)) job.reject(new Error(why));
  }

  /** Throws if this playground can take no more calls: destroyed, or stopped after a fault. */
  check() {
    if (this.destroyed) throw new Error(this.t.api_destroyed);
    if (this.stopped) throw new Error(this.t.api_stopped);
  }

  /** Runs `body` on the playground, turning a fault into this playground's banner. */
  guard(body) {
    this.check();
    try {
      return body();
    } catch (e) {
      if (e instanceof WebAssembly.RuntimeError) this.fault(e);
      throw e;
    }
  }

  // ---- Sharing and files.

  link() {
    return `${this.linkBase.replace(/#.*$/, '')}#${this.pg.scene_text()}`;
  }

  /** Loads a scene's text form; a bad one leaves the playground as it was. */
  /** `unreadable`: the catalogue's key for what could not be read (a link, the scene attribute, another tab's scene). */
  loadText(text, unreadable = 'link_unreadable') {
    const tooLong = tooLongForScene(String(text), this.t, this.lang);
    if (tooLong) {
      this.note(this.say(this.t[unreadable], { problem: tooLong }));
      return false;
    }
    try {
      this.note(this.pg.load_text(text).join(' · '));
      if (this.inLesson) this.endLesson(); // a scene of its own: the lesson's panel and caption go
      return true;
    } catch (e) {
      this.note(this.say(this.t[unreadable], { problem: e.message }));
      return false;
    } finally {
      this.syncControls();
    }
  }

  download(name, blob) {
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = name;
    this.root.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }

  async importFile(file) {
    const max = sizeLimits().fileBytes;
    if (file.size > max) {
      const megabytes = new Intl.NumberFormat(this.lang, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(file.size / 1e6);
      this.note(this.say(this.t.file_too_big, { size: megabytes, max: max / 1e6 }));
      return;
    }
    try {
      const text = await file.text();
      if (this.destroyed) return;
      this.note(this.pg.import_points(text));
    } catch (e) {
      this.note(`${e.message} ${this.t.file_points_kept}`);
    }
    this.syncControls();
  }

  // ---- Wiring.

  wire() {
    const { $, pg } = this;
    const on = (id, event, fn) => this.listen($(id), event, fn);
    on('play', 'click', () => this.setPlaying(!this.playing));
    on('step-batch', 'click', () => { this.setPlaying(false); pg.step_batch(); });
    on('step-epoch', 'click', () => { this.setPlaying(false); pg.step_epoch(); });
    on('reset', 'click', () => { pg.reset(false); this.syncControls(); });
    on('reset-new', 'click', () => { pg.reset(true); this.syncControls(); });
    on('banner-reset', 'click', () => { pg.reset(false); this.syncControls(); });
    on('banner-close', 'click', () => {
      this.dismissedState = pg.status().state; // stays dismissed until the state changes
      $('banner').hidden = true;
    });

    // Show as code: tf.keras, PyTorch, or PyTorch reproducing this run,
    // written from the scene as it is at the click by the code export's own
    // module, fetched the first time (pointing at the button starts it).
    const tabs = { keras: 'tab-keras', pytorch: 'tab-pytorch', 'pytorch-run': 'tab-pytorch-run' };
    let asked = 0; // only the latest request's program is shown
    const showCode = async () => {
      const request = ++asked;
      const scene = pg.save_text();
      for (const [tab, id] of Object.entries(tabs)) $(id).setAttribute('aria-selected', String(this.codeTab === tab));
      // Copy and Download take the shown program, so only once there is one.
      const shown = (text, program) => {
        if (this.destroyed) return; // the module may arrive after the playground went
        $('code').textContent = text;
        $('copy-code').disabled = $('download-program').disabled = !program;
      };
      shown(this.t.code_writing, false);
      try {
        const text = (await codeModule()).program(this.codeTab, scene);
        if (request === asked) shown(text, true);
      } catch (e) {
        if (request === asked) shown(this.say(this.t.code_not_written, { message: e?.message ?? String(e) }), false);
      }
    };
    on('show-code', 'pointerenter', () => codeModule().catch(() => {}));
    on('show-code', 'focus', () => codeModule().catch(() => {}));
    on('show-code', 'click', () => { $('code-dialog').showModal(); showCode(); });
    for (const [tab, id] of Object.entries(tabs)) {
      on(id, 'click', () => { this.codeTab = tab; showCode(); });
    }
    on('download-program', 'click', () => this.download('program.py', new Blob([$('code').textContent], { type: 'text/x-python' })));
    on('download-points', 'click', () => this.download('points.csv', new Blob([pg.points_csv()], { type: 'text/csv' })));
    on('close-code', 'click', () => $('code-dialog').close());
    on('copy-code', 'click', async () => {
      try {
        await navigator.clipboard.writeText($('code').textContent);
        this.note(this.t.code_copied);
      } catch {
        this.note(this.t.copy_needs_permission);
      }
    });

    on('copy-link', 'click', async () => {
      // What the link cannot hold is said first; the scene itself never changes.
      const cannot = pg.link_notes();
      const say = (text) => this.note([...cannot, text].join(' · '));
      const link = this.link();
      this.root.host.dispatchEvent(new CustomEvent('descent-link', { detail: link }));
      try {
        await navigator.clipboard.writeText(link);
        say(cannot.length ? this.t.link_copied_notes : this.t.link_copied);
      } catch {
        say(this.say(this.t.link_needs_permission, { link }));
      }
    });

    // The embed builder opens on this scene (or lesson) as it is when followed.
    const embedLink = () => {
      const lesson = pg.lesson_name();
      $('embed-link').href = `${this.builderBase}#${lesson ? `lesson=${lesson}` : pg.scene_text()}`;
    };
    for (const event of ['pointerdown', 'focus', 'click']) on('embed-link', event, embedLink);

    // Saving: files are made in Rust; the page only hands them to the browser.
    on('export-csv', 'click', () => this.download('descent-points.csv', new Blob([pg.points_csv()], { type: 'text/csv' })));
    on('export-json', 'click', () => this.download('descent-points.json', new Blob([pg.points_json()], { type: 'application/json' })));
    on('export-model', 'click', () => this.download('descent-model.json', new Blob([pg.model_json()], { type: 'application/json' })));
    on('export-png', 'click', () => dataPicture($('field'), $('rings'), $('data')).toBlob((blob) => this.download('descent-boundary.png', blob), 'image/png'));
    on('import-points', 'click', () => $('import-file').click());
    on('import-file', 'change', async (e) => {
      const [file] = e.target.files;
      e.target.value = '';
      if (file) await this.importFile(file);
    });

    // Settings that map one-to-one onto a playground setting.
    for (const el of this.root.querySelectorAll('[data-setting]')) {
      this.listen(el, el.type === 'range' ? 'input' : 'change', () => this.set(el.dataset.setting, el.value));
    }
    // One training step in slow motion: phases forward, loss, backward, update.
    // Pointing at a unit's line (or ↑/↓) narrows the diagram's path to that unit.
    const slow = { phase: 0, count: 0, unit: -1, units: 0 };
    const pointUnit = (unit) => {
      slow.unit = unit;
      pg.slow_step_point_at(unit);
      for (const line of $('slow-step-text').children) line.classList.toggle('pointed', Number(line.dataset.unit ?? -1) === unit && unit >= 0);
      $('slow-step-text').querySelector('.pointed')?.scrollIntoView({ block: 'nearest' });
    };
    const showPhase = () => {
      const p = pg.slow_step_phase(slow.phase);
      if (!p) return;
      $('slow-step-title').textContent = p.title;
      $('slow-step-count').textContent = this.say(this.t.slow_count, { phase: p.index + 1, count: p.count });
      const text = $('slow-step-text');
      text.replaceChildren();
      p.lines.forEach((line, k) => {
        if (k) text.append('\n');
        const span = document.createElement('span');
        span.textContent = line;
        if (p.units[k] >= 0) span.dataset.unit = p.units[k];
        text.append(span);
      });
      slow.unit = -1;
      slow.units = Math.max(-1, ...p.units) + 1;
      $('slow-prev').disabled = slow.phase === 0;
      $('slow-next').textContent = slow.phase + 1 === slow.count ? this.t.slow_take : this.t.slow_next;
    };
    const leaveSlow = (take) => {
      if (take) pg.take_slow_step(); else pg.end_slow_step();
      $('slow-step-panel').hidden = true;
      this.syncControls();
    };
    const moveSlow = (by) => {
      if (slow.phase + by >= slow.count) { leaveSlow(true); this.note(this.t.slow_step_taken); return; }
      slow.phase = Math.max(0, slow.phase + by);
      showPhase();
    };
    on('slow-step', 'click', () => {
      this.setPlaying(false);
      slow.count = pg.start_slow_step(this.lastPoint ?? -1);
      if (!slow.count) { this.note(this.t.slow_step_needs_point); return; }
      slow.phase = 0;
      $('slow-step-panel').hidden = false;
      showPhase();
      $('slow-step-panel').focus();
    });
    on('slow-prev', 'click', () => moveSlow(-1));
    on('slow-next', 'click', () => moveSlow(1));
    on('slow-close', 'click', () => leaveSlow(false));
    on('slow-step-text', 'pointerover', (e) => {
      const line = e.target.closest?.('[data-unit]');
      if (line) pointUnit(Number(line.dataset.unit));
    });
    // A finger leaves as it lifts: a tapped line stays pointed at until another is tapped.
    on('slow-step-text', 'pointerleave', (e) => { if (e.pointerType !== 'touch') pointUnit(-1); });
    on('slow-step-panel', 'keydown', (e) => {
      if (e.key === 'ArrowRight') moveSlow(1);
      else if (e.key === 'ArrowLeft') moveSlow(-1);
      else if ((e.key === 'ArrowDown' || e.key === 'ArrowUp') && slow.units) {
        const down = e.key === 'ArrowDown';
        const next = slow.unit < 0 ? (down ? 0 : slow.units - 1) : slow.unit + (down ? 1 : -1);
        pointUnit(next >= slow.units ? -1 : next); // past either end: the whole layer again
      }
      else if (e.key === 'Escape') leaveSlow(false);
      else return;
      e.preventDefault();
      e.stopPropagation();
    });
    on('hidden-space', 'change', () => { pg.set_hidden_space(Number($('hidden-space').value)); this.syncHiddenSpace(); });
    on('learning-rate', 'input', (e) => this.set('learning-rate', this.rates[Number(e.target.value)]));
    on('add-layer', 'click', () => {
      const hidden = this.hiddenLayers();
      this.set('hidden', [...hidden, hidden.at(-1) ?? 4].join(','));
    });
    on('remove-layer', 'click', () => this.set('hidden', this.hiddenLayers().slice(0, -1).join(',')));
    const featureBoxes = [...this.root.querySelectorAll('.features input')];
    for (const box of featureBoxes) {
      this.listen(box, 'change', () => {
        this.set('features', featureBoxes.filter((b) => b.checked).map((b) => b.value).join(','));
      });
    }

    // Data controls.
    const loadPreset = () => {
      try {
        this.note(pg.load_preset($('preset').value, Number($('point-count').value), Number($('noise').value)));
      } catch (e) {
        this.note(e.message);
      }
      this.syncControls();
    };
    on('preset', 'change', loadPreset);
    on('point-count', 'change', loadPreset);
    on('noise', 'change', loadPreset);
    on('noise', 'input', () => { $('noise-value').textContent = tidy($('noise').value); });
    on('regenerate', 'click', () => { pg.regenerate(); this.syncControls(); });
    // The perceptron's sliders set the single neuron's weights directly.
    for (const id of ['w0', 'w1', 'w2']) {
      on(id, 'input', () => {
        try {
          pg.set_neuron(Number($('w0').value), Number($('w1').value), Number($('w2').value));
        } catch (e) {
          this.note(e.message);
        }
      });
    }
    // The race chart counts across epochs, gradient steps or examples processed.
    for (const b of this.root.querySelectorAll('.race-axis button')) {
      this.listen(b, 'click', () => {
        try { pg.set_race_axis(b.dataset.axis); this.showRaceAxis(b.dataset.axis); } catch (e) { this.note(e.message); }
      });
    }
    // The landscape lesson: the optimisers race from the current start, a path each.
    on('race-optimizers', 'change', () => {
      pg.race_on_landscape($('race-optimizers').checked);
      this.syncControls();
      this.showLesson();
    });
    // The timeline: dragging shows each checkpoint (coarse while it moves);
    // playing from a scrubbed-back one trains a new branch.
    on('scrubber', 'input', (e) => {
      this.stopReplay();
      this.setPlaying(false);
      this.scrubbing = true;
      pg.seek(Number(e.target.value), true);
    });
    on('scrubber', 'change', (e) => {
      this.scrubbing = false;
      pg.seek(Number(e.target.value), false);
    });
    on('replay', 'click', () => this.toggleReplay());
    on('undo', 'click', () => this.undo(false));
    on('redo', 'click', () => this.undo(true));
    on('clear', 'click', () => pg.clear());
    this.wirePointer();
    this.wireSurface();
    this.wireDataKeys();
    this.wireNetworkKeys();
    // The page's main playground takes keys from anywhere on the page; an embedded one, when focused.
    this.keyTarget = this.pageKeys ? document : this.root.host;
    this.onKey = (e) => this.key(e);
    this.keyTarget.addEventListener('keydown', this.onKey); // removed on destroy: it may be the document
  }

  /**
   * Space plays or pauses, except on a button, a link or a field (where it
   * presses or types); Ctrl+Z / Ctrl+Shift+Z undo and redo point edits.
   */
  key(e) {
    if (e.composedPath()[0].closest?.('input, select, textarea, button, a, summary, [role=tab], [contenteditable]')) return;
    if (e.key === ' ') { e.preventDefault(); this.setPlaying(!this.playing); }
    if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'z') {
      e.preventDefault();
      this.undo(e.shiftKey);
    }
  }

  /** Adds a point of the chosen class (`other`: the other one) at CSS pixel (x, y). */
  addPoint(x, y, other) {
    const { pg } = this;
    const classes = pg.status().classes;
    let label = Number(this.root.querySelector('input[name=class]:checked').value);
    if (classes === 0) label = other ? -1 : 1;
    else if (other) label = label === 1 ? 0 : 1;
    try { pg.add_point(x, y, label, this.$('as-test').checked); this.note(''); } catch (e) { this.note(e.message); }
  }

  /**
   * The data canvas by keyboard: a cursor moved by the arrows; Enter adds a
   * point (Shift+Enter of the other class), Delete erases, M picks the
   * point under the cursor up and puts it down, N / Shift+N jump between
   * points, T marks new points as test points, 1–4 choose the class. In the
   * perceptron lesson Enter on a point chooses it for the arithmetic.
   */
  wireDataKeys() {
    const { $, pg } = this;
    const data = $('data');
    const show = (x, y) => {
      this.cursor = pg.set_cursor(x, y);
      this.hovering = ['data', ...this.cursor];
      this.describeHover();
    };
    const centre = () => [data.clientWidth / 2, data.clientHeight / 2];
    // The cursor is the keyboard's: a click that focuses the canvas shows none.
    this.listen(data, 'focus', () => { if (data.matches(':focus-visible')) show(...(this.cursor ?? centre())); });
    this.listen(data, 'blur', () => { pg.hide_cursor(); this.cursor = null; this.carrying = null; this.hovering = null; });
    this.listen(data, 'keydown', (e) => {
      if (!this.cursor && !e.ctrlKey && !e.metaKey && !e.altKey && e.key !== 'Tab') show(...centre());
      const [x, y] = this.cursor ?? centre();
      const step = (e.shiftKey ? 4 : 1) * CURSOR_STEP * data.clientWidth;
      const moves = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] };
      const hit = () => pg.point_at(x, y);
      // Any key but the arrows and M puts a carried point down first: an
      // erase, an undo or a new point must not leave it pointing elsewhere.
      if (!moves[e.key] && e.key !== 'm' && e.key !== 'M') this.carrying = null;
      let handled = true;
      if (moves[e.key]) {
        show(x + moves[e.key][0], y + moves[e.key][1]);
        if (this.carrying !== null) pg.move_point(this.carrying, ...this.cursor);
      } else if (e.key === 'Enter') {
        if (!(this.panel === 'perceptron' && pg.choose_point(x, y))) this.addPoint(x, y, e.shiftKey);
      } else if (e.key === 'Delete' || e.key === 'Backspace') {
        if (hit() >= 0) pg.remove_point(hit()); else this.note(this.t.no_point_to_erase);
      } else if (e.key === 'm' || e.key === 'M') {
        if (this.carrying !== null) this.carrying = null;
        else if (hit() >= 0) { pg.begin_move(); this.carrying = hit(); }
        this.announce(this.carrying !== null ? this.t.point_picked_up : this.t.point_put_down);
      } else if (e.key === 'n' || e.key === 'N') {
        const next = pg.next_point(x, y, e.shiftKey ? -1 : 1);
        if (next.length) show(next[0], next[1]);
      } else if (e.key === 't' || e.key === 'T') {
        $('as-test').checked = !$('as-test').checked;
        this.announce($('as-test').checked ? this.t.new_test_points : this.t.new_training_points);
      } else if (/^[1-4]$/.test(e.key)) {
        const radio = this.root.querySelector(`input[name=class][value="${Number(e.key) - 1}"]`);
        if (radio && radio.offsetParent !== null) { radio.checked = true; this.announce(radio.getAttribute('aria-label')); }
      } else {
        handled = false;
      }
      if (handled) { e.preventDefault(); e.stopPropagation(); }
    });
  }

  /** The landscape's 3-D surface turns by dragging, and by the arrow keys when focused. */
  wireSurface() {
    const surface = this.$('surface-canvas');
    let last = null;
    // In the canvas's own pixels, so a zoomed page turns it as much per drag.
    this.listen(surface, 'pointerdown', (e) => {
      last = pointOn(surface, e);
      surface.setPointerCapture(e.pointerId);
    });
    this.listen(surface, 'pointermove', (e) => {
      if (!last) return;
      const at = pointOn(surface, e);
      this.pg.turn_surface(at[0] - last[0], at[1] - last[1]);
      last = at;
    });
    for (const end of ['pointerup', 'pointercancel']) this.listen(surface, end, () => { last = null; });
    // A key turns it as a drag of 15 CSS pixels would.
    const keys = { ArrowLeft: [-15, 0], ArrowRight: [15, 0], ArrowUp: [0, -15], ArrowDown: [0, 15] };
    this.listen(surface, 'keydown', (e) => {
      if (!keys[e.key]) return;
      this.pg.turn_surface(...keys[e.key]);
      e.preventDefault();
      e.stopPropagation();
    });
  }

  /** The backpropagation lesson's weight, by keyboard: arrows move along the links, Enter is not needed. */
  wireNetworkKeys() {
    const net = this.$('network');
    this.listen(net, 'keydown', (e) => {
      if (this.panel !== 'backprop' && this.pg.hidden_space() > 0) {
        const by = { ArrowLeft: -1, ArrowRight: 1, ArrowUp: -1, ArrowDown: 1 }[e.key];
        if (by) {
          this.announce(this.say(this.t.hidden_space_layer, { layer: this.pg.step_hidden_layer(by) }));
        } else if (e.key === 'Enter') {
          const [column] = this.pg.hovered();
          if (column && this.pg.pick_hidden_layer(column)) this.syncHiddenSpace();
        } else return;
        e.preventDefault();
        e.stopPropagation();
        return;
      }
      if (this.panel !== 'backprop') return;
      const moves = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };
      if (!moves[e.key] && e.key !== 'Enter') return;
      const [layers, links] = moves[e.key] ?? [0, 0];
      this.pg.step_weight(layers, links);
      this.announce(`Weight ${this.pg.chosen_weight_name()}.`);
      e.preventDefault();
      e.stopPropagation();
    });
  }

  /**
   * On a phone, play, the class of new points and undo move to a bar at
   * the bottom of the output, under the thumb; back again on a wider screen.
   */
  placeForThumbs() {
    const width = this.root.host.clientWidth;
    if (width === 0) return; // not laid out yet (its styles load first): placed once shown
    const bar = this.root.querySelector('.thumbbar');
    const narrow = width <= 700 && !this.box.classList.contains('size-small');
    const play = this.$('play');
    const thumbs = this.root.querySelector('.thumbs');
    const runGroup = this.root.querySelector('.run-group');
    const tools = this.root.querySelector('.tools');
    const toBar = [narrow && !runGroup.hidden ? play : null, narrow && !tools.hidden ? thumbs : null];
    if (toBar[0]) bar.append(play); else if (play.parentElement !== runGroup) runGroup.prepend(play);
    if (toBar[1]) bar.append(thumbs); else if (thumbs.parentElement !== tools) tools.querySelector('legend').after(thumbs);
    bar.hidden = !toBar.some(Boolean);
  }

  /** Undo (or redo) a point edit, saying which points could not come back. */
  undo(redo) {
    this.stopReplay();
    const note = redo ? this.pg.redo() : this.pg.undo();
    if (note) this.note(note);
    this.syncControls();
  }

  /** Placing, erasing and dragging points on the data canvas. */
  wirePointer() {
    const { $, pg } = this;
    const data = $('data');
    const at = (e) => pointOn(data, e);
    let longPress = null;
    this.listen(data, 'contextmenu', (e) => e.preventDefault());
    this.listen(data, 'pointerdown', (e) => {
      const [x, y] = at(e);
      const hit = pg.point_at(x, y);
      if (hit >= 0) this.lastPoint = hit; // the point a slow step takes
      if (this.panel === 'perceptron' && e.button === 0 && pg.choose_point(x, y)) return;
      if (e.button === 2 || $('erase').checked) {
        if (hit >= 0) pg.remove_point(hit);
        return;
      }
      if (hit >= 0) {
        this.drag = { index: hit, moved: false };
        data.setPointerCapture(e.pointerId);
        if (e.pointerType === 'touch') {
          longPress = setTimeout(() => {
            if (this.drag && !this.drag.moved) { pg.remove_point(this.drag.index); this.drag = null; }
          }, 550);
        }
        return;
      }
      this.addPoint(x, y, e.shiftKey);
    });
    this.listen(data, 'pointermove', (e) => {
      const [x, y] = at(e);
      if (this.drag) {
        if (!this.drag.moved) { pg.begin_move(); this.drag.moved = true; clearTimeout(longPress); }
        pg.move_point(this.drag.index, x, y);
      }
      this.hovering = ['data', x, y];
      this.describeHover();
    });
    this.listen(data, 'pointerup', () => { this.drag = null; clearTimeout(longPress); });
    for (const canvas of [data, $('network')]) {
      this.listen(canvas, 'pointerleave', () => { this.hovering = null; $('hover').textContent = '\u00a0'; $('tip').hidden = true; });
    }
    // Off the diagram, nothing is highlighted and the data canvas shows the model's field again.
    this.listen($('network'), 'pointerleave', () => pg.leave_network());
    this.listen($('network'), 'click', (e) => {
      const [x, y] = pointOn($('network'), e);
      // With the hidden space shown, a hidden layer's unit shows that layer's plane.
      if (this.panel !== 'backprop' && pg.hidden_space() > 0) {
        if (pg.pick_hidden_space(x, y)) this.syncHiddenSpace();
        return;
      }
      if (this.panel !== 'backprop') return;
      pg.choose_weight(x, y);
    });
    this.listen($('network'), 'pointermove', (e) => {
      this.hovering = ['network', ...pointOn($('network'), e)];
      this.pointer = [e.clientX, e.clientY];
      this.describeHover();
    });
  }

  /** What the pointer is over, kept live while training runs. */
  describeHover() {
    if (!this.hovering) return;
    const [canvas, x, y] = this.hovering;
    if (canvas === 'data') {
      this.$('hover').textContent = this.pg.describe_data(x, y) || '\u00a0';
      return;
    }
    // A unit's or a link's readout goes by the pointer, inside the window.
    const text = this.pg.describe_network(x, y);
    const tip = this.$('tip');
    tip.hidden = !text;
    if (!text) return;
    tip.textContent = text;
    // Placed in the window's pixels, then turned into its own from where
    // `left: 0; top: 0` puts it on screen (the page may be zoomed or scaled).
    tip.style.left = '0px';
    tip.style.top = '0px';
    const at = tip.getBoundingClientRect();
    const [sx, sy] = ownPerScreen(tip, at);
    const [px, py] = this.pointer;
    const gap = 14;
    const left = px + gap + at.width <= innerWidth - 8 ? px + gap : Math.max(8, px - gap - at.width);
    const top = py + gap + at.height <= innerHeight - 8 ? py + gap : Math.max(8, py - gap - at.height);
    tip.style.left = `${(left - at.left) * sx}px`;
    tip.style.top = `${(top - at.top) * sy}px`;
  }

  destroy() {
    if (this.destroyed) return;
    this.destroyed = true;
    this.stopped = true;
    this.endJobs(this.t.api_destroyed);
    this.painter.stop();
    this.resizeObserver.disconnect();
    this.diagramObserver.disconnect();
    this.keyTarget.removeEventListener('keydown', this.onKey);
    try { this.pg.free(); } catch { /* already gone after a fault */ }
    scheduler.remove(this); // after the free: the others' shares count this one gone
    this.root.replaceChildren();
    this.onGone();
  }
}
