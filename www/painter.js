// The Web Worker that paints every playground's pictures (the colour field,
// the units' pictures, crowded links) from a snapshot of its weights
// (Playground.snapshot) for Playground.accept_pictures, and stamps their
// rings while they train (Playground.take_rings, accept_rings). See
// WorkerPainter in view.js. One Painter paints for every playground in
// turn: between paintings it keeps only scratch space, so twenty
// playgrounds cost the worker's memory what one does.
import init, { Painter } from './pkg/descent.js';

const loaded = init().then((wasm) => {
  self.wasmBytes = () => wasm.memory.buffer.byteLength; // read by the soak run and bench-many
});
let painter;

// `spare`: the last pictures' arrays of that playground, to fill again.
// `rings`: the misclassified points' rings to stamp (Playground.take_rings).
onmessage = async ({ data: { id, snapshot, spare, rings } }) => {
  try {
    await loaded;
    painter ??= new Painter();
    if (rings) {
      const picture = painter.stamp_rings(rings);
      postMessage({ id, rings, picture }, [picture]);
      return;
    }
    const { field, units, links } = painter.paint(snapshot, spare?.field, spare?.units, spare?.links);
    postMessage({ id, snapshot, field, units, links }, [snapshot.buffer, field.buffer, units.buffer, links.buffer]);
  } catch (e) {
    postMessage({ id, rings, error: String(e?.message ?? e) });
  }
};
