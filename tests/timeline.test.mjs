// End-to-end tests of the training timeline and the confusion matrix: what
// scrubbing back shows is what the page showed at that epoch; playing from
// there branches and Undo brings the old future back; Replay animates the
// run; the matrices count what the accuracies say, and a hovered cell rings
// its points. Screenshots at 1280×800, at pixel ratio 2 and on a phone.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, frames, grab, changedFraction, colourCount, OUTPUT } from './browser.mjs';

let browser;
before(async () => { browser = await start(); });
after(async () => { await browser?.stop(); });

const status = (page) => page.evaluate(() => {
  const s = window.descent.status();
  return { ...s, confusionTrain: s.confusionTrain && [...s.confusionTrain], confusionTest: s.confusionTest && [...s.confusionTest] };
});
/** What the page shows as numbers: the epoch and the four metrics. */
const shown = (page) => page.evaluate(() => ['#epoch', '#train-loss', '#test-loss', '#train-accuracy', '#test-accuracy']
  .map((id) => $q(id).textContent.trim()));

/** Steps `n` epochs with the Step epoch button, as a person would. */
async function stepEpochs(page, n) {
  for (let i = 0; i < n; i++) await page.click('#step-epoch');
  await frames(page, 3);
}

/** Moves the scrubber to position `index` by keyboard (Home, then arrows), as a person would. */
async function scrubTo(page, index) {
  await page.focus('#scrubber');
  await page.keyboard.press('Home');
  for (let i = 0; i < index; i++) await page.keyboard.press('ArrowRight');
  await frames(page, 3);
}

/** Plays until the epoch reaches `epoch`, then pauses; returns the status. */
async function playTo(page, epoch) {
  await page.click('#play');
  await page.waitForFunction((e) => window.descent.status().epoch >= e, epoch, { timeout: 60000 });
  await page.click('#play');
  await frames(page, 3);
  return status(page);
}

test('scrubbing back shows an earlier epoch as the page showed it then: numbers, boundary and a cursor on the chart', () => browser.withPage(async (page) => {
  await stepEpochs(page, 6);
  const then = await shown(page);
  assert.equal(then[0], '6');
  const boundaryThen = await grab(page, '#data');
  await stepEpochs(page, 14);
  assert.equal((await shown(page))[0], '20');
  const boundaryLater = await grab(page, '#data');
  assert.ok(await changedFraction(page, boundaryThen, boundaryLater) > 0.005, 'the boundary moved in 14 epochs');
  const chartLive = await grab(page, '#loss');
  const s = await status(page);
  assert.equal(s.timelineLength, 21, 'a checkpoint per epoch, from epoch 0');

  await scrubTo(page, 6);
  assert.deepEqual(await shown(page), then, 'the epoch and the four numbers of epoch 6');
  assert.equal(await page.locator('#scrubber').getAttribute('aria-valuetext'), 'epoch 6');
  assert.equal((await page.locator('#scrub-epoch').textContent()).trim(), 'epoch 6');
  await page.locator('#scrubber').blur();
  await frames(page, 3);
  const boundaryNow = await grab(page, '#data');
  assert.equal(await changedFraction(page, boundaryThen, boundaryNow, 0), 0, 'the data canvas of epoch 6, pixel for pixel');
  const chartScrubbed = await grab(page, '#loss');
  assert.ok(await changedFraction(page, chartLive, chartScrubbed) > 0.01, 'the chart shows the cursor and the paler future');

  // Forward again to the end: epoch 20 as it was.
  await page.focus('#scrubber');
  await page.keyboard.press('End');
  await frames(page, 3);
  assert.equal((await shown(page))[0], '20');
  await page.locator('#scrubber').blur();
  await frames(page, 3);
  assert.equal(await changedFraction(page, boundaryLater, await grab(page, '#data'), 0), 0, 'and the boundary of epoch 20');
}));

test('play from a scrubbed-back epoch branches; Undo brings the old future back until the next edit', () => browser.withPage(async (page) => {
  await stepEpochs(page, 30);
  const old = await shown(page);
  await scrubTo(page, 10);
  assert.equal((await shown(page))[0], '10');
  assert.ok(await page.locator('#undo').isDisabled(), 'scrubbing is no edit');
  // A larger learning rate, then train on: a new branch from epoch 10.
  await page.locator('#learning-rate').focus();
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
  await stepEpochs(page, 5);
  const branch = await shown(page);
  assert.equal(branch[0], '15');
  assert.equal((await status(page)).timelineLength, 16, 'the old future is off the line');
  assert.ok(!(await page.locator('#undo').isDisabled()), 'Undo can bring it back');

  await page.click('#undo');
  await frames(page, 3);
  assert.deepEqual(await shown(page), old, 'the old run at epoch 30, its numbers as they were');
  assert.equal((await status(page)).timelineLength, 31);
  await page.click('#redo');
  await frames(page, 3);
  assert.deepEqual(await shown(page), branch, 'Redo: the branch again');

  // An edit forgets the old future: Undo now takes the point back.
  const points = (await status(page)).points;
  const box = await page.locator('#data').boundingBox();
  await page.mouse.click(box.x + box.width * 0.1, box.y + box.height * 0.1);
  await frames(page, 3);
  assert.equal((await status(page)).points, points + 1);
  await page.click('#undo');
  await frames(page, 3);
  const after = await status(page);
  assert.equal(after.points, points, 'the point went');
  assert.equal(after.epoch, 15, 'and the run stayed where it was');
  assert.ok(await page.locator('#undo').isDisabled(), 'nothing more to undo: the old future is gone');
}));

test('Replay animates the recorded run from epoch 0 at the chosen speed', () => browser.withPage(async (page) => {
  const end = (await playTo(page, 60)).epoch;
  const last = await grab(page, '#data');
  await page.selectOption('#replay-speed', '30');
  await page.click('#replay');
  assert.equal(await page.locator('#replay').getAttribute('aria-pressed'), 'true');
  const seen = [];
  let first = null;
  while (seen.length < 400) {
    await frames(page, 1);
    const s = await status(page);
    seen.push(s.epoch);
    if (seen.length === 3) first = await grab(page, '#data');
    if (await page.locator('#replay').getAttribute('aria-pressed') === 'false') break;
  }
  assert.ok(seen[0] <= 10, `it starts near epoch 0 (${seen[0]})`);
  assert.ok(seen.every((e, i) => i === 0 || e >= seen[i - 1]), 'forward only');
  assert.ok(new Set(seen).size >= 10, `through many epochs (${new Set(seen).size})`);
  assert.equal(await page.locator('#replay').getAttribute('aria-pressed'), 'false', 'it stops by itself');
  assert.equal((await status(page)).epoch, end, 'at the last epoch');
  assert.ok(await changedFraction(page, first, last) > 0.005, 'the boundary moved as it replayed');
  await frames(page, 3);
  assert.equal(await changedFraction(page, last, await grab(page, '#data'), 0), 0, 'drawn as it was at the end');
}));

test('the confusion matrices count what the accuracies say, follow the scrubber, and a hovered cell rings its points', () => browser.withPage(async (page) => {
  await page.selectOption('#preset', 'gaussians');
  await page.selectOption('#classes', '3');
  await stepEpochs(page, 8);
  const check = async () => {
    const s = await status(page);
    const cells = (id) => page.locator(`#${id} td[data-cell]`).allTextContents();
    for (const [id, counts, accuracy, total] of [
      ['confusion-train', s.confusionTrain, s.trainAccuracy, s.trainPoints],
      ['confusion-test', s.confusionTest, s.testAccuracy, s.testPoints],
    ]) {
      const shownCounts = (await cells(id)).map(Number);
      assert.deepEqual(shownCounts, counts, 'the table shows the counts');
      assert.equal(shownCounts.length, 9);
      assert.equal(shownCounts.reduce((a, b) => a + b, 0), total, 'every point once');
      const diagonal = [0, 4, 8].reduce((a, k) => a + shownCounts[k], 0);
      assert.equal(diagonal, Math.round(accuracy * total), `${id}: the diagonal is the accuracy × points`);
    }
    return s;
  };
  const now = await check();
  await scrubTo(page, 1);
  const early = await check();
  assert.notDeepEqual(early.confusionTrain, now.confusionTrain, 'epoch 1 has its own counts');
  await page.locator('#scrubber').blur();

  // Hovering a cell rings its points (yellow rings on the data canvas); leaving it takes them off.
  const yellow = () => colourCount(page, '#data', 150, 150, [255, 210, 63], { radius: 400, tolerance: 40 });
  await frames(page, 3);
  const before = await yellow();
  const counts = (await status(page)).confusionTrain;
  const busiest = counts.indexOf(Math.max(...counts));
  const cell = page.locator('#confusion-train td[data-cell]').nth(busiest);
  await cell.hover();
  await frames(page, 3);
  const ringed = await yellow();
  assert.ok(ringed > before + 20 * counts[busiest], `rings round the cell's ${counts[busiest]} points (${before} → ${ringed} yellow pixels)`);
  await page.mouse.move(0, 0);
  await frames(page, 3);
  assert.equal(await yellow(), before, 'gone when the pointer leaves');
  // By keyboard: focusing the cell rings them too.
  await cell.focus();
  await frames(page, 3);
  assert.ok(await yellow() > before + 20 * counts[busiest], 'focus rings them as hover does');
  assert.match(await cell.getAttribute('aria-label'), /^\d+ \w+ points predicted \w+$/);

  // Regression has no classes to confuse: the table goes.
  await page.selectOption('#preset', 'plane');
  await frames(page, 3);
  assert.ok(await page.locator('#confusion').isHidden());
}));

test('during a race the timeline is hidden and says why; free play brings it back', () => browser.withPage(async (page) => {
  assert.ok(await page.locator('#timeline').isVisible());
  await page.evaluate(() => { location.hash = 'lesson=learning-rate'; });
  await page.waitForFunction(() => window.descent.lesson_name() === 'learning-rate');
  await frames(page, 3);
  assert.ok(await page.locator('#timeline').isHidden());
  assert.match(await page.locator('#timeline-off').textContent(), /rewinds one run at a time/);
  await page.selectOption('#lesson-menu', '');
  await frames(page, 3);
  assert.ok(await page.locator('#timeline').isVisible());
  assert.ok(await page.locator('#timeline-off').isHidden());
}));

test('screenshots: 1280×800, pixel ratio 2 and a phone (the whole page), scrubbed back to epoch 30 of 80', async () => {
  for (const [name, options] of [
    ['timeline-1280', { viewport: { width: 1280, height: 800 } }],
    ['timeline-dpr2', { viewport: { width: 1280, height: 800 }, deviceScaleFactor: 2 }],
    ['timeline-phone', { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, hasTouch: true, isMobile: true }],
  ]) {
    const context = await browser.browser.newContext(options);
    const page = await context.newPage();
    await page.addInitScript((await import('./browser.mjs')).DEEP_QUERY);
    await page.goto(`${browser.base}index.html`);
    await page.waitForFunction(() => window.descent !== undefined);
    await page.evaluate(() => window.descent.train_epochs(80));
    await frames(page, 3);
    await page.evaluate(() => window.descent.seek(30, false));
    await frames(page, 4);
    const s = await status(page);
    assert.equal(s.epoch, 30);
    await page.screenshot({ path: `${OUTPUT}${name}.png`, fullPage: name === 'timeline-phone' });
    await context.close();
  }
});
