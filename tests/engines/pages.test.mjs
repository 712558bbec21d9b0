// The pages a student opens, in Firefox or WebKit (DESCENT_ENGINE): every
// lesson, the course page, the iframe forms (embed.html, and inside a
// sandboxed iframe), a Retina laptop and a phone with touch where the engine
// has it. Screenshots go to tests/output/<engine>/.
// Run: DESCENT_ENGINE=webkit node --test tests/engines/pages.test.mjs
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, test, ENGINE, savePng } from './engines.mjs';
import { WebDriverError } from './webdriver.mjs';

let engine;
let tab;
before(async () => {
  engine = await start();
  tab = await engine.session();
});
after(async () => { await engine?.stop(); });

/** The lecture's order, and a word each lesson's caption carries. */
const LESSONS = {
  perceptron: /−6.*0\.0025/, nonlinearity: /ReLU/, pass: /\(4, 5\)/, landscape: /learning rate/,
  backprop: /chain rule/, 'learning-rate': /learning rates/, optimizers: /Adam/, 'mini-batches': /batch/,
  overfitting: /early stopping/,
};

/** Fraction of the data canvas that is not plain white: the field is drawn. */
const painted = (t = tab) => t.run(() => {
  const c = $q('#data');
  const d = $seen(c).getContext('2d').getImageData(0, 0, c.width, c.height).data;
  let n = 0;
  for (let k = 0; k < d.length; k += 4) if (d[k] < 240 || d[k + 1] < 240 || d[k + 2] < 240) n++;
  return n / (d.length / 4);
});

/** The canvases' backing stores against their CSS boxes times the pixel ratio. */
const backingStores = (t = tab) => t.run(() => ['#data', '#network', '#loss'].map((sel) => {
  const c = $q(sel);
  return { sel, store: [c.width, c.height], css: [c.clientWidth, c.clientHeight], ratio: devicePixelRatio };
}));

/** Waits until the data canvas has been drawn at the window's size and pixel ratio (a frame or two after the layout settles). */
const drawnToSize = (t) => t.waitFor(() => { const c = $q('#data'); return Math.abs(c.width - c.clientWidth * devicePixelRatio) <= 2; }, [], { what: 'the data canvas drawn to size' });

function assertSharp(stores, label) {
  for (const { sel, store, css, ratio } of stores) {
    for (const k of [0, 1]) {
      assert.ok(Math.abs(store[k] - css[k] * ratio) <= 2, `${ENGINE} ${label}: ${sel} is drawn at the pixel ratio ${ratio}: ${JSON.stringify({ store, css })}`);
    }
  }
}

test(`${ENGINE}: every lesson loads by URL with its caption, trains, and is photographed; the menu loads one`, async () => {
  for (const [name, says] of Object.entries(LESSONS)) {
    await tab.session.navigate('about:blank');
    await tab.open(`index.html#lesson=${name}`);
    await tab.waitFor((name) => window.descent.lesson_name() === name, [name], { what: `lesson ${name}` });
    await tab.frames();
    assert.equal(await tab.run(() => document.getElementById('lesson-menu').value), name, `${name}: the menu names it`);
    assert.ok(await tab.visible('.caption'), `${ENGINE} ${name}: the caption shows`);
    assert.match(await tab.text('.caption'), says, `${ENGINE} ${name}'s caption`);
    if (await tab.visible('#step-epoch')) {
      await tab.click('#step-epoch');
      await tab.click('#step-epoch');
      await tab.frames();
      assert.equal(await tab.text('#epoch'), '2', `${ENGINE} ${name}: Step epoch trains`);
      await tab.run(() => document.getElementById('main').handle.step(48));
      await tab.frames();
      assert.ok(Number.isFinite(await tab.number('#train-loss')), `${ENGINE} ${name}: a loss shows`);
    }
    assert.ok(await painted() > 0.3, `${ENGINE} ${name}: the data canvas is drawn`);
    savePng(`lesson-${name}`, await tab.screenshot());
    assert.deepEqual(await tab.errors(), [], `${ENGINE} ${name}: no page errors`);
  }
  // The menu, as a person uses it.
  await tab.session.navigate('about:blank');
  await tab.open('index.html');
  await tab.choose('#lesson-menu', 'perceptron');
  await tab.waitFor(() => window.descent.lesson_name() === 'perceptron', [], { what: 'the perceptron lesson' });
  assert.equal(await tab.run(() => location.hash), '#lesson=perceptron');
  assert.match(await tab.text('#lesson-text'), /= −6, sigmoid\(−6\) ≈ 0\.0025/);
  await tab.choose('#lesson-menu', '');
  await tab.waitFor(() => window.descent.lesson_name() === '', [], { what: 'free play' });
  assert.ok(await tab.visible('#play'), 'free play shows Play again');
});

test(`${ENGINE}: the main page at 1280×800 after training`, async () => {
  await tab.open('index.html');
  await tab.click('#play');
  // A wait, not a speed check: beside the other engine's suite on two cores it took over 30 s once (7 s alone).
  await tab.waitFor(() => Number($q('#epoch').textContent.replace(/,/g, '')) >= 100, [], { what: 'epoch 100', timeout: 90_000 });
  await tab.click('#play');
  await tab.frames(3);
  // While it trained, the worker painted the pictures and stamped the rings.
  const worker = await tab.run(() => ({ warnings: window.__warnings, ringsSent: window.__ringsSent }));
  assert.ok(worker.ringsSent >= 1 && worker.warnings.length === 0, `${ENGINE}: ${JSON.stringify(worker)}`);
  assert.ok(await tab.run(() => document.documentElement.scrollWidth <= innerWidth), 'no sideways scrolling');
  assertSharp(await backingStores(), '1280×800');
  savePng('main-1280x800', await tab.screenshot());
  await tab.click('#show-code');
  await tab.waitFor(() => $q('#code-dialog').open && /import tensorflow/.test($q('#code').textContent), [], { what: 'the code dialog' });
  savePng('code-dialog', await tab.screenshot());
  await tab.click('#close-code');
  assert.deepEqual(await tab.errors(), []);
});

test(`${ENGINE}: the course page's four playgrounds each train on their own`, async () => {
  await tab.open('course.html');
  const ids = ['neuron', 'nonlinear', 'rate', 'overfit'];
  await tab.waitFor((ids) => ids.every((id) => document.getElementById(id).handle), [ids], { what: 'four playgrounds' });
  await tab.click('#step-epoch', { host: '#nonlinear' });
  await tab.click('#step-epoch', { host: '#nonlinear' });
  await tab.frames();
  const epochs = await tab.run((ids) => ids.map((id) => document.getElementById(id).handle.status().epoch), ids);
  assert.deepEqual(epochs, [0, 2, 0, 0], `${ENGINE}: only the clicked playground trained`);
  await tab.run(() => window.scrollTo(0, 0));
  await tab.frames();
  savePng('course-page', await tab.screenshot());
  assert.deepEqual(await tab.errors(), []);
});

test(`${ENGINE}: embed.html#scene shows the linked scene, and the page works inside <iframe sandbox="allow-scripts">`, async () => {
  const scene = 'v=1&preset=xor&hidden=5,3&activation=relu&batch-size=7&seed=11';
  await tab.open(`embed.html#${scene}`);
  assert.equal(await tab.run(() => document.querySelectorAll('header, footer').length), 0, 'no page chrome');
  assert.equal(await tab.get('batch-size'), '7');
  assert.equal(await tab.get('hidden'), '5,3');
  savePng('embed', await tab.screenshot());

  await tab.open('index.html', { playgrounds: false });
  await tab.run((src) => {
    document.body.innerHTML = `<p>Lecture 1, part 3:</p><iframe sandbox="allow-scripts" src="${src}" width="1200" height="700"></iframe>`;
  }, `${engine.base}embed.html#lesson=nonlinearity`);
  const frame = await tab.run(() => document.querySelector('iframe'));
  await tab.session.frame(frame);
  try {
    await tab.waitFor(() => window.descent?.lesson_name() === 'nonlinearity', [], { what: 'the lesson inside the sandboxed frame' });
    assert.equal(await tab.run(() => window.origin), 'null', 'the frame really is sandboxed');
    await tab.click('#step-epoch');
    await tab.click('#step-epoch');
    await tab.waitFor(() => $q('#epoch').textContent === '2', [], { what: 'epoch 2 in the frame' }).catch(async (e) => {
      // What the frame shows and holds then, for whoever reads the failure.
      const state = await tab.run(() => JSON.stringify({ shown: $q('#epoch').textContent, epoch: window.descent.status().epoch, playing: document.querySelector('descent-playground')?.handle?.view.playing })).catch((x) => x.message);
      throw new Error(`${e.message}; the frame: ${state}`);
    });
    assert.ok(await painted() > 0.5, `${ENGINE}: the colour field is drawn in the frame`);
    // An error in this opaque-origin frame may reach the page only as "Script error.": what the
    // frame loaded and warned of then goes with it, for whoever reads the failure.
    const context = await tab.run(() => JSON.stringify({ loaded: performance.getEntriesByType('resource').map((r) => r.name.split('/').pop()), warnings: window.__warnings }));
    assert.deepEqual(await tab.errors(), [], context);
  } finally {
    await tab.session.frame(null);
  }
  savePng('sandboxed-iframe', await tab.screenshot());
});

test(`${ENGINE}: a Retina laptop (pixel ratio 2) draws every canvas sharp`, async (t) => {
  if (ENGINE === 'webkit') { t.skip('MiniBrowser takes its pixel ratio from the screen, and Xvfb has one of 1'); return; }
  const retina = await engine.session({ width: 1440, height: 900, scale: 2 });
  try {
    await retina.open('index.html');
    await retina.run(() => document.getElementById('main').handle.step(60));
    await retina.frames(3);
    await drawnToSize(retina);
    const stores = await backingStores(retina);
    assert.equal(stores[0].ratio, 2);
    assertSharp(stores, 'at pixel ratio 2');
    savePng('retina-1440x900-2x', await retina.screenshot());
    assert.deepEqual(await retina.errors(), []);
  } finally {
    await engine.close(retina);
  }
});

test(`${ENGINE}: a phone (390×844): the data canvas fits; a tap adds a point, a long press erases it`, async (t) => {
  const phone = await engine.session({ width: 390, height: 844, scale: ENGINE === 'firefox' ? 3 : 1, touch: true });
  try {
    await phone.open('index.html');
    const width = await phone.run(() => [document.documentElement.scrollWidth, innerWidth]);
    assert.ok(width[0] <= width[1], `${ENGINE}: the page fits the phone's width: ${width}`);
    const box = await phone.box('#data');
    assert.ok(box.x >= 0 && box.x + box.width <= width[1] && box.width > 250, `${ENGINE}: the data canvas fits: ${JSON.stringify(box)}`);
    await drawnToSize(phone);
    assertSharp(await backingStores(phone), 'on a phone');
    await phone.run(() => window.scrollTo(0, 0));
    savePng('phone-390x844', await phone.screenshot());

    const n = await phone.run(() => window.descent.status().points);
    const spot = await phone.run(() => [[30, 30], [60, 30], [30, 60], [90, 30]].find(([x, y]) => window.descent.point_at(x, y) < 0));
    await phone.run(() => document.addEventListener('pointerdown', (e) => { window.__pointerType = e.pointerType; }, true));
    try {
      await phone.touch('#data', ...spot);
    } catch (e) {
      if (e instanceof WebDriverError && /unsupported|not supported|invalid argument/i.test(e.message)) {
        t.skip(`${ENGINE}'s WebDriver has no touch pointer: ${e.message}`);
        return;
      }
      throw e;
    }
    await phone.frames();
    assert.equal(await phone.run(() => window.descent.status().points), n + 1, `${ENGINE}: a tap added a point`);
    const kind = await phone.run(() => window.__pointerType);
    if (kind !== 'touch') {
      // WebKitGTK's driver turns a touch into the mouse's events: a long press is then only a slow click.
      t.diagnostic(`${ENGINE}'s driver gave a ${kind} pointer for the touch: the long press is not tested here`);
      return;
    }
    await phone.touch('#data', ...spot, 800);
    await phone.frames();
    assert.equal(await phone.run(() => window.descent.status().points), n, `${ENGINE}: a long press erased it`);
    assert.deepEqual(await phone.errors(), []);
  } finally {
    await engine.close(phone);
  }
});
