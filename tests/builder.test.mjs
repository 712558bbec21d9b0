// End-to-end tests of the embed builder (builder.html): an author sets up a
// scene, ticks the controls to show, picks a size and a caption, copies a
// snippet, and a fresh page with that snippet pasted in shows exactly those
// controls and that scene, in each of the three forms.
// Run: node --test --test-concurrency=1 tests/builder.test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, frames, clickAt, OUTPUT } from './browser.mjs';

let browser;
before(async () => { browser = await start(); });
after(async () => { await browser?.stop(); });

/** What holds a pasted playground: the element, or the script form's <div>. */
const HOST = 'descent-playground, div[id^="descent-playground"]';

/** The control groups a playground in `root` (a page or a frame) shows: any of the group's elements visible. */
const shownGroups = (root, host = HOST) => root.evaluate(async (host) => {
  const { controlGroups } = await import('./descent.js');
  const shadow = document.querySelector(host).shadowRoot;
  return (await controlGroups()).filter((g) => [...shadow.querySelectorAll(`[data-group="${g}"]`)]
    .some((el) => el.checkVisibility()));
}, host);

async function builderPage(hash = '') {
  const page = await browser.page(`builder.html${hash}`);
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: browser.base });
  await page.fill('#base', browser.base); // the fresh page reaches the files at the server's address
  return page;
}

/** The author's choices: a scene with a point of their own, three control groups, small, a caption. */
const TICKED = ['run', 'learning-rate', 'activation'];
async function chooseScene(page) {
  await page.selectOption('#editor #preset', 'xor');
  await page.selectOption('#editor #activation', 'relu');
  await clickAt(page, '#editor #data', 40, 40); // a point of their own: the snippet must hold the points
  for (const box of await page.locator('input[name=group]').all()) {
    if ((await box.isChecked()) !== TICKED.includes(await box.getAttribute('value'))) await box.click();
  }
  await page.check('input[name=size][value=small]');
  await page.fill('#caption', 'XOR: try "ReLU" & <tanh>');
  await page.waitForTimeout(700); // the builder looks for changes a few times a second
}

/** Copies a snippet with its button and reads it from the clipboard. */
async function copy(page, form) {
  await page.click(`[data-copy=${form}-code]`);
  await page.waitForFunction(() => document.getElementById('copied').textContent.startsWith('Copied'));
  return page.evaluate(() => navigator.clipboard.readText());
}

/** A fresh page on the same server with `html` pasted into its body. */
async function freshPage(html) {
  const page = await browser.browser.newPage({ viewport: { width: 1000, height: 800 } });
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(e.message));
  await page.route(`${browser.base}pasted.html`, (route) => route.fulfill({
    contentType: 'text/html',
    body: `<!doctype html><html><head><meta charset="utf-8"><title>A course page</title></head><body><p>Lecture 1.</p>\n${html}\n</body></html>`,
  }));
  await page.goto(`${browser.base}pasted.html`);
  return page;
}

for (const form of ['element', 'script', 'iframe']) {
  test(`the ${form} snippet, pasted into a fresh page, shows exactly the ticked controls and the scene`, async () => {
    const page = await builderPage();
    await chooseScene(page);
    const scene = await page.evaluate(() => window.descent.scene_text());
    assert.match(scene, /preset=xor/);
    const snippet = await copy(page, form);
    assert.ok(snippet.length < scene.length + 1200, 'the snippet is short');

    const fresh = await freshPage(snippet);
    let root = fresh;
    if (form === 'iframe') {
      root = await (await fresh.waitForSelector('iframe.descent')).contentFrame();
    }
    await root.waitForFunction((host) => window.descent
      && document.querySelector(host)?.shadowRoot?.querySelector('.playground')?.hidden === false, HOST, { timeout: 20_000 });
    await frames(fresh, 3);
    const pasted = await root.evaluate((host) => {
      const el = document.querySelector(host);
      return {
        scene: window.descent.scene_text(),
        small: el.shadowRoot.querySelector('.playground').classList.contains('size-small'),
        caption: el.shadowRoot.querySelector('.caption').textContent,
        note: el.shadowRoot.getElementById('note').textContent,
      };
    }, HOST);
    assert.equal(pasted.scene, scene, 'the same scene: settings, seed and points');
    assert.deepEqual(await shownGroups(root), TICKED, 'exactly the ticked control groups');
    assert.ok(pasted.small, 'the small size');
    assert.equal(pasted.caption, 'XOR: try "ReLU" & <tanh>', 'the caption, as text');
    assert.equal(pasted.note, '', 'nothing in the snippet was refused or clamped');
    await fresh.screenshot({ path: `${OUTPUT}builder-pasted-${form}.png`, fullPage: true });
    assert.deepEqual(fresh.errors, []);
    assert.deepEqual(page.errors, []);
    await fresh.close();
    await page.close();
  });
}

test('the preview is what the snippet shows; a snippet leaves out what is a default', async () => {
  const page = await builderPage();
  const element = () => page.inputValue('#element-code');
  assert.doesNotMatch(await element(), /scene=|controls=|size=/, `the default scene, every control: no attributes (${await element()})`);
  await page.evaluate(() => window.descent.set('learning-rate', '0.1'));
  await page.waitForFunction(() => document.getElementById('element-code').value.includes('learning-rate'));
  assert.match(await element(), /<descent-playground scene="v=1&amp;learning-rate=0.1"><\/descent-playground>/);

  await chooseScene(page);
  await page.waitForFunction(() => document.querySelector('#preview descent-playground')?.handle
    && document.querySelector('#preview descent-playground').getAttribute('caption'));
  await frames(page, 3);
  const preview = await page.evaluate(() => document.querySelector('#preview descent-playground').handle.playground.scene_text());
  assert.equal(preview, await page.evaluate(() => window.descent.scene_text()));
  assert.deepEqual(await shownGroups(page, '#preview descent-playground'), TICKED);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('a lesson is embedded by its name, with its own controls', async () => {
  const page = await builderPage();
  await page.selectOption('#lesson', 'perceptron');
  await page.waitForFunction(() => document.getElementById('element-code').value.includes('lesson="perceptron"'));
  const snippet = await copy(page, 'element');
  assert.doesNotMatch(snippet, /scene=|controls=/);
  assert.ok(await page.locator('input[name=group][value=points]').isChecked(), 'the lesson\'s groups are ticked');
  assert.ok(await page.locator('input[name=group][value=run]').isDisabled(), 'and cannot be changed');
  const fresh = await freshPage(snippet);
  await fresh.waitForFunction(() => document.querySelector('descent-playground')?.handle);
  assert.equal(await fresh.evaluate(() => document.querySelector('descent-playground').handle.playground.lesson_name()), 'perceptron');
  assert.deepEqual(fresh.errors, []);
  await fresh.close();
  await page.close();
});

test('a size that hides what the author chose says so, and what a fresh page lacks', async () => {
  const page = await builderPage();
  const warning = () => page.textContent('#size-warning');
  /** Picks a size and waits for the preview made for it. */
  async function size(value) {
    await page.check(`input[name=size][value=${value}]`);
    await page.waitForFunction((v) => {
      const el = document.querySelector('#preview descent-playground');
      return el?.handle && (el.getAttribute('size') ?? 'full') === v;
    }, value);
    await frames(page, 4);
  }
  await page.selectOption('#lesson', 'landscape');
  await size('small');
  assert.match(await warning(), /hides the lesson's panel/, 'small hides the landscape lesson\'s panel');
  const snippet = await copy(page, 'element');
  const fresh = await freshPage(snippet);
  await fresh.waitForFunction(() => document.querySelector('descent-playground')?.handle);
  await frames(fresh, 3);
  assert.equal(await fresh.evaluate(() => document.querySelector('descent-playground').shadowRoot.querySelector('.lesson-panel').checkVisibility()),
    false, 'the pasted small lesson has no panel, as the warning said');
  await fresh.close();
  await size('medium');
  assert.equal(await warning(), '', 'medium shows the panel: no warning');

  await page.selectOption('#lesson', '');
  for (const box of await page.locator('input[name=group]').all()) {
    if ((await box.isChecked()) !== ['run', 'layers'].includes(await box.getAttribute('value'))) await box.click();
  }
  await size('small');
  assert.match(await warning(), /hides the control layers:/, 'the ticked layers group is not in a small playground');
  assert.doesNotMatch(await warning(), /run/, 'the run buttons are');
  await size('full');
  assert.equal(await warning(), '');
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('"Embed…" beside Copy link, and the page\'s footer, open the builder on the playground\'s scene', async () => {
  const page = await browser.page('index.html');
  await page.selectOption('#preset', 'spiral');
  await page.selectOption('#activation', 'relu');
  const scene = await page.evaluate(() => window.descent.scene_text());
  await page.click('#embed-link');
  await page.waitForURL(/builder\.html/);
  await page.waitForFunction(() => window.descent !== undefined && document.getElementById('element-code').value.includes('spiral'));
  assert.equal(await page.evaluate(() => window.descent.scene_text()), scene);
  assert.match(await page.inputValue('#element-code'), /preset=spiral/);
  assert.deepEqual(page.errors, []);
  await page.close();

  // The page's footer links to the builder too, on the scene as it is then.
  const main = await browser.page('index.html');
  await main.selectOption('#preset', 'moons');
  const moons = await main.evaluate(() => window.descent.scene_text());
  await main.click('#builder-link');
  await main.waitForURL(/builder\.html/);
  await main.waitForFunction(() => window.descent !== undefined && document.getElementById('element-code').value.includes('moons'));
  assert.equal(await main.evaluate(() => window.descent.scene_text()), moons);
  await main.close();
});

test('the builder at 1280×800, at pixel ratio 2 and on a phone (screenshots)', async () => {
  for (const [name, options] of [
    ['builder-1280', { viewport: { width: 1280, height: 800 } }],
    ['builder-dpr2', { viewport: { width: 1280, height: 800 }, deviceScaleFactor: 2 }],
    ['builder-phone', { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true }],
  ]) {
    const context = await browser.browser.newContext(options);
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${browser.base}builder.html#lesson=nonlinearity`);
    await page.waitForFunction(() => document.getElementById('element-code').value.includes('lesson='));
    await page.check('input[name=size][value=small]');
    await page.waitForFunction(() => document.querySelector('#preview descent-playground')?.handle);
    await frames(page, 5);
    await page.screenshot({ path: `${OUTPUT}${name}.png`, fullPage: true });
    // Nothing is wider than the screen: no sideways scrolling on a phone.
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth + 1), `${name}: no sideways scroll`);
    assert.deepEqual(errors, []);
    await context.close();
  }
});
