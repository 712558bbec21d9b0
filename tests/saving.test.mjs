// End-to-end tests of saving and loading: points as CSV and JSON through the
// page's own buttons, hostile files, the scene kept in localStorage across a
// reload, and saved data that cannot be trusted.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { start, frames, clickAt } from './browser.mjs';

let browser;
before(async () => { browser = await start(); });
after(async () => { await browser?.stop(); });

const pointsOf = (page, kind = 'JSON') => page.evaluate((kind) => (kind === 'CSV' ? window.descent.points_csv() : window.descent.points_json()), kind);
const note = async (page) => (await page.locator('#note').textContent()).trim();

/** Clicks an export button and returns the downloaded file's name and text. */
async function download(page, button) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.click(button)]);
  return { name: file.suggestedFilename(), text: readFileSync(await file.path(), 'utf8') };
}

/** Loads a file through the page's "Load points…" file chooser. */
async function upload(page, name, buffer) {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.click('#import-points')]);
  await chooser.setFiles({ name, mimeType: 'text/plain', buffer: Buffer.from(buffer) });
  await frames(page, 3);
}

for (const [button, kind] of [['#export-csv', 'CSV'], ['#export-json', 'JSON']]) {
  test(`points exported as ${kind} and loaded back are the same points; undo brings the old ones`, () => browser.withPage(async (page) => {
    await page.selectOption('#classes', '3');
    await page.selectOption('#preset', 'spiral');
    await frames(page);
    const original = await pointsOf(page, kind);
    const file = await download(page, button);
    assert.match(file.name, new RegExp(`descent-points\\.${kind.toLowerCase()}$`));
    assert.equal(file.text, original, 'the file holds the points');

    await page.selectOption('#preset', 'moons');
    const other = await pointsOf(page, kind);
    assert.notEqual(other, original);
    await upload(page, file.name, file.text);
    assert.equal(await pointsOf(page, kind), original, 'loading the file restores the same points');
    assert.match(await note(page), /^Loaded \d+ points/);
    await page.click('#undo');
    assert.equal(await pointsOf(page, kind), other, 'one undo brings back the points from before the import');
  }));
}

test('hostile files: each is refused with a message naming the problem, and the points stay', () => browser.withPage(async (page) => {
  await clickAt(page, '#data', 40, 40); // the user's own edit, which must survive
  const before = await pointsOf(page);
  const huge = 'x1,x2,label\n' + '0.5,0.5,1\n'.repeat(1_100_000); // about 11 MB
  const cases = [
    ['huge.csv', huge, /11\.\d MB is more than the 4 MB/],
    ['broken.json', '[{"x1": 1, "x2": ', /JSON/i],
    ['labels.csv', 'x1,x2,label\n1,2,7\n', /label 7 is not a class from 0 to 1/],
    ['words.csv', 'x1,x2,label\nabc,2,1\n', /line 2/i],
    ['numbers.csv', 'x1,x2,label\n1e999,2,1\n', /line 2/i],
    ['script.csv', '<script>window.__ran = 1</script>\n<img src=x onerror="window.__ran=2">', /line 1/i],
    ['binary.csv', '\u0000\u0001\u00ff\ufffd\u0007', /not loaded/i],
    ['empty.json', '', /not loaded/i],
  ];
  for (const [name, text, message] of cases) {
    await upload(page, name, text);
    const said = await note(page);
    assert.match(said, /^The file was not loaded: /, `${name}: ${said}`);
    assert.match(said, message, `${name}: ${said}`);
    assert.match(said, /The points are as they were\.$/, name);
    assert.equal(await pointsOf(page), before, `${name} left the points alone`);
  }
  assert.equal(await page.evaluate(() => window.__ran), undefined, 'nothing in a file ran');
  assert.equal(await page.locator('#note img, #note script').count(), 0, 'nothing in a file became HTML');
  // Still responsive: a click on an empty spot adds a point.
  const spot = await page.evaluate(() => [[60, 60], [20, 20], [300, 20], [20, 300], [150, 20]].find(([x, y]) => window.descent.point_at(x, y) < 0));
  await clickAt(page, '#data', ...spot);
  await frames(page);
  assert.equal(await page.evaluate(() => window.descent.status().points), JSON.parse(before).length + 1);
}));

test('a reload restores the scene from localStorage; "Start fresh" goes back to the first one', async () => {
  const page = await browser.page();
  const fresh = await page.evaluate(() => window.descent.scene_text());
  await page.selectOption('#preset', 'moons');
  await page.selectOption('#activation', 'relu');
  await page.fill('#batch-size', '16');
  await page.keyboard.press('Tab');
  await clickAt(page, '#data', 40, 40);
  await page.waitForTimeout(1300); // kept every second
  const edited = await page.evaluate(() => window.descent.scene_text());
  assert.notEqual(edited, fresh);

  await page.reload();
  await page.waitForFunction(() => window.descent !== undefined);
  assert.equal(await page.evaluate(() => window.descent.scene_text()), edited, 'the same scene after the reload');
  assert.equal(await page.locator('#activation').inputValue(), 'relu', 'the controls show it');
  assert.equal(await page.locator('#preset').inputValue(), 'moons');
  assert.match(await note(page), /Restored your last playground/);

  await page.click('#start-fresh');
  assert.equal(await page.evaluate(() => window.descent.scene_text()), fresh);
  await page.reload();
  await page.waitForFunction(() => window.descent !== undefined);
  assert.equal(await page.evaluate(() => window.descent.scene_text()), fresh, 'fresh after the next reload too');
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('corrupted or over-large saved data is ignored with a message, not trusted', async () => {
  const page = await browser.page();
  const fresh = await page.evaluate(() => window.descent.scene_text());
  const cases = [
    ['not JSON at all {', /it is not a saved scene/],
    [JSON.stringify({ version: 1, scene: 'v=1&hidden=banana&data=!!!' }), /units per layer: 'banana' is not a number · data: '!!!'/],
    [JSON.stringify({ version: 1, scene: 'x'.repeat(300_000) }), /more than the 200,000/],
    [JSON.stringify({ version: 1, scene: 'v=1&learning-rate=abc&caption=<script>window.__ran=1</script>' }), /learning rate/i],
  ];
  for (const [saved, message] of cases) {
    await page.evaluate((saved) => localStorage.setItem('descent-scene', saved), saved);
    await page.reload();
    await page.waitForFunction(() => window.descent !== undefined);
    assert.match(await note(page), message, saved.slice(0, 60));
    assert.equal(await page.evaluate(() => window.__ran), undefined);
    assert.ok(await page.evaluate(() => window.descent.status().points) > 0, 'a usable playground');
  }
  // The first case left the defaults in place.
  await page.evaluate(() => localStorage.setItem('descent-scene', '{"scene": 42}'));
  await page.reload();
  await page.waitForFunction(() => window.descent !== undefined);
  assert.equal(await page.evaluate(() => window.descent.scene_text()), fresh);
  await page.close();
});

test('the saved scene survives a crashed tab', async () => {
  const context = await browser.browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(`${browser.base}index.html`);
  await page.waitForFunction(() => window.descent !== undefined);
  await page.selectOption('#preset', 'xor');
  await page.fill('#batch-size', '3');
  await page.keyboard.press('Tab');
  await page.waitForTimeout(1300); // kept every second, not only when the page closes
  const edited = await page.evaluate(() => window.descent.save_text());
  // The renderer dies: no pagehide, no unload. (CDP's Page.crash never
  // returns in this headless Chromium; chrome://crash kills the renderer.)
  const crashed = page.waitForEvent('crash', { timeout: 5000 });
  await page.goto('chrome://crash').catch(() => {});
  await crashed;

  const again = await context.newPage();
  await again.goto(`${browser.base}index.html`);
  await again.waitForFunction(() => window.descent !== undefined);
  assert.equal(await again.evaluate(() => window.descent.save_text()), edited);
  assert.equal(await again.locator('#batch-size').inputValue(), '3');
  await context.close();
});
