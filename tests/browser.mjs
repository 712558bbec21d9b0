// Shared setup for the end-to-end tests: serve dist/ on a free loopback port
// and drive Debian's Chromium with playwright-core.
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { serve } from '../scripts/serve.mjs';

export const OUTPUT = new URL('./output/', import.meta.url).pathname;
mkdirSync(OUTPUT, { recursive: true });

const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
// As root Chromium needs --no-sandbox; the rest keep it off this machine's closed network.
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export async function start() {
  const server = await serve(new URL('../dist/', import.meta.url).pathname, 0);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  const base = `http://127.0.0.1:${server.address().port}/`;
  return {
    base,
    browser,
    async page(path = 'index.html', viewport = { width: 1280, height: 800 }) {
      const page = await browser.newPage({ viewport });
      const errors = [];
      page.on('pageerror', (e) => errors.push(e.message));
      page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
      page.errors = errors;
      await page.goto(base + path);
      await page.waitForFunction(() => window.descent !== undefined);
      return page;
    },
    async stop() {
      await browser.close();
      server.close();
    },
  };
}
