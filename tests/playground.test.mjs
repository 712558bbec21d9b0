// End-to-end tests of the built page (dist/): a person clicking, typing and
// looking. Reads window.descent only to wait for state or for a number the
// page also shows. Run: node --test --test-concurrency=1 tests/
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  start, OUTPUT, DEEP_QUERY, frames, clickAt, colourCount, grab, changedFraction, shownNumber,
} from './browser.mjs';
import { PHONE } from './words.mjs';

/** The class colours the page draws points in (crate/src/view/colors.rs). */
const RED = [214, 69, 65];
const GREEN = [46, 158, 79];
const BLUE = [52, 110, 214];
/** A dot drawn at a spot covers ~40 pixels near its colour; the pale field none. */
const DOT = 10;

let browser;
before(async () => { browser = await start(); });
after(async () => { await browser?.stop(); });

const withPage = (body, viewport) => browser.withPage(body, viewport);

const points = (page) => page.evaluate(() => window.descent.status().points);
const classRadio = (page, value) => page.locator('label', { has: page.locator(`input[name=class][value="${value}"]`) });

/** The number shown as the epoch, once it reaches `n`. */
async function waitForEpoch(page, n) {
  await page.waitForFunction(
    (n) => Number($q('#epoch').textContent.replace(/,/g, '')) >= n, n,
    { timeout: 20_000 },
  );
}

async function dotsAt(page, x, y) {
  const [red, green, blue] = await Promise.all([RED, GREEN, BLUE].map((c) => colourCount(page, '#data', x, y, c)));
  return { red, green, blue };
}

test('the page loads from gzipped files, as a static host sends them: the wasm arrives compressed, and unchanged it is not sent again', async () => {
  const page = await browser.browser.newPage();
  try {
    const sent = new Map();
    page.on('response', (r) => sent.set(new URL(r.url()).pathname, r));
    await page.goto(`${browser.base}index.html`);
    await page.waitForFunction(() => window.descent?.status().epoch === 0);
    const wasm = sent.get('/pkg/descent_bg.wasm');
    assert.equal(wasm?.headers()['content-encoding'], 'gzip');
    const { transferSize, decodedBodySize } = await page.evaluate(() => performance.getEntriesByType('resource')
      .find((e) => e.name.endsWith('descent_bg.wasm')).toJSON());
    assert.ok(transferSize < decodedBodySize / 2, `${transferSize} bytes sent for ${decodedBodySize}`);
    assert.equal(sent.get('/descent.js')?.headers()['content-encoding'], 'gzip');
    // Loaded again, an unchanged file is "not modified": nothing to fetch or compile anew.
    const etag = wasm.headers().etag;
    assert.ok(etag, 'the wasm has an ETag');
    const again = await fetch(`${browser.base}pkg/descent_bg.wasm`, { headers: { 'if-none-match': etag } });
    assert.equal(again.status, 304);
  } finally {
    await page.close();
  }
});

test('the wasm modules write numbers with the crate\'s own writer: core\'s (7 KB of the gzipped download) is not in them', () => {
  // The first entry of core's table of cached powers of ten (Grisu), as the
  // wasm stores it: one `{}` of a float in the page's code brings it back
  // (a build that wrote numbers with core's writer had it, in both modules).
  const table = Buffer.from('df451a3d03cf1ae6', 'hex');
  for (const name of ['descent_bg.wasm', 'descent_code_bg.wasm']) {
    const wasm = readFileSync(new URL(`../dist/pkg/${name}`, import.meta.url));
    assert.equal(wasm.indexOf(table), -1, `core's float writer is in ${name}`);
  }
});

test('placing points: click adds the selected class, shift-click the other', () => withPage(async (page) => {
  await page.click('#clear');
  await page.waitForFunction(() => window.descent.status().points === 0);
  await frames(page);
  const left = [[60, 90], [130, 90], [60, 200], [130, 200], [60, 310], [130, 310]];
  const right = left.map(([x, y]) => [x + 180, y]);
  const [shiftRed, shiftGreen] = [[200, 40], [200, 320]];
  for (const [x, y] of [...left, ...right, shiftRed, shiftGreen]) {
    assert.deepEqual(await dotsAt(page, x, y), { red: 0, green: 0, blue: 0 }, `no dot at (${x}, ${y}) after Clear`);
  }

  await classRadio(page, 0).click();
  assert.ok(await page.getByRole('radio', { name: 'Red class' }).isChecked());
  for (const [x, y] of left) await clickAt(page, '#data', x, y);
  await classRadio(page, 1).click();
  assert.ok(await page.getByRole('radio', { name: 'Green class' }).isChecked());
  for (const [x, y] of right) await clickAt(page, '#data', x, y);
  await frames(page);

  assert.equal(await points(page), 12);
  for (const [x, y] of left) {
    const seen = await dotsAt(page, x, y);
    assert.ok(seen.red >= DOT && seen.green === 0, `red dot at (${x}, ${y}): ${JSON.stringify(seen)}`);
  }
  for (const [x, y] of right) {
    const seen = await dotsAt(page, x, y);
    assert.ok(seen.green >= DOT && seen.red === 0, `green dot at (${x}, ${y}): ${JSON.stringify(seen)}`);
  }

  // Green is selected: shift-click adds red. Then with red selected, shift-click adds green.
  await clickAt(page, '#data', ...shiftRed, { shift: true });
  await classRadio(page, 0).click();
  await clickAt(page, '#data', ...shiftGreen, { shift: true });
  await frames(page);
  assert.equal(await points(page), 14);
  const r = await dotsAt(page, ...shiftRed);
  assert.ok(r.red >= DOT && r.green === 0, `shift-click with green selected drew red: ${JSON.stringify(r)}`);
  const g = await dotsAt(page, ...shiftGreen);
  assert.ok(g.green >= DOT && g.red === 0, `shift-click with red selected drew green: ${JSON.stringify(g)}`);
}));

test('training: settings apply, the loss falls and the colour field moves', () => withPage(async (page) => {
  await page.selectOption('#activation', 'relu');
  assert.equal(await page.evaluate(() => window.descent.get('activation')), 'relu');
  // With the keyboard: one step right on the learning rate's 1-3 ladder (0.03 → 0.1), two on dropout (0 → 0.1).
  await page.focus('#learning-rate');
  await page.keyboard.press('ArrowRight');
  assert.equal(await page.locator('#learning-rate-value').textContent(), '0.1');
  await page.focus('#dropout');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  assert.equal(await page.locator('#dropout-value').textContent(), '0.1');
  assert.equal(await page.evaluate(() => window.descent.get('dropout')), '0.1');
  await frames(page);

  assert.equal(await page.locator('#epoch').textContent(), '0');
  const lossBefore = await shownNumber(page, '#train-loss');
  assert.ok(Number.isFinite(lossBefore), `a training loss is shown before training: ${lossBefore}`);

  await page.click('#play');
  assert.equal(await page.locator('#play').getAttribute('aria-label'), 'Pause');
  await waitForEpoch(page, 3);
  const early = await grab(page, '#data');
  await waitForEpoch(page, 51);
  const late = await grab(page, '#data');
  await page.click('#play');
  assert.equal(await page.locator('#play').getAttribute('aria-label'), 'Play');

  // Paused: the epoch stays put.
  await frames(page);
  const epoch = await shownNumber(page, '#epoch');
  assert.ok(epoch > 50, `epoch ${epoch}`);
  await frames(page, 10);
  assert.equal(await shownNumber(page, '#epoch'), epoch);

  const lossAfter = await shownNumber(page, '#train-loss');
  assert.ok(lossAfter < lossBefore - 0.05, `training loss went from ${lossBefore} to ${lossAfter}`);
  const changed = await changedFraction(page, early, late);
  assert.ok(changed > 0.05, `only ${(changed * 100).toFixed(1)}% of the data canvas changed while training`);
}));

/**
 * Watches the playground's renders for `ms`: those whose timings have a
 * `part` (painted it themselves) count as "here", the others showed what
 * the worker painted.
 */
async function watchRenders(page, ms, part, within) {
  return page.evaluate(({ ms, part, within }) => new Promise((done) => {
    const pg = window.descent;
    const proto = Object.getPrototypeOf(pg);
    const renders = { here: 0, worker: 0 };
    pg.render = function () {
      const r = proto.render.call(this);
      const parts = proto.render_timings.call(this);
      // A render drawn in halves counts only where it drew `within`.
      if (!within || within in parts) renders[part in parts ? 'here' : 'worker']++;
      return r;
    };
    setTimeout(() => { delete pg.render; done(renders); }, ms);
  }), { ms, part, within });
}

/** Plays for `ms`, noting which renders painted the colour field themselves; pauses after. */
async function playAndWatchRenders(page, ms) {
  await page.click('#play');
  const seen = await watchRenders(page, ms, 'field grid');
  await page.click('#play');
  await frames(page);
  return seen;
}

test('while it trains the other core paints the pictures (a Web Worker); without workers the page paints them itself', async () => {
  const setUp = async (page) => {
    await page.selectOption('#preset', 'spiral');
    await page.evaluate(() => window.descent.set('hidden', '8,8,8,8,8,8'));
    await frames(page);
  };
  for (const workers of [true, false]) {
    const page = await browser.page('index.html', undefined, [workers
      // Counts the snapshots sent to the worker and those that hand it back
      // the last pictures' arrays (to be filled again) with their pixels.
      ? () => {
        window.__sent = { snapshots: 0, withSpare: 0 };
        const post = Worker.prototype.postMessage;
        Worker.prototype.postMessage = function (message, transfer) {
          if (message?.snapshot) window.__sent.snapshots++; // not the rings, sent on their own
          if (message?.spare?.units?.byteLength > 0 && message.spare.field.byteLength > 0) window.__sent.withSpare++;
          return post.call(this, message, transfer);
        };
      }
      : () => { window.Worker = undefined; }]);
    await setUp(page);
    const before = await grab(page, '#data');
    const renders = await playAndWatchRenders(page, 2000);
    const after = await grab(page, '#data');
    const moved = await changedFraction(page, before, after);
    assert.ok(moved > 0.02, `${workers ? 'worker' : 'no worker'}: the field moved (${(moved * 100).toFixed(1)} % of pixels)`);
    if (workers) {
      assert.equal(page.workers().length, 1, 'one painter for the one playground');
      // Measured: all 101 renders in 2 s showed the worker's pictures (the one or
      // two painted here before its first pictures arrive come before the watch).
      assert.ok(renders.worker > 3 * renders.here, `the worker painted most frames: ${JSON.stringify(renders)}`);
      // All but the first snapshot carry the arrays back (measured: 94 of 95).
      const sent = await page.evaluate(() => window.__sent);
      assert.ok(sent.snapshots > 10 && sent.withSpare >= sent.snapshots - 2, `the pictures' arrays go back to the worker: ${JSON.stringify(sent)}`);
    } else {
      assert.equal(renders.worker, 0, `no worker, so every frame paints here: ${JSON.stringify(renders)}`);
      assert.ok(renders.here > 10, JSON.stringify(renders));
    }
    // Paused: the last picture is painted here, in full.
    assert.ok('field grid' in await page.evaluate(() => window.descent.render_timings()), 'the paused field is painted here');
    assert.deepEqual(page.errors, []);
    await page.close();
  }
});

test('canvases drawn now and then are handed to the page whole, once per drawing; those drawn at every frame while training (the diagram, the loss, a lesson\'s panels) are drawn on themselves; without OffscreenCanvas (Safari before 16.4) every one is', async () => {
  // Counts the pictures each page canvas is handed.
  const countHanded = () => {
    window.__handed = {};
    const hand = ImageBitmapRenderingContext.prototype.transferFromImageBitmap;
    ImageBitmapRenderingContext.prototype.transferFromImageBitmap = function (bitmap) {
      window.__handed[this.canvas.id] = (window.__handed[this.canvas.id] ?? 0) + 1;
      return hand.call(this, bitmap);
    };
  };
  for (const offscreen of [true, false]) {
    const page = await browser.page('index.html', undefined, offscreen ? [countHanded] : [countHanded, () => { delete window.OffscreenCanvas; }]);
    await frames(page);
    const mode = await page.evaluate(() => ['data', 'rings', 'network', 'loss'].map((id) => $q(`#${id}`).getContext('2d') === null));
    // After a handover the next drawing costs the canvas a new picture: the
    // diagram and the loss, drawn at every frame while training, are not.
    assert.deepEqual(mode, offscreen ? [true, true, false, false] : [false, false, false, false], `handed over: data, rings, network, loss`);
    // A click's point shows.
    const box = await page.locator('#data').boundingBox();
    const before = await dotsAt(page, box.width * 0.9, box.height * 0.1);
    await clickAt(page, '#data', box.width * 0.9, box.height * 0.1);
    await frames(page);
    const after = await dotsAt(page, box.width * 0.9, box.height * 0.1);
    assert.ok(after.green > before.green + DOT, `the new point (green, the class selected) shows: ${JSON.stringify({ before, after })}`);
    // Training: the field moves; the points' canvas, unchanged, is not handed again.
    await page.evaluate(() => { window.__handed = {}; });
    const grabbed = await grab(page, '#data');
    const renders = await playAndWatchRenders(page, 2000);
    const moved = await changedFraction(page, grabbed, await grab(page, '#data'));
    assert.ok(moved > 0.02, `the field moved (${(moved * 100).toFixed(1)} % of pixels)`);
    const handed = await page.evaluate(() => window.__handed);
    if (offscreen) {
      assert.ok(renders.worker + renders.here > 20 && (handed.data ?? 0) <= 2, `the points' canvas was handed at most twice (paused again) in ${JSON.stringify({ renders, handed })}`);
      assert.ok(handed.rings >= 1 && handed.rings <= Math.ceil(2000 / 200) + 2, `the rings, each time they were stamped: ${JSON.stringify(handed)}`);
      assert.deepEqual(Object.keys(handed).filter((id) => id !== 'data' && id !== 'rings'), [], `only the points and rings are handed over: ${JSON.stringify(handed)}`);
      // Lessons: one whose panel moves at every frame while training (its
      // canvas is never handed over), and one whose marker reads the
      // network's output (the reading follows every 200 ms, as the words do).
      for (const lesson of ['learning-rate', 'pass']) {
        await page.evaluate((name) => { location.hash = `lesson=${name}`; }, lesson);
        await page.waitForFunction((name) => $q('#lesson-text')?.offsetHeight > 0 && window.descent.lesson_name() === name, lesson);
        await frames(page);
        await page.evaluate(() => { window.__handed = {}; });
        const lessonRenders = await playAndWatchRenders(page, 2000);
        const lessonHanded = await page.evaluate(() => window.__handed);
        const seen = JSON.stringify({ lesson, lessonRenders, lessonHanded });
        assert.ok(lessonRenders.worker + lessonRenders.here > 20, `it trained and drew: ${seen}`);
        assert.deepEqual(Object.keys(lessonHanded).filter((id) => id !== 'data' && id !== 'rings'), [], `only the points and rings are handed over: ${seen}`);
        assert.ok((lessonHanded.data ?? 0) <= Math.ceil(2000 / 200) + 2, `the points' canvas at most every 200 ms: ${seen}`);
      }
    } else assert.deepEqual(handed, {});
    assert.deepEqual(page.errors, []);
    await page.close();
  }
});

/** Fraction of pixels between the diagram's first two hidden columns that are link-coloured (saturated). */
async function linkPixels(page) {
  return page.evaluate(() => {
    const [a, b] = window.descent.hidden_columns();
    const c = $q('#network');
    const s = c.width / c.clientWidth;
    const [x0, x1] = [Math.round((a + 12) * s), Math.round((b - 12) * s)];
    const d = $seen(c).getContext('2d').getImageData(x0, 0, x1 - x0, c.height).data;
    let coloured = 0;
    for (let k = 0; k < d.length; k += 4) {
      if (Math.max(d[k], d[k + 1], d[k + 2]) - Math.min(d[k], d[k + 1], d[k + 2]) > 60) coloured++;
    }
    return coloured / (d.length / 4);
  });
}

test('a crowded diagram: while it trains the worker draws its thousand links too, and they move; without workers the page draws them', async () => {
  for (const workers of [true, false]) {
    const page = await browser.browser.newPage({ viewport: { width: 1280, height: 800 } });
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.addInitScript(DEEP_QUERY);
    if (!workers) await page.addInitScript(() => { window.Worker = undefined; });
    await page.goto(`${browser.base}index.html`);
    await page.waitForFunction(() => window.descent !== undefined);
    await page.evaluate(() => { window.descent.set('hidden', '32,32'); window.descent.set('learning-rate', '0.3'); });
    await frames(page);
    const still = await linkPixels(page);
    await page.click('#play');
    const seen = await watchRenders(page, 1500, 'links', 'network diagram');
    const early = await grab(page, '#network');
    const training = await linkPixels(page);
    await page.waitForTimeout(700);
    const late = await grab(page, '#network');
    const moved = await changedFraction(page, early, late);
    await page.click('#play');
    await frames(page);
    const label = workers ? 'worker' : 'no worker';
    // Measured: 53% of the band is link-coloured at the start, 22% after 1.5 s of
    // training, with and without the worker; 0.8–1.0% of the diagram changed in 0.7 s.
    assert.ok(still > 0.03, `${label}: links drawn before training (${(still * 100).toFixed(1)}%)`);
    assert.ok(training > 0.03, `${label}: links drawn while training (${(training * 100).toFixed(1)}%)`);
    assert.ok(moved > 0.005, `${label}: the links moved while training (${(moved * 100).toFixed(2)}% of pixels)`);
    if (workers) assert.ok(seen.worker > 3 * seen.here, `the worker drew the links of most frames: ${JSON.stringify(seen)}`);
    else assert.ok(seen.worker === 0 && seen.here > 10, `every frame drew its links here: ${JSON.stringify(seen)}`);
    // Paused, the worker's links (of weights a frame or two old) give way to
    // links drawn here; without it, the last frame's already show these weights.
    if (workers) assert.ok('links' in await page.evaluate(() => window.descent.render_timings()), 'paused, the links are drawn here');
    assert.deepEqual(errors, []);
    await page.close();
  }
});

test('a render too long for a frame draws in halves while training, the data canvas and the diagram in turn, and whole once paused', () => withPage(async (page) => {
  // The largest network on a very slow CPU (16× throttling): its render
  // takes about 12 to 40 ms, around and above the 12 ms at which renders go
  // in halves (at 8× here it took 5 to 15 ms, and halves came only now and then).
  const cdp = await page.context().newCDPSession(page);
  await page.evaluate(() => {
    window.descent.load_preset('spiral', 1000, 0);
    window.descent.set('hidden', '32,32,32,32,32,32,32,32');
  });
  await frames(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 16 });
  try {
    const [data, diagram] = [await grab(page, '#data'), await grab(page, '#network')];
    await page.click('#play');
    const renders = await page.evaluate(() => new Promise((done) => {
      const pg = window.descent;
      const proto = Object.getPrototypeOf(pg);
      const seen = [];
      let due = false;
      pg.words_due = function () { due = true; return proto.words_due.call(this); };
      pg.render = function () {
        const r = proto.render.call(this);
        const parts = proto.render_timings.call(this);
        seen.push([('marker' in parts), ('network diagram' in parts), due]);
        due = false;
        return r;
      };
      setTimeout(() => { delete pg.render; delete pg.words_due; done(seen); }, 4000);
    }));
    await page.click('#play');
    await frames(page);
    const halves = renders.slice(2); // after the first, whole, renders measured the cost
    const onlyData = halves.filter(([d, n]) => d && !n).length;
    const onlyDiagram = halves.filter(([d, n]) => !d && n).length;
    assert.ok(onlyData >= 3 && onlyDiagram >= 3, `renders in halves: ${JSON.stringify(renders)}`);
    assert.ok(halves.every(([d, n]) => d || n), 'every render draws something');
    // The render the words follow draws the data canvas: its rings, marker and
    // confusion matrices are of the weights the words are.
    const followed = halves.filter(([, , due]) => due);
    assert.ok(followed.length >= 3 && followed.every(([d]) => d), `the words' renders draw the data: ${JSON.stringify(renders)}`);
    // Both halves moved with training.
    assert.ok(await changedFraction(page, data, await grab(page, '#data')) > 0.01, 'the field moved');
    assert.ok(await changedFraction(page, diagram, await grab(page, '#network')) > 0.005, 'the diagram moved');
    // Paused: the last render is whole.
    const last = await page.evaluate(() => Object.keys(window.descent.render_timings()));
    assert.ok(last.includes('marker') && last.includes('network diagram'), JSON.stringify(last));
  } finally {
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
  }
}));

/** Pixels of the data canvas as dark as a misclassified point's ring (the tick labels are fewer). */
async function darkPixels(page) {
  return page.evaluate(() => {
    const c = $q('#data');
    const d = $seen(c).getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let k = 0; k < d.length; k += 4) if (Math.max(d[k], d[k + 1], d[k + 2]) < 70) n++;
    return n;
  });
}

test('misclassified points are ringed, the rings go as training fixes them, and training leaves the points layer alone', () => withPage(async (page) => {
  await page.evaluate(() => window.descent.set('epochs-per-frame', '5'));
  await frames(page);
  const accuracy = async () => shownNumber(page, '#train-accuracy');
  const before = { dark: await darkPixels(page), accuracy: await accuracy() };
  await page.click('#play');
  const seen = await page.evaluate(() => new Promise((done) => {
    const pg = window.descent;
    const proto = Object.getPrototypeOf(pg);
    const renders = { frames: 0, points: 0, rings: 0 };
    pg.render = function () {
      const r = proto.render.call(this);
      const parts = proto.render_timings.call(this);
      renders.frames++;
      if ('points' in parts) renders.points++;
      if ('rings' in parts) renders.rings++;
      return r;
    };
    setTimeout(() => { delete pg.render; done(renders); }, 2500);
  }));
  await page.click('#play');
  await frames(page);
  const after = { dark: await darkPixels(page), accuracy: await accuracy() };
  // Measured: 41% → 100% accuracy; 1,179 → 0 dark pixels; of 143 frames, none
  // stamped the points again and 32 the rings (4–5 since they wait 200 ms).
  assert.ok(after.accuracy > before.accuracy + 10, `training fixed points: ${JSON.stringify({ before, after })}`);
  assert.ok(before.dark > 300 && after.dark < before.dark / 4, `the rings went with the mistakes: ${JSON.stringify({ before, after })}`);
  assert.ok(seen.frames > 20 && seen.points <= 1, `the points were not stamped again while training: ${JSON.stringify(seen)}`);
  // While training, changed rings wait 200 ms since they were last stamped
  // (each stamping is a whole canvas for the browser to take in): at most
  // one in 200 ms of the 2.5 s, and paused (above) they are exact.
  assert.ok(seen.rings >= 1 && seen.rings <= Math.ceil(2500 / 200) + 1, `the rings were stamped again, at most every 200 ms: ${JSON.stringify(seen)}`);

  // A new point is stamped at once.
  const box = await page.locator('#data').boundingBox();
  await clickAt(page, '#data', box.width * 0.1, box.height * 0.1);
  await frames(page);
  assert.ok('points' in await page.evaluate(() => window.descent.render_timings()), 'the new point was stamped');
}));

test('while it trains the worker stamps the rings, and the page\'s core only shows them; paused, the page stamps them; if the worker cannot, the page does', async () => {
  // Counts the rings sent to the worker and the pictures this page's core
  // takes from its own OffscreenCanvases (the worker's are not seen here).
  const spy = () => {
    window.__rings = { sent: 0, takenHere: 0 };
    const post = Worker.prototype.postMessage;
    Worker.prototype.postMessage = function (message, transfer) {
      if (message?.rings) {
        window.__rings.sent++;
        // The worker cannot stamp what is not a message of rings.
        if (window.__garbleRings) message = { ...message, rings: new Float64Array([1, 2]) };
      }
      return post.call(this, message, transfer);
    };
    const take = OffscreenCanvas.prototype.transferToImageBitmap;
    OffscreenCanvas.prototype.transferToImageBitmap = function () {
      window.__rings.takenHere++;
      return take.call(this);
    };
  };
  // On a desktop screen, on Windows at 125 %, a Retina laptop, a phone
  // (ratio 3, touch), and with a worker that cannot stamp them.
  const { viewport: phone, ...phoneDevice } = PHONE;
  const screens = [
    [false],
    [false, { width: 1366, height: 768 }, { deviceScaleFactor: 1.25 }],
    [false, { width: 1440, height: 900 }, { deviceScaleFactor: 2 }],
    [false, phone, phoneDevice],
    [true],
  ];
  for (const [garble, viewport, device] of screens) {
    const page = await browser.page('index.html', viewport, [spy, garble ? () => { window.__garbleRings = true; } : () => {}], device);
    const warnings = [];
    page.on('console', (m) => { if (m.type() === 'warning') warnings.push(m.text()); });
    await frames(page);
    const before = await darkPixels(page);
    await page.evaluate(() => { window.__rings = { sent: 0, takenHere: 0 }; });
    await page.click('#play');
    await page.waitForTimeout(1500);
    // While it plays: rings shown (dark outlines), from the worker or from here.
    const dark = await darkPixels(page);
    // What was sent and stamped while it played, read as it pauses (in one
    // task: a frame between the two could send more).
    const counts = await page.evaluate(() => {
      document.querySelector('descent-playground').handle.pause();
      return { ...window.__rings };
    });
    const playing = { dark, ...counts };
    await frames(page);
    const seen = JSON.stringify({ garble, ratio: device?.deviceScaleFactor ?? 1, before, playing, warnings });
    assert.ok(before > 300 && playing.dark > 100, `the rings show, before and while it plays: ${seen}`);
    assert.ok(playing.sent >= 1, `rings went to the worker: ${seen}`);
    if (!garble) {
      // Measured: 8 sent in 1.5 s, and nothing taken here.
      assert.ok(playing.takenHere <= 2, `the rings were not stamped on the page's core: ${seen}`);
      assert.deepEqual(warnings, []);
    } else {
      // The worker said it could not: the page's core stamps them from then on (measured: 1 sent, 7 stamped here).
      assert.ok(playing.sent <= 2 && playing.takenHere >= 3, `the page stamped the rings itself: ${seen}`);
      assert.ok(warnings.some((w) => w.includes('stamping the rings on the page')), seen);
    }
    // Paused, none are sent; back from the worker, they are stamped here
    // afresh (what was sent last may never have come back).
    const paused = await page.evaluate(() => window.__rings);
    assert.equal(paused.sent, playing.sent, `paused: none sent: ${JSON.stringify({ seen, paused })}`);
    if (!garble) assert.ok(paused.takenHere > playing.takenHere, `paused: stamped here: ${JSON.stringify({ seen, paused })}`);
    assert.deepEqual(page.errors, []);
    await page.close();
  }
});

test('while it plays, the numbers follow the canvases every 200 ms, written in the next frame before it trains (where frames run long, in a frame of their own); paused, or answering a click, at once', () => withPage(async (page) => {
  await page.evaluate(() => window.descent.set('epochs-per-frame', '1'));
  await page.click('#play');
  await frames(page, 10);
  // What happens in which frame for 2 s: renders (those the words follow
  // marked), training, and the words written. `slow`: each render the words
  // follow runs 60 ms over, so the next frame comes late and the training
  // budget is cut.
  const watch = (slow) => page.evaluate((slow) => new Promise((done) => {
    const pg = window.descent;
    const proto = Object.getPrototypeOf(pg);
    const view = document.querySelector('descent-playground').handle.view;
    // Frames counted by a callback of our own: it runs once in every frame,
    // in the same order against the page's, so a count names a frame.
    let frame = 0;
    let finished = false;
    const count = () => { frame++; if (!finished) requestAnimationFrame(count); };
    requestAnimationFrame(count);
    const events = [];
    const stale = [];
    let due = false;
    pg.words_due = function () { due = true; return proto.words_due.call(this); };
    pg.render = function () {
      const drawn = proto.render.call(this);
      events.push([due ? 'words render' : 'render', frame]);
      if (due && slow) for (const t = performance.now(); performance.now() - t < 60;);
      due = false;
      return drawn;
    };
    pg.train_frame = function (ms) { events.push(['train', frame]); return proto.train_frame.call(this, ms); };
    view.showWords = function (status) {
      Object.getPrototypeOf(view).showWords.call(this, status);
      events.push(['write', frame]);
      // What a student reads is the network as it is at that moment.
      const shown = Number($q('#epoch').textContent.replace(/,/g, ''));
      if (shown !== pg.status().epoch) stale.push([shown, pg.status().epoch]);
    };
    setTimeout(() => {
      finished = true;
      for (const name of ['words_due', 'render', 'train_frame']) delete pg[name];
      delete view.showWords;
      done({ events, stale });
    }, 2000);
  }), slow);
  for (const slow of [false, true]) {
    const { events, stale } = await watch(slow);
    const writes = events.filter(([what]) => what === 'write');
    const summary = JSON.stringify(events);
    // Written every frame, the words cost a phone a quarter of its frame time.
    assert.ok(events.filter(([what]) => what.endsWith('render')).length > (slow ? 5 : 20), `the canvases were drawn every frame: ${summary}`);
    assert.ok(writes.length >= 3 && writes.length <= Math.ceil(2000 / 200) + 1, `the epoch shown followed, at most every 200 ms: ${summary}`);
    // (The first may follow a render from before the watch began.)
    for (const write of writes.filter((w) => events.indexOf(w) > 0)) {
      const f = write[1];
      const before = events.slice(0, events.indexOf(write));
      // One frame of both the render and the words' layout took three refreshes on a phone.
      assert.ok(before.some(([what, at]) => what === 'words render' && at === f - 1), `the words of frame ${f} follow the render before: ${summary}`);
      assert.ok(!before.some(([what, at]) => what !== 'write' && at === f), `the words go first in frame ${f}: ${summary}`);
      if (slow) assert.ok(!events.some(([what, at]) => what !== 'write' && at === f), `where frames run long, frame ${f} only writes the words: ${summary}`);
    }
    assert.deepEqual(stale, [], 'the epoch written is the network\'s as it is then');
  }
  // A click is answered in the next frame: Reset weights shows its epoch at once.
  const answered = await page.evaluate(() => new Promise((done) => {
    $q('#reset').click();
    requestAnimationFrame(() => requestAnimationFrame(() => done({
      shown: Number($q('#epoch').textContent.replace(/,/g, '')), epoch: window.descent.status().epoch,
    })));
  }));
  assert.ok(answered.shown <= answered.epoch && answered.epoch - answered.shown <= 2, `the reset showed at once: ${JSON.stringify(answered)}`);
  // Paused, the numbers are exact.
  await frames(page, 30);
  await page.click('#play');
  await frames(page);
  const epoch = await page.evaluate(() => window.descent.status().epoch);
  assert.ok(epoch > 10);
  assert.equal(await shownNumber(page, '#epoch'), epoch);
}));

test('undo and redo: right-click erases, Undo brings the point back, Clear can be undone', () => withPage(async (page) => {
  const [x, y] = [45, 45]; // a corner the circle preset leaves empty
  const n0 = await points(page);
  assert.ok(n0 > 0);
  assert.equal(await page.evaluate(([x, y]) => window.descent.point_at(x, y), [x, y]), -1, 'the spot starts empty');
  assert.ok(await page.locator('#undo').isDisabled(), 'nothing to undo on a fresh page');
  await frames(page);
  assert.equal((await dotsAt(page, x, y)).red, 0);

  await classRadio(page, 0).click();
  await clickAt(page, '#data', x, y);
  await frames(page);
  assert.equal(await points(page), n0 + 1);
  assert.ok((await dotsAt(page, x, y)).red >= DOT, 'the new red dot shows');
  assert.ok(await page.locator('#undo').isEnabled());

  await clickAt(page, '#data', x, y, { button: 'right' });
  await frames(page);
  assert.equal(await points(page), n0, 'right-click erased one point');
  assert.equal((await dotsAt(page, x, y)).red, 0, 'the erased dot is gone');

  await page.click('#undo');
  await frames(page);
  assert.equal(await points(page), n0 + 1, 'undo restored the point');
  assert.ok((await dotsAt(page, x, y)).red >= DOT, 'the dot shows again after undo');

  await page.click('#redo');
  await frames(page);
  assert.equal(await points(page), n0, 'redo erased it again');
  assert.equal((await dotsAt(page, x, y)).red, 0);
  assert.ok(await page.locator('#redo').isDisabled(), 'nothing more to redo');

  await page.click('#undo');
  await page.click('#clear');
  await frames(page);
  assert.equal(await points(page), 0);
  assert.equal((await dotsAt(page, x, y)).red, 0, 'Clear removed the dot');
  await page.click('#undo');
  await frames(page);
  assert.equal(await points(page), n0 + 1, 'Clear was undone');
  assert.ok((await dotsAt(page, x, y)).red >= DOT, 'the dot is back after undoing Clear');

  // Ctrl+Z works from the keyboard too.
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Control+z');
  await frames(page);
  assert.equal(await points(page), n0, 'Ctrl+Z undid adding the point');
  assert.equal((await dotsAt(page, x, y)).red, 0);
}));

test('divergence: a huge learning rate stops training with a banner, Reset weights recovers', () => withPage(async (page) => {
  await page.selectOption('#optimizer', 'sgd');
  await page.click('#add-layer');
  await page.click('#add-layer');
  assert.equal(await page.locator('#layer-count').textContent(), '4');
  await page.$eval('#learning-rate', (el) => { el.value = el.max; el.dispatchEvent(new Event('input', { bubbles: true })); });
  assert.equal(await page.locator('#learning-rate-value').textContent(), '10');
  assert.ok(await page.locator('#banner').isHidden());

  await page.click('#play');
  await page.locator('#banner').waitFor({ state: 'visible', timeout: 20_000 });
  const text = await page.locator('#banner-text').textContent();
  assert.match(text, /learning rate/i);
  assert.match(text, /\b10\b/, 'the banner names the rate');
  assert.ok(await page.locator('#banner-reset').isVisible());
  assert.equal(await page.locator('#play').getAttribute('aria-label'), 'Play', 'the play button went back to Play');

  // Training has stopped: the epoch stays put, even when asked for another epoch.
  const epoch = await shownNumber(page, '#epoch');
  await frames(page, 10);
  assert.equal(await shownNumber(page, '#epoch'), epoch);
  await page.click('#step-epoch');
  await frames(page);
  assert.equal(await shownNumber(page, '#epoch'), epoch);
  await page.screenshot({ path: `${OUTPUT}diverged.png` });

  // Still responsive: a slider moves and shows its value; hovering the data describes the spot.
  await page.focus('#dropout');
  await page.keyboard.press('ArrowRight');
  assert.equal(await page.locator('#dropout-value').textContent(), '0.05');
  const box = await page.locator('#data').boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.move(box.x + box.width / 2 + 5, box.y + box.height / 2 + 5);
  assert.match(await page.locator('#hover').textContent(), /\(.*\) →/);

  await page.click('#banner-reset');
  await frames(page);
  assert.equal(await page.locator('#epoch').textContent(), '0');
  assert.ok(await page.locator('#banner').isHidden(), 'the banner went away');
  assert.equal(await page.locator('#learning-rate-value').textContent(), '10', 'reset keeps the settings');

  // With a sane rate it trains again.
  await page.$eval('#learning-rate', (el) => { el.value = '6'; el.dispatchEvent(new Event('input', { bubbles: true })); });
  assert.equal(await page.locator('#learning-rate-value').textContent(), '0.01');
  await page.click('#step-epoch');
  await frames(page);
  assert.equal(await page.locator('#epoch').textContent(), '1');
  assert.ok(await page.locator('#banner').isHidden());
}));

const SETTINGS = ['hidden', 'activation', 'layer-activations', 'features', 'classes', 'learning-rate',
  'optimizer', 'batch-size', 'dropout', 'regularization', 'regularization-rate', 'test-fraction',
  'early-stopping', 'seed', 'epochs-per-frame', 'stop-after', 'noise'];
const settings = (page) => page.evaluate((names) => Object.fromEntries(names.map((n) => [n, window.descent.get(n)])), SETTINGS);

test('bad input: refused with a message or clamped with a note, nothing else changes', () => withPage(async (page) => {
  await frames(page);
  const settingsBefore = await settings(page);
  const pointsBefore = await points(page);
  const pictureBefore = await grab(page, '#data');

  const message = await page.evaluate(() => {
    try { window.descent.set('learning-rate', 'abc'); return 'accepted'; } catch (e) { return e.message; }
  });
  assert.equal(message, "learning rate: 'abc' is not a number");
  assert.equal(await page.locator('#learning-rate-value').textContent(), '0.03');

  // Emptying the batch size and leaving the field is refused; the field shows the old value.
  await page.locator('#batch-size').fill('');
  await page.keyboard.press('Tab');
  assert.equal(await page.locator('#note').textContent(), "batch size: '' is not a number");
  assert.equal(await page.locator('#batch-size').inputValue(), '10');

  // Zero is clamped to one, with a note saying so.
  await page.locator('#batch-size').fill('0');
  await page.keyboard.press('Tab');
  const note = await page.locator('#note').textContent();
  assert.match(note, /batch size/);
  assert.match(note, /0 is outside 1 to 5000; using 1/);
  assert.equal(await page.locator('#batch-size').inputValue(), '1');

  assert.deepEqual(await settings(page), { ...settingsBefore, 'batch-size': '1' });
  assert.equal(await points(page), pointsBefore);
  await frames(page);
  const pictureAfter = await grab(page, '#data');
  assert.equal(await changedFraction(page, pictureBefore, pictureAfter, 0), 0, 'the data canvas looks the same');
}));

// The field shows the clamped value even while it keeps the focus.
test('bad input: a clamped value committed with Enter shows the clamped value', () => withPage(async (page) => {
  await page.locator('#batch-size').fill('0');
  await page.locator('#batch-size').press('Enter');
  assert.match(await page.locator('#note').textContent(), /using 1/);
  await page.locator('#batch-size').blur();
  assert.equal(await page.locator('#batch-size').inputValue(), '1');
}));

test('screenshots: desktop after training, phone, three classes', async () => {
  await withPage(async (page) => {
    await page.click('#play');
    await waitForEpoch(page, 150);
    await page.click('#play');
    await frames(page, 3);
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 1280));
    await page.screenshot({ path: `${OUTPUT}main-desktop.png` });
  });

  await withPage(async (page) => {
    await frames(page);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 390, `the phone page is ${width}px wide, wider than its 390px screen`);
    const box = await page.locator('#data').boundingBox();
    assert.ok(box.x >= 0 && box.x + box.width <= 390 && box.width > 250, `the data canvas fits: ${JSON.stringify(box)}`);
    await page.screenshot({ path: `${OUTPUT}main-phone.png`, fullPage: true });
  }, { width: 390, height: 844 });

  await withPage(async (page) => {
    assert.ok(await classRadio(page, 2).isHidden(), 'no blue swatch with two classes');
    await page.selectOption('#classes', '3');
    assert.ok(await classRadio(page, 2).isVisible(), 'the blue swatch appears');
    assert.ok(await page.locator('#legend .extra3').isVisible(), 'the legend lists blue');
    await classRadio(page, 2).click();
    const spots = [[40, 40], [75, 40], [40, 75], [310, 40], [310, 75], [275, 40]];
    for (const [x, y] of spots) await clickAt(page, '#data', x, y);
    await frames(page);
    assert.equal(await page.evaluate(() => window.descent.status().classes), 3);
    for (const [x, y] of spots) {
      const seen = await dotsAt(page, x, y);
      assert.ok(seen.blue >= DOT && seen.red === 0 && seen.green === 0, `blue dot at (${x}, ${y}): ${JSON.stringify(seen)}`);
    }
    await page.click('#play');
    await waitForEpoch(page, 100);
    await page.click('#play');
    await frames(page, 3);
    await page.screenshot({ path: `${OUTPUT}three-classes.png` });
  });
});

test('accessibility: every control has a name; the main ones are found by it', () => withPage(async (page) => {
  const controls = await page.evaluate(() => {
    const nameOf = (el) => {
      const aria = el.getAttribute('aria-label')?.trim();
      if (aria) return aria;
      const by = el.getAttribute('aria-labelledby');
      if (by) {
        const text = by.split(/\s+/).map((id) => el.getRootNode().getElementById(id)?.textContent.trim() ?? '').join(' ').trim();
        if (text) return text;
      }
      const labels = [...(el.labels ?? [])].map((l) => l.textContent.trim()).filter(Boolean);
      if (labels.length) return labels.join(' ');
      if (el.tagName === 'BUTTON') return el.textContent.trim();
      return '';
    };
    const all = $all('input, select, button, textarea');
    return { count: all.length, unnamed: all.filter((el) => !nameOf(el)).map((el) => el.outerHTML.slice(0, 120)) };
  });
  assert.ok(controls.count > 40, `found only ${controls.count} controls`);
  assert.deepEqual(controls.unnamed, [], 'controls without an accessible name');

  const expect = [
    [page.getByRole('slider', { name: 'Learning rate', exact: true }), 'learning-rate'],
    [page.getByRole('combobox', { name: 'Activation', exact: true }), 'activation'],
    [page.getByRole('slider', { name: 'Dropout rate', exact: true }), 'dropout'],
    [page.getByRole('spinbutton', { name: 'Batch size', exact: true }), 'batch-size'],
    [page.getByLabel('Learning rate', { exact: true }), 'learning-rate'],
    [page.getByLabel('Activation', { exact: true }), 'activation'],
    [page.getByLabel('Dropout rate', { exact: true }), 'dropout'],
    [page.getByLabel('Batch size', { exact: true }), 'batch-size'],
    [page.getByRole('button', { name: 'Play', exact: true }), 'play'], // not Replay
  ];
  for (const [locator, id] of expect) {
    assert.equal(await locator.count(), 1, `one control named like #${id}`);
    assert.equal(await locator.getAttribute('id'), id);
  }
  // The named control is the working one: choosing by name changes the setting.
  await page.getByLabel('Activation', { exact: true }).selectOption('sigmoid');
  assert.equal(await page.evaluate(() => window.descent.get('activation')), 'sigmoid');
  await page.getByRole('spinbutton', { name: 'Batch size', exact: true }).fill('25');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => window.descent.get('batch-size')), '25');
}));
