// End-to-end tests of the languages: the Korean page (`?lang=ko`) walks every
// lesson and free play, and no English string of the catalogue is left among
// the visible text, aria-labels and titles; nothing overflows its control at
// 1280×800 nor on a phone (screenshots of every lesson in both); two
// playgrounds on one page speak their own languages; embed.html takes
// `?lang=ko`; the builder's language goes into all three snippets; a link's
// notes, a bad JSON file and every phase of the slow step are Korean; a
// Korean page asks for its language file while the wasm still downloads.
// Run: node --test tests/language.test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, OUTPUT, frames } from './browser.mjs';
import { KOREAN, PHONE, english, englishLeft, overflowing } from './words.mjs';

let browser;
before(async () => { browser = await start(); });
after(async () => { await browser?.stop(); });

const LESSONS = ['perceptron', 'nonlinearity', 'pass', 'landscape', 'backprop',
  'learning-rate', 'optimizers', 'mini-batches', 'overfitting'];

async function koreanPage(path, context) {
  const page = context ? await context.newPage() : await browser.browser.newPage({ viewport: { width: 1280, height: 800 } });
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.addInitScript((await import('./browser.mjs')).DEEP_QUERY);
  await page.goto(browser.base + path);
  await page.waitForFunction(() => document.getElementById('main')?.handle);
  page.errors = errors;
  return page;
}

test('a Korean page asks for its language file while the wasm is still on its way, not after it', async () => {
  for (const path of ['index.html?lang=ko', 'course.ko.html']) {
    const page = await browser.browser.newPage();
    let wasmSent = null;
    let languageAsked = null;
    page.on('request', (r) => { if (r.url().endsWith('/lang/ko.json')) languageAsked ??= Date.now(); });
    // The wasm takes a second to come, as on a slow network.
    await page.route('**/pkg/descent_bg.wasm', async (route) => {
      await new Promise((done) => setTimeout(done, 1000));
      wasmSent = Date.now();
      await route.continue();
    });
    await page.goto(browser.base + path);
    await page.waitForFunction(() => document.querySelector('descent-playground')?.handle?.view.drawnOnce);
    assert.ok(languageAsked !== null && wasmSent !== null && languageAsked < wasmSent, `${path}: the language file asked for ${languageAsked - wasmSent} ms after the wasm was sent`);
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'ko');
    await page.close();
  }
});

test('the Korean page shows no English control in free play and in every lesson, and nothing overflows', async () => {
  for (const [device, context] of [['desktop', null], ['phone', await browser.browser.newContext(PHONE)]]) {
    const page = await koreanPage('index.html?lang=ko', context);
    const en = await english(page);
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'ko');
    assert.equal(await page.evaluate(() => $q('#step-epoch').textContent), KOREAN.step_epoch);
    // Free play with the points cleared: the note asks for points in Korean (Rust's status).
    await page.evaluate(() => { $q('#clear').click(); });
    await frames(page, 4);
    assert.deepEqual(await englishLeft(page, en), [], `${device}, free play`);
    assert.deepEqual(await overflowing(page), [], `${device}, free play`);
    for (const name of LESSONS) {
      await page.evaluate((name) => { location.hash = `lesson=${name}`; }, name);
      await page.waitForFunction((name) => window.descent.lesson_name() === name, name);
      await page.evaluate(() => document.getElementById('main').handle.step(5));
      await frames(page, 3);
      const caption = await page.evaluate(() => $q('.caption').textContent);
      const key = `lesson_${name.replace(/-/g, '_')}_caption`;
      assert.equal(caption, KOREAN[key], `${name}: the Korean caption`);
      assert.deepEqual(await englishLeft(page, en), [], `${device}, ${name}`);
      assert.deepEqual(await overflowing(page), [], `${device}, ${name}`);
      await page.screenshot({ path: `${OUTPUT}ko-${device}-${name}.png` });
    }
    assert.deepEqual(page.errors, []);
    await (context ?? page).close();
  }
});

test('two playgrounds on one page speak their own languages', async () => {
  const page = await browser.browser.newPage({ viewport: { width: 1280, height: 800 } });
  // The page says Korean; one playground asks for English.
  await page.route(`${browser.base}two.html`, (route) => route.fulfill({
    contentType: 'text/html',
    body: `<!doctype html><html lang="ko"><meta charset="utf-8"><script type="module" src="descent.js"></script>
      <descent-playground id="en" lang="en" lesson="perceptron"></descent-playground>
      <descent-playground id="ko" lesson="perceptron"></descent-playground>`,
  }));
  await page.goto(`${browser.base}two.html`);
  await page.waitForFunction(() => ['en', 'ko'].every((id) => document.getElementById(id).handle));
  const shown = (id, selector) => page.evaluate(([id, selector]) => document.getElementById(id).shadowRoot.querySelector(selector).textContent.trim(), [id, selector]);
  const en = await english(page);
  assert.equal(await shown('en', '#step-epoch'), en.step_epoch);
  assert.equal(await shown('ko', '#step-epoch'), KOREAN.step_epoch);
  assert.equal(await shown('en', '.caption'), en.lesson_perceptron_caption);
  assert.equal(await shown('ko', '.caption'), KOREAN.lesson_perceptron_caption);
  // Each one's Rust side speaks its own language too: the status of a playground with no points.
  const message = (id) => page.evaluate((id) => {
    const { handle } = document.getElementById(id);
    handle.freePlay();
    handle.playground.clear();
    return handle.status().message;
  }, id);
  assert.equal(await message('en'), en.needs_points);
  assert.equal(await message('ko'), KOREAN.needs_points);
  await page.screenshot({ path: `${OUTPUT}ko-two-languages.png`, fullPage: true });
  await page.close();
});

test('embed.html takes ?lang=ko, and an unknown language is English', async () => {
  const page = await browser.browser.newPage({ viewport: { width: 700, height: 800 } });
  await page.goto(`${browser.base}embed.html?lang=ko#lesson=learning-rate`);
  await page.waitForFunction(() => document.querySelector('descent-playground').handle);
  const text = (selector) => page.evaluate((s) => document.querySelector('descent-playground').shadowRoot.querySelector(s).textContent.trim(), selector);
  assert.equal(await text('#step-epoch'), KOREAN.step_epoch);
  assert.equal(await text('.caption'), KOREAN.lesson_learning_rate_caption);
  await page.goto(`${browser.base}embed.html?lang=xx`);
  await page.waitForFunction(() => document.querySelector('descent-playground').handle);
  assert.equal(await text('#step-epoch'), (await english(page)).step_epoch);
  await page.close();
});

test("the builder's language goes into the element, the script and the iframe snippets", async () => {
  const page = await browser.browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(`${browser.base}builder.html`);
  await page.waitForFunction(() => document.getElementById('editor').handle && document.getElementById('element-code').value);
  const code = () => page.evaluate(() => ['element-code', 'script-code', 'iframe-code'].map((id) => document.getElementById(id).value));
  for (const snippet of await code()) assert.doesNotMatch(snippet, /lang/);
  await page.selectOption('#language', 'ko');
  await page.waitForFunction(() => document.getElementById('element-code').value.includes('lang='));
  const [element, script, iframe] = await code();
  assert.match(element, /<descent-playground lang="ko"/);
  assert.match(script, /"lang": "ko"/);
  assert.match(iframe, /embed\.html\?lang=ko/);
  // The preview is the snippet's element: it speaks Korean.
  await page.waitForFunction((t) => document.querySelector('#preview descent-playground')?.shadowRoot
    ?.querySelector('#step-epoch')?.textContent.trim() === t, KOREAN.step_epoch);
  await page.close();
});

test('builder.html?lang=ko: the builder, its editor and its notes speak Korean, and its snippets carry the language', async () => {
  for (const [device, options] of [['desktop', { viewport: { width: 1280, height: 800 } }], ['phone', PHONE]]) {
    const context = await browser.browser.newContext(options);
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.addInitScript((await import('./browser.mjs')).DEEP_QUERY);
    await page.goto(`${browser.base}builder.html?lang=ko`);
    await page.waitForFunction(() => document.getElementById('editor').handle && document.getElementById('element-code').value);
    const en = await english(page);
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'ko');
    assert.equal(await page.textContent('legend[data-t=builder_size]'), KOREAN.builder_size);
    assert.equal(await page.evaluate(() => document.getElementById('editor').shadowRoot.querySelector('#step-epoch').textContent.trim()),
      KOREAN.step_epoch, 'the editor is Korean too');
    assert.match(await page.inputValue('#element-code'), /lang="ko"/, 'a Korean builder writes Korean snippets');
    // A lesson at size small: the hint and the size note, in Korean.
    await page.selectOption('#lesson', 'landscape');
    await page.check('input[name=size][value=small]');
    await page.waitForFunction(() => document.getElementById('size-warning').textContent);
    assert.equal(await page.textContent('#groups-hint'), KOREAN.builder_lesson_hint);
    assert.match(await page.textContent('#size-warning'), /[\uac00-\ud7a3]/, 'the size note is Korean');
    assert.ok((await page.textContent('#size-warning')).includes(KOREAN.builder_lost_panel));
    assert.deepEqual(await englishLeft(page, en), [], `${device}: no English string of the catalogue left`);
    assert.deepEqual(await overflowing(page), [], device);
    await page.screenshot({ path: `${OUTPUT}ko-builder-${device}.png`, fullPage: device === 'desktop' });
    assert.deepEqual(errors, []);
    await context.close();
  }
});

test('a Korean page refuses a malformed points file in Korean, with the line and value filled in, and keeps the points', async () => {
  for (const [name, context] of [['desktop', null], ['phone', await browser.browser.newContext(PHONE)]]) {
    const page = await koreanPage('index.html?lang=ko', context);
    const note = async () => (await page.locator('#note').textContent()).trim();
    const points = () => page.evaluate(() => window.descent.points_json());
    const before = await points();
    const upload = async (file, text) => {
      const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.click('#import-points')]);
      await chooser.setFiles({ name: file, mimeType: 'text/plain', buffer: Buffer.from(text) });
      await frames(page, 3);
    };
    const cases = [
      ['words.csv', 'x1,x2,label\n1,2,0\nabc,2,1\n', /^파일을 불러오지 않았습니다: 3번째 줄: x1 'abc'은\(는\) 숫자가 아닙니다\. 점은 그대로입니다\.$/],
      ['labels.csv', 'x1,x2,label\n1,2,7\n', /1번째 점: 레이블 7은\(는\) 0부터 1까지의 클래스가 아닙니다/],
      ['items.json', '[{"x1": 1, "label": 0}]', /1번째 항목: x2이\(가\) 없습니다/],
    ];
    for (const [file, text, message] of cases) {
      await upload(file, text);
      const said = await note();
      assert.match(said, message, `${name} ${file}: ${said}`);
      assert.doesNotMatch(said, /\b(not loaded|points are|line|is not|missing)\b/i, `${name} ${file}: English left: ${said}`);
      assert.equal(await points(), before, `${name} ${file} left the points alone`);
    }
    await page.locator('#note').scrollIntoViewIfNeeded();
    assert.ok(await page.locator('#note').isVisible(), `${name}: the message is in view`);
    if (name === 'desktop') await page.screenshot({ path: `${OUTPUT}korean-file-refused.png` });
    else await page.screenshot({ path: `${OUTPUT}korean-file-refused-phone.png`, fullPage: false });
    await upload('good.csv', 'x1,x2,label\n1,2,0\n-1,-2,1\n');
    assert.equal(await note(), '점 2개를 불러왔습니다 (실행 취소하면 이전 점이 돌아옵니다).', name);
    assert.equal(JSON.parse(await points()).length, 2, name);
    assert.deepEqual(page.errors, [], `${name}: the page logged errors`);
    await (context ?? page).close();
  }
});

test('a Korean page reads a broken link and a bad value in Korean, and keeps the rest of the scene', async () => {
  for (const [name, context] of [['desktop', null], ['phone', await browser.browser.newContext(PHONE)]]) {
    const page = await koreanPage('index.html?lang=ko#v=1&preset=xor&hidden=3&learning-rate=50&batch-size=abc&speed=2', context);
    const note = async () => (await page.locator('#note').textContent()).trim();
    const said = await note();
    assert.equal(said, [
      '학습률: 50은(는) 0.00001부터 10까지의 범위 밖이라 10을(를) 씁니다',
      "배치 크기: 'abc'은(는) 숫자가 아닙니다",
      "'speed'은(는) 설정이 아니라서 무시했습니다",
    ].join(' · '), name);
    assert.doesNotMatch(said, /\b(outside|using|is not|ignored|setting)\b/, `${name}: English left: ${said}`);
    const settings = await page.evaluate(() => ['preset', 'hidden', 'learning-rate', 'batch-size'].map((s) => window.descent.get(s)));
    assert.deepEqual(settings.slice(1), ['3', '10', '10'], `${name}: the readable settings were taken, the bad one left as it was`);
    const points = await page.evaluate(() => window.descent.status().points);
    assert.ok(points > 0, `${name}: the preset's points are there`);
    // A value typed into a field is clamped with a Korean note.
    if (name === 'desktop') {
      await page.locator('#batch-size').fill('0');
      await page.keyboard.press('Tab');
      assert.equal(await note(), '배치 크기: 0은(는) 1부터 5000까지의 범위 밖이라 1을(를) 씁니다');
    }
    // A link naming a preset that does not exist: the note says so in Korean, and the points stay.
    await page.evaluate(() => { location.hash = 'v=1&preset=nonsense-only&&&='; });
    await frames(page, 3);
    await page.locator('#note').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${OUTPUT}korean-link-refused${name === 'phone' ? '-phone' : ''}.png` });
    assert.match(await note(), /[가-힣]/, name);
    assert.doesNotMatch(await note(), /\b(is not one of|could not be read|kept its own)\b/, `${name}: ${await note()}`);
    assert.equal(await page.evaluate(() => window.descent.status().points), points, `${name}: the points stayed`);
    if (name === 'desktop') {
      // The page's own notes: a lesson link with more in it.
      await page.evaluate(() => { location.hash = 'lesson=perceptron&hidden=5'; });
      await frames(page, 3);
      assert.equal(await note(), "수업 링크는 수업을 그대로 불러옵니다: 'hidden=5'은(는) 무시했습니다.");
    }
    assert.deepEqual(page.errors, [], `${name}: the page logged errors`);
    await (context ?? page).close();
  }
});

/** Every piece of `text` (split at " · " and lines) is free of English words of three letters or more, but `names`. */
function noEnglishWords(text, names, what) {
  const words = (text.match(/[A-Za-z]{3,}/g) ?? []).filter((w) => !names.includes(w));
  assert.deepEqual(words, [], `${what}: English left in ${text}`);
}

test('a Korean page: a link\'s placement and points notes, what a link cannot hold, a bad JSON file and every phase of the slow step are Korean', async () => {
  for (const [device, context] of [['desktop', null], ['phone', await browser.browser.newContext(PHONE)]]) {
    // A link whose area is wider than the canvas shows: one point far outside what is shown.
    // Packed for x1, x2 in ±100000: codes 2560 and 2048, class 0, no test bit.
    const page = await koreanPage('index.html?lang=ko#v=1&preset=none&domain=-100000,100000,-100000,100000&data=1.oAgAA', context);
    const en = await english(page);
    const note = async () => (await page.locator('#note').textContent()).trim();
    assert.equal(await note(), 'domain: -100000,100000,-100000,100000은(는) 데이터 캔버스가 보여 주는 한도(±1000)를 넘어서 -1000,1000,-1000,1000을(를) 씁니다', device);
    assert.equal(JSON.parse(await page.evaluate(() => window.descent.points_json()))[0].x1, 50000, `${device}: the point is where the link put it`);
    // Copying its link: the link cannot hold that point where it is.
    await page.evaluate(() => $q('#copy-link').click());
    await frames(page, 2);
    const copied = await note();
    assert.match(copied, /^링크는 영역에서 너무 멀리 떨어진 점 1개\(x1 -2000부터 [\d.]+까지, x2 -2000부터 [\d.]+까지의 범위 밖\)를 제자리에 담을 수 없어서 그 가장자리로 옮깁니다 · /, `${device}: ${copied}`);
    noEnglishWords(copied.replace(/https?:\S+/, ''), [], `${device}, copying the link`);
    assert.deepEqual(await englishLeft(page, en), [], `${device}, copying the link`);

    // A bad packed data field and a bad marker: the rest loads, the notes are Korean.
    await page.evaluate(() => { location.hash = 'v=1&preset=xor&marker=1,abc,me&data=1.AAA+A'; });
    await frames(page, 3);
    assert.equal(await note(), "marker: 'abc'은(는) 숫자가 아닙니다 · data: 4번째 글자 '+'은(는) URL에 안전한 base64가 아닙니다", device);
    assert.deepEqual(await englishLeft(page, en), [], `${device}, a bad data field`);

    // A JSON file that is not JSON: where and why, in Korean.
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.click('#import-points')]);
    await chooser.setFiles({ name: 'cut.json', mimeType: 'application/json', buffer: Buffer.from('[{"x1": 1, "x2": 2, "label": 0}') });
    await frames(page, 3);
    assert.equal(await note(), "파일을 불러오지 않았습니다: JSON 1번째 줄 32번째 열: ','나 ']'이(가) 와야 합니다. 점은 그대로입니다.", device);

    // The slow step, phase by phase: titles, numbers' lines, the count and the buttons.
    await page.evaluate(() => $q('#slow-step').click());
    await page.locator('#slow-step-panel').waitFor();
    assert.equal(await page.locator('#slow-step-panel').getAttribute('aria-label'), KOREAN.slow_step_panel);
    const titles = [];
    for (;;) {
      const title = await page.locator('#slow-step-title').textContent();
      const count = await page.locator('#slow-step-count').textContent();
      const text = await page.locator('#slow-step-text').textContent();
      titles.push(title);
      const [total, index] = count.match(/\d+/g).map(Number);
      assert.equal(count, KOREAN.slow_count.replace('{count}', total).replace('{phase}', index));
      noEnglishWords(`${title}\n${text}\n${await page.locator('#slow-step-panel .row').textContent()}`, ['tanh', 'SGD', 'Esc'], `${device}, ${title}`);
      assert.deepEqual(await englishLeft(page, en), [], `${device}, ${title}`);
      if (index === 2 || index === total) {
        await page.locator('#slow-step-panel').scrollIntoViewIfNeeded();
        await page.screenshot({ path: `${OUTPUT}ko-slow-step-${device}-${index === total ? 'update' : 'forward'}.png` });
      }
      if (index === total) {
        assert.equal(await page.locator('#slow-next').textContent(), KOREAN.slow_take);
        break;
      }
      await page.keyboard.press('ArrowRight');
    }
    // Forward up the layers, the loss, backward down, the update up, in the catalogue's words.
    const layers = [1, 2].map((l) => KOREAN.column_hidden.replace('{layer}', l)).concat(KOREAN.column_output);
    const titled = (template) => (layer) => template.replace('{layer}', layer);
    assert.deepEqual(titles.map((t) => t.replace(/^점 \([^)]*\) · /, '')), [...layers.map(titled(KOREAN.slow_forward)),
      KOREAN.slow_loss, ...[...layers].reverse().map(titled(KOREAN.slow_backward)), ...layers.map(titled(KOREAN.slow_update))]);
    assert.match(titles[0], /^점 \(-?\d+\.\d\d, -?\d+\.\d\d\) · 순전파: 은닉층 1$/);
    await page.keyboard.press('ArrowRight');
    await frames(page, 2);
    assert.equal(await note(), KOREAN.slow_step_taken, device);
    assert.deepEqual(page.errors, [], `${device}: the page logged errors`);
    await (context ?? page).close();
  }
});
