// End-to-end tests of the page under the restrictions a course site may
// impose: a strict Content-Security-Policy, and a sandboxed iframe.
// Run: node --test --test-concurrency=1 tests/
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, frames, DEEP_QUERY, OUTPUT } from './browser.mjs';

const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";

let browser;
before(async () => { browser = await start(); });
after(async () => { await browser?.stop(); });

/** Fraction of the data canvas that is not plain white: the field is drawn. */
const painted = (frame) => frame.evaluate(() => {
  const c = $q('#data');
  const d = $seen(c).getContext('2d').getImageData(0, 0, c.width, c.height).data;
  let coloured = 0;
  for (let k = 0; k < d.length; k += 4) if (d[k] < 240 || d[k + 1] < 240 || d[k + 2] < 240) coloured++;
  return coloured / (d.length / 4);
});

/** Opens the page with the CSP header on every response; collects violations. */
async function pageUnderCsp() {
  const page = await browser.browser.newPage();
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(e.message));
  await page.route('**/*', async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, headers: { ...response.headers(), 'content-security-policy': CSP } });
  });
  await page.addInitScript(DEEP_QUERY);
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(
      `${e.violatedDirective} ${e.sourceFile.replace(/^.*\//, '')}:${e.lineNumber}`,
    ));
  });
  await page.goto(`${browser.base}index.html`);
  await page.waitForFunction(() => window.descent !== undefined);
  return page;
}

test('under a strict Content-Security-Policy the page loads, trains and draws', async () => {
  const page = await pageUnderCsp();
  await page.click('#play');
  await page.waitForFunction(() => Number($q('#epoch').textContent) >= 20, null, { timeout: 20_000 });
  await page.click('#play');
  await frames(page);
  assert.ok(await painted(page) > 0.5, 'the colour field is drawn');
  const violations = await page.evaluate(() => window.__violations);
  assert.deepEqual(violations.filter((v) => !v.startsWith('style-src-attr')), [], 'no script, wasm or other violations');
  assert.deepEqual(page.errors, []);
  await page.close();
});

// The charts' text is drawn by the canvas, not measured in a styled <span>
// (which style-src 'self' would block): nothing may be blocked.
test('under a strict Content-Security-Policy nothing is blocked at all', async () => {
  const page = await pageUnderCsp();
  await page.click('#step-epoch'); // loss and activation charts drawn with their labels
  await frames(page, 5);
  // The code export's module, fetched on first use, is the page's own too.
  await page.click('#show-code');
  await page.waitForFunction(() => /^import tensorflow/m.test($q('#code').textContent));
  assert.deepEqual([...new Set(await page.evaluate(() => window.__violations))], []);
  await page.close();
});

test('the page works inside <iframe sandbox="allow-scripts">', async () => {
  const page = await browser.browser.newPage();
  await page.addInitScript(DEEP_QUERY);
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.setContent(`<!doctype html><title>course page</title>
    <p>Lecture 1, part 3:</p>
    <iframe sandbox="allow-scripts" src="${browser.base}index.html" width="1280" height="900"></iframe>`);
  const frame = await (await page.waitForSelector('iframe')).contentFrame();
  await frame.waitForFunction(() => window.descent !== undefined, null, { timeout: 20_000 });
  await frame.click('#step-epoch');
  await frame.click('#step-epoch');
  await frame.waitForFunction(() => $q('#epoch').textContent === '2');
  assert.ok(await painted(frame) > 0.5, 'the colour field is drawn');
  assert.equal(await frame.evaluate(() => window.origin), 'null', 'the frame really is sandboxed');
  assert.deepEqual(errors, []);
  await page.close();
});

// ---- The iframe form sizes itself; the small size fits a 700×560 column.

/** A course page with a column `width` px wide holding the builder's iframe snippet for `options`. */
async function framedPage(options, width, { listener = true } = {}) {
  const { iframeSnippet } = await import('../www/snippets.js');
  const page = await browser.browser.newPage({ viewport: { width: width + 40, height: 900 } });
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(e.message));
  let html = iframeSnippet(options, browser.base);
  if (!listener) html = html.replace(/<script>[\s\S]*<\/script>/, '');
  await page.route(`${browser.base}column.html`, (route) => route.fulfill({
    contentType: 'text/html',
    body: `<!doctype html><meta charset="utf-8"><title>course</title><body style="margin: 20px"><div style="width: ${width}px">${html}</div><p>The lecture goes on.</p>`,
  }));
  await page.goto(`${browser.base}column.html`);
  const frame = await (await page.waitForSelector('iframe.descent')).contentFrame();
  await frame.waitForFunction(() => window.descent
    && document.querySelector('descent-playground').shadowRoot.querySelector('.playground').hidden === false, null, { timeout: 20_000 });
  return { page, frame };
}

/** The iframe's height once it has held still for half a second. */
async function settledHeight(page) {
  let last = -1;
  for (let i = 0; i < 40; i++) {
    const height = await page.evaluate(() => document.querySelector('iframe.descent').getBoundingClientRect().height);
    if (height === last) return height;
    last = height;
    await page.waitForTimeout(500);
  }
  throw new Error(`the iframe's height never settled (last ${last})`);
}

/** Inside the frame: the playground's height (its bottom), and whether the frame scrolls. */
const inside = (frame) => frame.evaluate(() => ({
  content: document.querySelector('descent-playground').getBoundingClientRect().bottom + scrollY,
  scrolls: document.documentElement.scrollHeight > document.documentElement.clientHeight,
}));

const FRAMED = [{}, { lesson: 'perceptron' }, { size: 'small' }, { size: 'medium', controls: 'run,learning-rate' }];

for (const width of [360, 700, 1200]) {
  test(`an iframe in a ${width}-px column sizes itself to its playground: no inner scrollbar, no gap`, async () => {
    for (const options of FRAMED) {
      const { page, frame } = await framedPage(options, width);
      const height = await settledHeight(page);
      const { content, scrolls } = await inside(frame);
      const what = `${JSON.stringify(options)} at ${width} px: frame ${height}, content ${content.toFixed(1)}`;
      console.log(what);
      assert.ok(!scrolls, `${what}: no inner scrollbar`);
      assert.ok(Math.abs(height - content) <= 1, `${what}: no gap`);
      assert.deepEqual(page.errors, []);
      if (width === 700 && options.lesson) await page.screenshot({ path: `${OUTPUT}iframe-700-perceptron.png`, fullPage: true });
      await page.close();
    }
  });
}

test('without the listener an iframe keeps the height the snippet gives it: enough for full at 1200 px, medium at 1000, small at 700', async () => {
  const { FRAME_HEIGHT } = await import('../www/snippets.js');
  const cases = [
    [1200, [{}, { lesson: 'perceptron' }, { lesson: 'learning-rate' }]],
    [1000, [{ size: 'medium' }, { size: 'medium', lesson: 'perceptron' }]],
    [700, [{ size: 'small' }, { size: 'small', controls: 'run,learning-rate' }]],
  ];
  for (const [width, list] of cases) {
    for (const options of list) {
      const { page, frame } = await framedPage(options, width, { listener: false });
      await frames(frame, 5);
      const { content, scrolls } = await inside(frame);
      const height = await page.evaluate(() => document.querySelector('iframe.descent').getBoundingClientRect().height);
      const what = `${JSON.stringify(options)} at ${width} px: frame ${height}, content ${content.toFixed(1)}`;
      console.log(what);
      assert.equal(height, FRAME_HEIGHT[options.size ?? 'full'], what);
      assert.ok(!scrolls && content <= height, `${what}: the playground fits`);
      await page.close();
    }
  }
});

/** A page with one `<descent-playground size="small">` (and `attrs`) in a column `width` px wide. */
async function smallPage(width, context, attrs = '') {
  const page = await context.newPage();
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(e.message));
  await page.route(`${browser.base}small.html`, (route) => route.fulfill({
    contentType: 'text/html',
    body: `<!doctype html><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>course</title>
      <script type="module" src="descent.js"></script><body style="margin: 0"><div style="width: ${width}px; max-width: 100%">
      <descent-playground size="small" ${attrs}></descent-playground></div>`,
  }));
  await page.goto(`${browser.base}small.html`);
  await page.waitForFunction(() => document.querySelector('descent-playground').handle
    && document.querySelector('descent-playground').shadowRoot.querySelector('.playground').hidden === false);
  await frames(page, 3);
  return page;
}

/** Where the run bar, the data canvas and the loss chart are, relative to the playground's top. */
const smallBoxes = (page) => page.evaluate(() => {
  const host = document.querySelector('descent-playground');
  const top = host.getBoundingClientRect().top;
  const box = (sel) => {
    const r = host.shadowRoot.querySelector(sel).getBoundingClientRect();
    return { top: r.top - top, bottom: r.bottom - top, left: r.left, right: r.right, width: r.width };
  };
  return { height: host.getBoundingClientRect().height, run: box('.runbar'), play: box('#play'), data: box('#data'), loss: box('#loss') };
});

test('size="small" holds the run controls, the data canvas and the loss chart in 700×560', async () => {
  const context = await browser.browser.newContext({ viewport: { width: 700, height: 560 } });
  for (const attrs of ['', 'caption="The circle: press play."', 'lesson="nonlinearity"']) {
    const page = await smallPage(700, context, attrs);
    const b = await smallBoxes(page);
    console.log(`small at 700 (${attrs || 'every control'}): height ${b.height}, data ${b.data.width} px wide`);
    assert.ok(b.height <= 560, `${attrs}: the playground is ${b.height} px tall`);
    for (const part of ['run', 'data', 'loss']) assert.ok(b[part].bottom <= 560 && b[part].right <= 700, `${attrs}: ${part} inside 700×560`);
    assert.ok(b.data.width >= 260, 'a data canvas large enough to place points on');
    if (!attrs) await page.screenshot({ path: `${OUTPUT}small-700x560.png` });
    assert.deepEqual(page.errors, []);
    await page.close();
  }
  await context.close();
});

test('size="small" on a phone: the run controls, the data canvas and the loss chart on the first screen, nothing sideways, taps add points', async () => {
  const phone = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true };
  for (const [name, options, attrs] of [
    ['small-1280', { viewport: { width: 1280, height: 800 } }, ''],
    ['small-dpr2', { viewport: { width: 1280, height: 800 }, deviceScaleFactor: 2 }, ''],
    // A phone with the run controls and the learning rate (what an embed shows)...
    ['small-phone', phone, 'controls="run,learning-rate"'],
    // ...and with every control: the run controls alone then take much of the screen.
    ['small-phone-every-control', phone, ''],
  ]) {
    const context = await browser.browser.newContext(options);
    const page = await smallPage(options.viewport.width > 700 ? 700 : options.viewport.width, context, attrs);
    const b = await smallBoxes(page);
    await page.screenshot({ path: `${OUTPUT}${name}.png` });
    const screen = options.viewport;
    const parts = name.endsWith('every-control') ? ['play', 'data'] : ['play', 'data', 'loss'];
    for (const part of parts) assert.ok(b[part].bottom <= screen.height && b[part].right <= screen.width, `${name}: ${part} on the first screen (${JSON.stringify(b[part])})`);
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth), `${name}: no sideways scrolling`);
    if (options.hasTouch) {
      const before = await page.evaluate(() => window.descent.status().points);
      const data = page.locator('descent-playground #data');
      const box = await data.boundingBox();
      await page.touchscreen.tap(box.x + box.width * 0.3, box.y + box.height * 0.3);
      await frames(page, 2);
      assert.equal(await page.evaluate(() => window.descent.status().points), before + 1, 'a tap adds a point');
    }
    assert.deepEqual(page.errors, []);
    await context.close();
  }
});

/**
 * Replaces the page's body with a block for each of `styles` (CSS text),
 * `width` px wide, holding a playground with `attributes`; resolves once
 * every one has drawn.
 */
async function playgroundsInBlocks(page, styles, { width, attributes }) {
  await page.evaluate(({ styles, width, attributes }) => {
    document.body.replaceChildren(...styles.map((style) => {
      const div = document.createElement('div');
      div.setAttribute('style', `${style}; width: ${width}px;`);
      div.innerHTML = `<descent-playground ${attributes}></descent-playground>`;
      return div;
    }));
  }, { styles, width, attributes });
  await page.waitForFunction((n) => [...document.querySelectorAll('descent-playground')].filter((p) => p.handle?.view.drawnOnce).length === n, styles.length);
}

/** The box on screen of element `id` of the `k`th playground, scrolled to the middle of the window. */
function boxInView(page, k, id) {
  return page.evaluate(({ k, id }) => {
    const el = document.querySelectorAll('descent-playground')[k].shadowRoot.getElementById(id);
    el.scrollIntoView({ block: 'center' });
    const r = el.getBoundingClientRect();
    return { x: r.x, y: r.y, width: r.width, height: r.height };
  }, { k, id });
}

// An LMS's page may style its body any way it likes; the text styles that
// inherit into the playground's shadow root stop at the element.
test("a course page's own text styles (size, weight, italics, capitals, spacing, pre, right to left) do not reach a playground", async () => {
  const page = await browser.page('index.html');
  const HOSTILE = 'font: italic 700 24px/3 serif; font-variant: small-caps; letter-spacing: 3px; word-spacing: 12px; '
    + 'text-transform: uppercase; text-indent: 40px; white-space: pre; direction: rtl; text-shadow: 1px 1px 2px blue; cursor: wait;';
  await playgroundsInBlocks(page, ['', HOSTILE], { width: 900, attributes: 'lesson="pass" size="medium"' });
  await frames(page);
  const seen = await page.evaluate(() => {
    const PROPS = ['fontSize', 'fontStyle', 'fontWeight', 'fontVariant', 'fontFamily', 'lineHeight', 'letterSpacing', 'wordSpacing',
      'textTransform', 'textIndent', 'whiteSpace', 'direction', 'textShadow', 'cursor'];
    const [plain, styled] = document.querySelectorAll('descent-playground');
    const read = (host) => {
      const out = { height: Math.round(host.getBoundingClientRect().height), wide: host.scrollWidth > host.clientWidth };
      for (const sel of ['.caption', '#play', '#epoch', '#learning-rate-value', 'h2', 'label', '#hover', '.confusion caption']) {
        const el = host.shadowRoot.querySelector(sel);
        if (!el) { out[sel] = 'missing'; continue; }
        const cs = getComputedStyle(el);
        out[sel] = Object.fromEntries(PROPS.map((p) => [p, cs[p]]));
      }
      return out;
    };
    return { plain: read(plain), styled: read(styled) };
  });
  for (const sel of Object.keys(seen.plain)) assert.notEqual(seen.plain[sel], 'missing', `${sel} is in the playground`);
  assert.deepEqual(seen.styled, seen.plain, 'the playground inside the styled block looks as the one inside a plain block');
  await page.close();
});

// A course site's style or an accessibility widget may zoom or scale the
// page: a click still adds the point under the pointer.
test('on a page zoomed (CSS zoom) or scaled (a transform), a click adds the point under the pointer', async () => {
  const page = await browser.page('index.html', { width: 1280, height: 900 });
  const STYLES = ['', 'zoom: 1.25', 'zoom: 0.8', 'transform: scale(0.8); transform-origin: 0 0'];
  await playgroundsInBlocks(page, STYLES, { width: 700, attributes: 'size="small"' });
  const placed = [];
  for (let k = 0; k < STYLES.length; k++) {
    await page.evaluate((k) => document.querySelectorAll('descent-playground')[k].shadowRoot.getElementById('clear').click(), k);
    const box = await boxInView(page, k, 'data');
    for (const [fx, fy] of [[0.5, 0.5], [0.2, 0.8], [0.9, 0.15]]) await page.mouse.click(box.x + fx * box.width, box.y + fy * box.height);
    await frames(page);
    placed.push(await page.evaluate((k) => JSON.parse(document.querySelectorAll('descent-playground')[k].handle.view.pg.points_json())
      .map((p) => [p.x1, p.x2].map((v) => Math.round(v * 10) / 10)), k));
  }
  assert.equal(placed[0].length, 3, 'three points placed on the page as it is');
  assert.ok(Math.abs(placed[0][0][0]) < 0.2 && Math.abs(placed[0][0][1]) < 0.2, `the middle of the canvas is the middle of the plane: ${placed[0][0]}`);
  for (let k = 1; k < STYLES.length; k++) {
    assert.deepEqual(placed[k], placed[0], `with ${STYLES[k]} the points are where the same clicks put them on the page as it is`);
  }
  await page.close();
});

// The landscape's surface turns by the drag's length in its own pixels: on
// a zoomed or scaled page, a drag across the same part of it turns it as far.
test('on a page zoomed or scaled, dragging across the 3-D landscape turns it as far as on the page as it is', async () => {
  const page = await browser.page('index.html', { width: 1280, height: 900 });
  const STYLES = ['', 'zoom: 1.25', 'transform: scale(0.8); transform-origin: 0 0'];
  await playgroundsInBlocks(page, STYLES, { width: 900, attributes: 'lesson="landscape" size="medium"' });
  const turns = [];
  for (let k = 0; k < STYLES.length; k++) {
    const box = await boxInView(page, k, 'surface-canvas');
    const camera = () => page.evaluate((k) => document.querySelectorAll('descent-playground')[k].handle.view.pg.turn_surface(0, 0), k);
    const before = await camera();
    await page.mouse.move(box.x + 0.3 * box.width, box.y + 0.5 * box.height);
    await page.mouse.down();
    await page.mouse.move(box.x + 0.6 * box.width, box.y + 0.6 * box.height, { steps: 4 });
    await page.mouse.up();
    const after = await camera();
    // The yaw wraps around a whole turn; its change is taken the short way.
    const yaw = ((after[0] - before[0]) % (2 * Math.PI) + 3 * Math.PI) % (2 * Math.PI) - Math.PI;
    turns.push([yaw, after[1] - before[1]]);
  }
  assert.ok(Math.abs(turns[0][0]) > 0.1, `the drag turns the surface on the page as it is: ${turns[0]}`);
  for (let k = 1; k < STYLES.length; k++) {
    for (const i of [0, 1]) {
      assert.ok(Math.abs(turns[k][i] - turns[0][i]) < 0.01,
        `with ${STYLES[k]} the same drag turns it as far (yaw, pitch): ${turns[k]} against ${turns[0]}`);
    }
  }
  await page.close();
});
