//! Drawing the data canvas (colour field, boundary, points, marker) and the
//! network diagram (links, each unit's picture, dropped units).

use super::canvas::{Canvas, KeptPicture};
use super::points::{PointLayers, PointLook, Stamp};
use crate::data::{Domain, Task};
use crate::decimal::Fixed;
use crate::i18n::{fill, Catalogue};
use crate::scene::{Marker, Session};
use crate::view::colors::{self, css, Glyph, Palette, Rgb};
use crate::view::layout::{Hit, Layout, HEADER};
use crate::view::links::{self, Diagram, LEVELS};
use crate::view::pictures::{Atlas, UNIT_PICTURE};
use std::f64::consts::TAU;
use wasm_bindgen::JsValue;

/// Maps input coordinates to CSS pixels on the data canvas and back.
pub struct Frame {
    pub width: f64,
    pub height: f64,
    pub x1: (f32, f32),
    pub x2: (f32, f32),
}

impl Frame {
    /// The data canvas showing `domain`.
    pub fn new(canvas: &Canvas, domain: &Domain) -> Frame {
        Frame {
            width: canvas.width,
            height: canvas.height,
            x1: domain.x1,
            x2: domain.x2,
        }
    }

    pub fn to_px(&self, x1: f32, x2: f32) -> (f64, f64) {
        (
            (x1 - self.x1.0) as f64 / (self.x1.1 - self.x1.0) as f64 * self.width,
            (self.x2.1 - x2) as f64 / (self.x2.1 - self.x2.0) as f64 * self.height,
        )
    }

    pub fn to_input(&self, x: f64, y: f64) -> (f32, f32) {
        (
            self.x1.0 + (x / self.width) as f32 * (self.x1.1 - self.x1.0),
            self.x2.1 - (y / self.height) as f32 * (self.x2.1 - self.x2.0),
        )
    }

    /// Input-space distance covered by `px` CSS pixels.
    pub fn reach(&self, px: f64) -> f32 {
        (px / self.width) as f32 * (self.x1.1 - self.x1.0)
    }
}

/// A point's colour and shape: its class's, or for a value a shade of it
/// (quantised to a few, so a few stamped pictures serve every point).
fn point_look(task: Task, palette: Palette, label: f32) -> (Rgb, Glyph) {
    match task {
        Task::Classification { .. } => (palette.class(label), Glyph::of_class(label)),
        Task::Regression => (
            colors::signed((label * 8.0).round() / 8.0, 1.0),
            Glyph::Circle,
        ),
    }
}

/// What is drawn over the points: the keyboard's cursor (CSS pixels) and
/// the labelled marker (the scene's, or the point a lesson chose).
pub struct Overlay {
    pub cursor: Option<(f64, f64)>,
    /// The marker and the model's outputs there.
    pub marker: Option<(Marker, Vec<f32>)>,
    /// The points of the batch a single step just took (indices), ringed.
    pub batch: Vec<usize>,
}

/// What the data canvas shows over the colour field (a canvas of its own
/// beneath, `StretchedPicture`) and the misclassified points' rings (another,
/// between them): the axes' ticks, the points, the last step's batch, the
/// keyboard's cursor and the marker. Drawn again only when some of it
/// changed: while training that is the marker's number now and then, so
/// most frames leave this canvas of up to a million device pixels alone.
pub struct DataOverlay {
    layers: PointLayers,
    drawn: Option<OverlayKey>,
}

impl DataOverlay {
    /// An overlay whose rings are stamped on `rings`, a canvas of the page.
    pub fn new(rings: web_sys::HtmlCanvasElement) -> Result<DataOverlay, JsValue> {
        Ok(DataOverlay {
            layers: PointLayers::new(rings)?,
            drawn: None,
        })
    }

    /// Whether the rings would be stamped again this frame, were they changed.
    pub fn rings_due(&self, canvas: &Canvas, training: bool, words_due: bool) -> bool {
        self.layers.rings_due(canvas, training, words_due)
    }

    /// The point layers: where the rings are stamped (`PointLayers`).
    pub fn layers(&mut self) -> &mut PointLayers {
        &mut self.layers
    }
}

/// Everything the overlay's picture depends on besides the point layers.
#[derive(PartialEq)]
struct OverlayKey {
    /// The canvas's backing store and pixel ratio (setting its size clears it).
    size: (u32, u32, f64),
    domain: Domain,
    batch: Vec<(f64, f64)>,
    cursor: Option<(f64, f64)>,
    /// The marker's place and its label as shown (the only words drawn
    /// here: a change of language changes it).
    marker: Option<(f64, f64, String)>,
}

/// Draws the overlay of the data canvas if it changed; the rings from
/// `predictions` if given (only when they are due); `lap` marks
/// where the points start and end.
pub fn data(
    canvas: &Canvas,
    overlay_state: &mut DataOverlay,
    (session, predictions, t): (&Session, Option<&[f32]>, &Catalogue),
    overlay: Overlay,
    lap: &mut impl FnMut(&'static str),
) -> Result<(), JsValue> {
    let scene = session.scene();
    let frame = Frame::new(canvas, &scene.domain);
    let task = scene.task;
    let palette = scene.palette;
    let points = &scene.points;
    let Overlay {
        cursor,
        marker,
        batch,
    } = overlay;
    let outputs = session.trainer().network.outputs();
    let loss = session.trainer().network.loss;
    let rings = predictions.map(|predictions| {
        points
            .iter()
            .zip(predictions.chunks_exact(outputs))
            .filter(|(p, y)| loss.is_correct(y, p.label) == Some(false))
            .map(|(p, _)| {
                let (x, y) = frame.to_px(p.x1, p.x2);
                (x, y, point_look(task, palette, p.label).1)
            })
    });
    let stamps = points.iter().map(|p| {
        let (x, y) = frame.to_px(p.x1, p.x2);
        let (color, glyph) = point_look(task, palette, p.label);
        let look = if p.test {
            PointLook::Test(color, glyph)
        } else {
            PointLook::Training(color, glyph)
        };
        Stamp { x, y, look }
    });
    lap("data canvas");
    let restamped = overlay_state.layers.stamp(canvas, rings, stamps)?;
    // The tests see from these which layers a frame stamped afresh.
    lap(match (restamped.rings, restamped.points) {
        (_, true) => "points",
        (true, false) => "rings",
        (false, false) => "point layers",
    });

    let key = OverlayKey {
        size: (
            canvas.element.width(),
            canvas.element.height(),
            canvas.ratio,
        ),
        domain: scene.domain,
        batch: batch
            .iter()
            .filter_map(|&i| points.get(i))
            .map(|p| frame.to_px(p.x1, p.x2))
            .collect(),
        cursor,
        marker: marker.map(|(m, output)| {
            let (x, y) = frame.to_px(m.x1, m.x2);
            (x, y, marker_label(&m, &output, scene, t))
        }),
    };
    if !restamped.points && overlay_state.drawn.as_ref() == Some(&key) {
        return Ok(());
    }

    let ctx = canvas.ctx();
    let _ = ctx.set_transform(1.0, 0.0, 0.0, 1.0, 0.0, 0.0);
    ctx.clear_rect(0.0, 0.0, f64::from(key.size.0), f64::from(key.size.1));
    // Everything below is in CSS pixels; the backing store is at the
    // device's ratio, so text, lines and points stay crisp on any screen.
    canvas.use_css_pixels();
    ctx.set_font(&super::charts::font("11px"));
    ctx.set_fill_style_str("rgba(30,30,30,0.75)");
    // A few round ticks at any scale, leaving out the edges (view::ticks).
    let ticks = |(low, high): (f32, f32)| crate::view::ticks::axis_ticks(low.into(), high.into());
    for (v, text) in ticks(scene.domain.x1) {
        let (x, _) = frame.to_px(v as f32, 0.0);
        let _ = ctx.fill_text(&text, x - 3.0, canvas.height - 4.0);
    }
    for (v, text) in ticks(scene.domain.x2) {
        let (_, y) = frame.to_px(0.0, v as f32);
        let _ = ctx.fill_text(&text, 3.0, y + 4.0);
    }
    overlay_state.layers.blit(canvas)?;

    // The last step's batch: a yellow ring on a dark casing round each point.
    if !key.batch.is_empty() {
        for (width, style) in [(4.0, HIGHLIGHT_CASING), (2.0, HIGHLIGHT)] {
            ctx.set_line_width(width);
            ctx.set_stroke_style_str(style);
            ctx.begin_path();
            for &(x, y) in &key.batch {
                ctx.move_to(x + 9.0, y);
                let _ = ctx.arc(x, y, 9.0, 0.0, TAU);
            }
            ctx.stroke();
        }
    }

    if let Some((x, y)) = cursor {
        keyboard_cursor(canvas, x, y);
    }

    if let Some((x, y, text)) = &key.marker {
        let (x, y) = (*x, *y);
        star(canvas, x, y, 9.0);
        ctx.set_fill_style_str("#ffd23f");
        ctx.fill();
        ctx.set_stroke_style_str("#222");
        ctx.set_line_width(1.5);
        ctx.stroke();
        ctx.set_font(&super::charts::font("bold 13px"));
        // The label's own width: right of the star where it fits, else left
        // of it, and never past the canvas's edge (a phone's is narrow).
        let width = ctx.measure_text(text).map_or(146.0, |m| m.width());
        let right = x + 12.0;
        let tx = if right + width + 3.0 <= canvas.width {
            right
        } else {
            (x - 12.0 - width).max(3.0)
        };
        ctx.set_fill_style_str("rgba(255,255,255,0.85)");
        ctx.fill_rect(tx - 3.0, y - 22.0, width + 6.0, 18.0);
        ctx.set_fill_style_str("#111");
        let _ = ctx.fill_text(text, tx, y - 8.0);
    }
    overlay_state.drawn = Some(key);
    Ok(())
}

/// The marker's label: its name and what the network says there.
fn marker_label(m: &Marker, output: &[f32], scene: &crate::scene::Scene, t: &Catalogue) -> String {
    // As the lesson's text writes it: "≈ 0.0025", not 0.002.
    let probability = |v: f32| crate::scene::lecture_numbers::probability(f64::from(v));
    let label = crate::i18n::scene_label(t, &m.label);
    match output {
        // "Will I pass?" asks for the probability of passing; elsewhere it is of green.
        [v] if scene.preset == Some(crate::data::Preset::Pass) => {
            fill(t.marker_pass, &[("label", label), ("p", &probability(*v))])
        }
        [v] if scene.task != Task::Regression => {
            let class = scene.palette.class_names_in(t)[1];
            fill(
                t.marker_probability,
                &[("label", label), ("class", class), ("p", &probability(*v))],
            )
        }
        [v] => format!("{label} · {}", Fixed(*v, 2)),
        many => fill(
            t.marker_class,
            &[
                ("label", label),
                ("class", &crate::nn::loss::argmax(many).to_string()),
            ],
        ),
    }
}

/// The keyboard's cursor: a cross hair in a ring, dark on light and light
/// on dark, so it shows over any colour of the field.
fn keyboard_cursor(canvas: &Canvas, x: f64, y: f64) {
    let ctx = canvas.ctx();
    for (colour, width) in [("white", 4.0), ("#111", 2.0)] {
        ctx.set_stroke_style_str(colour);
        ctx.set_line_width(width);
        ctx.begin_path();
        let _ = ctx.arc(x, y, 9.0, 0.0, TAU);
        for (dx, dy) in [(1.0, 0.0), (-1.0, 0.0), (0.0, 1.0), (0.0, -1.0)] {
            ctx.move_to(x + 9.0 * dx, y + 9.0 * dy);
            ctx.line_to(x + 15.0 * dx, y + 15.0 * dy);
        }
        ctx.stroke();
    }
}

fn star(canvas: &Canvas, x: f64, y: f64, r: f64) {
    let ctx = canvas.ctx();
    ctx.begin_path();
    for i in 0..10 {
        let radius = if i % 2 == 0 { r } else { r * 0.45 };
        let angle = -TAU / 4.0 + i as f64 * TAU / 10.0;
        let (sin, cos) = crate::portable::sin_cos(angle);
        let (px, py) = (x + radius * cos, y + radius * sin);
        if i == 0 {
            ctx.move_to(px, py);
        } else {
            ctx.line_to(px, py);
        }
    }
    ctx.close_path();
}

/// The diagram: per-layer links coloured by sign and thick by size, each
/// unit's picture, and the units dropped in the current step greyed.
/// A highlighted link or unit of the diagram: the marker's yellow on a dark casing.
const HIGHLIGHT: &str = "#ffd23f";
const HIGHLIGHT_CASING: &str = "#1d1d1d";

/// Draws the diagram over `links`, the crowded layers' links rasterised
/// for this diagram (by `links::rasterise` here or in the painter worker),
/// or None when no layer is crowded.
pub fn network(
    canvas: &Canvas,
    links: Option<&KeptPicture>,
    (session, t): (&Session, &Catalogue),
    layout: &Layout,
    (unit_tiles, pictures): (&KeptPicture, usize),
    highlight: &[Hit],
) -> Result<(), JsValue> {
    let ctx = canvas.ctx();
    // Links coloured by sign and thick by size. Crowded layers (thousands of
    // links) come as straight lines in a pixel buffer, leaving out the
    // faintest; the rest are curves here, bucketed into a few strokes.
    let net = &session.trainer().network;
    if let Some(picture) = links {
        picture.draw_onto(ctx)?; // in device pixels
        canvas.use_css_pixels();
    } else {
        canvas.use_css_pixels();
        ctx.set_fill_style_str("#ffffff");
        ctx.fill_rect(0.0, 0.0, canvas.width, canvas.height);
    }
    let link_ends = |l: usize, from: usize, to: usize| {
        let (a, b) = (layout.columns[l][from], layout.columns[l + 1][to]);
        (
            (a.x + a.size, a.y + a.size / 2.0),
            (b.x, b.y + b.size / 2.0),
        )
    };
    for (l, layer) in net
        .layers
        .iter()
        .enumerate()
        .filter(|(_, layer)| !links::is_crowded(layer))
    {
        let scale = layer.weights.iter().fold(1e-6f32, |m, w| m.max(w.abs()));
        let bucket_of = |w: f32| {
            let level = ((w.abs() / scale) * LEVELS as f32).min(LEVELS as f32 - 1.0) as usize;
            (w >= 0.0, level)
        };
        for positive in [false, true] {
            for level in 0..LEVELS {
                let strength = (level as f32 + 0.5) / LEVELS as f32;
                let w = if positive { strength } else { -strength };
                ctx.set_stroke_style_str(&css(colors::signed(w, 1.0)));
                ctx.set_line_width((0.4 + 3.6 * strength) as f64);
                ctx.begin_path();
                for from in 0..layer.inputs {
                    for to in 0..layer.units {
                        if bucket_of(layer.weights[from * layer.units + to]) != (positive, level) {
                            continue;
                        }
                        let ((ax, ay), (bx, by)) = link_ends(l, from, to);
                        let (ax, ay, bx, by) = (ax as f64, ay as f64, bx as f64, by as f64);
                        let mid = (ax + bx) / 2.0;
                        ctx.move_to(ax, ay);
                        ctx.bezier_curve_to(mid, ay, mid, by, bx, by);
                    }
                }
                ctx.stroke();
            }
        }
    }

    // The link a lesson chose or the pointer is on, over the others: a dark
    // casing and a bright core, so it shows on any colour of link.
    let highlighted_links: Vec<_> = highlight
        .iter()
        .filter_map(|&h| match h {
            // Only a link the diagram has: one hovered or chosen a moment
            // ago may be of a layer the network no longer has.
            Hit::Link { layer, from, to }
                if layer >= 1
                    && layer < layout.columns.len()
                    && from < layout.columns[layer - 1].len()
                    && to < layout.columns[layer].len() =>
            {
                Some(link_ends(layer - 1, from, to))
            }
            _ => None,
        })
        .collect();
    if !highlighted_links.is_empty() {
        for (width, style) in [(7.0, HIGHLIGHT_CASING), (3.5, HIGHLIGHT)] {
            ctx.set_line_width(width);
            ctx.set_stroke_style_str(style);
            ctx.begin_path();
            for &((ax, ay), (bx, by)) in &highlighted_links {
                let (ax, ay, bx, by) = (ax as f64, ay as f64, bx as f64, by as f64);
                let mid = (ax + bx) / 2.0;
                ctx.move_to(ax, ay);
                ctx.bezier_curve_to(mid, ay, mid, by, bx, by);
            }
            ctx.stroke();
        }
    }

    // Every unit's picture in one go, then frames and dropped units on top.
    let squares = || layout.columns.iter().flatten();
    let atlas = Atlas::of(pictures);
    ctx.set_image_smoothing_enabled(true);
    for (i, s) in squares().enumerate().take(pictures) {
        let rect = (s.x as f64, s.y as f64, s.size as f64, s.size as f64);
        unit_tiles.draw_tile(ctx, atlas.tile(i), UNIT_PICTURE, rect)?;
    }
    ctx.set_stroke_style_str("#555");
    ctx.set_line_width(1.0);
    for s in squares() {
        ctx.stroke_rect(s.x as f64, s.y as f64, s.size as f64, s.size as f64);
    }
    let last_batch = session.trainer().last_batch();
    if session.scene().training.dropout > 0.0 {
        // Dropout masks are per sample: show the first sample of the last batch.
        for (c, column) in layout
            .columns
            .iter()
            .enumerate()
            .skip(1)
            .take(layout.columns.len().saturating_sub(2))
        {
            let Some(mask) = last_batch.dropout_mask(c - 1) else {
                continue;
            };
            for (square, _) in column.iter().zip(mask).filter(|(_, &m)| m == 0.0) {
                let rect = (
                    square.x as f64,
                    square.y as f64,
                    square.size as f64,
                    square.size as f64,
                );
                ctx.set_fill_style_str("rgba(110,110,110,0.8)");
                ctx.fill_rect(rect.0, rect.1, rect.2, rect.3);
                ctx.set_stroke_style_str("#eee");
                ctx.begin_path();
                ctx.move_to(rect.0 + 3.0, rect.1 + 3.0);
                ctx.line_to(rect.0 + rect.2 - 3.0, rect.1 + rect.3 - 3.0);
                ctx.stroke();
            }
        }
    }

    for &h in highlight {
        let Hit::Unit { layer, unit } = h else {
            continue;
        };
        if let Some(s) = layout.columns.get(layer).and_then(|c| c.get(unit)) {
            let (x, y, size) = (s.x as f64, s.y as f64, s.size as f64);
            ctx.set_line_width(5.0);
            ctx.set_stroke_style_str(HIGHLIGHT_CASING);
            ctx.stroke_rect(x - 3.0, y - 3.0, size + 6.0, size + 6.0);
            ctx.set_line_width(2.5);
            ctx.set_stroke_style_str(HIGHLIGHT);
            ctx.stroke_rect(x - 3.0, y - 3.0, size + 6.0, size + 6.0);
        }
    }

    // Column headings.
    ctx.set_fill_style_str("#333");
    ctx.set_font(&super::charts::font("12px"));
    ctx.set_text_align("center");
    let scene = session.scene();
    let last = layout.columns.len() - 1;
    for c in 0..layout.columns.len() {
        let x = layout.column_centre(c) as f64;
        // Narrow columns (many layers) get the short form of each heading.
        let narrow = layout.width / (layout.columns.len() as f32) < 70.0;
        let (title, detail) = if c == 0 {
            let features = scene.features.count();
            match narrow {
                true => (t.diagram_inputs_short.to_string(), features.to_string()),
                false if features == 1 => {
                    (t.diagram_inputs.to_string(), t.diagram_feature.to_string())
                }
                false => (
                    t.diagram_inputs.to_string(),
                    fill(t.diagram_features, &[("count", &features.to_string())]),
                ),
            }
        } else if c == last {
            let detail = match scene.task {
                Task::Regression => "identity",
                Task::Classification { classes: 2 } => "sigmoid",
                _ => "softmax",
            };
            (
                if narrow {
                    t.diagram_output_short
                } else {
                    t.diagram_output
                }
                .to_string(),
                detail.to_string(),
            )
        } else {
            let units = scene.hidden[c - 1];
            let title = match (narrow, units) {
                (true, _) => units.to_string(),
                (false, 1) => t.diagram_unit.to_string(),
                (false, _) => fill(t.diagram_units, &[("count", &units.to_string())]),
            };
            (title, scene.layer_activation(c - 1).name().to_string())
        };
        // Each heading keeps within its column: squeezed where it is wider
        // ("sigmoid" over 8 layers on a phone), not run into its neighbour.
        let room = f64::from(layout.width / layout.columns.len() as f32) - 2.0;
        let _ = ctx.fill_text_with_max_width(&title, x, HEADER as f64 - 18.0, room);
        ctx.set_fill_style_str("#777");
        let _ = ctx.fill_text_with_max_width(&detail, x, HEADER as f64 - 5.0, room);
        ctx.set_fill_style_str("#333");
    }
    ctx.set_text_align("start");
    Ok(())
}

/// The diagram canvas as view::links describes it.
pub fn diagram(canvas: &Canvas) -> Diagram {
    Diagram {
        pixels: (
            canvas.element.width() as usize,
            canvas.element.height() as usize,
        ),
        css: (canvas.width as f32, canvas.height as f32),
        ratio: canvas.ratio as f32,
    }
}
