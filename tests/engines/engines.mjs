// Starts a browser engine behind its WebDriver and serves dist/ to it:
// Firefox (geckodriver, headless), WebKit (WebKitWebDriver driving
// WebKitGTK's MiniBrowser under Xvfb) and Chromium (chromedriver, headless).
// The engine comes from DESCENT_ENGINE (firefox by default).
import { test as nodeTest } from 'node:test';
import { spawn, execFileSync } from 'node:child_process';
import { createServer } from 'node:net';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { serve } from '../../scripts/serve.mjs';
import { Session, waitForDriver, crashed } from './webdriver.mjs';
import { Tab } from './tab.mjs';

export const ENGINE = process.env.DESCENT_ENGINE ?? 'firefox';
export const OUTPUT = new URL(`../output/${ENGINE}/`, import.meta.url).pathname;
mkdirSync(OUTPUT, { recursive: true });

const WEBKIT_DIR = '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1';

/** The first of `names` found on PATH (or as a path). */
function which(...names) {
  for (const name of names) {
    if (name.includes('/') ? existsSync(name) : (() => {
      try { execFileSync('which', [name], { stdio: 'ignore' }); return true; } catch { return false; }
    })()) return name;
  }
  throw new Error(`${ENGINE}: none of ${names.join(', ')} is installed (scripts/setup.sh test installs them)`);
}

async function freePort() {
  return new Promise((ok, fail) => {
    const s = createServer().listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => ok(port)); });
    s.on('error', fail);
  });
}

/** Starts a child process that the caller stops; its output is kept for error messages. */
function child(command, args, env = {}) {
  const p = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  p.log = '';
  for (const s of [p.stdout, p.stderr]) s.on('data', (d) => { p.log = (p.log + d).slice(-4000); });
  return p;
}

/** An X server of its own for MiniBrowser, which has no headless mode; gives its DISPLAY. */
async function xvfb() {
  const x = spawn(which('Xvfb'), ['-displayfd', '1', '-screen', '0', '1920x1200x24', '-nolisten', 'tcp'], { stdio: ['ignore', 'pipe', 'ignore'] });
  const display = await new Promise((ok, fail) => {
    x.stdout.once('data', (d) => ok(`:${String(d).trim()}`));
    x.once('exit', (code) => fail(new Error(`Xvfb exited (${code})`)));
  });
  return { process: x, display };
}

/**
 * What a session of each engine is started with. `scale` is the device pixel
 * ratio; `touch` asks for touch events (Firefox; WebKitGTK and headless
 * Chromium's driver have no touch pointer).
 */
const ENGINES = {
  firefox: {
    driver: (port) => [which(process.env.GECKODRIVER ?? 'geckodriver'), ['--host', '127.0.0.1', '--port', String(port)]],
    capabilities: ({ scale = 1, touch = false }) => ({
      browserName: 'firefox',
      'moz:firefoxOptions': {
        binary: which('/usr/bin/firefox-esr', 'firefox-esr', 'firefox'),
        args: ['-headless'],
        prefs: {
          'layout.css.devPixelsPerPx': String(scale),
          'dom.w3c_touch_events.enabled': touch ? 1 : 0,
          // Keep it off this machine's closed network.
          'app.update.enabled': false, 'browser.shell.checkDefaultBrowser': false,
          'datareporting.policy.dataSubmissionEnabled': false, 'toolkit.telemetry.enabled': false,
          'network.captive-portal-service.enabled': false, 'browser.safebrowsing.malware.enabled': false,
        },
      },
    }),
  },
  webkit: {
    needsDisplay: true,
    // Painted on the CPU and not composited: Xvfb has no GPU, and WebKitGTK's
    // compositor thread on Mesa's software GL crashed the page now and then
    // (a segfault in swrast_dri.so in the kernel's log) and, in 2 of 300
    // loads of embed.html in a frame, drew no frame for seconds (none of 300
    // without compositing).
    env: { WEBKIT_DISABLE_COMPOSITING_MODE: '1', WEBKIT_SKIA_ENABLE_CPU_RENDERING: '1' },
    driver: (port) => [which(process.env.WEBKITWEBDRIVER ?? 'WebKitWebDriver'), [`--port=${port}`]],
    capabilities: () => ({
      browserName: 'MiniBrowser',
      'webkitgtk:browserOptions': { binary: `${WEBKIT_DIR}/MiniBrowser`, args: ['--automation'] },
    }),
  },
  chromium: {
    driver: (port) => [which(process.env.CHROMEDRIVER ?? 'chromedriver'), [`--port=${port}`]],
    capabilities: ({ scale = 1 }) => ({
      browserName: 'chrome',
      'goog:chromeOptions': {
        binary: which(process.env.CHROMIUM ?? '/usr/bin/chromium'),
        args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run',
          '--disable-background-networking', '--disable-component-update', '--disable-sync', `--force-device-scale-factor=${scale}`],
      },
    }),
  },
};

/** The kernel's lines about segfaults, where this machine lets them be read (dmesg). */
function segfaults() {
  try {
    return execFileSync('dmesg', { stdio: ['ignore', 'pipe', 'ignore'] }).toString().split('\n').filter((l) => /segfault/.test(l));
  } catch {
    return [];
  }
}

/** The engine `start` gave, for `test` below. */
let started = null;

/**
 * Serves dist/ (and starts an X server where the engine needs one).
 * `session(options)` starts the engine's driver and opens a browser window
 * through it (options: scale, touch, width, height) as a Tab; a driver
 * each, as geckodriver holds one session at a time.
 */
export async function start(engine = ENGINE) {
  const spec = ENGINES[engine];
  if (!spec) throw new Error(`DESCENT_ENGINE=${engine}: not one of ${Object.keys(ENGINES).join(', ')}`);
  const server = await serve(new URL('../../dist/', import.meta.url).pathname, 0);
  const base = `http://127.0.0.1:${server.address().port}/`;
  const x = spec.needsDisplay ? await xvfb() : null;
  const open = new Set(); // the Tabs not closed
  const end = async ({ session, driver }) => {
    await session?.delete().catch(() => {});
    driver.kill();
  };
  /** A driver and a browser window through it, of `width`×`height` CSS px. */
  const connect = async ({ width = 1280, height = 800, ...options }) => {
    const port = await freePort();
    const [command, args] = spec.driver(port);
    const running = { driver: child(command, args, { ...spec.env, ...(x ? { DISPLAY: x.display } : {}) }) };
    const url = `http://127.0.0.1:${port}/`;
    try {
      await waitForDriver(url);
      running.session = await Session.create(url, spec.capabilities(options));
    } catch (e) {
      running.driver.kill();
      throw new Error(`${engine}: no session: ${e.message}\n${running.driver.log}`);
    }
    await running.session.timeouts({ script: 60_000, pageLoad: 60_000 });
    await running.session.setWindowRect({ width, height });
    return running;
  };
  const segfaultsBefore = segfaults().length;
  started = {
    engine,
    base,
    /** A new browser window (options: scale, touch, width, height). */
    async session(options = {}) {
      const running = await connect(options);
      const tab = new Tab(running.session, base, engine);
      Object.assign(tab, { running, options });
      open.add(tab);
      return tab;
    },
    async close(tab) {
      open.delete(tab);
      await end(tab.running);
    },
    async stop() {
      for (const tab of open) await end(tab.running);
      open.clear();
      x?.process.kill();
      server.close();
      started = null;
    },
    /** The open windows whose page process is gone (the driver deleted their session). */
    async dead() {
      const gone = [];
      for (const tab of open) if (await tab.session.deleted()) gone.push(tab);
      return gone;
    },
    /** Gives each of `tabs` a new driver and window in place of its dead one. */
    async revive(tabs) {
      for (const tab of tabs) {
        await end(tab.running);
        tab.running = await connect(tab.options);
        tab.session = tab.running.session;
      }
    },
    /** What the kernel said of segfaults since the engine started, if it can be read here. */
    segfaults: () => segfaults().slice(segfaultsBefore),
  };
  return started;
}

/**
 * node:test's `test`, run once more in new windows if the browser's page
 * process died under it. WebKitGTK's does now and then, at a different step
 * each time (a null pointer read in JavaScriptCore's WebAssembly
 * interpreter, about once in 300 loads of embed.html in a frame): a crash
 * of the browser, not a failure of the page, and a page that crashed it
 * would crash it again in the second run. The crash and what the kernel
 * said of it go into the test's output.
 */
export function test(name, fn) {
  return nodeTest(name, async (t) => {
    try {
      return await fn(t);
    } catch (e) {
      if (!started || !crashed(e)) throw e;
      const kernel = started.segfaults();
      t.diagnostic(`${started.engine}'s page process died (${e.message.split('\n')[0]})${kernel.length ? `; the kernel: ${kernel.join(' | ')}` : ''}; running the test again in a new window`);
      await started.revive(await started.dead());
      return await fn(t);
    }
  });
}

/** Writes a PNG into tests/output/<engine>/. */
export function savePng(name, png) {
  writeFileSync(`${OUTPUT}${name}.png`, png);
}
