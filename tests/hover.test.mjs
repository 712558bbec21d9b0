// End-to-end test of the network diagram's hover: the readout sits by the
// pointer (inside the window), the unit under it is highlighted, and while a
// hidden unit is hovered its picture fills the data canvas, as in TensorFlow
// Playground; leaving the diagram brings the model's field back.
// Run: node --test tests/hover.test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, OUTPUT, frames, grab, changedFraction, diagramInView } from './browser.mjs';
import { KOREAN } from './words.mjs';

let browser;
before(async () => { browser = await start(); });
after(async () => { await browser?.stop(); });

/**
 * A spot (CSS px in the diagram) whose hover readout starts with `prefix`,
 * found by asking the playground: the first found, or with `middle` the
 * middle of all of them (away from the edge, where a pixel's rounding
 * could land on the link beside).
 */
async function spotOf(page, prefix, { middle = false } = {}) {
  return page.evaluate(({ prefix, middle }) => {
    const c = $q('#network');
    let [n, sx, sy] = [0, 0, 0];
    for (let y = 0; y < c.clientHeight; y += 3) {
      for (let x = 0; x < c.clientWidth; x += 3) {
        if (!window.descent.describe_network(x, y).startsWith(prefix)) continue;
        if (!middle) {
          window.descent.leave_network();
          return { x, y };
        }
        [n, sx, sy] = [n + 1, sx + x, sy + y];
      }
    }
    window.descent.leave_network();
    return n ? { x: sx / n, y: sy / n } : null;
  }, { prefix, middle });
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
    await diagramInView(page);
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

test('on a Korean page the readouts, the data canvas\'s description and the slow step speak Korean', async () => {
  const page = await browser.page('index.html?lang=ko', { width: 1280, height: 800 });
  await frames(page);
  // A unit's bias and a link's weight, by the names the diagram's hover gives.
  await diagramInView(page);
  const box = await page.locator('#network').boundingBox();
  const tip = page.locator('#tip');
  for (const [prefix, shape] of [['은닉층 1 유닛 2', /^은닉층 1 유닛 2: 편향 -?\d\.\d{3}$/],
    ['가중치 입력 x1 → 은닉층 1 유닛 1', /^가중치 입력 x1 → 은닉층 1 유닛 1: -?\d\.\d{3}$/]]) {
    const spot = await spotOf(page, prefix);
    assert.ok(spot, `${prefix} is on the diagram`);
    await page.mouse.move(box.x + spot.x, box.y + spot.y);
    await frames(page);
    assert.ok(await tip.isVisible(), 'the readout shows');
    assert.match(await tip.textContent(), shape);
  }
  await page.screenshot({ path: `${OUTPUT}hover-korean.png` });
  assert.equal(await page.evaluate(() => $q('#network').getAttribute('aria-roledescription')), '신경망 도식');
  // Over the data: the spot and the model's answer there, the class by its Korean colour.
  const data = await page.locator('#data').boundingBox();
  await page.mouse.move(data.x + data.width * 0.3, data.y + data.height * 0.3);
  await frames(page);
  assert.match(await page.locator('#hover').textContent(), /^(.+ · )?\(-?\d\.\d\d, -?\d\.\d\d\) → P\(초록\) = \d\.\d{3}$/);
  // The data canvas as a screen reader hears it.
  assert.match(await page.evaluate(() => $q('#data').getAttribute('aria-label')),
    /^데이터: 빨강 원 \d+개, 초록 사각형 \d+개 \(학습 \d+개, 테스트 \d+개\)\.( 모델이 학습 점의 [\d.]+%, 테스트 점의 [\d.]+%를 맞게 분류합니다\.)?$/);
  // The slow step: its phases, its count and its buttons.
  await page.click('#slow-step');
  await frames(page);
  assert.match(await page.locator('#slow-step-title').textContent(), /^점 \(-?\d\.\d\d, -?\d\.\d\d\) · 순전파: 은닉층 1$/);
  assert.match(await page.locator('#slow-step-count').textContent(), /^\d+단계 중 1번째$/);
  assert.match(await page.locator('#slow-step-text').textContent(), /^유닛 1: z = b \+ Σ w·x/);
  assert.equal(await page.locator('#slow-next').textContent(), '다음 →');
  assert.equal(await page.locator('#slow-step-panel').getAttribute('aria-label'), KOREAN.slow_step_panel);
  await page.screenshot({ path: `${OUTPUT}slow-step-korean.png` });
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('paused, hovering a crowded diagram paints neither the field nor the links again, and they still show; a step does paint them', async () => {
  const page = await browser.page('index.html', { width: 1280, height: 800 });
  await page.evaluate(() => window.descent.set('hidden', '32,32'));
  await frames(page);
  const spot = await spotOf(page, 'hidden layer 1 unit 2');
  await diagramInView(page);
  const box = await page.locator('#network').boundingBox();
  const [diagram, field] = [await grab(page, '#network'), await grab(page, '#data')];
  // The parts each render draws, as the page renders.
  await page.evaluate(() => {
    const pg = window.descent;
    const proto = Object.getPrototypeOf(pg);
    window.__parts = [];
    pg.render = function () {
      const r = proto.render.call(this);
      window.__parts.push(Object.keys(proto.render_timings.call(this)));
      return r;
    };
  });
  await page.mouse.move(box.x + spot.x, box.y + spot.y);
  await frames(page);
  await page.mouse.move(box.x + box.width + 40, box.y + 10);
  await frames(page);
  const hovering = await page.evaluate(() => window.__parts.splice(0));
  assert.ok(hovering.length >= 2, `hover and leave were drawn: ${JSON.stringify(hovering)}`);
  for (const parts of hovering) {
    assert.ok(parts.includes('network diagram'), JSON.stringify(parts));
    assert.ok(!parts.includes('field grid') && !parts.includes('links'), `nothing to paint again: ${JSON.stringify(parts)}`);
  }
  // What shows is what showed before the hover.
  assert.ok(await changedFraction(page, field, await grab(page, '#data')) < 0.001, 'the field is back as it was');
  assert.ok(await changedFraction(page, diagram, await grab(page, '#network')) < 0.001, 'the diagram is back as it was');
  // New weights: both painted again.
  await page.click('#step-batch');
  await frames(page);
  const stepped = await page.evaluate(() => window.__parts.splice(0));
  assert.ok(stepped.some((p) => p.includes('field grid')) && stepped.some((p) => p.includes('links')), JSON.stringify(stepped));
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('a hovered link whose layer narrows under it (a setting from the page\'s script): the narrower diagram draws, nothing fails', async () => {
  const page = await browser.page('index.html');
  await page.evaluate(() => document.getElementById('main').handle.set('hidden', '8,8'));
  await frames(page);
  const spot = await spotOf(page, 'weight input x1 → hidden layer 1 unit 6');
  assert.ok(spot, 'a link into the sixth unit on the diagram');
  await diagramInView(page);
  const box = await page.locator('#network').boundingBox();
  await page.mouse.move(box.x + spot.x, box.y + spot.y);
  await frames(page);
  assert.match(await page.locator('#tip').textContent(), /^weight input x1 → hidden layer 1 unit 6/);
  const before = await grab(page, '#network');
  await page.evaluate(() => document.getElementById('main').handle.set('hidden', '1'));
  await frames(page, 3);
  assert.deepEqual(page.errors, []);
  assert.equal(await page.evaluate(() => window.descent.get('hidden')), '1');
  assert.ok(await changedFraction(page, before, await grab(page, '#network')) > 0.05, 'the narrower network is drawn');
  await page.close();
});

test('hover on a zoomed page (CSS zoom 1.25): the unit under the pointer is read, and its readout sits by the pointer', async () => {
  const viewport = { width: 1280, height: 800 };
  const page = await browser.page('index.html', viewport);
  await page.evaluate(() => { document.body.style.zoom = '1.25'; });
  await diagramInView(page);
  await frames(page, 4); // the diagram laid out again at its new size
  const spot = await spotOf(page, 'hidden layer 1 unit 2', { middle: true });
  assert.ok(spot, 'a hidden unit on the diagram');
  const pointer = await page.evaluate(({ x, y }) => {
    const c = $q('#network');
    const r = c.getBoundingClientRect();
    return [r.x + x * (r.width / c.offsetWidth), r.y + y * (r.height / c.offsetHeight)];
  }, spot);
  await page.mouse.move(...pointer);
  await frames(page);
  const tip = page.locator('#tip');
  assert.ok(await tip.isVisible(), 'the readout shows');
  assert.match(await tip.textContent(), /^hidden layer 1 unit 2: bias /, 'the unit under the pointer');
  const tipBox = await tip.boundingBox();
  assert.ok(distance(tipBox, pointer) <= 40, `by the pointer: ${JSON.stringify(tipBox)} vs ${pointer}`);
  assert.ok(tipBox.x >= 0 && tipBox.y >= 0 && tipBox.x + tipBox.width <= viewport.width && tipBox.y + tipBox.height <= viewport.height,
    `inside the window: ${JSON.stringify(tipBox)}`);
  await page.close();
});
