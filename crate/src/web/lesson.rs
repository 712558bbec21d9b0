//! What a lesson adds to a playground: its caption and controls (told to the
//! page), and its panel: the perceptron's arithmetic, the loss landscape with
//! gradient descent's path, the chain rule of a chosen weight, or a race of
//! runs that differ in one setting. The panel draws on the lesson canvas.

use super::canvas::{Blitter, Canvas};
use super::{charts, set, Playground};
use crate::nn::{inspect, Network, Status, Trainer};
use crate::scene::compare::{Compare, Race};
use crate::scene::lessons::{self, Lesson, Panel, Perceptron};
use crate::scene::{Marker, Session};
use crate::view::landscape::{self, Param, Path, Span, Window};
use crate::view::layout::Hit;
use js_sys::{Array, Object};
use wasm_bindgen::prelude::*;
use web_sys::HtmlCanvasElement;

/// Cells per side of the loss landscape.
const LANDSCAPE_CELLS: usize = 128;
/// The landscape lesson's race, when asked for: the lecture's optimisers.
const LANDSCAPE_RACE: Compare = Compare {
    setting: "optimizer",
    values: &["sgd", "momentum", "rmsprop", "adagrad", "adam"],
};
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
    /// The landscape lesson's race of optimisers, when asked for.
    landscape_race: bool,
    /// Each run's path across the landscape, while it races.
    run_paths: Vec<Path>,
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

    /// What the runs of the race differ in: the lesson's own comparison, or
    /// on the landscape the optimisers, once asked for.
    fn compare(&self) -> Option<Compare> {
        let lesson = self.lesson?;
        lesson.compare.or_else(|| {
            (lesson.panel == Panel::Landscape && self.landscape_race).then_some(LANDSCAPE_RACE)
        })
    }

    /// Builds (or rebuilds) the compare lesson's race from the session's
    /// scene, and lends it the run on show.
    fn rebuild_race(&mut self, session: &mut Session) {
        if let Some(race) = &mut self.race {
            race.show(None, session);
        }
        self.race = None;
        self.race_scene = None;
        let Some(compare) = self.compare() else {
            return;
        };
        if let Ok(mut race) = Race::new(session.scene(), &compare) {
            self.shown_run = self.shown_run.min(race.runs().len() - 1);
            race.show(Some(self.shown_run), session);
            self.race_scene = Some(session.scene().clone());
            self.race = Some(race);
            // Every run starts again from the scene's weights: so do the paths.
            if let Some(path) = &mut self.path {
                path.clear();
                self.run_paths = (0..compare.values.len())
                    .map(|_| Path::new(PATH_STEPS))
                    .collect();
                self.record_step(session);
            }
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
        let Some(path) = &mut self.path else {
            return;
        };
        if let Some([w, b]) = two_parameters(&session.trainer().network) {
            path.push((w, b));
            self.dirty = true;
        }
        let now: Vec<_> = self
            .runs_now(session)
            .iter()
            .map(|(_, trainer)| two_parameters(&trainer.network))
            .collect();
        for (run_path, point) in self.run_paths.iter_mut().zip(now) {
            if let Some([w, b]) = point {
                run_path.push((w, b));
            }
        }
    }

    /// Each run of the race where it stands: label, weights and loss (the
    /// shown run is the session's).
    fn runs_now<'a>(&'a self, session: &'a Session) -> Vec<(&'a str, &'a Trainer)> {
        let Some(race) = &self.race else {
            return Vec::new();
        };
        race.runs()
            .iter()
            .enumerate()
            .map(|(i, run)| match race.shown() == Some(i) {
                true => (run.label(), session.trainer()),
                false => (run.label(), run.trainer()),
            })
            .collect()
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

    /// The marker the data canvas shows: in the perceptron lesson the point
    /// chosen for the arithmetic (the star follows a click), else the scene's.
    pub fn marker(&self, session: &Session) -> Option<Marker> {
        let scene = session.scene();
        let chosen = self
            .chosen_point
            .filter(|_| self.panel() == Panel::Perceptron);
        match chosen.and_then(|i| scene.points.get(i)) {
            Some(p) => Some(Marker {
                x1: p.x1,
                x2: p.x2,
                label: format!("x = ({}, {})", short_number(p.x1), short_number(p.x2)),
            }),
            None => scene.marker.clone(),
        }
    }

    pub fn can_train(&self) -> bool {
        self.race.as_ref().is_some_and(Race::can_train)
    }

    /// Draws the panel on the lesson canvas.
    pub fn render(
        &mut self,
        canvas: &Canvas,
        blitter: &mut Blitter,
        session: &Session,
    ) -> Result<(), JsValue> {
        self.dirty = false;
        match self.panel() {
            Panel::Landscape => self.draw_landscape(canvas, blitter, session),
            Panel::Backprop => draw_gradient_bars(canvas, session),
            Panel::Compare => {
                let runs: Vec<_> = self
                    .runs_now(session)
                    .into_iter()
                    .map(|(label, trainer)| (label, trainer.history()))
                    .collect();
                charts::race(canvas, &runs, self.shown_run);
                Ok(())
            }
            Panel::None | Panel::Perceptron => Ok(()),
        }
    }

    fn draw_landscape(
        &mut self,
        canvas: &Canvas,
        blitter: &mut Blitter,
        session: &Session,
    ) -> Result<(), JsValue> {
        let net = &session.trainer().network;
        let (Some(params), Some(here)) = (landscape_params(net), two_parameters(net)) else {
            return Ok(());
        };
        // One path and dot, or while the optimisers race one of each per run.
        let racing = self.race.is_some();
        let paths: Vec<Vec<(f32, f32)>> = match racing {
            true => self
                .run_paths
                .iter()
                .map(|p| p.points().collect())
                .collect(),
            false => vec![self.path.iter().flat_map(|p| p.points()).collect()],
        };
        let dots: Vec<(f32, f32)> = match racing {
            true => self
                .runs_now(session)
                .iter()
                .filter_map(|(_, t)| two_parameters(&t.network))
                .map(|[w, b]| (w, b))
                .collect(),
            false => vec![(here[0], here[1])],
        };
        // The window moves only when a dot leaves it, so the picture holds still.
        let inside = |w: &Window| dots.iter().all(|&d| w.contains(d));
        let window = match self.window {
            Some(w) if inside(&w) => w,
            None if inside(&FIRST_WINDOW) => FIRST_WINDOW,
            _ => Window::around(paths.iter().flatten().chain(&dots).copied(), 0.3),
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
        // The path gradient descent took, then the current weights as a dot:
        // white alone; in its run's colour on a white casing while racing.
        let colour = |i: usize| match racing {
            true => run_colour(i),
            false => "#ff3b30".to_string(),
        };
        for (i, path) in paths.iter().enumerate() {
            let strokes: &[(f64, String)] = match racing {
                true => &[(3.5, "rgba(255,255,255,0.9)".into()), (1.5, colour(i))],
                false => &[(1.5, "rgba(255,255,255,0.9)".into())],
            };
            for (width, style) in strokes {
                ctx.set_line_width(width * canvas.ratio);
                ctx.set_stroke_style_str(style);
                ctx.begin_path();
                for (k, &p) in path.iter().enumerate() {
                    let (x, y) = to_px(p);
                    if k == 0 {
                        ctx.move_to(x, y);
                    } else {
                        ctx.line_to(x, y);
                    }
                }
                ctx.stroke();
            }
        }
        ctx.set_line_width(1.5 * canvas.ratio);
        for (i, &dot) in dots.iter().enumerate() {
            let (x, y) = to_px(dot);
            ctx.begin_path();
            let _ = ctx.arc(x, y, 5.0 * canvas.ratio, 0.0, std::f64::consts::TAU);
            ctx.set_fill_style_str(&colour(i));
            ctx.fill();
            ctx.set_stroke_style_str("#fff");
            ctx.stroke();
        }
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
                // The point the star marks: the chosen one, or the lecture's.
                let Some((x1, x2)) = self.marker(session).map(|m| (m.x1, m.x2)) else {
                    return "Click a point to see its arithmetic.".to_string();
                };
                format!(
                    "x = ({}, {}): {}",
                    short_number(x1),
                    short_number(x2),
                    inspect::neuron_arithmetic(p.w0, &p.w, &[x1, x2])
                )
            }
            Panel::Landscape => {
                let loss = |t: &Trainer| {
                    t.history()
                        .last()
                        .map_or("–".to_string(), |r| format!("{:.4}", r.train_loss))
                };
                let Some([w, b]) = two_parameters(&session.trainer().network) else {
                    return String::new();
                };
                let mut lines = vec![format!(
                    "step {}: w = {w:.3}, b = {b:.3}, J(w, b) = {}",
                    self.path.as_ref().map_or(0, |p| p.len().saturating_sub(1)),
                    loss(session.trainer()),
                )];
                for (label, trainer) in self.runs_now(session) {
                    if let Some([w, b]) = two_parameters(&trainer.network) {
                        lines.push(format!(
                            "{label}: w = {w:.3}, b = {b:.3}, J = {}",
                            loss(trainer)
                        ));
                    }
                }
                lines.join("\n")
            }
            Panel::Backprop => self.backprop_text(session),
            Panel::Compare => self
                .runs_now(session)
                .into_iter()
                .map(|(label, trainer)| {
                    let loss = trainer.history().last().map_or(f32::NAN, |r| r.train_loss);
                    let state = if trainer.status() == Status::Diverged {
                        " (diverged)"
                    } else {
                        ""
                    };
                    format!("{label}: training loss {loss:.4}{state}")
                })
                .collect::<Vec<_>>()
                .join("\n"),
            Panel::None => match scene.marker.clone() {
                Some(m) => {
                    let p = session.predict(m.x1, m.x2);
                    match p.as_slice() {
                        [v] => format!(
                            "{} at ({}, {}): the network says {:.3}",
                            m.label,
                            short_number(m.x1),
                            short_number(m.x2),
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

/// Run `i`'s colour in a race (its line on the chart, its path on the landscape), as CSS.
fn run_colour(i: usize) -> String {
    let c = charts::RUN_COLORS[i % charts::RUN_COLORS.len()];
    format!("rgb({},{},{})", c.0, c.1, c.2)
}

/// A number as a person writes it: no trailing zeros, a real minus sign.
fn short_number(v: f32) -> String {
    let s = format!("{:.3}", v);
    let s = s.trim_end_matches('0').trim_end_matches('.');
    s.replace('-', "−")
}

/// The landscape lesson's weight and bias (a single neuron on one input).
fn two_parameters(net: &Network) -> Option<[f32; 2]> {
    let [w, b] = landscape_params(net)?;
    Some([w.value(net)?, b.value(net)?])
}

fn landscape_params(net: &Network) -> Option<[Param; 2]> {
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
        state.landscape_race = false;
        state.run_paths.clear();
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

    /// On the landscape lesson: races SGD, momentum, RMSProp, Adagrad and
    /// Adam from the current start, each drawing its own path (or stops the
    /// race). Returns whether the race is on.
    pub fn race_on_landscape(&mut self, on: bool) -> bool {
        let state = &mut self.lesson;
        if state.panel() != Panel::Landscape {
            return false;
        }
        state.landscape_race = on;
        state.run_paths.clear();
        state.window = None;
        if on {
            state.rebuild_race(&mut self.session);
        } else {
            if let Some(race) = &mut state.race {
                race.show(None, &mut self.session);
            }
            state.race = None;
            state.race_scene = None;
            state.shown_run = 0;
        }
        self.dirty = true;
        state.race.is_some()
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

    /// Moves the chosen weight by keyboard: `layers` columns of links to the
    /// right (negative: left), `links` along its column (wrapping); from
    /// the first link when none is chosen. Returns `[layer, from, to]`.
    pub fn step_weight(&mut self, layers: i32, links: i32) -> Vec<u32> {
        let net = &self.session.trainer().network;
        let count = net.layers.len() as i32;
        if count == 0 {
            return Vec::new();
        }
        let (layer, index) = match self.lesson.chosen_weight {
            Some((layer, from, to)) => {
                let l = &net.layers[(layer - 1).min(net.layers.len() - 1)];
                (layer as i32 + layers, (from * l.units + to) as i32 + links)
            }
            None => (1, 0),
        };
        let layer = layer.clamp(1, count) as usize;
        let l = &net.layers[layer - 1];
        let index = index.rem_euclid((l.inputs * l.units).max(1) as i32) as usize;
        let (from, to) = (index / l.units.max(1), index % l.units.max(1));
        self.lesson.chosen_weight = Some((layer, from, to));
        self.dirty = true;
        vec![layer as u32, from as u32, to as u32]
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
        let shown = self.lesson.race.as_ref().and_then(Race::shown);
        self.lesson
            .runs_now(&self.session)
            .into_iter()
            .enumerate()
            .map(|(i, (label, trainer))| {
                let o = Object::new();
                set(&o, "label", label);
                set(&o, "epoch", trainer.epoch() as f64);
                set(
                    &o,
                    "trainLoss",
                    super::optional(trainer.history().last().map(|r| r.train_loss)),
                );
                set(&o, "diverged", trainer.status() == Status::Diverged);
                set(&o, "shown", Some(i) == shown);
                set(&o, "colour", run_colour(i));
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
