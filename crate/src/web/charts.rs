//! Charts drawn with plotters on a canvas: the loss curves and the
//! activation function.

use crate::nn::{Activation, EpochRecord};
use plotters::prelude::*;
use plotters_canvas::CanvasBackend;
use web_sys::HtmlCanvasElement;

/// Most points per curve; longer histories are thinned evenly.
const MOST_POINTS: usize = 600;
pub const TRAIN_COLOR: RGBColor = RGBColor(40, 80, 160);
pub const TEST_COLOR: RGBColor = RGBColor(230, 120, 20);
const BEST_COLOR: RGBColor = RGBColor(46, 158, 79);

fn thin(history: &[EpochRecord]) -> impl Iterator<Item = &EpochRecord> {
    let step = history.len().div_ceil(MOST_POINTS).max(1);
    history
        .iter()
        .enumerate()
        .filter(move |(i, _)| i % step == 0 || *i + 1 == history.len())
        .map(|(_, r)| r)
}

type DrawResult = Result<(), Box<dyn std::error::Error>>;

/// Training and test loss per epoch, with the best (lowest held-out loss) epoch marked.
pub fn loss(
    canvas: &HtmlCanvasElement,
    history: &[EpochRecord],
    best_epoch: Option<usize>,
    ratio: f64,
) -> DrawResult {
    let backend =
        CanvasBackend::with_canvas_object(canvas.clone()).ok_or("loss chart: no canvas backend")?;
    let root = backend.into_drawing_area();
    root.fill(&WHITE)?;
    let px = |v: f64| (v * ratio).round() as i32;
    let finite = |v: f32| v.is_finite().then_some(v);
    let last_epoch = history.last().map_or(0, |r| r.epoch).max(10);
    let top = history
        .iter()
        .flat_map(|r| [finite(r.train_loss), r.test_loss.and_then(finite)])
        .flatten()
        .fold(0.1f32, f32::max)
        * 1.05;
    let mut chart = ChartBuilder::on(&root)
        .margin(px(6.0))
        .x_label_area_size(px(22.0))
        .y_label_area_size(px(38.0))
        .build_cartesian_2d(0..last_epoch, 0f32..top)?;
    chart
        .configure_mesh()
        .light_line_style(WHITE.mix(0.0))
        .bold_line_style(BLACK.mix(0.08))
        .label_style(("sans-serif", px(11.0)).into_font().color(&BLACK.mix(0.7)))
        .x_labels(6)
        .y_labels(5)
        .x_desc("epoch")
        .axis_desc_style(("sans-serif", px(11.0)))
        .draw()?;
    if let Some(best) = best_epoch {
        chart.draw_series(std::iter::once(PathElement::new(
            vec![(best, 0.0), (best, top)],
            BEST_COLOR.stroke_width(px(1.5) as u32),
        )))?;
    }
    let train: Vec<(usize, f32)> = thin(history)
        .filter_map(|r| finite(r.train_loss).map(|v| (r.epoch, v)))
        .collect();
    let test: Vec<(usize, f32)> = thin(history)
        .filter_map(|r| r.test_loss.and_then(finite).map(|v| (r.epoch, v)))
        .collect();
    let width = px(2.0) as u32;
    chart
        .draw_series(LineSeries::new(train, TRAIN_COLOR.stroke_width(width)))?
        .label("training")
        .legend(move |(x, y)| {
            PathElement::new(vec![(x, y), (x + 16, y)], TRAIN_COLOR.stroke_width(width))
        });
    if !test.is_empty() {
        chart
            .draw_series(LineSeries::new(test, TEST_COLOR.stroke_width(width)))?
            .label("test")
            .legend(move |(x, y)| {
                PathElement::new(vec![(x, y), (x + 16, y)], TEST_COLOR.stroke_width(width))
            });
    }
    if best_epoch.is_some() {
        chart
            .draw_series(std::iter::empty::<PathElement<(usize, f32)>>())?
            .label("lowest test loss")
            .legend(move |(x, y)| {
                PathElement::new(
                    vec![(x + 8, y - 6), (x + 8, y + 6)],
                    BEST_COLOR.stroke_width(width),
                )
            });
    }
    chart
        .configure_series_labels()
        .position(SeriesLabelPosition::UpperRight)
        .background_style(WHITE.mix(0.85))
        .border_style(BLACK.mix(0.2))
        .label_font(("sans-serif", px(11.0)))
        .draw()?;
    root.present()?;
    Ok(())
}

/// The activation function over z in [-4, 4].
pub fn activation(canvas: &HtmlCanvasElement, activation: Activation, ratio: f64) -> DrawResult {
    let backend = CanvasBackend::with_canvas_object(canvas.clone())
        .ok_or("activation chart: no canvas backend")?;
    let root = backend.into_drawing_area();
    root.fill(&WHITE)?;
    let px = |v: f64| (v * ratio).round() as i32;
    let zs: Vec<f32> = (0..=160).map(|i| -4.0 + i as f32 * 0.05).collect();
    let ys: Vec<f32> = zs.iter().map(|&z| activation.apply(z)).collect();
    let (low, high) = ys
        .iter()
        .fold((-1.0f32, 1.0f32), |(l, h), &y| (l.min(y), h.max(y)));
    let mut chart = ChartBuilder::on(&root)
        .margin(px(4.0))
        .caption(activation.name(), ("sans-serif", px(12.0)))
        .x_label_area_size(px(16.0))
        .y_label_area_size(px(24.0))
        .build_cartesian_2d(-4f32..4f32, (low - 0.1)..(high + 0.1))?;
    chart
        .configure_mesh()
        .light_line_style(WHITE.mix(0.0))
        .bold_line_style(BLACK.mix(0.08))
        .label_style(("sans-serif", px(10.0)))
        .x_labels(5)
        .y_labels(5)
        .draw()?;
    chart.draw_series(LineSeries::new(
        zs.into_iter().zip(ys),
        RGBColor(60, 60, 60).stroke_width(px(2.0) as u32),
    ))?;
    root.present()?;
    Ok(())
}
