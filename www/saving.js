// Autosave in localStorage, saying so whenever the scene cannot be kept:
// storage full (older saves of ours go first, then a message and a
// download), two tabs (a save carries a revision; a newer one from another
// tab is never overwritten without asking), lessons (they save nothing).
// A record: `{version: 1, scene, link, revision, tab, saved}`, `scene` from
// Playground.save_text (every point exact), `link` the text Copy link gives.
import { tooLongForScene } from './view.js';

/** Saved scenes longer than this are not trusted (5,000 points, exact and with their link, take ~105,000 characters). */
const MAX_SAVED_CHARS = 200_000;
const SAVE_EVERY_MS = 1000;
/** The keys saved by playgrounds on this page: never evicted to make room for another. */
const live = new Set();

/** A record of ours, or null. */
function parse(raw) {
  if (typeof raw !== 'string' || raw.length > MAX_SAVED_CHARS) return null;
  try {
    const record = JSON.parse(raw);
    return record?.version === 1 && typeof record.scene === 'string' ? record : null;
  } catch {
    return null;
  }
}

const isFull = (e) => e?.name === 'QuotaExceededError' || e?.code === 22;

/** Writes `value` at `key`, removing our oldest other saves while full. Returns the removed keys, or null if still full. */
function write(key, value) {
  const removed = [];
  for (;;) {
    try {
      localStorage.setItem(key, value);
      return removed;
    } catch (e) {
      if (!isFull(e)) throw e;
      const ours = [];
      for (let i = 0; i < localStorage.length; i++) {
        const k = localStorage.key(i);
        if (live.has(k) || k === key) continue;
        const record = parse(localStorage.getItem(k));
        if (record) ours.push({ key: k, saved: Number(record.saved) || 0 });
      }
      if (!ours.length) return null;
      ours.sort((a, b) => a.saved - b.saved);
      localStorage.removeItem(ours[0].key);
      removed.push(ours[0].key);
    }
  }
}

export class Saver {
  constructor(view, key) {
    this.view = view;
    this.key = key;
    this.tab = Math.random().toString(36).slice(2); // which tab wrote a record
    this.known = 0; // the revision this tab last read or wrote
    this.last = null; // the text last saved or restored
    this.conflict = false; // another tab saved newer work: waiting for the user's choice
    this.box = null;
  }

  /** Restores the scene saved in this browser, if it can be trusted; then keeps saving. */
  restore(defaultText) {
    const { view } = this;
    let raw;
    try {
      raw = localStorage.getItem(this.key);
    } catch {
      return; // no storage here (a sandboxed frame, or blocked by the browser)
    }
    if (raw === null) return;
    // What the hash's note said (a link that was not followed) stays in front.
    const earlier = view.$('note').textContent;
    const say = (text) => view.note([earlier, text].filter(Boolean).join(' · '));
    const ignore = (why) => {
      try { localStorage.removeItem(this.key); } catch { /* nothing to remove */ }
      say(view.say(view.t.saved_ignored, { problem: why }));
    };
    if (raw.length > MAX_SAVED_CHARS) return ignore(view.say(view.t.saving_too_long, { length: raw.length, max: MAX_SAVED_CHARS }));
    let saved = null;
    try { saved = JSON.parse(raw); } catch { /* reported below */ }
    if (typeof saved?.scene !== 'string') return ignore(view.t.saving_not_scene);
    const tooLong = tooLongForScene(saved.scene, view.t, view.lang);
    if (tooLong) return ignore(tooLong);
    try {
      const notes = view.pg.load_text(saved.scene);
      say([view.t.saved_restored, ...notes].join(' · '));
      this.known = Number(saved.revision) || 0;
    } catch (e) {
      view.pg.load_text(defaultText);
      return ignore(e.message);
    } finally {
      view.syncControls();
    }
    const fresh = view.$('start-fresh');
    fresh.hidden = false;
    fresh.onclick = () => {
      try { localStorage.removeItem(this.key); } catch { /* already gone */ }
      view.pg.load_text(defaultText);
      view.syncControls();
      view.note(view.t.started_fresh);
      fresh.hidden = true;
    };
  }

  /** The link text of the scene saved here, if any. */
  savedLink() {
    const link = parse(this.storedRaw())?.link;
    return typeof link === 'string' && link ? link : null;
  }

  /** The free-play scene saved in this browser, if any. */
  stored() {
    return parse(this.storedRaw())?.scene ?? null;
  }

  storedRaw() {
    try {
      return localStorage.getItem(this.key);
    } catch {
      return null; // no storage here
    }
  }

  /** Saves every second, when the tab is hidden or closed, and hears of other tabs' saves. */
  start() {
    live.add(this.key);
    this.last ??= this.view.pg.save_text(); // nothing to keep until something changes
    // Not restored (a link or lesson came first): the save is our own past, not another tab's.
    if (!this.known) this.known = Number(parse(this.storedRaw())?.revision) || 0;
    this.save = this.save.bind(this);
    this.timer = setInterval(this.save, SAVE_EVERY_MS);
    this.onHide = () => { if (document.visibilityState === 'hidden') this.save(); };
    document.addEventListener('visibilitychange', this.onHide);
    window.addEventListener('pagehide', this.save);
    this.onStorage = (e) => { if (e.key === this.key) this.heard(parse(e.newValue)); };
    window.addEventListener('storage', this.onStorage);
  }

  stop() {
    live.delete(this.key);
    clearInterval(this.timer);
    this.timer = 0;
    document.removeEventListener('visibilitychange', this.onHide);
    window.removeEventListener('pagehide', this.save);
    window.removeEventListener('storage', this.onStorage);
  }

  /** Another tab saved `record` (or removed the save: null). */
  heard(record) {
    if (!record || (Number(record.revision) || 0) <= this.known) return;
    if (record.scene === this.view.pg.save_text()) {
      this.known = Number(record.revision);
      this.last = record.scene;
      return;
    }
    this.ask();
  }

  save() {
    const { view } = this;
    if (!this.timer || view.stopped || this.conflict) return; // not started, stopped, or waiting for a choice
    if (view.pg.lesson_name()) return; // a lesson keeps no saved state: free play's stays as it was
    const text = view.pg.save_text();
    if (text === this.last) return;
    let stored;
    try {
      stored = parse(localStorage.getItem(this.key));
    } catch {
      this.problem(view.t.saving_blocked);
      return;
    }
    if (stored && (Number(stored.revision) || 0) > this.known) {
      if (stored.scene !== text) return this.ask();
      this.known = Number(stored.revision);
    }
    const revision = Math.max(this.known, Number(stored?.revision) || 0) + 1;
    let removed;
    try {
      const record = { version: 1, scene: text, link: view.pg.scene_text(), revision, tab: this.tab, saved: Date.now() };
      removed = write(this.key, JSON.stringify(record));
    } catch (e) {
      removed = isFull(e) ? null : undefined;
    }
    if (!removed) {
      this.problem(removed === null ? view.t.saving_full : view.t.saving_refused);
      return;
    }
    this.known = revision;
    this.last = text;
    if (this.box?.dataset.kind === 'problem') {
      this.show(null);
      view.note(view.t.saved_again);
    }
    if (removed.length) {
      const keys = removed.map((k) => `'${k.slice(0, 40)}'`).join(', ');
      view.note(view.say(removed.length === 1 ? view.t.saving_removed_one : view.t.saving_removed_many, { count: removed.length, keys }));
    }
  }

  /** Says why the scene is not saved, with a download of it. */
  problem(text) {
    this.show(text, 'problem', [[this.view.t.saving_download, () => this.download()]]);
  }

  /** Another tab saved a different scene under the same key: the user chooses. */
  ask() {
    this.conflict = true;
    const { t } = this.view;
    this.show(t.saving_conflict, 'conflict', [
      [t.saving_keep_this, () => {
        this.known = Math.max(this.known, Number(parse(localStorage.getItem(this.key))?.revision) || 0);
        this.conflict = false;
        this.last = null;
        this.show(null);
        this.save();
      }],
      [t.saving_load_other, () => {
        const record = parse(localStorage.getItem(this.key));
        this.conflict = false;
        this.show(null);
        if (!record) return;
        this.known = Number(record.revision) || 0;
        if (this.view.loadText(record.scene, 'other_tab_unreadable')) this.last = this.view.pg.save_text();
      }],
      [t.saving_download_this, () => this.download()],
    ]);
  }

  /** The scene as a file: the link that opens it. */
  download() {
    this.view.download('descent-scene.txt', new Blob([`${this.view.link()}\n`], { type: 'text/plain' }));
  }

  /** Shows a message with buttons under the playground's note (null: none). */
  show(text, kind, actions = []) {
    if (text === null) {
      this.box?.remove();
      this.box = null;
      return;
    }
    if (!this.box) {
      this.box = document.createElement('p');
      this.box.className = 'note';
      this.box.setAttribute('role', 'alert');
      this.view.$('note').parentElement.after(this.box);
    }
    if (this.box.dataset.kind === kind && this.box.firstChild?.textContent === text) return;
    this.box.dataset.kind = kind;
    const words = document.createElement('span');
    words.className = 'save-message';
    words.textContent = text;
    this.box.replaceChildren(words, ...actions.map(([label, fn]) => {
      const b = document.createElement('button');
      b.textContent = label;
      b.addEventListener('click', fn);
      return b;
    }));
  }
}
