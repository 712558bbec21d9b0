// The seeded run every engine must reproduce to the bit: a scene (as a
// link's text) and the model native Rust trains from it in 100 epochs,
// both from crate/tests/fixtures (crate/tests/engines.rs checks the native side).
import { readFileSync } from 'node:fs';
import assert from 'node:assert/strict';

const FIXTURES = new URL('../crate/tests/fixtures/', import.meta.url);
export const SEEDED_SCENE = readFileSync(new URL('seeded-scene.txt', FIXTURES), 'utf8').trim();
export const SEEDED_MODEL = readFileSync(new URL('seeded-model.json', FIXTURES), 'utf8');
export const SEEDED_EPOCHS = 100;

/** Every number of a model JSON, depth first. */
const numbers = (v) => (Array.isArray(v) ? v.flatMap(numbers)
  : v && typeof v === 'object' ? Object.values(v).flatMap(numbers) : typeof v === 'number' ? [v] : []);

/** Each weight is written as the shortest text that reads back as its f32: equal text, equal bits. */
export function assertSameModel(engine, model) {
  if (model === SEEDED_MODEL) return;
  const [got, want] = [numbers(JSON.parse(model)), numbers(JSON.parse(SEEDED_MODEL))];
  const first = want.findIndex((w, i) => got[i] !== w);
  const differ = want.filter((w, i) => got[i] !== w).length;
  assert.fail(`${engine}'s weights after ${SEEDED_EPOCHS} epochs differ from native Rust's: ${differ} of ${want.length} numbers`
    + (first >= 0 ? `, the first (#${first}) is ${got[first]} where native has ${want[first]}` : ', and the text differs'));
}
