// Minifies the page's JavaScript modules in dist/ in place (terser: comments
// and whitespace out, local names shortened), so that a first visit
// downloads less; the readable sources stay in www/. Run after
// scripts/standalone.mjs, which reads the modules' import lines as written.
// `node scripts/minify.mjs [dist]` (scripts/build.sh runs it).
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { minify } from 'terser';

const dist = process.argv[2] ?? 'dist';
// What a page loads; standalone.js carries its own copies as text.
// Classic scripts: their top level is the page's.
const CLASSIC = new Set(['embed-fallback.js', 'embed.js']);
const files = [
  ...readdirSync(dist).filter((f) => f.endsWith('.js') && f !== 'standalone.js'),
  'pkg/descent.js',
];
let before = 0;
let after = 0;
for (const file of files) {
  const path = join(dist, file);
  const source = readFileSync(path, 'utf8');
  const { code } = await minify(source, { module: !CLASSIC.has(file), ecma: 2020, compress: { passes: 2 } });
  writeFileSync(path, code);
  before += source.length;
  after += code.length;
}
console.log(`minified ${files.length} scripts: ${before} -> ${after} bytes`);
