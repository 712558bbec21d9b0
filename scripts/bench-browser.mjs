// The in-browser benchmark: one headless Chromium run measures
//   1. training and grid speed of the wasm build (the `bench_workload` and
//      `bench_peak_gflops` exports) against a node-per-object JavaScript
//      reference (bench/reference.js) in the same page;
//   2. the page's frame times while it trains workload (b) and the largest network;
//   3. time to first frame (median of 5 warm loads);
//   4. transfer size (gzip -9 of the wasm, its JS glue and the page's module).
// Prints a table and writes target/bench-browser.json.
//
// Needs dist/ built with the benchmark's exports (DESCENT_FEATURES=bench
// scripts/build.sh). `node scripts/bench-browser.mjs` or `make bench-browser`.
// `node scripts/bench-browser.mjs many` (`make bench-many`) measures only a page of 20 default
// playgrounds, all on screen and playing: its frame rate and click-to-paint latency;
// `… many large` the same page with the largest network in each (and its wasm memory).
// BENCH_MS overrides the time per measurement (default 1500 ms).
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import os from 'node:os';
import { start } from '../tests/browser.mjs';

const ROOT = new URL('../', import.meta.url).pathname;
const DIST = `${ROOT}dist/`;
const REFERENCE = `${ROOT}bench/reference.js`;
const OUT = `${ROOT}target/bench-browser.json`;
const MS = Number(process.env.BENCH_MS ?? 1500);
const FRAME_WINDOW_MS = 6000;
const WARM_LOADS = 5;
const VIEWPORT = { width: 1280, height: 800 };

const WORKLOADS = [
  { name: 'a', title: '(a) circle, 250 training points, hidden [4, 2]' },
  { name: 'b', title: '(b) spiral, 250 training points, hidden [8, 8, 8, 8, 8, 8]' },
  { name: 'largest', title: 'largest: spiral, 500 training points, hidden 8 × [32]' },
];
/** The reference trains "largest" only if one epoch takes less than this. */
const LARGEST_REFERENCE_EPOCH_LIMIT_MS = 400;

const FRAME_SCENES = [
  {
    title: '(b) spiral 500 pts, 6×8, 10 epochs/frame',
    preset: ['spiral', 500, 0],
    settings: { hidden: '8,8,8,8,8,8', 'epochs-per-frame': '10' },
  },
  {
    title: 'largest: spiral 1000 pts, 8×32, 1 epoch/frame',
    preset: ['spiral', 1000, 0],
    settings: { hidden: '32,32,32,32,32,32,32,32', 'epochs-per-frame': '1' },
  },
];
const COMMON_SETTINGS = {
  activation: 'tanh', optimizer: 'sgd', 'learning-rate': '0.03', 'batch-size': '10', 'test-fraction': '0.5',
};

// The pages of many playgrounds need only the site; the rest needs the benchmark's exports.
if (!existsSync(`${DIST}pkg/descent.js`) || (process.argv[2] !== 'many' && !readFileSync(`${DIST}pkg/descent.js`, 'utf8').includes('bench_workload'))) {
  console.error('dist/ is missing or has no bench_workload export: run DESCENT_FEATURES=bench scripts/build.sh first.');
  process.exit(1);
}

const median = (xs) => quantile(xs, 0.5);
function quantile(xs, q) {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return s[lo] + (s[hi] - s[lo]) * (pos - lo);
}
const mean = (xs) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : NaN);
const intervals = (ts) => ts.slice(1).map((t, i) => t - ts[i]);
const log = (...a) => process.stderr.write(`${a.join(' ')}\n`);

const started = Date.now();
const date = new Date();
const command = `node ${process.argv.slice(1).map((a) => a.replace(ROOT, '')).join(' ')}`;
const session = await start();
const { base, browser } = session;

// ---- `node scripts/bench-browser.mjs many`: a page with 20 default playgrounds, all playing.
if (process.argv[2] === 'many') {
  try {
    await many(process.argv[3] === 'large');
  } finally {
    await session.stop();
  }
  process.exit(0);
}

/**
 * Frame rate and click-to-paint latency of a page of N default playgrounds,
 * all on screen and playing (N = 20, and N = 1 as the same-run reference).
 * Each playground is laid out at 1,000 px wide in a 256×200 window of a 5×4
 * grid that fills the 1280×800 viewport, its data canvas in view: each
 * trains and draws in full, and the compositor has one screen to show.
 * Click-to-paint: from a click's event time on a playground's data canvas
 * (it adds a point) to the end of the first frame rendered after it (an
 * animation frame, then a task after it: layout, paint and commit done).
 * `large`: each playground holds the largest network (spiral, 1,000 points,
 * 8 hidden layers of 32), and the wasm memory of the page and of its
 * painting worker is read at the end.
 */
async function many(large) {
  const out = { date: date.toISOString(), command, large, machine: { cpu: os.cpus()[0].model, cores: os.cpus().length, os: `${os.type()} ${os.release()} ${os.arch()}` }, chromium: browser.version(), pages: [] };
  for (const count of [1, 20]) {
    log(`${count} playground(s) …`);
    const context = await browser.newContext({ viewport: VIEWPORT });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const cells = Array.from({ length: count }, () => '<div class="cell"><descent-playground autoplay></descent-playground></div>').join('');
    await page.route(`${base}many.html`, (route) => route.fulfill({
      contentType: 'text/html; charset=utf-8',
      body: `<!doctype html><meta charset="utf-8"><title>many playgrounds</title>
        <style>body{margin:0} .grid{display:grid;grid-template-columns:repeat(5,256px)} .cell{width:256px;height:200px;overflow:hidden;position:relative}
        .cell descent-playground{position:absolute;width:1000px}</style>
        <script type="module" src="descent.js"></script><div class="grid">${cells}</div>`,
    }));
    await page.goto(`${base}many.html`);
    await page.waitForFunction((n) => [...document.querySelectorAll('descent-playground')].filter((el) => el.handle).length === n, count, { timeout: 60_000 });
    // Shift each playground so its data canvas fills its window.
    await page.evaluate(() => {
      for (const el of document.querySelectorAll('descent-playground')) {
        const data = el.shadowRoot.getElementById('data').getBoundingClientRect();
        const box = el.getBoundingClientRect();
        el.style.left = `${-(data.left - box.left) - 100}px`;
        el.style.top = `${-(data.top - box.top) - 100}px`;
      }
    });
    if (large) {
      await page.evaluate(() => {
        for (const el of document.querySelectorAll('descent-playground')) {
          el.handle.view.pg.load_preset('spiral', 1000, 0);
          el.handle.set('hidden', '32,32,32,32,32,32,32,32');
        }
      });
    }
    await page.waitForTimeout(1500); // warm: every playground trains and the worker(s) paint
    const m = await page.evaluate((ms) => new Promise((ok) => {
      const els = [...document.querySelectorAll('descent-playground')];
      const epochs0 = els.map((el) => el.handle.status().epoch);
      const stamps = [];
      const t0 = performance.now();
      const tick = (t) => {
        stamps.push(t);
        if (performance.now() - t0 < ms) requestAnimationFrame(tick);
        else ok({ stamps, epochs: els.map((el, i) => el.handle.status().epoch - epochs0[i]), playing: els.filter((el) => el.handle.view.playing).length,
          visible: els.filter((el) => el.handle.view.visible).length });
      };
      requestAnimationFrame(tick);
    }), FRAME_WINDOW_MS);
    // Clicks: one on each of up to 10 playgrounds' data canvas, 400 ms apart.
    await page.evaluate(() => {
      window.__latencies = [];
      window.addEventListener('pointerdown', (e) => {
        const t = e.timeStamp;
        requestAnimationFrame(() => setTimeout(() => window.__latencies.push(performance.now() - t), 0));
      }, true);
    });
    const clicks = Math.min(10, count) === 1 ? 10 : Math.min(10, count);
    for (let i = 0; i < clicks; i++) {
      const k = count === 1 ? 0 : i * 2;
      const box = await page.locator('.cell').nth(k).boundingBox();
      await page.mouse.click(box.x + 40 + (i % 5) * 30, box.y + 40 + Math.floor(i / 5) * 30);
      await page.waitForTimeout(400);
    }
    await page.waitForFunction((n) => window.__latencies.length >= n, clicks);
    const latencies = await page.evaluate(() => window.__latencies);
    const iv = intervals(m.stamps);
    const spanMs = m.stamps.at(-1) - m.stamps[0];
    // The page's scheduler's own record of its last frames (a page without one: null).
    const scheduled = await page.evaluate(async () => {
      try {
        const log = (await import('./scheduler.js')).scheduler.log.slice(-200);
        const med = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
        return { workMs: med(log.map((l) => l.workMs)), trainMs: med(log.map((l) => l.trainMs)), budgetMs: med(log.map((l) => l.budgetMs)),
          trained: med(log.map((l) => l.trained)), drawn: med(log.map((l) => l.drawn)) };
      } catch {
        return null;
      }
    });
    const wasmBytes = await page.evaluate(async () => (await (await import('./descent.js')).ready()).memory.buffer.byteLength);
    const workerWasmBytes = await Promise.all(page.workers().map((w) => w.evaluate(() => self.wasmBytes?.() ?? 0)));
    out.pages.push({ count, wasmBytes, workerWasmBytes, frames: iv.length, fps: (iv.length * 1000) / spanMs, medianFrameMs: median(iv), p95FrameMs: quantile(iv, 0.95), maxFrameMs: Math.max(...iv),
      epochsPerSecond: (m.epochs.reduce((a, b) => a + b, 0) * 1000) / spanMs, trainingPlaygrounds: m.epochs.filter((e) => e > 0).length, playing: m.playing, visible: m.visible,
      clickToPaintMs: { median: median(latencies), max: Math.max(...latencies), all: latencies }, scheduled, errors });
    await context.close();
  }
  const f = (v, d = 1) => v.toLocaleString('en', { minimumFractionDigits: d, maximumFractionDigits: d });
  console.log(`Descent: many ${large ? 'large ' : ''}playgrounds on one page — ${out.date}`);
  console.log(`machine:  ${out.machine.cpu}, ${out.machine.cores} cores (${out.machine.os}); Chromium ${out.chromium} headless (--disable-gpu)`);
  console.log(`command:  ${command}   (viewport ${VIEWPORT.width}×${VIEWPORT.height}, ${FRAME_WINDOW_MS / 1000} s of frames after 1.5 s)`);
  console.log('  playgrounds   fps   median ms   p95 ms   max ms   click-to-paint median (max) ms   epochs/s (all)   training / playing / visible   wasm MiB (page + workers)');
  for (const p of out.pages) {
    console.log(`  ${String(p.count).padStart(11)}${f(p.fps).padStart(6)}${f(p.medianFrameMs).padStart(12)}${f(p.p95FrameMs).padStart(9)}${f(p.maxFrameMs).padStart(9)}`
      + `${`${f(p.clickToPaintMs.median, 0)} (${f(p.clickToPaintMs.max, 0)})`.padStart(33)}${f(p.epochsPerSecond, 0).padStart(17)}   ${p.trainingPlaygrounds} / ${p.playing} / ${p.visible}`
      + `${`${f(p.wasmBytes / 2 ** 20)} + ${p.workerWasmBytes.map((b) => f(b / 2 ** 20)).join(' + ') || '0'}`.padStart(30)}`
      + (p.errors.length ? `   errors: ${p.errors.join(' | ')}` : ''));
  }
  for (const p of out.pages.filter((p) => p.scheduled)) {
    const s = p.scheduled;
    console.log(`  scheduler, ${p.count}: a frame's work ${f(s.workMs)} ms (training ${f(s.trainMs)} of a ${f(s.budgetMs)} ms budget), ${s.trained} trained and ${s.drawn} drawn a frame (medians)`);
  }
  mkdirSync(`${ROOT}target`, { recursive: true });
  writeFileSync(`${ROOT}target/bench-many${large ? '-large' : ''}.json`, `${JSON.stringify(out, null, 2)}\n`);
}
const result = {
  date: date.toISOString(),
  command,
  machine: { cpu: os.cpus()[0].model, cores: os.cpus().length, os: `${os.type()} ${os.release()} ${os.arch()}` },
  chromium: browser.version(),
  msPerMeasurement: MS,
};

try {
  // ---- 1. Training and grid: ours (wasm) against the JS reference, same page.
  log('1/4 training and grid …');
  {
    const context = await browser.newContext({ viewport: VIEWPORT });
    const page = await context.newPage();
    await page.route(`${base}bench.html`, (route) => route.fulfill({
      contentType: 'text/html; charset=utf-8',
      body: '<!doctype html><meta charset="utf-8"><title>Descent benchmark</title><body></body>',
    }));
    await page.goto(`${base}bench.html`);
    await page.addScriptTag({ path: REFERENCE });
    await page.evaluate(async () => {
      const m = await import('./pkg/descent.js');
      await m.default();
      window.__descent = m;
    });
    // V8 runs a wasm function's first call in its baseline tier (Liftoff) and
    // has no on-stack replacement for wasm: each export measures within one
    // call, so call each once first and let the optimized code arrive.
    log('  warm-up (wasm tier-up)');
    await page.evaluate(async ({ names }) => {
      const m = window.__descent;
      for (let i = 0; i < 2; i++) m.bench_peak_gflops(100);
      for (const name of names) m.bench_workload(name, 50);
      await new Promise((ok) => setTimeout(ok, 300));
    }, { names: WORKLOADS.map((w) => w.name) });
    // A ceiling, so the best of three.
    result.peakGflopsRuns = await page.evaluate((ms) => [0, 1, 2].map(() => window.__descent.bench_peak_gflops(ms)), MS / 3);
    result.peakGflops = Math.max(...result.peakGflopsRuns);
    result.workloads = {};
    for (const { name, title } of WORKLOADS) {
      log(`  ${name}: ours`);
      const ours = await page.evaluate(({ name, ms }) => window.__descent.bench_workload(name, ms), { name, ms: MS });
      let reference = null;
      let referenceNote = null;
      if (name !== 'largest') {
        log(`  ${name}: reference`);
        reference = await page.evaluate(({ name, ms }) => window.DescentReference.benchWorkload(name, ms), { name, ms: MS });
      } else {
        // Training only, and only if an epoch is quick enough to measure in a few seconds.
        const oneEpoch = await page.evaluate(() => {
          const R = window.DescentReference;
          const w = R.workload('largest');
          const t = performance.now();
          R.epoch(w.network, w.train, w.batch, w.learningRate);
          return performance.now() - t;
        });
        if (oneEpoch < LARGEST_REFERENCE_EPOCH_LIMIT_MS) {
          log('  largest: reference (training only)');
          reference = await page.evaluate(({ ms }) => window.DescentReference.benchWorkload('largest', ms, { grids: [] }), { ms: MS });
          referenceNote = 'training only';
        } else {
          referenceNote = `skipped: one epoch took ${oneEpoch.toFixed(0)} ms`;
        }
      }
      result.workloads[name] = { title, ours, reference, referenceNote };
    }
    await context.close();
  }

  // ---- 2. Frame times of the page while it trains.
  log('2/4 page frame times …');
  {
    const context = await browser.newContext({ viewport: VIEWPORT });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${base}index.html`);
    await page.waitForFunction(() => window.descent !== undefined);
    // Baseline: rAF intervals while the page is idle (tells whether rAF runs at 60 Hz here).
    const idle = await page.evaluate((ms) => new Promise((ok) => {
      const ts = [];
      const t0 = performance.now();
      const tick = (t) => { ts.push(t); if (performance.now() - t0 < ms) requestAnimationFrame(tick); else ok(ts); };
      requestAnimationFrame(tick);
    }), 1000);
    const idleInterval = median(intervals(idle));
    result.rafIdle = { medianMs: idleInterval, hz: 1000 / idleInterval };
    result.frames = [];
    for (const scene of FRAME_SCENES) {
      log(`  ${scene.title}`);
      await page.evaluate(({ preset, settings }) => {
        const pg = window.descent;
        pg.load_preset(...preset);
        for (const [k, v] of Object.entries(settings)) pg.set(k, v);
      }, { preset: scene.preset, settings: { ...scene.settings, ...COMMON_SETTINGS } });
      const applied = await page.evaluate((names) => Object.fromEntries(names.map((n) => [n, window.descent.get(n)])),
        [...Object.keys(scene.settings), ...Object.keys(COMMON_SETTINGS)]);
      await page.click('#play');
      const m = await page.evaluate(({ windowMs, warmMs }) => new Promise((ok) => {
        const pg = window.descent;
        const proto = Object.getPrototypeOf(pg);
        const train = [];
        const render = [];
        const parts = [];
        // Diagnosis only: how much of each frame is training and how much drawing.
        pg.train_frame = function (budget) {
          const t = performance.now();
          const ran = proto.train_frame.call(this, budget);
          train.push({ ms: performance.now() - t, ran });
          return ran;
        };
        pg.render = function () {
          const t = performance.now();
          const r = proto.render.call(this);
          render.push(performance.now() - t);
          parts.push(proto.render_timings.call(this));
          return r;
        };
        const stamps = [];
        let epoch0 = null;
        let t0 = null;
        const begin = performance.now();
        const tick = (t) => {
          if (t0 === null && performance.now() - begin >= warmMs) {
            t0 = t;
            epoch0 = pg.status().epoch;
            train.length = 0;
            render.length = 0;
            parts.length = 0;
          }
          if (t0 !== null) stamps.push(t);
          if (t0 === null || t - t0 < windowMs) {
            requestAnimationFrame(tick);
            return;
          }
          const epoch1 = pg.status().epoch;
          delete pg.train_frame;
          delete pg.render;
          ok({ stamps, epochs: epoch1 - epoch0, train, render, parts, playing: pg.can_train() });
        };
        requestAnimationFrame(tick);
      }), { windowMs: FRAME_WINDOW_MS, warmMs: 500 });
      await page.click('#play'); // pause
      const iv = intervals(m.stamps);
      const frames = iv.length;
      const spanMs = m.stamps.at(-1) - m.stamps[0];
      const target = Number(scene.settings['epochs-per-frame']);
      const trainMs = m.train.map((t) => t.ms);
      result.frames.push({
        title: scene.title,
        applied,
        frames,
        medianMs: median(iv),
        p95Ms: quantile(iv, 0.95),
        maxMs: Math.max(...iv),
        fps: (frames * 1000) / spanMs,
        epochsPerFrame: m.epochs / frames,
        targetEpochsPerFrame: target,
        epochsPerSecond: (m.epochs * 1000) / spanMs,
        trainFrameMs: { median: median(trainMs), p95: quantile(trainMs, 0.95), calls: trainMs.length },
        trainFrameEpochs: mean(m.train.map((t) => t.ran)),
        renderMs: { median: median(m.render), p95: quantile(m.render, 0.95), calls: m.render.length },
        renderPartsMedianMs: Object.fromEntries(Object.keys(m.parts[0] ?? {}).map((k) => [k, median(m.parts.map((p) => p[k]))])),
        stillTraining: m.playing,
      });
    }
    result.frameErrors = errors;
    await context.close();
  }

  // ---- 3. First frame: one throwaway (cold) load, then warm loads in the same context.
  log('3/4 first frame …');
  {
    const context = await browser.newContext({ viewport: VIEWPORT });
    const loads = [];
    for (let i = 0; i <= WARM_LOADS; i++) {
      const page = await context.newPage();
      await page.goto(`${base}index.html`);
      await page.waitForFunction(() => performance.getEntriesByName('descent-first-frame').length > 0);
      loads.push(await page.evaluate(() => {
        const nav = performance.getEntriesByType('navigation')[0];
        const wasm = performance.getEntriesByType('resource').find((e) => e.name.endsWith('descent_bg.wasm'));
        return {
          firstFrameMs: performance.getEntriesByName('descent-first-frame')[0].startTime,
          domContentLoadedMs: nav.domContentLoadedEventEnd,
          wasmFetchedMs: wasm?.responseEnd ?? null,
          wasmTransferBytes: wasm?.transferSize ?? null,
        };
      }));
      await page.close();
    }
    await context.close();
    const warm = loads.slice(1);
    result.firstFrame = {
      coldMs: loads[0].firstFrameMs,
      warmMs: warm.map((l) => l.firstFrameMs),
      medianWarmMs: median(warm.map((l) => l.firstFrameMs)),
      medianWarmDomContentLoadedMs: median(warm.map((l) => l.domContentLoadedMs)),
      medianWarmWasmFetchedMs: median(warm.map((l) => l.wasmFetchedMs)),
      loads,
    };
  }

  // ---- 4. Transfer size.
  log('4/4 transfer size …');
  {
    // What index.html fetches for its first frame: what it preloads, its own
    // script, and the worker's (read from the page, so a new module counts).
    const html = readFileSync(DIST + 'index.html', 'utf8');
    const fetched = [...html.matchAll(/<link rel="(?:modulepreload|preload)" href="([^"]+)"|<script type="module" src="([^"]+)"/g)].map((m) => m[1] ?? m[2]);
    const files = [...new Set([...fetched, 'painter.js'])];
    const sized = (list) => Object.fromEntries(list.map((f) => {
      const raw = readFileSync(DIST + f);
      return [f, { bytes: raw.length, gzipBytes: gzipSync(raw, { level: 9 }).length }];
    }));
    const sizes = sized(files);
    const total = Object.values(sizes).reduce((s, v) => s + v.gzipBytes, 0);
    // Not in the first load: fetched when a student first opens "Show as code".
    const onFirstUse = sized(['pkg/descent_code_bg.wasm', 'pkg/descent_code.js']);
    result.transfer = { files: sizes, totalGzipBytes: total, onFirstUse };
  }
} finally {
  await session.stop();
}
result.runSeconds = (Date.now() - started) / 1000;

// ---- The table.
const f = (v, d = 1) => (v === null || v === undefined || Number.isNaN(v) ? '–' : v.toLocaleString('en', { minimumFractionDigits: d, maximumFractionDigits: d }));
const pad = (s, n) => String(s).padStart(n);
const row = (label, ours, ref, speed) => `  ${label.padEnd(22)}${pad(ours, 12)}${pad(ref, 14)}${pad(speed, 10)}`;
const lines = [];
lines.push(`Descent browser benchmark — ${result.date}`);
lines.push(`machine:  ${result.machine.cpu}, ${result.machine.cores} cores (${result.machine.os})`);
lines.push(`browser:  Chromium ${result.chromium}, headless (--disable-gpu)`);
lines.push(`command:  ${command}   (${MS} ms per measurement; run took ${result.runSeconds.toFixed(0)} s)`);
lines.push('');
lines.push(`single-core peak (wasm multiply-add, in registers; best of 3): ${f(result.peakGflops, 2)} GFLOP/s `
  + `[${result.peakGflopsRuns.map((v) => f(v, 1)).join(', ')}]`);
lines.push('');
lines.push(row('', 'ours (wasm)', 'reference JS', 'speed-up'));
for (const { name } of WORKLOADS) {
  const { title, ours, reference: ref, referenceNote } = result.workloads[name];
  lines.push(title + (referenceNote ? `   [reference: ${referenceNote}]` : ''));
  lines.push(row('training epochs/s', f(ours.epochsPerSecond, 0), f(ref?.epochsPerSecond, 0),
    ref ? `×${f(ours.epochsPerSecond / ref.epochsPerSecond)}` : ''));
  lines.push(row('µs per sample-step', f(ours.usPerSampleStep, 3), f(ref?.usPerSampleStep, 3), ''));
  lines.push(row('GFLOP/s (% of peak)', `${f(ours.gflops, 2)} (${f((100 * ours.gflops) / result.peakGflops, 0)}%)`, f(ref?.gflops, 2), ''));
  for (const size of [100, 256]) {
    const k = `grid${size}Ms`;
    const r = ref?.[k];
    lines.push(row(`grid ${size}×${size} ms`, f(ours[k], 3), f(r, 2), r ? `×${f(r / ours[k])}` : ''));
  }
}
lines.push('  (speed-up = reference time ÷ our time; grids evaluate every unit of every cell)');
lines.push('');
lines.push(`page frames (requestAnimationFrame, ${FRAME_WINDOW_MS / 1000} s each, viewport ${VIEWPORT.width}×${VIEWPORT.height}; idle rAF ${f(result.rafIdle.medianMs, 2)} ms = ${f(result.rafIdle.hz, 0)} Hz)`);
lines.push(`  ${''.padEnd(48)}${pad('median ms', 10)}${pad('p95 ms', 8)}${pad('max ms', 8)}${pad('fps', 7)}${pad('epochs/frame', 14)}${pad('train ms', 10)}${pad('render ms', 11)}`);
for (const fr of result.frames) {
  lines.push(`  ${fr.title.padEnd(48)}${pad(f(fr.medianMs, 1), 10)}${pad(f(fr.p95Ms, 1), 8)}${pad(f(fr.maxMs, 1), 8)}${pad(f(fr.fps, 1), 7)}${pad(`${f(fr.epochsPerFrame, 2)} / ${fr.targetEpochsPerFrame}`, 14)}${pad(f(fr.trainFrameMs.median, 1), 10)}${pad(f(fr.renderMs.median, 1), 11)}`);
}
for (const fr of result.frames) {
  lines.push(`  render parts, ${fr.title.split(',')[0]}: ${Object.entries(fr.renderPartsMedianMs).map(([k, v]) => `${k} ${f(v, 1)}`).join(', ')} ms`);
}
lines.push('  (train/render ms: medians of window.descent.train_frame / render per call; epochs/frame: achieved / set)');
lines.push('');
const ff = result.firstFrame;
lines.push(`first frame (performance mark after navigation start): median of ${WARM_LOADS} warm loads ${f(ff.medianWarmMs, 0)} ms `
  + `[${ff.warmMs.map((v) => f(v, 0)).join(', ')}]; cold first load ${f(ff.coldMs, 0)} ms`);
lines.push(`  (warm medians: DOMContentLoaded ${f(ff.medianWarmDomContentLoadedMs, 0)} ms, wasm fetched ${f(ff.medianWarmWasmFetchedMs, 0)} ms; `
  + `scripts/serve.mjs sends no-cache without validators, so "warm" loads refetch every file)`);
const t = result.transfer;
lines.push(`transfer (gzip -9): ${Object.entries(t.files).map(([k, v]) => `${k} ${f(v.gzipBytes / 1024)} KB`).join(' + ')} = ${f(t.totalGzipBytes / 1024)} KB`);
lines.push(`  fetched on first use (the code export): ${Object.entries(t.onFirstUse).map(([k, v]) => `${k} ${f(v.gzipBytes / 1024)} KB`).join(' + ')}`);
if (result.frameErrors?.length) lines.push(`page errors: ${result.frameErrors.join(' | ')}`);

console.log(lines.join('\n'));
mkdirSync(`${ROOT}target`, { recursive: true });
writeFileSync(OUT, `${JSON.stringify(result, null, 2)}\n`);
console.log(`\nwrote ${OUT.replace(ROOT, '')}`);
