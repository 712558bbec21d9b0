// End-to-end test of the network diagram's hover: the readout sits by the
// pointer (inside the window), the unit under it is highlighted, and while a
// hidden unit is hovered its picture fills the data canvas, as in TensorFlow
// Playground; leaving the diagram brings the model's field back.
// Run: node --test tests/hover.test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, OUTPUT, frames, grab, changedFraction } from './browser.mjs';

let browser;
before(async () => { browser = await start(); });
after(async () => { await browser?.stop(); });

/** A spot (CSS px in the diagram) whose hover readout starts with `prefix`, found by asking the playground. */
async function spotOf(page, prefix) {
  return page.evaluate((prefix) => {
    const c = $q('#network');
    for (let y = 0; y < c.clientHeight; y += 3) {
      for (let x = 0; x < c.clientWidth; x += 3) {
        if (window.descent.describe_network(x, y).startsWith(prefix)) {
          window.descent.leave_network();
          return { x, y };
        }
      }
    }
    return null;
  }, prefix);
}

/** Distance in CSS px from a point to a box (0 inside it). */
const distance = (box, [px, py]) => Math.hypot(
  Math.max(box.x - px, 0, px - (box.x + box.width)),
  Math.max(box.y - py, 0, py - (box.y + box.height)));

for (const [name, viewport] of [['desktop', { width: 1280, height: 800 }], ['phone-width', { width: 390, height: 844 }]]) {
  test(`hover (${name}): the readout by the pointer, the unit highlighted, its picture in the data canvas while hovered`, async () => {
    const page = await browser.page('index.html', viewport);
    await frames(page);
    const spot = await spotOf(page, 'hidden layer 1 unit 2');
    assert.ok(spot, 'a hidden unit on the diagram');
    await page.locator('#network').scrollIntoViewIfNeeded();
    const box = await page.locator('#network').boundingBox();
    const [diagram, field] = [await grab(page, '#network'), await grab(page, '#data')];
    const pointer = [box.x + spot.x, box.y + spot.y];
    await page.mouse.move(...pointer);
    await frames(page);
    const tip = page.locator('#tip');
    assert.ok(await tip.isVisible(), 'the readout shows');
    assert.match(await tip.textContent(), /^hidden layer 1 unit 2: bias /);
    const tipBox = await tip.boundingBox();
    assert.ok(distance(tipBox, pointer) <= 40, `by the pointer: ${JSON.stringify(tipBox)} vs ${pointer}`);
    assert.ok(tipBox.x >= 0 && tipBox.y >= 0 && tipBox.x + tipBox.width <= viewport.width && tipBox.y + tipBox.height <= viewport.height,
      `inside the window: ${JSON.stringify(tipBox)}`);
    assert.deepEqual(await page.evaluate(() => [...window.descent.hovered()]), [1, 1]);
    const [lit, shown] = [await grab(page, '#network'), await grab(page, '#data')];
    await page.screenshot({ path: `${OUTPUT}hover-unit-${name}.png` });
    const highlighted = await changedFraction(page, diagram, lit);
    assert.ok(highlighted > 0.001, `the unit is highlighted: ${(highlighted * 100).toFixed(2)} % of the diagram changed`);
    const swapped = await changedFraction(page, field, shown);
    assert.ok(swapped > 0.2, `the unit's picture fills the data canvas: ${(swapped * 100).toFixed(1)} % changed`);

    // Off the diagram: no readout, no highlight, the model's field again.
    await page.mouse.move(2, 2);
    await frames(page);
    assert.ok(!(await tip.isVisible()), 'the readout goes');
    assert.deepEqual(await page.evaluate(() => [...window.descent.hovered()]), []);
    const [back, restored] = [await grab(page, '#network'), await grab(page, '#data')];
    assert.ok(await changedFraction(page, diagram, back) < 0.0005, 'the highlight goes');
    assert.ok(await changedFraction(page, field, restored) < 0.0005, 'the field is back');
    assert.deepEqual(page.errors, []);
    await page.close();
  });
}
