//! The page's one exported type: a `Playground` bound to its canvases. The
//! boundary is coarse: train a frame, render, edit points, set by name.

// The benchmark's exports, only in a build for `make bench-browser`.
#[cfg(feature = "bench")]
mod bench;
mod canvas;
mod charts;
mod draw;
mod editing;
mod handover;
mod inside;
mod lesson;
mod painter;
mod points;
mod texts;
mod words;

pub use painter::Painter;

use crate::data::{Preset, Task};
use crate::i18n::Catalogue;
use crate::scene::confusion::{self, Confusion};
use crate::scene::{Classroom, Scene};
use crate::view::drawn_from::DrawnFrom;
use crate::view::field::FieldKind;
use crate::view::layout::{Hit, Layout};
use crate::view::links;
use crate::view::pictures::{picture_count, Atlas, UNIT_PICTURE};
use crate::view::snapshot::{shape_key, Snapshot};
use canvas::{Blitter, Canvas, StretchedPicture};
use draw::Frame;
use js_sys::{Object, Reflect};
use wasm_bindgen::prelude::*;
use web_sys::HtmlCanvasElement;

/// Colour-field cells per side when still.
const FIELD_STILL: usize = 256;
/// While training, the field is as fine as this many multiply-adds allow
/// (a frame's share of the work), between these sizes.
const FIELD_TRAINING_WORK: usize = 6_000_000;
/// The same for the worker, which has a core of its own (workload (b)'s
/// 256² field is 22.5 M multiply-adds).
const FIELD_WORKER_WORK: usize = 24_000_000;
const FIELD_TRAINING_SIZES: [usize; 5] = [256, 192, 128, 96, 64];
/// The checkpoints of every playground's timeline on a page, in bytes: one
/// or two playgrounds hold a full timeline each, twenty a tenth of one.
const PAGE_TIMELINE_BYTES: usize = 12_000_000;

/// Points within this many CSS pixels count as under the mouse.
const PICK_RADIUS: f64 = 8.0;

thread_local! {
    /// The message of the last panic, for the page's banner on the playground that hit it.
    static LAST_PANIC: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
    /// What paints pictures and links on the page, one for every playground:
    /// they paint in turn and keep the results in canvases, and a large
    /// network's painting needs several megabytes of scratch.
    static PAINTER: std::cell::RefCell<painter::Painter> = std::cell::RefCell::default();
    /// Playgrounds alive on the page (made and not yet freed).
    static PLAYGROUNDS: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// A playground's share of the page's timeline budget.
fn timeline_share() -> usize {
    let playgrounds = PLAYGROUNDS.get().max(1);
    (PAGE_TIMELINE_BYTES / playgrounds).min(crate::scene::timeline::BUDGET_BYTES)
}

#[wasm_bindgen(start)]
pub fn start() {
    std::panic::set_hook(Box::new(|info| {
        let message = format!("descent: {info}");
        web_sys::console::error_1(&message.as_str().into());
        LAST_PANIC.with(|last| *last.borrow_mut() = Some(message));
    }));
}

/// The message of the most recent panic (then forgotten), if there was one.
#[wasm_bindgen]
pub fn take_panic_message() -> Option<String> {
    LAST_PANIC.with(|last| last.borrow_mut().take())
}

/// Every setting's name, for pages that read or save a whole scene.
#[wasm_bindgen]
pub fn setting_names() -> Vec<String> {
    crate::scene::settings::NAMES
        .iter()
        .map(|n| n.to_string())
        .collect()
}

/// The longest scene text (a link, an attribute, a saved scene) read, in
/// characters: the page checks lengths against it before handing text over.
#[wasm_bindgen]
pub fn max_scene_text() -> u32 {
    crate::scene::text::MAX_TEXT as u32
}

/// The largest points file read, in bytes (UTF-8).
#[wasm_bindgen]
pub fn max_file_bytes() -> u32 {
    crate::data::io::MAX_FILE_BYTES as u32
}

/// What the page's controls offer, from the tables that define them (so no
/// list is written twice): every setting with its choices (`{value, title}`)
/// or range (`min`, `max`, `step`), the presets, the control groups, and
/// the limits a control needs.
#[wasm_bindgen]
pub fn controls() -> JsValue {
    use crate::scene::settings::{Values, SETTINGS};
    let choice = |value: &str, title: &str| {
        let o = Object::new();
        set(&o, "value", value);
        set(&o, "title", title);
        JsValue::from(o)
    };
    let settings = js_sys::Array::new();
    for row in &SETTINGS {
        let o = Object::new();
        set(&o, "name", row.name);
        match row.values {
            Values::Choice(all) => {
                set(&o, "kind", "choice");
                let list: js_sys::Array = all().into_iter().map(|(v, t)| choice(v, t)).collect();
                set(&o, "choices", list);
            }
            Values::Number { min, max, step } => {
                set(&o, "kind", "number");
                set(&o, "min", min);
                set(&o, "max", max);
                set(&o, "step", step);
            }
            Values::List => set(&o, "kind", "list"),
        }
        settings.push(&o);
    }
    let presets: js_sys::Array = Preset::ALL
        .iter()
        .map(|p| choice(p.name(), p.title(&crate::i18n::ENGLISH)))
        .collect();
    let groups: js_sys::Array = crate::scene::lessons::CONTROLS
        .iter()
        .map(|&g| JsValue::from(g))
        .collect();
    let o = Object::new();
    set(&o, "settings", settings);
    set(&o, "presets", presets);
    set(&o, "controlGroups", groups);
    set(&o, "maxPoints", crate::scene::MAX_POINTS as f64);
    set(&o, "maxUnits", crate::scene::MAX_UNITS as f64);
    o.into()
}

/// Every string of language `code` as `{key: text}` (null if it is neither
/// English nor loaded): the page's JavaScript takes its words from here.
#[wasm_bindgen]
pub fn strings(code: &str) -> JsValue {
    crate::i18n::language(code).map_or(JsValue::NULL, catalogue_object)
}

/// Reads language `code` from its file's text (`www/lang/<code>.json`) and
/// returns its strings as `strings` does; a file that is not key and text is
/// refused with the reason. A string the file lacks stays English.
#[wasm_bindgen]
pub fn load_language(code: &str, text: &str) -> Result<JsValue, JsError> {
    let t = crate::i18n::register(code, text).map_err(|e| JsError::new(&e))?;
    Ok(catalogue_object(t))
}

/// The shown title of choice `value` of setting `setting` in language
/// `code` (`english`, the table's title, where it has no other).
#[wasm_bindgen]
pub fn choice_title(code: &str, setting: &str, value: &str, english: String) -> String {
    let t = crate::i18n::language(code).unwrap_or(&crate::i18n::ENGLISH);
    let shown = crate::i18n::choice_title(t, setting, value, "");
    if shown.is_empty() {
        english
    } else {
        shown.to_string()
    }
}

/// The presets' titles in language `code`, in the order `controls()` lists them.
#[wasm_bindgen]
pub fn preset_titles(code: &str) -> Vec<String> {
    let t = crate::i18n::language(code).unwrap_or(&crate::i18n::ENGLISH);
    Preset::ALL.iter().map(|p| p.title(t).to_string()).collect()
}

fn catalogue_object(t: &Catalogue) -> JsValue {
    let o = Object::new();
    for (key, text) in t.entries() {
        set(&o, key, text);
    }
    o.into()
}

fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or_else(js_sys::Date::now, |p| p.now())
}

fn random_seed() -> u64 {
    let mut bytes = [0u8; 4];
    match getrandom::fill(&mut bytes) {
        Ok(()) => u32::from_le_bytes(bytes) as u64,
        Err(_) => now_ms() as u64 & 0xFFFF_FFFF,
    }
}

#[wasm_bindgen]
pub struct Playground {
    /// The session and the lesson taught on it.
    class: Classroom,
    data: Canvas,
    /// The colour field beneath the data canvas, at its own resolution.
    field: StretchedPicture,
    network: Canvas,
    loss: Canvas,
    activation: Option<Canvas>,
    blitter: Blitter,
    overlay: draw::DataOverlay,
    /// The crowded links as last rasterised, kept by the browser.
    links: canvas::KeptPicture,
    /// What the link raster was last drawn from here (diagram included).
    links_drawn: DrawnFrom,
    /// The link raster came from the worker, with its pictures, for the
    /// diagram as it is now.
    links_from_worker: bool,
    /// The colour field as last painted (`field_size²` RGBA pixels).
    field_pixels: Vec<u8>,
    field_size: usize,
    /// Every unit's picture as last painted, in its atlas (`pictures::Atlas`).
    unit_tiles: canvas::KeptPicture,
    /// What the pictures are pictures of (`snapshot::shape_key`).
    pictures_key: Vec<f32>,
    /// The pictures came from the worker: while training goes on they stand
    /// until its next ones arrive, instead of being painted here.
    pictures_from_worker: bool,
    /// What the pictures were last painted from here (field size included).
    pictures_drawn: DrawnFrom,
    layout: Layout,
    /// Something changed since the last render.
    dirty: bool,
    /// Milliseconds the last render of each half took: the data canvas, and
    /// the diagram with the charts (deciding whether to draw in halves).
    render_cost: [f64; 2],
    /// The half a render drawing in halves draws next.
    next_half: Half,
    /// Trained since the last render: draw the field coarser to keep up.
    trained: bool,
    /// The last render was coarse: draw once more at full resolution.
    coarse_shown: bool,
    /// The page's layout changed: measure the canvases again.
    resized: bool,
    /// The diagram's canvas is on screen (as the page last said): off
    /// screen, as below a phone's first screenful, it is not drawn while
    /// training.
    diagram_on_screen: bool,
    /// A render passed the diagram by while it was off screen.
    diagram_behind: bool,
    /// The activation the activation plot shows (redrawn only on change).
    plotted_activation: Option<crate::nn::Activation>,
    /// The lesson panel's canvas, and the landscape as last computed for it.
    lesson_canvas: Option<Canvas>,
    /// The unit or link of the diagram under the pointer: highlighted, and
    /// a hovered unit's picture fills the data canvas.
    hovered: Option<Hit>,
    /// The landscape lesson's surface in 3-D.
    surface_canvas: Option<Canvas>,
    landscape: lesson::LandscapeView,
    /// How long each part of the last render took (for the browser benchmark).
    render_laps: Laps,
    /// The keyboard's cursor on the data canvas (CSS pixels), while it has focus.
    cursor: Option<(f64, f64)>,
    /// The views inside the training: the rate schedule's chart.
    inside: inside::Inside,
    /// The language this playground speaks (each playground its own).
    t: &'static Catalogue,
    /// The confusion matrices of the training and test points, as last drawn.
    confusion: [Option<Confusion>; 2],
    /// The confusion matrix cell whose points are ringed: test set or not, (true, predicted).
    ringed_cell: Option<(bool, (usize, usize))>,
    /// The marker's place and the network's outputs there, as last shown.
    marker_reading: Option<((f32, f32), Vec<f32>)>,
    /// The page writes its words after the next render (`words_due`).
    words_due: bool,
}

/// A render's milliseconds above which, while training, it draws in
/// halves on alternate frames (the scheduler's own work per frame is 12 ms):
/// the largest network's render, with its diagram on screen, takes about
/// that on a CPU eight times slower than this machine's.
const SPLIT_RENDER_ABOVE_MS: f64 = 12.0;

/// The halves of a render drawn on alternate frames while it runs long.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Half {
    /// The colour field, points, rings and marker.
    Data,
    /// The network diagram, the loss chart and the panels beside them.
    Rest,
}

/// Milliseconds spent in each named part of one render, in order.
#[derive(Default)]
struct Laps {
    since: f64,
    parts: Vec<(&'static str, f64)>,
}

impl Laps {
    fn start(&mut self) {
        self.parts.clear();
        self.since = now_ms();
    }

    /// Ends the part called `name`, which began at the last lap.
    fn lap(&mut self, name: &'static str) {
        let now = now_ms();
        self.parts.push((name, now - self.since));
        self.since = now;
    }
}

/// How the output is coloured for a scene's task, in its palette.
fn field_kind(scene: &Scene) -> FieldKind {
    match scene.task {
        Task::Regression => FieldKind::Value { scale: 1.0 },
        Task::Classification { .. } => FieldKind::Classes {
            palette: scene.palette,
        },
    }
}

/// The finest field whose grid pass fits `work` multiply-adds.
fn field_size_for(net: &crate::nn::Network, work: usize) -> usize {
    let per_cell: usize = net.layers.iter().map(|l| l.weights.len()).sum();
    FIELD_TRAINING_SIZES
        .into_iter()
        .find(|&size| size * size * per_cell <= work)
        .unwrap_or(FIELD_TRAINING_SIZES[FIELD_TRAINING_SIZES.len() - 1])
}

fn set(object: &Object, key: &str, value: impl Into<JsValue>) {
    let _ = Reflect::set(object, &key.into(), &value.into());
}

fn optional(v: Option<f32>) -> JsValue {
    v.filter(|v| v.is_finite())
        .map_or(JsValue::NULL, |v| JsValue::from_f64(v as f64))
}

impl Drop for Playground {
    fn drop(&mut self) {
        PLAYGROUNDS.set(PLAYGROUNDS.get().saturating_sub(1));
    }
}

#[wasm_bindgen]
impl Playground {
    /// Binds a playground to its canvases: the data (the points and
    /// marks, transparent), the colour field and the misclassified points'
    /// rings laid beneath it, the network diagram, the loss chart and
    /// (optionally) the activation plot.
    #[wasm_bindgen(constructor)]
    pub fn new(
        data: HtmlCanvasElement,
        field: HtmlCanvasElement,
        rings: HtmlCanvasElement,
        network: HtmlCanvasElement,
        loss: HtmlCanvasElement,
        activation: Option<HtmlCanvasElement>,
    ) -> Result<Playground, JsValue> {
        let network = Canvas::drawn_often(network)?;
        let layout = Layout::new(&[], network.width as f32, network.height as f32);
        let playground = Playground {
            class: Classroom::new(Scene::default()),
            data: Canvas::new(data)?,
            field: StretchedPicture::new(field)?,
            network,
            loss: Canvas::drawn_often(loss)?,
            activation: activation.map(Canvas::new).transpose()?,
            blitter: Blitter::new()?,
            overlay: draw::DataOverlay::new(rings)?,
            links: canvas::KeptPicture::new()?,
            links_from_worker: false,
            links_drawn: DrawnFrom::default(),
            field_pixels: Vec::new(),
            field_size: 0,
            unit_tiles: canvas::KeptPicture::new()?,
            pictures_key: Vec::new(),
            pictures_from_worker: false,
            pictures_drawn: DrawnFrom::default(),
            layout,
            dirty: true,
            trained: false,
            render_cost: [0.0; 2],
            next_half: Half::Data,
            coarse_shown: false,
            resized: true,
            diagram_on_screen: true,
            diagram_behind: false,
            plotted_activation: None,
            lesson_canvas: None,
            hovered: None,
            surface_canvas: None,
            landscape: Default::default(),
            render_laps: Laps::default(),
            cursor: None,
            inside: Default::default(),
            t: &crate::i18n::ENGLISH,
            confusion: [None, None],
            ringed_cell: None,
            marker_reading: None,
            words_due: false,
        };
        PLAYGROUNDS.set(PLAYGROUNDS.get() + 1);
        Ok(playground)
    }

    /// Trains up to the scene's epochs per frame, stopping after the
    /// mini-batch that spends `budget_ms` (so a slow machine trains less,
    /// not slower, and a large network's epoch spans frames). Returns the
    /// epochs finished.
    pub fn train_frame(&mut self, budget_ms: f64) -> u32 {
        let start = now_ms();
        let epochs = self.class.session().scene().epochs_per_frame;
        let (steps, finished) = self
            .class
            .train_batches(epochs, || now_ms() - start <= budget_ms);
        if steps > 0 {
            self.trained = true;
            self.dirty = true;
        }
        finished as u32
    }

    /// Trains `epochs` epochs at once (fewer if training stops); returns how many ran.
    pub fn train_epochs(&mut self, epochs: u32) -> u32 {
        let ran = self.class.train_epochs(epochs as usize, || true);
        self.dirty = true;
        ran as u32
    }

    /// Holds the timeline to this playground's share of the page's budget.
    /// The share changes only when a playground is made or freed: the
    /// page's scheduler then calls this on every playground, playing or not.
    pub fn fit_timeline(&mut self) {
        let (before, share) = (self.class.session().timeline().len(), timeline_share());
        self.class.set_timeline_budget(share);
        if self.class.session().timeline().len() != before {
            self.dirty = true;
        }
    }

    /// Whether training can go on (not diverged, stopped early, or finished).
    pub fn can_train(&self) -> bool {
        self.class.can_train()
    }

    pub fn step_batch(&mut self) {
        self.class.step_batch();
        self.dirty = true;
    }

    pub fn step_epoch(&mut self) {
        self.train_epochs(1);
    }

    /// The page writes its words (the numbers and captions beside the
    /// canvases) after the next render: while training, the rings, the
    /// marker's reading and the confusion matrices follow in that render,
    /// so that what the canvases and the words say is of the same weights.
    pub fn words_due(&mut self) {
        self.words_due = true;
    }

    /// Whether `render` would draw anything new.
    pub fn needs_render(&self) -> bool {
        self.dirty || self.class.lesson().is_dirty() || (self.coarse_shown && !self.trained)
    }

    /// Redraws every canvas from the current state.
    pub fn render(&mut self) -> Result<(), JsValue> {
        let training = self.trained;
        self.coarse_shown = training;
        self.trained = false;
        self.dirty = false;
        self.render_laps.start();
        self.class.sync();

        if self.resized {
            for canvas in [&mut self.data, &mut self.network, &mut self.loss] {
                canvas.fit();
            }
            for canvas in [
                &mut self.activation,
                &mut self.lesson_canvas,
                &mut self.surface_canvas,
            ]
            .into_iter()
            .flatten()
            .chain(self.inside.canvases())
            {
                canvas.fit();
            }
            self.plotted_activation = None;
            self.resized = false;
        }
        let scene = self.class.session().scene();
        let (domain, features) = (scene.domain, scene.features);
        let kind = field_kind(scene);
        let net = &self.class.session().trainer().network;

        // While training, the worker's pictures of a frame or two ago stand
        // (if they are of this network); otherwise they are painted here,
        // coarser while training, in full once it stops.
        let key = shape_key(net, features, domain, kind);
        let diagram = draw::diagram(&self.network);
        let from_worker = training && self.pictures_from_worker && self.pictures_key == key;
        if !from_worker {
            let field_size = match training {
                true => field_size_for(net, FIELD_TRAINING_WORK),
                false => FIELD_STILL,
            };
            let mut drawn_key = key.clone();
            drawn_key.push(field_size as f32);
            if !self.pictures_drawn.is(net, &drawn_key) {
                let laps = &mut self.render_laps;
                PAINTER.with_borrow_mut(|painter| {
                    let lap = &mut |part| laps.lap(part);
                    painter.paint_pictures(net, (features, domain), kind, field_size, lap);
                    self.field_pixels.clear();
                    self.field_pixels.extend_from_slice(painter.field());
                    self.field_size = field_size;
                    let (width, height) = Atlas::of(picture_count(net, features)).pixels();
                    self.unit_tiles
                        .store(painter.atlas(), (width as u32, height as u32))
                })?;
                self.pictures_drawn.set(net, &drawn_key);
            }
            self.pictures_key = key;
            self.pictures_from_worker = false;
        }
        self.layout = diagram.layout(net, features);
        // A render that runs long while training draws in halves, on
        // alternate frames: the data canvas, then the diagram and charts.
        let split = training && self.render_cost.iter().sum::<f64>() > SPLIT_RENDER_ABOVE_MS;
        let (draw_data, draw_rest) = match (split, self.next_half) {
            (false, _) => (true, true),
            // The render the words follow draws the points' predictions and
            // the marker's reading: they are what the words say.
            (true, _) if self.words_due => (true, false),
            (true, Half::Data) => (true, false),
            (true, Half::Rest) => (false, true),
        };
        self.next_half = if draw_data && split {
            Half::Rest
        } else {
            Half::Data
        };
        if split {
            self.dirty = true; // the other half is still to draw
        }
        if draw_data {
            let start = now_ms();
            self.render_data(training)?;
            self.render_cost[0] = now_ms() - start;
        }
        if draw_rest {
            let start = now_ms();
            self.render_diagram_and_charts(from_worker, training, diagram)?;
            self.render_cost[1] = now_ms() - start;
        }
        self.render_laps.lap("activation plot and lesson");
        Ok(())
    }

    /// The current network and what its pictures are drawn over, packed
    /// for the worker that paints them while training runs (view::snapshot).
    pub fn snapshot(&self) -> Vec<f32> {
        let scene = self.class.session().scene();
        let network = self.class.session().trainer().network.clone();
        Snapshot {
            field_size: field_size_for(&network, FIELD_WORKER_WORK),
            network,
            features: scene.features,
            domain: scene.domain,
            kind: field_kind(scene),
            diagram: Some(draw::diagram(&self.network)),
        }
        .encode()
    }

    /// Pictures the worker painted from `snapshot`: the field, the unit
    /// pictures' atlas, and the diagram's crowded links (empty if it
    /// has none). Taken (and true) only if they are pictures of the network
    /// as it is now shaped; the links only if drawn for the diagram as it is.
    pub fn accept_pictures(
        &mut self,
        snapshot: &[f32],
        field: &js_sys::Uint8Array,
        units: &js_sys::Uint8Array,
        links: &js_sys::Uint8Array,
    ) -> bool {
        let Ok(painted) = Snapshot::decode(snapshot) else {
            return false;
        };
        let scene = self.class.session().scene();
        let net = &self.class.session().trainer().network;
        let key = shape_key(net, scene.features, scene.domain, field_kind(scene));
        let (tiles_wide, tiles_high) = Atlas::of(picture_count(net, scene.features)).pixels();
        if painted.key() != key
            || field.length() as usize != painted.field_size * painted.field_size * 4
            || self
                .unit_tiles
                .store_js(units, (tiles_wide as u32, tiles_high as u32))
                .is_err()
        {
            return false;
        }
        // Into the buffer kept from the last: no allocation per picture.
        self.field_pixels.resize(field.length() as usize, 0);
        field.copy_to(&mut self.field_pixels);
        self.field_size = painted.field_size;
        let diagram = draw::diagram(&self.network);
        let (width, height) = diagram.pixels;
        self.links_from_worker = painted.diagram == Some(diagram)
            && self
                .links
                .store_js(links, (width as u32, height as u32))
                .is_ok();
        if self.links_from_worker {
            self.links_drawn.forget();
        }
        self.pictures_drawn.forget();
        self.pictures_key = key;
        self.pictures_from_worker = true;
        self.dirty = true;
        true
    }

    /// Sends the misclassified points' rings to the painter's worker to be
    /// stamped (`true`: while playing, with a worker), or stamps them here.
    pub fn rings_to_worker(&mut self, on: bool) {
        if self.overlay.layers().rings_to_worker(on) {
            self.dirty = true; // back here: stamped afresh
        }
    }

    /// The rings due to be sent to the worker (`points::RingsMessage`), once.
    pub fn take_rings(&mut self) -> Option<Vec<f64>> {
        self.overlay.layers().take_rings()
    }

    /// Shows the worker's picture of the rings sent as `message` (from
    /// `take_rings`), unless newer rings were stamped or shown since.
    pub fn accept_rings(&mut self, message: &[f64], bitmap: &web_sys::ImageBitmap) -> bool {
        let generation = points::RingsMessage::generation(message);
        self.overlay.layers().accept_rings(bitmap, generation)
    }

    /// Milliseconds each part of the last render took: `{part: ms}` in drawing order.
    pub fn render_timings(&self) -> JsValue {
        let o = Object::new();
        for &(part, ms) in &self.render_laps.parts {
            set(&o, part, ms);
        }
        o.into()
    }

    /// Tells the playground its canvases changed size (the page calls this
    /// from a ResizeObserver); the next render measures them again.
    pub fn resize(&mut self) {
        self.resized = true;
        self.dirty = true;
    }

    /// Tells the playground whether its diagram's canvas is on screen (the
    /// page calls this from an IntersectionObserver). Off screen the diagram
    /// is not drawn while training; back on screen it is drawn at the next
    /// render.
    pub fn set_diagram_on_screen(&mut self, on_screen: bool) {
        self.diagram_on_screen = on_screen;
        self.dirty |= on_screen && self.diagram_behind;
    }

    fn frame(&self) -> Frame {
        Frame::new(&self.data, &self.class.session().scene().domain)
    }

    /// Changes a setting by name (see `scene::settings::NAMES`). Returns a
    /// note when the value was clamped; throws with a message when refused.
    pub fn set(&mut self, name: &str, value: &str) -> Result<Option<String>, JsError> {
        self.dirty = true;
        self.class
            .set_in(self.t, name, value)
            .map_err(|e| JsError::new(&e))
    }

    pub fn get(&self, name: &str) -> Option<String> {
        self.class.session().get(name)
    }

    /// Replaces the points with a preset's.
    pub fn load_preset(
        &mut self,
        name: &str,
        points: u32,
        noise: f32,
    ) -> Result<Option<String>, JsError> {
        let preset = Preset::from_name(name)
            .ok_or_else(|| JsError::new(&format!("preset: '{name}' is not a preset")))?;
        self.dirty = true;
        Ok(self
            .class
            .edit(|s| s.load_preset(preset, points as usize, noise)))
    }

    pub fn regenerate(&mut self) {
        self.class.edit(|s| s.regenerate());
        self.dirty = true;
    }

    /// New random weights: from a fresh seed, or the same seed again.
    pub fn reset(&mut self, new_seed: bool) {
        self.class.reset(new_seed.then(random_seed));
        self.dirty = true;
    }

    /// Lets training go on after early stopping or "stop after".
    pub fn resume(&mut self) {
        self.class.resume();
    }

    /// Speaks language `code` from now on (English, or one `load_language`
    /// has read); returns whether it is known.
    pub fn set_language(&mut self, code: &str) -> bool {
        match crate::i18n::language(code) {
            Some(t) => {
                self.t = t;
                self.dirty = true;
                true
            }
            None => false,
        }
    }

    /// Panics on purpose, so the tests can check that a fault in one
    /// playground shows on that one only.
    #[wasm_bindgen(js_name = panicForTests)]
    pub fn panic_for_tests(&self) {
        panic!("a deliberate fault, for the tests");
    }

    /// Scrubs the timeline to checkpoint `index`: the weights, the pictures,
    /// the numbers and the chart's cursor are that epoch's. `moving` (a drag
    /// or a replay): drawn coarser, as while training. Returns the index shown.
    pub fn seek(&mut self, index: u32, moving: bool) -> u32 {
        let shown = self.class.seek(index as usize);
        self.dirty = true;
        self.trained |= moving;
        shown as u32
    }

    /// Scrubs to the last checkpoint at or before `epoch` (a replay's clock); returns its index.
    pub fn seek_epoch(&mut self, epoch: f64, moving: bool) -> u32 {
        let index = (self.class.session().timeline()).index_at(epoch.max(0.0) as usize);
        self.seek(index as u32, moving)
    }

    /// The epoch of each checkpoint of the timeline, oldest first.
    pub fn timeline_epochs(&self) -> Vec<u32> {
        let line = self.class.session().timeline().checkpoints();
        line.iter().map(|c| c.epoch as u32).collect()
    }

    /// Rings the points of one cell of a confusion matrix (the test set's
    /// or the training set's): true class `actual`, predicted `predicted`.
    /// A negative class rings none.
    pub fn ring_cell(&mut self, test: bool, actual: i32, predicted: i32) {
        let cell = (actual >= 0 && predicted >= 0)
            .then_some((test, (actual as usize, predicted as usize)));
        if cell != self.ringed_cell {
            self.ringed_cell = cell;
            self.dirty = true;
        }
    }

    /// Centres (CSS px) of the diagram's hidden-layer columns, for the page's +/− buttons.
    pub fn hidden_columns(&self) -> Vec<f32> {
        let n = self.layout.columns.len();
        (1..n.saturating_sub(1))
            .map(|c| self.layout.column_centre(c))
            .collect()
    }
}

impl Playground {
    /// The data canvas: the colour field (or a hovered unit's picture),
    /// the points, their rings and the marker; while `training`, the rings
    /// and the marker's reading follow when the page's words do
    /// (`words_due`), so the numbers beside the canvases and on them are
    /// of the same weights.
    fn render_data(&mut self, training: bool) -> Result<(), JsValue> {
        let laps = &mut self.render_laps;
        // Every point's prediction, for the rings and the confusion
        // matrices: while training, only when the rings are due (on the
        // largest network it cost more than the frame's training).
        let rings_due =
            self.overlay
                .rings_due(&self.data, training, std::mem::take(&mut self.words_due));
        // The marker's reading follows as often: each new reading draws the
        // data canvas again.
        let marker = self.class.marker().map(|m| {
            let place = (m.x1, m.x2);
            match &self.marker_reading {
                Some((at, output)) if *at == place && !rings_due => (m, output.clone()),
                _ => {
                    let output = self.class.predict(m.x1, m.x2);
                    self.marker_reading = Some((place, output.clone()));
                    (m, output)
                }
            }
        });
        let predictions =
            (rings_due || self.ringed_cell.is_some()).then(|| self.class.predict_points());
        let session = self.class.session();
        let (loss, points) = (session.trainer().network.loss, &session.scene().points);
        if let Some(predictions) = &predictions {
            self.confusion =
                [false, true].map(|test| confusion::of_points(loss, points, predictions, test));
        }
        // A confusion matrix's cell under the pointer rings its points; else the last step's batch.
        let ringed = match (self.ringed_cell, &predictions) {
            (Some((test, cell)), Some(predictions)) => {
                confusion::points_in_cell(loss, points, predictions, test, cell)
            }
            _ => self
                .class
                .stepped()
                .map_or(Vec::new(), |s| s.points.clone()),
        };
        // A hovered unit's picture stands in for the field, enlarged (as in
        // TensorFlow Playground): what that unit computes over the inputs.
        let pictures = picture_count(&session.trainer().network, session.scene().features);
        match self.hovered.and_then(|h| self.layout.picture_index(h)) {
            Some(k) if k < pictures => {
                let tile = Atlas::of(pictures).tile(k);
                self.field.show_tile(&self.unit_tiles, tile, UNIT_PICTURE)?
            }
            _ => self
                .field
                .show(&self.field_pixels, self.field_size as u32)?,
        }
        let overlay = draw::Overlay {
            cursor: self.cursor,
            marker,
            batch: ringed,
        };
        draw::data(
            &self.data,
            &mut self.overlay,
            (
                self.class.session(),
                predictions.as_deref().filter(|_| rings_due),
                self.t,
            ),
            overlay,
            &mut |part| laps.lap(part),
        )?;
        self.render_laps.lap("marker");
        Ok(())
    }

    /// The network diagram: units with their pictures, links, highlights.
    fn render_diagram(
        &mut self,
        from_worker: bool,
        diagram: links::Diagram,
    ) -> Result<(), JsValue> {
        let net = &self.class.session().trainer().network;
        let crowded = net.layers.iter().any(links::is_crowded);
        if crowded && !(from_worker && self.links_from_worker) {
            let mut drawn_key = self.pictures_key.clone();
            let (w, h) = diagram.pixels;
            drawn_key.extend([
                w as f32,
                h as f32,
                diagram.css.0,
                diagram.css.1,
                diagram.ratio,
            ]);
            if !self.links_drawn.is(net, &drawn_key) {
                PAINTER.with_borrow_mut(|painter| {
                    links::rasterise(net, &self.layout, &diagram, &mut painter.links);
                    self.links
                        .store(&painter.links.pixels, (w as u32, h as u32))
                })?;
                self.links_drawn.set(net, &drawn_key);
                self.render_laps.lap("links");
            }
        }
        // The unit or link under the pointer (or the lesson's), and the
        // slow step's path for the phase shown.
        let mut highlight: Vec<Hit> = self.hovered.or(self.chosen_link()).into_iter().collect();
        highlight.extend(self.slow_step_path());
        let pictures = picture_count(net, self.class.session().scene().features);
        draw::network(
            &self.network,
            crowded.then_some(&self.links),
            (self.class.session(), self.t),
            &self.layout,
            (&self.unit_tiles, pictures),
            &highlight,
        )?;
        self.render_laps.lap("network diagram");
        Ok(())
    }

    /// The network diagram, the loss chart and the panels beside them.
    fn render_diagram_and_charts(
        &mut self,
        from_worker: bool,
        training: bool,
        diagram: links::Diagram,
    ) -> Result<(), JsValue> {
        // Off screen, the diagram waits while training, and otherwise comes
        // a render after the rest: no training frame and not the first
        // frame pays for it, and a printed or captured page still shows it.
        if self.diagram_on_screen || (self.diagram_behind && !training) {
            self.render_diagram(from_worker, diagram)?;
            self.diagram_behind = false;
        } else {
            self.dirty |= !training && !self.diagram_behind;
            self.diagram_behind = true;
        }
        let (trainer, timeline) = (
            self.class.session().trainer(),
            self.class.session().timeline(),
        );
        let scrubbed = timeline.is_scrubbed().then(|| charts::Scrubbed {
            ahead: timeline.ahead(),
            epoch: trainer.epoch(),
        });
        charts::loss(
            &self.loss,
            trainer.history(),
            trainer.best_epoch(),
            scrubbed,
            self.t.chart_epoch,
        );
        self.render_inside()?;
        self.render_laps.lap("loss chart");
        let activation = self.class.session().scene().activation;
        if let Some(canvas) = self
            .activation
            .as_ref()
            .filter(|_| self.plotted_activation != Some(activation))
        {
            charts::activation(canvas, activation);
            self.plotted_activation = Some(activation);
        }
        if let Some(canvas) = &self.lesson_canvas {
            lesson::render(
                canvas,
                self.surface_canvas.as_ref(),
                &mut self.blitter,
                &mut self.landscape,
                &mut self.class,
                self.t,
            )?;
        }
        Ok(())
    }

    /// The weight the backpropagation lesson explains, as a link of the diagram.
    fn chosen_link(&self) -> Option<crate::view::layout::Hit> {
        let at = self.class.lesson().chosen_weight()?;
        Some(crate::view::layout::Hit::Link {
            layer: at.layer,
            from: at.from,
            to: at.to,
        })
    }
}
