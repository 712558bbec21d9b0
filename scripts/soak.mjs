// The soak run: the page trains the largest network (8 hidden layers × 32
// units, 1,000 points, one epoch a frame) without a break for SOAK_MINUTES
// (default 10), and every minute records the wasm memory, the JS heap, the
// frame times (from requestAnimationFrame timestamps) and the epochs trained.
// Memory must stay flat after warm-up and frame times must not decay.
//
// Needs dist/ (scripts/build.sh). `make soak` or `node scripts/soak.mjs`.
// Writes target/soak.json and prints a table for BENCHMARKS.md.
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { start } from '../tests/browser.mjs';

const MINUTES = Number(process.env.SOAK_MINUTES ?? 10);
const OUT = new URL('../target/soak.json', import.meta.url).pathname;

const session = await start();
const page = await session.browser.newPage({ viewport: { width: 1280, height: 800 } });
const errors = [];
page.on('pageerror', (e) => errors.push(e.message));
await page.goto(`${session.base}index.html`);
await page.waitForFunction(() => window.descent !== undefined);
const settings = await page.evaluate(() => {
  const pg = window.descent;
  pg.load_preset('spiral', 1000, 0);
  for (const [k, v] of Object.entries({
    hidden: '32,32,32,32,32,32,32,32', activation: 'tanh', optimizer: 'sgd', 'learning-rate': '0.01',
    'batch-size': '10', 'epochs-per-frame': '1', 'test-fraction': '0.5',
  })) pg.set(k, v);
  return Object.fromEntries(['hidden', 'learning-rate', 'batch-size', 'epochs-per-frame'].map((n) => [n, pg.get(n)]));
});
await page.click('#play');

// Collects frame timestamps in the page; each call returns (and clears) the minute's record.
await page.evaluate(() => {
  window.__soak = { stamps: [] };
  const tick = (t) => { window.__soak.stamps.push(t); requestAnimationFrame(tick); };
  requestAnimationFrame(tick);
});
const sample = () => page.evaluate(async () => {
  const { ready } = await import('./descent.js');
  const wasm = await ready();
  const stamps = window.__soak.stamps;
  window.__soak.stamps = [stamps.at(-1)];
  const gaps = stamps.slice(1).map((t, i) => t - stamps[i]).sort((a, b) => a - b);
  const q = (p) => gaps[Math.min(gaps.length - 1, Math.floor(p * gaps.length))];
  const s = window.descent.status();
  return {
    epoch: s.epoch,
    state: s.state,
    wasmBytes: wasm.memory.buffer.byteLength,
    frames: gaps.length,
    medianMs: q(0.5),
    p95Ms: q(0.95),
    maxMs: gaps.at(-1),
    // Frames that took more than two refreshes: below 30 frames a second.
    slowFrames: gaps.filter((g) => g > 34).length,
    // The fewest frames shown in any one second of the minute.
    lowestFps: (() => {
      let fewest = Infinity;
      for (let i = 0, j = 0; i < stamps.length && stamps.at(-1) - stamps[i] >= 1000; i++) {
        while (stamps[j] < stamps[i] + 1000) j++;
        fewest = Math.min(fewest, j - i);
      }
      return fewest === Infinity ? null : fewest;
    })(),
  };
});
// The forced collection below stalls the page (a real page never forces
// one), so each minute's frame window starts again after it.
const restartFrames = () => page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => {
  window.__soak.stamps = [];
  ok();
})));

/** The painter worker's wasm memory (it paints the pictures while training; see www/painter.js). */
const workerBytes = async () => {
  const worker = page.workers()[0];
  return worker ? worker.evaluate(() => self.wasmBytes?.() ?? null) : null;
};

/**
 * The page's JS heap after a full garbage collection, exactly (CDP):
 * performance.memory is rounded and lags, and between collections it counts
 * garbage too (the worker's pictures come as fresh arrays every frame).
 */
const cdp = await page.context().newCDPSession(page);
const liveHeapBytes = async () => {
  await cdp.send('HeapProfiler.collectGarbage');
  return (await cdp.send('Runtime.getHeapUsage')).usedSize;
};

const rows = [];
await sample(); // starts the first minute's window
const t0 = Date.now();
for (let minute = 1; minute <= MINUTES; minute++) {
  await new Promise((ok) => setTimeout(ok, t0 + minute * 60_000 - Date.now()));
  const row = { minute, ...(await sample()), workerWasmBytes: await workerBytes(), jsHeapBytes: await liveHeapBytes() };
  await restartFrames();
  row.epochsThisMinute = row.epoch - (rows.at(-1)?.epoch ?? 0);
  rows.push(row);
  console.log(`minute ${minute}: epoch ${row.epoch}, wasm ${(row.wasmBytes / 2 ** 20).toFixed(1)} MiB, `
    + `worker wasm ${row.workerWasmBytes === null ? '–' : (row.workerWasmBytes / 2 ** 20).toFixed(1)} MiB, `
    + `JS heap after GC ${(row.jsHeapBytes / 2 ** 20).toFixed(1)} MiB, frame median ${row.medianMs.toFixed(1)} ms, `
    + `p95 ${row.p95Ms.toFixed(1)} ms, max ${row.maxMs.toFixed(1)} ms, ${row.slowFrames} over two refreshes, `
    + `lowest ${row.lowestFps} frames in a second (${row.state})`);
}
await session.stop();

const result = {
  date: new Date().toISOString(),
  machine: `${os.cpus()[0].model}, ${os.cpus().length} cores, ${os.platform()} ${os.release()}`,
  chromium: session.browser.version(),
  settings,
  rows,
  errors,
};
mkdirSync(new URL('../target/', import.meta.url).pathname, { recursive: true });
writeFileSync(OUT, JSON.stringify(result, null, 2));
console.log(`\nwrote ${OUT}`);
const mib = (bytes) => (bytes === null ? '–' : `${(bytes / 2 ** 20).toFixed(2)} MiB`);
console.log('| minute | epoch | wasm memory | worker wasm memory | JS heap after GC | frames | median ms | p95 ms | max ms | frames over 2 refreshes | fewest frames in a second |');
console.log('|---|---|---|---|---|---|---|---|---|---|---|');
for (const r of rows) {
  console.log(`| ${r.minute} | ${r.epoch.toLocaleString('en')} | ${mib(r.wasmBytes)} | ${mib(r.workerWasmBytes)} | `
    + `${(r.jsHeapBytes / 2 ** 20).toFixed(2)} MiB | ${r.frames} | ${r.medianMs.toFixed(1)} | ${r.p95Ms.toFixed(1)} | ${r.maxMs.toFixed(1)} | ${r.slowFrames} | ${r.lowestFps} |`);
}
if (errors.length) {
  console.error('page errors:', errors);
  process.exit(1);
}
