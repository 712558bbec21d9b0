// What a student does on the page, in Firefox or WebKit (DESCENT_ENGINE):
// place, drag and erase points, play and pause, step, reset, every control,
// Copy link and back, save and load a file. Read back as the Chromium tests
// do: from the pixels drawn and the text shown.
// Run: DESCENT_ENGINE=webkit node --test tests/engines/student.test.mjs
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, test, ENGINE, savePng } from './engines.mjs';
import { KEY } from './webdriver.mjs';

/** The class colours the page draws points in (crate/src/view/colors.rs). */
const RED = [214, 69, 65];
const GREEN = [46, 158, 79];
/** A dot covers ~40 pixels near its colour; the pale field none. */
const DOT = 10;

let engine;
let tab;
before(async () => {
  engine = await start();
  tab = await engine.session();
});
after(async () => { await engine?.stop(); });

/** A fresh page for each test, with no scene saved by the last one (index.html keeps its scene). */
async function fresh(path = 'index.html') {
  await tab.session.navigate(`${engine.base}favicon.svg`); // this origin, no playground to save on leaving
  await tab.session.execute('localStorage.clear()');
  await tab.open(path);
  return tab;
}

const points = () => tab.run(() => window.descent.status().points);

/** Pixels within 6 CSS px of (x, y) on the data canvas near each class colour. */
const dotsAt = (x, y) => tab.run((x, y, colours) => {
  const c = $q('#data');
  const s = c.width / c.clientWidth;
  const [cx, cy, r] = [x * s, y * s, 6 * s];
  const x0 = Math.max(0, Math.floor(cx - r));
  const y0 = Math.max(0, Math.floor(cy - r));
  const w = Math.ceil(2 * r);
  const d = $seen(c).getContext('2d').getImageData(x0, y0, w, w).data;
  return colours.map((rgb) => {
    let n = 0;
    for (let j = 0; j < w; j++) {
      for (let i = 0; i < w; i++) {
        if ((x0 + i + 0.5 - cx) ** 2 + (y0 + j + 0.5 - cy) ** 2 > r * r) continue;
        const k = 4 * (j * w + i);
        if (Math.hypot(d[k] - rgb[0], d[k + 1] - rgb[1], d[k + 2] - rgb[2]) <= 45) n++;
      }
    }
    return n;
  });
}, x, y, [RED, GREEN]).then(([red, green]) => ({ red, green }));

/** The data canvas's pixels, kept in the page; gives a handle for `changed`. */
const grab = () => tab.run(() => {
  const c = $q('#data');
  (window.__grabs ??= []).push($seen(c).getContext('2d').getImageData(0, 0, c.width, c.height).data);
  return window.__grabs.length - 1;
});
const changed = (a, b) => tab.run((a, b) => {
  const [p, q] = [window.__grabs[a], window.__grabs[b]];
  let n = 0;
  for (let k = 0; k < p.length; k += 4) if (Math.max(Math.abs(p[k] - q[k]), Math.abs(p[k + 1] - q[k + 1]), Math.abs(p[k + 2] - q[k + 2])) > 12) n++;
  return n / (p.length / 4);
}, a, b);

async function noErrors() {
  assert.deepEqual(await tab.errors(), [], `${ENGINE}: the page logged errors`);
}

test(`${ENGINE}: click adds the selected class, shift-click the other, a drag moves a point, right-click and Erase erase`, async () => {
  await fresh();
  await tab.click('#clear');
  await tab.waitFor(() => window.descent.status().points === 0);
  await tab.click('input[name=class][value="0"]');
  const spots = [[50, 50], [120, 50], [50, 120]];
  for (const [x, y] of spots) await tab.click('#data', { x, y });
  await tab.click('input[name=class][value="1"]');
  await tab.click('#data', { x: 250, y: 250 });
  await tab.click('#data', { x: 180, y: 250, shift: true }); // green selected: shift adds red
  await tab.frames();
  assert.equal(await points(), 5);
  for (const [x, y] of [...spots, [180, 250]]) {
    const seen = await dotsAt(x, y);
    assert.ok(seen.red >= DOT && seen.green === 0, `${ENGINE}: a red dot at (${x}, ${y}): ${JSON.stringify(seen)}`);
  }
  const green = await dotsAt(250, 250);
  assert.ok(green.green >= DOT && green.red === 0, `${ENGINE}: a green dot at (250, 250): ${JSON.stringify(green)}`);

  // Dragging the green point carries it: gone from where it was, drawn where it went.
  await tab.drag('#data', [250, 250], [250, 150]);
  await tab.frames();
  assert.equal(await points(), 5, 'a drag adds nothing');
  assert.equal((await dotsAt(250, 250)).green, 0, `${ENGINE}: the dragged point left its place`);
  assert.ok((await dotsAt(250, 150)).green >= DOT, `${ENGINE}: the dragged point is drawn where it was dropped`);

  // Right-click erases; so does a click with Erase ticked; Undo brings one back.
  // WebKitGTK's driver never lets go of the right button (the engine then
  // sends no more pointerdown events, as for a chord), so WebKit erases by the box only.
  if (ENGINE === 'webkit') {
    await tab.click('#erase');
    await tab.click('#data', { x: 50, y: 50 });
    await tab.click('#erase');
  } else {
    await tab.click('#data', { x: 50, y: 50, button: 2 });
  }
  await tab.frames();
  assert.equal(await points(), 4, `${ENGINE}: the point was erased`);
  assert.equal((await dotsAt(50, 50)).red, 0);
  await tab.click('#erase');
  await tab.click('#data', { x: 120, y: 50 });
  await tab.click('#erase');
  await tab.frames();
  assert.equal(await points(), 3, `${ENGINE}: a click with Erase ticked erased`);
  await tab.click('#undo');
  await tab.frames();
  assert.equal(await points(), 4, `${ENGINE}: Undo brought the point back`);
  assert.ok((await dotsAt(120, 50)).red >= DOT);
  await noErrors();
});

test(`${ENGINE}: play trains and the field moves, pause stops; step batch, step epoch and reset`, async () => {
  await fresh();
  assert.equal(await tab.text('#epoch'), '0');
  const lossBefore = await tab.number('#train-loss');
  assert.ok(Number.isFinite(lossBefore), `a loss is shown before training: ${lossBefore}`);
  const before = await grab();
  await tab.click('#play');
  assert.equal(await tab.run(() => $q('#play').getAttribute('aria-label')), 'Pause');
  await tab.waitFor(() => Number($q('#epoch').textContent.replace(/,/g, '')) >= 60, [], { what: 'epoch 60', timeout: 90_000 });
  await tab.click('#play');
  assert.equal(await tab.run(() => $q('#play').getAttribute('aria-label')), 'Play');
  await tab.frames();
  const epoch = await tab.number('#epoch');
  await tab.frames(10);
  assert.equal(await tab.number('#epoch'), epoch, `${ENGINE}: paused, the epoch stays put`);
  assert.ok(await tab.number('#train-loss') < lossBefore - 0.05, `${ENGINE}: the loss fell from ${lossBefore}`);
  const moved = await changed(before, await grab());
  assert.ok(moved > 0.05, `${ENGINE}: ${(moved * 100).toFixed(1)}% of the data canvas changed while training`);

  await tab.click('#reset');
  await tab.frames();
  assert.equal(await tab.text('#epoch'), '0', 'Reset starts again');
  assert.equal(await tab.number('#train-loss'), lossBefore, `${ENGINE}: Reset gives the same weights as before (same seed)`);
  const weights = await tab.run(() => window.descent.model_json());
  await tab.click('#step-batch');
  await tab.frames();
  assert.equal(await tab.text('#epoch'), '0', 'one batch is not an epoch');
  assert.equal(await tab.run(() => window.descent.status().batch), 1, `${ENGINE}: Step batch took one batch`);
  assert.notEqual(await tab.run(() => window.descent.model_json()), weights, 'and changed the weights');
  await tab.click('#step-epoch');
  await tab.click('#step-epoch');
  await tab.frames();
  assert.equal(await tab.text('#epoch'), '2', `${ENGINE}: two clicks on Step epoch`);
  await noErrors();
});

test(`${ENGINE}: every control changes its setting`, async () => {
  await fresh();
  const changedBy = async (name, act) => {
    const was = await tab.get(name);
    await act();
    await tab.frames();
    const now = await tab.get(name);
    assert.notEqual(now, was, `${ENGINE}: ${name} changed (${was})`);
    return now;
  };
  // Lists: the next option of each, chosen by clicking it.
  for (const id of ['optimizer', 'activation', 'regularization', 'regularization-rate', 'classes', 'palette']) {
    await changedBy(id, async () => {
      const next = await tab.run((id) => { const s = $q(`#${id}`); return s.options[(s.selectedIndex + 1) % s.options.length].value; }, id);
      await tab.choose(`#${id}`, next);
    });
  }
  // Sliders: focused by a click, then the arrow keys.
  for (const id of ['learning-rate', 'dropout', 'test-fraction']) {
    await changedBy(id, async () => {
      await tab.click(`#${id}`, { x: 2 });
      await tab.press(KEY.ArrowRight, KEY.ArrowRight);
    });
    assert.equal(await tab.text(`#${id}-value`), String(Number(await tab.get(id))), `${ENGINE}: #${id}-value shows the value`);
  }
  // Number fields: typed, then Tab.
  for (const [id, value] of [['batch-size', '25'], ['early-stopping', '7'], ['seed', '99'], ['epochs-per-frame', '3'], ['stop-after', '40']]) {
    assert.equal(await changedBy(id, () => tab.type(`#${id}`, value)), value);
  }
  // The data controls: preset, points, noise.
  await tab.choose('#preset', 'xor');
  await tab.waitFor(() => window.descent.status().preset === 'xor');
  await tab.type('#point-count', '120');
  await tab.waitFor(() => window.descent.status().points === 120, [], { what: '120 points' });
  const noise = await tab.run(() => window.descent.status().noise);
  await tab.click('#noise', { x: 2 });
  await tab.press(KEY.ArrowRight);
  await tab.run(() => $q('#noise').dispatchEvent(new Event('change'))); // a keyboard change commits on blur in some engines
  await tab.waitFor((n) => window.descent.status().noise !== n, [noise], { what: 'the noise to change' });
  // Input features: a box each; layers: + and −, and a layer's width.
  await changedBy('features', () => tab.click('.features input:not(:checked)'));
  await changedBy('hidden', () => tab.click('#add-layer'));
  await changedBy('hidden', () => tab.click('#remove-layer'));
  await changedBy('hidden', () => tab.click('#layer-buttons button:last-child'));
  await changedBy('layer-activations', async () => {
    const id = await tab.run(() => { const s = $q('#layer-activations select'); s.id ||= 'first-layer-activation'; return s.id; });
    const next = await tab.run((id) => { const s = $q(`#${id}`); return s.options[(s.selectedIndex + 2) % s.options.length].value; }, id);
    await tab.choose(`#${id}`, next);
  });
  // Test point, and the class of new points.
  await tab.click('#as-test');
  assert.ok(await tab.run(() => $q('#as-test').checked));
  await tab.click('#data', { x: 40, y: 40 });
  await tab.frames();
  assert.equal(await tab.run(() => JSON.parse(window.descent.points_json()).at(-1).test), true, `${ENGINE}: the new point is a test point`);
  savePng('controls-changed', await tab.screenshot());
  await noErrors();
});

test(`${ENGINE}: Copy link opens the same scene, and the same run`, async () => {
  await fresh();
  await tab.choose('#optimizer', 'adam');
  await tab.type('#batch-size', '16');
  await tab.click('#copy-link');
  await tab.waitFor(() => location.hash.length > 100, [], { what: 'the link in the address' });
  const a = await tab.run(() => ({ link: location.href, scene: window.descent.scene_text(), points: window.descent.points_json() }));
  await tab.click('#reset');
  for (let i = 0; i < 3; i++) await tab.click('#step-epoch');
  await tab.frames();
  const shown = await tab.run(() => ['#epoch', '#train-loss', '#test-loss'].map((s) => $q(s).textContent));

  await tab.session.navigate('about:blank'); // leave the page: the link is opened afresh
  await tab.open(a.link.slice(engine.base.length));
  assert.equal(await tab.get('optimizer'), 'adam');
  assert.equal(await tab.run(() => $q('#optimizer').value), 'adam', 'the control shows the linked setting');
  assert.equal(await tab.get('batch-size'), '16');
  assert.equal(await tab.run(() => window.descent.scene_text()), a.scene, `${ENGINE}: the link gives back the scene`);
  for (let i = 0; i < 3; i++) await tab.click('#step-epoch');
  await tab.frames();
  assert.deepEqual(await tab.run(() => ['#epoch', '#train-loss', '#test-loss'].map((s) => $q(s).textContent)), shown, `${ENGINE}: the same run`);
  await noErrors();
});

test(`${ENGINE}: points saved as a file and loaded back are the same points; Model JSON and Picture PNG are made`, async () => {
  await fresh();
  await tab.choose('#preset', 'spiral');
  await tab.waitFor(() => window.descent.status().preset === 'spiral');
  // The page hands each file to the browser through a link's click: catch it there.
  await tab.run(() => {
    window.__files = [];
    HTMLAnchorElement.prototype.click = function () {
      const { download, href } = this;
      fetch(href).then((r) => r.blob()).then(async (b) => window.__files.push({ name: download, type: b.type, size: b.size, text: b.type.startsWith('image') ? '' : await b.text() }));
    };
  });
  for (const id of ['#export-csv', '#export-model', '#export-png']) await tab.click(id);
  const files = await tab.waitFor(() => window.__files.length === 3 && window.__files, [], { what: 'three files' });
  const byName = Object.fromEntries(files.map((f) => [f.name, f]));
  const csv = byName['descent-points.csv'];
  assert.equal(csv.text, await tab.run(() => window.descent.points_csv()), 'the CSV holds the points');
  assert.equal(JSON.parse(byName['descent-model.json'].text).format, 'descent-model');
  assert.equal(byName['descent-boundary.png'].type, 'image/png');
  assert.ok(byName['descent-boundary.png'].size > 1000, `${ENGINE}: a PNG of the canvas: ${byName['descent-boundary.png'].size} bytes`);

  await tab.choose('#preset', 'moons');
  await tab.waitFor(() => window.descent.status().preset === 'moons');
  const other = await tab.run(() => window.descent.points_csv());
  // Load points…: the file goes into the page's file field, as a file chooser would give it.
  const { writeFileSync, mkdtempSync } = await import('node:fs');
  const dir = mkdtempSync('/tmp/descent-engines-');
  writeFileSync(`${dir}/descent-points.csv`, csv.text);
  await tab.session.sendKeys(await tab.element('#import-file'), `${dir}/descent-points.csv`);
  await tab.waitFor(() => /^Loaded \d+ points/.test($q('#note').textContent), [], { what: 'the file to load' });
  assert.equal(await tab.run(() => window.descent.points_csv()), csv.text, `${ENGINE}: loading the file restores the points`);
  await tab.click('#undo');
  assert.equal(await tab.run(() => window.descent.points_csv()), other, 'one undo brings back the points from before');

  // A file that cannot be read says so and changes nothing.
  writeFileSync(`${dir}/labels.csv`, 'x1,x2,label\n1,2,7\n');
  await tab.session.sendKeys(await tab.element('#import-file'), `${dir}/labels.csv`);
  await tab.waitFor(() => /^The file was not loaded: /.test($q('#note').textContent), [], { what: 'the refusal' });
  assert.equal(await tab.run(() => window.descent.points_csv()), other, 'the points are as they were');
  await noErrors();
});
