// A small static file server for dist/ (no dependencies): `node scripts/serve.mjs [dir] [port]`.
// Like the static hosts a course site lives on, it sends text and wasm
// gzipped to a browser that accepts it (what a student downloads) and
// answers a page loaded again with "not modified".
import { createServer } from 'node:http';
import { gzipSync } from 'node:zlib';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.png': 'image/png',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
};
/** Types worth compressing (PNGs already are). */
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.wasm', '.json', '.svg']);

export function serve(dir, port = 0, host = '127.0.0.1') {
  const root = resolve(dir);
  const gzipped = new Map(); // file → { mtime, body }: each file compressed once while unchanged
  const server = createServer(async (req, res) => {
    try {
      const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
      let file = normalize(join(root, path));
      if (!file.startsWith(root)) throw new Error('outside');
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
      const { mtimeMs, size } = await stat(file);
      // Revalidation by ETag, as static hosts answer it: a page loaded again
      // gets "304 Not Modified", and Chromium its compiled wasm from its cache.
      const etag = `"${size.toString(36)}-${Math.floor(mtimeMs).toString(36)}"`;
      const headers = {
        etag,
        'cache-control': 'no-cache',
        // As public static hosts do: lets a sandboxed iframe (an opaque origin) load the module and wasm.
        'access-control-allow-origin': '*',
        vary: 'accept-encoding',
      };
      if (req.headers['if-none-match'] === etag) {
        res.writeHead(304, headers);
        res.end();
        return;
      }
      headers['content-type'] = TYPES[extname(file)] ?? 'application/octet-stream';
      let body;
      if (COMPRESSIBLE.has(extname(file)) && /\bgzip\b/.test(req.headers['accept-encoding'] ?? '')) {
        let cached = gzipped.get(file);
        if (cached?.mtime !== mtimeMs) {
          cached = { mtime: mtimeMs, body: gzipSync(await readFile(file), { level: 9 }) };
          gzipped.set(file, cached);
        }
        body = cached.body;
        headers['content-encoding'] = 'gzip';
      } else {
        body = await readFile(file);
      }
      res.writeHead(200, headers);
      res.end(body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
    }
  });
  return new Promise((ok) => server.listen(port, host, () => ok(server)));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [dir = 'dist', port = process.env.PORT ?? '8080'] = process.argv.slice(2);
  const server = await serve(dir, Number(port));
  console.log(`Descent is served at http://127.0.0.1:${server.address().port}/ (Ctrl-C stops)`);
}
