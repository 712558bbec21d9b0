# Two commands for a new user: `make serve` and `make test`. Each installs
# what is missing first (scripts/setup.sh), and skips what is there.
SHELL := /bin/bash
PORT ?= 8080
export PATH := $(CURDIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
export CHROMEDRIVER ?= /usr/bin/chromedriver

.PHONY: serve test build bench bench-browser bench-count bench-many bench-phone soak lint native-test browser-test browser-test-firefox e2e e2e-engines e2e-firefox e2e-webkit fuzz check-exports

serve: build
	node scripts/serve.mjs dist $(PORT)

build:
	scripts/setup.sh build
	scripts/build.sh

# One build of dist/ serves all three engines. Chromium's suite runs alone
# (some of its tests watch the worker keep up on the other core); then
# Firefox's and WebKit's side by side.
test:
	scripts/setup.sh test
	$(MAKE) --no-print-directory lint native-test browser-test browser-test-firefox
	scripts/build.sh
	$(MAKE) --no-print-directory e2e e2e-engines

lint:
	cargo fmt --all --check
	cargo clippy --all-targets -- -D warnings
	cargo clippy --target wasm32-unknown-unknown --lib -- -D warnings
	cargo clippy --target wasm32-unknown-unknown --lib --features bench -- -D warnings

native-test:
	cargo test --release
	@# The generated tf.keras / PyTorch programs must at least parse as Python
	@# (scripts/setup.sh installs python3 where it is missing).
	@n=0; for f in target/code-samples/*.py; do \
	  python3 -c "import ast, sys; ast.parse(open(sys.argv[1]).read())" "$$f" || exit 1; n=$$((n+1)); done; \
	  [ $$n -ge 12 ] || { echo "expected 12 code samples, parsed $$n"; exit 1; }; \
	  echo "$$n code samples parse as Python"

# The exported API, canvas drawing and the bit-identity of seeded runs, inside
# headless Chromium (the native half runs in native-test).
# The seeded runs (a debug build) can keep the page busy longer than the
# runner's default 20 s wait for an answer on a loaded machine: 600 s.
browser-test:
	WASM_BINDGEN_TEST_TIMEOUT=600 wasm-pack test --headless --chrome --mode no-install crate --test web

# The same in headless Firefox (crate/webdriver.json names Debian's
# firefox-esr; GECKODRIVER only here, or it would take over the Chrome run).
browser-test-firefox:
	GECKODRIVER=$$(command -v geckodriver) WASM_BINDGEN_TEST_TIMEOUT=600 wasm-pack test --headless --firefox --mode no-install crate --test web

# The built page, driven in headless Chromium by playwright-core.
e2e:
	node --test --test-concurrency=1 tests/*.test.mjs

# The built page in Firefox and WebKit (every iPhone's engine), driven over
# WebDriver (tests/engines/): what a student does, and the seeded run's bits.
e2e-engines:
	$(MAKE) --no-print-directory -j2 --output-sync=target e2e-firefox e2e-webkit

e2e-firefox:
	DESCENT_ENGINE=firefox node --test --test-concurrency=1 tests/engines/

e2e-webkit:
	DESCENT_ENGINE=webkit node --test --test-concurrency=1 tests/engines/

bench:
	cargo bench --bench train

# The same workloads, the page's frame times, first frame and transfer size in
# headless Chromium; then what drawing at pixel ratios 1 to 3 costs.
bench-browser:
	scripts/setup.sh test
	DESCENT_FEATURES=bench scripts/build.sh
	node scripts/bench-browser.mjs
	node scripts/bench-screens.mjs

# Training's cost in instructions an epoch (callgrind on Node's V8): steady
# where timings are not. A/B: node scripts/bench-count.mjs DIST_A DIST_B.
bench-count:
	scripts/setup.sh count
	DESCENT_FEATURES=bench scripts/build.sh
	node scripts/bench-count.mjs dist

# The page on a phone-class CPU (4× CPU throttling, 390×844 at pixel ratio 3):
# frame times, course.html, the first boundary warm and on a slow network.
bench-phone:
	scripts/setup.sh test
	scripts/build.sh
	node scripts/bench-phone.mjs

# A page of 20 playgrounds, all playing, default then largest network: frame rate, click-to-paint latency, wasm memory (and 1 as reference).
bench-many:
	scripts/setup.sh test
	DESCENT_FEATURES=bench scripts/build.sh
	node scripts/bench-browser.mjs many
	node scripts/bench-browser.mjs many large

# The property tests (the link decoder, the CSV/JSON readers, sequences of edits and undos), a million cases each (~5 min).
fuzz:
	PROPTEST_CASES=1000000 cargo test --release --lib -- properties

# Trains the largest network on the page for SOAK_MINUTES (default 10) and
# records memory and frame times every minute into target/soak.json.
soak:
	scripts/setup.sh test
	scripts/build.sh
	node scripts/soak.mjs

# Runs the exported programs (PyTorch "this run", plain PyTorch, tf.keras) for
# a table of scenes and compares them with the page's own runs (see
# scripts/check-exports.py). Not part of `make test`: the first run installs
# CPU PyTorch and TensorFlow from PyPI into target/ (~3 GB, ~5 minutes).
CHECK_VENV := target/export-check-venv
check-exports:
	[ -x $(CHECK_VENV)/bin/python ] || python3 -m venv $(CHECK_VENV)
	$(CHECK_VENV)/bin/python -c "import torch, tensorflow" 2>/dev/null || \
	  $(CHECK_VENV)/bin/pip install --progress-bar off torch tensorflow-cpu numpy
	cargo run --release --example export_check -- target/export-check
	TF_CPP_MIN_LOG_LEVEL=2 $(CHECK_VENV)/bin/python scripts/check-exports.py target/export-check
