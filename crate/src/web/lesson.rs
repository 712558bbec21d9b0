//! What a lesson adds to a playground: its caption and controls (told to the
//! page), and its panel: the perceptron's arithmetic, the loss landscape with
//! gradient descent's path, the chain rule of a chosen weight, or a race of
//! runs that differ in one setting. The panel draws on the lesson canvas.

use super::canvas::{Blitter, Canvas};
use super::{charts, set, Playground};
use crate::nn::inspect;
use crate::nn::Status;
use crate::scene::compare::Race;
use crate::scene::lessons::{self, Lesson, Panel, Perceptron};
use crate::scene::Session;
use crate::view::landscape::{self, Param, Path, Span, Window};
use crate::view::layout::Hit;
use js_sys::{Array, Object};
use wasm_bindgen::prelude::*;
use web_sys::HtmlCanvasElement;

/// Cells per side of the loss landscape.
const LANDSCAPE_CELLS: usize = 64;
/// Steps of gradient descent the landscape's path keeps (thinned beyond).
const PATH_STEPS: usize = 2000;
/// Where the landscape looks first: weights the lesson's data reach.
const FIRST_WINDOW: Window = Window {
    first: Span { lo: -3.0, hi: 6.0 },
    second: Span { lo: -4.5, hi: 4.5 },
};

#[derive(Default)]
pub struct LessonState {
    lesson: Option<&'static Lesson>,
    race: Option<Race>,
    /// The compare lesson's run shown by the playground (boundary, diagram, loss chart).
    shown_run: usize,
    /// The scene the race was built from: a change to it rebuilds the race.
    race_scene: Option<crate::scene::Scene>,
    path: Option<Path>,
    window: Option<Window>,
    surface: Option<landscape::Surface>,
    /// The points the surface was computed on.
    surface_points: Vec<crate::data::Point>,
    surface_pixels: Vec<u8>,
    /// The perceptron lesson's chosen point (an index into the scene's points).
    chosen_point: Option<usize>,
    /// The backpropagation lesson's chosen weight: layer (1 = first hidden), from, to.
    chosen_weight: Option<(usize, usize, usize)>,
    /// Something the panel shows changed.
    pub dirty: bool,
}

impl LessonState {
    pub fn current(&self) -> Option<&'static Lesson> {
        self.lesson
    }

    fn panel(&self) -> Panel {
        self.lesson.map_or(Panel::None, |l| l.panel)
    }

    /// Builds (or rebuilds) the compare lesson's race from the session's
    /// scene, and lends it the run on show.
    fn rebuild_race(&mut self, session: &mut Session) {
        if let Some(race) = &mut self.race {
            race.show(None, session);
        }
        self.race = None;
        self.race_scene = None;
        let Some(compare) = self.lesson.and_then(|l| l.compare) else {
            return;
        };
        if let Ok(mut race) = Race::new(session.scene(), &compare) {
            self.shown_run = self.shown_run.min(race.runs().len() - 1);
            race.show(Some(self.shown_run), session);
            self.race_scene = Some(session.scene().clone());
            self.race = Some(race);
        }
        self.dirty = true;
    }

    /// Keeps the panel's state in step with the session: a race is rebuilt
    /// when the points or the network changed under it.
    pub fn sync(&mut self, session: &mut Session) {
        if self.race.is_some() && self.race_scene.as_ref() != Some(session.scene()) {
            self.rebuild_race(session);
        }
    }

    /// Before a setting changes: take the race's run back (it is rebuilt after).
    pub fn before_setting(&mut self, session: &mut Session) {
        if let Some(race) = &mut self.race {
            race.show(None, session);
            self.race_scene = None; // forces the rebuild at the next sync
        }
    }

    /// After an epoch of the session: the race trains one too, the path grows.
    pub fn after_epoch(&mut self, session: &Session) {
        if let Some(race) = &mut self.race {
            race.train_epochs(1);
        }
        self.record_step(session);
    }

    /// After one gradient step of the session.
    pub fn after_batch(&mut self, session: &Session) {
        if let Some(race) = &mut self.race {
            race.step_batch();
        }
        self.record_step(session);
    }

    fn record_step(&mut self, session: &Session) {
        if let (Some(path), Some([w, b])) = (&mut self.path, two_parameters(session)) {
            path.push((w, b));
            self.dirty = true;
        }
    }

    /// New weights: the path starts again and the race restarts.
    pub fn after_reset(&mut self, session: &mut Session) {
        if let Some(path) = &mut self.path {
            path.clear();
        }
        self.window = None;
        self.record_step(session);
        if self.race.is_some() {
            self.rebuild_race(session);
        }
    }

    pub fn can_train(&self) -> bool {
        self.race.as_ref().is_some_and(Race::can_train)
    }

    /// Draws the panel on the lesson canvas.
    pub fn render(
        &mut self,
        canvas: &Canvas,
        blitter: &Blitter,
        session: &Session,
    ) -> Result<(), JsValue> {
        self.dirty = false;
        match self.panel() {
            Panel::Landscape => self.draw_landscape(canvas, blitter, session),
            Panel::Backprop => draw_gradient_bars(canvas, session),
            Panel::Compare => {
                let Some(race) = &self.race else {
                    return Ok(());
                };
                let runs: Vec<_> = race
                    .runs()
                    .iter()
                    .enumerate()
                    .map(|(i, run)| {
                        let history = if Some(i) == race.shown() {
                            session.trainer().history()
                        } else {
                            run.history()
                        };
                        (run.label(), history)
                    })
                    .collect();
                charts::race(canvas, &runs, self.shown_run)
                    .map_err(|e| JsValue::from_str(&e.to_string()))
            }
            Panel::None | Panel::Perceptron => Ok(()),
        }
    }

    fn draw_landscape(
        &mut self,
        canvas: &Canvas,
        blitter: &Blitter,
        session: &Session,
    ) -> Result<(), JsValue> {
        let net = &session.trainer().network;
        let (Some(params), Some(here)) = (landscape_params(session), two_parameters(session))
        else {
            return Ok(());
        };
        let path: Vec<(f32, f32)> = self.path.iter().flat_map(|p| p.points()).collect();
        // The window moves only when the dot leaves it, so the picture holds still.
        let window = match self.window {
            Some(w) if w.contains((here[0], here[1])) => w,
            None if FIRST_WINDOW.contains((here[0], here[1])) => FIRST_WINDOW,
            _ => Window::around(path.iter().copied().chain([(here[0], here[1])]), 0.3),
        };
        let samples = session.trainer().train_samples();
        if self.window != Some(window) || self.surface_points != session.scene().points {
            self.surface = landscape::surface(net, samples, params, window, LANDSCAPE_CELLS);
            self.surface_points = session.scene().points.clone();
            if let Some(surface) = &self.surface {
                landscape::paint(&surface.values, surface.cells, &mut self.surface_pixels);
            }
            self.window = Some(window);
        }
        let ctx = &canvas.ctx;
        let (w, h) = (canvas.width, canvas.height);
        ctx.set_fill_style_str("#fff");
        ctx.fill_rect(0.0, 0.0, w, h);
        if self.surface.is_none() {
            return Ok(());
        }
        blitter.draw(
            &self.surface_pixels,
            LANDSCAPE_CELLS as u32,
            ctx,
            (0.0, 0.0, w, h),
        )?;
        let to_px = |(a, b): (f32, f32)| {
            let (x, y) = window.to_cell((a, b), LANDSCAPE_CELLS);
            (
                x as f64 * w / LANDSCAPE_CELLS as f64,
                y as f64 * h / LANDSCAPE_CELLS as f64,
            )
        };
        // The path gradient descent took, then the current weights as a dot.
        ctx.set_line_width(1.5 * canvas.ratio);
        ctx.set_stroke_style_str("rgba(255,255,255,0.9)");
        ctx.begin_path();
        for (i, &p) in path.iter().enumerate() {
            let (x, y) = to_px(p);
            if i == 0 {
                ctx.move_to(x, y);
            } else {
                ctx.line_to(x, y);
            }
        }
        ctx.stroke();
        let (x, y) = to_px((here[0], here[1]));
        ctx.begin_path();
        let _ = ctx.arc(x, y, 5.0 * canvas.ratio, 0.0, std::f64::consts::TAU);
        ctx.set_fill_style_str("#ff3b30");
        ctx.fill();
        ctx.set_stroke_style_str("#fff");
        ctx.stroke();
        let px = |v: f64| (v * canvas.ratio).round() as i32;
        let label = |v: f32| format!("{v:.1}");
        let text = |s: &str, at: (i32, i32), align: &str| {
            charts::text(canvas, s, at, 11.0, align, "rgba(255,255,255,0.95)")
        };
        text(
            &format!("w {} … {}", label(window.first.lo), label(window.first.hi)),
            (px(6.0), h as i32 - px(6.0)),
            "left",
        );
        text(
            &format!(
                "b {} … {}",
                label(window.second.lo),
                label(window.second.hi)
            ),
            (w as i32 - px(6.0), px(14.0)),
            "right",
        );
        Ok(())
    }

    /// What the panel says in words (the page shows it as text).
    pub fn text(&self, session: &mut Session) -> String {
        let scene = session.scene();
        match self.panel() {
            Panel::Perceptron => {
                let Some(p) = Perceptron::of(&session.trainer().network) else {
                    return String::new();
                };
                let chosen = self
                    .chosen_point
                    .and_then(|i| scene.points.get(i).map(|p| (p.x1, p.x2)))
                    .or(scene.marker.as_ref().map(|m| (m.x1, m.x2)));
                let Some((x1, x2)) = chosen else {
                    return "Click a point to see its arithmetic.".to_string();
                };
                format!(
                    "x = ({}, {}): {}",
                    number(x1),
                    number(x2),
                    inspect::neuron_arithmetic(p.w0, &p.w, &[x1, x2])
                )
            }
            Panel::Landscape => match two_parameters(session) {
                Some([w, b]) => format!(
                    "step {}: w = {w:.3}, b = {b:.3}, J(w, b) = {}",
                    self.path.as_ref().map_or(0, |p| p.len().saturating_sub(1)),
                    session
                        .trainer()
                        .history()
                        .last()
                        .map_or("–".to_string(), |r| format!("{:.4}", r.train_loss)),
                ),
                None => String::new(),
            },
            Panel::Backprop => self.backprop_text(session),
            Panel::Compare => {
                let Some(race) = &self.race else {
                    return String::new();
                };
                race.runs()
                    .iter()
                    .enumerate()
                    .map(|(i, run)| {
                        let trainer = if Some(i) == race.shown() {
                            session.trainer()
                        } else {
                            run.trainer()
                        };
                        let loss = trainer.history().last().map_or(f32::NAN, |r| r.train_loss);
                        let state = if trainer.status() == Status::Diverged {
                            " (diverged)"
                        } else {
                            ""
                        };
                        format!("{}: training loss {:.4}{state}", run.label(), loss)
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            }
            Panel::None => match scene.marker.clone() {
                Some(m) => {
                    let p = session.predict(m.x1, m.x2);
                    match p.as_slice() {
                        [v] => format!(
                            "{} at ({}, {}): the network says {:.3}",
                            m.label,
                            number(m.x1),
                            number(m.x2),
                            v
                        ),
                        _ => String::new(),
                    }
                }
                None => String::new(),
            },
        }
    }

    fn backprop_text(&self, session: &Session) -> String {
        let trainer = session.trainer();
        let net = &trainer.network;
        let samples = trainer.train_samples();
        let sizes = inspect::gradients(net, samples, trainer.config().regularization)
            .map(|g| inspect::layer_gradient_sizes(&g))
            .unwrap_or_default();
        let bars = sizes
            .iter()
            .enumerate()
            .map(|(l, s)| format!("layer {}: {:.2e}", l + 1, s))
            .collect::<Vec<_>>()
            .join(" · ");
        let mut lines = vec![format!("Mean |dJ/dw| per layer: {bars}")];
        let Some((layer, from, to)) = self.chosen_weight else {
            lines.push("Click a line of the network diagram to take its weight apart.".into());
            return lines.join("\n");
        };
        match inspect::chain(net, samples, layer - 1, from, to, 0) {
            Some(chain) => {
                lines.push(format!(
                    "Weight from unit {} of layer {} to unit {} of layer {}: dJ/dw = {:.3e} over the {} training points.",
                    from + 1,
                    layer - 1,
                    to + 1,
                    layer,
                    chain.batch_gradient,
                    samples.len()
                ));
                let factors = chain
                    .factors
                    .iter()
                    .map(|f| format!("{} = {:.4}", f.symbol, f.value))
                    .collect::<Vec<_>>()
                    .join(" · ");
                let symbols = chain
                    .factors
                    .iter()
                    .map(|f| f.symbol)
                    .collect::<Vec<_>>()
                    .join(" · ");
                lines.push(format!(
                    "For point 1 alone, dJ/dw = {symbols}: {factors} = {:.4e}",
                    chain.product()
                ));
            }
            None => lines.push("Add training points to see the gradient.".into()),
        }
        lines.join("\n")
    }
}

/// A number as a person writes it: no trailing zeros, a real minus sign.
fn number(v: f32) -> String {
    let s = format!("{:.3}", v);
    let s = s.trim_end_matches('0').trim_end_matches('.');
    s.replace('-', "−")
}

/// The landscape lesson's weight and bias (a single neuron on one input).
fn two_parameters(session: &Session) -> Option<[f32; 2]> {
    let [w, b] = landscape_params(session)?;
    let net = &session.trainer().network;
    Some([w.value(net)?, b.value(net)?])
}

fn landscape_params(session: &Session) -> Option<[Param; 2]> {
    let net = &session.trainer().network;
    match &net.layers[..] {
        [layer] if layer.inputs == 1 && layer.units == 1 => {
            Some([Param::weight(net, 0, 0, 0)?, Param::bias(net, 0, 0)?])
        }
        _ => None,
    }
}

/// One bar per layer: the mean size of dJ/dw, on a log scale, so that
/// vanishing gradients in deep sigmoid networks show as short bars.
fn draw_gradient_bars(canvas: &Canvas, session: &Session) -> Result<(), JsValue> {
    let trainer = session.trainer();
    let sizes = inspect::gradients(
        &trainer.network,
        trainer.train_samples(),
        trainer.config().regularization,
    )
    .map(|g| inspect::layer_gradient_sizes(&g))
    .unwrap_or_default();
    let ctx = &canvas.ctx;
    let (w, h, r) = (canvas.width, canvas.height, canvas.ratio);
    ctx.set_fill_style_str("#fff");
    ctx.fill_rect(0.0, 0.0, w, h);
    charts::text(
        canvas,
        "mean |dJ/dw| per layer (log scale)",
        ((w / 2.0) as i32, (14.0 * r) as i32),
        11.0,
        "center",
        charts::TEXT,
    );
    if sizes.is_empty() {
        return Ok(());
    }
    // Bars from 1e-7 to 1 (log10 −7 … 0).
    let scale = |v: f32| ((v.max(1e-7).log10() + 7.0) / 7.0).clamp(0.0, 1.0) as f64;
    let (top, bottom) = (24.0 * r, h - 20.0 * r);
    let slot = w / sizes.len() as f64;
    for (i, &size) in sizes.iter().enumerate() {
        let height = scale(size) * (bottom - top);
        ctx.set_fill_style_str("rgb(52,110,214)");
        ctx.fill_rect(
            i as f64 * slot + slot * 0.2,
            bottom - height,
            slot * 0.6,
            height,
        );
        let x = (i as f64 * slot + slot / 2.0) as i32;
        charts::text(
            canvas,
            &format!("{}", i + 1),
            (x, (h - 6.0 * r) as i32),
            11.0,
            "center",
            charts::TEXT,
        );
        charts::text(
            canvas,
            &format!("{size:.0e}"),
            (x, (bottom - height - 4.0 * r) as i32),
            10.0,
            "center",
            charts::TEXT,
        );
    }
    Ok(())
}

/// The lessons, for the page's menu: `{name, title}` each.
#[wasm_bindgen]
pub fn lesson_list() -> Array {
    lessons::all()
        .iter()
        .map(|l| {
            let o = Object::new();
            set(&o, "name", l.name);
            set(&o, "title", l.title);
            JsValue::from(o)
        })
        .collect()
}

#[wasm_bindgen]
impl Playground {
    /// The canvas a lesson's panel draws on (the landscape, the gradient bars, the race).
    pub fn set_lesson_canvas(&mut self, canvas: HtmlCanvasElement) -> Result<(), JsValue> {
        self.lesson_canvas = Some(Canvas::new(canvas)?);
        self.resized = true;
        self.dirty = true;
        Ok(())
    }

    /// Loads a lesson: its scene and starting weights. Returns what the page
    /// shows around it: `{name, title, caption, controls, panel}`.
    pub fn load_lesson(&mut self, name: &str) -> Result<JsValue, JsError> {
        let lesson = lessons::find(name).ok_or_else(|| {
            let names: Vec<_> = lessons::all().iter().map(|l| l.name).collect();
            JsError::new(&format!(
                "'{}' is not a lesson (there are {})",
                crate::data::shorten(name),
                names.join(", ")
            ))
        })?;
        self.leave_lesson();
        lesson.load(&mut self.session);
        let state = &mut self.lesson;
        state.lesson = Some(lesson);
        state.shown_run = 0;
        state.path = (lesson.panel == Panel::Landscape).then(|| Path::new(PATH_STEPS));
        state.record_step(&self.session);
        state.rebuild_race(&mut self.session);
        self.dirty = true;
        self.resized = true;
        let o = Object::new();
        set(&o, "name", lesson.name);
        set(&o, "title", lesson.title);
        set(&o, "caption", lesson.caption);
        set(&o, "controls", lesson.controls.join(","));
        set(&o, "panel", panel_name(lesson.panel));
        Ok(o.into())
    }

    /// Back to free play: the lesson's panel goes; the scene stays.
    pub fn leave_lesson(&mut self) {
        if let Some(race) = &mut self.lesson.race {
            race.show(None, &mut self.session);
        }
        self.lesson = LessonState::default();
        self.dirty = true;
    }

    /// The loaded lesson's name, or "".
    pub fn lesson_name(&self) -> String {
        self.lesson
            .lesson
            .map_or(String::new(), |l| l.name.to_string())
    }

    /// What the lesson's panel says in words.
    pub fn lesson_text(&mut self) -> String {
        self.lesson.text(&mut self.session)
    }

    /// The single neuron's weights [w0, w1, w2], or empty if the network is not one.
    pub fn neuron(&self) -> Vec<f32> {
        Perceptron::of(&self.session.trainer().network)
            .map_or(Vec::new(), |p| vec![p.w0, p.w[0], p.w[1]])
    }

    /// Sets the single neuron's bias w0 and weights w1, w2 (the perceptron's sliders).
    pub fn set_neuron(&mut self, w0: f32, w1: f32, w2: f32) -> Result<(), JsError> {
        if ![w0, w1, w2]
            .iter()
            .all(|v| v.is_finite() && v.abs() <= 100.0)
        {
            return Err(JsError::new(
                "neuron: weights must be numbers from −100 to 100",
            ));
        }
        let mut network = self.session.trainer().network.clone();
        Perceptron { w0, w: [w1, w2] }
            .write(&mut network)
            .map_err(|e| JsError::new(&e))?;
        self.session.trainer_mut().set_network(network);
        self.dirty = true;
        Ok(())
    }

    /// Chooses the point under CSS pixel (x, y) for the perceptron's arithmetic.
    pub fn choose_point(&mut self, x: f64, y: f64) -> bool {
        let index = self.point_at(x, y);
        if index < 0 {
            return false;
        }
        self.lesson.chosen_point = Some(index as usize);
        self.dirty = true;
        true
    }

    /// Chooses the weight drawn under CSS pixel (x, y) of the network diagram
    /// for the chain rule.
    pub fn choose_weight(&mut self, x: f64, y: f64) -> bool {
        match self.layout.hit(x as f32, y as f32) {
            Some(Hit::Link { layer, from, to }) => {
                self.lesson.chosen_weight = Some((layer, from, to));
                self.dirty = true;
                true
            }
            _ => false,
        }
    }

    /// Chooses the weight by position: `layer` 1 is the first hidden layer.
    pub fn choose_weight_at(&mut self, layer: u32, from: u32, to: u32) -> bool {
        let net = &self.session.trainer().network;
        let ok = (layer as usize)
            .checked_sub(1)
            .and_then(|l| net.layers.get(l))
            .is_some_and(|l| (from as usize) < l.inputs && (to as usize) < l.units);
        if ok {
            self.lesson.chosen_weight = Some((layer as usize, from as usize, to as usize));
            self.dirty = true;
        }
        ok
    }

    /// The compare lesson's runs: `{label, trainLoss, diverged, shown}` each.
    pub fn lesson_runs(&self) -> Array {
        let Some(race) = &self.lesson.race else {
            return Array::new();
        };
        race.runs()
            .iter()
            .enumerate()
            .map(|(i, run)| {
                let trainer = if Some(i) == race.shown() {
                    self.session.trainer()
                } else {
                    run.trainer()
                };
                let o = Object::new();
                set(&o, "label", run.label());
                set(&o, "epoch", trainer.epoch() as f64);
                set(
                    &o,
                    "trainLoss",
                    super::optional(trainer.history().last().map(|r| r.train_loss)),
                );
                set(&o, "diverged", trainer.status() == Status::Diverged);
                set(&o, "shown", Some(i) == race.shown());
                JsValue::from(o)
            })
            .collect()
    }

    /// Shows run `index` of the compare lesson on the playground.
    pub fn show_run(&mut self, index: u32) -> bool {
        let session = &mut self.session;
        let Some(race) = &mut self.lesson.race else {
            return false;
        };
        if index as usize >= race.runs().len() {
            return false;
        }
        race.show(Some(index as usize), session);
        self.lesson.shown_run = index as usize;
        self.lesson.race_scene = Some(session.scene().clone());
        self.dirty = true;
        true
    }
}

fn panel_name(panel: Panel) -> &'static str {
    match panel {
        Panel::None => "",
        Panel::Perceptron => "perceptron",
        Panel::Landscape => "landscape",
        Panel::Backprop => "backprop",
        Panel::Compare => "compare",
    }
}
