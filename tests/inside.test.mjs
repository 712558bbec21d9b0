// End-to-end tests of the views inside the training: the learning-rate
// schedule (its menu, its chart under the loss chart, its link) and the
// hidden space (a hidden layer's view of the input grid, read in pixels)
// and one training step in slow motion (every phase by keyboard, its numbers
// checked against each other and against the weights after the step), at
// 1280×800, at pixel ratio 2 and on a phone.
// Run: node --test --test-concurrency=1 tests/inside.test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, OUTPUT, DEEP_QUERY, frames, colourCount, grab, changedFraction, clickAt } from './browser.mjs';

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
    const d = $seen(c).getContext('2d').getImageData(0, 0, c.width, c.height).data;
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
      await page.addScriptTag({ content: DEEP_QUERY });
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
      await page.locator('#slow-step').click();
      await page.keyboard.press('ArrowRight');
      assert.match(await page.locator('#slow-step-title').textContent(), /Forward: hidden layer 2/);
      const panel = await page.locator('#slow-step-panel').boundingBox();
      assert.ok(panel.x >= 0 && panel.x + panel.width <= viewport.width + 1, 'the slow step fits the screen\'s width');
      // A tap on a unit's line, or a click, points at it, and it stays pointed at when the finger lifts.
      const line = page.locator('#slow-step-text [data-unit="1"]').first();
      if (options.hasTouch) await line.tap(); else await line.click();
      await frames(page, 2);
      assert.equal(await page.locator('#slow-step-text .pointed').count(), 1, `${name}: the line is pointed at after the ${options.hasTouch ? 'tap' : 'click'}`);
      await page.locator('#slow-step-panel').scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${OUTPUT}inside-slow-step-${name}.png` });
    } finally {
      await context.close();
    }
  });
}

/** The numbers of a line of the slow step ("−" counts as a minus sign). */
const numbers = (line) => (line.match(/-?\d+(?:\.\d+)?(?:e-?\d+)?/g) ?? []).map(Number);

test('the slow step: every phase by keyboard, its numbers consistent, and the step it takes is the one shown', () => browser.withPage(async (page) => {
  await train(page, 5);
  // Click a training point: the slow step takes the last point clicked.
  const target = await page.evaluate(() => {
    const pg = window.descent;
    const c = $q('#data');
    for (let y = 10; y < c.clientHeight - 10; y += 6) {
      for (let x = 10; x < c.clientWidth - 10; x += 6) {
        const i = pg.point_at(x, y);
        if (i >= 0) return { x, y, i };
      }
    }
    return null;
  });
  assert.ok(target, 'a point to click');
  const box = await page.locator('#data').boundingBox();
  await page.mouse.move(box.x + target.x + 1, box.y + target.y + 1);
  await page.mouse.down();
  await page.mouse.up();
  await frames(page);
  await page.locator('#slow-step').click();
  assert.ok(await page.locator('#slow-step-panel').isVisible());
  const before = JSON.parse(await page.evaluate(() => window.descent.model_json()));

  const phases = [];
  for (;;) {
    const title = await page.locator('#slow-step-title').textContent();
    const count = await page.locator('#slow-step-count').textContent();
    phases.push({ title, text: await page.locator('#slow-step-text').textContent() });
    const [k, n] = count.split(' of ').map(Number);
    if (k === n) break;
    await page.keyboard.press('ArrowRight');
  }
  // Forward layer by layer, the loss, backward from the output, the update.
  const titles = phases.map((p) => p.title.replace(/^Point \([^)]*\) · /, ''));
  assert.deepEqual(titles, ['Forward: hidden layer 1', 'Forward: hidden layer 2', 'Forward: output',
    'The loss for this point', 'Backward: output', 'Backward: hidden layer 2', 'Backward: hidden layer 1',
    'Update: hidden layer 1', 'Update: hidden layer 2', 'Update: output']);
  await page.screenshot({ path: `${OUTPUT}inside-slow-step-1280.png` });

  // Forward: each unit's activation is tanh of its sum.
  for (const line of phases[0].text.split('\n')) {
    const z = Number(line.match(/= (-?[\d.e-]+);/)[1]);
    const a = Number(line.match(/tanh\(z\) = (-?[\d.e-]+)/)[1]);
    assert.ok(Math.abs(Math.tanh(z) - a) < 2e-4, line);
  }
  // Backward: each gradient is the error times the input it weighs.
  for (const line of phases[4].text.split('\n').filter((l) => l.includes('dJ/dw'))) {
    const [, , d, x, g] = numbers(line); // "(unit 1 → unit 1) = δ·x = d·x = g"
    assert.ok(Math.abs(d * x - g) < 2e-4 + 1e-3 * Math.abs(g), line);
  }
  // Update (SGD): after = before − η·g, and the weights the page holds after the step are the shown ones.
  const update = phases[9].text.split('\n');
  assert.match(update[0], /SGD: w ← w − η·g, with η = 0\.0300/);
  const shownAfter = update.filter((l) => l.startsWith('w (')).map((l) => {
    const [k, j, before, rate, g, after] = numbers(l);
    assert.ok(Math.abs(before - rate * g - after) < 2e-4, l);
    return { k: k - 1, j: j - 1, before, after };
  });
  assert.equal(shownAfter.length, 2);
  await page.keyboard.press('ArrowRight'); // "Take the step"
  await frames(page);
  assert.ok(await page.locator('#slow-step-panel').isHidden());
  const after = JSON.parse(await page.evaluate(() => window.descent.model_json()));
  const output = after.layers.length - 1;
  for (const { k, j, before: b, after: a } of shownAfter) {
    assert.ok(Math.abs(before.layers[output].weights[k][j] - b) < 1e-4, 'the shown weight before is the page\'s');
    assert.ok(Math.abs(after.layers[output].weights[k][j] - a) < 1e-4, `the page's weight after (${after.layers[output].weights[k][j]}) is the shown ${a}`);
  }

  // Escape leaves without a step.
  await page.locator('#slow-step').click();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Escape');
  assert.ok(await page.locator('#slow-step-panel').isHidden());
  const unchanged = JSON.parse(await page.evaluate(() => window.descent.model_json()));
  assert.deepEqual(unchanged.layers, after.layers);
}));

test('a slow step ends when its network changes under it: by a setting from the page\'s script, a reset or training; the panel closes and the diagram draws', () => browser.withPage(async (page) => {
  const changes = [
    ['fewer layers', () => page.evaluate(() => document.getElementById('main').handle.set('hidden', ''))],
    ['a narrower layer', () => page.evaluate(() => document.getElementById('main').handle.set('hidden', '3'))],
    ['more classes', () => page.evaluate(() => document.getElementById('main').handle.set('classes', '3'))],
    ['new weights', () => page.evaluate(() => window.descent.reset(true))],
    ['training', () => page.evaluate(() => document.getElementById('main').handle.step(1))],
  ];
  for (const [what, change] of changes) {
    await page.evaluate(() => document.getElementById('main').handle.set('hidden', '4,2'));
    await frames(page);
    await page.locator('#slow-step').click();
    await page.keyboard.press('ArrowRight'); // the second layer's phase: its path is lit
    assert.ok(await page.locator('#slow-step-panel').isVisible(), `${what}: the slow step is open`);
    await frames(page);
    assert.ok(await pixelsLike(page, '#network', HIGHLIGHT, 30) > 0, `${what}: its path is lit`);
    await change();
    await frames(page, 3);
    assert.ok(await page.locator('#slow-step-panel').isHidden(), `${what}: the panel closes`);
    assert.equal(await page.evaluate(() => window.descent.slow_step_open()), false, `${what}: the step is over`);
    assert.equal(await pixelsLike(page, '#network', HIGHLIGHT, 30), 0, `${what}: no path is lit`);
    assert.deepEqual(page.errors, [], `${what}: no error`);
  }
  // Taking a step that has ended changes nothing.
  await page.locator('#slow-step').click();
  const before = await page.evaluate(() => window.descent.model_json());
  await page.evaluate(() => document.getElementById('main').handle.set('hidden', '5'));
  const changed = await page.evaluate(() => window.descent.model_json());
  await page.evaluate(() => window.descent.take_slow_step());
  assert.equal(await page.evaluate(() => window.descent.model_json()), changed);
  assert.notEqual(changed, before);
}));

/** The diagram's highlight: yellow on a dark casing. */
const HIGHLIGHT = [255, 210, 63];

/** Highlight pixels on the ring around the diagram's unit `unit` of column `column` (its top and bottom edges). */
async function ringed(page, column, unit) {
  const [x, y, size] = await page.evaluate(([c, u]) => [...window.descent.unit_box(c, u)], [column, unit]);
  const top = await colourCount(page, '#network', x + size / 2, y - 3, HIGHLIGHT, { radius: 4, tolerance: 40 });
  const bottom = await colourCount(page, '#network', x + size / 2, y + size + 3, HIGHLIGHT, { radius: 4, tolerance: 40 });
  return top + bottom;
}

/** Highlight pixels between the diagram's column `column - 1` and `column`: on the links into it. */
async function linksLit(page, column) {
  const [x0, , s0] = await page.evaluate((c) => [...window.descent.unit_box(c, 0)], column - 1);
  const [x1] = await page.evaluate((c) => [...window.descent.unit_box(c, 0)], column);
  return page.evaluate(({ from, to, rgb }) => {
    const c = $q('#network');
    const s = c.width / c.clientWidth;
    const [a, b] = [Math.ceil((from + 8) * s), Math.floor((to - 8) * s)];
    const d = $seen(c).getContext('2d').getImageData(a, 0, b - a, c.height).data;
    let n = 0;
    for (let k = 0; k < d.length; k += 4) {
      if (Math.hypot(d[k] - rgb[0], d[k + 1] - rgb[1], d[k + 2] - rgb[2]) <= 40) n++;
    }
    return n;
  }, { from: x0 + s0, to: x1, rgb: HIGHLIGHT });
}

test("the slow step's path in the diagram: the layer's units and links it is at, lit; none once it closes", () => browser.withPage(async (page) => {
  await train(page, 5);
  await page.mouse.move(1, 1); // nothing hovered
  const idle = [await ringed(page, 1, 0), await ringed(page, 2, 0), await linksLit(page, 1), await linksLit(page, 2)];
  assert.deepEqual(idle, [0, 0, 0, 0], 'nothing is highlighted before the slow step');

  await page.locator('#slow-step').click();
  await frames(page, 3);
  // Forward through hidden layer 1: its units and the links from the inputs.
  assert.match(await page.locator('#slow-step-title').textContent(), /Forward: hidden layer 1/);
  assert.ok(await ringed(page, 1, 0) > 4 && await ringed(page, 1, 3) > 4, 'hidden layer 1\'s units are ringed');
  assert.ok(await linksLit(page, 1) > 100, 'the links into hidden layer 1 are lit');
  assert.equal(await ringed(page, 2, 0), 0, 'hidden layer 2 is not');
  assert.equal(await linksLit(page, 2), 0);
  const wholeLayer = await linksLit(page, 1);

  // Pointing at unit 2's line narrows the path to unit 2 and the links into it; ↓ moves on to unit 3.
  await page.locator('#slow-step-text [data-unit="1"]').first().hover();
  await frames(page, 3);
  assert.equal(await page.locator('#slow-step-text .pointed').textContent(), (await page.locator('#slow-step-text [data-unit="1"]').first().textContent()));
  // Rings of units side by side touch the sampled edge of the next: a neighbour shows a few pixels of them, a unit two away none.
  const rings = async () => Promise.all([0, 1, 2, 3].map((u) => ringed(page, 1, u)));
  let [r0, r1, r2, r3] = await rings();
  assert.ok(r1 > 4 && r0 < r1 / 4 && r2 < r1 / 4 && r3 === 0, `unit 2 ringed, not its neighbours: ${[r0, r1, r2, r3]}`);
  const oneUnit = await linksLit(page, 1);
  assert.ok(oneUnit > 20 && oneUnit < wholeLayer * 0.6, `the links into unit 2 alone are lit: ${oneUnit} pixels against ${wholeLayer} for the layer`);
  await page.keyboard.press('ArrowDown');
  await frames(page, 3);
  [r0, r1, r2, r3] = await rings();
  assert.ok(r2 > 4 && r1 < r2 / 4 && r3 < r2 / 4 && r0 === 0, `the arrow key moved the path to unit 3: ${[r0, r1, r2, r3]}`);
  await page.screenshot({ path: `${OUTPUT}inside-slow-step-unit.png` });
  // Leaving the text: the whole layer again.
  await page.mouse.move(1, 1);
  await frames(page, 3);
  assert.ok(await ringed(page, 1, 0) > 4 && await ringed(page, 1, 3) > 4, 'the whole layer again');

  // Forward through hidden layer 2: the path moves on.
  await page.keyboard.press('ArrowRight');
  await frames(page, 3);
  assert.ok(await ringed(page, 2, 0) > 4 && await ringed(page, 2, 1) > 4, 'hidden layer 2\'s units are ringed');
  assert.ok(await linksLit(page, 2) > 100);
  assert.equal(await ringed(page, 1, 0), 0);
  assert.equal(await linksLit(page, 1), 0);

  // Backward through hidden layer 1 (phase 7 of 10): its units' error terms and its links' gradients.
  for (let k = 0; k < 5; k++) await page.keyboard.press('ArrowRight');
  await frames(page, 3);
  assert.match(await page.locator('#slow-step-title').textContent(), /Backward: hidden layer 1/);
  assert.ok(await ringed(page, 1, 0) > 4 && await linksLit(page, 1) > 100);
  assert.equal(await ringed(page, 2, 0), 0);

  // The update of hidden layer 1: the links it changes, and no unit.
  await page.keyboard.press('ArrowRight');
  await frames(page, 3);
  assert.match(await page.locator('#slow-step-title').textContent(), /Update: hidden layer 1/);
  assert.ok(await linksLit(page, 1) > 100, 'the links being changed are lit');
  assert.equal(await ringed(page, 1, 0), 0);
  await page.locator('.network-panel').scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${OUTPUT}inside-slow-step-path.png` });

  // Leaving the slow step leaves the diagram as it was.
  await page.keyboard.press('Escape');
  await frames(page, 3);
  assert.deepEqual([await ringed(page, 1, 0), await ringed(page, 2, 0), await linksLit(page, 1), await linksLit(page, 2)],
    [0, 0, 0, 0], 'nothing is highlighted after the slow step');
}));

test("the hidden space's layer, picked by clicking its unit in the diagram or by arrows and Enter", () => browser.withPage(async (page) => {
  await train(page, 10);
  const centre = async (column, unit) => {
    const [x, y, size] = await page.evaluate(([c, u]) => [...window.descent.unit_box(c, u)], [column, unit]);
    return [x + size / 2, y + size / 2];
  };
  // With the hidden space off, a click on a unit shows nothing.
  await clickAt(page, '#network', ...(await centre(2, 0)));
  await frames(page);
  assert.equal(await page.locator('#hidden-space').inputValue(), '0');
  assert.ok(await page.locator('#hidden-space-canvas').isHidden());

  await page.locator('#hidden-space').selectOption('1');
  await frames(page, 3);
  await clickAt(page, '#network', ...(await centre(2, 1)));
  await frames(page, 3);
  assert.equal(await page.locator('#hidden-space').inputValue(), '2', 'a click on hidden layer 2\'s unit picks it');
  assert.match(await page.locator('#hidden-space-text').textContent(), /^Hidden layer 2:/);
  // Inputs and outputs are not hidden layers: the choice stays.
  await clickAt(page, '#network', ...(await centre(0, 0)));
  await clickAt(page, '#network', ...(await centre(3, 0)));
  await frames(page);
  assert.equal(await page.locator('#hidden-space').inputValue(), '2');

  // By keyboard: the diagram takes focus, arrows move between hidden layers, Enter picks.
  await page.mouse.move(1, 1);
  await page.locator('#network').focus();
  await page.keyboard.press('ArrowLeft');
  await frames(page, 3);
  assert.deepEqual(await page.evaluate(() => [...window.descent.hovered()]), [1, 0]);
  assert.ok(await ringed(page, 1, 0) > 4, 'the layer the keyboard is on is ringed');
  await page.keyboard.press('Enter');
  await frames(page, 3);
  assert.equal(await page.locator('#hidden-space').inputValue(), '1');
  assert.match(await page.locator('#hidden-space-text').textContent(), /^Hidden layer 1:/);
  await page.locator('.hidden-space').scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${OUTPUT}inside-hidden-pick.png` });
}));
