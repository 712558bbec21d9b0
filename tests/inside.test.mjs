// End-to-end tests of the views inside the training: the learning-rate
// schedule (its menu, its chart under the loss chart, its link) and the
// hidden space (a hidden layer's view of the input grid, read in pixels),
// at 1280×800, at pixel ratio 2 and on a phone.
// Run: node --test --test-concurrency=1 tests/inside.test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, OUTPUT, frames, colourCount, grab, changedFraction } from './browser.mjs';

let browser;
before(async () => { browser = await start(); });
after(async () => { await browser?.stop(); });

/** Trains `n` epochs through the element's handle and lets the page draw. */
async function train(page, n) {
  await page.evaluate((n) => document.getElementById('main').handle.step(n), n);
  await frames(page, 3);
}

/** Pixels of a canvas within `tolerance` of `rgb`, over the whole canvas. */
async function pixelsLike(page, selector, rgb, tolerance = 40) {
  return page.evaluate(({ selector, rgb, tolerance }) => {
    const c = $q(selector);
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let k = 0; k < d.length; k += 4) {
      if (Math.hypot(d[k] - rgb[0], d[k + 1] - rgb[1], d[k + 2] - rgb[2]) <= tolerance) n++;
    }
    return n;
  }, { selector, rgb, tolerance });
}

/** The grid's line colours over white (75% opaque), and the rate's purple. */
const X1_LINE = [94, 124, 184];
const X2_LINE = [214, 146, 79];
const RATE = [130, 70, 180];

test('a schedule: chosen from its menu, drawn under the loss chart, kept by the link', () => browser.withPage(async (page) => {
  assert.ok(await page.locator('#rate-chart').isHidden(), 'no rate chart while the rate is constant');
  const offered = await page.locator('#schedule option').evaluateAll((os) => os.map((o) => o.value));
  assert.deepEqual(offered, ['constant', 'step', 'exponential', 'cosine', 'one-cycle']);
  await page.locator('#schedule').selectOption('cosine');
  await page.locator('#schedule-epochs').fill('20');
  await page.locator('#schedule-epochs').dispatchEvent('change');
  await frames(page, 3);
  assert.equal(await page.evaluate(() => window.descent.get('schedule')), 'cosine');
  assert.equal(await page.evaluate(() => window.descent.get('schedule-epochs')), '20');
  assert.ok(await page.locator('#rate-chart').isVisible(), 'the rate chart shows with a schedule');
  const purple = await pixelsLike(page, '#rate-chart', RATE);
  assert.ok(purple > 50, `the rate's curve is drawn (${purple} purple pixels)`);
  // The curve falls: more of it in the chart's top-left than its top-right.
  const box = await page.locator('#rate-chart').boundingBox();
  const left = await colourCount(page, '#rate-chart', box.width * 0.12, 20, RATE, { radius: 14 });
  const right = await colourCount(page, '#rate-chart', box.width * 0.85, 20, RATE, { radius: 14 });
  assert.ok(left > right, `a cosine starts high and ends low (${left} vs ${right})`);
  await train(page, 5);
  await page.locator('#rate-chart').scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${OUTPUT}inside-schedule-1280.png` });

  // The link keeps it; opening it restores it.
  const text = await page.evaluate(() => window.descent.scene_text());
  assert.match(text, /(^|&)schedule=cosine(&|$)/);
  assert.match(text, /(^|&)schedule-epochs=20(&|$)/);
  const other = await browser.page(`index.html#${text}`);
  try {
    await frames(other);
    assert.equal(await other.evaluate(() => window.descent.get('schedule')), 'cosine');
    assert.equal(await other.locator('#schedule').inputValue(), 'cosine');
    assert.equal(await other.locator('#schedule-epochs').inputValue(), '20');
    assert.ok(await other.locator('#rate-chart').isVisible());
  } finally {
    await other.close();
  }

  // Back to constant: the chart goes; a bad span is refused and changes nothing.
  await page.locator('#schedule').selectOption('constant');
  await frames(page);
  assert.ok(await page.locator('#rate-chart').isHidden());
  const message = await page.evaluate(() => {
    try { window.descent.set('schedule', 'linear-warmup'); return 'accepted'; } catch (e) { return e.message; }
  });
  assert.match(message, /schedule: 'linear-warmup' is not one of constant, step, exponential, cosine, one-cycle/);
  assert.equal(await page.evaluate(() => window.descent.get('schedule')), 'constant');
}));

test("the hidden space: a layer's view of the input grid, with the output's colours on the last one", () => browser.withPage(async (page) => {
  // The default network: hidden layers of 4 and 2 tanh units.
  const options = await page.locator('#hidden-space option').evaluateAll((os) => os.map((o) => o.value));
  assert.deepEqual(options, ['0', '1', '2']);
  assert.ok(await page.locator('#hidden-space-canvas').isHidden());
  await train(page, 20);

  await page.locator('#hidden-space').selectOption('1');
  await frames(page, 3);
  assert.ok(await page.locator('#hidden-space-canvas').isVisible());
  const caption = await page.locator('#hidden-space-text').textContent();
  assert.match(caption, /Hidden layer 1: .* its 4 units on their two principal directions/);
  // Layer 1 is not the last: white behind the grid, whose two families of lines are drawn.
  const blue = await pixelsLike(page, '#hidden-space-canvas', X1_LINE);
  const orange = await pixelsLike(page, '#hidden-space-canvas', X2_LINE);
  assert.ok(blue > 200 && orange > 200, `the grid's lines of x1 and x2 (${blue}, ${orange} pixels)`);
  const first = await grab(page, '#hidden-space-canvas');

  await page.locator('#hidden-space').selectOption('2');
  await frames(page, 3);
  assert.match(await page.locator('#hidden-space-text').textContent(), /Hidden layer 2: .*unit 1 across, unit 2 up.*boundary here is a straight line/);
  const white = await pixelsLike(page, '#hidden-space-canvas', [255, 255, 255], 6);
  const size = await page.evaluate(() => { const c = $q('#hidden-space-canvas'); return c.width * c.height; });
  assert.ok(white < size * 0.2, `the output's colours fill the last hidden layer's plane (${white} of ${size} white)`);
  const second = await grab(page, '#hidden-space-canvas');
  assert.ok(await changedFraction(page, first, second) > 0.3, 'another layer, another picture');

  // Training moves the picture.
  await train(page, 30);
  const third = await grab(page, '#hidden-space-canvas');
  assert.ok(await changedFraction(page, second, third) > 0.01, 'the plane moves with the weights');
  await page.locator('#hidden-space-canvas').scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${OUTPUT}inside-hidden-1280.png` });

  // One layer fewer: the menu follows, and the shown layer goes once gone.
  await page.locator('#remove-layer').click();
  await frames(page, 3);
  const left = await page.locator('#hidden-space option').evaluateAll((os) => os.map((o) => o.value));
  assert.deepEqual(left, ['0', '1']);
  assert.equal(await page.locator('#hidden-space').inputValue(), '0');
  assert.ok(await page.locator('#hidden-space-canvas').isHidden());
}));

test('the non-linearity lesson opens on the last hidden layer: linear shears the grid, tanh folds it', async () => {
  const page = await browser.page('index.html#lesson=nonlinearity');
  try {
    await page.waitForFunction(() => window.descent.lesson_name() === 'nonlinearity');
    await train(page, 60);
    assert.equal(await page.locator('#hidden-space').inputValue(), '3');
    assert.match(await page.locator('#hidden-space-text').textContent(), /Every layer up to here is linear: the grid is only sheared/);
    await page.locator('#hidden-space-canvas').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${OUTPUT}inside-nonlinearity-linear.png` });
    await page.locator('#activation').selectOption('tanh');
    await train(page, 200);
    assert.match(await page.locator('#hidden-space-text').textContent(), /The activation bends the grid's lines and folds the plane/);
    await page.locator('#hidden-space-canvas').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${OUTPUT}inside-nonlinearity-tanh.png` });
  } finally {
    await page.close();
  }
});

for (const [name, viewport, options] of [
  ['dpr2', { width: 1280, height: 800 }, { deviceScaleFactor: 2 }],
  ['phone', { width: 390, height: 844 }, { deviceScaleFactor: 3, isMobile: true, hasTouch: true }],
]) {
  test(`the schedule's chart and the hidden space at ${name}`, async () => {
    const context = await browser.browser.newContext({ viewport, ...options });
    const page = await context.newPage();
    try {
      await page.goto(`${browser.base}index.html#v=1&schedule=one-cycle&schedule-epochs=40`);
      await page.waitForFunction(() => window.descent !== undefined && document.getElementById('main').handle);
      await page.addScriptTag({ content: 'window.$q = (s) => document.querySelector("descent-playground").shadowRoot.querySelector(s);' });
      await train(page, 25);
      await page.locator('#hidden-space').selectOption('2');
      await frames(page, 3);
      const ratio = await page.evaluate(() => { const c = $q('#hidden-space-canvas'); return c.width / c.clientWidth; });
      assert.equal(ratio, options.deviceScaleFactor, 'drawn at the device pixel ratio');
      assert.ok(await pixelsLike(page, '#rate-chart', RATE) > 50, 'the rate curve is drawn');
      await page.locator('#rate-chart').scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${OUTPUT}inside-schedule-${name}.png` });
      await page.locator('#hidden-space-canvas').scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${OUTPUT}inside-hidden-${name}.png` });
    } finally {
      await context.close();
    }
  });
}
