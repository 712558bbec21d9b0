// The same seeded scene, trained 100 epochs in Chromium, gives the very
// weights native Rust computes; tests/engines/reproducible.test.mjs checks
// Firefox and WebKit against the same file.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start } from './browser.mjs';
import { SEEDED_SCENE, SEEDED_EPOCHS, assertSameModel } from './seeded.mjs';

let browser;
before(async () => { browser = await start(); });
after(async () => { await browser?.stop(); });

test(`chromium: a seeded run's weights after ${SEEDED_EPOCHS} epochs are native Rust's, bit for bit`, async () => {
  const page = await browser.page(`embed.html#${SEEDED_SCENE}`);
  const status = await page.evaluate((n) => document.querySelector('descent-playground').handle.step(n), SEEDED_EPOCHS);
  assert.equal(status.epoch, SEEDED_EPOCHS);
  assertSameModel('chromium', await page.evaluate(() => window.descent.model_json()));
  assert.deepEqual(page.errors, []);
  await page.close();
});
