// A Web Worker that paints one playground's pictures (the colour field,
// every unit's picture and, where there are thousands, the diagram's links)
// on the other core while it trains: it takes a snapshot of the weights
// (Playground.snapshot) and sends back the pixels (for
// Playground.accept_pictures). See WorkerPainter in view.js.
import init, { Painter } from './pkg/descent.js';

const painter = init().then((wasm) => {
  self.wasmBytes = () => wasm.memory.buffer.byteLength; // read by the soak run (scripts/soak.mjs)
  return new Painter();
});

// `spare`: the arrays of the last pictures, handed back to be filled again.
onmessage = async ({ data: { snapshot, spare } }) => {
  try {
    const { field, units, links } = (await painter).paint(snapshot, spare?.field, spare?.units, spare?.links);
    postMessage({ snapshot, field, units, links }, [snapshot.buffer, field.buffer, units.buffer, links.buffer]);
  } catch (e) {
    postMessage({ error: String(e?.message ?? e) });
  }
};
