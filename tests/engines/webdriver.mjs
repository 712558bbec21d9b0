// A small W3C WebDriver client on Node's own fetch: the commands the
// cross-engine tests need, for geckodriver (Firefox), WebKitWebDriver
// (WebKitGTK's MiniBrowser) and chromedriver alike. Spec:
// https://www.w3.org/TR/webdriver2/
import { setTimeout as sleep } from 'node:timers/promises';

/** The key under which WebDriver passes an element reference. */
export const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf';

/** WebDriver's codes for the keys a student presses (the spec's key table). */
export const KEY = {
  Shift: '\uE008', Control: '\uE009', Enter: '\uE007', Tab: '\uE004', Backspace: '\uE003',
  Delete: '\uE017', Escape: '\uE00C', Space: '\uE00D',
  ArrowLeft: '\uE012', ArrowUp: '\uE013', ArrowRight: '\uE014', ArrowDown: '\uE015',
};

/** Said in an error when the browser's page process died under the command (see `crashed`). */
const PAGE_CRASHED = 'the page process crashed';

/** Whether `error` (or one that quotes its message) says the browser's page process died. */
export const crashed = (error) => new RegExp(`${PAGE_CRASHED}|page crash or hang`).test(String(error?.message));

export class WebDriverError extends Error {
  constructor(command, value) {
    super(`${command}: ${value?.error ?? 'error'}: ${value?.message ?? JSON.stringify(value)}`);
    this.code = value?.error;
  }
}

/** One HTTP command; gives the response's `value` or throws its error. */
async function command(base, method, path, body) {
  const response = await fetch(base + path, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json; charset=utf-8' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let parsed;
  try { parsed = JSON.parse(text); } catch { parsed = { value: { error: `HTTP ${response.status}`, message: text.slice(0, 300) } }; }
  if (!response.ok || parsed.value?.error) throw new WebDriverError(`${method} ${path}`, parsed.value);
  return parsed.value;
}

/** Waits until the driver at `base` answers /status as ready. */
export async function waitForDriver(base, timeoutMs = 30_000) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    try {
      const status = await command(base, 'GET', 'status');
      if (status.ready !== false) return;
    } catch (e) {
      if (Date.now() > end) throw new Error(`the WebDriver at ${base} did not start: ${e.message}`);
    }
    await sleep(100);
  }
}

/** A browser session. `base` is the driver's URL, ending in a slash. */
export class Session {
  static async create(base, capabilities) {
    const value = await command(base, 'POST', 'session', { capabilities: { alwaysMatch: capabilities } });
    return new Session(base, value.sessionId, value.capabilities);
  }

  constructor(base, id, capabilities) {
    this.base = base;
    this.id = id;
    this.capabilities = capabilities;
  }

  async cmd(method, path, body) {
    try {
      return await command(this.base, method, `session/${this.id}${path}`, body);
    } catch (e) {
      // WebKitWebDriver's first word of a page process that died under a
      // script; it deletes the session a moment later.
      if (/Could not parse script result/.test(e.message) && await this.deleted()) e.message += ` (${PAGE_CRASHED})`;
      throw e;
    }
  }

  /** Whether the driver has deleted this session, or does within two seconds. */
  async deleted() {
    for (let i = 0; i < 20; i++) {
      const gone = await command(this.base, 'GET', `session/${this.id}/url`).then(() => false, (e) => e.code === 'invalid session id');
      if (gone) return true;
      await sleep(100);
    }
    return false;
  }

  delete() { return this.cmd('DELETE', ''); }
  timeouts(t) { return this.cmd('POST', '/timeouts', t); }
  navigate(url) { return this.cmd('POST', '/url', { url }); }
  url() { return this.cmd('GET', '/url'); }
  setWindowRect(rect) { return this.cmd('POST', '/window/rect', rect); }

  /** Runs `script` (a function's body; `arguments[i]` are `args`) and gives its return value. */
  execute(script, ...args) { return this.cmd('POST', '/execute/sync', { script, args }); }

  /** Like execute, but the body calls `arguments[arguments.length - 1](value)` to return. */
  executeAsync(script, ...args) { return this.cmd('POST', '/execute/async', { script, args }); }

  /** Awaits the promise an expression gives, and returns its value (or throws its error). */
  async evaluate(expression, ...args) {
    const result = await this.executeAsync(`const done = arguments[arguments.length - 1];
      const args = Array.prototype.slice.call(arguments, 0, -1);
      Promise.resolve().then(() => (${expression})(...args))
        .then((value) => done({ value }), (e) => done({ error: String(e && e.message || e) }));`, ...args);
    if (result && 'error' in result) throw new Error(`in the page: ${result.error}`);
    return result?.value;
  }

  /** The first element matching a CSS selector in the document (not inside shadow roots). */
  find(selector) { return this.cmd('POST', '/element', { using: 'css selector', value: selector }); }

  click(element) { return this.cmd('POST', `/element/${element[ELEMENT]}/click`, {}); }
  sendKeys(element, text) { return this.cmd('POST', `/element/${element[ELEMENT]}/value`, { text }); }
  clear(element) { return this.cmd('POST', `/element/${element[ELEMENT]}/clear`, {}); }

  /** Switches into an <iframe> (an element), or back to the top with null. */
  frame(element) { return this.cmd('POST', '/frame', { id: element }); }

  /** Input sources ticking together: see `pointer` and `keys` below. */
  perform(actions) { return this.cmd('POST', '/actions', { actions }); }
  releaseActions() { return this.cmd('DELETE', '/actions'); }

  /** A PNG of the viewport, as a Buffer. */
  async screenshot() { return Buffer.from(await this.cmd('GET', '/screenshot'), 'base64'); }
}

/** A pointer's actions (`type`: mouse, touch or pen), in viewport CSS pixels. */
export function pointer(type, steps, id = type) {
  const actions = steps.flatMap((s) => {
    switch (s.do) {
      // From the viewport's corner, or (`origin`, an element) from the centre of the element's visible part.
      case 'move': return [{ type: 'pointerMove', x: Math.round(s.x), y: Math.round(s.y), duration: s.duration ?? 0, origin: s.origin ?? 'viewport' }];
      case 'down': return [{ type: 'pointerDown', button: s.button ?? 0 }];
      case 'up': return [{ type: 'pointerUp', button: s.button ?? 0 }];
      case 'pause': return [{ type: 'pause', duration: s.duration }];
      default: throw new Error(`no pointer step ${s.do}`);
    }
  });
  return { type: 'pointer', id, parameters: { pointerType: type }, actions };
}

/** Key presses: `['down', KEY.Shift]`, `['up', KEY.Shift]`, or `['pause', 0]` to line up with a pointer's tick. */
export function keys(steps, id = 'keyboard') {
  return {
    type: 'key',
    id,
    actions: steps.map(([kind, value]) => (kind === 'pause' ? { type: 'pause', duration: value } : { type: kind === 'down' ? 'keyDown' : 'keyUp', value })),
  };
}
