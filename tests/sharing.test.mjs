// End-to-end tests of carrying an experiment out of the page: the network as
// code. Run: node --test --test-concurrency=1 tests/
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, frames } from './browser.mjs';

let browser;
before(async () => { browser = await start(); });
after(async () => { await browser?.stop(); });

const withPage = (body, viewport) => browser.withPage(body, viewport);

test('show as code: the settings chosen on the page appear in tf.keras and PyTorch', () => withPage(async (page) => {
  await page.getByLabel('Optimizer').selectOption('adam');
  await page.getByLabel('Activation', { exact: true }).selectOption('relu');
  await page.locator('#batch-size').fill('32');
  await page.locator('#batch-size').press('Tab');
  await page.locator('#add-layer').click(); // a third hidden layer of 2 units
  await page.getByRole('button', { name: 'Show as code' }).click();
  const dialog = page.locator('#code-dialog');
  await dialog.waitFor({ state: 'visible' });

  const keras = await shownProgram(page);
  assert.match(keras, /import tensorflow as tf/);
  assert.match(keras, /tf\.keras\.optimizers\.Adam\(learning_rate=0\.03, beta_1=0\.9, beta_2=0\.999, epsilon=1e-7\)/);
  assert.equal((keras.match(/Dense\(\d+, activation="relu"/g) ?? []).length, 3, 'three relu hidden layers');
  assert.match(keras, /batch_size=32/);

  await page.getByRole('tab', { name: 'PyTorch', exact: true }).click();
  const torch = await shownProgram(page);
  assert.match(torch, /import torch/);
  assert.match(torch, /nn\.Linear\(2, 4\), nn\.ReLU\(\),\n {4}nn\.Linear\(4, 2\), nn\.ReLU\(\),\n {4}nn\.Linear\(2, 2\), nn\.ReLU\(\),\n {4}nn\.Linear\(2, 1\),/);
  assert.match(torch, /torch\.optim\.Adam\(model\.parameters\(\), lr=0\.03, betas=\(0\.9, 0\.999\), eps=1e-7\)/);
  assert.match(torch, /split\(32\)/);

  await page.getByRole('button', { name: 'Close' }).click();
  await dialog.waitFor({ state: 'hidden' });
}));

test('show as code: "PyTorch, this run", and the dialog downloads program.py and points.csv', () => withPage(async (page) => {
  await page.evaluate(() => window.descent.set('dropout', '0.2'));
  await page.getByRole('button', { name: 'Show as code' }).click();
  const dialog = page.locator('#code-dialog');
  await dialog.waitFor({ state: 'visible' });
  await page.getByRole('tab', { name: 'PyTorch, this run' }).click();
  assert.equal(await page.getByRole('tab', { name: 'PyTorch, this run' }).getAttribute('aria-selected'), 'true');
  const code = await shownProgram(page);
  assert.match(code, /page_random = PageRandom\(0x[0-9a-f]+\)/, 'the page\'s generator');
  assert.match(code, /PageDropout\(0\.2, page_random\)/, 'the page\'s dropout masks');
  assert.match(code, /^initial = \[$/m, 'the page\'s initial weights');
  assert.match(code, /"Download points\.csv" button/, 'the comment names the button as the page labels it');

  const program = await downloadFrom(page, '#download-program');
  assert.equal(program.name, 'program.py');
  assert.equal(program.bytes.toString('utf8'), code, 'the program shown is the one saved');

  const points = await downloadFrom(page, '#download-points');
  assert.equal(points.name, 'points.csv', 'the name the programs read');
  const lines = points.bytes.toString('utf8').trim().split('\n');
  assert.equal(lines[0], 'x1,x2,label,test');
  assert.ok(lines.length > 100, 'a line per point');
  assert.equal(points.bytes.toString('utf8'), await page.evaluate(() => window.descent.points_csv()), 'the points as they are');
  assert.ok(await dialog.isVisible(), 'downloading keeps the dialog open');
}));

/**
 * The program the code dialog shows once it is written: the code export's
 * module is fetched on first use, and the dialog says "Writing the program…"
 * until then.
 */
async function shownProgram(page) {
  await page.waitForFunction(() => /^import /m.test($q('#code').textContent));
  return page.locator('#code').textContent();
}

/** How many times the page fetched the code export's wasm. */
const codeFetches = (page) => page.evaluate(() => performance.getEntriesByType('resource')
  .filter((e) => new URL(e.name).pathname.endsWith('/descent_code_bg.wasm')).length);

test('show as code: the code export is fetched on first use, once for all the page\'s programs', () => withPage(async (page) => {
  await page.click('#step-epoch');
  await frames(page, 4);
  assert.equal(await codeFetches(page), 0, 'a page that has not shown code has not fetched its module');
  await page.getByRole('button', { name: 'Show as code' }).click();
  assert.match(await shownProgram(page), /import tensorflow as tf/);
  for (const tab of ['PyTorch', 'PyTorch, this run']) {
    await page.getByRole('tab', { name: tab, exact: true }).click();
    assert.match(await shownProgram(page), /import torch/);
  }
  await page.getByRole('button', { name: 'Close' }).click();
  await page.getByRole('button', { name: 'Show as code' }).click();
  await shownProgram(page);
  assert.equal(await codeFetches(page), 1, 'fetched once');
}));

test('show as code: a code export that cannot be fetched says so, keeps the scene, and is tried again', async () => {
  const page = await browser.page();
  try {
    await page.evaluate(() => window.descent.set('learning-rate', '0.3'));
    const scene = await page.evaluate(() => window.descent.save_text());
    await page.route('**/descent_code_bg.wasm', (route) => route.abort());
    await page.getByRole('button', { name: 'Show as code' }).click();
    await page.waitForFunction(() => /could not be written/.test($q('#code').textContent));
    assert.ok(await page.locator('#copy-code').isDisabled() && await page.locator('#download-program').isDisabled(),
      'no program to copy or download');
    assert.equal(await page.evaluate(() => window.descent.save_text()), scene, 'the scene as it was');
    await page.getByRole('button', { name: 'Close' }).click();

    await page.unroute('**/descent_code_bg.wasm');
    await page.getByRole('button', { name: 'Show as code' }).click();
    assert.match(await shownProgram(page), /learning_rate=0\.3/, 'the second try writes the program');
    assert.ok(await page.locator('#copy-code').isEnabled(), 'a program to copy');
    assert.ok(page.errors.every((e) => /descent_code|Failed to load resource/.test(e)), page.errors.join('\n'));
  } finally {
    await page.close();
  }
});

/** Clicks `button` and returns the downloaded file's name and bytes. */
async function downloadFrom(page, button) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click(button)]);
  const { readFile } = await import('node:fs/promises');
  return { name: download.suggestedFilename(), bytes: await readFile(await download.path()) };
}

test('saving: the trained model as JSON and the boundary as PNG', () => withPage(async (page) => {
  await page.click('#step-epoch');
  await frames(page);
  const model = await downloadFrom(page, '#export-model');
  assert.equal(model.name, 'descent-model.json');
  const json = JSON.parse(model.bytes.toString('utf8'));
  assert.equal(json.format, 'descent-model');
  assert.deepEqual(json.inputs, ['x1', 'x2']);
  assert.deepEqual(json.layers.map((l) => [l.units, l.activation]), [[4, 'tanh'], [2, 'tanh'], [1, 'sigmoid']]);
  assert.deepEqual(json.layers.map((l) => [l.weights.length, l.weights[0].length]), [[2, 4], [4, 2], [2, 1]]);
  // The weights are the live ones: the diagram's hover shows the same first bias.
  const bias = json.layers[0].biases[0];
  assert.ok(Number.isFinite(bias) && bias !== 0, 'trained biases are not all zero');

  const png = await downloadFrom(page, '#export-png');
  assert.equal(png.name, 'descent-boundary.png');
  assert.deepEqual([...png.bytes.subarray(1, 4)].map((c) => String.fromCharCode(c)).join(''), 'PNG');
  const width = png.bytes.readUInt32BE(16);
  const canvasWidth = await page.evaluate(() => $q('#data').width);
  assert.equal(width, canvasWidth, 'the PNG is the data canvas at its full resolution');
  // And it is the picture a student sees: the colour field beneath the points (a canvas of its own on the page), opaque all over.
  const seen = await page.evaluate(async (base64) => {
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const image = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
    const ctx = new OffscreenCanvas(image.width, image.height).getContext('2d');
    ctx.drawImage(image, 0, 0);
    const d = ctx.getImageData(0, 0, image.width, image.height).data;
    let opaque = 0;
    const colours = new Set();
    for (let k = 0; k < d.length; k += 4) {
      if (d[k + 3] === 255) opaque++;
      if (k % (4 * 97) === 0) colours.add((d[k] << 16) | (d[k + 1] << 8) | d[k + 2]);
    }
    return { opaque: opaque / (d.length / 4), colours: colours.size };
  }, png.bytes.toString('base64'));
  assert.ok(seen.opaque > 0.97 && seen.colours >= 8, `the PNG shows the field: ${(seen.opaque * 100).toFixed(1)}% opaque, ${seen.colours} colours`);
}));

test('a copied link opens the same points and settings, and the same run', async () => {
  const a = await browser.page('index.html');
  await a.getByLabel('Optimizer').selectOption('adam');
  await a.locator('#batch-size').fill('16');
  await a.locator('#batch-size').press('Tab');
  await a.getByLabel('Dropout rate').fill('0.2'); // a range input: sets and fires input
  await a.click('#copy-link');
  await a.waitForFunction(() => location.hash.length > 100);
  const link = a.url();
  assert.ok(link.length < 2000, `a link for 200 points is short: ${link.length} characters`);

  const b = await browser.page(link.slice(browser.base.length));
  for (const name of ['optimizer', 'batch-size', 'dropout', 'hidden', 'activation', 'seed', 'learning-rate']) {
    assert.equal(await b.evaluate((n) => window.descent.get(n), name), await a.evaluate((n) => window.descent.get(n), name), name);
  }
  assert.equal(await b.evaluate(() => window.descent.status().points), await a.evaluate(() => window.descent.status().points));
  assert.equal(await b.locator('#optimizer').inputValue(), 'adam', 'the controls show the linked settings');

  // The same seed and points: after the same epochs, the same losses to the last printed digit.
  await a.click('#reset');
  for (const page of [a, b]) {
    for (let i = 0; i < 5; i++) await page.click('#step-epoch');
    await frames(page);
  }
  for (const id of ['#epoch', '#train-loss', '#test-loss', '#train-accuracy']) {
    assert.equal(await b.locator(id).textContent(), await a.locator(id).textContent(), id);
  }
  assert.equal(await a.locator('#epoch').textContent(), '5');
  assert.deepEqual([...a.errors, ...b.errors], []);
  await a.close();
  await b.close();
});

test('a broken link is refused with a message and the page keeps its own scene', async () => {
  const page = await browser.page('index.html#v=1&learning-rate=abc&hidden=4,99&data=7.%%%');
  const note = await page.locator('#note').textContent();
  assert.match(note, /learning rate: 'abc' is not a number/);
  assert.match(note, /using 32/);
  assert.equal(await page.evaluate(() => window.descent.get('hidden')), '4,32');
  assert.ok(await page.evaluate(() => window.descent.status().points) > 0, 'points are still there');
  assert.deepEqual(page.errors, []);
  await page.close();
});
