//! Charts: plotters draws the curves and axes; the canvas draws the text.
//! (plotters measures text with a styled <span>, which a strict
//! Content-Security-Policy blocks and which forces a layout per label.)

use super::canvas::Canvas;
use crate::nn::{Activation, EpochRecord};
use crate::view::ticks::{label, nice_ticks};
use plotters::coord::types::{RangedCoordf32, RangedCoordusize};
use plotters::prelude::*;
use plotters_canvas::CanvasBackend;

/// Most points per curve; longer histories are thinned evenly.
const MOST_POINTS: usize = 600;
const TRAIN_COLOR: RGBColor = RGBColor(40, 80, 160);
const TEST_COLOR: RGBColor = RGBColor(230, 120, 20);
const BEST_COLOR: RGBColor = RGBColor(46, 158, 79);
pub(super) const TEXT: &str = "rgba(30,30,30,0.75)";

fn thin(history: &[EpochRecord]) -> impl Iterator<Item = &EpochRecord> {
    let step = history.len().div_ceil(MOST_POINTS).max(1);
    history
        .iter()
        .enumerate()
        .filter(move |(i, _)| i % step == 0 || *i + 1 == history.len())
        .map(|(_, r)| r)
}

type DrawResult = Result<(), Box<dyn std::error::Error>>;

/// Writes `text` on the canvas at device pixel (x, y), in CSS-pixel font size.
pub(super) fn text(
    canvas: &Canvas,
    text: &str,
    (x, y): (i32, i32),
    size: f64,
    align: &str,
    color: &str,
) {
    let ctx = &canvas.ctx;
    ctx.set_font(&format!(
        "{}px system-ui, sans-serif",
        (size * canvas.ratio).round()
    ));
    ctx.set_text_align(align);
    ctx.set_fill_style_str(color);
    let _ = ctx.fill_text(text, x as f64, y as f64);
}

/// Training and test loss per epoch, with the best (lowest held-out loss) epoch marked.
pub fn loss(canvas: &Canvas, history: &[EpochRecord], best_epoch: Option<usize>) -> DrawResult {
    let ratio = canvas.ratio;
    let px = |v: f64| (v * ratio).round() as i32;
    let backend = CanvasBackend::with_canvas_object(canvas.element.clone())
        .ok_or("loss chart: no canvas backend")?;
    let root = backend.into_drawing_area();
    root.fill(&WHITE)?;
    let finite = |v: f32| v.is_finite().then_some(v);
    let last_epoch = history.last().map_or(0, |r| r.epoch).max(10);
    let top = history
        .iter()
        .flat_map(|r| [finite(r.train_loss), r.test_loss.and_then(finite)])
        .flatten()
        .fold(0.1f32, f32::max)
        * 1.05;
    let mut chart = ChartBuilder::on(&root)
        .margin(px(8.0))
        .x_label_area_size(px(26.0))
        .y_label_area_size(px(34.0))
        .right_y_label_area_size(px(34.0))
        .build_cartesian_2d(0..last_epoch, 0f32..top)?;
    // Axes and grid drawn here: plotters' mesh would also draw its own labels.
    let axis = BLACK.mix(0.5);
    chart.draw_series(std::iter::once(PathElement::new(
        vec![(0, top), (0, 0.0), (last_epoch, 0.0)],
        axis,
    )))?;
    let grid = BLACK.mix(0.08);
    let at = |c: &ChartContext<_, Cartesian2d<RangedCoordusize, RangedCoordf32>>,
              e: usize,
              v: f32| c.backend_coord(&(e, v));
    for v in nice_ticks(0.0, top as f64, 5) {
        chart.draw_series(std::iter::once(PathElement::new(
            vec![(0, v as f32), (last_epoch, v as f32)],
            grid,
        )))?;
        let (x, y) = at(&chart, 0, v as f32);
        text(
            canvas,
            &label(v),
            (x - px(5.0), y + px(4.0)),
            11.0,
            "right",
            TEXT,
        );
    }
    for e in nice_ticks(0.0, last_epoch as f64, 6) {
        let (x, y) = at(&chart, e as usize, 0.0);
        text(canvas, &label(e), (x, y + px(14.0)), 11.0, "center", TEXT);
    }
    let (x_end, y_end) = at(&chart, last_epoch, 0.0);
    text(
        canvas,
        "epoch",
        (x_end, y_end + px(24.0)),
        11.0,
        "right",
        TEXT,
    );

    if let Some(best) = best_epoch {
        let style = BEST_COLOR.stroke_width(px(1.5) as u32);
        chart.draw_series(std::iter::once(PathElement::new(
            vec![(best, 0.0), (best, top)],
            style,
        )))?;
    }
    let width = px(2.0) as u32;
    let train: Vec<(usize, f32)> = thin(history)
        .filter_map(|r| finite(r.train_loss).map(|v| (r.epoch, v)))
        .collect();
    let test: Vec<(usize, f32)> = thin(history)
        .filter_map(|r| r.test_loss.and_then(finite).map(|v| (r.epoch, v)))
        .collect();
    // Accuracy (classification only) on its own 0–100% scale at the right,
    // in thin, pale lines under the losses.
    let accuracy_y = |a: f32| a * top;
    let train_accuracy: Vec<(usize, f32)> = thin(history)
        .filter_map(|r| r.train_accuracy.map(|a| (r.epoch, accuracy_y(a))))
        .collect();
    let test_accuracy: Vec<(usize, f32)> = thin(history)
        .filter_map(|r| r.test_accuracy.map(|a| (r.epoch, accuracy_y(a))))
        .collect();
    let has_accuracy = !train_accuracy.is_empty();
    if has_accuracy {
        let thin_line = px(1.2) as u32;
        chart.draw_series(LineSeries::new(
            train_accuracy,
            TRAIN_COLOR.mix(0.45).stroke_width(thin_line),
        ))?;
        chart.draw_series(LineSeries::new(
            test_accuracy,
            TEST_COLOR.mix(0.45).stroke_width(thin_line),
        ))?;
        for a in [0.0, 0.5, 1.0] {
            let (x, y) = at(&chart, last_epoch, accuracy_y(a));
            text(
                canvas,
                &format!("{}%", (a * 100.0) as i32),
                (x + px(5.0), y + px(4.0)),
                11.0,
                "left",
                TEXT,
            );
        }
    }
    chart.draw_series(LineSeries::new(train, TRAIN_COLOR.stroke_width(width)))?;
    let has_test = !test.is_empty();
    if has_test {
        chart.draw_series(LineSeries::new(test, TEST_COLOR.stroke_width(width)))?;
    }
    root.present()?;

    // The legend is the page's (HTML under the chart).
    canvas.ctx.set_text_align("start");
    Ok(())
}

/// The activation function over z in [-4, 4].
pub fn activation(canvas: &Canvas, activation: Activation) -> DrawResult {
    let ratio = canvas.ratio;
    let px = |v: f64| (v * ratio).round() as i32;
    let backend = CanvasBackend::with_canvas_object(canvas.element.clone())
        .ok_or("activation chart: no canvas backend")?;
    let root = backend.into_drawing_area();
    root.fill(&WHITE)?;
    let zs: Vec<f32> = (0..=160).map(|i| -4.0 + i as f32 * 0.05).collect();
    let ys: Vec<f32> = zs.iter().map(|&z| activation.apply(z)).collect();
    let (low, high) = ys
        .iter()
        .fold((-1.0f32, 1.0f32), |(l, h), &y| (l.min(y), h.max(y)));
    let (low, high) = (low - 0.1, high + 0.1);
    let mut chart = ChartBuilder::on(&root)
        .margin(px(4.0))
        .margin_top(px(18.0))
        .x_label_area_size(px(16.0))
        .y_label_area_size(px(26.0))
        .build_cartesian_2d(-4f32..4f32, low..high)?;
    let axis = BLACK.mix(0.5);
    chart.draw_series(std::iter::once(PathElement::new(
        vec![(-4.0, high), (-4.0, low), (4.0, low)],
        axis,
    )))?;
    let grid = BLACK.mix(0.1);
    for v in nice_ticks(low as f64, high as f64, 4) {
        let v = v as f32;
        chart.draw_series(std::iter::once(PathElement::new(
            vec![(-4.0, v), (4.0, v)],
            grid,
        )))?;
        let (x, y) = chart.backend_coord(&(-4.0, v));
        text(
            canvas,
            &label(v as f64),
            (x - px(4.0), y + px(4.0)),
            10.0,
            "right",
            TEXT,
        );
    }
    for z in nice_ticks(-4.0, 4.0, 4) {
        let (x, y) = chart.backend_coord(&(z as f32, low));
        text(canvas, &label(z), (x, y + px(12.0)), 10.0, "center", TEXT);
    }
    chart.draw_series(LineSeries::new(
        zs.into_iter().zip(ys),
        RGBColor(60, 60, 60).stroke_width(px(2.0) as u32),
    ))?;
    root.present()?;
    let mid = canvas.element.width() as i32 / 2;
    text(
        canvas,
        activation.name(),
        (mid, px(13.0)),
        12.0,
        "center",
        TEXT,
    );
    canvas.ctx.set_text_align("start");
    Ok(())
}

/// Colours of the runs in a race, in order.
pub const RUN_COLORS: [RGBColor; 8] = [
    RGBColor(40, 80, 160),
    RGBColor(230, 120, 20),
    RGBColor(46, 158, 79),
    RGBColor(200, 50, 60),
    RGBColor(130, 70, 180),
    RGBColor(120, 90, 60),
    RGBColor(20, 150, 160),
    RGBColor(90, 90, 90),
];

/// The training loss per epoch of several runs on one chart (a compare
/// lesson), each labelled at its end; the shown run drawn thicker.
pub fn race(canvas: &Canvas, runs: &[(&str, &[EpochRecord])], shown: usize) -> DrawResult {
    let ratio = canvas.ratio;
    let px = |v: f64| (v * ratio).round() as i32;
    let backend = CanvasBackend::with_canvas_object(canvas.element.clone())
        .ok_or("race chart: no canvas backend")?;
    let root = backend.into_drawing_area();
    root.fill(&WHITE)?;
    let finite = |v: f32| v.is_finite().then_some(v);
    let last_epoch = runs
        .iter()
        .filter_map(|(_, h)| h.last().map(|r| r.epoch))
        .max()
        .unwrap_or(0)
        .max(10);
    // The scale follows where the runs started, so a blown-up run goes off the top.
    let top = runs
        .iter()
        .filter_map(|(_, h)| h.first().and_then(|r| finite(r.train_loss)))
        .fold(0.1f32, f32::max)
        * 1.3;
    let mut chart = ChartBuilder::on(&root)
        .margin(px(8.0))
        .margin_right(px(90.0))
        .x_label_area_size(px(26.0))
        .y_label_area_size(px(34.0))
        .build_cartesian_2d(0..last_epoch, 0f32..top)?;
    chart.draw_series(std::iter::once(PathElement::new(
        vec![(0, top), (0, 0.0), (last_epoch, 0.0)],
        BLACK.mix(0.5),
    )))?;
    for v in nice_ticks(0.0, top as f64, 5) {
        chart.draw_series(std::iter::once(PathElement::new(
            vec![(0, v as f32), (last_epoch, v as f32)],
            BLACK.mix(0.08),
        )))?;
        let (x, y) = chart.backend_coord(&(0, v as f32));
        text(
            canvas,
            &label(v),
            (x - px(5.0), y + px(4.0)),
            11.0,
            "right",
            TEXT,
        );
    }
    for e in nice_ticks(0.0, last_epoch as f64, 6) {
        let (x, y) = chart.backend_coord(&(e as usize, 0.0));
        text(canvas, &label(e), (x, y + px(14.0)), 11.0, "center", TEXT);
    }
    let mut ends = Vec::new();
    for (i, (name, history)) in runs.iter().enumerate() {
        let color = RUN_COLORS[i % RUN_COLORS.len()];
        let width = if i == shown { px(3.0) } else { px(1.6) } as u32;
        let line: Vec<(usize, f32)> = thin(history)
            .filter_map(|r| finite(r.train_loss).map(|v| (r.epoch, v.min(top))))
            .collect();
        if let Some(&end) = line.last() {
            ends.push((chart.backend_coord(&end), *name, color));
        }
        chart.draw_series(LineSeries::new(line, color.stroke_width(width)))?;
    }
    root.present()?;
    // Labels at the curves' ends, nudged apart where they would overlap.
    ends.sort_by_key(|((_, y), _, _)| *y);
    let mut last_y = i32::MIN;
    for ((x, y), name, color) in ends {
        let y = y.max(last_y + px(13.0));
        last_y = y;
        let css = format!("rgb({},{},{})", color.0, color.1, color.2);
        text(canvas, name, (x + px(6.0), y + px(4.0)), 11.0, "left", &css);
    }
    canvas.ctx.set_text_align("start");
    Ok(())
}
