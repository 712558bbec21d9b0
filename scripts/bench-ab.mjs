// Compares the training speed of two bench builds of dist/ (built with
// DESCENT_FEATURES=bench) in one headless Chromium: each workload's epochs
// per second, the two builds taking turns (the order flips each round), so
// a machine busy with other work slows both alike. Prints the medians and
// B ÷ A.
// `node scripts/bench-ab.mjs DIST_A DIST_B` (ROUNDS, default 5; MS per
// measurement, default 700).
import { buildsFromArgs, median, order, serveBuilds } from './ab.mjs';

const dirs = buildsFromArgs('node scripts/bench-ab.mjs DIST_A DIST_B').slice(0, 2);
const ROUNDS = Number(process.env.ROUNDS ?? 5);
const MS = Number(process.env.MS ?? 700);
const WORKLOADS = ['a', 'b', 'largest'];

const builds = await serveBuilds(dirs);
const pages = [];
for (const base of builds.bases) {
  const page = await builds.browser.newPage();
  // A blank page of the build's origin: no playground of its own to draw.
  const blank = `${base}bench.html`;
  await page.route(blank, (route) => route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>bench</title>' }));
  await page.goto(blank);
  // Each workload once first, so that V8's optimised code is in place.
  await page.evaluate(async (names) => {
    const m = await import('./pkg/descent.js');
    await m.default();
    for (const n of names) m.bench_workload(n, 100);
    window.__bench = m;
  }, WORKLOADS);
  pages.push(page);
}
const runs = dirs.map(() => Object.fromEntries(WORKLOADS.map((n) => [n, []])));
for (let round = 0; round < ROUNDS; round++) {
  for (const name of WORKLOADS) {
    for (const i of order(round, 2)) {
      runs[i][name].push(await pages[i].evaluate(
        ({ name, ms }) => window.__bench.bench_workload(name, ms).epochsPerSecond, { name, ms: MS }));
    }
  }
}
console.log(`workload   A epochs/s   B epochs/s   B ÷ A   (A = ${dirs[0]}, B = ${dirs[1]})`);
for (const name of WORKLOADS) {
  const [a, b] = runs.map((r) => median(r[name]));
  console.log(`${name.padEnd(9)}${a.toFixed(0).padStart(12)}${b.toFixed(0).padStart(13)}${(b / a).toFixed(3).padStart(8)}`);
}
await builds.close();
