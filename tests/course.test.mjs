// End-to-end tests of embedding: the example course page with several
// <descent-playground> elements, the element's attributes, the JavaScript
// API, the iframe form, and a fault in one playground leaving the rest alone.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, frames, OUTPUT, shownNumber, DEEP_QUERY } from './browser.mjs';
import { KOREAN, PHONE, english, englishLeft, overflowing } from './words.mjs';

let browser;
before(async () => { browser = await start(); });
after(async () => { await browser?.stop(); });

const IDS = ['neuron', 'nonlinear', 'pass', 'landscape', 'backprop', 'rate', 'optimizers', 'batches', 'overfit', 'own'];

async function coursePage(viewport = { width: 1000, height: 900 }) {
  const page = await browser.page('course.html', viewport);
  // Each mounted, and drawn once: off-screen ones are drawn in turn, a frame or more later.
  await page.waitForFunction((ids) => ids.every((id) => document.getElementById(id).handle?.view.drawnOnce), IDS);
  return page;
}

/** What one playground shows: its epoch and training loss (as printed), and some settings. */
const shown = async (page, id) => ({
  epoch: await shownNumber(page, `#${id} #epoch`),
  loss: (await page.locator(`#${id} #train-loss`).textContent()).trim(),
  settings: await page.evaluate((id) => {
    const h = document.getElementById(id).handle;
    return ['activation', 'learning-rate', 'hidden', 'seed'].map((n) => h.get(n)).join(' ');
  }, id),
});

test('the course page: each playground trains on its own; changing one leaves the others alone', async () => {
  const page = await coursePage();
  const before = Object.fromEntries(await Promise.all(IDS.map(async (id) => [id, await shown(page, id)])));
  assert.notEqual(before.nonlinear.settings, before.own.settings, 'the playgrounds start from different scenes');

  // A person trains the first one with its own buttons and changes its activation.
  await page.locator('#nonlinear').scrollIntoViewIfNeeded();
  await page.selectOption('#nonlinear #activation', 'relu'); // a new network: epoch 0
  await page.click('#nonlinear #step-epoch');
  await page.click('#nonlinear #step-epoch');
  await frames(page);
  const first = await shown(page, 'nonlinear');
  assert.equal(first.epoch, 2);
  assert.match(first.settings, /^relu /);
  for (const id of IDS.filter((id) => id !== 'nonlinear')) {
    assert.deepEqual(await shown(page, id), before[id], `${id} is untouched`);
  }

  // Another trains by the API; the first keeps its epoch and loss.
  await page.evaluate(() => document.getElementById('own').handle.step(30));
  await frames(page);
  assert.equal((await shown(page, 'own')).epoch, 30);
  assert.deepEqual(await shown(page, 'nonlinear'), first);
  assert.deepEqual(page.errors, []);
  await page.screenshot({ path: `${OUTPUT}course-page.png`, fullPage: true });
  await page.close();
});

test('the controls attribute shows only those controls; the caption is text', async () => {
  const page = await coursePage();
  // lesson="perceptron": the lesson's caption, its sliders and its arithmetic, no play button.
  assert.match(await page.locator('#neuron .caption').textContent(), /One neuron/);
  assert.ok(await page.locator('#neuron #w1').isVisible());
  assert.ok(!(await page.locator('#neuron #play').isVisible()));
  assert.match(await page.locator('#neuron #lesson-text').textContent(), /= −6, sigmoid\(−6\) ≈ 0\.0025/);
  const visible = (id, control) => page.locator(`#${id} #${control}`).isVisible();
  // controls="run,activation,learning-rate"
  await page.locator('#own').scrollIntoViewIfNeeded();
  for (const c of ['play', 'step-epoch', 'activation', 'learning-rate']) assert.ok(await visible('own', c), `${c} shows`);
  for (const c of ['optimizer', 'dropout', 'batch-size', 'preset', 'copy-link', 'show-code', 'early-stopping']) {
    assert.ok(!(await visible('own', c)), `${c} is hidden`);
  }
  // The same control shows on another playground that lists it.
  await page.locator('#overfit').scrollIntoViewIfNeeded();
  assert.ok(await visible('overfit', 'dropout'));

  // A caption with markup in it stays text: nothing is parsed, nothing runs.
  const hostile = '<img src=x onerror="window.__ran=1"><b>bold</b>';
  await page.evaluate((text) => document.getElementById('own').setAttribute('caption', text), hostile);
  await frames(page, 3);
  const caption = page.locator('#own .caption');
  assert.equal(await caption.textContent(), hostile);
  assert.equal(await caption.locator('img, b').count(), 0);
  assert.equal(await page.evaluate(() => window.__ran), undefined);
  await page.close();
});

test('a playground scrolled out of view pauses, and goes on when scrolled back', async () => {
  const page = await coursePage({ width: 1000, height: 600 });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.evaluate(() => document.getElementById('overfit').handle.play());
  await page.waitForTimeout(600);
  assert.equal(await shownNumber(page, '#overfit #epoch'), 0, 'off-screen: not training');
  await page.locator('#overfit').scrollIntoViewIfNeeded();
  await page.waitForFunction(() => Number(document.getElementById('overfit').handle.status().epoch) >= 10);
  await page.close();
});

test('the JavaScript API: mount, step, set, scene, load, on, destroy', async () => {
  const page = await browser.page('course.html');
  const result = await page.evaluate(async () => {
    const { mount } = await import('./descent.js');
    const make = () => {
      const div = document.createElement('div');
      document.body.append(div);
      return div;
    };
    const a = await mount(make(), { scene: 'v=1&preset=xor&hidden=5&seed=11', controls: 'run', size: 'small' });
    const out = {};
    const epochs = [];
    const off = a.on('epoch', (s) => epochs.push(s.epoch));
    out.status = await a.step(25);
    await new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok)));
    off();
    out.epochsSeen = epochs;
    out.clamped = a.set('learning-rate', '1e9');
    try { a.set('learning-rate', 'abc'); out.refused = 'accepted'; } catch (e) { out.refused = e.message; }
    try { a.on('frame', () => {}); } catch (e) { out.badEvent = e.message; }
    try { await a.step('abc'); } catch (e) { out.badStep = e.message; }
    try { a.set('colour', 'red'); } catch (e) { out.badName = e.message; }
    a.set('learning-rate', '0.1');
    a.reset();
    // The scene as plain data; a second playground loaded with it trains the same.
    const scene = a.scene();
    out.sceneKeys = Object.keys(scene).sort();
    out.pointCount = scene.points.length;
    const b = await mount(make(), {});
    out.notes = b.load(scene);
    out.same = JSON.stringify(b.scene().points) === JSON.stringify(scene.points);
    out.losses = [(await a.step(40)).trainLoss, (await b.step(40)).trainLoss];
    // Plain data without the text form: settings then points.
    const c = await mount(make(), {});
    c.load({ settings: scene.settings, points: scene.points });
    out.lossC = (await c.step(40)).trainLoss;
    a.destroy();
    out.destroyed = a.element.shadowRoot.childElementCount;
    return out;
  });
  assert.equal(result.status.epoch, 25);
  assert.ok(result.epochsSeen.includes(25), `on('epoch') saw epoch 25: ${result.epochsSeen}`);
  assert.match(result.clamped, /learning rate/i, 'a rate of 1e9 is clamped with a note');
  assert.match(result.refused, /learning rate: 'abc' is not a number/);
  assert.match(result.badEvent, /no event 'frame'/);
  assert.match(result.badStep, /step: 'abc' is not a whole number of epochs/);
  assert.match(result.badName, /colour/);
  assert.deepEqual(result.sceneKeys, ['linkNotes', 'points', 'settings', 'text']);
  assert.ok(result.pointCount > 0);
  assert.ok(result.same, 'the loaded playground has the same points');
  assert.equal(result.losses[0], result.losses[1], 'same scene, same loss after 40 epochs');
  assert.equal(result.lossC, result.losses[0], 'loading plain data gives the same run too');
  assert.equal(result.destroyed, 0, 'destroy empties the element');
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('embed.html#scene shows one playground, without page chrome, with the scene of the link', async () => {
  const page = await browser.page('index.html');
  await page.click('#step-epoch');
  await page.fill('#batch-size', '7');
  await page.keyboard.press('Tab');
  const text = await page.evaluate(() => window.descent.scene_text());
  await page.close();

  const embed = await browser.page(`embed.html#${text}`, { width: 800, height: 700 });
  assert.equal(await embed.locator('descent-playground').count(), 1);
  assert.equal(await embed.locator('header, footer').count(), 0, 'no page chrome');
  assert.equal(await embed.evaluate(() => window.descent.get('batch-size')), '7');
  assert.equal(await embed.evaluate(() => window.descent.scene_text()), text);
  await embed.screenshot({ path: `${OUTPUT}embed.png` });
  assert.deepEqual(embed.errors, []);
  await embed.close();
});

test('a fault inside one playground shows on that one only; the others go on', async () => {
  const page = await coursePage();
  page.errors.length = 0;
  // Through the same guard every API call goes through.
  const thrown = await page.evaluate(() => {
    const h = document.getElementById('rate').handle;
    try { h.view.guard(() => h.playground.panicForTests()); return 'no fault'; } catch (e) { return e.constructor.name; }
  });
  assert.equal(thrown, 'RuntimeError', 'the caller still hears of it');
  const banner = page.locator('#rate #banner-text');
  await banner.waitFor();
  assert.match(await banner.textContent(), /Something went wrong inside this playground \(descent: panicked at [\s\S]*a deliberate fault/);
  assert.ok(await page.locator('#nonlinear #banner').isHidden(), 'the first playground shows no banner');
  // The others still train, by their buttons and by the API.
  await page.locator('#nonlinear').scrollIntoViewIfNeeded();
  await page.click('#nonlinear #step-epoch');
  await frames(page);
  assert.equal(await shownNumber(page, '#nonlinear #epoch'), 1);
  assert.equal(await page.evaluate(async () => (await document.getElementById('overfit').handle.step(3)).epoch), 3);
  // The faulty one refuses politely instead of throwing wasm errors.
  const refused = await page.evaluate(async () => { try { await document.getElementById('rate').handle.step(1); return 'ran'; } catch (e) { return e.message; } });
  assert.match(refused, /stopped after a fault/);
  assert.ok(page.errors.some((e) => e.includes('a deliberate fault')), 'the panic is logged');
  await page.close();
});

test('bad attributes are named in a note and the rest of the playground loads', async () => {
  const page = await browser.page('course.html');
  const notes = await page.evaluate(async () => {
    const make = async (html) => {
      const holder = document.createElement('div');
      holder.innerHTML = html; // the test's own markup
      document.body.append(holder);
      const el = holder.firstElementChild;
      await new Promise((ok) => el.addEventListener('descent-ready', ok, { once: true }));
      return { note: el.shadowRoot.getElementById('note').textContent, epoch: (await el.handle.step(2)).epoch, hidden: el.handle.get('hidden') };
    };
    return [
      await make('<descent-playground controls="run,bogus,<b>x</b>" size="huge"></descent-playground>'),
      await make('<descent-playground lesson="no-such-lesson"></descent-playground>'),
      await make('<descent-playground scene="v=1&hidden=4,999&learning-rate=abc"></descent-playground>'),
    ];
  });
  assert.match(notes[0].note, /controls: 'bogus', '<b>x<\/b>' are not control groups/);
  assert.match(notes[0].note, /size: 'huge' is not small, medium or full/);
  assert.match(notes[1].note, /no-such-lesson/);
  assert.match(notes[2].note, /learning rate: 'abc' is not a number/);
  assert.match(notes[2].note, /units per layer/);
  assert.equal(notes[2].hidden, '4,32', 'the clamped layer size loads');
  for (const n of notes) assert.equal(n.epoch, 2, 'each still trains');
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('the course page walks through every lesson, in the lecture\'s order', async () => {
  const page = await coursePage();
  const { onPage, lecture } = await page.evaluate(async () => {
    const { lessons } = await import('./descent.js');
    return {
      onPage: [...document.querySelectorAll('descent-playground[lesson]')].map((el) => el.getAttribute('lesson')),
      lecture: (await lessons()).map((l) => l.name),
    };
  });
  assert.deepEqual(onPage, lecture);
  // Each shows its lesson's caption: the lesson loaded.
  for (const id of IDS.filter((id) => id !== 'own')) {
    assert.ok((await page.locator(`#${id} .caption`).textContent()).length > 40, `${id} has its lesson's caption`);
  }
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('the overfitting example overfits: its test loss falls to a minimum, then rises', async () => {
  const page = await coursePage();
  const losses = await page.evaluate(async () => {
    const handle = document.getElementById('overfit').handle;
    const out = [];
    for (let i = 0; i < 30; i++) {
      const { testLoss, trainLoss } = await handle.step(10);
      out.push({ testLoss, trainLoss });
    }
    return out;
  });
  const test = losses.map((l) => l.testLoss);
  const best = Math.min(...test);
  const at = test.indexOf(best);
  const end = test[test.length - 1];
  console.log(`test loss: ${test[0].toFixed(3)} at epoch 10, lowest ${best.toFixed(3)} at epoch ${10 * (at + 1)}, ${end.toFixed(3)} at 300`);
  assert.ok(at > 0 && at < test.length - 5, `the lowest test loss is neither at the start nor at the end (epoch ${10 * (at + 1)})`);
  assert.ok(end > 1.5 * best, `the test loss rises after its minimum: ${best} then ${end}`);
  assert.ok(losses[losses.length - 1].trainLoss < losses[at].trainLoss, 'while the training loss still falls');
  assert.deepEqual(page.errors, []);
  await page.close();
});

/** `template` with its `{name}`s filled, as the page fills the catalogue's sentences. */
const fill = (template, values) => template.replace(/\{(\w+)\}/g, (whole, name) => (name in values ? String(values[name]) : whole));

test('course.ko.html: every playground speaks Korean without an attribute, no English string is left, nothing overflows', async () => {
  for (const [device, options] of [['desktop', { viewport: { width: 1000, height: 900 } }], ['phone', PHONE]]) {
    const context = await browser.browser.newContext(options);
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.addInitScript(DEEP_QUERY);
    await page.goto(`${browser.base}course.ko.html`);
    await page.waitForFunction((ids) => ids.every((id) => document.getElementById(id).handle), IDS);
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'ko');
    assert.equal(await page.locator('descent-playground[lang]').count(), 0, 'no playground names its language');
    const en = await english(page);
    const inside = (id, selector, attribute) => page.evaluate(([id, selector, attribute]) => {
      const el = document.getElementById(id).shadowRoot.querySelector(selector);
      return attribute ? el.getAttribute(attribute) : el.textContent.trim();
    }, [id, selector, attribute]);
    // The same nine lessons as course.html, in its order.
    const lessons = await page.evaluate(() => [...document.querySelectorAll('descent-playground[lesson]')].map((e) => e.getAttribute('lesson')));
    const englishPage = await (await fetch(`${browser.base}course.html`)).text();
    assert.deepEqual(lessons, [...englishPage.matchAll(/<descent-playground[^>]* lesson="([^"]+)"/g)].map((m) => m[1]));
    for (const id of IDS) {
      await page.locator(`#${id}`).scrollIntoViewIfNeeded();
      // Scrolled into view, it is drawn (off screen it was not), and its texts follow.
      await page.waitForFunction((id) => document.getElementById(id).shadowRoot.querySelector('#data').getAttribute('aria-label').includes(': '), id);
      await frames(page, 2);
      // The data canvas covers none of the numbers, the chart or the legend beside it.
      assert.deepEqual(await page.evaluate((id) => {
        const root = document.getElementById(id).shadowRoot;
        const data = root.querySelector('#data').getBoundingClientRect();
        return ['.stats', '#loss', '.chart-legend', '.timeline', '#legend'].filter((s) => {
          const el = root.querySelector(s);
          if (!el?.checkVisibility()) return false;
          const r = el.getBoundingClientRect();
          return r.width > 0 && r.left < data.right - 1 && data.left < r.right - 1 && r.top < data.bottom - 1 && data.top < r.bottom - 1;
        });
      }, id), [], `${device} ${id}: the data canvas overlaps`);
      // Its data canvas is described in Korean (the screen reader's words), and so is its caption.
      assert.match(await inside(id, '#data', 'aria-label'), /^데이터: /, `${device} ${id}`);
      assert.equal(await inside(id, '#data', 'aria-roledescription'), KOREAN.data_canvas, `${device} ${id}`);
      const lesson = await page.evaluate((id) => document.getElementById(id).getAttribute('lesson'), id);
      if (lesson) assert.equal(await inside(id, '.caption'), KOREAN[`lesson_${lesson.replace(/-/g, '_')}_caption`], `${device} ${id}`);
      // On the phone the view as scrolled to it (an element screenshot there is taken from the wrong offset).
      const path = `${OUTPUT}course-ko-${device}-${id}.png`;
      if (device === 'phone') await page.screenshot({ path });
      else await page.locator(`#${id}`).screenshot({ path });
    }
    assert.deepEqual(await englishLeft(page, en), [], `${device}: English left`);
    assert.deepEqual(await overflowing(page), [], `${device}: overflowing`);
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth), `${device}: the page does not scroll sideways`);
    // The two pages link to each other.
    await page.evaluate(() => scrollTo(0, 0));
    await page.screenshot({ path: `${OUTPUT}course-ko-${device}-top.png` });
    await page.click('a[href="course.html"]');
    await page.waitForFunction(() => document.documentElement.lang === 'en' && location.pathname.endsWith('/course.html'));
    assert.equal(await page.locator('a[href="course.ko.html"]').count(), 1);
    assert.deepEqual(errors, [], `${device}: the page logged errors`);
    await context.close();
  }
});

test('a Korean playground refuses bad calls of the JavaScript API in Korean, with the same error types', async () => {
  const page = await browser.browser.newPage({ viewport: { width: 1000, height: 800 } });
  // An English page; the element asks for Korean.
  await page.route(`${browser.base}ko-api.html`, (route) => route.fulfill({
    contentType: 'text/html',
    body: `<!doctype html><html lang="en"><meta charset="utf-8"><script type="module" src="descent.js"></script>
      <descent-playground id="ko" lang="ko" lesson="perceptron"></descent-playground>`,
  }));
  await page.goto(`${browser.base}ko-api.html`);
  await page.waitForFunction(() => document.getElementById('ko').handle);
  const refused = await page.evaluate(async () => {
    const { mount } = await import('./descent.js');
    const h = document.getElementById('ko').handle;
    const out = {};
    const attempt = async (name, call) => {
      try { await call(); out[name] = 'accepted'; } catch (e) { out[name] = [e.constructor.name, e.name, e.message]; }
    };
    await attempt('value', () => h.set('learning-rate', 'abc'));
    await attempt('name', () => h.set('x'.repeat(200), '1'));
    await attempt('step', () => h.step(-1));
    await attempt('load', () => h.load(42));
    await attempt('event', () => h.on('frame', () => {}));
    await attempt('listener', () => h.on('epoch', 5));
    await attempt('lesson', () => h.lesson('y'.repeat(200)));
    out.longLessonNote = h.element.shadowRoot.querySelector('#note').textContent;
    h.lesson('nonsense');
    out.lessonNote = h.element.shadowRoot.querySelector('#note').textContent;
    await attempt('element', () => mount(null, { lang: 'ko' }));
    await attempt('twice', () => mount(h.element));
    const gone = new AbortController();
    gone.abort();
    await attempt('aborted', () => mount(document.createElement('div'), { lang: 'ko', signal: gone.signal }));
    // The same refusal on an English page with no lang option is English.
    await attempt('english', () => mount(null));
    h.destroy();
    await attempt('destroyed', () => h.set('learning-rate', '0.1'));
    return out;
  });
  const k = KOREAN;
  assert.deepEqual(refused.value, ['Error', 'Error', fill(k.setting_not_number, { field: k.field_learning_rate, value: 'abc' })]);
  assert.deepEqual(refused.name, ['Error', 'Error', fill(k.api_name_not_setting, { name: 'x'.repeat(40) })]);
  assert.deepEqual(refused.step, ['RangeError', 'RangeError', fill(k.api_step_not_whole, { value: '-1', max: '100,000' })]);
  assert.deepEqual(refused.load, ['Error', 'Error', k.api_scene_not_object]);
  assert.deepEqual(refused.event, ['Error', 'Error', fill(k.api_no_event, { event: 'frame' })]);
  assert.deepEqual(refused.listener, ['TypeError', 'TypeError', fill(k.api_not_function, { event: 'epoch', what: 'number' })]);
  assert.deepEqual(refused.element, ['TypeError', 'TypeError', fill(k.api_not_element, { what: 'null' })]);
  assert.deepEqual(refused.twice, ['Error', 'Error', k.api_already_mounted]);
  assert.deepEqual(refused.aborted, ['DOMException', 'AbortError', k.api_aborted]);
  assert.deepEqual(refused.destroyed, ['Error', 'Error', k.api_destroyed]);
  assert.match(refused.english[2], /^mount: the first argument must be an element/);
  // A lesson name that is too long is refused in a Korean note (lesson() reports, it does not throw).
  assert.equal(refused.lesson, 'accepted');
  assert.equal(refused.longLessonNote, fill(k.lesson_not_loaded, { name: 'y'.repeat(40), problem: fill(k.api_lesson_name_too_long, { length: 200 }) }));
  assert.match(refused.lessonNote, /^수업 'nonsense'을\(를\) 불러올 수 없습니다: 'nonsense'은\(는\) 수업이 아닙니다 \(있는 것: perceptron, .*, overfitting\)\.$/);
  for (const [what, [, , message]] of Object.entries(refused).filter(([w, r]) => w !== 'english' && Array.isArray(r))) {
    assert.match(message, /[가-힣]/, `${what}: ${message}`);
  }
  await page.close();
});

test('the sandboxed iframe fallback says why it could not load, in Korean with ?lang=ko', async () => {
  const page = await browser.browser.newPage({ viewport: { width: 700, height: 500 } });
  // As in a sandboxed frame on a host without CORS headers: neither the module nor standalone.js loads.
  await page.route(/\/(descent|standalone)\.js$/, (route) => route.abort());
  const shown = async (path) => {
    await page.goto(`${browser.base}${path}`);
    await page.waitForFunction(() => document.body.textContent.includes('standalone.js'));
    return page.evaluate(() => [document.body.textContent.trim(), document.documentElement.lang]);
  };
  const [korean, lang] = await shown('embed.html?lang=ko');
  assert.match(korean, /^플레이그라운드를 여기서 불러올 수 없습니다: .*Access-Control-Allow-Origin: \*/);
  assert.equal(lang, 'ko');
  await page.screenshot({ path: `${OUTPUT}embed-fallback-ko.png` });
  const [english] = await shown('embed.html');
  assert.match(english, /^The playground could not load here: inside a sandboxed iframe/);
  await page.close();
});

test('the playground and the builder link to the course page in their language', async () => {
  const page = await browser.browser.newPage({ viewport: { width: 1000, height: 800 } });
  for (const [path, href] of [['index.html?lang=ko', 'course.ko.html'], ['builder.html?lang=ko', 'course.ko.html'],
    ['index.html', 'course.html'], ['builder.html', 'course.html']]) {
    await page.goto(`${browser.base}${path}`);
    await page.waitForFunction(() => document.getElementById('main')?.handle || document.getElementById('editor')?.handle);
    assert.equal(await page.getAttribute('#course-link', 'href'), href, path);
  }
  await page.close();
});
