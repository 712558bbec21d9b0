#!/usr/bin/env bash
# Builds the static site into dist/: the page, its module, and the wasm package.
# Copy dist/ to any web host; it needs nothing else.
set -euo pipefail
cd "$(dirname "$0")/.."
# npm's binaryen provides wasm-opt; Debian's breaks the wasm (see TOOLCHAIN notes).
export PATH="$PWD/node_modules/.bin:$PATH"
rm -rf dist
mkdir -p dist
# DESCENT_FEATURES=bench adds the benchmark's exports (make bench-browser).
features=()
[ -n "${DESCENT_FEATURES:-}" ] && features=(-- --features "$DESCENT_FEATURES")
wasm-pack --quiet build crate --target web --release --no-typescript --no-pack --mode no-install --out-dir ../dist/pkg "${features[@]}"
# The code export's module, fetched only when a student first opens "Show as code".
wasm-pack --quiet build crate/code --target web --release --no-typescript --no-pack --mode no-install --out-dir ../../dist/pkg-code
mv dist/pkg-code/descent_code.js dist/pkg-code/descent_code_bg.wasm dist/pkg/
rm -rf dist/pkg-code
rm -f dist/pkg/.gitignore dist/pkg/README.md
cp www/*.html www/*.css www/*.js www/*.svg dist/
# One file per language besides English, fetched only by pages in that language.
cp -r www/lang dist/
# The iframe form's fallback for sandboxed frames on hosts without CORS headers.
node scripts/standalone.mjs dist
node scripts/minify.mjs dist
echo "built dist/: $(du -sh dist | cut -f1), wasm $(stat -c %s dist/pkg/descent_bg.wasm) bytes ($(gzip -9c dist/pkg/descent_bg.wasm | wc -c) gzipped), the code export's $(stat -c %s dist/pkg/descent_code_bg.wasm) ($(gzip -9c dist/pkg/descent_code_bg.wasm | wc -c))"
