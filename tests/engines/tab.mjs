// A browser window on the built page, driven over WebDriver the way a
// student drives it: pointer clicks at what they see, keys, taps. Elements
// are named by CSS selector, looked up in the page or in the first
// playground's shadow root (or the host's, with `host`).
import { setTimeout as sleep } from 'node:timers/promises';
import { ELEMENT, KEY, pointer, keys, crashed } from './webdriver.mjs';
import { SEEN } from '../seen.mjs';

/** Installed after each navigation: lookups across shadow roots, and the page's errors. */
const HELPERS = `
  window.$q = (selector, host) => document.querySelector(selector)
    ?? document.querySelector(host ?? 'descent-playground')?.shadowRoot?.querySelector(selector) ?? null;
${SEEN}
  if (!window.__errors) {
    window.__errors = [];
    // Where it came from too, when the engine tells (an error hidden by an origin says "Script error." alone).
    window.addEventListener('error', (e) => window.__errors.push(e.filename ? e.message + ' (' + e.filename.split('/').pop() + ':' + e.lineno + ')' : String(e.message)));
    window.addEventListener('unhandledrejection', (e) => window.__errors.push(String(e.reason && e.reason.message || e.reason)));
    const error = console.error.bind(console);
    console.error = (...a) => { window.__errors.push(a.map(String).join(' ')); error(...a); };
    // What the page says it does instead (a worker that could not paint or stamp), and the rings sent to the worker.
    window.__warnings = [];
    const warn = console.warn.bind(console);
    console.warn = (...a) => { window.__warnings.push(a.map(String).join(' ')); warn(...a); };
    window.__ringsSent = 0;
    const post = Worker.prototype.postMessage;
    Worker.prototype.postMessage = function (message, transfer) {
      if (message && message.rings) window.__ringsSent++;
      return post.call(this, message, transfer);
    };
  }
`;

export class Tab {
  constructor(session, base, engine) {
    this.session = session;
    this.base = base;
    this.engine = engine;
  }

  /** Runs `fn(...args)` in the page (after the helpers) and gives what it returns (awaited). */
  run(fn, ...args) {
    return this.session.evaluate(`(...a) => { ${HELPERS}; return (${fn})(...a); }`, ...args);
  }

  /**
   * Waits until `fn(...args)` in the page is truthy; gives its value. A
   * wait that times out says what the page logged, which is most often why.
   */
  async waitFor(fn, args = [], { timeout = 30_000, what = String(fn) } = {}) {
    const end = Date.now() + timeout;
    for (;;) {
      let value;
      let failed;
      try { value = await this.run(fn, ...args); } catch (e) { failed = e; }
      if (value) return value;
      if (crashed(failed)) throw failed; // no page to wait for
      if (Date.now() > end) {
        const logged = await this.errors().catch((e) => `(unreadable: ${e.message})`);
        const why = failed ? `: ${failed.message}` : '';
        throw new Error(`${this.engine}: timed out waiting for ${what}${why}; the page's errors: ${JSON.stringify(logged)}`);
      }
      await sleep(50);
    }
  }

  /**
   * Opens `path` and waits for its playgrounds to be shown; a page whose
   * module fails to load in this engine fails here, with the page's errors.
   */
  async open(path = 'index.html', { playgrounds = true } = {}) {
    await this.session.navigate(this.base + path);
    await this.run(() => true);
    if (!playgrounds) return;
    try {
      await this.waitFor(() => window.descent !== undefined
        && [...document.querySelectorAll('descent-playground')]
          .every((el) => el.shadowRoot?.querySelector('.playground')?.hidden === false),
      [], { what: `the playgrounds of ${path} to load` });
    } catch (e) {
      // A module that failed to load did so before the helpers listened; importing it again gives its error.
      const module = await this.session.evaluate('() => import(new URL("descent.js", location.href)).then(() => "importing descent.js again succeeds", (e) => "importing descent.js again: " + e)')
        .catch((err) => err.message);
      throw new Error(`${e.message}; the page's errors: ${JSON.stringify(await this.errors())}; ${module}`);
    }
    await this.frames();
  }

  /** The errors the page logged since it was opened. */
  errors() { return this.run(() => window.__errors); }

  /** Waits until the page has drawn `n` more animation frames. */
  frames(n = 2) {
    return this.run((n) => new Promise((ok) => {
      let k = 0;
      const tick = () => (++k >= n ? ok() : requestAnimationFrame(tick));
      requestAnimationFrame(tick);
    }), n);
  }

  /** The element's box in viewport CSS px, scrolled into view first, as a person would. */
  box(selector, host) {
    return this.run((selector, host) => {
      const el = $q(selector, host);
      if (!el) throw new Error(`no element ${selector}`);
      const r0 = el.getBoundingClientRect();
      if (r0.top < 0 || r0.bottom > innerHeight || r0.left < 0 || r0.right > innerWidth) el.scrollIntoView({ block: 'center' });
      const r = el.getBoundingClientRect();
      return { x: r.left, y: r.top, width: r.width, height: r.height };
    }, selector, host);
  }

  /**
   * Where CSS pixel (x, y) of the element is, as a pointer move from the
   * element's centre (the driver scrolls it into view and adds the scroll;
   * WebKitGTK's driver misplaces moves from the viewport on a scrolled page).
   */
  async at(selector, x, y, host) {
    const b = await this.box(selector, host);
    const origin = await this.element(selector, host);
    return { origin, x: (x ?? b.width / 2) - b.width / 2, y: (y ?? b.height / 2) - b.height / 2 };
  }

  /** Clicks CSS pixel (x, y) of the element (its centre by default) with the mouse. */
  async click(selector, { x, y, button = 0, shift = false, host } = {}) {
    const at = await this.at(selector, x, y, host);
    const mouse = pointer('mouse', [{ do: 'move', ...at }, { do: 'down', button }, { do: 'up', button }]);
    const actions = [mouse];
    if (shift) actions.push(keys([['down', KEY.Shift], ['pause', 0], ['pause', 0], ['up', KEY.Shift]]));
    await this.session.perform(actions);
    await this.session.releaseActions();
  }

  /** Drags with the mouse from (x0, y0) to (x1, y1), CSS px of the element. */
  async drag(selector, [x0, y0], [x1, y1]) {
    const { origin, x, y } = await this.at(selector, x0, y0);
    const steps = [{ do: 'move', origin, x, y }, { do: 'down' }];
    for (let i = 1; i <= 5; i++) steps.push({ do: 'move', origin, x: x + ((x1 - x0) * i) / 5, y: y + ((y1 - y0) * i) / 5, duration: 20 });
    steps.push({ do: 'up' });
    await this.session.perform([pointer('mouse', steps)]);
    await this.session.releaseActions();
  }

  /** A finger on CSS pixel (x, y) of the element for `ms`, then lifted. */
  async touch(selector, x, y, ms = 50) {
    const at = await this.at(selector, x, y);
    await this.session.perform([pointer('touch', [{ do: 'move', ...at }, { do: 'down' }, { do: 'pause', duration: ms }, { do: 'up' }], 'finger')]);
    await this.session.releaseActions();
  }

  /** Keys typed into whatever has the focus (WebDriver's codes from KEY, or text). */
  async press(...sequence) {
    const steps = [];
    for (const k of sequence) for (const c of k) steps.push(['down', c], ['up', c]);
    await this.session.perform([keys(steps)]);
    await this.session.releaseActions();
  }

  /** A reference to the element, for WebDriver's element commands. */
  element(selector, host) {
    return this.run((selector, host) => $q(selector, host), selector, host).then((el) => {
      if (!el || !el[ELEMENT]) throw new Error(`no element ${selector}`);
      return el;
    });
  }

  /** Chooses an option of a <select> as a person does: opens it and clicks the option. */
  async choose(selector, value) {
    const option = await this.run((selector, value) => [...$q(selector).options].find((o) => o.value === value) ?? null, selector, value);
    if (!option) throw new Error(`${selector} has no option ${value}`);
    await this.session.click(option);
    await this.waitFor((selector, value) => $q(selector).value === value, [selector, value], { timeout: 5000, what: `${selector} to show ${value}` });
  }

  /** Clicks into a field, selects all its text (Ctrl+A), types `text` over it, then Tab. */
  async type(selector, text) {
    await this.click(selector, { x: 4 });
    await this.session.perform([keys([['down', KEY.Control], ['down', 'a'], ['up', 'a'], ['up', KEY.Control],
      ...[...text].flatMap((c) => [['down', c], ['up', c]]), ['down', KEY.Tab], ['up', KEY.Tab]])]);
    await this.session.releaseActions();
  }

  text(selector, host) { return this.run((s, h) => $q(s, h)?.textContent.trim() ?? null, selector, host); }
  visible(selector, host) {
    return this.run((s, h) => { const el = $q(s, h); return Boolean(el && el.getClientRects().length && getComputedStyle(el).visibility !== 'hidden'); }, selector, host);
  }

  /** The number an element shows ("1,234" → 1234, "12%" → 12). */
  async number(selector, host) { return Number((await this.text(selector, host)).replace(/,/g, '').replace(/%$/, '')); }

  /** A setting as the playground has it. */
  get(name) { return this.run((n) => window.descent.get(n), name); }
  status() { return this.run(() => window.descent.status()); }

  screenshot() { return this.session.screenshot(); }
}
