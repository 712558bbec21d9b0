// The phone benchmark: one headless Chromium run measures the page as a
// phone-class CPU runs it (Chromium's CPU throttling at 4×, a 390×844
// screen at pixel ratio 3, touch), against the same page on this machine's
// desktop core in the same run:
//   1. frame times while the default playground trains (circle, hidden [4, 2]);
//   2. frame times while the largest network trains (spiral, 1,000 points, 8 × 32);
//   3. frame times of course.html with every playground playing;
//   4. the first boundary on screen: warm (median of 5 loads) and cold (no
//      cache, 1.6 Mbit/s down, 750 kbit/s up, 150 ms round trip), the cold
//      one also for the Korean page, which fetches its language file too.
// Prints a table and writes target/bench-phone.json.
// `node scripts/bench-phone.mjs` or `make bench-phone` (after `make build`).
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { start } from '../tests/browser.mjs';
import { DESKTOP, LARGEST, loadScene, PHONE, SLOW_NETWORK, THROTTLE } from './phone.mjs';

const ROOT = new URL('../', import.meta.url).pathname;
const FRAME_WINDOW_MS = Number(process.env.BENCH_MS ?? 6000);
const WARM_MS = 1500;
const WARM_LOADS = 5;

const log = (...a) => process.stderr.write(`${a.join(' ')}\n`);
function quantile(xs, q) {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const pos = (s.length - 1) * q;
  return s[Math.floor(pos)] + (s[Math.ceil(pos)] - s[Math.floor(pos)]) * (pos - Math.floor(pos));
}
const median = (xs) => quantile(xs, 0.5);

const session = await start();
const { base, browser } = session;
const command = `node ${process.argv.slice(1).map((a) => a.replace(ROOT, '')).join(' ')}`;
const result = {
  date: new Date().toISOString(),
  command,
  machine: { cpu: os.cpus()[0].model, cores: os.cpus().length, os: `${os.type()} ${os.release()} ${os.arch()}` },
  chromium: browser.version(),
  throttle: THROTTLE,
  rows: [],
};

/** A fresh page in its own context; on the phone profile, throttled. */
async function open(device, throttled) {
  const context = await browser.newContext(device);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  if (throttled) await cdp.send('Emulation.setCPUThrottlingRate', { rate: THROTTLE });
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(e.message));
  return { context, page, cdp };
}

/**
 * Plays every playground of the page, waits WARM_MS, then records
 * requestAnimationFrame intervals, the pictures drawn and the epochs trained
 * over FRAME_WINDOW_MS.
 */
async function frames(page) {
  return page.evaluate(({ windowMs, warmMs }) => new Promise((ok) => {
    const els = [...document.querySelectorAll('descent-playground')];
    for (const el of els) if (!el.handle.view.playing) el.shadowRoot.getElementById('play').click();
    const epochs = () => els.map((el) => el.handle.status().epoch);
    // A frame the scheduler leaves a playground undrawn shows the student nothing new: count the pictures too.
    let drawing = false;
    let pictures = 0;
    for (const el of els) {
      const { view } = el.handle;
      const draw = view.draw.bind(view);
      view.draw = () => { if (drawing) pictures += 1; draw(); };
    }
    setTimeout(() => {
      const before = epochs();
      const stamps = [];
      drawing = true;
      const tick = (t) => {
        stamps.push(t);
        if (t - stamps[0] < windowMs) requestAnimationFrame(tick);
        else ok({ stamps, pictures, epochs: epochs().map((e, i) => e - before[i]), visible: els.filter((el) => el.handle.view.visible).length, count: els.length });
      };
      requestAnimationFrame(tick);
    }, warmMs);
  }), { windowMs: FRAME_WINDOW_MS, warmMs: WARM_MS });
}

function frameRow(title, m, errors) {
  const iv = m.stamps.slice(1).map((t, i) => t - m.stamps[i]);
  const epochs = m.epochs.reduce((a, b) => a + b, 0);
  return {
    title, frames: iv.length, fps: (iv.length * 1000) / (m.stamps.at(-1) - m.stamps[0]),
    picturesPerSecond: (m.pictures * 1000) / (m.stamps.at(-1) - m.stamps[0]) / Math.max(1, m.visible),
    medianMs: median(iv), p95Ms: quantile(iv, 0.95), maxMs: Math.max(...iv),
    epochsPerFrame: epochs / iv.length, playgrounds: m.count, visible: m.visible, errors,
  };
}

async function measurePage(title, device, throttled, path, scene) {
  log(title);
  const { context, page } = await open(device, throttled);
  await page.goto(base + path);
  await page.waitForFunction(() => [...document.querySelectorAll('descent-playground')].every((el) => el.handle));
  if (scene) await loadScene(page, scene);
  const row = frameRow(title, await frames(page), page.errors);
  await context.close();
  result.rows.push(row);
}

/**
 * Milliseconds from navigation start to the first frame on screen with the
 * boundary, over `loads` loads in one context: the animation frame after
 * the page's first render (marked 'descent-first-frame'), by which the
 * browser has painted and composited that render. The page says so on
 * its console: polling for it (waitForFunction) would evaluate
 * Playwright's injected script in the page while it loads: 72 ms of a
 * throttled load's main thread in one trace.
 */
async function firstBoundary(device, throttled, network, loads, path = 'index.html') {
  const { context, page, cdp } = await open(device, throttled);
  await page.addInitScript(() => {
    const look = () => {
      if (performance.getEntriesByName('descent-first-frame').length) {
        window.descentOnScreen = performance.now();
        console.log('descent-on-screen');
      } else requestAnimationFrame(look);
    };
    requestAnimationFrame(look);
  });
  if (network) {
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await cdp.send('Network.emulateNetworkConditions', network);
  }
  const times = [];
  for (let i = 0; i < loads; i++) {
    const onScreen = page.waitForEvent('console', { predicate: (m) => m.text() === 'descent-on-screen', timeout: 60_000 });
    await page.goto(base + path);
    await onScreen;
    times.push(await page.evaluate(() => {
      // The boundary really is on the field's canvas: its colours vary.
      const canvas = document.querySelector('descent-playground').shadowRoot.getElementById('field');
      const copy = new OffscreenCanvas(canvas.width, canvas.height).getContext('2d');
      copy.drawImage(canvas, 0, 0);
      const px = copy.getImageData(0, 0, canvas.width, canvas.height).data;
      const colours = new Set();
      for (let i = 0; i < px.length; i += 4 * 97) colours.add(px[i] * 65536 + px[i + 1] * 256 + px[i + 2]);
      if (colours.size < 8) throw new Error(`the field has ${colours.size} colours at its first frame`);
      return window.descentOnScreen;
    }));
  }
  await context.close();
  return times;
}

try {
  await measurePage('default playground, desktop core (reference)', DESKTOP, false, 'index.html');
  await measurePage(`default playground, phone (${THROTTLE}× CPU, 390×844@3)`, PHONE, true, 'index.html');
  await measurePage('largest network (8×32, 1,000 points), desktop core (reference)', DESKTOP, false, 'index.html', LARGEST);
  await measurePage(`largest network (8×32, 1,000 points), phone`, PHONE, true, 'index.html', LARGEST);
  await measurePage('course.html, every playground playing, phone', PHONE, true, 'course.html');
  log('first boundary …');
  const desktopWarm = (await firstBoundary(DESKTOP, false, null, WARM_LOADS + 1)).slice(1);
  const phoneWarm = (await firstBoundary(PHONE, true, null, WARM_LOADS + 1)).slice(1);
  const phoneCold = await firstBoundary(PHONE, true, SLOW_NETWORK, 1);
  // A Korean page fetches its language file too.
  const phoneColdKorean = await firstBoundary(PHONE, true, SLOW_NETWORK, 1, 'index.html?lang=ko');
  result.firstBoundary = { desktopWarmMs: desktopWarm, phoneWarmMs: phoneWarm, phoneColdMs: phoneCold[0], phoneColdKoreanMs: phoneColdKorean[0], network: SLOW_NETWORK };
} finally {
  await session.stop();
}

const f = (v, d = 1) => v.toLocaleString('en', { minimumFractionDigits: d, maximumFractionDigits: d });
console.log(`Descent on a phone-class CPU — ${result.date}`);
console.log(`machine:  ${result.machine.cpu}, ${result.machine.cores} cores (${result.machine.os}); Chromium ${result.chromium} headless`);
console.log(`command:  ${command}   (${FRAME_WINDOW_MS / 1000} s of frames after ${WARM_MS / 1000} s of play)`);
console.log('| page | fps | median ms | p95 ms | max ms | pictures a second, each playground | epochs a frame | playgrounds training on screen |');
console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
for (const r of result.rows) {
  console.log(`| ${r.title} | ${f(r.fps)} | ${f(r.medianMs)} | ${f(r.p95Ms)} | ${f(r.maxMs)} | ${f(r.picturesPerSecond)} | ${f(r.epochsPerFrame, 2)} | ${r.visible} of ${r.playgrounds} |`
    + (r.errors.length ? ` errors: ${r.errors.join(' | ')}` : ''));
}
const b = result.firstBoundary;
console.log(`first boundary, desktop core, warm: median ${f(median(b.desktopWarmMs), 0)} ms (reference)`);
console.log(`first boundary, phone, warm: median ${f(median(b.phoneWarmMs), 0)} ms of ${WARM_LOADS} loads`);
console.log(`first boundary, phone, cold at 1.6 Mbit/s (150 ms round trip, no cache): ${f(b.phoneColdMs, 0)} ms; the Korean page (?lang=ko): ${f(b.phoneColdKoreanMs, 0)} ms`);
mkdirSync(`${ROOT}target`, { recursive: true });
writeFileSync(`${ROOT}target/bench-phone.json`, `${JSON.stringify(result, null, 2)}\n`);
