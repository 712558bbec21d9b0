// End-to-end tests of the page under the restrictions a course site may
// impose: a strict Content-Security-Policy, and a sandboxed iframe.
// Run: node --test --test-concurrency=1 tests/
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, frames, DEEP_QUERY } from './browser.mjs';

const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";

let browser;
before(async () => { browser = await start(); });
after(async () => { await browser?.stop(); });

/** Fraction of the data canvas that is not plain white: the field is drawn. */
const painted = (frame) => frame.evaluate(() => {
  const c = $q('#data');
  const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
  let coloured = 0;
  for (let k = 0; k < d.length; k += 4) if (d[k] < 240 || d[k + 1] < 240 || d[k + 2] < 240) coloured++;
  return coloured / (d.length / 4);
});

/** Opens the page with the CSP header on every response; collects violations. */
async function pageUnderCsp() {
  const page = await browser.browser.newPage();
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(e.message));
  await page.route('**/*', async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, headers: { ...response.headers(), 'content-security-policy': CSP } });
  });
  await page.addInitScript(DEEP_QUERY);
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(
      `${e.violatedDirective} ${e.sourceFile.replace(/^.*\//, '')}:${e.lineNumber}`,
    ));
  });
  await page.goto(`${browser.base}index.html`);
  await page.waitForFunction(() => window.descent !== undefined);
  return page;
}

test('under a strict Content-Security-Policy the page loads, trains and draws', async () => {
  const page = await pageUnderCsp();
  await page.click('#play');
  await page.waitForFunction(() => Number($q('#epoch').textContent) >= 20, null, { timeout: 20_000 });
  await page.click('#play');
  await frames(page);
  assert.ok(await painted(page) > 0.5, 'the colour field is drawn');
  const violations = await page.evaluate(() => window.__violations);
  assert.deepEqual(violations.filter((v) => !v.startsWith('style-src-attr')), [], 'no script, wasm or other violations');
  assert.deepEqual(page.errors, []);
  await page.close();
});

// The charts' text is drawn by the canvas, not measured in a styled <span>
// (which style-src 'self' would block): nothing may be blocked.
test('under a strict Content-Security-Policy nothing is blocked at all', async () => {
  const page = await pageUnderCsp();
  await page.click('#step-epoch'); // loss and activation charts drawn with their labels
  await frames(page, 5);
  assert.deepEqual([...new Set(await page.evaluate(() => window.__violations))], []);
  await page.close();
});

test('the page works inside <iframe sandbox="allow-scripts">', async () => {
  const page = await browser.browser.newPage();
  await page.addInitScript(DEEP_QUERY);
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.setContent(`<!doctype html><title>course page</title>
    <p>Lecture 1, part 3:</p>
    <iframe sandbox="allow-scripts" src="${browser.base}index.html" width="1280" height="900"></iframe>`);
  const frame = await (await page.waitForSelector('iframe')).contentFrame();
  await frame.waitForFunction(() => window.descent !== undefined, null, { timeout: 20_000 });
  await frame.click('#step-epoch');
  await frame.click('#step-epoch');
  await frame.waitForFunction(() => $q('#epoch').textContent === '2');
  assert.ok(await painted(frame) > 0.5, 'the colour field is drawn');
  assert.equal(await frame.evaluate(() => window.origin), 'null', 'the frame really is sandboxed');
  assert.deepEqual(errors, []);
  await page.close();
});
