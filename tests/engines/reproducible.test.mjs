// The same seeded scene, trained 100 epochs in this engine, gives the very
// weights native Rust computes (crate/tests/fixtures/seeded-model.json).
// Run: DESCENT_ENGINE=webkit node --test tests/engines/reproducible.test.mjs
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, test, ENGINE } from './engines.mjs';
import { SEEDED_SCENE, SEEDED_EPOCHS, assertSameModel } from '../seeded.mjs';

let engine;
before(async () => { engine = await start(); });
after(async () => { await engine?.stop(); });

test(`${ENGINE}: a seeded run's weights after ${SEEDED_EPOCHS} epochs are native Rust's, bit for bit`, async () => {
  const tab = await engine.session();
  await tab.open(`embed.html#${SEEDED_SCENE}`);
  const status = await tab.run((n) => document.querySelector('descent-playground').handle.step(n), SEEDED_EPOCHS);
  assert.equal(status.epoch, SEEDED_EPOCHS);
  assertSameModel(ENGINE, await tab.run(() => window.descent.model_json()));
  assert.deepEqual(await tab.errors(), []);
  await engine.close(tab);
});
