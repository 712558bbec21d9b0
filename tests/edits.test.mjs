// End-to-end tests of edits and links that must neither lose the user's
// points nor freeze or kill the page: undo across a class change, a huge
// domain, an empty training set, Copy link and the saved scene, hashes of
// other pages, and text too long to hand to the playground.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, frames, clickAt } from './browser.mjs';

let browser;
before(async () => { browser = await start(); });
after(async () => { await browser?.stop(); });

const note = async (page) => (await page.locator('#note').textContent()).trim();
const status = (page) => page.evaluate(() => window.descent.status());
const pointsOf = (page) => page.evaluate(() => window.descent.points_json());
const classRadio = (page, value) => page.locator('label', { has: page.locator(`input[name=class][value="${value}"]`) });

/** Loads a file through the page's "Load points…" file chooser. */
async function upload(page, name, text) {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.click('#import-points')]);
  await chooser.setFiles({ name, mimeType: 'text/plain', buffer: Buffer.from(text) });
  await frames(page, 3);
}

/** Plays for a few frames and pauses; returns the epoch reached. */
async function play(page) {
  await page.click('#play');
  await page.waitForFunction(() => window.descent.status().epoch >= 3, null, { timeout: 5000 });
  await page.click('#play');
  return (await status(page)).epoch;
}

test('undo after switching a class off brings it back, and Play trains', () => browser.withPage(async (page) => {
  await page.selectOption('#classes', '4');
  await classRadio(page, 3).click();
  await clickAt(page, '#data', 60, 60); // an orange point
  await frames(page);
  const withOrange = await pointsOf(page);
  await page.selectOption('#classes', '3');
  assert.match(await note(page), /removed 1 points of the classes switched off/);
  await page.click('#undo');
  await frames(page);
  assert.match(await note(page), /undo: Classes back to 4/);
  assert.equal(await page.locator('#classes').inputValue(), '4', 'the control shows the class back');
  assert.equal(await pointsOf(page), withOrange, 'the orange point is back');
  assert.ok(await play(page) >= 3, 'Play trains (it panicked in softmax before)');
  await page.click('#redo');
  await page.click('#undo');
  assert.ok(await play(page) >= 3, 'and still after redo and undo');
}));

test('a domain a million wide is shown clamped, and redraws in a few milliseconds', async () => {
  const started = Date.now();
  const page = await browser.page('index.html#domain=-1000000,1000000,-1000000,1000000');
  const loaded = Date.now() - started;
  assert.match(await note(page), /domain: -1000000,1000000,-1000000,1000000 reaches beyond ±1000.*using -1000,1000,-1000,1000/);
  const ms = await page.evaluate(() => {
    const pg = window.descent;
    const times = [];
    for (let i = 0; i < 5; i++) {
      pg.resize(); // everything drawn again, ticks and all
      const t = performance.now();
      pg.render();
      times.push(performance.now() - t);
    }
    return times.sort((a, b) => a - b)[2];
  });
  console.log(`# huge domain: page ready in ${loaded} ms, median redraw ${ms.toFixed(1)} ms`);
  assert.ok(ms < 250, `a redraw took ${ms} ms (6.6 s before the ticks were bounded)`);
  assert.ok(loaded < 5000, `the page took ${loaded} ms to load`);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('an empty training set asks for points, and once they are placed Play trains', async () => {
  const page = await browser.page('index.html#preset=none&data=0');
  await frames(page);
  let s = await status(page);
  assert.equal(s.state, 'empty', s.message);
  assert.doesNotMatch(await page.locator('#banner-text').textContent(), /blew up|learning rate/);
  for (const [x, y] of [[60, 60], [200, 80], [90, 220], [260, 240], [150, 150], [230, 120]]) {
    await clickAt(page, '#data', x, y);
  }
  await frames(page);
  assert.ok(await play(page) >= 3, 'Play trains without a reset');
  // Clear, then change the activation: still a state, not a divergence.
  await page.click('#clear');
  await page.selectOption('#activation', 'relu');
  await frames(page);
  s = await status(page);
  assert.equal(s.state, 'empty', s.message);
  await page.click('#undo');
  assert.ok(await play(page) >= 3);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('Copy link leaves the points where they are and says what the link cannot hold; a reload restores them exactly', async () => {
  const page = await browser.page();
  await upload(page, 'far.csv', 'x1,x2,label\n1000,1000,1\n0.5,0.25,0\n-1.123456,2.5,1\n3,3,0\n');
  const points = await pointsOf(page);
  assert.match(points, /"x1": 1000, "x2": 1000/);
  await page.click('#copy-link');
  await page.waitForFunction(() => /link/i.test($q('#note').textContent));
  assert.match(await note(page), /^The link cannot hold 1 of the points where they are, so far outside the area/);
  assert.equal(await pointsOf(page), points, 'Copy link changed no point');
  const scene = await page.evaluate(() => document.querySelector('descent-playground').handle.scene());
  assert.equal(scene.linkNotes.length, 1);
  assert.match(scene.linkNotes[0], /cannot hold 1 of the points/, 'a script is told too');
  assert.deepEqual(scene.points[0], { x1: 1000, x2: 1000, label: 1, test: scene.points[0].test });
  assert.equal((await status(page)).canUndo, true);
  await page.waitForTimeout(1300); // kept every second
  assert.ok((await page.evaluate(() => location.hash)).length > 100, 'the address holds the link');
  await page.reload(); // the address holds the link made from the saved scene: the saved scene wins
  await page.waitForFunction(() => window.descent !== undefined);
  assert.match(await note(page), /Restored your last playground/);
  assert.equal(await pointsOf(page), points, 'the saved scene holds every point exactly');
  await page.goto(`${browser.base}index.html`);
  await page.waitForFunction(() => window.descent !== undefined);
  assert.equal(await pointsOf(page), points, 'and so it does without the link');
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('a hash that holds no scene leaves the saved scene alone', async () => {
  const page = await browser.page();
  await page.selectOption('#preset', 'spiral');
  await clickAt(page, '#data', 40, 40);
  await page.waitForTimeout(1300); // kept every second
  const mine = await pointsOf(page);
  for (const hash of ['utm_source=x', 'section=2']) {
    await page.evaluate((h) => { location.hash = h; }, hash);
    await frames(page, 3);
    assert.match(await note(page), /holds no setting of a scene/, hash);
    assert.equal(await pointsOf(page), mine, `#${hash} changed the points`);
    await page.reload();
    await page.waitForFunction(() => window.descent !== undefined);
    assert.match(await note(page), /holds no setting of a scene.*Restored your last playground/, hash);
    assert.equal(await pointsOf(page), mine, `#${hash} on loading replaced the saved scene`);
    assert.equal(await page.locator('#preset').inputValue(), 'spiral');
  }
  // A lesson link with more in it loads the lesson and says what it ignored.
  await page.evaluate(() => { location.hash = 'lesson=perceptron&seed=3'; });
  await frames(page, 3);
  assert.equal(await page.evaluate(() => window.descent.lesson_name()), 'perceptron');
  assert.match(await note(page), /'seed=3' was ignored/);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('text too long for a scene is refused before it reaches the playground; notes print numbers briefly', () => browser.withPage(async (page) => {
  const result = await page.evaluate(async () => {
    const { default: init } = await import('./pkg/descent.js');
    const memory = () => init().then((wasm) => wasm.memory.buffer.byteLength);
    const handle = document.querySelector('descent-playground').handle;
    const before = await memory();
    const huge = `v=1&axes=${'x'.repeat(50_000_000)},y`;
    const refusals = [];
    for (const scene of [huge, { text: huge }, { settings: { seed: huge } }, { points: Array(2_000_000).fill({ x1: 1, x2: 2, label: 0 }) }]) {
      try {
        refusals.push(String(handle.load(scene)));
      } catch (e) {
        refusals.push(e.message);
      }
    }
    document.querySelector('descent-playground').setAttribute('scene', huge);
    return { grew: (await memory()) - before, refusals, note: $q('#note').textContent, rate: handle.set('learning-rate', '1e308') };
  });
  assert.equal(result.grew, 0, 'wasm memory did not grow');
  assert.match(result.refusals[0], /longer than the 100,000 characters/);
  assert.match(result.refusals[1], /longer than the 100,000 characters/);
  assert.match(result.refusals[2], /seed: a value of 50,000,011 characters is not a setting/);
  assert.match(result.refusals[3], /points: .* characters of points are more than the 4,000,000 read/);
  assert.match(result.note, /The scene attribute could not be read: the text is longer than the 100,000 characters/);
  assert.equal(result.rate, 'learning rate: 1e308 is outside 0.00001 to 10; using 10');
  assert.ok(await page.evaluate(() => window.descent.status().points) > 0, 'the points are still there');
}));
