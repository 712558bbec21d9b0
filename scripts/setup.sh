#!/usr/bin/env bash
# Installs what a fresh Debian machine with only Rust lacks, skipping what is there.
# Usage: scripts/setup.sh [build|test|count]
#   build: wasm target, wasm-pack, wasm-bindgen-cli, npm's binaryen (for wasm-opt)
#   count: all of build, plus valgrind (make bench-count)
#   test:  all of build, plus Chromium, ChromeDriver and playwright-core, and
#          the other two engines: Firefox ESR with geckodriver, WebKitGTK's
#          MiniBrowser with WebKitWebDriver, and Xvfb for it to draw into
set -euo pipefail
cd "$(dirname "$0")/.."
want=${1:-test}

say() { printf '[setup] %s\n' "$*"; }

# wasm-bindgen-cli must match the crate's pinned wasm-bindgen exactly, or
# wasm-pack silently starts a long install of its own.
bindgen_version=$(sed -n 's/^wasm-bindgen = "=\([0-9.]*\)".*/\1/p' crate/Cargo.toml)
[ -n "$bindgen_version" ] || { echo "setup: no pinned wasm-bindgen in crate/Cargo.toml" >&2; exit 1; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32 target"
  rustup target add wasm32-unknown-unknown
fi

if ! command -v wasm-pack >/dev/null 2>&1; then
  say "installing wasm-pack (a few minutes)"
  cargo install --locked wasm-pack
fi

if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$bindgen_version" ]; then
  say "installing wasm-bindgen-cli $bindgen_version (a few minutes)"
  # Not --locked: its lock file pins a crate version the registry does not serve.
  cargo install --force wasm-bindgen-cli --version "$bindgen_version"
fi

# npm packages: binaryen's wasm-opt (Debian's binaryen breaks the wasm),
# playwright-core, which drives Debian's Chromium in the end-to-end tests, terser,
# which minifies the modules in dist/, and
# axe-core, the accessibility audit those tests run.
if [ ! -x node_modules/.bin/wasm-opt ] || [ ! -d node_modules/playwright-core ] || [ ! -d node_modules/axe-core ] || [ ! -d node_modules/terser ]; then
  command -v npm >/dev/null 2>&1 || { apt_needed=1; }
  if [ "${apt_needed:-0}" = 1 ]; then
    say "installing Node.js and npm"
    apt-get update -qq && apt-get install -y -qq nodejs npm
  fi
  say "installing npm packages"
  npm ci --no-audit --no-fund --loglevel=error
fi

if [ "$want" = test ] && ! command -v python3 >/dev/null 2>&1; then
  say "installing python3 (it parses the generated Python programs)"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3
fi

if [ "$want" = test ] || [ "$want" = bench ]; then
  if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then
    say "installing Chromium and ChromeDriver"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver
  fi
fi

if [ "$want" = count ] && ! command -v valgrind >/dev/null 2>&1; then
  say "installing valgrind (it counts the instructions training takes)"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq valgrind
fi

if [ "$want" = test ]; then
  # Firefox and WebKit (every iPhone's engine) for the cross-engine tests.
  if ! command -v firefox-esr >/dev/null 2>&1 || ! command -v WebKitWebDriver >/dev/null 2>&1 \
    || ! command -v Xvfb >/dev/null 2>&1; then
    say "installing Firefox ESR, WebKitGTK's WebDriver and MiniBrowser, and Xvfb"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq firefox-esr webkit2gtk-driver xvfb
  fi
  # A Hangul font, so the Korean pages' screenshots show Korean and not empty boxes.
  if ! fc-list :lang=ko 2>/dev/null | grep -q .; then
    say "installing Debian's Noto CJK fonts (Korean text in the tests' screenshots)"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-noto-cjk
  fi
  # Debian has no geckodriver; crates.io has (a couple of minutes to build).
  if ! command -v geckodriver >/dev/null 2>&1; then
    say "installing geckodriver (a few minutes)"
    cargo install --locked geckodriver
  fi
fi
say "toolchain ready"
