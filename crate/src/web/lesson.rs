//! A lesson's panel in the browser: the loss landscape with gradient
//! descent's path, the gradient bars, or the race's loss chart, drawn on the
//! lesson canvas; and the wasm exports that drive the lesson. What the
//! lesson remembers and says lives in `scene` (`Classroom`, `LessonState`).

use super::canvas::{Blitter, Canvas};
use super::{charts, set, Playground};
use crate::decimal::{Exp, Fixed};
use crate::nn::{Status, Trainer};
use crate::scene::compare::RaceAxis;
use crate::scene::describe::column_name;
use crate::scene::lesson_state::{landscape_params, two_parameters, WeightAt};
use crate::scene::lesson_text::axis_title;
use crate::scene::lessons::{self, Panel, Perceptron};
use crate::scene::Classroom;
use crate::view::landscape::{self, Span, Window};
use crate::view::layout::Hit;
use crate::view::surface3d::{self, Camera};
use js_sys::{Array, Object};
use wasm_bindgen::prelude::*;
use web_sys::HtmlCanvasElement;

/// A near miss within this many CSS pixels (a fingertip) still chooses a point.
const TOUCH_RADIUS: f64 = 22.0;
/// Cells per side of the loss landscape.
const LANDSCAPE_CELLS: usize = 128;
/// Where the landscape looks first: the lesson's start, (−1.5, 2), and the
/// bowl's bottom near (0.25, −0.5), with room round both.
const FIRST_WINDOW: Window = Window {
    first: Span { lo: -2.5, hi: 3.0 },
    second: Span { lo: -3.5, hi: 2.5 },
};

/// The landscape as last computed: the window it covers, its values and
/// pixels, and what they were computed for.
#[derive(Default)]
pub struct LandscapeView {
    window: Option<Window>,
    surface: Option<landscape::Surface>,
    /// The points the surface was computed on.
    surface_points: Vec<crate::data::Point>,
    surface_pixels: Vec<u8>,
    /// The lesson's path restarts when the window was chosen (it recentres on a restart).
    restarts: u64,
    /// The surface's contour lines (picture coordinates), each with whether it is drawn dark.
    contours: Vec<(Vec<landscape::Segment>, bool)>,
    /// Where the 3-D view looks from (the student turns it).
    pub camera: Camera,
}

/// Vertices a side of the 3-D mesh: fine enough for a smooth bowl, few
/// enough quads (31²) to fill every frame.
const MESH_SIDE: usize = 32;

/// Draws the lesson's panel on the lesson canvas.
pub fn render(
    canvas: &Canvas,
    surface_canvas: Option<&Canvas>,
    blitter: &mut Blitter,
    view: &mut LandscapeView,
    class: &mut Classroom,
    t: &crate::i18n::Catalogue,
) -> Result<(), JsValue> {
    class.lesson_drawn();
    let lesson = class.lesson();
    match lesson.panel() {
        Panel::Landscape => draw_landscape(canvas, surface_canvas, blitter, view, class, t),
        Panel::Backprop => draw_gradient_bars(canvas, class, t),
        Panel::Compare => {
            let axis = lesson.race_axis();
            let labels = class.run_labels(t);
            let runs: Vec<_> = class
                .runs()
                .into_iter()
                .zip(&labels)
                .map(|((_, trainer), label)| race_curve(label, trainer, axis))
                .collect();
            charts::race(canvas, &runs, lesson.shown_run(), axis_title(axis, t));
            Ok(())
        }
        Panel::None | Panel::Perceptron => Ok(()),
    }
}

fn draw_landscape(
    canvas: &Canvas,
    surface_canvas: Option<&Canvas>,
    blitter: &mut Blitter,
    view: &mut LandscapeView,
    class: &Classroom,
    t: &crate::i18n::Catalogue,
) -> Result<(), JsValue> {
    let session = class.session();
    let lesson = class.lesson();
    let net = &session.trainer().network;
    let (Some(params), Some(here)) = (landscape_params(net), two_parameters(net)) else {
        return Ok(());
    };
    // One path and dot, or while the optimisers race one of each per run.
    let racing = lesson.racing();
    let paths = lesson.paths();
    let dots: Vec<(f32, f32)> = match racing {
        true => class
            .runs()
            .iter()
            .filter_map(|(_, t)| two_parameters(&t.network))
            .map(|[w, b]| (w, b))
            .collect(),
        false => vec![(here[0], here[1])],
    };
    // The window moves only when a dot leaves it, so the picture holds still.
    let inside = |w: &Window| dots.iter().all(|&d| w.contains(d));
    if view.restarts != lesson.restarts() {
        view.restarts = lesson.restarts();
        view.window = None;
    }
    let window = match view.window {
        Some(w) if inside(&w) => w,
        None if inside(&FIRST_WINDOW) => FIRST_WINDOW,
        _ => Window::around(paths.iter().flatten().chain(&dots).copied(), 0.3),
    };
    let samples = session.trainer().train_samples();
    if view.window != Some(window) || view.surface_points != session.scene().points {
        view.surface = landscape::surface(net, samples, params, window, LANDSCAPE_CELLS);
        view.surface_points = session.scene().points.clone();
        view.contours.clear();
        if let Some(surface) = &view.surface {
            landscape::paint(&surface.values, surface.cells, &mut view.surface_pixels);
            for (level, dark) in landscape::contour_levels(surface.min, surface.max) {
                let lines = landscape::contour(&surface.values, surface.cells, level);
                view.contours.push((lines, dark));
            }
        }
        view.window = Some(window);
    }
    if let (Some(surface_canvas), Some(surface)) = (surface_canvas, &view.surface) {
        let colours: Vec<_> = (0..paths.len().max(dots.len()))
            .map(|i| match racing {
                true => run_colour(i),
                false => "#ff3b30".to_string(),
            })
            .collect();
        draw_surface(
            surface_canvas,
            surface,
            view.camera,
            &paths,
            &dots,
            &colours,
            t,
        );
    }
    let ctx = canvas.ctx();
    // Device pixels throughout (the canvas's backing store, untransformed).
    let (w, h) = (canvas.width * canvas.ratio, canvas.height * canvas.ratio);
    ctx.set_fill_style_str("#fff");
    ctx.fill_rect(0.0, 0.0, w, h);
    if view.surface.is_none() {
        return Ok(());
    }
    blitter.draw(
        &view.surface_pixels,
        LANDSCAPE_CELLS as u32,
        ctx,
        (0.0, 0.0, w, h),
    )?;
    let cell_to_px = |(x, y): (f32, f32)| {
        (
            x as f64 * w / LANDSCAPE_CELLS as f64,
            y as f64 * h / LANDSCAPE_CELLS as f64,
        )
    };
    let to_px = |(a, b): (f32, f32)| cell_to_px(window.to_cell((a, b), LANDSCAPE_CELLS));
    // Smooth contour lines, antialiased by the canvas: dark on the bright
    // heights, light in the dark valley.
    ctx.set_line_width(canvas.ratio);
    for (lines, dark) in &view.contours {
        ctx.set_stroke_style_str(match dark {
            true => "rgba(30,30,30,0.5)",
            false => "rgba(255,255,255,0.55)",
        });
        ctx.begin_path();
        for [a, b] in lines {
            let ((ax, ay), (bx, by)) = (cell_to_px(*a), cell_to_px(*b));
            ctx.move_to(ax, ay);
            ctx.line_to(bx, by);
        }
        ctx.stroke();
    }
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
    let label = |v: f32| format!("{}", Fixed(v, 1)).replace('-', "−");
    // White on a dark box: readable over any colour of the surface.
    let text = |s: &str, (x, y): (i32, i32), align: &str| {
        charts::set_font_size(canvas, 11.0);
        let width = ctx.measure_text(s).map_or(80.0, |m| m.width());
        let left = match align {
            "right" => x as f64 - width,
            _ => x as f64,
        };
        let pad = 4.0 * canvas.ratio;
        ctx.set_fill_style_str("rgba(20,20,20,0.8)");
        ctx.fill_rect(
            left - pad,
            y as f64 - 12.0 * canvas.ratio,
            width + 2.0 * pad,
            16.0 * canvas.ratio,
        );
        charts::fill_text(canvas, s, (x, y), align, "#fff");
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

/// The surface J(w, b) in 3-D: shaded quads far to near, then the path
/// and the dots lifted onto it (drawn last: never hidden behind the bowl's rim).
fn draw_surface(
    canvas: &Canvas,
    surface: &landscape::Surface,
    camera: Camera,
    paths: &[Vec<(f32, f32)>],
    dots: &[(f32, f32)],
    colours: &[String],
    t: &crate::i18n::Catalogue,
) {
    let ctx = canvas.ctx();
    let r = canvas.ratio;
    let (w, h) = (canvas.width * r, canvas.height * r);
    ctx.set_fill_style_str("#fff");
    ctx.fill_rect(0.0, 0.0, w, h);
    let half = 0.5 * w.min(h) * 0.94;
    let to_px = |(x, y): (f32, f32)| (0.5 * w + x as f64 * half, 0.5 * h + y as f64 * half);
    ctx.set_line_width(0.6 * r);
    ctx.set_line_join("round");
    for quad in surface3d::mesh(surface, MESH_SIDE, camera) {
        let [c0, c1, c2] = quad.colour;
        let style = format!("rgb({c0},{c1},{c2})");
        ctx.set_fill_style_str(&style);
        // The same colour round the edge closes the hairline seams between quads.
        ctx.set_stroke_style_str(&style);
        ctx.begin_path();
        for (k, &corner) in quad.corners.iter().enumerate() {
            let (x, y) = to_px(corner);
            if k == 0 {
                ctx.move_to(x, y);
            } else {
                ctx.line_to(x, y);
            }
        }
        ctx.close_path();
        ctx.fill();
        ctx.stroke();
    }
    let window = surface.window;
    let lifted = |p: (f32, f32)| surface3d::lift(surface, &window, camera, p).map(to_px);
    for (i, path) in paths.iter().enumerate() {
        for (width, style) in [(3.5, "rgba(255,255,255,0.9)"), (1.5, colours[i].as_str())] {
            ctx.set_line_width(width * r);
            ctx.set_stroke_style_str(style);
            ctx.begin_path();
            let mut pen_down = false;
            for &p in path {
                match lifted(p) {
                    Some((x, y)) if pen_down => ctx.line_to(x, y),
                    Some((x, y)) => {
                        ctx.move_to(x, y);
                        pen_down = true;
                    }
                    None => pen_down = false,
                }
            }
            ctx.stroke();
        }
    }
    ctx.set_line_width(1.5 * r);
    for (i, &dot) in dots.iter().enumerate() {
        let Some((x, y)) = lifted(dot) else { continue };
        ctx.begin_path();
        let _ = ctx.arc(x, y, 5.0 * r, 0.0, std::f64::consts::TAU);
        ctx.set_fill_style_str(&colours[i]);
        ctx.fill();
        ctx.set_stroke_style_str("#fff");
        ctx.stroke();
    }
    charts::text(
        canvas,
        t.surface_hint,
        ((w / 2.0) as i32, (h - 6.0 * r) as i32),
        11.0,
        "center",
        charts::TEXT,
    );
}

/// A run's losses along the race chart's axis; counted in steps, with
/// every step's batch loss too.
fn race_curve<'a>(name: &'a str, trainer: &Trainer, axis: RaceAxis) -> charts::RaceCurve<'a> {
    let losses = trainer
        .history()
        .iter()
        .map(|r| (axis.at_epoch(trainer, r.epoch), r.train_loss))
        .collect();
    let batch_losses = match (axis, trainer.step_log()) {
        (RaceAxis::Steps, Some(log)) => log
            .entries()
            .iter()
            .map(|&(step, loss)| (step as f64, loss))
            .collect(),
        _ => Vec::new(),
    };
    charts::RaceCurve {
        name,
        losses,
        batch_losses,
    }
}

/// Run `i`'s colour in a race (its line on the chart, its path on the landscape), as CSS.
fn run_colour(i: usize) -> String {
    let c = charts::RUN_COLORS[i % charts::RUN_COLORS.len()];
    format!("rgb({},{},{})", c.0, c.1, c.2)
}

/// One bar per layer: the mean size of dJ/dw, on a log scale, so that
/// vanishing gradients in deep sigmoid networks show as short bars.
fn draw_gradient_bars(
    canvas: &Canvas,
    class: &Classroom,
    t: &crate::i18n::Catalogue,
) -> Result<(), JsValue> {
    let sizes = class.layer_gradient_sizes();
    let trainer = class.session().trainer();
    let ctx = canvas.ctx();
    let r = canvas.ratio;
    // Device pixels throughout (the canvas's backing store, untransformed).
    let (w, h) = (canvas.width * r, canvas.height * r);
    ctx.set_fill_style_str("#fff");
    ctx.fill_rect(0.0, 0.0, w, h);
    charts::text(
        canvas,
        t.gradient_bars_title,
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
    let (top, bottom) = (34.0 * r, h - 30.0 * r);
    let net = &trainer.network;
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
        // The layer's name as the diagram's hover and the text say it, on two lines.
        let name = column_name(i + 1, net, t);
        let (first, second) = name.split_once(' ').unwrap_or((&name, ""));
        for (line, y) in [(first, 18.0), (second, 6.0)] {
            charts::text(
                canvas,
                line,
                (x, (h - y * r) as i32),
                11.0,
                "center",
                charts::TEXT,
            );
        }
        charts::text(
            canvas,
            &format!("{}", Exp(size, Some(0))),
            (x, (bottom - height - 4.0 * r) as i32),
            10.0,
            "center",
            charts::TEXT,
        );
    }
    Ok(())
}

/// The lessons, for the page's menu: `{name, title}` each, titled in
/// language `code` (English if it is not loaded).
#[wasm_bindgen]
pub fn lesson_list(code: &str) -> Array {
    let t = crate::i18n::language(code).unwrap_or(&crate::i18n::ENGLISH);
    lessons::all()
        .iter()
        .map(|l| {
            let o = Object::new();
            set(&o, "name", l.name);
            set(&o, "title", l.title(t));
            JsValue::from(o)
        })
        .collect()
}

#[wasm_bindgen]
impl Playground {
    /// The canvas a lesson's panel draws on (the landscape, the gradient bars, the race).
    pub fn set_lesson_canvas(&mut self, canvas: HtmlCanvasElement) -> Result<(), JsValue> {
        self.lesson_canvas = Some(Canvas::drawn_often(canvas)?);
        self.resized = true;
        self.dirty = true;
        Ok(())
    }

    /// The canvas the landscape lesson draws its surface on in 3-D.
    pub fn set_surface_canvas(&mut self, canvas: HtmlCanvasElement) -> Result<(), JsValue> {
        self.surface_canvas = Some(Canvas::drawn_often(canvas)?);
        self.resized = true;
        self.dirty = true;
        Ok(())
    }

    /// Turns the 3-D surface as a drag of (dx, dy) CSS pixels would: across
    /// turns the bowl, down raises the eye. Returns `[yaw, pitch]` in radians.
    pub fn turn_surface(&mut self, dx: f32, dy: f32) -> Vec<f32> {
        self.landscape.camera.turn(dx, dy);
        self.dirty = true;
        vec![self.landscape.camera.yaw, self.landscape.camera.pitch]
    }

    /// Loads a lesson: its scene and starting weights. Returns what the page
    /// shows around it: `{name, title, caption, controls, panel}`.
    pub fn load_lesson(&mut self, name: &str) -> Result<JsValue, JsError> {
        let lesson = lessons::find(name).ok_or_else(|| {
            let names: Vec<_> = lessons::all().iter().map(|l| l.name).collect();
            JsError::new(&crate::i18n::fill(
                self.t.api_no_lesson,
                &[
                    ("name", &crate::data::shorten(name)),
                    ("names", &names.join(", ")),
                ],
            ))
        })?;
        self.class.load_lesson(lesson);
        let hidden_layers = self.class.session().scene().hidden.len();
        self.inside.lesson_loaded(lesson.name, hidden_layers);
        // A new diagram: what the pointer was over is gone until it moves again.
        self.hovered = None;
        self.dirty = true;
        self.resized = true;
        let o = Object::new();
        set(&o, "name", lesson.name);
        set(&o, "title", lesson.title(self.t));
        set(&o, "caption", lesson.caption(self.t));
        set(&o, "controls", lesson.controls.join(","));
        set(&o, "panel", panel_name(lesson.panel));
        Ok(o.into())
    }

    /// On the landscape lesson: races SGD, momentum, RMSProp, Adagrad and
    /// Adam from the current start, each drawing its own path (or stops the
    /// race). Returns whether the race is on.
    pub fn race_on_landscape(&mut self, on: bool) -> bool {
        self.dirty = true;
        self.class.race_on_landscape(on)
    }

    /// Back to free play: the lesson's panel goes; the scene stays.
    pub fn leave_lesson(&mut self) {
        self.class.leave_lesson();
        self.dirty = true;
    }

    /// The lesson's closing question, `{ask, reached, answered}`, or null
    /// outside a lesson: `answered` once the playground is in a state that
    /// answers it.
    pub fn lesson_question(&self) -> JsValue {
        let Some(lesson) = self.class.lesson().current() else {
            return JsValue::NULL;
        };
        let Some(question) = crate::scene::questions::of(lesson.name) else {
            return JsValue::NULL;
        };
        let o = Object::new();
        set(&o, "ask", (question.ask)(self.t));
        set(&o, "reached", (question.reached)(self.t));
        set(&o, "answered", (question.answered)(&self.class));
        o.into()
    }

    /// The loaded lesson's name, or "".
    pub fn lesson_name(&self) -> String {
        self.class
            .lesson()
            .current()
            .map_or(String::new(), |l| l.name.to_string())
    }

    /// What the lesson's panel says in words.
    pub fn lesson_text(&mut self) -> String {
        self.class.lesson_text_in(self.t)
    }

    /// The single neuron's weights [w0, w1, w2], or empty if the network is not one.
    pub fn neuron(&self) -> Vec<f32> {
        Perceptron::of(&self.class.session().trainer().network)
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
        self.class
            .set_neuron(Perceptron { w0, w: [w1, w2] })
            .map_err(|e| JsError::new(&e))?;
        self.dirty = true;
        Ok(())
    }

    /// Chooses the point nearest CSS pixel (x, y), within a fingertip, for
    /// the perceptron's arithmetic: a near miss chooses, never adds a point.
    pub fn choose_point(&mut self, x: f64, y: f64) -> bool {
        let frame = self.frame();
        let (x1, x2) = frame.to_input(x, y);
        let session = self.class.session();
        let nearest = session.nearest_point(x1, x2, frame.reach(TOUCH_RADIUS));
        let chosen = nearest.is_some_and(|i| self.class.choose_point(i));
        self.dirty |= chosen;
        chosen
    }

    /// Chooses the weight drawn under CSS pixel (x, y) of the network diagram
    /// for the chain rule.
    pub fn choose_weight(&mut self, x: f64, y: f64) -> bool {
        match self.layout.hit(x as f32, y as f32) {
            Some(Hit::Link { layer, from, to }) => {
                let chosen = self.class.choose_weight(WeightAt { layer, from, to });
                self.dirty |= chosen;
                chosen
            }
            _ => false,
        }
    }

    /// Moves the chosen weight by keyboard: `layers` columns of links to the
    /// right (negative: left), `links` along its column (wrapping); from
    /// the first link when none is chosen. Returns `[layer, from, to]`.
    pub fn step_weight(&mut self, layers: i32, links: i32) -> Vec<u32> {
        self.dirty = true;
        self.class
            .step_weight(layers, links)
            .map_or(Vec::new(), |w| {
                vec![w.layer as u32, w.from as u32, w.to as u32]
            })
    }

    /// The chosen weight by its name in the diagram ("input x1 → hidden
    /// layer 1 unit 3"), or "" when none is chosen.
    pub fn chosen_weight_name(&self) -> String {
        let session = self.class.session();
        self.class
            .lesson()
            .chosen_weight()
            .map_or(String::new(), |w| {
                let net = &session.trainer().network;
                crate::scene::describe::link_name(
                    session.scene(),
                    net,
                    w.layer,
                    w.from,
                    w.to,
                    self.t,
                )
            })
    }

    /// Chooses the weight by position: `layer` 1 is the first layer of weights.
    pub fn choose_weight_at(&mut self, layer: u32, from: u32, to: u32) -> bool {
        let at = WeightAt {
            layer: layer as usize,
            from: from as usize,
            to: to as usize,
        };
        let chosen = self.class.choose_weight(at);
        self.dirty |= chosen;
        chosen
    }

    /// The compare lesson's runs: `{label, trainLoss, diverged, shown}` each.
    pub fn lesson_runs(&self) -> Array {
        let shown = self.class.lesson().race().and_then(|r| r.shown());
        let labels = self.class.run_labels(self.t);
        self.class
            .runs()
            .into_iter()
            .zip(labels)
            .enumerate()
            .map(|(i, ((_, trainer), label))| {
                let o = Object::new();
                set(&o, "label", label);
                set(&o, "epoch", trainer.epoch() as f64);
                // Where the run's curve ends along the chart's axis.
                let axis = self.class.lesson().race_axis();
                set(&o, "xEnd", axis.at_epoch(trainer, trainer.epoch()));
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

    /// Counts the race chart across "epochs", "steps" (gradient steps) or
    /// "examples" (processed); the chart's x-axis title comes back.
    pub fn set_race_axis(&mut self, name: &str) -> Result<String, JsError> {
        let axis = RaceAxis::from_name(name).ok_or_else(|| {
            JsError::new(&format!(
                "'{}' is not an axis of the race chart (epochs, steps or examples)",
                crate::data::shorten(name)
            ))
        })?;
        self.class.set_race_axis(axis);
        self.dirty = true;
        Ok(axis_title(axis, self.t).to_string())
    }

    /// Shows run `index` of the compare lesson on the playground.
    pub fn show_run(&mut self, index: u32) -> bool {
        let shown = self.class.show_run(index as usize);
        self.dirty |= shown;
        shown
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
