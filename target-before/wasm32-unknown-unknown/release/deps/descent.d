/work/main/target-before/wasm32-unknown-unknown/release/deps/descent.d: crate/src/lib.rs crate/src/data/mod.rs crate/src/data/io.rs crate/src/data/io/json.rs crate/src/data/presets.rs crate/src/nn/mod.rs crate/src/nn/activation.rs crate/src/nn/fastmath.rs crate/src/nn/features.rs crate/src/nn/inspect.rs crate/src/nn/loss.rs crate/src/nn/matrix.rs crate/src/nn/network.rs crate/src/nn/optimizer.rs crate/src/nn/regularization.rs crate/src/nn/trainer.rs crate/src/portable.rs crate/src/rng.rs crate/src/scene/mod.rs crate/src/scene/code.rs crate/src/scene/compare.rs crate/src/scene/describe.rs crate/src/scene/export.rs crate/src/scene/lessons.rs crate/src/scene/session.rs crate/src/scene/settings.rs crate/src/scene/text.rs crate/src/scene/text/pack.rs crate/src/scene/workloads.rs crate/src/view/mod.rs crate/src/view/colors.rs crate/src/view/field.rs crate/src/view/grid.rs crate/src/view/landscape.rs crate/src/view/layout.rs crate/src/view/links.rs crate/src/view/pictures.rs crate/src/view/raster.rs crate/src/view/snapshot.rs crate/src/view/ticks.rs crate/src/web/mod.rs crate/src/web/bench.rs crate/src/web/canvas.rs crate/src/web/charts.rs crate/src/web/draw.rs crate/src/web/lesson.rs crate/src/web/painter.rs crate/src/web/points.rs

/work/main/target-before/wasm32-unknown-unknown/release/deps/descent.wasm: crate/src/lib.rs crate/src/data/mod.rs crate/src/data/io.rs crate/src/data/io/json.rs crate/src/data/presets.rs crate/src/nn/mod.rs crate/src/nn/activation.rs crate/src/nn/fastmath.rs crate/src/nn/features.rs crate/src/nn/inspect.rs crate/src/nn/loss.rs crate/src/nn/matrix.rs crate/src/nn/network.rs crate/src/nn/optimizer.rs crate/src/nn/regularization.rs crate/src/nn/trainer.rs crate/src/portable.rs crate/src/rng.rs crate/src/scene/mod.rs crate/src/scene/code.rs crate/src/scene/compare.rs crate/src/scene/describe.rs crate/src/scene/export.rs crate/src/scene/lessons.rs crate/src/scene/session.rs crate/src/scene/settings.rs crate/src/scene/text.rs crate/src/scene/text/pack.rs crate/src/scene/workloads.rs crate/src/view/mod.rs crate/src/view/colors.rs crate/src/view/field.rs crate/src/view/grid.rs crate/src/view/landscape.rs crate/src/view/layout.rs crate/src/view/links.rs crate/src/view/pictures.rs crate/src/view/raster.rs crate/src/view/snapshot.rs crate/src/view/ticks.rs crate/src/web/mod.rs crate/src/web/bench.rs crate/src/web/canvas.rs crate/src/web/charts.rs crate/src/web/draw.rs crate/src/web/lesson.rs crate/src/web/painter.rs crate/src/web/points.rs

/work/main/target-before/wasm32-unknown-unknown/release/deps/libdescent.rlib: crate/src/lib.rs crate/src/data/mod.rs crate/src/data/io.rs crate/src/data/io/json.rs crate/src/data/presets.rs crate/src/nn/mod.rs crate/src/nn/activation.rs crate/src/nn/fastmath.rs crate/src/nn/features.rs crate/src/nn/inspect.rs crate/src/nn/loss.rs crate/src/nn/matrix.rs crate/src/nn/network.rs crate/src/nn/optimizer.rs crate/src/nn/regularization.rs crate/src/nn/trainer.rs crate/src/portable.rs crate/src/rng.rs crate/src/scene/mod.rs crate/src/scene/code.rs crate/src/scene/compare.rs crate/src/scene/describe.rs crate/src/scene/export.rs crate/src/scene/lessons.rs crate/src/scene/session.rs crate/src/scene/settings.rs crate/src/scene/text.rs crate/src/scene/text/pack.rs crate/src/scene/workloads.rs crate/src/view/mod.rs crate/src/view/colors.rs crate/src/view/field.rs crate/src/view/grid.rs crate/src/view/landscape.rs crate/src/view/layout.rs crate/src/view/links.rs crate/src/view/pictures.rs crate/src/view/raster.rs crate/src/view/snapshot.rs crate/src/view/ticks.rs crate/src/web/mod.rs crate/src/web/bench.rs crate/src/web/canvas.rs crate/src/web/charts.rs crate/src/web/draw.rs crate/src/web/lesson.rs crate/src/web/painter.rs crate/src/web/points.rs

crate/src/lib.rs:
crate/src/data/mod.rs:
crate/src/data/io.rs:
crate/src/data/io/json.rs:
crate/src/data/presets.rs:
crate/src/nn/mod.rs:
crate/src/nn/activation.rs:
crate/src/nn/fastmath.rs:
crate/src/nn/features.rs:
crate/src/nn/inspect.rs:
crate/src/nn/loss.rs:
crate/src/nn/matrix.rs:
crate/src/nn/network.rs:
crate/src/nn/optimizer.rs:
crate/src/nn/regularization.rs:
crate/src/nn/trainer.rs:
crate/src/portable.rs:
crate/src/rng.rs:
crate/src/scene/mod.rs:
crate/src/scene/code.rs:
crate/src/scene/compare.rs:
crate/src/scene/describe.rs:
crate/src/scene/export.rs:
crate/src/scene/lessons.rs:
crate/src/scene/session.rs:
crate/src/scene/settings.rs:
crate/src/scene/text.rs:
crate/src/scene/text/pack.rs:
crate/src/scene/workloads.rs:
crate/src/view/mod.rs:
crate/src/view/colors.rs:
crate/src/view/field.rs:
crate/src/view/grid.rs:
crate/src/view/landscape.rs:
crate/src/view/layout.rs:
crate/src/view/links.rs:
crate/src/view/pictures.rs:
crate/src/view/raster.rs:
crate/src/view/snapshot.rs:
crate/src/view/ticks.rs:
crate/src/web/mod.rs:
crate/src/web/bench.rs:
crate/src/web/canvas.rs:
crate/src/web/charts.rs:
crate/src/web/draw.rs:
crate/src/web/lesson.rs:
crate/src/web/painter.rs:
crate/src/web/points.rs:
