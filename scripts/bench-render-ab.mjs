// Compares what one render of the page's default playground costs in two
// (or more) builds of dist/: `descent.render()` after one epoch, 40 times a
// round, the builds' pages taking turns (the order flips each round); prints
// each build's median over the rounds of the mean render and of its parts
// (`render_timings()`). The wasm's own work only, not the browser's commit.
// `node scripts/bench-render-ab.mjs DIST_A DIST_B` (ROUNDS, default 10; DPR 3
// on a 390×844 screen, the phone profile unthrottled, or DPR=1 at 1280×800).
import { buildsFromArgs, median, order, serveBuilds } from './ab.mjs';

const dirs = buildsFromArgs('node scripts/bench-render-ab.mjs DIST_A DIST_B');
const DPR = Number(process.env.DPR ?? 3);
const ROUNDS = Number(process.env.ROUNDS ?? 10);
const RENDERS = 40;
const PARTS = ['field grid', 'field paint', 'unit paint', 'data canvas', 'loss chart', 'network diagram'];
const viewport = DPR === 3 ? { width: 390, height: 844 } : { width: 1280, height: 800 };

const builds = await serveBuilds(dirs);
const pages = [];
for (const base of builds.bases) {
  const context = await builds.browser.newContext({ viewport, deviceScaleFactor: DPR });
  const page = await context.newPage();
  await page.goto(`${base}index.html`);
  await page.waitForFunction(() => document.querySelector('descent-playground')?.handle?.view.drawnOnce);
  pages.push(page);
}
const results = dirs.map(() => ({}));
for (let round = 0; round < ROUNDS; round++) {
  for (const i of order(round, dirs.length)) {
    await pages[i].bringToFront();
    const means = await pages[i].evaluate((renders) => {
      const d = window.descent;
      const sums = { total: 0 };
      for (let n = 0; n < renders; n++) {
        d.train_epochs(1);
        const start = performance.now();
        d.render();
        sums.total += performance.now() - start;
        for (const [part, ms] of Object.entries(d.render_timings())) sums[part] = (sums[part] ?? 0) + ms;
      }
      return Object.fromEntries(Object.entries(sums).map(([part, ms]) => [part, ms / renders]));
    }, RENDERS);
    for (const [part, ms] of Object.entries(means)) (results[i][part] ??= []).push(ms);
  }
}
console.log(`ms a render at ratio ${DPR}, medians of ${ROUNDS} rounds of ${RENDERS}: ${['total', ...PARTS].join(', ')}`);
dirs.forEach((dir, i) => console.log(dir, ['total', ...PARTS].map((p) => median(results[i][p] ?? [0]).toFixed(2)).join('  ')));
await builds.close();
