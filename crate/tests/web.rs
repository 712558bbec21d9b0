//! Browser tests (`wasm-pack test --headless --chrome crate`): the exported
//! `Playground` and its drawing, inside a real Chromium.
#![cfg(target_arch = "wasm32")]

mod common;

use descent::web::{Painter, Playground};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

wasm_bindgen_test_configure!(run_in_browser);

/// The seeded runs' hashes as the native build computes them (`agreement.rs`
/// checks that): wasm must give the same bits, with no tolerance.
const FIXTURE: &str = include_str!("fixtures/seeded-runs.txt");

#[wasm_bindgen_test]
fn seeded_runs_give_the_same_bits_in_wasm_as_natively() {
    let wasm = common::agreement::text(&common::agreement::runs());
    let differ: Vec<_> = wasm
        .lines()
        .zip(FIXTURE.lines())
        .filter(|(a, b)| a != b)
        .collect();
    assert_eq!(wasm.lines().count(), FIXTURE.lines().count());
    assert!(
        differ.is_empty(),
        "wasm differs from native (wasm, native): {differ:?}"
    );
}

fn canvas(width: u32, height: u32) -> HtmlCanvasElement {
    let document = web_sys::window().unwrap().document().unwrap();
    let c: HtmlCanvasElement = document
        .create_element("canvas")
        .unwrap()
        .dyn_into()
        .unwrap();
    c.set_attribute(
        "style",
        &format!("width:{width}px;height:{height}px;display:block"),
    )
    .unwrap();
    document.body().unwrap().append_child(&c).unwrap();
    c
}

/// A playground on fresh canvases, and the canvas of its colour field.
fn playground() -> (Playground, HtmlCanvasElement) {
    let field = canvas(300, 300);
    let pg = Playground::new(
        canvas(300, 300),
        field.clone(),
        canvas(300, 300),
        canvas(400, 300),
        canvas(300, 150),
        Some(canvas(200, 120)),
    )
    .unwrap();
    (pg, field)
}

fn status(pg: &mut Playground, key: &str) -> f64 {
    js_sys::Reflect::get(&pg.status(), &key.into())
        .unwrap()
        .as_f64()
        .unwrap_or(f64::NAN)
}

/// RGB of a canvas at CSS pixel (x, y) of its box, whatever its backing store.
fn pixel(canvas: &HtmlCanvasElement, x: f64, y: f64) -> [u8; 3] {
    let ctx: CanvasRenderingContext2d = canvas
        .get_context("2d")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    let ratio = canvas.width() as f64 / canvas.client_width() as f64;
    let d = ctx
        .get_image_data(x * ratio, y * ratio, 1.0, 1.0)
        .unwrap()
        .data();
    [d[0], d[1], d[2]]
}

#[wasm_bindgen_test]
fn points_are_added_where_clicked_and_undo_takes_them_back() {
    let (mut pg, _) = playground();
    pg.clear();
    assert_eq!(status(&mut pg, "points"), 0.0);
    pg.add_point(30.0, 150.0, 0.0, None).unwrap();
    pg.add_point(270.0, 150.0, 1.0, Some(true)).unwrap();
    assert_eq!(status(&mut pg, "points"), 2.0);
    // Placed points train unless marked: one of each here.
    assert_eq!(status(&mut pg, "trainPoints"), 1.0);
    assert_eq!(status(&mut pg, "testPoints"), 1.0);
    assert_eq!(pg.point_at(31.0, 151.0), 0);
    assert_eq!(pg.point_at(150.0, 150.0), -1);
    assert!(
        pg.add_point(10.0, 10.0, 7.0, None).is_err(),
        "class 7 does not exist"
    );
    assert!(pg.remove_point(0));
    assert_eq!(status(&mut pg, "points"), 1.0);
    assert_eq!(
        pg.undo(),
        None,
        "an undo with nothing left out says nothing"
    );
    assert_eq!(status(&mut pg, "points"), 2.0);
    assert_eq!(pg.point_at(30.0, 150.0), 0);
}

#[wasm_bindgen_test]
fn settings_are_checked_and_training_steps() {
    let (mut pg, _) = playground();
    assert!(pg.set("learning-rate", "abc").is_err());
    assert_eq!(pg.get("learning-rate").as_deref(), Some("0.03"));
    assert!(pg
        .set("learning-rate", "1e9")
        .unwrap()
        .unwrap()
        .contains("using 10"));
    pg.set("learning-rate", "0.1").unwrap();
    pg.set("hidden", "5,5").unwrap();
    assert_eq!(status(&mut pg, "epoch"), 0.0);
    pg.step_epoch();
    pg.step_epoch();
    assert_eq!(status(&mut pg, "epoch"), 2.0);
    pg.step_batch();
    assert_eq!(status(&mut pg, "batch"), 1.0);
}

#[wasm_bindgen_test]
fn the_drawn_field_takes_each_class_colour_far_inside_its_region() {
    let (mut pg, field) = playground();
    pg.load_preset("gaussians", 200, 0.0).unwrap();
    pg.set("optimizer", "adam").unwrap();
    pg.set("learning-rate", "0.03").unwrap();
    // Before training the field is pale and undecided at both corners…
    pg.render().unwrap();
    let corner_green = |p: [u8; 3]| p[1] as i32 - p[0] as i32 > 40;
    let corner_red = |p: [u8; 3]| p[0] as i32 - p[1] as i32 > 40;
    let before = (pixel(&field, 285.0, 15.0), pixel(&field, 15.0, 285.0));
    for _ in 0..60 {
        pg.step_epoch();
    }
    pg.render().unwrap();
    // …after it, the top right (green Gaussian at (2, 2)) is green, the bottom left red.
    let top_right = pixel(&field, 285.0, 15.0);
    let bottom_left = pixel(&field, 15.0, 285.0);
    assert!(
        corner_green(top_right),
        "top right {top_right:?} (before {:?})",
        before.0
    );
    assert!(
        corner_red(bottom_left),
        "bottom left {bottom_left:?} (before {:?})",
        before.1
    );
    assert!(status(&mut pg, "trainAccuracy") > 0.95);
}

#[wasm_bindgen_test]
fn a_huge_learning_rate_stops_training_with_a_message() {
    let (mut pg, _) = playground();
    pg.set("learning-rate", "10").unwrap();
    pg.set("optimizer", "adam").unwrap();
    pg.set("hidden", "16,16,16").unwrap();
    pg.set("activation", "relu").unwrap();
    for _ in 0..200 {
        pg.train_frame(1000.0);
        if !pg.can_train() {
            break;
        }
    }
    let s = pg.status();
    let state = js_sys::Reflect::get(&s, &"state".into())
        .unwrap()
        .as_string()
        .unwrap();
    let message = js_sys::Reflect::get(&s, &"message".into())
        .unwrap()
        .as_string()
        .unwrap();
    assert_eq!(state, "diverged", "{message}");
    assert!(message.contains("learning rate"));
    pg.render().unwrap(); // draws without panicking on NaN weights
    pg.reset(false);
    assert!(pg.can_train());
}

/// The page reads numbers with its own reader (`descent::decimal`), not the
/// standard library's: in wasm too it must give the standard reader's bits.
#[wasm_bindgen_test]
fn numbers_are_read_in_wasm_as_the_standard_reader_reads_them() {
    let mut texts: Vec<String> = [
        "0.1",
        "-0.03",
        "1e-7",
        "3.4028236e38",
        "1.4e-45",
        "7.006492e-46",
        "16777217",
        "9007199254740993",
        "1.7976931348623158e308",
        "2.4703282292062328e-324",
        "1e23",
        "1.00000000000000011102230246251565404236316680908203125",
        "inf",
        "-NaN",
        "1e",
        ".",
    ]
    .map(String::from)
    .to_vec();
    let mut rng = descent::rng::Rng::new(7);
    for _ in 0..3000 {
        let digits: String = (0..1 + rng.below(25))
            .map(|_| (b'0' + rng.below(10) as u8) as char)
            .collect();
        let point = rng.below(digits.len() + 1);
        let exponent = rng.below(700) as i32 - 350;
        texts.push(format!(
            "{}.{}e{exponent}",
            &digits[..point],
            &digits[point..]
        ));
        let v = f64::from_bits(rng.next_u64());
        texts.push(format!("{v:e}"));
        texts.push(format!("{:e}", v as f32));
    }
    let differ: Vec<&String> = texts
        .iter()
        .filter(|t| {
            descent::decimal::read_f64(t).map(f64::to_bits)
                != t.parse::<f64>().ok().map(f64::to_bits)
                || descent::decimal::read_f32(t).map(f32::to_bits)
                    != t.parse::<f32>().ok().map(f32::to_bits)
        })
        .collect();
    assert!(differ.is_empty(), "read differently in wasm: {differ:?}");
}

/// The page writes numbers with its own writer (`descent::decimal`), not
/// core's: in wasm too it must write what `format!` writes.
#[wasm_bindgen_test]
fn numbers_are_written_in_wasm_as_format_writes_them() {
    use descent::decimal::{Exp, Fixed, Literal, Shortest};
    let mut values = vec![0.0, -0.0, 0.1, 0.25, 2.5, 1e21, 1e-7, 5e-324, f64::MAX];
    values.extend([
        f64::NAN,
        f64::INFINITY,
        3.0e-45,
        1.7102082e6,
        2f64.powi(-1022),
    ]);
    let mut rng = descent::rng::Rng::new(11);
    values.extend((0..2000).map(|_| f64::from_bits(rng.next_u64())));
    values.extend(
        (0..2000).map(|_| rng.below(100_000) as f64 * 10f64.powi(rng.below(24) as i32 - 12)),
    );
    let mut differ = Vec::new();
    for &v in &values {
        let f = v as f32;
        let pairs = [
            (Shortest(v).to_string(), format!("{v}")),
            (Shortest(f).to_string(), format!("{f}")),
            (Exp(v, None).to_string(), format!("{v:e}")),
            (Exp(f, None).to_string(), format!("{f:e}")),
            (Fixed(v, 3).to_string(), format!("{v:.3}")),
            (Fixed(f, 1).to_string(), format!("{f:.1}")),
            (Exp(v, Some(2)).to_string(), format!("{v:.2e}")),
            (Exp(f, Some(4)).to_string(), format!("{f:.4e}")),
            (Literal(v).to_string(), format!("{v:?}")),
            (Literal(f).to_string(), format!("{f:?}")),
        ];
        differ.extend(pairs.into_iter().filter(|(ours, core)| ours != core));
    }
    assert!(differ.is_empty(), "written differently in wasm: {differ:?}");
}

/// The RGBA pixels of `canvas` as shown (a handed-over canvas too).
fn shown_pixels(canvas: &HtmlCanvasElement) -> Vec<u8> {
    let (width, height) = (canvas.width(), canvas.height());
    let copy = web_sys::OffscreenCanvas::new(width, height).unwrap();
    let ctx: CanvasRenderingContext2d = copy.get_context("2d").unwrap().unwrap().unchecked_into();
    ctx.draw_image_with_html_canvas_element(canvas, 0.0, 0.0)
        .unwrap();
    ctx.get_image_data(0.0, 0.0, width.into(), height.into())
        .unwrap()
        .data()
        .to_vec()
}

/// Lets the microtasks run (a handed-over canvas is handed its picture in one).
async fn microtasks() {
    let resolved = js_sys::Promise::resolve(&JsValue::UNDEFINED);
    wasm_bindgen_futures::JsFuture::from(resolved)
        .await
        .unwrap();
}

/// While training, the worker stamps the rings: its picture must be the one
/// the page stamps itself, and a picture sent before the page stamped its
/// own must not cover them.
#[wasm_bindgen_test]
async fn rings_stamped_by_the_worker_are_those_stamped_here() {
    let rings = canvas(300, 300);
    let mut pg = Playground::new(
        canvas(300, 300),
        canvas(300, 300),
        rings.clone(),
        canvas(400, 300),
        canvas(300, 150),
        None,
    )
    .unwrap();
    let mut painter = Painter::new();
    // Untrained, about half the points are misclassified: ringed.
    pg.rings_to_worker(true);
    pg.render().unwrap();
    let message = pg.take_rings().expect("rings sent to the worker");
    assert!(message.len() > 4 + 3 * 20, "some rings: {}", message.len());
    assert!(pg.take_rings().is_none(), "taken once");
    let picture = painter.stamp_rings(&message).unwrap();
    assert!(pg.accept_rings(&message, &picture));
    let from_worker = shown_pixels(&rings);
    assert!(
        from_worker.chunks_exact(4).filter(|p| p[3] > 128).count() > 500,
        "the rings show"
    );

    // Back on the page's core, the same rings are stamped here afresh.
    pg.rings_to_worker(false);
    assert!(pg.needs_render());
    pg.render().unwrap();
    assert!(pg.take_rings().is_none(), "stamped here, not sent");
    microtasks().await;
    assert!(
        shown_pixels(&rings) == from_worker,
        "the worker's rings are the page's, pixel for pixel"
    );
    // A picture of the rings sent before is late: it does not cover these.
    let late = painter.stamp_rings(&message).unwrap();
    assert!(!pg.accept_rings(&message, &late));
    assert!(
        !pg.accept_rings(&[1.0, 2.0], &late),
        "not a message of rings"
    );
}
