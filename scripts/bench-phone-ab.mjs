// Compares two (or more) builds of dist/ on the phone profile (390×844 at
// ratio 3, touch, 4× CPU throttling): the default playground (LARGE=1: the
// largest network of bench-phone.mjs, 8 × 32 units, 1,000 points, one epoch
// a frame) plays for 2 s, then the
// frames in 4 s and the page's main-thread time a frame (CDP's
// TaskDuration) are counted; a fresh page per round, the builds taking
// turns. Prints each build's medians over the rounds. DIAGRAM=1 scrolls
// the network diagram into view first (the data canvas then far above it).
// `node scripts/bench-phone-ab.mjs DIST_A DIST_B` (ROUNDS, default 5).
import { buildsFromArgs, median, order, serveBuilds } from './ab.mjs';
import { LARGEST, loadScene, PHONE, THROTTLE } from './phone.mjs';

const dirs = buildsFromArgs('node scripts/bench-phone-ab.mjs DIST_A DIST_B');
const ROUNDS = Number(process.env.ROUNDS ?? 5);
const PLAY_MS = 2000;
const WINDOW_MS = 4000;

const builds = await serveBuilds(dirs);
const results = dirs.map(() => []);
const taskSeconds = async (cdp) => (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration').value;
for (let round = 0; round < ROUNDS; round++) {
  for (const i of order(round, dirs.length)) {
    const context = await builds.browser.newContext(PHONE);
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: THROTTLE });
    await cdp.send('Performance.enable');
    await page.goto(`${builds.bases[i]}index.html`);
    await page.waitForFunction(() => document.querySelector('descent-playground')?.handle?.view.drawnOnce);
    if (process.env.LARGE) await loadScene(page, LARGEST);
    await page.evaluate((diagram) => {
      const root = document.querySelector('descent-playground').shadowRoot;
      root.getElementById('play').click();
      if (diagram) root.getElementById('network').scrollIntoView({ block: 'center' });
    }, Boolean(process.env.DIAGRAM));
    await page.waitForTimeout(PLAY_MS);
    const before = await taskSeconds(cdp);
    const frames = await page.evaluate((windowMs) => new Promise((done) => {
      let n = 0;
      const start = performance.now();
      const tick = (t) => { n += 1; if (t - start < windowMs) requestAnimationFrame(tick); else done(n); };
      requestAnimationFrame(tick);
    }), WINDOW_MS);
    results[i].push({ frames, msPerFrame: ((await taskSeconds(cdp)) - before) * 1000 / frames });
    await context.close();
  }
}
console.log(`${process.env.LARGE ? 'largest network' : 'default playground'}${process.env.DIAGRAM ? ', scrolled to the diagram' : ''}, phone profile: frames in ${WINDOW_MS / 1000} s, main-thread ms a frame (medians of ${ROUNDS})`);
dirs.forEach((dir, i) => console.log(dir, median(results[i].map((r) => r.frames)), median(results[i].map((r) => r.msPerFrame)).toFixed(1)));
await builds.close();
