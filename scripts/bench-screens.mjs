// What drawing at the screen's pixel ratio costs: the default playground
// trains for a few seconds at devicePixelRatio 1, 1.25, 2 and 3 (a 390×844
// phone at 3), and the page's frame times and each render's own time are
// recorded, with ratio 1 as the reference measured in the same run.
//
// Needs dist/ (scripts/build.sh). `node scripts/bench-screens.mjs` (part of
// `make bench-browser`). BENCH_MS overrides the window (default 5000 ms).
import os from 'node:os';
import { start } from '../tests/browser.mjs';

const WINDOW_MS = Number(process.env.BENCH_MS ?? 5000);
const SCREENS = [
  { name: 'laptop 1280×800 @1', viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 },
  { name: 'Windows 1366×768 @1.25', viewport: { width: 1366, height: 768 }, deviceScaleFactor: 1.25 },
  { name: 'Retina 1440×900 @2', viewport: { width: 1440, height: 900 }, deviceScaleFactor: 2 },
  { name: 'laptop 1280×800 @3', viewport: { width: 1280, height: 800 }, deviceScaleFactor: 3 },
  { name: 'phone 390×844 @3', viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true },
  // A lesson whose panel (the race of learning rates) is drawn at every frame.
  { name: 'Retina 1440×900 @2, learning-rate lesson', viewport: { width: 1440, height: 900 }, deviceScaleFactor: 2, hash: '#lesson=learning-rate' },
];

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s.length ? s[Math.floor((s.length - 1) / 2)] : NaN; };
const p95 = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(0.95 * (s.length - 1)))]; };

const env = await start();
const rows = [];
try {
  for (const { name, hash = '', ...options } of SCREENS) {
    const context = await env.browser.newContext(options);
    const page = await context.newPage();
    await page.goto(`${env.base}index.html${hash}`);
    await page.waitForFunction(() => window.descent !== undefined);
    const m = await page.evaluate((windowMs) => new Promise((ok) => {
      const pg = window.descent;
      const proto = Object.getPrototypeOf(pg);
      const render = [];
      pg.render = function () {
        const t = performance.now();
        const r = proto.render.call(this);
        // Force the canvas's raster, which the browser would otherwise do
        // when compositing, outside any timing a script can see. (A canvas
        // handed its pictures as bitmaps has no 2D context: its raster
        // happens when the picture is handed over.)
        this.__canvases ??= ['field', 'rings', 'data'].map((id) => document.querySelector('descent-playground').shadowRoot.getElementById(id));
        for (const c of this.__canvases) c.getContext('2d')?.getImageData(0, 0, 1, 1);
        render.push(performance.now() - t);
        return r;
      };
      document.querySelector('descent-playground').handle.play();
      const stamps = [];
      const begin = performance.now();
      const tick = (t) => {
        if (performance.now() - begin > 500) stamps.push(t);
        if (performance.now() - begin < 500 + windowMs) requestAnimationFrame(tick);
        else {
          delete pg.render;
          const c = document.querySelector('descent-playground').shadowRoot.getElementById('data');
          ok({ stamps, render: render.slice(5), backing: [c.width, c.height] });
        }
      };
      requestAnimationFrame(tick);
    }), WINDOW_MS);
    const iv = m.stamps.slice(1).map((t, i) => t - m.stamps[i]);
    rows.push({ name, frameMs: median(iv), frameP95: p95(iv), fps: (iv.length * 1000) / (m.stamps.at(-1) - m.stamps[0]), renderMs: median(m.render), renderP95: p95(m.render), backing: m.backing });
    await context.close();
  }
} finally {
  await env.stop();
}

const ref = rows[0];
const f = (v, d = 1) => v.toFixed(d);
console.log(`# Drawing at the screen's pixel ratio (${new Date().toISOString()}, ${os.cpus()[0].model}, ${os.cpus().length} cores, Chromium ${env.browser.version()})`);
console.log(`default playground training (the last row: a lesson), ${WINDOW_MS / 1000} s a screen; reference: the first row, measured in the same run`);
console.log('| screen | data canvas backing store | frame median / p95 ms | fps | render median / p95 ms | render ÷ reference |');
console.log('|---|---|---|---|---|---|');
for (const r of rows) {
  console.log(`| ${r.name} | ${r.backing.join('×')} | ${f(r.frameMs)} / ${f(r.frameP95)} | ${f(r.fps, 0)} | ${f(r.renderMs, 2)} / ${f(r.renderP95, 2)} | ×${f(r.renderMs / ref.renderMs, 2)} |`);
}
