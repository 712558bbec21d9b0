// The Web Worker that paints the pictures of every playground on the page
// (the colour field, every unit's picture and, where there are thousands,
// the diagram's links) on the other core while they train: each playground
// sends a snapshot of its weights (Playground.snapshot) with its id and gets
// back the pixels (for Playground.accept_pictures). One Painter per
// playground, all in this one worker. See WorkerPainter in view.js.
import init, { Painter } from './pkg/descent.js';

const loaded = init().then((wasm) => {
  self.wasmBytes = () => wasm.memory.buffer.byteLength; // read by the soak run (scripts/soak.mjs)
});
const painters = new Map(); // playground id -> Painter

// `spare`: the arrays of the last pictures, handed back to be filled again.
// `drop`: that playground is gone.
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
