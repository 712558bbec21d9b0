// Descent for course pages: `<descent-playground>` and `mount(element, options)`.
//
//   <script type="module" src="descent.js"></script>
//   <descent-playground lesson="perceptron"></descent-playground>
//
// Each playground is independent (its own network, seed and animation loop),
// lives in its own shadow root (no styles leak either way), and pauses while
// it is off-screen. See README, "Embed it in your course page".
import init, * as wasm from './pkg/descent.js';
import { View, sizeLimits, tooLongForScene, controlTable } from './view.js';

/** Saved scenes longer than this are not trusted (5,000 points, exact and with their link, take ~105,000 characters). */
const MAX_SAVED_CHARS = 200_000;
const SAVE_EVERY_MS = 1000;
/** Setting and lesson names are short; longer ones are refused before they reach the playground. */
const MAX_NAME = 100;
/** At most this many epochs in one `step` call (it blocks the page while it runs). */
const MAX_STEP = 100_000;

let loading = null;
/** Loads the wasm once for every playground on the page. */
export function ready() {
  loading ??= init();
  return loading;
}

/** The lessons, in the lecture's order: `{name, title}` each. */
export async function lessons() {
  await ready();
  return wasm.lesson_list();
}

const list = (v) => (Array.isArray(v) ? v : String(v ?? '').split(',')).map((s) => s.trim()).filter(Boolean);

const SIZES = ['small', 'medium', 'full'];

/** Checks the `controls` and `size` options: what is unknown is named in a note and left out. */
function checkOptions(options) {
  const notes = [];
  const known = controlTable().controlGroups; // the lessons' table of groups
  const groups = list(options.controls);
  const unknown = groups.filter((g) => !known.includes(g));
  if (unknown.length) {
    notes.push(`controls: ${unknown.map((g) => `'${g.slice(0, 40)}'`).join(', ')} ${unknown.length > 1 ? 'are not control groups' : 'is not a control group'} (there are ${known.join(', ')})`);
  }
  const size = options.size ?? 'full';
  if (!SIZES.includes(size)) notes.push(`size: '${String(size).slice(0, 40)}' is not small, medium or full; showing full`);
  return { groups: groups.filter((g) => known.includes(g)), size: SIZES.includes(size) ? size : 'full', notes };
}

/**
 * Puts a playground into `element` (in its shadow root) and returns its handle.
 * options: lesson, scene (text form), controls (groups, array or comma list),
 * size ('small' | 'medium' | 'full'), caption, palette ('red-green' |
 * 'color-blind'), autoplay, hash (follow the page's
 * URL hash), autosave (a localStorage key, or true), link (the page links open).
 */
export async function mount(element, options = {}) {
  await ready();
  const root = element.shadowRoot ?? element.attachShadow({ mode: 'open' });
  const checked = checkOptions(options);
  const view = new View(root, { controls: checked.groups, size: checked.size, caption: options.caption, link: options.link, pageKeys: options.hash });
  const handle = new Handle(element, view);

  handle.defaultText = view.pg.scene_text();
  const key = options.autosave ? saveKey(options.autosave) : null;
  // The address may hold the link last copied from the saved scene itself: the
  // saved scene is that scene exactly, where the link rounds its points.
  const followed = () => options.hash && !(key && savedLink(key) === location.hash.slice(1)) && handle.followHash();
  if (options.scene) view.loadText(options.scene, 'The scene attribute');
  else if (options.lesson) handle.lesson(options.lesson);
  else if (!followed() && key) restore(view, key, handle.defaultText);
  if (options.hash) {
    handle.onHash = () => handle.followHash();
    window.addEventListener('hashchange', handle.onHash);
    element.addEventListener('descent-link', (e) => history.replaceState(null, '', e.detail));
  }
  if (options.palette) {
    try {
      view.pg.set('palette', String(options.palette));
    } catch (e) {
      checked.notes.push(e.message);
    }
    view.syncControls();
  }
  if (checked.notes.length) view.note([checked.notes.join(' · '), view.$('note').textContent].filter(Boolean).join(' · '));
  if (key) handle.autosave(key);
  if (options.autoplay) view.setPlaying(true);

  // Off-screen playgrounds neither train nor draw, so a long page stays smooth.
  handle.observer = new IntersectionObserver((entries) => {
    for (const entry of entries) view.visible = entry.isIntersecting;
  });
  handle.observer.observe(element);
  await view.styled;
  window.descent ??= view.pg; // the first playground, for the end-to-end tests and the curious
  return handle;
}

const saveKey = (autosave) => (autosave === true || autosave === '' ? 'descent-scene' : String(autosave));

/** The link text of the scene saved under `key`, if any. */
function savedLink(key) {
  try {
    const link = JSON.parse(localStorage.getItem(key) ?? 'null')?.link;
    return typeof link === 'string' && link ? link : null;
  } catch {
    return null; // no storage here, or not ours: restore() says so
  }
}

/** Restores the scene saved in this browser, if it can be trusted. */
function restore(view, key, defaultText) {
  let raw;
  try {
    raw = localStorage.getItem(key);
  } catch {
    return; // no storage here (a sandboxed frame, or blocked by the browser)
  }
  if (raw === null) return;
  // What the hash's note said (a link that was not followed) stays in front.
  const earlier = view.$('note').textContent;
  const say = (text) => view.note([earlier, text].filter(Boolean).join(' · '));
  const ignore = (why) => {
    try { localStorage.removeItem(key); } catch { /* nothing to remove */ }
    say(`The playground saved in this browser was ignored: ${why}. Starting fresh.`);
  };
  if (raw.length > MAX_SAVED_CHARS) return ignore(`it is ${raw.length.toLocaleString('en')} characters, more than the ${MAX_SAVED_CHARS.toLocaleString('en')} a saved scene may be`);
  let saved = null;
  try { saved = JSON.parse(raw); } catch { /* reported below */ }
  if (typeof saved?.scene !== 'string') return ignore('it is not a saved scene');
  const tooLong = tooLongForScene(saved.scene);
  if (tooLong) return ignore(tooLong);
  try {
    const notes = view.pg.load_text(saved.scene);
    say(['Restored your last playground from this browser.', ...notes].join(' · '));
  } catch (e) {
    view.pg.load_text(defaultText);
    return ignore(e.message);
  } finally {
    view.syncControls();
  }
  const fresh = view.$('start-fresh');
  fresh.hidden = false;
  fresh.onclick = () => {
    try { localStorage.removeItem(key); } catch { /* already gone */ }
    view.pg.load_text(defaultText);
    view.syncControls();
    view.note('Started fresh.');
    fresh.hidden = true;
  };
}

/** What a page's script holds: the playground's controls, in code. */
class Handle {
  constructor(element, view) {
    this.element = element;
    this.view = view;
  }

  /** The Rust playground itself (for tests and benchmarks). */
  get playground() { return this.view.pg; }

  play() { this.view.setPlaying(true); }
  pause() { this.view.setPlaying(false); }

  /** Trains `epochs` epochs at once, synchronously, redraws, and returns the status. */
  step(epochs = 1) {
    const n = Number(epochs);
    if (!Number.isInteger(n) || n < 0 || n > MAX_STEP) {
      throw new Error(`step: '${String(epochs).slice(0, 40)}' is not a whole number of epochs from 0 to ${MAX_STEP.toLocaleString('en')}`);
    }
    return this.view.guard(() => {
      this.view.pg.train_epochs(n);
      this.view.redraw();
      return this.view.pg.status();
    });
  }

  /** New weights: from the same seed, or a new one. */
  reset(newSeed = false) {
    this.view.guard(() => this.view.pg.reset(Boolean(newSeed)));
    this.view.syncControls();
  }

  /** Sets a setting by name; returns a note if it was clamped, throws if refused. */
  set(name, value) {
    const text = String(value);
    if (String(name).length > MAX_NAME) throw new Error(`'${String(name).slice(0, 40)}…' is not a setting`);
    if (text.length > sizeLimits().sceneText) throw new Error(`${String(name).slice(0, 40)}: a value of ${text.length.toLocaleString('en')} characters is not a setting`);
    try {
      return this.view.guard(() => this.view.pg.set(String(name), text)) ?? null;
    } finally {
      this.view.syncControls();
    }
  }

  get(name) {
    const text = String(name);
    return text.length > MAX_NAME ? null : this.view.pg.get(text) ?? null;
  }
  status() { return this.view.pg.status(); }

  /**
   * The whole scene as plain data: every setting, the points (exactly), the
   * link text, and what that link cannot hold (`linkNotes`, a sentence each).
   */
  scene() {
    const pg = this.view.pg;
    return {
      settings: Object.fromEntries(wasm.setting_names().map((n) => [n, pg.get(n)])),
      points: JSON.parse(pg.points_json()),
      text: pg.scene_text(),
      linkNotes: pg.link_notes(),
    };
  }

  /**
   * Loads a scene: its text form, or plain data as `scene()` gives (the text
   * wins if both are there). Returns notes on fields that were clamped or
   * skipped; throws if nothing could be used.
   */
  load(scene) {
    const pg = this.view.pg;
    // Lengths are checked here: text handed over grows the playground's memory for good.
    const text = (t) => {
      const tooLong = tooLongForScene(t);
      if (tooLong) throw new Error(`scene: ${tooLong}`);
      return pg.load_text(t);
    };
    try {
      if (typeof scene === 'string') return text(scene);
      if (typeof scene?.text === 'string') return text(scene.text);
      if (typeof scene !== 'object' || scene === null) throw new Error('a scene is its text form or an object of settings and points');
      const notes = [];
      for (const [name, value] of Object.entries(scene.settings ?? {})) {
        try {
          const note = this.set(name, value);
          if (note) notes.push(note);
        } catch (e) {
          notes.push(e.message);
        }
      }
      if (scene.points !== undefined) {
        const json = JSON.stringify(scene.points) ?? '';
        const max = sizeLimits().fileBytes;
        if (json.length > max) throw new Error(`points: ${json.length.toLocaleString('en')} characters of points are more than the ${max.toLocaleString('en')} read`);
        pg.import_points(json);
      }
      return notes;
    } finally {
      this.view.syncControls();
    }
  }

  /** Loads one of the lecture's lessons by name. */
  lesson(name) {
    const v = this.view;
    try {
      const text = String(name);
      if (text.length > MAX_NAME) throw new Error(`a name of ${text.length.toLocaleString('en')} characters is no lesson's`);
      const lesson = v.pg.load_lesson(text);
      v.startLesson(lesson);
      v.note('');
      return lesson;
    } catch (e) {
      v.note(`Lesson '${String(name).slice(0, 40)}' could not be loaded: ${e.message}.`);
      return null;
    } finally {
      v.syncControls();
    }
  }

  /** Back to the usual playground: no lesson, every control, the first scene. */
  freePlay() {
    const v = this.view;
    v.pg.load_text(this.defaultText); // leaves the lesson too
    v.endLesson();
    v.note('');
    v.syncControls();
  }

  /**
   * Follows the page's hash: `#lesson=name` or a scene's text. Returns whether
   * it was followed: a hash that holds no scene (`#utm_source=x`), or one that
   * cannot be read, changes nothing but the note.
   */
  followHash() {
    const hash = location.hash.slice(1);
    if (!hash) return false;
    const lesson = /(?:^|&)lesson=([\w-]{1,40})(?:&|$)/.exec(hash);
    if (!lesson) return this.view.loadText(hash);
    if (!this.lesson(lesson[1])) return false;
    const rest = hash.split('&').filter((pair) => pair && !pair.startsWith('lesson='));
    if (rest.length) this.view.note(`A lesson link loads the lesson as it is: '${rest.join('&').slice(0, 60)}' was ignored.`);
    return true;
  }

  /** Keeps the scene in localStorage (key) while it changes, so a reload or a crash loses nothing. */
  autosave(key) {
    let last = this.view.pg.save_text(); // nothing to keep until something changes
    const save = () => {
      if (this.view.stopped) return;
      const text = this.view.pg.save_text();
      if (text === last) return;
      try {
        localStorage.setItem(key, JSON.stringify({ version: 1, scene: text, link: this.view.pg.scene_text() }));
        last = text;
      } catch { /* storage full or blocked: nothing to keep it in */ }
    };
    this.saveTimer = setInterval(save, SAVE_EVERY_MS);
    this.onHide = () => { if (document.visibilityState === 'hidden') save(); };
    document.addEventListener('visibilitychange', this.onHide);
    window.addEventListener('pagehide', save);
  }

  /** Calls `fn(status)` after each frame whose epoch moved ('epoch'), or on a fault ('fault'). Returns an unsubscribe. */
  on(event, fn) {
    const listeners = this.view.listeners[event];
    if (!listeners) throw new Error(`no event '${event}': there are 'epoch' and 'fault'`);
    listeners.push(fn);
    return () => listeners.splice(listeners.indexOf(fn) >>> 0, 1);
  }

  destroy() {
    clearInterval(this.saveTimer);
    if (this.onHide) document.removeEventListener('visibilitychange', this.onHide);
    if (this.onHash) window.removeEventListener('hashchange', this.onHash);
    this.observer?.disconnect();
    if (window.descent === this.view.pg) window.descent = undefined;
    this.view.destroy();
  }
}

/** `<descent-playground>`: the attributes are mount()'s options. */
class DescentPlayground extends HTMLElement {
  static observedAttributes = ['lesson', 'scene', 'controls', 'size', 'caption', 'palette'];

  connectedCallback() {
    if (this.ready) return; // moved within the page: keep the playground
    const attr = (name) => this.getAttribute(name);
    this.ready = mount(this, {
      lesson: attr('lesson'),
      scene: attr('scene'),
      controls: attr('controls'),
      size: attr('size'),
      caption: attr('caption'),
      palette: attr('palette'),
      autoplay: this.hasAttribute('autoplay'),
      hash: this.hasAttribute('hash'),
      autosave: this.hasAttribute('autosave') ? attr('autosave') || true : false,
      link: attr('link') ?? undefined,
    }).then((handle) => {
      this.handle = handle;
      this.dispatchEvent(new CustomEvent('descent-ready', { detail: handle }));
      return handle;
    });
  }

  disconnectedCallback() {
    // Removed for good (not just moved): stop its loop and free its memory.
    queueMicrotask(() => {
      if (!this.isConnected && this.handle) {
        this.handle.destroy();
        this.handle = null;
        this.ready = null;
      }
    });
  }

  attributeChangedCallback(name, old, value) {
    const view = this.handle?.view;
    if (!view || old === value) return;
    if (name === 'lesson' && value) this.handle.lesson(value);
    if (name === 'scene' && value) view.loadText(value, 'The scene attribute');
    if (name === 'controls' || name === 'size') {
      const checked = checkOptions({ controls: this.getAttribute('controls'), size: this.getAttribute('size') ?? undefined });
      view.showControls(checked.groups);
      view.setSize(checked.size);
      view.note(checked.notes.join(' · '));
    }
    if (name === 'caption') view.setCaption(value);
    if (name === 'palette' && value) view.set('palette', value);
  }
}

if (!customElements.get('descent-playground')) customElements.define('descent-playground', DescentPlayground);
