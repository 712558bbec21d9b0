//! Charts: curves, axes and labels drawn straight on the canvas, in device
//! pixels (`view::chart` places them).

use super::canvas::Canvas;
use crate::decimal::Shortest;
use crate::nn::{Activation, EpochRecord, Schedule};
use crate::view::chart::{Margins, Plot};
use crate::view::ticks::{label, nice_ticks};

/// Most points per curve; longer histories are thinned evenly.
const MOST_POINTS: usize = 600;
const TRAIN_COLOR: Rgb = (40, 80, 160);
const TEST_COLOR: Rgb = (230, 120, 20);
const BEST_COLOR: Rgb = (46, 158, 79);
const RATE_COLOR: Rgb = (130, 70, 180);
pub(super) const TEXT: &str = "rgba(30,30,30,0.75)";
const AXIS: &str = "rgba(0,0,0,0.5)";
/// The timeline's cursor on the loss chart.
const CURSOR: &str = "rgba(20,20,20,0.85)";
const GRID: &str = "rgba(0,0,0,0.08)";

type Rgb = (u8, u8, u8);

fn css((r, g, b): Rgb, alpha: f64) -> String {
    format!("rgba({r},{g},{b},{})", Shortest(alpha))
}

fn thin(history: &[EpochRecord]) -> impl Iterator<Item = &EpochRecord> {
    let step = history.len().div_ceil(MOST_POINTS).max(1);
    history
        .iter()
        .enumerate()
        .filter(move |(i, _)| i % step == 0 || *i + 1 == history.len())
        .map(|(_, r)| r)
}

/// The page's font stack (playground.css says the same): the system's
/// sans-serif, then the usual Korean system fonts for Hangul, with no download.
pub(super) const FONTS: &str = "system-ui, -apple-system, \"Segoe UI\", Roboto, \"Apple SD Gothic Neo\", \"Malgun Gothic\", \"Noto Sans CJK KR\", \"Noto Sans KR\", NanumGothic, sans-serif";

/// A canvas font: `prefix` ("bold 13px", "11px") in the page's font stack.
pub(super) fn font(prefix: &str) -> String {
    format!("{prefix} {FONTS}")
}

/// Writes `text` on the canvas at device pixel (x, y), in CSS-pixel font size.
pub(super) fn text(
    canvas: &Canvas,
    text: &str,
    (x, y): (i32, i32),
    size: f64,
    align: &str,
    color: &str,
) {
    set_font_size(canvas, size);
    fill_text(canvas, text, (x, y), align, color);
}

/// Sets the canvas's font to the page's at `size` CSS pixels.
pub(super) fn set_font_size(canvas: &Canvas, size: f64) {
    canvas.ctx().set_font(&font(&format!(
        "{}px",
        (size * canvas.ratio).round() as i32
    )));
}

/// Writes `text` at device pixel (x, y) in the font already set.
pub(super) fn fill_text(canvas: &Canvas, text: &str, (x, y): (i32, i32), align: &str, color: &str) {
    let ctx = canvas.ctx();
    ctx.set_text_align(align);
    ctx.set_fill_style_str(color);
    let _ = ctx.fill_text(text, x as f64, y as f64);
}

/// A whole pixel, as the labels are placed.
fn pixel((x, y): (f64, f64)) -> (i32, i32) {
    (x.round() as i32, y.round() as i32)
}

/// Clears the canvas to white, in device pixels.
fn clear(canvas: &Canvas) {
    let ctx = canvas.ctx();
    let _ = ctx.set_transform(1.0, 0.0, 0.0, 1.0, 0.0, 0.0);
    ctx.set_fill_style_str("#fff");
    let (w, h) = (canvas.element.width(), canvas.element.height());
    ctx.fill_rect(0.0, 0.0, w as f64, h as f64);
}

/// Strokes the data points as one line through `plot`.
fn line(canvas: &Canvas, plot: &Plot, points: &[(f64, f64)], color: &str, width: f64) {
    let ctx = canvas.ctx();
    ctx.begin_path();
    for (i, &(x, y)) in points.iter().enumerate() {
        let (px, py) = plot.at(x, y);
        if i == 0 {
            ctx.move_to(px, py);
        } else {
            ctx.line_to(px, py);
        }
    }
    ctx.set_line_width(width);
    ctx.set_line_join("round");
    ctx.set_stroke_style_str(color);
    ctx.stroke();
}

/// The plotting area of a canvas: `margin` all round plus room for the
/// labels at the left, right and bottom (all in CSS pixels).
fn plot_on(canvas: &Canvas, margin: Margins, x: (f64, f64), y: (f64, f64)) -> Plot {
    let r = canvas.ratio;
    let scaled = Margins {
        left: margin.left * r,
        top: margin.top * r,
        right: margin.right * r,
        bottom: margin.bottom * r,
    };
    let (w, h) = (canvas.element.width(), canvas.element.height());
    Plot::new(w as f64, h as f64, scaled, x, y)
}

/// Axes at the left and bottom, about `ticks` (x, y) labels on each, and a
/// grid line at each y label.
fn axes(
    canvas: &Canvas,
    plot: &Plot,
    x: (f64, f64),
    y: (f64, f64),
    ticks: (usize, usize),
    size: f64,
) {
    let px = |v: f64| (v * canvas.ratio).round() as i32;
    line(
        canvas,
        plot,
        &[(x.0, y.1), (x.0, y.0), (x.1, y.0)],
        AXIS,
        1.0,
    );
    for v in nice_ticks(y.0, y.1, ticks.1) {
        line(canvas, plot, &[(x.0, v), (x.1, v)], GRID, 1.0);
        let (lx, ly) = pixel(plot.at(x.0, v));
        text(
            canvas,
            &label(v),
            (lx - px(5.0), ly + px(4.0)),
            size,
            "right",
            TEXT,
        );
    }
    for v in nice_ticks(x.0, x.1, ticks.0) {
        let (lx, ly) = pixel(plot.at(v, y.0));
        text(
            canvas,
            &label(v),
            (lx, ly + px(size + 3.0)),
            size,
            "center",
            TEXT,
        );
    }
}

/// Where the timeline is scrubbed back to: the run's records after it
/// (drawn under a pale veil) and the shown epoch (a cursor).
pub struct Scrubbed<'a> {
    pub ahead: &'a [EpochRecord],
    pub epoch: usize,
}

/// Training and test loss per epoch, with the best (lowest held-out loss) epoch marked.
pub fn loss(
    canvas: &Canvas,
    past: &[EpochRecord],
    best_epoch: Option<usize>,
    scrubbed: Option<Scrubbed>,
    epoch_word: &str,
) {
    let px = |v: f64| (v * canvas.ratio).round() as i32;
    clear(canvas);
    let finite = |v: f32| v.is_finite().then_some(v as f64);
    let ahead = scrubbed.as_ref().map_or(&[][..], |s| s.ahead);
    let records = || past.iter().chain(ahead);
    let last_epoch = records().last().map_or(0, |r| r.epoch).max(10) as f64;
    let top = records()
        .flat_map(|r| [finite(r.train_loss), r.test_loss.and_then(finite)])
        .flatten()
        .fold(0.1f64, f64::max)
        * 1.05;
    let margins = Margins {
        left: 42.0,
        top: 8.0,
        right: 42.0,
        bottom: 34.0,
    };
    let (x, y) = ((0.0, last_epoch), (0.0, top));
    let plot = plot_on(canvas, margins, x, y);
    axes(canvas, &plot, x, y, (6, 5), 11.0);
    let (x_end, y_end) = pixel(plot.at(last_epoch, 0.0));
    text(
        canvas,
        epoch_word,
        (x_end, y_end + px(24.0)),
        11.0,
        "right",
        TEXT,
    );

    if let Some(best) = best_epoch {
        let best = best as f64;
        let color = css(BEST_COLOR, 1.0);
        line(
            canvas,
            &plot,
            &[(best, 0.0), (best, top)],
            &color,
            1.5 * canvas.ratio,
        );
    }
    let curve = |value: &dyn Fn(&EpochRecord) -> Option<f64>| -> Vec<(f64, f64)> {
        thin(past)
            .chain(thin(ahead))
            .filter_map(|r| value(r).map(|v| (r.epoch as f64, v)))
            .collect()
    };
    // Accuracy (classification only) on its own 0–100% scale at the right,
    // in thin, pale lines under the losses.
    let train_accuracy = curve(&|r| r.train_accuracy.map(|a| a as f64 * top));
    if !train_accuracy.is_empty() {
        let test_accuracy = curve(&|r| r.test_accuracy.map(|a| a as f64 * top));
        let thin_line = 1.2 * canvas.ratio;
        line(
            canvas,
            &plot,
            &train_accuracy,
            &css(TRAIN_COLOR, 0.45),
            thin_line,
        );
        line(
            canvas,
            &plot,
            &test_accuracy,
            &css(TEST_COLOR, 0.45),
            thin_line,
        );
        for a in [0.0, 0.5, 1.0] {
            let (lx, ly) = pixel(plot.at(last_epoch, a * top));
            let percent = format!("{}%", (a * 100.0) as i32);
            text(
                canvas,
                &percent,
                (lx + px(5.0), ly + px(4.0)),
                11.0,
                "left",
                TEXT,
            );
        }
    }
    let width = 2.0 * canvas.ratio;
    let train = curve(&|r| finite(r.train_loss));
    line(canvas, &plot, &train, &css(TRAIN_COLOR, 1.0), width);
    let test = curve(&|r| r.test_loss.and_then(finite));
    line(canvas, &plot, &test, &css(TEST_COLOR, 1.0), width);
    if let Some(scrubbed) = scrubbed {
        // The future of the shown epoch stays in sight, paler; a cursor marks the epoch.
        let at = scrubbed.epoch as f64;
        let (x0, y0) = plot.at(at, top);
        let (x1, y1) = plot.at(last_epoch, 0.0);
        canvas.ctx().set_fill_style_str("rgba(255,255,255,0.6)");
        canvas.ctx().fill_rect(x0, y0, (x1 - x0).max(0.0), y1 - y0);
        line(
            canvas,
            &plot,
            &[(at, 0.0), (at, top)],
            CURSOR,
            1.5 * canvas.ratio,
        );
    }
    // The legend is the page's (HTML under the chart).
    canvas.ctx().set_text_align("start");
}

/// The activation function over z in [-4, 4].
pub fn activation(canvas: &Canvas, activation: Activation) {
    let px = |v: f64| (v * canvas.ratio).round() as i32;
    clear(canvas);
    let curve: Vec<(f64, f64)> = (0..=160)
        .map(|i| {
            let z = -4.0 + i as f32 * 0.05;
            (z as f64, activation.apply(z) as f64)
        })
        .collect();
    let (low, high) = curve
        .iter()
        .fold((-1.0f64, 1.0f64), |(l, h), &(_, y)| (l.min(y), h.max(y)));
    let (x, y) = ((-4.0, 4.0), (low - 0.1, high + 0.1));
    let margins = Margins {
        left: 30.0,
        top: 18.0,
        right: 4.0,
        bottom: 20.0,
    };
    let plot = plot_on(canvas, margins, x, y);
    axes(canvas, &plot, x, y, (4, 4), 10.0);
    line(canvas, &plot, &curve, "rgb(60,60,60)", 2.0 * canvas.ratio);
    let mid = canvas.element.width() as i32 / 2;
    text(
        canvas,
        activation.name(),
        (mid, px(13.0)),
        12.0,
        "center",
        TEXT,
    );
    canvas.ctx().set_text_align("start");
}

/// Colours of the runs in a race, in order.
pub const RUN_COLORS: [Rgb; 8] = [
    (40, 80, 160),
    (230, 120, 20),
    (46, 158, 79),
    (200, 50, 60),
    (130, 70, 180),
    (120, 90, 60),
    (20, 150, 160),
    (90, 90, 90),
];

/// One run of a race as the chart draws it: its training loss at each
/// epoch's end, and (counted in steps) each step's batch loss, both at
/// their place along the chart's axis.
pub struct RaceCurve<'a> {
    pub name: &'a str,
    pub losses: Vec<(f64, f32)>,
    pub batch_losses: Vec<(f64, f32)>,
}

/// Every `n`th point (and the last), so a long run stays a few hundred.
fn thin_points(points: &[(f64, f32)], most: usize) -> impl Iterator<Item = (f64, f32)> + '_ {
    let step = points.len().div_ceil(most).max(1);
    points
        .iter()
        .enumerate()
        .filter(move |(i, _)| i % step == 0 || *i + 1 == points.len())
        .map(|(_, &p)| p)
}

/// The training loss of several runs on one chart (a compare lesson),
/// across epochs, steps or examples (`x_label`), each labelled at its end;
/// the shown run drawn thicker. Batch losses, where given, are drawn faint
/// under their run's curve: how noisy one step's view of the loss is.
pub fn race(canvas: &Canvas, runs: &[RaceCurve], shown: usize, x_label: &str) {
    let px = |v: f64| (v * canvas.ratio).round() as i32;
    clear(canvas);
    let finite = |v: f32| v.is_finite().then_some(v as f64);
    let last_x = runs
        .iter()
        .filter_map(|r| r.losses.last().map(|p| p.0))
        .fold(10.0, f64::max);
    // The scale follows where the runs started, so a blown-up run goes off the top.
    let top = runs
        .iter()
        .filter_map(|r| r.losses.first().and_then(|p| finite(p.1)))
        .fold(0.1f64, f64::max)
        * 1.3;
    let margins = Margins {
        left: 42.0,
        top: 8.0,
        right: 90.0,
        bottom: 34.0,
    };
    let (x, y) = ((0.0, last_x), (0.0, top));
    let plot = plot_on(canvas, margins, x, y);
    axes(canvas, &plot, x, y, (6, 5), 11.0);
    let (label_x, label_y) = pixel(plot.at(last_x, 0.0));
    text(
        canvas,
        x_label,
        (label_x, label_y + px(28.0)),
        11.0,
        "right",
        TEXT,
    );
    let curve_of = |points: &[(f64, f32)], most: usize| -> Vec<(f64, f64)> {
        thin_points(points, most)
            .filter_map(|(x, v)| finite(v).map(|v| (x, v.min(top))))
            .collect()
    };
    for (i, run) in runs.iter().enumerate() {
        let color = RUN_COLORS[i % RUN_COLORS.len()];
        let noise = curve_of(&run.batch_losses, 4 * MOST_POINTS);
        line(canvas, &plot, &noise, &css(color, 0.22), canvas.ratio);
    }
    let mut ends = Vec::new();
    for (i, run) in runs.iter().enumerate() {
        let color = RUN_COLORS[i % RUN_COLORS.len()];
        let width = if i == shown { 3.0 } else { 1.6 } * canvas.ratio;
        let curve = curve_of(&run.losses, MOST_POINTS);
        if let Some(&(e, v)) = curve.last() {
            ends.push((pixel(plot.at(e, v)), run.name, color));
        }
        line(canvas, &plot, &curve, &css(color, 1.0), width);
    }
    // Labels at the curves' ends, nudged apart where they would overlap.
    ends.sort_by_key(|((_, y), _, _)| *y);
    let mut last_y = i32::MIN;
    for ((x, y), name, color) in ends {
        let y = y.max(last_y.saturating_add(px(13.0)));
        last_y = y;
        text(
            canvas,
            name,
            (x + px(6.0), y + px(4.0)),
            11.0,
            "left",
            &css(color, 1.0),
        );
    }
    canvas.ctx().set_text_align("start");
}

/// The learning rate per epoch under the schedule, over its span (or the
/// epochs trained, if more), with the current epoch marked: small, under
/// the loss chart.
pub fn rate(
    canvas: &Canvas,
    schedule: Schedule,
    base: f32,
    epoch: usize,
    t: &crate::i18n::Catalogue,
) {
    let px = |v: f64| (v * canvas.ratio).round() as i32;
    clear(canvas);
    let last = schedule.epochs.max(epoch).max(10);
    let step = last.div_ceil(MOST_POINTS).max(1);
    let curve: Vec<(f64, f64)> = (0..=last)
        .filter(|e| e % step == 0 || *e == last)
        .map(|e| (e as f64, schedule.rate(base, e) as f64))
        .collect();
    let top = base as f64 * 1.1;
    let margins = Margins {
        left: 42.0,
        top: 14.0,
        right: 42.0,
        bottom: 18.0,
    };
    let (x, y) = ((0.0, last as f64), (0.0, top));
    let plot = plot_on(canvas, margins, x, y);
    axes(canvas, &plot, x, y, (6, 2), 10.0);
    line(
        canvas,
        &plot,
        &curve,
        &css(RATE_COLOR, 1.0),
        1.6 * canvas.ratio,
    );
    let now = (epoch as f64, schedule.rate(base, epoch) as f64);
    let (cx, cy) = plot.at(now.0, now.1);
    let ctx = canvas.ctx();
    ctx.begin_path();
    let _ = ctx.arc(cx, cy, 3.5 * canvas.ratio, 0.0, std::f64::consts::TAU);
    ctx.set_fill_style_str(&css(RATE_COLOR, 1.0));
    ctx.fill();
    let (lx, _) = pixel(plot.at(0.0, top));
    text(
        canvas,
        &crate::i18n::fill(t.rate_now, &[("rate", &label(now.1))]),
        (lx + px(4.0), px(11.0)),
        10.0,
        "left",
        TEXT,
    );
    canvas.ctx().set_text_align("start");
}
