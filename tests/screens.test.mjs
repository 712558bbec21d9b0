// The screens, eyes and hands students have: a device matrix (pixel ratios
// 1 to 3, touch), colour-blind vision, an accessibility audit, and the
// keyboard alone. Run: node --test --test-concurrency=1 tests/
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { start, OUTPUT, DEEP_QUERY, frames, colourCount, grab, changedFraction } from './browser.mjs';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** The screens students own, and a playground in a 700-px course column. */
const DEVICES = [
  { name: 'laptop-1280x800', laptop: true, viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 },
  { name: 'windows-1366x768-125', laptop: true, viewport: { width: 1366, height: 768 }, deviceScaleFactor: 1.25 },
  { name: 'retina-1440x900-2x', laptop: true, viewport: { width: 1440, height: 900 }, deviceScaleFactor: 2 },
  { name: 'phone-390x844-3x', touch: true, viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true },
  { name: 'tablet-820x1180-2x', touch: true, viewport: { width: 820, height: 1180 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true },
  { name: 'course-column-700', path: 'course.html', column: 700, viewport: { width: 1280, height: 800 }, deviceScaleFactor: 2 },
];

let env;
before(async () => { env = await start(); });
after(async () => { await env?.stop(); });

/** A page of `path` in a fresh context with the device's screen and input. */
async function open(device, path = device.path ?? 'index.html') {
  const { name, laptop, touch, column, path: _, ...options } = device;
  const context = await env.browser.newContext(options);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.errors = errors;
  await page.addInitScript(DEEP_QUERY);
  await page.goto(env.base + path);
  await page.waitForFunction(() => window.descent !== undefined);
  await page.waitForFunction(() => [...document.querySelectorAll('descent-playground')]
    .every((el) => el.shadowRoot?.querySelector('.playground')?.hidden === false));
  if (column) {
    // A course page's text column of `column` CSS pixels holding a default playground.
    await page.evaluate((w) => {
      document.body.innerHTML = `<main class="course" style="max-width: ${w + 40}px"><p>Some text.</p><descent-playground></descent-playground></main>`;
    }, column);
    await page.waitForFunction(() => window.descent !== undefined && document.querySelector('descent-playground').shadowRoot?.querySelector('.playground')?.hidden === false);
  }
  await frames(page, 4);
  page.close = async () => { await context.close(); };
  return page;
}

/** Each canvas's backing store against its CSS box times the pixel ratio. */
function backingStores(page) {
  return page.evaluate(() => ['#data', '#network', '#loss'].map((sel) => {
    const c = $q(sel);
    return { sel, width: c.width, height: c.height, css: [c.clientWidth, c.clientHeight], ratio: devicePixelRatio };
  }).filter((c) => c.css[0] > 0));
}

/** Fraction of the data canvas's pixels in a region (fractions of its side) left blank: white or transparent. */
function blankFraction(page, [x0, y0, x1, y1]) {
  return page.evaluate(({ x0, y0, x1, y1 }) => {
    const c = $q('#data');
    const [w, h] = [c.width, c.height];
    const d = $seen(c).getContext('2d').getImageData(Math.floor(x0 * w), Math.floor(y0 * h), Math.floor((x1 - x0) * w), Math.floor((y1 - y0) * h)).data;
    let blank = 0;
    for (let k = 0; k < d.length; k += 4) if (d[k + 3] < 250 || (d[k] > 250 && d[k + 1] > 250 && d[k + 2] > 250)) blank++;
    return blank / (d.length / 4);
  }, { x0, y0, x1, y1 });
}

/** Where, in CSS pixels of the data canvas, the first point is drawn (the drawing's own transform). */
const firstPoint = (page) => page.evaluate(() => window.descent.next_point(-1e6, -1e6, 1));

for (const device of DEVICES) {
  test(`screens: ${device.name}: every canvas drawn over its whole box, a ${device.touch ? 'tap' : 'click'} lands under the pointer`, async () => {
    const page = await open(device);
    try {
      const host = 'descent-playground';
      await page.locator(host).first().scrollIntoViewIfNeeded();
      for (const c of await backingStores(page)) {
        assert.ok(Math.abs(c.width - Math.round(c.css[0] * c.ratio)) <= 1 && Math.abs(c.height - Math.round(c.css[1] * c.ratio)) <= 1,
          `${c.sel}: backing store ${c.width}×${c.height} for ${c.css.join('×')} CSS px at ratio ${c.ratio}`);
      }
      // The colour field is drawn at its sample size (at most 256²) whatever the screen, and stretched over the data box.
      const field = await page.evaluate(() => {
        const [f, d] = [$q('#field'), $q('#data')];
        return { backing: [f.width, f.height], css: [f.clientWidth, f.clientHeight], data: [d.clientWidth, d.clientHeight] };
      });
      assert.ok(field.backing[0] === field.backing[1] && field.backing[0] <= 256 && field.backing[0] >= 64, `field backing store ${field.backing}`);
      assert.ok(Math.abs(field.css[0] - field.data[0]) <= 2 && Math.abs(field.css[1] - field.data[1]) <= 2, `field box ${field.css} over a data box of ${field.data}`);
      await page.evaluate(() => window.descent.clear());
      await frames(page, 3);
      // The field covers the whole canvas: no blank quarter anywhere (it drew into a corner before).
      for (const quarter of [[0, 0, 0.5, 0.5], [0.5, 0, 1, 0.5], [0, 0.5, 0.5, 1], [0.5, 0.5, 1, 1]]) {
        const blank = await blankFraction(page, quarter);
        assert.ok(blank < 0.01, `${device.name}: ${(blank * 100).toFixed(1)}% of the data canvas's quarter ${quarter} is blank`);
      }

      const box = await page.locator('#data').first().boundingBox();
      const at = { x: box.x + box.width * 0.7, y: box.y + box.height * 0.3 };
      if (device.touch) await page.touchscreen.tap(at.x, at.y);
      else await page.mouse.click(at.x, at.y);
      await frames(page);
      assert.equal(await page.evaluate(() => window.descent.status().points), 1);
      const [px, py] = await firstPoint(page);
      assert.ok(Math.hypot(box.x + px - at.x, box.y + py - at.y) < 1.5, `point drawn at (${px}, ${py}) for a ${device.touch ? 'tap' : 'click'} at (${at.x - box.x}, ${at.y - box.y})`);
      // And it is there in pixels: the green class's square under the pointer.
      const green = await page.evaluate(([x, y]) => {
        const c = $q('#data');
        const s = c.width / c.clientWidth;
        const [r, g, b] = $seen(c).getContext('2d').getImageData(Math.round(x * s), Math.round(y * s), 1, 1).data;
        return [r, g, b];
      }, [px, py]);
      assert.ok(green[1] > green[0] + 40 && green[1] > green[2] + 40, `green under the pointer, saw ${green}`);
      // A long note takes a line of its own when it cannot sit beside the buttons (on a phone it was a column a word wide).
      const note = await page.evaluate(() => {
        $q('#note').textContent = "The file was not loaded: JSON line 1, column 32: expected ',' or ']'. The points are as they were.";
        const [n, bar] = [$q('#note').closest('.note'), $q('.notebar')].map((e) => e.getBoundingClientRect());
        return { width: n.width, bar: bar.width };
      });
      assert.ok(note.width >= Math.min(300, 0.9 * note.bar), `${device.name}: the note is ${note.width} px wide in a bar of ${note.bar}`);

      if (device.laptop) {
        const bottom = (sel) => page.locator(sel).first().evaluate((el) => el.getBoundingClientRect().bottom);
        const height = device.viewport.height;
        for (const sel of ['#play', '#learning-rate', '#data', '#loss']) {
          assert.ok(await bottom(sel) <= height, `${sel} ends at ${await bottom(sel)}, below the first screen (${height})`);
        }
      }
      if (device.name.startsWith('phone')) {
        // Canvas first; play, the class of new points and undo under the thumb.
        const top = (sel) => page.locator(sel).first().evaluate((el) => el.getBoundingClientRect().top);
        assert.ok(await top('#data') < await top('#learning-rate'), 'the data canvas comes before the run controls');
        assert.ok(await page.evaluate(() => $q('.thumbbar').contains($q('#play')) && $q('.thumbbar').contains($q('#undo'))
          && $q('.thumbbar').contains($q('input[name=class]'))), 'play, classes and undo are in the thumb bar');
        assert.ok(await page.locator('.hint-touch').first().isVisible(), 'the touch hint shows');
        assert.ok(!(await page.locator('.hint-mouse').first().isVisible()), 'the mouse hint does not');
        // Small targets: every visible button, select and field at least 24 by 24.
        const small = await page.evaluate(() => $all('button, select, input:not([type=radio]):not([type=checkbox]):not([type=file])')
          .filter((el) => el.offsetParent !== null)
          .map((el) => [el.id || el.textContent.trim(), el.getBoundingClientRect()])
          .filter(([, r]) => r.width < 24 || r.height < 24).map(([n, r]) => `${n} ${r.width}×${r.height}`));
        assert.deepEqual(small, [], 'targets under 24×24 CSS px');
      }
      await page.screenshot({ path: `${OUTPUT}screen-${device.name}.png` });
      assert.deepEqual(page.errors, []);
    } finally {
      await page.close();
    }
  });
}

const PHONE = DEVICES.find((d) => d.name.startsWith('phone'));

test('screens: a playground is first drawn once its styles are in, at its laid-out size; a hidden panel\'s canvas keeps a small backing store', async () => {
  const { name, laptop, touch, column, path, ...options } = PHONE;
  const context = await env.browser.newContext(options);
  try {
    const page = await context.newPage();
    // What the playground is at the moment its first render ends (the page marks it).
    await page.addInitScript(() => {
      const mark = performance.mark.bind(performance);
      performance.mark = (label, ...rest) => {
        if (label === 'descent-first-frame') {
          const root = document.querySelector('descent-playground').shadowRoot;
          const data = root.getElementById('data');
          window.atFirstFrame = { shown: !root.querySelector('.playground').hidden, backing: data.width, css: data.clientWidth };
        }
        return mark(label, ...rest);
      };
    });
    await page.goto(env.base + 'index.html');
    await page.waitForFunction(() => window.atFirstFrame);
    const first = await page.evaluate(() => window.atFirstFrame);
    assert.ok(first.shown, 'the playground is shown when it is first drawn');
    assert.equal(first.backing, Math.round(first.css * 3), `the data canvas is drawn at its laid-out size (${first.css} CSS px at ratio 3)`);
    // The lesson panel is hidden in free play: its canvas is not given 3 × 3 times the default backing store.
    const lesson = await page.evaluate(() => { const c = document.querySelector('descent-playground').shadowRoot.getElementById('lesson-canvas'); return [c.clientWidth, c.width, c.height]; });
    assert.equal(lesson[0], 0, 'the lesson canvas is not laid out');
    assert.ok(lesson[1] * lesson[2] <= 300 * 150, `hidden lesson canvas backing store ${lesson[1]}×${lesson[2]}`);
  } finally {
    await context.close();
  }
});

test('screens: on a phone the diagram below the first screen is not drawn while it trains there; scrolled into view it is, every frame', async () => {
  const page = await open(PHONE);
  try {
    const el = 'document.querySelector("descent-playground")';
    // Whether each of the next renders drew the diagram (its part of the render's timings).
    const drewDiagram = (n) => page.evaluate((n) => new Promise((done) => {
      const seen = [];
      const look = () => {
        seen.push('network diagram' in window.descent.render_timings());
        if (seen.length >= n) done(seen); else requestAnimationFrame(look);
      };
      requestAnimationFrame(look);
    }), n);
    const epoch = () => page.evaluate(() => window.descent.status().epoch);
    const [top, height] = await page.evaluate(() => [$q('#network').getBoundingClientRect().top, innerHeight]);
    assert.ok(top > 1.25 * height, `the diagram starts at ${top} px, a quarter screen below the first (${height} px)`);
    // Paused, it is drawn (a printed or captured page shows it), a render after the rest.
    await page.waitForFunction(() => 'network diagram' in window.descent.render_timings());
    await page.evaluate(`${el}.handle.play()`);
    await frames(page, 3);
    const [before, epochBefore] = [await grab(page, '#network'), await epoch()];
    assert.ok((await drewDiagram(20)).every((drew) => !drew), 'no render while training drew the diagram off screen');
    assert.ok(await epoch() > epochBefore, 'it trained meanwhile');
    assert.equal(await changedFraction(page, before, await grab(page, '#network'), 0), 0, 'the diagram off screen stands still');

    await page.locator('#network').scrollIntoViewIfNeeded();
    const drew = await drewDiagram(20);
    assert.ok(drew.filter(Boolean).length >= 3, `renders drew the diagram once on screen: ${drew}`);
    const [early, epochEarly] = [await grab(page, '#network'), await epoch()];
    await page.waitForFunction((e) => window.descent.status().epoch > e + 5, epochEarly);
    await frames(page, 3);
    assert.ok(await changedFraction(page, early, await grab(page, '#network')) > 0.001, 'on screen, the diagram moves as it trains');
    assert.deepEqual(page.errors, []);
  } finally {
    await page.close();
  }
});

test('screens: with eight hidden layers each layer\'s − and + stay apart from every other button and above the diagram, on a phone and a laptop', async () => {
  for (const device of DEVICES.filter((d) => ['phone-390x844-3x', 'laptop-1280x800'].includes(d.name))) {
    const page = await open(device);
    try {
      const counts = [[4, 2], [32, 32, 32, 32, 32, 32, 32, 32]];
      for (const hidden of counts) {
        await page.evaluate((h) => document.querySelector('descent-playground').handle.set('hidden', h), hidden.join(','));
        await frames(page);
        const seen = await page.evaluate(() => {
          const box = (el) => { const r = el.getBoundingClientRect(); return { x: r.x, y: r.y, right: r.right, bottom: r.bottom }; };
          return {
            layer: [...$q('#layer-buttons').querySelectorAll('button')].map(box),
            header: [...$q('#layer-count').closest('div, header, .panel-head, h2')?.querySelectorAll('button') ?? []].map(box),
            canvas: box($q('#network')),
            labelsTop: $q('#network').getBoundingClientRect().y + 24, // the diagram's headings start below 24 CSS px
          };
        });
        const overlap = (a, b) => a.x < b.right - 0.5 && b.x < a.right - 0.5 && a.y < b.bottom - 0.5 && b.y < a.bottom - 0.5;
        assert.equal(seen.layer.length, 2 * hidden.length, 'a − and a + per layer');
        assert.ok(seen.header.length >= 2, 'the layer count\'s own buttons found');
        const all = [...seen.layer, ...seen.header];
        for (const [i, a] of all.entries()) {
          for (const b of all.slice(i + 1)) {
            assert.ok(!overlap(a, b), `${device.name}, ${hidden.length} layers: buttons overlap ${JSON.stringify([a, b])}`);
          }
        }
        for (const b of seen.layer) {
          assert.ok(b.bottom <= seen.labelsTop + 0.5, `${device.name}, ${hidden.length} layers: a layer button reaches into the headings ${JSON.stringify(b)}`);
          assert.ok(b.x >= seen.canvas.x - 0.5 && b.right <= seen.canvas.right + 0.5, `${device.name}: a layer button outside the diagram`);
        }
      }
      if (device.name.startsWith('phone')) await page.locator('#network').first().screenshot({ path: `${OUTPUT}screen-eight-layers-phone.png` });
      assert.deepEqual(page.errors, []);
    } finally {
      await page.close();
    }
  }
});

test('screens: the pixel ratio changing (zoom, another screen) redraws at the new ratio', async () => {
  const page = await open(DEVICES[0]);
  try {
    const session = await page.context().newCDPSession(page);
    await session.send('Emulation.setDeviceMetricsOverride', { width: 1280, height: 800, deviceScaleFactor: 2, mobile: false });
    await page.waitForFunction(() => $q('#data').width === Math.round($q('#data').clientWidth * 2));
    await frames(page, 3);
    // Drawn at the old ratio, the points and labels would fill only its top-left quarter.
    const drawn = await page.evaluate(() => {
      // The points' canvas alone, without the field beneath.
      const c = $q('#data');
      const copy = document.createElement('canvas');
      [copy.width, copy.height] = [c.width, c.height];
      copy.getContext('2d').drawImage(c, 0, 0);
      const d = copy.getContext('2d').getImageData(c.width / 2, c.height / 2, c.width / 2, c.height / 2).data;
      let inked = 0;
      for (let k = 3; k < d.length; k += 4) if (d[k] > 0) inked++;
      return inked / (d.length / 4);
    });
    assert.ok(drawn > 0.02, `the whole canvas is drawn at ratio 2: ${(drawn * 100).toFixed(1)}% of its bottom-right quarter inked`);
  } finally {
    await page.close();
  }
});

// ---- Colour-blind students.

/** Machado, Oliveira and Fernandes (2009), severity 1: linear RGB in, linear RGB out. */
const CVD = {
  deuteranopia: [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.011820, 0.042940, 0.968881]],
  protanopia: [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]],
};
const toLinear = (c) => { const v = c / 255; return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
const toSrgb = (v) => 255 * (v <= 0.0031308 ? 12.92 * v : 1.055 * Math.max(0, v) ** (1 / 2.4) - 0.055);
function simulate(kind, [r, g, b]) {
  const lin = [r, g, b].map(toLinear);
  return CVD[kind].map((row) => Math.min(255, Math.max(0, toSrgb(row[0] * lin[0] + row[1] * lin[1] + row[2] * lin[2]))));
}
const distance = (a, b) => Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);

/** A 21×21 CSS-px patch of the data canvas around (x, y), as the screen shows it (device pixels, RGB). */
function patch(page, [x, y]) {
  return page.evaluate(([x, y]) => {
    const c = $q('#data');
    const s = c.width / c.clientWidth;
    const r = Math.round(10 * s);
    const d = $seen(c).getContext('2d').getImageData(Math.round(x * s) - r, Math.round(y * s) - r, 2 * r + 1, 2 * r + 1).data;
    return { side: 2 * r + 1, pixels: Array.from(d) };
  }, [x, y]);
}

/** Which pixels of a patch stand out from its corner (the field): the point's shape. */
function shape({ side, pixels }, kind) {
  const at = (i) => simulate(kind, pixels.slice(4 * i, 4 * i + 3));
  const field = at(0);
  return Array.from({ length: side * side }, (_, i) => distance(at(i), field) > 60);
}

test('colour-blind: under deuteranopia and protanopia the two classes still differ, by shape and with the palette by colour', async () => {
  const page = await open(DEVICES[2]);
  try {
    // A red and a green training point, far apart, on an otherwise empty canvas.
    await page.evaluate(() => {
      const pg = window.descent;
      pg.clear();
      const w = $q('#data').clientWidth;
      pg.add_point(w * 0.25, w * 0.5, 0);
      pg.add_point(w * 0.75, w * 0.5, 1);
    });
    await frames(page, 3);
    const w = await page.evaluate(() => $q('#data').clientWidth);
    const [red, green] = [[w * 0.25, w * 0.5], [w * 0.75, w * 0.5]];
    const centre = async (p) => { const { side, pixels } = await patch(page, p); const k = 4 * ((side * side - 1) / 2); return pixels.slice(k, k + 3); };
    const colours = async () => [await centre(red), await centre(green)];
    await page.screenshot({ path: `${OUTPUT}colour-blind-red-green.png` });

    for (const kind of Object.keys(CVD)) {
      const [a, b] = await colours();
      const seen = distance(simulate(kind, a), simulate(kind, b));
      // Red and green fall together for these students: shape must carry the difference.
      assert.ok(seen < 80, `${kind}: red and green stay ${seen.toFixed(0)} apart (the test's premise)`);
      const [sa, sb] = [shape(await patch(page, red), kind), shape(await patch(page, green), kind)];
      const union = sa.filter((v, i) => v || sb[i]).length;
      const differ = sa.filter((v, i) => v !== sb[i]).length;
      assert.ok(union > 20, `${kind}: the points are seen at all (${union} px)`);
      assert.ok(differ / union > 0.15, `${kind}: circle and square differ in ${differ} of ${union} pixels`);
    }

    // The colour-blind palette, chosen in the page: now the colours differ too.
    await page.locator('#palette').first().selectOption('color-blind');
    await frames(page, 3);
    await page.screenshot({ path: `${OUTPUT}colour-blind-palette.png` });
    for (const kind of Object.keys(CVD)) {
      const [a, b] = await colours();
      const seen = distance(simulate(kind, a), simulate(kind, b));
      assert.ok(seen > 100, `${kind}: the palette's classes are ${seen.toFixed(0)} apart`);
    }
    assert.equal(await page.evaluate(() => window.descent.get('palette')), 'color-blind');
    assert.match(await page.evaluate(() => window.descent.scene_text()), /palette=color-blind/, 'the link keeps the palette');
    assert.deepEqual(await page.locator('#legend .class-name').allTextContents(), ['orange', 'blue', 'teal', 'pink']);
  } finally {
    await page.close();
  }
});

test('colour-blind: palette= in a link and on the element', async () => {
  const page = await open(DEVICES[0], 'index.html#preset=xor&palette=color-blind');
  try {
    assert.equal(await page.evaluate(() => window.descent.get('palette')), 'color-blind');
    assert.equal(await page.locator('#palette').first().inputValue(), 'color-blind');
    const note = await page.evaluate(async () => {
      const el = document.createElement('descent-playground');
      el.setAttribute('palette', 'nonsense');
      el.setAttribute('size', 'small');
      document.body.append(el);
      const handle = await el.ready;
      return [handle.get('palette'), el.shadowRoot.getElementById('note').textContent];
    });
    assert.equal(note[0], 'red-green', 'an unknown palette leaves the default');
    assert.match(note[1], /palette: 'nonsense' is not one of red-green, color-blind/);
  } finally {
    await page.close();
  }
});

// ---- An accessibility audit.

for (const path of ['index.html', 'embed.html', 'course.html', 'builder.html']) {
  test(`accessibility: axe-core finds nothing serious or critical on ${path}`, async () => {
    const page = await open(DEVICES[0], path);
    try {
      await page.addScriptTag({ path: AXE });
      const violations = await page.evaluate(async () => {
        const result = await window.axe.run(document, { resultTypes: ['violations'] });
        return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
          .map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('; ')}`);
      });
      assert.deepEqual(violations, []);
    } finally {
      await page.close();
    }
  });
}

// ---- The keyboard alone.

/** Presses Tab until `selector` (in the playground) has focus; at most `limit` presses. */
async function tabTo(page, selector, limit = 80) {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((s) => document.querySelector('descent-playground').shadowRoot.activeElement === $q(s), selector)) return;
  }
  throw new Error(`Tab never reached ${selector}`);
}

test('keyboard: place, move and erase a point on the data canvas; Space plays and pauses there', async () => {
  const page = await open(DEVICES[0]);
  try {
    await page.evaluate(() => window.descent.clear());
    await tabTo(page, '#data');
    const w = await page.evaluate(() => $q('#data').clientWidth);
    for (let i = 0; i < 8; i++) await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Enter');
    await frames(page);
    assert.equal(await page.evaluate(() => window.descent.status().points), 1, 'Enter adds a point');
    const [x, y] = await firstPoint(page);
    assert.ok(Math.abs(x - (w / 2 + 8 * w / 40)) < 1 && Math.abs(y - w / 2) < 1, `added at the cursor: (${x}, ${y})`);
    await page.screenshot({ path: `${OUTPUT}keyboard-cursor.png` });
    await page.keyboard.press('Shift+Enter');
    assert.equal(await page.evaluate(() => window.descent.points_json()).then((j) => JSON.parse(j).map((p) => p.label).join()), '1,0',
      'Shift+Enter adds the other class');
    await page.keyboard.press('Delete');
    assert.equal(await page.evaluate(() => window.descent.status().points), 1, 'Delete erases the point under the cursor');

    // M picks it up, the arrows carry it, M puts it down: one undo step.
    await page.keyboard.press('m');
    for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowDown');
    await page.keyboard.press('m');
    const [mx, my] = await firstPoint(page);
    assert.ok(Math.abs(mx - x) < 1 && Math.abs(my - (y + 4 * w / 40)) < 1, `moved to (${mx}, ${my})`);
    await page.keyboard.press('Control+z');
    const [ux, uy] = await firstPoint(page);
    assert.ok(Math.abs(ux - x) < 1 && Math.abs(uy - y) < 1, 'undo puts it back');

    // T marks new points as test points.
    await page.keyboard.press('t');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => window.descent.status().testPoints), 1, 'T then Enter adds a test point');

    const label = () => page.locator('#play').first().getAttribute('aria-label');
    await page.keyboard.press('Space');
    assert.equal(await label(), 'Pause', 'Space on the canvas plays');
    await page.waitForFunction(() => window.descent.status().epoch > 2);
    await page.keyboard.press('Space');
    assert.equal(await label(), 'Play', 'and pauses');
    assert.equal(await page.locator('#announce').first().textContent(), 'Paused.');
    assert.deepEqual(page.errors, []);
  } finally {
    await page.close();
  }
});

test('keyboard: Space on a button presses the button and does not toggle play', async () => {
  const page = await open(DEVICES[0]);
  try {
    await page.evaluate(() => window.descent.train_epochs(5));
    await tabTo(page, '#reset');
    await page.keyboard.press('Space');
    await frames(page);
    assert.equal(await page.evaluate(() => window.descent.status().epoch), 0, 'Space pressed Reset');
    assert.equal(await page.locator('#play').first().getAttribute('aria-label'), 'Play', 'and did not start playing');
    await tabTo(page, '#play');
    await page.keyboard.press('Space');
    assert.equal(await page.locator('#play').first().getAttribute('aria-label'), 'Pause', 'Space on Play plays, once');
  } finally {
    await page.close();
  }
});

test('keyboard: the backpropagation lesson\'s weight is chosen with the arrows', async () => {
  const page = await open(DEVICES[0], 'index.html#lesson=backprop');
  try {
    await page.waitForFunction(() => window.descent.lesson_name() === 'backprop');
    const before = await page.locator('#lesson-text').first().textContent();
    await tabTo(page, '#network');
    await page.keyboard.press('Enter');
    assert.equal(await page.locator('#announce').first().textContent(), 'Weight input x1 → hidden layer 1 unit 1.');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowDown');
    await frames(page);
    const after = await page.locator('#lesson-text').first().textContent();
    assert.notEqual(after, before, 'the lesson explains the chosen weight');
    assert.match(await page.locator('#announce').first().textContent(), /^Weight hidden layer 1 unit 1 → hidden layer 2 unit 2\.$/);
  } finally {
    await page.close();
  }
});

test('numbers: shown at three significant digits, and measured again after an edit', async () => {
  const page = await open(DEVICES[0]);
  try {
    await page.evaluate(() => { window.descent.set('noise', '0.1'); });
    await page.locator('#dropout').first().fill('0.35');
    await frames(page);
    assert.equal(await page.locator('#dropout-value').first().textContent(), '0.35');
    await page.locator('#learning-rate').first().fill('7');
    assert.equal(await page.evaluate(() => window.descent.get('learning-rate')), '0.03', 'the slider returns to 0.03');
    await page.locator('#remove-layer').first().click();
    assert.equal(await page.locator('.layers').first().innerText().then((t) => t.replace(/\s+/g, ' ').trim()), '− 1 hidden layer +');
    const loss = await page.locator('#train-loss').first().textContent();
    const significant = loss.replace(/e.*$/, '').replace('.', '').replace(/^0+/, '');
    assert.equal(significant.length, 3, `loss shown as ${loss}`);
    await page.locator('#clear').first().click();
    await frames(page);
    assert.equal(await page.locator('#train-loss').first().textContent(), '–', 'no loss without points');
    assert.equal(await page.locator('#train-accuracy').first().textContent(), '–');
  } finally {
    await page.close();
  }
});

test('keyboard: in the perceptron lesson N jumps to a point and Enter chooses it for the arithmetic', async () => {
  const page = await open(DEVICES[0], 'index.html#lesson=perceptron');
  try {
    await page.waitForFunction(() => window.descent.lesson_name() === 'perceptron');
    const before = await page.locator('#lesson-text').first().textContent();
    await tabTo(page, '#data');
    await page.keyboard.press('n');
    await page.keyboard.press('n');
    await page.keyboard.press('Enter');
    await frames(page);
    const after = await page.locator('#lesson-text').first().textContent();
    const points = JSON.parse(await page.evaluate(() => window.descent.points_json()));
    assert.equal(points.length, 40, 'Enter on a point chooses it and adds none');
    assert.notEqual(after, before, 'the arithmetic is of the chosen point');
    const [x1, x2] = /^x = \((−?[\d.]+), (−?[\d.]+)\)/.exec(after).slice(1).map((v) => Number(v.replace('−', '-')));
    assert.ok(points.some((p) => Math.abs(p.x1 - x1) < 0.001 && Math.abs(p.x2 - x2) < 0.001), `(${x1}, ${x2}) is one of the points`);
    // The star follows: it is drawn on the chosen point (the second, where the cursor is).
    const at = await page.evaluate(() => {
      const first = window.descent.next_point(-1e6, -1e6, 1);
      return window.descent.next_point(first[0], first[1], 1);
    });
    await page.keyboard.press('Tab'); // focus moves on: the cursor is no longer drawn over the star
    await frames(page, 2);
    const yellow = await colourCount(page, '#data', at[0], at[1], [255, 210, 63], { radius: 5, tolerance: 60 });
    assert.ok(yellow >= 8, `the star is on the chosen point: ${yellow} yellow pixels`);
  } finally {
    await page.close();
  }
});

test('screen readers: the data canvas says what it shows, and changes of state are announced once', async () => {
  const page = await open(DEVICES[0]);
  try {
    await page.evaluate(() => {
      const pg = window.descent;
      pg.clear();
      pg.add_point(40, 40, 0);
      pg.add_point(80, 40, 1, true);
      pg.add_point(120, 40, 1);
    });
    await page.waitForFunction(() => /^Data: 1 red circle, 2 green squares \(2 training, 1 test\)\./.test($q('#data').getAttribute('aria-label')), null, { timeout: 5000 });
    // The numbers that change every frame are not live regions: nothing but the note and the announcer speaks.
    const live = await page.evaluate(() => $all('[aria-live], [role=status], [role=alert], output')
      .filter((el) => el.closest('descent-playground, body') && el.offsetParent !== null || el.id === 'announce')
      .map((el) => el.id || el.className));
    assert.ok(!live.includes('epoch') && !live.includes('train-loss') && !live.includes('lesson-text'), `live regions: ${live}`);
    await page.evaluate(() => window.descent.set('learning-rate', '10'));
    await page.locator('#play').first().click();
    await page.waitForFunction(() => window.descent.status().state === 'diverged', null, { timeout: 20_000 });
    await frames(page, 3);
    assert.match(await page.locator('#announce').first().textContent(), /loss blew up|Paused/);
  } finally {
    await page.close();
  }
});

test('keyboard: a carried point is put down by any other key, so an erase or an undo never leaves the arrows moving another point', async () => {
  const page = await open(DEVICES[0]);
  try {
    await page.evaluate(() => window.descent.clear());
    await tabTo(page, '#data');
    await page.keyboard.press('Enter'); // a point at the centre
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Enter'); // a second, one step right
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('m'); // pick the first up (index 0)
    await page.keyboard.press('Delete'); // erase it instead: the second is index 0 now
    const before = await page.evaluate(() => window.descent.points_json());
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    assert.equal(await page.evaluate(() => window.descent.points_json()), before, 'the arrows move the cursor, not the point left');
    assert.equal(JSON.parse(before).length, 1);
  } finally {
    await page.close();
  }
});

test('screens: every lesson, caption and all, keeps its data canvas and loss chart in the first screen at 1366×768', async () => {
  const page = await open(DEVICES[1]);
  try {
    const names = await page.evaluate(async () => (await (await import('./descent.js')).lessons()).map((l) => l.name));
    assert.ok(names.length >= 9, `${names.length} lessons`);
    for (const name of names) {
      await page.evaluate((name) => document.getElementById('main').handle.lesson(name), name);
      // Where the layout settles: the lesson's texts and panels come over a
      // few frames (on a busy machine, more than two).
      const read = () => page.evaluate(() => ['#data', '#loss'].map((s) => $q(s).getBoundingClientRect().bottom));
      let bottoms = await read();
      for (let settled = 0, tries = 0; settled < 3 && tries < 60; tries++) {
        await frames(page, 1);
        const now = await read();
        settled = now.every((b, i) => b === bottoms[i]) ? settled + 1 : 0;
        bottoms = now;
      }
      assert.ok(bottoms.every((b) => b <= 768), `${name}: the data canvas ends at ${bottoms[0]}, the loss chart at ${bottoms[1]}`);
    }
  } finally {
    await page.close();
  }
});

test('settings as the element\'s attributes: any setting by name, HTML\'s own hidden left to HTML', async () => {
  const page = await open(DEVICES[0]);
  try {
    const got = await page.evaluate(async () => {
      const el = document.createElement('descent-playground');
      el.setAttribute('learning-rate', '0.1');
      el.setAttribute('activation', 'relu');
      el.setAttribute('seed', 'abc');
      el.setAttribute('hidden', '');
      document.body.append(el);
      const h = await el.ready;
      el.hidden = false; // shown: the attribute was HTML's, never the layers
      return { lr: h.get('learning-rate'), act: h.get('activation'), seed: h.get('seed'), layers: h.get('hidden'), note: el.shadowRoot.getElementById('note').textContent };
    });
    assert.deepEqual([got.lr, got.act, got.seed, got.layers], ['0.1', 'relu', '1', '4,2']);
    assert.match(got.note, /seed: 'abc' is not a number/);
  } finally {
    await page.close();
  }
});
