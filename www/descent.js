// Descent for course pages: `<descent-playground>` and `mount(element, options)`.
//
//   <script type="module" src="descent.js"></script>
//   <descent-playground lesson="perceptron"></descent-playground>
//
// Each playground is independent (its own network, seed and scene), lives in
// its own shadow root (no styles leak either way), and pauses while it is
// off-screen; one scheduler (scheduler.js) shares each frame among them. See
// README, "Embed it in your course page".
import init, * as wasm from './pkg/descent.js';
import { View, sizeLimits, tooLongForScene, controlTable } from './view.js';
import { Saver } from './saving.js';
import { strings, languageCode, fill, numberFormat, fetchLanguage } from './words.js';

/** The playground whose wasm object is `window.descent` (see `curious`), and that object. */
let exposed = null;
/** The methods of the wasm object that change what the controls show. */
const CHANGES = new Set(['set', 'load_preset', 'load_text', 'regenerate', 'reset', 'undo', 'redo', 'clear']);

/**
 * The first playground's wasm object as `window.descent`, for the end-to-end
 * tests and the curious. A change made through it shows on the controls, as
 * one made through the element's handle does.
 */
function curious(view) {
  return new Proxy(view.pg, {
    get(pg, key) {
      const value = Reflect.get(pg, key);
      if (!CHANGES.has(key) || typeof value !== 'function') return value;
      return (...args) => {
        try {
          return value.apply(pg, args);
        } finally {
          view.syncControls(); // nothing once the playground is destroyed
        }
      };
    },
  });
}

/** At most this many epochs in one `step` call (it runs in slices across frames). */
const MAX_STEP = 100_000;
/** Setting and lesson names are short; longer ones are refused before they reach the playground. */
const MAX_NAME = 100;
/** The elements that hold a playground (or are being given one). */
const mounted = new WeakMap();

let loading = null;
/** Loads the wasm once for every playground on the page. */
export function ready() {
  if (!loading) {
    loading = init();
    // Made now, while the wasm is still on its way, and not when the first
    // playground's markup needs it (see numberFormat); the page's language
    // file comes alongside the wasm.
    const pageLanguage = languageCode(document.documentElement.lang);
    numberFormat(pageLanguage);
    fetchLanguage(pageLanguage);
  }
  return loading;
}

/** The lessons, in the lecture's order: `{name, title}` each, titled in language `lang`. */
export async function lessons(lang = 'en') {
  const asked = languageCode(lang);
  fetchLanguage(asked);
  await ready();
  const { code } = await strings(asked);
  return wasm.lesson_list(code);
}

/**
 * The language a playground speaks: its own `lang`, else (on Descent's own
 * pages, whose playground follows the address) the address's `?lang=`, else
 * the page's `<html lang>`; English when none is given or it has no file.
 */
export function languageFor(options) {
  const query = options.hash ? new URLSearchParams(location.search).get('lang') : null;
  return languageCode(options.lang || query || document.documentElement.lang);
}

/** The control groups a playground can show (the `controls` option), from the crate's table. */
export async function controlGroups() {
  await ready();
  return controlTable().controlGroups;
}

const list = (v) => (Array.isArray(v) ? v : String(v ?? '').split(',')).map((s) => s.trim()).filter(Boolean);

/** The sizes a playground comes in (the `size` option), smallest first. */
export const SIZES = ['small', 'medium', 'full'];

/** Checks the `controls` and `size` options: what is unknown is named in a note and left out. */
function checkOptions(options, t) {
  const notes = [];
  const known = controlTable().controlGroups; // the lessons' table of groups
  const groups = list(options.controls);
  const unknown = groups.filter((g) => !known.includes(g));
  if (unknown.length) {
    const names = unknown.map((g) => `'${g.slice(0, 40)}'`).join(', ');
    notes.push(fill(unknown.length > 1 ? t.api_controls_unknown_many : t.api_controls_unknown, { names, known: known.join(', ') }));
  }
  const size = options.size ?? 'full';
  if (!SIZES.includes(size)) notes.push(fill(t.api_size_unknown, { size: String(size).slice(0, 40) }));
  return { groups: groups.filter((g) => known.includes(g)), size: SIZES.includes(size) ? size : 'full', notes };
}

/**
 * Puts a playground into `element` (in its shadow root) and returns its handle.
 * options: lesson, scene (text form), controls (groups, array or comma list),
 * size ('small' | 'medium' | 'full'), caption, settings (`{name: value}`, any
 * setting: `palette`, `learning-rate`, …), autoplay, hash (follow the page's
 * URL hash), autosave (a localStorage key, or true), link (the page links open),
 * signal (an AbortSignal: aborting destroys the playground; while loading, mount rejects),
 * lang (the language it speaks: 'en', 'ko'; see `languageFor`).
 */
export async function mount(element, options = {}) {
  // A refusal speaks the language the playground would have (its `lang`, else the page's).
  const refusal = async (Kind, key, values = {}) => {
    await ready();
    const { t, code } = await strings(languageFor(options ?? {}));
    return Kind === DOMException ? new DOMException(t[key], 'AbortError') : new Kind(fill(t[key], values, code));
  };
  if (!(element instanceof Element)) {
    const what = element === null ? 'null' : typeof element === 'object' ? `a ${element.constructor?.name ?? 'plain object'}` : `${typeof element} ${String(element).slice(0, 40)}`;
    throw await refusal(TypeError, 'api_not_element', { what });
  }
  if (mounted.has(element)) {
    const held = mounted.get(element)?.view; // the playground already there says it, in its language
    throw held ? new Error(held.t.api_already_mounted) : await refusal(Error, 'api_already_mounted');
  }
  const { signal } = options;
  if (signal?.aborted) throw await refusal(DOMException, 'api_aborted');
  mounted.set(element, null);
  try {
    const asked = languageFor(options);
    fetchLanguage(asked);
    await ready();
    const language = await strings(asked);
    const aborted = () => new DOMException(language.t.api_aborted, 'AbortError');
    if (signal?.aborted) throw aborted();
    let root;
    try {
      root = element.shadowRoot ?? element.attachShadow({ mode: 'open' });
    } catch (e) {
      throw new TypeError(fill(language.t.api_cannot_hold, { tag: element.localName, problem: e.message }));
    }
    const handle = start(element, root, options, language);
    mounted.set(element, handle);
    signal?.addEventListener('abort', () => handle.destroy(), { once: true });
    await Promise.race([handle.view.styled, handle.view.gone]);
    if (handle.view.destroyed) throw aborted();
    if (window.descent === undefined || window.descent === null) {
      window.descent = curious(handle.view);
      exposed = { handle, object: window.descent };
    }
    return handle;
  } catch (e) {
    mounted.delete(element);
    throw e;
  }
}

function start(element, root, options, language) {
  const checked = checkOptions(options, language.t);
  // A language asked for by name that has no file is said; one only inherited from the page is not.
  if (language.failed && options.lang) checked.notes.push(fill(language.t.language_missing, language.failed));
  if (options.settingAttributes) {
    options = { ...options, settings: { ...options.settings } };
    // `hidden` is HTML's own attribute (it hides the element): layers go in `scene`.
    for (const name of wasm.setting_names().filter((n) => n !== 'hidden')) {
      if (element.hasAttribute(name)) options.settings[name] = element.getAttribute(name);
    }
  }
  const view = new View(root, { controls: checked.groups, size: checked.size, caption: options.caption, link: options.link, pageKeys: options.hash, lang: language.code, t: language.t });
  const handle = new Handle(element, view);
  if (options.autosave) handle.saver = new Saver(view, saveKey(options.autosave));

  handle.defaultText = view.pg.scene_text();
  // The address may hold the link last copied from the saved scene itself: the
  // saved scene is that scene exactly, where the link rounds its points.
  const ownLink = () => handle.saver && handle.saver.savedLink() === location.hash.slice(1);
  if (options.scene) view.loadText(options.scene, 'scene_attribute_unreadable');
  else if (options.lesson) handle.lesson(options.lesson);
  else if (!(options.hash && !ownLink() && handle.followHash())) handle.saver?.restore(handle.defaultText);
  // Settings given as options (or the element's attributes), over the scene.
  checked.notes.push(...handle.setEach(options.settings));
  handle.freeText = undefined; // free play's own scene is the saved one (or the first), not what a lesson replaced
  if (options.hash) {
    handle.onHash = () => handle.followHash();
    window.addEventListener('hashchange', handle.onHash);
    handle.onLink = (e) => history.replaceState(null, '', e.detail);
    element.addEventListener('descent-link', handle.onLink);
  }
  if (checked.notes.length) view.note([checked.notes.join(' · '), view.$('note').textContent].filter(Boolean).join(' · '));
  handle.saver?.start();
  if (options.autoplay) view.setPlaying(true);

  // Off-screen playgrounds neither train nor draw, so a long page stays smooth.
  handle.observer = new IntersectionObserver((entries) => view.setVisible(entries.at(-1).isIntersecting)); // the latest queued
  handle.observer.observe(element);
  return handle;
}

const saveKey = (autosave) => (autosave === true || autosave === '' ? 'descent-scene' : String(autosave));

/** What a page's script holds: the playground's controls, in code. */
class Handle {
  constructor(element, view) {
    this.element = element;
    this.view = view;
  }

  /** The view, if this playground still takes calls; else a clear error. */
  get live() {
    this.view.check();
    return this.view;
  }

  /** The Rust playground itself (for tests and benchmarks). */
  get playground() { return this.live.pg; }

  play() { this.live.setPlaying(true); }
  pause() { this.live.setPlaying(false); }

  /**
   * Trains `epochs` epochs, in slices of a few milliseconds across frames so
   * the page stays responsive, then redraws. Returns a promise of the status.
   */
  async step(epochs = 1) {
    const n = Number(epochs);
    if (!Number.isInteger(n) || n < 0 || n > MAX_STEP) {
      const v = this.live;
      throw new RangeError(v.say(v.t.api_step_not_whole, { value: String(epochs).slice(0, 40), max: MAX_STEP }));
    }
    return this.live.step(n);
  }

  /** New weights: from the same seed, or a new one. */
  reset(newSeed = false) {
    this.live.guard(() => this.view.pg.reset(Boolean(newSeed)));
    this.view.syncControls();
  }

  /** Sets a setting by name; returns a note if it was clamped, throws if refused. */
  set(name, value) {
    const v = this.live;
    const text = String(value);
    if (String(name).length > MAX_NAME) throw new Error(v.say(v.t.api_name_not_setting, { name: String(name).slice(0, 40) }));
    if (text.length > sizeLimits().sceneText) throw new Error(v.say(v.t.api_value_too_long, { name: String(name).slice(0, 40), length: text.length }));
    try {
      return v.guard(() => v.pg.set(String(name), text)) ?? null;
    } finally {
      v.syncControls();
    }
  }

  /** Sets each of `{name: value}`; returns the notes of those clamped and the messages of those refused. */
  setEach(settings) {
    const notes = [];
    for (const [name, value] of Object.entries(settings ?? {})) {
      try {
        const note = this.set(name, value);
        if (note) notes.push(note);
      } catch (e) {
        notes.push(e.message);
      }
    }
    return notes;
  }

  get(name) {
    const text = String(name);
    return text.length > MAX_NAME ? null : this.live.pg.get(text) ?? null;
  }
  status() { return this.live.pg.status(); }

  /**
   * The whole scene as plain data: every setting, the points (exactly), the
   * link text, and what that link cannot hold (`linkNotes`, a sentence each).
   */
  scene() {
    const { pg } = this.live;
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
    const v = this.live;
    const { pg } = v;
    // Lengths are checked here: text handed over grows the playground's memory for good.
    const text = (t) => {
      const tooLong = tooLongForScene(t, v.t, v.lang);
      if (tooLong) throw new Error(v.say(v.t.api_scene_prefix, { problem: tooLong }));
      return pg.load_text(t);
    };
    try {
      if (typeof scene === 'string') return text(scene);
      if (typeof scene?.text === 'string') return text(scene.text);
      if (typeof scene !== 'object' || scene === null) throw new Error(v.t.api_scene_not_object);
      const notes = this.setEach(scene.settings);
      if (scene.points !== undefined) {
        const json = JSON.stringify(scene.points) ?? '';
        const max = sizeLimits().fileBytes;
        if (json.length > max) throw new Error(v.say(v.t.api_points_too_long, { length: json.length, max }));
        pg.import_points(json);
      }
      return notes;
    } finally {
      v.syncControls();
    }
  }

  /** Loads one of the lecture's lessons by name; free play's scene is kept (and saved) for `freePlay()`. */
  lesson(name) {
    const v = this.live;
    if (!v.pg.lesson_name()) {
      this.saver?.save();
      this.freeText = v.pg.save_text();
    }
    try {
      const text = String(name);
      if (text.length > MAX_NAME) throw new Error(v.say(v.t.api_lesson_name_too_long, { length: text.length }));
      const lesson = v.pg.load_lesson(text);
      v.startLesson(lesson);
      v.note('');
      return lesson;
    } catch (e) {
      v.note(v.say(v.t.lesson_not_loaded, { name: String(name).slice(0, 40), problem: e.message }));
      return null;
    } finally {
      v.syncControls();
    }
  }

  /** Back to the usual playground: no lesson, every control, the user's own scene. */
  freePlay() {
    const v = this.live;
    const own = this.freeText ?? this.saver?.stored() ?? null;
    let notes = [];
    try {
      notes = v.pg.load_text(own ?? this.defaultText); // leaves the lesson too
    } catch (e) {
      v.pg.load_text(this.defaultText);
      notes = [v.say(v.t.own_scene_unreadable, { problem: e.message })];
    }
    v.endLesson();
    v.note(notes.join(' · '));
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
    if (!lesson) return this.live.loadText(hash);
    if (!this.lesson(lesson[1])) return false;
    const rest = hash.split('&').filter((pair) => pair && !pair.startsWith('lesson='));
    if (rest.length) this.view.note(this.view.say(this.view.t.lesson_link_rest_ignored, { rest: rest.join('&').slice(0, 60) }));
    return true;
  }

  /**
   * Calls `fn(status)` when the playground is drawn at a new epoch ('epoch'), or
   * `fn(message)` on a fault ('fault'). Returns an unsubscribe. A listener
   * that throws is reported as the page's own error; the playground goes on.
   */
  on(event, fn) {
    const v = this.live;
    const listeners = v.listeners[event];
    if (!listeners) throw new Error(v.say(v.t.api_no_event, { event: String(event).slice(0, 40) }));
    if (typeof fn !== 'function') {
      throw new TypeError(v.say(v.t.api_not_function, { event, what: fn === null ? 'null' : typeof fn }));
    }
    listeners.push(fn);
    return () => {
      const i = listeners.indexOf(fn);
      if (i >= 0) listeners.splice(i, 1);
    };
  }

  /** Stops this playground for good and frees its memory; later calls say it was destroyed. */
  destroy() {
    if (this.view.destroyed) return;
    this.saver?.stop();
    if (this.onHash) window.removeEventListener('hashchange', this.onHash);
    if (this.onLink) this.element.removeEventListener('descent-link', this.onLink);
    this.observer?.disconnect();
    // By identity: a host page's own window.descent is never read.
    if (exposed?.handle === this) {
      if (window.descent === exposed.object) window.descent = undefined;
      exposed = null;
    }
    this.view.destroy();
    mounted.delete(this.element);
  }
}

/**
 * `<descent-playground>`: the attributes are mount()'s options, and any
 * setting by its name (`palette="color-blind"`, `learning-rate="0.1"`).
 */
class DescentPlayground extends HTMLElement {
  static observedAttributes = ['lesson', 'scene', 'controls', 'size', 'caption', 'palette'];

  connectedCallback() {
    if (this.ready) return; // moved within the page: keep the playground
    const attr = (name) => this.getAttribute(name);
    this.loading = new AbortController();
    this.ready = mount(this, {
      lesson: attr('lesson'),
      scene: attr('scene'),
      controls: attr('controls'),
      size: attr('size'),
      caption: attr('caption'),
      autoplay: this.hasAttribute('autoplay'),
      hash: this.hasAttribute('hash'),
      autosave: this.hasAttribute('autosave') ? attr('autosave') || true : false,
      link: attr('link') ?? undefined,
      lang: attr('lang') ?? undefined,
      settingAttributes: true,
      signal: this.loading.signal,
    }).then((handle) => {
      this.handle = handle;
      this.dispatchEvent(new CustomEvent('descent-ready', { detail: handle }));
      return handle;
    }, (e) => {
      if (e.name === 'AbortError') return null; // removed from the page while it loaded
      throw e;
    });
  }

  disconnectedCallback() {
    // Removed for good (not just moved): stop it and free its memory; one
    // still loading stops loading, and its `ready` gives null.
    queueMicrotask(() => {
      if (this.isConnected || !this.ready) return;
      this.handle?.destroy();
      this.loading.abort();
      this.handle = null;
      this.ready = null;
    });
  }

  attributeChangedCallback(name, old, value) {
    const view = this.handle?.view;
    if (!view || old === value) return;
    if (name === 'lesson' && value) this.handle.lesson(value);
    if (name === 'scene' && value) view.loadText(value, 'scene_attribute_unreadable');
    if (name === 'controls' || name === 'size') {
      const checked = checkOptions({ controls: this.getAttribute('controls'), size: this.getAttribute('size') ?? undefined }, view.t);
      view.showControls(checked.groups);
      view.setSize(checked.size);
      view.note(checked.notes.join(' · '));
    }
    if (name === 'caption') view.setCaption(value);
    if (name === 'palette' && value) view.set('palette', value);
  }
}

if (!customElements.get('descent-playground')) customElements.define('descent-playground', DescentPlayground);
