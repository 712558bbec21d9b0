// End-to-end tests of the lessons (lecture 1, scene by scene): each
// lesson loads by URL and from the menu with its caption and controls, trains,
// is photographed, and shows its point in numbers read from the page: the
// perceptron's arithmetic, a linear boundary that bends under ReLU, "you"'s
// chance of passing, the loss landscape's path, the chain rule's factors, the
// races of learning rates, optimisers and batch sizes, and overfitting with
// early stopping. Run: node --test tests/lessons.test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, OUTPUT, frames, clickAt, grab, changedFraction, shownNumber, colourCount } from './browser.mjs';

let browser;
before(async () => { browser = await start(); });
after(async () => { await browser?.stop(); });

/** The lecture's order. */
const LESSONS = ['perceptron', 'nonlinearity', 'pass', 'landscape', 'backprop',
  'learning-rate', 'optimizers', 'mini-batches', 'overfitting'];

/** Opens index.html#lesson=name and waits until the playground has loaded it. */
async function lessonPage(name) {
  const page = await browser.page(`index.html#lesson=${name}`);
  await page.waitForFunction((name) => document.getElementById('main').handle
    && window.descent.lesson_name() === name, name);
  await frames(page);
  return page;
}

/** Trains `n` epochs through the element's handle and lets the page draw. */
async function train(page, n) {
  const status = await page.evaluate((n) => document.getElementById('main').handle.step(n), n);
  await frames(page);
  return status;
}

const text = async (page, selector) => (await page.locator(selector).textContent()).trim();
/** A number as the page prints it: "−6" (a real minus sign), "-1.13e-3", "0.0025". */
const num = (s) => Number(String(s).replace(/−/g, '-'));
const NUMBER = '[−-]?\\d+(?:\\.\\d+)?(?:e[−-]?\\d+)?';

/** The compare lessons' panel text, one line per run: label → {loss, diverged}. */
function runLines(panel) {
  const runs = {};
  for (const line of panel.split('\n')) {
    const m = new RegExp(`^(.+): training loss (${NUMBER}|NaN)( \\(diverged\\))?$`).exec(line.trim());
    assert.ok(m, `a run's line: ${JSON.stringify(line)}`);
    runs[m[1]] = { loss: num(m[2]), diverged: Boolean(m[3]) };
  }
  return runs;
}

// ---- 1. Every lesson: menu, URL, caption, controls, training, screenshot.

/**
 * What each lesson must show and hide, and a word its caption must
 * carry. Hidden means the element is not visible to a person.
 */
const EXPECT = {
  perceptron: { shown: ['w0', 'w1', 'w2', 'data'], hidden: ['play', 'step-epoch', 'learning-rate', 'activation', 'runs', 'lesson-canvas'], says: /−6.*0\.0025/ },
  nonlinearity: { shown: ['play', 'activation', 'add-layer', 'data'], hidden: ['w0', 'runs', 'lesson-canvas', 'optimizer'], says: /ReLU/ },
  pass: { shown: ['play', 'learning-rate', 'data'], hidden: ['w0', 'runs', 'lesson-canvas'], says: /\(4, 5\)/ },
  landscape: { shown: ['play', 'learning-rate', 'lesson-canvas'], hidden: ['w0', 'runs', 'activation', 'optimizer'], says: /learning rate/ },
  backprop: { shown: ['play', 'activation', 'lesson-canvas', 'network'], hidden: ['w0', 'runs'], says: /chain rule/ },
  'learning-rate': { shown: ['play', 'runs', 'lesson-canvas'], hidden: ['w0', 'learning-rate', 'optimizer'], says: /learning rates/ },
  optimizers: { shown: ['play', 'runs', 'lesson-canvas', 'learning-rate'], hidden: ['w0', 'optimizer'], says: /Adam/ },
  'mini-batches': { shown: ['play', 'runs', 'lesson-canvas'], hidden: ['w0', 'batch-size'], says: /batch/ },
  overfitting: { shown: ['play', 'dropout', 'regularization', 'early-stopping', 'test-loss'], hidden: ['w0', 'runs', 'lesson-canvas'], says: /early stopping/ },
};

test('the menu lists the nine lessons in the lecture\'s order; choosing one loads it', async () => {
  const page = await browser.page('index.html');
  await page.waitForFunction(() => document.getElementById('main').handle);
  const options = await page.locator('#lesson-menu option').evaluateAll((os) => os.map((o) => [o.value, o.textContent]));
  assert.deepEqual(options.map(([v]) => v).filter(Boolean), LESSONS, 'the menu in the lecture\'s order');
  assert.ok(options.every(([, title]) => title.trim().length > 0), 'every entry has a title');

  const captions = new Set();
  for (const name of ['landscape', 'perceptron', 'overfitting']) { // out of order: each choice replaces the last
    await page.selectOption('#lesson-menu', name);
    await page.waitForFunction((name) => window.descent.lesson_name() === name, name);
    await frames(page);
    assert.equal(await page.evaluate(() => location.hash), `#lesson=${name}`);
    assert.ok(await page.locator('.caption').isVisible(), `${name}: the caption shows`);
    const caption = await text(page, '.caption');
    assert.match(caption, EXPECT[name].says, `${name}'s caption`);
    captions.add(caption);
    for (const id of EXPECT[name].shown) assert.ok(await page.locator(`#${id}`).isVisible(), `${name}: #${id} shows`);
  }
  assert.equal(captions.size, 3, 'each lesson has its own caption');

  // "Free play" leaves the lesson: no hash, the usual controls back.
  await page.selectOption('#lesson-menu', '');
  await page.waitForFunction(() => window.descent.lesson_name() === '');
  await frames(page);
  assert.equal(await page.evaluate(() => location.hash), '');
  assert.ok(await page.locator('#play').isVisible());
  assert.ok(!(await page.locator('#w0').isVisible()));
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('every lesson loads by URL with its caption and controls, trains, and is photographed', async () => {
  for (const name of LESSONS) {
    const page = await lessonPage(name);
    const expect = EXPECT[name];
    assert.equal(await page.locator('#lesson-menu').inputValue(), name, `${name}: the menu names the lesson`);
    assert.ok(await page.locator('.caption').isVisible(), `${name}: the caption shows`);
    assert.match(await text(page, '.caption'), expect.says, `${name}'s caption`);
    for (const id of expect.shown) assert.ok(await page.locator(`#${id}`).isVisible(), `${name}: #${id} shows`);
    for (const id of expect.hidden) assert.ok(!(await page.locator(`#${id}`).isVisible()), `${name}: #${id} is hidden`);

    if (await page.locator('#step-epoch').isVisible()) {
      // A person's two clicks, then the rest at once for the picture.
      await page.click('#step-epoch');
      await page.click('#step-epoch');
      await frames(page);
      assert.equal(await shownNumber(page, '#epoch'), 2, `${name}: Step epoch trains`);
      await train(page, 48);
      assert.equal(await shownNumber(page, '#epoch'), 50, `${name}: trained to epoch 50`);
      assert.ok(Number.isFinite(await shownNumber(page, '#train-loss')), `${name}: a training loss shows`);
    }
    await page.screenshot({ path: `${OUTPUT}lesson-${name}.png`, fullPage: true });
    assert.deepEqual(page.errors, [], `${name}: no page errors`);
    await page.close();
  }
});

// ---- 2. The perceptron.

/** Half a unit in the last digit of a printed number ("−14.8" → 0.05, "−6" → 0.5). */
const halfDigit = (printed) => 0.5 * 10 ** -((String(printed).split('.')[1] ?? '').length);

/**
 * "x = (−1, 2): z = … = −6, sigmoid(−6) ≈ 0.0025" → {x1, x2, z, zHalf, p, relation}.
 * Near 0 or 1 the page prints a bound instead: "sigmoid(−14.8) < 0.0001".
 */
function perceptronText(s) {
  const m = new RegExp(`^x = \\((${NUMBER}), (${NUMBER})\\): z [=≈] .* [=≈] (${NUMBER}), sigmoid\\((${NUMBER})\\) ([=≈<>]) (${NUMBER})$`).exec(s);
  assert.ok(m, `the perceptron's arithmetic: ${JSON.stringify(s)}`);
  return { x1: num(m[1]), x2: num(m[2]), z: num(m[3]), zHalf: halfDigit(m[3]), relation: m[5], p: num(m[6]) };
}
/** The printed p agrees with sigmoid(z): to its digits, or as the bound it states. */
function assertSigmoidShown(shown) {
  const exact = sigmoid(shown.z);
  if (shown.relation === '<') assert.ok(exact < shown.p && shown.p === 0.0001, `sigmoid(${shown.z}) = ${exact} < ${shown.p}`);
  else if (shown.relation === '>') assert.ok(exact > shown.p && shown.p === 0.9999, `sigmoid(${shown.z}) = ${exact} > ${shown.p}`);
  else assert.ok(Math.abs(shown.p - exact) <= 0.0005 * Math.max(1, shown.p * 100), `p = ${shown.p} for z = ${shown.z}`);
}
const sigmoid = (z) => 1 / (1 + Math.exp(-z));
const sliders = async (page) => Promise.all(['w0', 'w1', 'w2'].map(async (id) => Number(await page.locator(`#${id}`).inputValue())));

test('perceptron: the arithmetic for (−1, 2); the sliders change z by w·x and move the line', async () => {
  const page = await lessonPage('perceptron');
  const first = perceptronText(await text(page, '#lesson-text'));
  assert.deepEqual([first.x1, first.x2], [-1, 2], 'the chosen point starts at the marker (−1, 2)');
  const [w0, w1, w2] = await sliders(page);
  assert.deepEqual([w0, w1, w2], [1, 3, -2], 'the lecture\'s w0 = 1, w = (3, −2)');
  assert.equal(first.z, w0 + w1 * first.x1 + w2 * first.x2);
  assert.equal(first.z, -6);
  assert.equal(first.p, 0.0025, 'sigmoid(−6) ≈ 0.0025 as the lecture prints it');
  assert.ok(Math.abs(first.p - sigmoid(first.z)) <= 0.00005, 'and that is sigmoid(z) to the digits shown');

  // Drag w0 to 2: z moves by Δw0 = +1; the line z = 0 moves on the data.
  const before = await grab(page, '#data');
  await page.locator('#w0').fill('2');
  await frames(page);
  const moved = perceptronText(await text(page, '#lesson-text'));
  const [v0, v1, v2] = await sliders(page);
  assert.equal(v0, 2);
  assert.equal(await text(page, '#w0-value'), '2');
  assert.ok(Math.abs(moved.z - (v0 + v1 * moved.x1 + v2 * moved.x2)) < 1e-9, `z = ${moved.z} after w0 = 2`);
  assert.equal(moved.z, first.z + 1);
  assertSigmoidShown(moved);
  const after = await grab(page, '#data');
  // Measured: moving the line by 1/3 unit repaints ~5 % of the field (the strip it
  // sweeps, plus the paler/stronger shading around it).
  const changed = await changedFraction(page, before, after);
  assert.ok(changed > 0.01, `the boundary moved on the data: ${(changed * 100).toFixed(2)} % of pixels changed`);

  // The keyboard: two steps right on w2 (step 0.1) add 0.2·x2 to z.
  await page.locator('#w2').focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await frames(page);
  const keyed = perceptronText(await text(page, '#lesson-text'));
  const [, , k2] = await sliders(page);
  assert.ok(Math.abs(k2 - (v2 + 0.2)) < 1e-9, `w2 = ${k2}`);
  assert.ok(Math.abs(keyed.z - (moved.z + 0.2 * keyed.x2)) < 1e-9, `z = ${keyed.z}, was ${moved.z}`);

  // Clicking another point shows that point's arithmetic.
  const target = await page.evaluate(() => {
    const c = $q('#data');
    const points = JSON.parse(window.descent.points_json());
    const hits = new Map();
    for (let y = 20; y < c.clientHeight - 20; y += 2) {
      for (let x = 20; x < c.clientWidth - 20; x += 2) {
        const i = window.descent.point_at(x, y);
        if (i > 0) hits.set(i, [...(hits.get(i) ?? []), [x, y]]);
      }
    }
    const [i, spots] = [...hits].sort((a, b) => b[1].length - a[1].length)[0]; // the most exposed point
    const mean = (k) => spots.reduce((s, p) => s + p[k], 0) / spots.length;
    return { i, point: points[i], x: mean(0) + c.clientLeft, y: mean(1) + c.clientTop };
  });
  await clickAt(page, '#data', target.x, target.y);
  await frames(page);
  const clicked = perceptronText(await text(page, '#lesson-text'));
  assert.ok(Math.abs(clicked.x1 - target.point.x1) <= 0.0005 && Math.abs(clicked.x2 - target.point.x2) <= 0.0005,
    `the clicked point ${JSON.stringify(target.point)} is shown: (${clicked.x1}, ${clicked.x2})`);
  const [c0, c1, c2] = await sliders(page);
  // z is printed to 3 significant digits, the point to 3 decimals.
  const z = c0 + c1 * clicked.x1 + c2 * clicked.x2;
  assert.ok(Math.abs(clicked.z - z) <= clicked.zHalf + 0.0005 * (Math.abs(c1) + Math.abs(c2)) + 1e-9,
    `z = ${clicked.z} printed for (${clicked.x1}, ${clicked.x2}), which gives ${z}`);
  assertSigmoidShown(clicked);
  assert.equal(await page.evaluate(() => window.descent.status().points), 40, 'choosing a point adds none');

  // A near miss (a finger's width off, on empty ground) chooses the nearest point, adding none.
  const lonely = await page.evaluate(() => {
    const c = $q('#data');
    const points = JSON.parse(window.descent.points_json());
    for (let y = 40; y < c.clientHeight - 40; y += 2) {
      for (let x = 40; x < c.clientWidth - 40; x += 2) {
        const i = window.descent.point_at(x, y);
        if (i <= 0) continue;
        // Empty 14 px to the right, and no other point within 30 px of that spot.
        const [sx, sy] = [x + 14, y];
        if (window.descent.point_at(sx, sy) >= 0) continue;
        let alone = true;
        for (let dy = -30; dy <= 30 && alone; dy += 3) {
          for (let dx = -30; dx <= 30 && alone; dx += 3) {
            const j = window.descent.point_at(sx + dx, sy + dy);
            if (j >= 0 && j !== i) alone = false;
          }
        }
        if (alone) return { i, point: points[i], x: sx + c.clientLeft, y: sy + c.clientTop };
      }
    }
    return null;
  });
  assert.ok(lonely, 'a point with empty ground beside it');
  await clickAt(page, '#data', lonely.x, lonely.y);
  await frames(page);
  const near = perceptronText(await text(page, '#lesson-text'));
  assert.ok(Math.abs(near.x1 - lonely.point.x1) <= 0.0005 && Math.abs(near.x2 - lonely.point.x2) <= 0.0005,
    `a click 14 px off chose ${JSON.stringify(lonely.point)}: (${near.x1}, ${near.x2})`);
  assert.equal(await page.evaluate(() => window.descent.status().points), 40, 'a near miss adds no point');
  assert.deepEqual(page.errors, []);
  await page.close();
});

// ---- 3. Why non-linearity: the boundary is a line, then bends.

/**
 * Reads the colour field of `selector`: pixels of the pale field (not points,
 * outlines, rings, the boundary line or tick labels) classed red or green by
 * their hue, and the largest share of them that one straight line separates.
 *
 * Field colours are white mixed with a class colour at 12–67 %: every channel
 * ≥ 115 and a spread (max − min channel) of 13–130 (measured: 14–75). Points
 * are saturated (spread > 110) or dark (ring, outline: a channel < 100);
 * their white outlines and the grey boundary/ticks have spread < 6. Those, and
 * 3 CSS px around them (antialiased edges that pass for pale field), are left
 * out, as is an inset of `inset` CSS px (the axis tick labels).
 *
 * The best line: for each direction (1° steps, then 0.05° around the best),
 * project the pixels and sweep a threshold over half-pixel bins.
 */
function fieldSeparability({ selector, inset, stride }) {
  const c = $q(selector);
  const s = c.width / c.clientWidth;
  const [W, H] = [c.width, c.height];
  const d = $seen(c).getContext('2d').getImageData(0, 0, W, H).data;
  const other = new Uint8Array(W * H);
  for (let i = 0; i < W * H; i++) {
    const [r, g, b] = [d[4 * i], d[4 * i + 1], d[4 * i + 2]];
    const lo = Math.min(r, g, b);
    const spread = Math.max(r, g, b) - lo;
    other[i] = lo < 100 || spread > 110 || spread < 6 ? 1 : 0;
  }
  const radius = Math.ceil(3 * s);
  const grow = (from, dx, dy) => {
    const to = new Uint8Array(W * H);
    for (let y = 0; y < H; y++) {
      for (let x = 0; x < W; x++) {
        for (let k = -radius; k <= radius; k++) {
          const [xx, yy] = [x + k * dx, y + k * dy];
          if (xx >= 0 && xx < W && yy >= 0 && yy < H && from[yy * W + xx]) { to[y * W + x] = 1; break; }
        }
      }
    }
    return to;
  };
  const mask = grow(grow(other, 1, 0), 0, 1);
  const edge = Math.round(inset * s);
  const [xs, ys, green] = [[], [], []];
  for (let y = edge; y < H - edge; y += stride) {
    for (let x = edge; x < W - edge; x += stride) {
      const i = y * W + x;
      if (mask[i]) continue;
      xs.push(x);
      ys.push(y);
      green.push(d[4 * i + 1] > d[4 * i] ? 1 : 0);
    }
  }
  const n = xs.length;
  const greens = green.reduce((a, b) => a + b, 0);
  const reds = n - greens;
  const diagonal = Math.hypot(W, H);
  const bins = Math.ceil(4 * diagonal) + 2;
  const [rc, gc] = [new Int32Array(bins), new Int32Array(bins)];
  const score = (degrees) => {
    rc.fill(0);
    gc.fill(0);
    const [cos, sin] = [Math.cos(degrees * Math.PI / 180), Math.sin(degrees * Math.PI / 180)];
    for (let k = 0; k < n; k++) {
      const b = Math.floor(2 * (xs[k] * cos + ys[k] * sin + diagonal));
      if (green[k]) gc[b]++; else rc[b]++;
    }
    let [rl, gl, best] = [0, 0, Math.max(reds, greens)];
    for (let b = 0; b < bins; b++) {
      rl += rc[b];
      gl += gc[b];
      best = Math.max(best, rl + (greens - gl), gl + (reds - rl));
    }
    return best;
  };
  let [best, angle] = [-1, 0];
  for (let a = 0; a < 180; a += 1) { const v = score(a); if (v > best) [best, angle] = [v, a]; }
  const coarse = angle;
  for (let a = coarse - 1.5; a <= coarse + 1.5; a += 0.05) { const v = score(a); if (v > best) [best, angle] = [v, a]; }
  const sampled = Math.ceil((H - 2 * edge) / stride) * Math.ceil((W - 2 * edge) / stride);
  return { n, sampled, reds, greens, separable: best / n, angle };
}

const separability = (page) => page.evaluate(fieldSeparability, { selector: '#data', inset: 25, stride: 2 });

test('nonlinearity: with linear activation the boundary stays a line; with ReLU it bends', async () => {
  const page = await lessonPage('nonlinearity');
  assert.equal(await page.locator('#activation').inputValue(), 'linear');
  const linear = await train(page, 150);
  const line = await separability(page);
  await page.locator('#data').screenshot({ path: `${OUTPUT}lesson-nonlinearity-linear.png` });

  await page.selectOption('#activation', 'relu');
  await page.waitForFunction(() => window.descent.get('activation') === 'relu');
  const relu = await train(page, 150);
  const bent = await separability(page);
  await page.locator('#data').screenshot({ path: `${OUTPUT}lesson-nonlinearity-relu.png` });

  // Enough field seen on both sides (measured: 58 % of the sampled pixels,
  // the rest points and lines, on a 282-px canvas; each class 40–60 %), so a
  // one-colour picture cannot pass as "a line".
  for (const [name, f] of [['linear', line], ['relu', bent]]) {
    assert.ok(f.n > 0.4 * f.sampled && f.n > 3000, `${name}: ${f.n} of ${f.sampled} sampled pixels are field`);
    assert.ok(Math.min(f.reds, f.greens) > 0.2 * f.n, `${name}: both classes on the field: ${f.reds} red, ${f.greens} green`);
  }
  // Measured: linear 100.00 % separable by one line (at epochs 0, 50, 150);
  // ReLU 70–72 % (its XOR-shaped field). A staircase or a bend of a few pixels
  // would cost ~0.5 %; the thresholds leave room on both sides.
  assert.ok(line.separable >= 0.995, `linear: ${(line.separable * 100).toFixed(2)} % of the field is on the right side of one line`);
  assert.ok(bent.separable < 0.9, `ReLU: only ${(bent.separable * 100).toFixed(2)} % fits one line`);
  // And the bend is what learns XOR: the linear net stays at chance.
  assert.ok(linear.trainLoss > 0.6 && relu.trainLoss < 0.1, `losses: linear ${linear.trainLoss}, ReLU ${relu.trainLoss}`);
  assert.ok(await shownNumber(page, '#train-loss') < 0.1);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('step batch: the counter says which batch of the epoch, the batch\'s points are ringed, the loss moves', async () => {
  const page = await lessonPage('nonlinearity'); // 200 training points in batches of 10
  assert.ok(await page.locator('#batch-count').isHidden(), 'no batch counter before a single step');
  const loss0 = await shownNumber(page, '#train-loss');
  const yellow = () => colourCount(page, '#data', 141, 141, [255, 210, 63], { radius: 200, tolerance: 40 });
  const unringed = await yellow();
  for (let i = 0; i < 3; i++) await page.click('#step-batch');
  await frames(page);
  await page.waitForFunction(() => !window.descent.needs_render()); // drawn, even if a frame came late
  assert.equal(await text(page, '#batch-count'), 'batch 3 of 20');
  assert.equal(await shownNumber(page, '#epoch'), 0, 'still the first epoch');
  const loss3 = await shownNumber(page, '#train-loss');
  assert.notEqual(loss3, loss0, `the loss after the steps shows: ${loss0} → ${loss3}`);
  // Measured: 0 yellow pixels before; the ten rings of the batch add ~90 each.
  const ringed = await yellow();
  assert.ok(unringed === 0 && ringed > 300, `the batch's points are ringed: ${unringed} → ${ringed} yellow pixels`);
  await page.locator('#data').screenshot({ path: `${OUTPUT}lesson-step-batch.png` });
  await page.click('#step-epoch');
  await frames(page);
  assert.ok(await page.locator('#batch-count').isHidden(), 'an epoch\'s step is not a batch\'s');
  assert.equal(await yellow(), 0, 'and the rings go');
  assert.deepEqual(page.errors, []);
  await page.close();
});

// ---- 4. Will I pass this class?

test('pass: while it trains, the marker on the canvas and the lesson\'s sentence say the same number', async () => {
  // The marker's label is drawn on the data canvas: its text, as last drawn.
  const page = await browser.page('index.html#lesson=pass', undefined, [() => {
    for (const context of [CanvasRenderingContext2D, globalThis.OffscreenCanvasRenderingContext2D].filter(Boolean)) {
      const fillText = context.prototype.fillText;
      context.prototype.fillText = function (text, ...at) {
        if (/P\(pass\)/.test(text)) window.__markerLabel = text;
        return fillText.call(this, text, ...at);
      };
    }
  }]);
  await page.waitForFunction(() => window.descent.lesson_name() === 'pass' && window.__markerLabel);
  await page.evaluate(() => window.descent.set('epochs-per-frame', '3'));
  await page.click('#play');
  const seen = [];
  for (let i = 0; i < 15; i++) {
    await page.waitForTimeout(110);
    // Read between frames, not in the one frame after a render whose words
    // wait for the next (the words' layout and the canvases' go in turns).
    seen.push(await page.evaluate(() => new Promise((done) => {
      const read = () => {
        if (document.querySelector('descent-playground').handle.view.wordsWaiting) requestAnimationFrame(() => setTimeout(read));
        else done([window.__markerLabel, $q('#lesson-text').textContent.trim()]);
      };
      read();
    })));
  }
  await page.click('#play');
  // The label rounds to two places ("≈ 0.13"), the sentence to three digits ("0.131").
  const numbers = seen.map(([label, sentence]) => [/P\(pass\) (?:≈ )?(\S+)$/.exec(label)?.[1], /the network says (\S+)$/.exec(sentence)?.[1]].map(num));
  for (const [i, [onCanvas, inWords]] of numbers.entries()) {
    assert.ok(Math.abs(onCanvas - inWords) <= 0.0051, `reading ${i}: the canvas says ${onCanvas}, the words ${inWords}: ${JSON.stringify(seen)}`);
  }
  // Measured: 8 different numbers in the 15 readings, as training moved "you" from 0.1 up.
  assert.ok(new Set(numbers.map(([n]) => n)).size >= 4, `the number moved while it trained: ${JSON.stringify(numbers)}`);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('pass: "you" at (4, 5) with a live prediction that training moves past 0.5', async () => {
  const page = await lessonPage('pass');
  assert.equal(await text(page, '#axis-x'), 'lectures attended');
  assert.equal(await text(page, '#axis-y'), 'hours on the final project');
  const said = async () => {
    const m = new RegExp(`^you at \\(4, 5\\): the network says (${NUMBER})$`).exec(await text(page, '#lesson-text'));
    assert.ok(m, `the prediction for you: ${await text(page, '#lesson-text')}`);
    const p = num(m[1]);
    const marker = await page.evaluate(() => window.descent.status().markerOutput);
    assert.ok(Math.abs(p - marker) <= 0.0005, `the text ${p} is the network's output ${marker}`);
    return p;
  };
  const before = await said();
  // The lecture's untrained network says 0.1 for you (measured: 0.099).
  assert.ok(Math.abs(before - 0.1) <= 0.03, `you start at ${before}, the lecture's 0.1`);
  await train(page, 5);
  const early = await said();
  await train(page, 95);
  const after = await said();
  // Measured: 0.099 at epoch 0, 0.756 at epoch 100.
  assert.notEqual(early, before, 'a few epochs move the prediction');
  assert.ok(Math.abs(after - before) > 0.05, `training moved it: ${before} → ${after}`);
  assert.ok(after > 0.5, `after 100 epochs you pass: ${after}`);
  assert.deepEqual(page.errors, []);
  await page.close();
});

// ---- 5. The loss landscape.

/** The panel's first line, "step 60: w = 1.403, b = -0.113, J(w, b) = 0.1209" → {step, w, b, J}; the rest is kept as `more`. */
function landscapeText(s) {
  const [first, ...more] = s.split('\n');
  const m = new RegExp(`^step (\\d+): w = (${NUMBER}), b = (${NUMBER}), J\\(w, b\\) = (${NUMBER})$`).exec(first);
  assert.ok(m, `the landscape's text: ${JSON.stringify(s)}`);
  return { step: Number(m[1]), w: num(m[2]), b: num(m[3]), J: num(m[4]), more: more.join('\n') };
}

/** Reloads the landscape lesson, sets the rate with the slider (a power of ten), and walks 50 steps, reading the text each step. */
async function walk(page, log10Rate) {
  await page.evaluate(() => document.getElementById('main').handle.lesson('landscape'));
  if (log10Rate !== null) {
    // The slider steps along 0.00001, 0.00003, 0.0001, …: two stops a power of ten.
    await page.locator('#learning-rate').fill(String(2 * (log10Rate + 5)));
    await frames(page);
  }
  const rate = num(await text(page, '#learning-rate-value'));
  const path = await page.evaluate(async () => {
    const h = document.getElementById('main').handle;
    const texts = [$q('#lesson-text').textContent];
    for (let i = 0; i < 50; i++) {
      await h.step(1);
      texts.push($q('#lesson-text').textContent);
    }
    return texts;
  });
  await frames(page);
  return { rate, path: path.map(landscapeText), state: await page.evaluate(() => window.descent.status().state) };
}
const rises = (path) => path.slice(1).filter((p, i) => p.J > path[i].J).length;

/**
 * The contrast (WCAG) of the text in a box of a canvas (CSS px): the
 * brightest pixels (the 95th percentile of luminance: the white text) against
 * the median (what is behind it).
 */
async function textContrast(page, selector, box) {
  return page.evaluate(({ selector, box }) => {
    const c = $q(selector);
    const s = c.width / c.clientWidth;
    const [x0, y0, w, h] = [box.x, box.y, box.w, box.h].map((v) => Math.round(v * s));
    const d = $seen(c).getContext('2d').getImageData(x0, y0, w, h).data;
    const lin = (v) => { const u = v / 255; return u <= 0.03928 ? u / 12.92 : ((u + 0.055) / 1.055) ** 2.4; };
    const lum = [];
    for (let k = 0; k < d.length; k += 4) lum.push(0.2126 * lin(d[k]) + 0.7152 * lin(d[k + 1]) + 0.0722 * lin(d[k + 2]));
    lum.sort((a, b) => a - b);
    const [text, behind] = [lum[Math.floor(0.95 * (lum.length - 1))], lum[Math.floor(lum.length / 2)]];
    return (Math.max(text, behind) + 0.05) / (Math.min(text, behind) + 0.05);
  }, { selector, box });
}

test('landscape: the axis labels are readable over the surface (contrast ≥ 4.5:1, measured from pixels)', async () => {
  const page = await lessonPage('landscape');
  assert.match(await text(page, '.caption'), /J\(w, b\)/, 'the caption names both parameters');
  const box = await page.locator('#lesson-canvas').boundingBox();
  // "w −3.0 … 6.0" bottom left, "b −4.5 … 4.5" top right: the words' own strip of pixels.
  const w = await textContrast(page, '#lesson-canvas', { x: 8, y: box.height - 15, w: 40, h: 8 });
  const b = await textContrast(page, '#lesson-canvas', { x: box.width - 48, y: 7, w: 40, h: 8 });
  await page.locator('#lesson-canvas').screenshot({ path: `${OUTPUT}lesson-landscape-labels.png` });
  assert.ok(w >= 4.5 && b >= 4.5, `label contrast: w ${w.toFixed(2)}:1, b ${b.toFixed(2)}:1`);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('landscape: J falls along the path, the path is drawn, tiny rates crawl and huge ones overshoot', async () => {
  const page = await lessonPage('landscape');
  const start = landscapeText(await text(page, '#lesson-text'));
  assert.equal(start.step, 0);
  const before = await grab(page, '#lesson-canvas');
  const lesson = await walk(page, null);
  const after = await grab(page, '#lesson-canvas');
  await page.screenshot({ path: `${OUTPUT}lesson-landscape-50.png`, fullPage: true });

  assert.equal(lesson.rate, 0.1, 'the lesson\'s rate');
  assert.deepEqual(lesson.path.map((p) => p.step), [...Array(51).keys()], 'one step per epoch (full batch)');
  const [p0, p1, p50] = [lesson.path[0], lesson.path[1], lesson.path[50]];
  assert.equal(p0.J, start.J);
  // Measured: J 15.3855 → 5.5350 (step 1) → 0.0282 (step 50), never rising.
  assert.ok(p50.J < p1.J && p1.J < p0.J, `J falls: ${p0.J} → ${p1.J} → ${p50.J}`);
  assert.ok(p50.J < 0.2 * p0.J, `J at step 50 is a fraction of the start: ${p50.J}`);
  assert.equal(rises(lesson.path), 0, 'J never rises at the lesson\'s rate');
  // w walks from −1.5 towards the bottom's 0.25 without passing it (printed to 3 decimals, so it may stand still at the end).
  assert.ok(lesson.path.slice(1).every((p, i) => p.w >= lesson.path[i].w && p.w <= 0.3), 'w walks steadily downhill (no overshoot)');
  // The dot moves (two dots of radius 5 px on a square of about 300 px: about
  // 0.17 %, estimated) and a line of the path joins them.
  const drawn = await changedFraction(page, before, after);
  assert.ok(drawn > 0.0018, `the dot moved and the path is drawn: ${(drawn * 100).toFixed(2)} % of #lesson-canvas changed`);

  // Crawling: at 0.0001 (slider −4) J has barely moved after 50 steps.
  const tiny = await walk(page, -4);
  assert.equal(tiny.rate, 0.0001);
  assert.ok(tiny.path[50].J > 0.8 * tiny.path[0].J, `crawls: ${tiny.path[0].J} → ${tiny.path[50].J}`);

  // Huge: 30 is clamped to the largest rate, 10 (the slider's right end).
  const note = await page.evaluate(() => document.getElementById('main').handle.set('learning-rate', '30'));
  assert.match(note ?? '', /10/, `setting 30 says it uses 10: ${note}`);
  // At 1, above 2/λ = 1/3 for this bowl (λ = 2·mean x1² ≈ 6), each step
  // lands further up the other wall than it started: w swings past the
  // bottom (w ≈ 0.25) by more than it started from it, J rises, the run
  // blows up, and the panel says why.
  const huge = await walk(page, 0);
  assert.equal(huge.rate, 1);
  const [h0, h1] = [huge.path[0], huge.path[1]];
  assert.ok(h1.w - 0.25 > 0.25 - h0.w, `overshoots: w ${h0.w} → ${h1.w}`);
  assert.ok(h1.J > h0.J, `J rises: ${h0.J} → ${h1.J}`);
  assert.equal(huge.state, 'diverged', 'the run blows up');
  assert.match(huge.path.at(-1).more, /Diverged: the rate 1 is above 2\/λ = 0\.333/);
  assert.match(h0.more, /The rate 1 is above 2\/λ = 0\.333: each step will overshoot/, 'the panel warns before it happens');
  assert.match(lesson.path[0].more, /rates above 2\/λ = 0\.333 blow up/, 'and at the lesson\'s rate says where the edge is');
  await page.screenshot({ path: `${OUTPUT}lesson-landscape-huge-rate.png`, fullPage: true });
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('landscape: the surface in 3-D stands beside the contour map, crisp, and turns by dragging and by the arrow keys', async () => {
  const page = await lessonPage('landscape');
  const map = await page.locator('#lesson-canvas').boundingBox();
  const surface = await page.locator('#surface-canvas').boundingBox();
  assert.ok(surface.x >= map.x + map.width - 1 && Math.abs(surface.y - map.y) <= 2 && surface.width > 150,
    `beside the map at 1280×800: map ${JSON.stringify(map)}, surface ${JSON.stringify(surface)}`);
  const store = await page.evaluate(() => { const c = $q('#surface-canvas'); return [c.width, c.clientWidth * devicePixelRatio]; });
  assert.ok(Math.abs(store[0] - store[1]) <= 1, `drawn at the pixel ratio: ${store}`);
  assert.match(await page.locator('#surface-canvas').getAttribute('aria-label'), /arrow keys/);
  const start = await grab(page, '#surface-canvas');
  await train(page, 20);
  const walked = await grab(page, '#surface-canvas');
  assert.ok(await changedFraction(page, start, walked) > 0.002, 'the path and the dot move on the surface');
  await page.locator('#surface-canvas').focus();
  await page.keyboard.press('ArrowLeft');
  await frames(page);
  const keyed = await grab(page, '#surface-canvas');
  const byKey = await changedFraction(page, walked, keyed);
  assert.ok(byKey > 0.02, `an arrow key turns it: ${(byKey * 100).toFixed(1)} % changed`);
  const [cx, cy] = [surface.x + surface.width / 2, surface.y + surface.height / 2];
  await page.mouse.move(cx, cy);
  await page.mouse.down();
  await page.mouse.move(cx + 40, cy + 20, { steps: 4 });
  await page.mouse.up();
  await frames(page);
  const dragged = await grab(page, '#surface-canvas');
  const byDrag = await changedFraction(page, keyed, dragged);
  assert.ok(byDrag > 0.02, `a drag turns it: ${(byDrag * 100).toFixed(1)} % changed`);
  await page.locator('#surface-canvas').screenshot({ path: `${OUTPUT}lesson-landscape-3d.png` });
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('landscape: the closing question is answered with the controls: a rate that blows up gets a tick, announced', async () => {
  const page = await lessonPage('landscape');
  const question = page.locator('.question');
  assert.ok(await question.isVisible(), 'the lesson ends with a question');
  assert.match(await text(page, '#question-ask'), /learning rate at which gradient descent blows up/);
  assert.equal(await text(page, '.question-mark'), '?');
  assert.equal(await text(page, '#question-reached'), '', 'not answered at the start');
  assert.equal(await page.locator('#question-reached').getAttribute('aria-live'), 'polite');
  // A rate that converges is no answer.
  await page.locator('#step-epoch').click();
  await frames(page);
  assert.equal(await text(page, '.question-mark'), '?');
  // The slider to 1 (its stops: 0.00001, 0.00003, … two a power of ten), then a step.
  // At 1 each step lands higher up the other wall: a few steps and it has blown up.
  await page.locator('#learning-rate').fill(String(2 * (0 + 5)));
  for (let i = 0; i < 3; i++) await page.locator('#step-epoch').click();
  await frames(page);
  assert.equal(await page.evaluate(() => window.descent.status().state), 'diverged');
  assert.equal(await text(page, '.question-mark'), '✓');
  assert.match(await text(page, '#question-reached'), /^Reached: above 2\/λ/);
  assert.ok(await question.evaluate((el) => el.classList.contains('answered')));
  await page.screenshot({ path: `${OUTPUT}lesson-landscape-question.png` });
  assert.deepEqual(page.errors, []);
  await page.close();
});

/** The landscape race's lines after the first: "Adam: w = 1.811, b = -0.567, J = 0.0913" → {label: {w, b, J}}. */
function raceLines(panel) {
  const runs = {};
  for (const line of panel.split('\n').slice(1)) {
    const m = new RegExp(`^(.+): w = (${NUMBER}), b = (${NUMBER}), J = (${NUMBER})$`).exec(line.trim());
    assert.ok(m, `a run's line: ${JSON.stringify(line)}`);
    runs[m[1]] = { w: num(m[2]), b: num(m[3]), J: num(m[4]) };
  }
  return runs;
}

test('landscape: the optimisers race from one start, each drawing its own path; a run\'s radio shows it', async () => {
  const page = await lessonPage('landscape');
  assert.ok(!(await page.locator('#runs input').count()), 'no race until asked for');
  await page.check('#race-optimizers');
  await frames(page);
  const start = raceLines(await text(page, '#lesson-text'));
  assert.deepEqual(Object.keys(start), ['SGD', 'Momentum', 'RMSProp', 'Adagrad', 'Adam']);
  const first = Object.values(start)[0];
  assert.ok(Object.values(start).every((r) => r.w === first.w && r.b === first.b && r.J === first.J),
    `one start for all: ${JSON.stringify(start)}`);
  // The runs' colours: Momentum orange and Adagrad red stand out from the landscape's
  // yellow-green-blue-purple map. At the start every dot sits under Adam's.
  const box = await page.locator('#lesson-canvas').boundingBox();
  const centre = [box.width / 2, box.height / 2];
  const radius = Math.hypot(...centre);
  const inColour = (rgb) => colourCount(page, '#lesson-canvas', ...centre, rgb, { radius, tolerance: 40 });
  const [orange, red] = [[230, 120, 20], [200, 50, 60]];
  const before = { orange: await inColour(orange), red: await inColour(red) };

  await train(page, 8);
  const runs = raceLines(await text(page, '#lesson-text'));
  await page.screenshot({ path: `${OUTPUT}lesson-landscape-optimizers.png`, fullPage: true });
  const moved = Object.values(runs).filter((r) => r.w !== first.w || r.b !== first.b);
  assert.equal(moved.length, 5, 'every run walked away from the start');
  assert.equal(new Set(Object.values(runs).map((r) => `${r.w},${r.b}`)).size, 5, `each its own way: ${JSON.stringify(runs)}`);
  for (const [name, run] of Object.entries(runs)) assert.ok(run.J < first.J, `${name} went down: ${first.J} → ${run.J}`);
  const after = { orange: await inColour(orange), red: await inColour(red) };
  // Measured: 0 pixels of either colour at the start; orange 195 and red 53 after
  // (Adagrad's path is the shortest).
  for (const c of ['orange', 'red']) {
    assert.ok(after[c] > 25 && after[c] > 4 * before[c], `the ${c} run's path is drawn: ${before[c]} → ${after[c]} pixels`);
  }

  // Choosing a run shows it on the playground: its loss in #train-loss.
  const radios = page.locator('#runs input[type=radio]');
  assert.equal(await radios.count(), 5);
  for (const [i, name] of [[4, 'Adam'], [1, 'Momentum']]) {
    await radios.nth(i).check();
    await frames(page);
    assert.ok(Math.abs(await shownNumber(page, '#train-loss') - runs[name].J) <= 0.0006, `${name} shown`);
  }
  // Unticked: one path again, the session's.
  await page.uncheck('#race-optimizers');
  await frames(page);
  assert.equal((await text(page, '#lesson-text')).split('\n').length, 2, 'its line, and the bowl\'s curvature');
  assert.equal(await page.locator('#runs input').count(), 0);
  assert.deepEqual(page.errors, []);
  await page.close();
});

// ---- 6. Backpropagation.

/**
 * "Mean |dJ/dw| of the weights into each layer: hidden layer 1: 2.44e-5 · … · output: 1.99e-2"
 * → the sizes, the first hidden layer first; the layers named as the diagram's hover names them.
 */
function layerSizes(panel) {
  const line = panel.split('\n')[0];
  assert.match(line, /^Mean \|dJ\/dw\| of the weights into each layer: /);
  const sizes = [...line.matchAll(new RegExp(`(hidden layer \\d+|output): (${NUMBER})`, 'g'))];
  assert.deepEqual(sizes.map((m) => m[1]), [...sizes.slice(1).map((_, i) => `hidden layer ${i + 1}`), 'output']);
  return sizes.map((m) => num(m[2]));
}

/**
 * "For point 1 alone, dJ/dw = dJ/da · da/dz · dz/dw: dJ/da = … · da/dz = … · dz/dw = … = …"
 * → {factors: [{symbol, value, digits}], product}.
 */
function chainText(panel) {
  const line = panel.split('\n').find((l) => l.startsWith('For point 1 alone, dJ/dw = '));
  assert.ok(line, `the chain rule's line: ${JSON.stringify(panel)}`);
  const [symbols, values] = line.slice('For point 1 alone, dJ/dw = '.length).split(': ');
  const pieces = values.split(' · ');
  const last = pieces.pop().split(' = ');
  const product = num(last.pop());
  pieces.push(last.join(' = '));
  const factors = pieces.map((p) => {
    const [symbol, value] = p.split(' = ');
    const decimals = (value.split('.')[1] ?? '').length;
    return { symbol, value: num(value), half: 0.5 * 10 ** -decimals };
  });
  assert.deepEqual(factors.map((f) => f.symbol), symbols.split(' · '), 'the values are of the named factors');
  assert.ok(factors.every((f) => Number.isFinite(f.value)) && Number.isFinite(product), line);
  return { factors, product, line };
}

/** The product of the printed factors must hold the printed result, each factor known to ± half its last digit. */
function assertChainMultiplies(chain) {
  let [lo, hi] = [1, 1];
  for (const f of chain.factors) {
    const ends = [lo * (f.value - f.half), lo * (f.value + f.half), hi * (f.value - f.half), hi * (f.value + f.half)];
    [lo, hi] = [Math.min(...ends), Math.max(...ends)];
  }
  const slack = Math.abs(chain.product) * 1e-4; // the result itself is printed to 5 significant digits
  assert.ok(chain.product >= lo - slack && chain.product <= hi + slack,
    `${chain.line}: the factors multiply to [${lo.toExponential(4)}, ${hi.toExponential(4)}]`);
}

test('backprop: a clicked weight\'s chain-rule factors multiply to its dJ/dw; sigmoid gradients vanish, ReLU\'s do not', async () => {
  const page = await lessonPage('backprop');
  const sigmoidSizes = layerSizes(await text(page, '#lesson-text'));
  assert.equal(sigmoidSizes.length, 5, 'four hidden layers and the output');
  assert.doesNotMatch(await text(page, '#lesson-text'), /layer 5|layer 0/, 'no layer the diagram does not show');
  assert.match(await text(page, '#lesson-text'), /Click a line of the network diagram/);

  // Find a spot on a drawn link (asking the page's own hit test), then start
  // the lesson again and click it like a person.
  // A spot well inside a link's hit area (the same link 2 px to every side),
  // so a click a fraction of a pixel off still lands on it.
  const spot = await page.evaluate(() => {
    const c = $q('#network');
    const pg = window.descent;
    const link = (x, y) => (pg.choose_weight(x, y) ? pg.describe_network(x, y) : null);
    for (let y = 10; y < c.clientHeight - 10; y += 3) {
      for (let x = 10; x < c.clientWidth - 10; x += 3) {
        const here = link(x, y);
        if (here && [[2, 0], [-2, 0], [0, 2], [0, -2]].every(([dx, dy]) => link(x + dx, y + dy) === here)) return { x, y };
      }
    }
    return null;
  });
  assert.ok(spot, 'the diagram has a link to click');
  await page.evaluate(() => document.getElementById('main').handle.lesson('backprop'));
  await frames(page);
  assert.doesNotMatch(await text(page, '#lesson-text'), /^Weight /m);
  // The link is not highlighted until chosen; then it is, in the marker's yellow.
  // Counted once the playground has drawn what it holds (under load a frame can come late).
  const drawn = () => page.waitForFunction(() => !window.descent.needs_render());
  const yellow = () => colourCount(page, '#network', spot.x, spot.y, [255, 210, 63], { radius: 4, tolerance: 40 });
  await drawn();
  const unlit = await yellow();
  await clickAt(page, '#network', spot.x, spot.y);
  await frames(page);
  await drawn();
  const lit = await yellow();
  assert.ok(unlit === 0 && lit > 8, `the clicked link is highlighted: ${unlit} → ${lit} yellow pixels around the click`);
  const clicked = await text(page, '#lesson-text');
  assert.match(clicked, /^Weight (input x\d|hidden layer \d unit \d+) → (hidden layer \d|output) unit \d+: dJ\/dw = \S+ over the 200 training points\.$/m);
  // The hover names the clicked link just as the text does.
  const hover = await page.evaluate(({ x, y }) => window.descent.describe_network(x, y), spot);
  const named = /^Weight (.+): dJ/m.exec(clicked)[1];
  assert.ok(hover.startsWith(`weight ${named}: `), `hover "${hover}" names the link as the text does ("${named}")`);
  assertChainMultiplies(chainText(clicked));

  // Weights in every layer; at least one with all its factors large enough
  // that the check above is tight (measured: layer 3, 2→4: −0.1119 · 0.2068 · 0.5009 = −1.1591e-2).
  let tight = 0;
  for (const [layer, from, to] of [[1, 0, 0], [2, 1, 3], [3, 2, 4], [4, 5, 5], [5, 0, 0]]) {
    assert.ok(await page.evaluate(([l, f, t]) => window.descent.choose_weight_at(l, f, t), [layer, from, to]));
    await frames(page);
    const panel = await text(page, '#lesson-text');
    const below = layer === 1 ? `input x${from + 1}` : `hidden layer ${layer - 1} unit ${from + 1}`;
    const above = layer === 5 ? `output unit ${to + 1}` : `hidden layer ${layer} unit ${to + 1}`;
    assert.match(panel, new RegExp(`^Weight ${below} → ${above}:`, 'm'));
    const chain = chainText(panel);
    assertChainMultiplies(chain);
    if (chain.factors.every((f) => Math.abs(f.value) > 0.01)) tight++;
  }
  assert.ok(tight > 0, 'some weight has all its factors ≥ 0.01');

  const barsSigmoid = await grab(page, '#lesson-canvas');
  await page.selectOption('#activation', 'relu');
  await page.waitForFunction(() => window.descent.get('activation') === 'relu');
  await frames(page);
  const reluSizes = layerSizes(await text(page, '#lesson-text'));
  const barsRelu = await grab(page, '#lesson-canvas');
  // Measured at epoch 0: sigmoid 3.58e-5 … 1.99e-2 (last/first ≈ 560×);
  // ReLU 4.61e-2 … 1.88e-1 (≈ 4×).
  const ratio = (sizes) => sizes.at(-1) / sizes[0];
  assert.ok(ratio(sigmoidSizes) > 10, `sigmoid: layer 1 is ${ratio(sigmoidSizes).toFixed(0)}× smaller than the last (${sigmoidSizes})`);
  assert.ok(ratio(reluSizes) < 10, `ReLU: ${ratio(reluSizes).toFixed(1)}× (${reluSizes})`);
  assert.ok(ratio(sigmoidSizes) > 10 * ratio(reluSizes), 'far less extreme under ReLU');
  assert.ok(await changedFraction(page, barsSigmoid, barsRelu) > 0.001, 'the bars change');
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('backprop: at 1440×900 the diagram to click is on the first screen, above the bars', async () => {
  const page = await browser.page('index.html#lesson=backprop', { width: 1440, height: 900 });
  await page.waitForFunction(() => window.descent.lesson_name() === 'backprop');
  await frames(page);
  const net = await page.locator('#network').boundingBox();
  const bars = await page.locator('#lesson-canvas').boundingBox();
  assert.ok(net.y >= 0 && net.y + net.height <= 900, `the diagram spans y ${net.y}–${net.y + net.height} of 900`);
  assert.ok(bars.y >= net.y + net.height, 'the bars come under the diagram');
  await page.screenshot({ path: `${OUTPUT}lesson-backprop-1440x900.png` });
  assert.deepEqual(page.errors, []);
  await page.close();
});

// ---- 7–9. The races.

test('learning-rate: 0.001 crawls, 0.1 converges, 3 overshoots; a run\'s radio shows its loss', async () => {
  const page = await lessonPage('learning-rate');
  const start = runLines(await text(page, '#lesson-text'));
  assert.deepEqual(Object.keys(start), ['lr 0.001', 'lr 0.1', 'lr 3']);
  const losses0 = Object.values(start).map((r) => r.loss);
  assert.ok(losses0.every((l) => l === losses0[0]), `the same start: ${losses0}`);

  await train(page, 100);
  const runs = runLines(await text(page, '#lesson-text'));
  // Measured at epoch 100: 0.6655 and 0.0095 (from 0.7018); lr 3 blows up at
  // epoch 42 (3.5589, over 3× its start), as the caption says it may.
  const [slow, good, fast] = [runs['lr 0.001'], runs['lr 0.1'], runs['lr 3']];
  assert.ok(slow.loss > 0.9 * losses0[0], `lr 0.001 is still near the start: ${slow.loss}`);
  assert.ok(good.loss < 0.2 * losses0[0] && good.loss < slow.loss && good.loss < fast.loss, `lr 0.1 is lowest: ${good.loss}`);
  assert.ok(fast.diverged || fast.loss > 5 * good.loss, `lr 3 overshoots: ${fast.loss}${fast.diverged ? ' (diverged)' : ''}`);

  const radios = page.locator('#runs input[type=radio]');
  assert.equal(await radios.count(), 3);
  for (const [i, label] of [[1, 'lr 0.1'], [2, 'lr 3'], [0, 'lr 0.001']]) {
    await radios.nth(i).check();
    await frames(page);
    assert.ok(await radios.nth(i).isChecked());
    const shown = await shownNumber(page, '#train-loss');
    // Shown at three significant digits.
    assert.ok(Math.abs(shown - runs[label].loss) <= 0.005 * Math.abs(runs[label].loss) + 1e-4, `${label} shown: #train-loss ${shown}, its line ${runs[label].loss}`);
    // Each run's own epoch: 100, or where a run that blew up stopped.
    const epoch = await shownNumber(page, '#epoch');
    if (runs[label].diverged) assert.ok(epoch > 0 && epoch < 100, `${label} stopped at epoch ${epoch}`);
    else assert.equal(epoch, 100, label);
  }
  await page.screenshot({ path: `${OUTPUT}lesson-learning-rate-100.png`, fullPage: true });
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('optimizers: one start for all; after 50 epochs Adam, RMSProp and momentum are below SGD', async () => {
  const page = await lessonPage('optimizers');
  const start = runLines(await text(page, '#lesson-text'));
  assert.deepEqual(Object.keys(start), ['SGD', 'Momentum', 'RMSProp', 'Adagrad', 'Adam']);
  const losses0 = Object.values(start).map((r) => r.loss);
  assert.ok(losses0.every((l) => l === losses0[0]), `the same start: ${losses0}`);
  await train(page, 50);
  const runs = runLines(await text(page, '#lesson-text'));
  // Measured at epoch 50: SGD 0.5103, momentum 0.0219, RMSProp 0.0004, Adagrad 0.5222, Adam 0.0059.
  for (const name of ['Adam', 'RMSProp', 'Momentum']) {
    assert.ok(runs[name].loss < 0.5 * runs.SGD.loss, `${name} ${runs[name].loss} < SGD ${runs.SGD.loss}`);
  }
  assert.equal(await shownNumber(page, '#epoch'), 50);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('mini-batches: after 10 epochs batch 1 < batch 32 < the full batch', async () => {
  const page = await lessonPage('mini-batches');
  const start = runLines(await text(page, '#lesson-text'));
  assert.deepEqual(Object.keys(start), ['batch 1', 'batch 32', 'batch all']);
  await train(page, 10);
  const runs = runLines(await text(page, '#lesson-text'));
  // Measured: 0.0507 < 0.6412 < 0.6982 (all from 0.7173).
  assert.ok(runs['batch 1'].loss < runs['batch 32'].loss && runs['batch 32'].loss < runs['batch all'].loss,
    `per epoch: ${JSON.stringify(runs)}`);
  assert.ok(runs['batch all'].loss < start['batch all'].loss, 'the full batch moves too, slowly');
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('mini-batches: the chart counts epochs, gradient steps or examples processed; steps show each batch\'s noisy loss', async () => {
  const page = await lessonPage('mini-batches');
  await train(page, 5);
  /** Where each run's curve ends along the chart's axis, and the chart's pixels, after pressing an axis button. */
  const along = async (axis) => {
    await page.locator(`.race-axis button[data-axis=${axis}]`).press('Enter'); // reachable by keyboard
    await frames(page);
    assert.equal(await page.locator(`.race-axis button[data-axis=${axis}]`).getAttribute('aria-pressed'), 'true');
    const runs = await page.evaluate(() => window.descent.lesson_runs().map((r) => [r.label, r.xEnd]));
    return { ends: Object.fromEntries(runs), pixels: await grab(page, '#lesson-canvas') };
  };
  const epochs = await along('epochs');
  const steps = await along('steps');
  const examples = await along('examples');
  await page.locator('#lesson-canvas').screenshot({ path: `${OUTPUT}lesson-mini-batches-steps.png` });
  // 200 training points: batch 1 takes 200 steps an epoch, batch 32 seven, the whole set one.
  assert.deepEqual(epochs.ends, { 'batch 1': 5, 'batch 32': 5, 'batch all': 5 });
  assert.deepEqual(steps.ends, { 'batch 1': 1000, 'batch 32': 35, 'batch all': 5 });
  assert.deepEqual(examples.ends, { 'batch 1': 1000, 'batch 32': 1000, 'batch all': 1000 });
  for (const [a, b] of [[epochs, steps], [steps, examples], [epochs, examples]]) {
    const changed = await changedFraction(page, a.pixels, b.pixels);
    assert.ok(changed > 0.002, `the chart changes with its axis: ${(changed * 100).toFixed(2)} %`);
  }
  // Counted in steps, each batch's loss is drawn faint under batch 1's curve:
  // pale blue pixels (run 1's colour at low alpha on white) appear.
  const pale = async () => page.evaluate(() => {
    const c = $q('#lesson-canvas');
    const d = $seen(c).getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let k = 0; k < d.length; k += 4) if (d[k] > 170 && d[k] < 235 && d[k + 2] > 215 && d[k + 2] - d[k] > 15) n++;
    return n;
  });
  await page.locator('.race-axis button[data-axis=steps]').click();
  await frames(page);
  const noisy = await pale();
  await page.locator('.race-axis button[data-axis=epochs]').click();
  await frames(page);
  const smooth = await pale();
  assert.ok(noisy > 3 * smooth + 100, `the batch losses are drawn when counting steps: ${noisy} pale pixels, ${smooth} per epoch`);
  assert.match(await text(page, '.caption'), /noisy.*whole set.*costs/s, 'the caption says the lecture\'s trade-off');
  assert.deepEqual(page.errors, []);
  await page.close();
});

// ---- 10. Overfitting and early stopping.

/**
 * Steps one epoch at a time inside the page (up to `max`, or until training
 * stops), recording what a person sees each epoch: #epoch, #test-loss, and a
 * checksum of the #data field's pixels (the model's predictions).
 */
async function stepAndWatch(max) {
  const h = document.getElementById('main').handle;
  const field = () => {
    const c = $q('#data');
    const d = $seen(c).getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let sum = 0;
    for (let k = 0; k < d.length; k++) sum = (Math.imul(sum, 31) + d[k]) | 0;
    return sum;
  };
  const seen = [];
  for (let i = 0; i < max; i++) {
    const s = await h.step(1);
    seen.push({ epoch: Number($q('#epoch').textContent), test: Number($q('#test-loss').textContent), field: field() });
    if (s.state !== 'training') break;
  }
  return seen;
}

test('overfitting: the test loss ends above its minimum; early stopping stops, names and restores the best epoch', async () => {
  const page = await lessonPage('overfitting');
  const plain = await page.evaluate(stepAndWatch, 300);
  assert.equal(plain.length, 300, 'plain training runs on');
  const final = await shownNumber(page, '#test-loss');
  const best = Math.min(...plain.map((e) => e.test));
  const status = await page.evaluate(() => window.descent.status());
  // Measured: the test loss bottoms at 0.353 (epoch 20) and ends at 1.994 (epoch 300),
  // while the training loss falls to 0.026.
  assert.ok(final > 1.5 * best, `the test loss shown at the end (${final}) is above its minimum (${best})`);
  assert.ok(status.bestEpoch < status.epoch, `best epoch ${status.bestEpoch} < ${status.epoch}`);
  assert.equal(plain[status.bestEpoch - 1].test, best, 'the best epoch is where the shown test loss was lowest');
  assert.ok(await shownNumber(page, '#train-loss') < plain[status.bestEpoch - 1].test, 'the training loss went on falling');
  await page.screenshot({ path: `${OUTPUT}lesson-overfitting-300.png`, fullPage: true });

  // Early stopping with patience 50, typed like a person; Reset; train.
  await page.locator('#early-stopping').fill('');
  await page.locator('#early-stopping').pressSequentially('50');
  await page.keyboard.press('Tab');
  await page.waitForFunction(() => String(window.descent.get('early-stopping')) === '50');
  await page.click('#reset');
  await page.waitForFunction(() => window.descent.status().epoch === 0);
  const watched = await page.evaluate(stepAndWatch, 400);
  await frames(page);
  const stopped = watched.at(-1);
  const min = Math.min(...watched.map((e) => e.test));
  const bestAt = watched.find((e) => e.test === min);
  await page.screenshot({ path: `${OUTPUT}lesson-overfitting-early-stopping.png`, fullPage: true });

  assert.ok(watched.length < 400, `training stopped by itself at epoch ${stopped.epoch}`);
  assert.equal(await page.evaluate(() => window.descent.status().state), 'early-stopped');
  assert.ok(await page.locator('#banner').isVisible(), 'a banner tells why it stopped');
  const banner = await text(page, '#banner-text');
  const named = /^Early stopping: the test loss has not improved since epoch (\d+); its weights are restored\.$/.exec(banner);
  assert.ok(named, `the banner: ${banner}`);
  assert.equal(Number(named[1]), bestAt.epoch, 'the banner names the epoch of the lowest test loss shown');
  assert.equal(stopped.epoch, bestAt.epoch + 50, 'it stopped after 50 epochs without improvement');
  // The weights are restored: the field drawn now is the one drawn at the best epoch.
  assert.equal(stopped.field, bestAt.field, 'the field at the stop is the best epoch\'s field');
  assert.notEqual(watched.at(-2).field, bestAt.field, '(and not the field of the epoch before the stop)');
  // …so the test loss shown must be that epoch's, the minimum.
  const shown = await shownNumber(page, '#test-loss');
  assert.equal(shown, min, `after early stopping #test-loss shows ${shown}: the restored weights' test loss is the minimum ${min} (epoch ${bestAt.epoch})`);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('a lesson with neither a panel nor words of its own shows no empty strip', async () => {
  for (const name of ['nonlinearity', 'overfitting']) {
    const page = await lessonPage(name);
    assert.ok(await page.locator('.lesson-panel').isHidden(), `${name}: no empty lesson panel`);
    await page.close();
  }
  const page = await lessonPage('pass');
  assert.ok(await page.locator('.lesson-panel').isVisible(), 'pass: its words about "you" show');
  assert.match(await page.locator('#lesson-text').textContent(), /you at \(4, 5\)/);
  await page.close();
});
