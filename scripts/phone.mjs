// The phone benchmarks' devices and scenes (bench-phone.mjs, bench-phone-ab.mjs).

/** Chromium's CPU throttling rate for a phone-class CPU. */
export const THROTTLE = 4;
export const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true };
export const DESKTOP = { viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 };
/** 1.6 Mbit/s down, 750 kbit/s up, 150 ms round trip. */
export const SLOW_NETWORK = { offline: false, latency: 150, downloadThroughput: 1.6e6 / 8, uploadThroughput: 0.75e6 / 8 };
/** The largest network: spiral, 1,000 points, 8 hidden layers of 32 units. */
export const LARGEST = { preset: ['spiral', 1000, 0], settings: { hidden: '32,32,32,32,32,32,32,32', 'epochs-per-frame': '1' } };

/** Loads `scene` (`{preset, settings}`) into the page's playground. */
export function loadScene(page, scene) {
  return page.evaluate(({ preset, settings }) => {
    window.descent.load_preset(...preset);
    for (const [k, v] of Object.entries(settings)) window.descent.set(k, v);
  }, scene);
}
