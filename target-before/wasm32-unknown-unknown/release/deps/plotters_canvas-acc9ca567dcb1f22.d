/work/main/target-before/wasm32-unknown-unknown/release/deps/plotters_canvas-acc9ca567dcb1f22.d: /root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/plotters-canvas-0.3.1/src/lib.rs /root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/plotters-canvas-0.3.1/src/canvas.rs

/work/main/target-before/wasm32-unknown-unknown/release/deps/libplotters_canvas-acc9ca567dcb1f22.rlib: /root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/plotters-canvas-0.3.1/src/lib.rs /root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/plotters-canvas-0.3.1/src/canvas.rs

/work/main/target-before/wasm32-unknown-unknown/release/deps/libplotters_canvas-acc9ca567dcb1f22.rmeta: /root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/plotters-canvas-0.3.1/src/lib.rs /root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/plotters-canvas-0.3.1/src/canvas.rs

/root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/plotters-canvas-0.3.1/src/lib.rs:
/root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/plotters-canvas-0.3.1/src/canvas.rs:
