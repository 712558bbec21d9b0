// What the A/B benchmarks (bench-ab, bench-render-ab, bench-phone-ab) share:
// one headless Chromium, each build of dist/ served on its own port, and an
// order of turns that flips each round, so that a machine busy with other
// work slows every build alike.
import { chromium } from 'playwright-core';
import { serve } from './serve.mjs';
import { ARGS, CHROMIUM } from '../tests/browser.mjs';

/** The build directories named on the command line (at least two), or exits with `usage`. */
export function buildsFromArgs(usage) {
  const dirs = process.argv.slice(2);
  if (dirs.length < 2) {
    console.error(`usage: ${usage}`);
    process.exit(2);
  }
  return dirs;
}

/** A Chromium and a server per build: `{ browser, bases, close() }`, `bases[i]` ending in '/'. */
export async function serveBuilds(dirs) {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  const servers = await Promise.all(dirs.map((dir) => serve(dir, 0)));
  return {
    browser,
    bases: servers.map((s) => `http://127.0.0.1:${s.address().port}/`),
    async close() {
      await browser.close();
      for (const server of servers) server.close();
    },
  };
}

/** The builds' indices in the order they take their turns in `round`: 0, 1, … then …, 1, 0. */
export function order(round, count) {
  const indices = [...Array(count).keys()];
  return round % 2 ? indices.reverse() : indices;
}

export const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
