// The Web Worker that paints every playground's pictures (the colour field,
// the units' pictures, crowded links) from a snapshot of its weights
// (Playground.snapshot) for Playground.accept_pictures: one Painter per
// playground id. See WorkerPainter in view.js.
import init, { Painter } from './pkg/descent.js';

const loaded = init().then((wasm) => {
  self.wasmBytes = () => wasm.memory.buffer.byteLength; // read by the soak run (scripts/soak.mjs)
});
const painters = new Map(); // playground id -> Painter

// `spare`: the last pictures' arrays, to fill again; `drop`: that playground is gone.
onmessage = async ({ data: { id, snapshot, spare, drop } }) => {
  try {
    await loaded;
    if (drop) {
      painters.get(id)?.free();
      painters.delete(id);
      return;
    }
    if (!painters.has(id)) painters.set(id, new Painter());
    const { field, units, links } = painters.get(id).paint(snapshot, spare?.field, spare?.units, spare?.links);
    postMessage({ id, snapshot, field, units, links }, [snapshot.buffer, field.buffer, units.buffer, links.buffer]);
  } catch (e) {
    postMessage({ id, error: String(e?.message ?? e) });
  }
};
