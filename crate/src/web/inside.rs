//! Looking inside the training: the learning-rate schedule's chart under
//! the loss chart, and the plane as a hidden layer sees it. Their state is
//! one field of the `Playground`.

use super::canvas::{Blitter, Canvas};
use super::charts::{self, text, TEXT};
use super::{field_kind, Playground};
use crate::data::Task;
use crate::decimal::Fixed;
use crate::i18n::Catalogue;
use crate::nn::{Activation, Network, ScheduleKind, Workspace};
use crate::scene::inside_text::{hidden_space_caption, slow_step_phases, Phase};
use crate::scene::slow_step::SlowStep;
use crate::scene::Session;
use crate::view::colors::{self, css};
use crate::view::field::paint_field;
use crate::view::hidden_space::{HiddenSpace, GRID_LINES};
use crate::view::layout::Hit;
use wasm_bindgen::prelude::*;
use web_sys::HtmlCanvasElement;

/// Cells per side of the output's colours in the hidden space.
const FIELD_CELLS: usize = 96;
/// At most this many points are carried into the hidden space.
const MOST_POINTS: usize = 1000;
/// The grid's lines of constant x1, and of constant x2.
const X1_LINES: &str = "rgba(40,80,160,0.75)";
const X2_LINES: &str = "rgba(200,110,20,0.75)";

/// Lessons that open with the last hidden layer's plane shown: the
/// non-linearity lesson, where it shows a linear network only shearing
/// the grid and a tanh or ReLU one folding it.
const HIDDEN_SPACE_LESSONS: [&str; 1] = ["nonlinearity"];

/// The canvases and choices of the views inside the training.
#[derive(Default)]
pub(super) struct Inside {
    /// The rate per epoch, under the loss chart (shown with a schedule).
    rate_canvas: Option<Canvas>,
    hidden_canvas: Option<Canvas>,
    /// The hidden layer whose plane is shown (from 0), if any.
    hidden_layer: Option<usize>,
    hidden_caption: String,
    workspace: Workspace,
    field: Vec<u8>,
    /// The slow step under way: its phases, and the sample it steps on.
    slow: Option<Slow>,
}

struct Slow {
    phases: Vec<Phase>,
    /// The phase shown.
    shown: usize,
    /// The network it was taken on: once the playground's is another (a
    /// setting, a reset, training, the timeline, a lesson), the slow step
    /// is over, whichever call changed it.
    network: Network,
    inputs: Vec<f32>,
    target: f32,
    /// The unit of the shown phase's layer pointed at (its line in the
    /// text): the path narrows to it.
    unit: Option<usize>,
}

impl Inside {
    pub(super) fn canvases(&mut self) -> impl Iterator<Item = &mut Canvas> {
        self.rate_canvas
            .iter_mut()
            .chain(self.hidden_canvas.iter_mut())
    }

    /// A lesson that opens with the hidden space shows its last hidden layer.
    pub(super) fn lesson_loaded(&mut self, name: &str, hidden_layers: usize) {
        if HIDDEN_SPACE_LESSONS.contains(&name) && hidden_layers > 0 {
            self.hidden_layer = Some(hidden_layers - 1);
        }
    }

    /// The chosen layer, if the network still has it.
    fn layer(&self, session: &Session) -> Option<usize> {
        self.hidden_layer
            .filter(|&l| l < session.scene().hidden.len())
    }
}

impl Playground {
    /// The slow step under way, while the network is still the one it was taken on.
    fn live_slow_step(&self) -> Option<&Slow> {
        let current = &self.class.session().trainer().network;
        self.inside.slow.as_ref().filter(|s| s.network == *current)
    }

    /// Ends the slow step if the network is no longer the one it was taken on.
    fn end_stale_slow_step(&mut self) {
        if self.inside.slow.is_some() && self.live_slow_step().is_none() {
            self.inside.slow = None;
            self.dirty = true;
        }
    }

    /// The slow step's path in the diagram for the phase shown: forward and
    /// backward, the layer's units and the links into them (the numbers
    /// flow along them; their error terms and gradients are shown); the
    /// loss, the output units; the update, the links it changes (a crowded
    /// layer's units instead).
    pub(super) fn slow_step_path(&self) -> Vec<Hit> {
        let Some(slow) = self.live_slow_step() else {
            return Vec::new();
        };
        let n = slow.network.layers.len();
        let (layer, units, links) = match slow.shown {
            i if i < n => (i, true, true),
            i if i == n => (n - 1, true, false),
            i if i <= 2 * n => (2 * n - i, true, true),
            i if i <= 3 * n => (i - 2 * n - 1, false, true),
            _ => return Vec::new(),
        };
        let shown = &slow.network.layers[layer];
        let (inputs, width) = (shown.inputs, shown.units);
        let crowded = crate::view::links::is_crowded(shown);
        let pointed = slow.unit.filter(|&j| j < width);
        let (units, links) = match pointed {
            // One unit: it, and the links into it (at most 32).
            Some(_) => (true, links),
            // Hundreds of lit links would hide the diagram: a crowded
            // layer's path is its units.
            None => (units || crowded, links && !crowded),
        };
        let along = |unit: &usize| pointed.is_none_or(|j| j == *unit);
        let column = layer + 1;
        let mut path = Vec::new();
        if links {
            for from in 0..inputs {
                for to in (0..width).filter(along) {
                    path.push(Hit::Link {
                        layer: column,
                        from,
                        to,
                    });
                }
            }
        }
        if units {
            path.extend((0..width).filter(along).map(|unit| Hit::Unit {
                layer: column,
                unit,
            }));
        }
        path
    }

    /// Draws what is shown of the views inside the training.
    pub(super) fn render_inside(&mut self) -> Result<(), JsValue> {
        let session = self.class.session();
        let trainer = session.trainer();
        let config = trainer.config();
        if let Some(canvas) = &self.inside.rate_canvas {
            if config.schedule.kind != ScheduleKind::Constant {
                charts::rate(
                    canvas,
                    config.schedule,
                    config.learning_rate,
                    trainer.epoch(),
                    self.t,
                );
            }
        }
        if let Some(layer) = self.inside.layer(session) {
            let caption =
                paint_hidden_space(&mut self.inside, &mut self.blitter, session, layer, self.t)?;
            self.inside.hidden_caption = caption;
        }
        Ok(())
    }
}

/// Paints hidden layer `layer`'s plane; returns its caption.
fn paint_hidden_space(
    inside: &mut Inside,
    blitter: &mut Blitter,
    session: &Session,
    layer: usize,
    t: &Catalogue,
) -> Result<String, JsValue> {
    let scene = session.scene();
    let network = &session.trainer().network;
    let every = scene.points.len().div_ceil(MOST_POINTS).max(1);
    let shown: Vec<_> = scene.points.iter().step_by(every).collect();
    let places: Vec<(f32, f32)> = shown.iter().map(|p| (p.x1, p.x2)).collect();
    let space = HiddenSpace::new(
        network,
        scene.features,
        &scene.domain,
        layer,
        &places,
        &mut inside.workspace,
    );
    let linear = (0..=layer).all(|l| scene.layer_activation(l) == Activation::Linear);
    let caption = hidden_space_caption(
        t,
        layer,
        network.layers[layer].units,
        space.projection.principal,
        space.is_last(network),
        linear,
    );
    let Some(canvas) = &inside.hidden_canvas else {
        return Ok(caption);
    };
    let ctx = canvas.ctx();
    let (w, h) = (
        canvas.element.width() as f64,
        canvas.element.height() as f64,
    );
    let _ = ctx.set_transform(1.0, 0.0, 0.0, 1.0, 0.0, 0.0);
    ctx.set_fill_style_str("#fff");
    ctx.fill_rect(0.0, 0.0, w, h);
    if let Some(outputs) = space.output_field(network, FIELD_CELLS) {
        let width = network.outputs();
        paint_field(
            &outputs,
            width,
            FIELD_CELLS,
            field_kind(scene),
            &mut inside.field,
        );
        blitter.draw(&inside.field, FIELD_CELLS as u32, ctx, (0.0, 0.0, w, h))?;
    }
    let ((u0, u1), (v0, v1)) = space.view();
    let at = |(u, v): (f32, f32)| {
        (
            (u - u0) as f64 / (u1 - u0) as f64 * w,
            (v1 - v) as f64 / (v1 - v0) as f64 * h,
        )
    };
    ctx.set_line_width(1.2 * canvas.ratio);
    for (i, line) in space.lines.iter().enumerate() {
        ctx.set_stroke_style_str(if i < GRID_LINES { X1_LINES } else { X2_LINES });
        ctx.begin_path();
        for (k, &p) in line.iter().enumerate() {
            let (x, y) = at(p);
            if k == 0 {
                ctx.move_to(x, y);
            } else {
                ctx.line_to(x, y);
            }
        }
        ctx.stroke();
    }
    let radius = 2.6 * canvas.ratio;
    for (point, &place) in shown.iter().zip(&space.points) {
        let color = match scene.task {
            Task::Regression => colors::signed(point.label, 1.0),
            Task::Classification { .. } => scene.palette.class(point.label),
        };
        let (x, y) = at(place);
        ctx.begin_path();
        let _ = ctx.arc(x, y, radius, 0.0, std::f64::consts::TAU);
        if point.test {
            ctx.set_stroke_style_str(&css(color));
            ctx.stroke();
        } else {
            ctx.set_fill_style_str(&css(color));
            ctx.fill();
        }
    }
    let px = |v: f64| (v * canvas.ratio).round() as i32;
    let axes = if space.projection.principal {
        "principal directions 1 and 2"
    } else {
        "unit 1 → , unit 2 ↑"
    };
    text(
        canvas,
        &format!("hidden layer {}: {axes}", layer + 1),
        (px(6.0), px(14.0)),
        11.0,
        "left",
        TEXT,
    );
    ctx.set_text_align("start");
    Ok(caption)
}

#[wasm_bindgen]
impl Playground {
    /// The canvas the learning-rate schedule is drawn on.
    pub fn set_rate_canvas(&mut self, canvas: HtmlCanvasElement) -> Result<(), JsValue> {
        self.inside.rate_canvas = Some(Canvas::drawn_often(canvas)?);
        self.resized = true;
        self.dirty = true;
        Ok(())
    }

    /// The canvas the hidden space is drawn on.
    pub fn set_hidden_space_canvas(&mut self, canvas: HtmlCanvasElement) -> Result<(), JsValue> {
        self.inside.hidden_canvas = Some(Canvas::drawn_often(canvas)?);
        self.resized = true;
        self.dirty = true;
        Ok(())
    }

    /// Shows the plane as hidden layer `layer` sees it (1 is the first; 0 shows none).
    pub fn set_hidden_space(&mut self, layer: u32) {
        self.inside.hidden_layer = (layer > 0).then(|| layer as usize - 1);
        self.inside.hidden_caption.clear();
        self.dirty = true;
    }

    /// The hidden layer shown (1 is the first), or 0 for none.
    pub fn hidden_space(&self) -> u32 {
        self.inside
            .layer(self.class.session())
            .map_or(0, |l| l as u32 + 1)
    }

    /// Starts a slow step on the scene's point `index` (a training point;
    /// otherwise the first training point). Returns its number of phases
    /// (0 when there is no training point).
    pub fn start_slow_step(&mut self, index: i32) -> u32 {
        let session = self.class.session();
        let points = &session.scene().points;
        let chosen = usize::try_from(index)
            .ok()
            .filter(|&i| points.get(i).is_some_and(|p| !p.test))
            .or_else(|| points.iter().position(|p| !p.test));
        let Some(chosen) = chosen else {
            self.inside.slow = None;
            return 0;
        };
        // Training rows are the training points in the scene's order.
        let row = points[..chosen].iter().filter(|p| !p.test).count();
        let trainer = session.trainer();
        let samples = trainer.train_samples();
        if row >= samples.len() {
            self.inside.slow = None;
            return 0;
        }
        let (inputs, target) = (samples.row(row).to_vec(), samples.targets[row]);
        let step = SlowStep::of(trainer, &inputs, target);
        let scene = session.scene();
        let names: Vec<&str> = (0..scene.hidden.len())
            .map(|l| scene.layer_activation(l).name())
            .collect();
        let mut phases = slow_step_phases(&step, &names, self.t);
        let p = &points[chosen];
        phases[0].title = crate::i18n::fill(
            self.t.slow_point,
            &[
                ("x1", &Fixed(p.x1, 2).to_string()),
                ("x2", &Fixed(p.x2, 2).to_string()),
                ("title", &phases[0].title),
            ],
        );
        let count = phases.len() as u32;
        let network = trainer.network.clone();
        self.dirty = true;
        self.inside.slow = Some(Slow {
            phases,
            shown: 0,
            network,
            inputs,
            target,
            unit: None,
        });
        count
    }

    /// Phase `i` of the slow step: `{title, lines, units, index, count}`
    /// (`units[k]`: the unit line `k` is about, or -1), or null. The
    /// diagram highlights the phase's path from then on.
    pub fn slow_step_phase(&mut self, i: u32) -> JsValue {
        self.end_stale_slow_step();
        let Some(slow) = &mut self.inside.slow else {
            return JsValue::NULL;
        };
        let Some(phase) = slow.phases.get(i as usize) else {
            return JsValue::NULL;
        };
        if slow.shown != i as usize {
            slow.shown = i as usize;
            slow.unit = None;
            self.dirty = true;
        }
        let o = js_sys::Object::new();
        let set = |k: &str, v: JsValue| {
            let _ = js_sys::Reflect::set(&o, &k.into(), &v);
        };
        set("title", phase.title.as_str().into());
        let lines: js_sys::Array = phase
            .lines
            .iter()
            .map(|l| JsValue::from(l.as_str()))
            .collect();
        set("lines", lines.into());
        let units: Vec<i32> = phase
            .units
            .iter()
            .map(|u| u.map_or(-1, |u| u as i32))
            .collect();
        set("units", js_sys::Int32Array::from(&units[..]).into());
        set("index", i.into());
        set("count", (slow.phases.len() as u32).into());
        o.into()
    }

    /// Narrows the diagram's path to unit `unit` of the shown phase's layer
    /// (its line pointed at), or widens it to the whole layer again (-1).
    pub fn slow_step_point_at(&mut self, unit: i32) {
        self.end_stale_slow_step();
        if let Some(slow) = &mut self.inside.slow {
            let unit = usize::try_from(unit).ok();
            if slow.unit != unit {
                slow.unit = unit;
                self.dirty = true;
            }
        }
    }

    /// Takes the slow step's update: the trainer steps on its point.
    pub fn take_slow_step(&mut self) {
        self.end_stale_slow_step();
        if let Some(slow) = self.inside.slow.take() {
            self.class
                .edit(|s| s.trainer_mut().step_sample(&slow.inputs, slow.target));
            self.dirty = true;
        }
    }

    /// Whether a slow step is under way on the network as it is (the page
    /// closes its panel when not).
    pub fn slow_step_open(&mut self) -> bool {
        self.end_stale_slow_step();
        self.inside.slow.is_some()
    }

    /// Leaves the slow step without taking it.
    pub fn end_slow_step(&mut self) {
        if self.inside.slow.take().is_some() {
            self.dirty = true;
        }
    }

    /// Where the diagram draws unit `unit` of column `column` (0 is the
    /// inputs): `[x, y, size]` in CSS pixels, or empty when there is none.
    pub fn unit_box(&self, column: u32, unit: u32) -> Vec<f32> {
        self.layout
            .columns
            .get(column as usize)
            .and_then(|c| c.get(unit as usize))
            .map_or(Vec::new(), |s| vec![s.x, s.y, s.size])
    }

    /// With the hidden space shown, a click (CSS pixel (x, y)) on a hidden
    /// layer's unit in the diagram shows that layer. Returns the layer
    /// shown (1 is the first), or 0 when the click was not on one.
    pub fn pick_hidden_space(&mut self, x: f64, y: f64) -> u32 {
        match self.layout.hit(x as f32, y as f32) {
            Some(Hit::Unit { layer, .. }) => self.pick_hidden_layer(layer as u32),
            _ => 0,
        }
    }

    /// With the hidden space shown, shows the diagram's column `column`
    /// (1 is the first hidden layer) if it is a hidden layer; returns it, or 0.
    pub fn pick_hidden_layer(&mut self, column: u32) -> u32 {
        let hidden = self.class.session().scene().hidden.len() as u32;
        if self.hidden_space() == 0 || column == 0 || column > hidden {
            return 0;
        }
        self.set_hidden_space(column);
        column
    }

    /// The hidden layer the keyboard is on in the diagram, moved `by`
    /// layers (wrapping) from the one shown, and ringed as a hovered unit
    /// would be. Returns it (1 is the first), or 0 when none is shown.
    pub fn step_hidden_layer(&mut self, by: i32) -> u32 {
        let hidden = self.class.session().scene().hidden.len() as i32;
        let from = match self.hovered {
            Some(Hit::Unit { layer, .. }) if (1..=hidden as usize).contains(&layer) => layer as i32,
            _ => self.hidden_space() as i32,
        };
        if hidden == 0 || from == 0 {
            return 0;
        }
        let layer = (from - 1 + by).rem_euclid(hidden) + 1;
        self.hovered = Some(Hit::Unit {
            layer: layer as usize,
            unit: 0,
        });
        self.dirty = true;
        layer as u32
    }

    /// What the hidden space shows, in words (empty when none is shown).
    pub fn hidden_space_caption(&self) -> String {
        match self.inside.layer(self.class.session()) {
            Some(_) => self.inside.hidden_caption.clone(),
            None => String::new(),
        }
    }
}
