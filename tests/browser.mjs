// Shared setup for the end-to-end tests: serve dist/ on a free loopback port
// and drive Debian's Chromium with playwright-core.
import { chromium } from 'playwright-core';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { serve } from '../scripts/serve.mjs';
import { SEEN } from './seen.mjs';

export const OUTPUT = new URL('./output/', import.meta.url).pathname;
mkdirSync(OUTPUT, { recursive: true });

export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
// As root Chromium needs --no-sandbox; the rest keep it off this machine's closed network.
export const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/**
 * Installed in every test page: `$q(selector, host)` finds an element in the
 * page or inside a playground's shadow root (the first <descent-playground>,
 * or the one matching `host`); `$all(selector)` finds them everywhere.
 */
export const DEEP_QUERY = `
  window.$q = (selector, host = 'descent-playground') => document.querySelector(selector)
    ?? document.querySelector(host)?.shadowRoot?.querySelector(selector) ?? null;
  window.$all = (selector) => [document, ...[...document.querySelectorAll('descent-playground')].map((h) => h.shadowRoot)]
    .flatMap((root) => (root ? [...root.querySelectorAll(selector)] : []));
${SEEN}
`;

export async function start() {
  const server = await serve(new URL('../dist/', import.meta.url).pathname, 0);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  const base = `http://127.0.0.1:${server.address().port}/`;
  return {
    base,
    browser,
    /**
     * A page of `path`, once drawn; `init`: scripts run in it before its own;
     * `device`: more of the browser's page options (a pixel ratio, touch).
     * Its logged errors: `page.errors`.
     */
    async page(path = 'index.html', viewport = { width: 1280, height: 800 }, init = [], device = {}) {
      const page = await browser.newPage({ viewport, ...device });
      const errors = [];
      page.on('pageerror', (e) => errors.push(e.message));
      page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
      page.errors = errors;
      await page.addInitScript(DEEP_QUERY);
      for (const script of init) await page.addInitScript(script);
      await page.goto(base + path);
      await page.waitForFunction(() => window.descent !== undefined);
      // A playground is shown once its stylesheet is in; before that its layout
      // is not final, and a click could land where a control will not be.
      await page.waitForFunction(() => [...document.querySelectorAll('descent-playground')]
        .every((el) => el.shadowRoot?.querySelector('.playground')?.hidden === false));
      // And the first playground has been drawn once (before that, its data
      // canvas is a blank 300×150).
      await page.waitForFunction(() => document.querySelector('descent-playground').handle?.view.drawnOnce);
      return page;
    },
    /** Opens a fresh page, runs `body`, checks the page logged no errors, closes it. */
    async withPage(body, viewport) {
      const page = await this.page('index.html', viewport);
      try {
        await body(page);
        await frames(page);
        assert.deepEqual(page.errors, [], 'the page logged errors');
      } finally {
        await page.close();
      }
    },
    async stop() {
      await browser.close();
      server.close();
    },
  };
}

// ---- Helpers for looking at what the page shows. Coordinates are CSS pixels
// from the top-left of an element's border box; canvases are read in their
// backing store, scaled by canvas.width / canvas.clientWidth.

/** Waits until the page has drawn `n` more animation frames. */
export async function frames(page, n = 2) {
  await page.evaluate((n) => new Promise((ok) => {
    let k = 0;
    const tick = () => (++k >= n ? ok() : requestAnimationFrame(tick));
    requestAnimationFrame(tick);
  }), n);
}

/**
 * Scrolls the first playground's diagram into view and waits until it has
 * been drawn there (off screen it is not drawn).
 */
export async function diagramInView(page) {
  await page.locator('#network').scrollIntoViewIfNeeded();
  await page.waitForFunction(() => 'network diagram' in window.descent.render_timings());
}

/** Page coordinates of CSS pixel (x, y) of the element `selector`. */
export async function pageXY(page, selector, x, y) {
  const box = await page.locator(selector).boundingBox();
  return { x: box.x + x, y: box.y + y };
}

/** Clicks CSS pixel (x, y) of the element, like a person with a mouse. */
export async function clickAt(page, selector, x, y, { button = 'left', shift = false } = {}) {
  await page.locator(selector).scrollIntoViewIfNeeded(); // a person scrolls to what they click
  const p = await pageXY(page, selector, x, y);
  if (shift) await page.keyboard.down('Shift');
  await page.mouse.click(p.x, p.y, { button });
  if (shift) await page.keyboard.up('Shift');
}

/**
 * How many canvas pixels within `radius` CSS pixels of (x, y) are within
 * `tolerance` (Euclidean, in RGB) of the colour `rgb`.
 */
export async function colourCount(page, selector, x, y, rgb, { radius = 6, tolerance = 45 } = {}) {
  return page.evaluate(({ selector, x, y, rgb, radius, tolerance }) => {
    const c = $q(selector);
    const s = c.width / c.clientWidth;
    const [cx, cy, r] = [x * s, y * s, radius * s];
    const x0 = Math.max(0, Math.floor(cx - r));
    const y0 = Math.max(0, Math.floor(cy - r));
    const w = Math.min(c.width, Math.ceil(cx + r)) - x0;
    const h = Math.min(c.height, Math.ceil(cy + r)) - y0;
    const d = $seen(c).getContext('2d').getImageData(x0, y0, w, h).data;
    let n = 0;
    for (let j = 0; j < h; j++) {
      for (let i = 0; i < w; i++) {
        if ((x0 + i + 0.5 - cx) ** 2 + (y0 + j + 0.5 - cy) ** 2 > r * r) continue;
        const k = 4 * (j * w + i);
        const dist = Math.hypot(d[k] - rgb[0], d[k + 1] - rgb[1], d[k + 2] - rgb[2]);
        if (dist <= tolerance) n++;
      }
    }
    return n;
  }, { selector, x, y, rgb, radius, tolerance });
}

/** Keeps a copy of a canvas's pixels inside the page; returns its handle. */
export async function grab(page, selector) {
  return page.evaluate((selector) => {
    const c = $q(selector);
    const pixels = $seen(c).getContext('2d').getImageData(0, 0, c.width, c.height).data;
    window.__grabs ??= [];
    window.__grabs.push(pixels);
    return window.__grabs.length - 1;
  }, selector);
}

/** The fraction of pixels whose colour differs by more than `threshold` in some channel. */
export async function changedFraction(page, a, b, threshold = 12) {
  return page.evaluate(({ a, b, threshold }) => {
    const [p, q] = [window.__grabs[a], window.__grabs[b]];
    if (p.length !== q.length) return 1;
    let changed = 0;
    for (let k = 0; k < p.length; k += 4) {
      if (Math.abs(p[k] - q[k]) > threshold || Math.abs(p[k + 1] - q[k + 1]) > threshold
        || Math.abs(p[k + 2] - q[k + 2]) > threshold) changed++;
    }
    return changed / (p.length / 4);
  }, { a, b, threshold });
}

/** The number shown in an element's text ("1,234" counts as 1234; "–" as NaN). */
export async function shownNumber(page, selector) {
  const text = (await page.locator(selector).textContent()).trim();
  return Number(text.replace(/,/g, '').replace(/%$/, ''));
}
