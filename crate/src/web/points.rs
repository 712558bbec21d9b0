//! The data canvas's points: small pictures drawn once per look, stamped
//! onto layers of their own, and each layer drawn onto the canvas in one
//! call. A thousand stamps cost the browser milliseconds to rasterise
//! each frame; a layer is stamped again only when what is on it changes.

use super::canvas::{offscreen, Canvas};
use super::handover::Handover;
use crate::view::colors::{css, Glyph, Rgb};
use std::collections::hash_map::{Entry, HashMap};
use std::f64::consts::TAU;
use std::rc::Rc;
use wasm_bindgen::JsValue;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement, ImageBitmap, OffscreenCanvas};

/// A point's radius in CSS pixels (other glyphs have a circle's area).
const POINT_RADIUS: f64 = 4.5;

/// How a point is drawn: every look has its class's glyph, so classes
/// differ in shape as well as colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PointLook {
    /// Filled in its colour.
    Training(Rgb, Glyph),
    /// Hollow: an outline in its colour.
    Test(Rgb, Glyph),
    /// The dark outline around a misclassified point.
    Misclassified(Glyph),
}

/// Traces `glyph` of about the area of a circle of `radius` around (cx, cy).
fn trace(
    ctx: &CanvasRenderingContext2d,
    glyph: Glyph,
    cx: f64,
    cy: f64,
    radius: f64,
) -> Result<(), JsValue> {
    ctx.begin_path();
    let corners = glyph.corners(radius);
    let Some(&(x0, y0)) = corners.first() else {
        return ctx.arc(cx, cy, radius, 0.0, TAU);
    };
    ctx.move_to(cx + x0, cy + y0);
    for &(x, y) in &corners[1..] {
        ctx.line_to(cx + x, cy + y);
    }
    ctx.close_path();
    Ok(())
}

/// Point pictures drawn once per look and pixel ratio, then stamped.
#[derive(Default)]
struct Sprites {
    ratio: f64,
    drawn: HashMap<PointLook, HtmlCanvasElement>,
}

/// Half the side of a point's picture, in CSS pixels (room for the ring).
const SPRITE_HALF: f64 = POINT_RADIUS + 4.5;

impl Sprites {
    fn draw(look: PointLook, ratio: f64) -> Result<HtmlCanvasElement, JsValue> {
        let (sprite, ctx) = offscreen()?;
        let side = (2.0 * SPRITE_HALF * ratio).ceil() as u32;
        sprite.set_width(side);
        sprite.set_height(side);
        ctx.set_transform(ratio, 0.0, 0.0, ratio, 0.0, 0.0)?;
        let c = SPRITE_HALF;
        ctx.set_line_join("round");
        match look {
            PointLook::Misclassified(glyph) => {
                trace(&ctx, glyph, c, c, POINT_RADIUS + 2.5)?;
                ctx.set_stroke_style_str("rgba(20,20,20,0.9)");
                ctx.set_line_width(1.5);
            }
            PointLook::Test(color, glyph) => {
                trace(&ctx, glyph, c, c, POINT_RADIUS)?;
                ctx.set_fill_style_str("rgba(255,255,255,0.9)");
                ctx.fill();
                ctx.set_stroke_style_str(&css(color));
                ctx.set_line_width(2.2);
            }
            PointLook::Training(color, glyph) => {
                trace(&ctx, glyph, c, c, POINT_RADIUS)?;
                ctx.set_fill_style_str(&css(color));
                ctx.fill();
                ctx.set_stroke_style_str("white");
                ctx.set_line_width(1.0);
            }
        }
        ctx.stroke();
        Ok(sprite)
    }

    fn stamp(
        &mut self,
        ctx: &CanvasRenderingContext2d,
        look: PointLook,
        x: f64,
        y: f64,
        ratio: f64,
    ) -> Result<(), JsValue> {
        if self.ratio != ratio {
            self.drawn.clear();
            self.ratio = ratio;
        }
        let sprite = match self.drawn.entry(look) {
            Entry::Occupied(e) => e.into_mut(),
            Entry::Vacant(e) => e.insert(Self::draw(look, ratio)?),
        };
        // On whole device pixels, unscaled: the browser then copies the
        // sprite's pixels instead of filtering them (several times faster
        // to rasterise, and a thousand stamps take the browser milliseconds).
        let half = SPRITE_HALF * ratio;
        ctx.draw_image_with_html_canvas_element(
            sprite,
            (x * ratio - half).round(),
            (y * ratio - half).round(),
        )
    }
}

/// One picture stamped: where (CSS pixels) and which.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Stamp {
    pub x: f64,
    pub y: f64,
    pub look: PointLook,
}

/// The misclassified rings and the points, each on a layer of its own:
/// while training, the rings come and go but the points stay, so only the
/// rings' layer is stamped again. The rings' layer is a canvas of the page,
/// beneath the data canvas (every ring is under every point), so new rings
/// cost no copy of the points; the points' layer is drawn onto the data
/// canvas when that is drawn again.
pub struct PointLayers {
    sprites: Sprites,
    rings: StampLayer,
    points: StampLayer,
    /// Whether the rings go to the painter's worker to be stamped (see
    /// `RingsMessage`), rather than being stamped here.
    rings_to_worker: bool,
    /// The rings for the worker, packed, until `take_rings`.
    outgoing: Option<Vec<f64>>,
    /// Each stamping of the rings, here or sent, is numbered: a picture
    /// from the worker is shown only if it is newer than what shows (the
    /// rings last stamped here, or the worker's last shown).
    generation: u32,
    shown: u32,
}

/// Which layers a frame stamped afresh.
pub struct Restamped {
    pub rings: bool,
    pub points: bool,
}

impl PointLayers {
    /// Layers whose rings are stamped on `rings`, a canvas of the page.
    pub fn new(rings: HtmlCanvasElement) -> Result<PointLayers, JsValue> {
        let (ctx, handover) = super::canvas::drawn_off_page(&rings)?;
        Ok(PointLayers {
            sprites: Sprites::default(),
            rings: StampLayer {
                canvas: Some((rings, ctx)),
                handover,
                ..StampLayer::default()
            },
            points: StampLayer::default(),
            rings_to_worker: false,
            outgoing: None,
            generation: 0,
            shown: 0,
        })
    }

    /// Sends the rings to the painter's worker from now on (`true`: while
    /// playing, with a worker that stamps them), or stamps them here. Back
    /// here, they are stamped afresh: what was sent may never have come.
    /// True if that changed.
    pub fn rings_to_worker(&mut self, on: bool) -> bool {
        // Only a canvas shown by handover can take the worker's picture.
        let on = on && self.rings.handover.is_some();
        if self.rings_to_worker == on {
            return false;
        }
        if !on {
            self.rings.drawn_for = (0, 0, 0.0);
        }
        self.rings_to_worker = on;
        true
    }

    /// The rings to send to the worker, if new ones are due (`RingsMessage`).
    pub fn take_rings(&mut self) -> Option<Vec<f64>> {
        self.outgoing.take()
    }

    /// Shows the worker's picture of the rings sent as `generation`, unless
    /// newer rings were stamped here or shown since; true if shown.
    pub fn accept_rings(&mut self, bitmap: &ImageBitmap, generation: u32) -> bool {
        let Some(handover) = &self.rings.handover else {
            return false;
        };
        if generation <= self.shown {
            return false;
        }
        handover.show(bitmap);
        self.shown = generation;
        true
    }

    /// Whether changed rings would be stamped now: while `training`, only
    /// when the page's words follow (`words_due`), or at a new size. Each
    /// stamping is a whole canvas at the screen's ratio for the browser to
    /// take in (at ratio 3, 3.8 MB): on a phone-class CPU the largest
    /// network played at 25 fps stamping them whenever they changed, 34
    /// waiting (BENCHMARKS.md). A fifth of a second behind a moving
    /// boundary is hardly seen; paused, they are exact.
    pub fn rings_due(&self, canvas: &Canvas, training: bool, words_due: bool) -> bool {
        !training || words_due || self.rings.drawn_for != StampLayer::size_for(canvas)
    }

    /// Stamps the rings' and the points' layers afresh where they changed;
    /// the rings only if given (when `rings_due`).
    pub fn stamp(
        &mut self,
        canvas: &Canvas,
        rings: Option<impl Iterator<Item = (f64, f64, Glyph)>>,
        points: impl Iterator<Item = Stamp>,
    ) -> Result<Restamped, JsValue> {
        let rings = rings.map(|rings| {
            rings.map(|(x, y, glyph)| Stamp {
                x,
                y,
                look: PointLook::Misclassified(glyph),
            })
        });
        let rings_changed = rings.is_some_and(|rings| self.rings.changed(canvas, rings));
        if rings_changed {
            self.generation += 1;
            if self.rings_to_worker {
                self.rings.resize_canvas();
                self.outgoing = Some(RingsMessage::pack(
                    self.generation,
                    self.rings.drawn_for,
                    &self.rings.stamped,
                ));
            } else {
                self.rings.draw(&mut self.sprites)?;
                self.shown = self.generation;
            }
        }
        Ok(Restamped {
            rings: rings_changed,
            points: self.points.stamp(canvas, &mut self.sprites, points)?,
        })
    }

    /// Draws the points onto `canvas`.
    pub fn blit(&self, canvas: &Canvas) -> Result<(), JsValue> {
        self.points.blit(canvas)
    }
}

/// A canvas of stamps, and what is stamped on it now.
#[derive(Default)]
struct StampLayer {
    canvas: Option<(HtmlCanvasElement, CanvasRenderingContext2d)>,
    /// Where the layer is a page canvas drawn off the page and handed over.
    handover: Option<Rc<Handover>>,
    stamped: Vec<Stamp>,
    /// The layer's size in device pixels and its pixel ratio when stamped.
    drawn_for: (u32, u32, f64),
    next: Vec<Stamp>,
}

impl StampLayer {
    /// The layer's size and ratio to be drawn for `canvas`.
    fn size_for(canvas: &Canvas) -> (u32, u32, f64) {
        (
            canvas.element.width(),
            canvas.element.height(),
            canvas.ratio,
        )
    }

    /// Stamps the layer again for `canvas` if `stamps` (or the canvas's
    /// size) changed since the last frame; true if it did.
    fn stamp(
        &mut self,
        canvas: &Canvas,
        sprites: &mut Sprites,
        stamps: impl Iterator<Item = Stamp>,
    ) -> Result<bool, JsValue> {
        let restamp = self.changed(canvas, stamps);
        if restamp {
            self.draw(sprites)?;
        }
        Ok(restamp)
    }

    /// Takes `stamps` for `canvas` as the layer's if they (or the canvas's
    /// size) changed since the last stamping; true if they did, and the
    /// layer is then to be drawn (`draw`) or sent to be.
    fn changed(&mut self, canvas: &Canvas, stamps: impl Iterator<Item = Stamp>) -> bool {
        self.next.clear();
        self.next.extend(stamps);
        let size = StampLayer::size_for(canvas);
        let changed = self.next != self.stamped || self.drawn_for != size;
        if changed {
            std::mem::swap(&mut self.stamped, &mut self.next);
            self.drawn_for = size;
        }
        changed
    }

    /// Gives the layer's canvas its size (which clears it).
    fn resize_canvas(&self) {
        if let Some((element, _)) = &self.canvas {
            super::canvas::resize(element, (self.drawn_for.0, self.drawn_for.1));
        }
    }

    /// Draws the layer's stamps afresh.
    fn draw(&mut self, sprites: &mut Sprites) -> Result<(), JsValue> {
        if self.canvas.is_none() {
            self.canvas = Some(offscreen()?);
        }
        self.resize_canvas();
        let (_, ctx) = self.canvas.as_ref().expect("created above");
        let size = self.drawn_for;
        if let Some(handover) = &self.handover {
            handover.resize((size.0, size.1));
            handover.drawn();
        }
        draw_stamps(ctx, sprites, size, &self.stamped)
    }

    /// Draws the layer onto `canvas`.
    fn blit(&self, canvas: &Canvas) -> Result<(), JsValue> {
        if let (Some((element, _)), false) = (&self.canvas, self.stamped.is_empty()) {
            canvas
                .ctx()
                .draw_image_with_html_canvas_element_and_dw_and_dh(
                    element,
                    0.0,
                    0.0,
                    canvas.width,
                    canvas.height,
                )?;
        }
        Ok(())
    }
}

/// Clears `ctx`'s canvas (`size`: its pixels and ratio) and stamps `stamps` on it.
fn draw_stamps(
    ctx: &CanvasRenderingContext2d,
    sprites: &mut Sprites,
    size: (u32, u32, f64),
    stamps: &[Stamp],
) -> Result<(), JsValue> {
    ctx.set_transform(1.0, 0.0, 0.0, 1.0, 0.0, 0.0)?;
    ctx.clear_rect(0.0, 0.0, size.0 as f64, size.1 as f64);
    for s in stamps {
        sprites.stamp(ctx, s.look, s.x, s.y, size.2)?;
    }
    Ok(())
}

/// The rings, sent to the painter's worker to be stamped there while
/// training: on the phone profile, stamping a thousand rings here cost the
/// page's core 20–25 ms every fifth of a second (a new 3.8 MB picture after
/// each handover, the stamps, and the handover), the largest network's
/// longest frames. Packed as numbers: the generation, the canvas's width
/// and height in pixels and its pixel ratio, then each ring's x and y (CSS
/// pixels) and glyph (its index in `Glyph::CLASSES`).
pub struct RingsMessage<'a> {
    generation: u32,
    /// The canvas's width and height in pixels, and its pixel ratio.
    size: (u32, u32, f64),
    /// x, y and glyph index of each ring, as packed.
    rings: &'a [f64],
}

impl<'a> RingsMessage<'a> {
    const HEAD: usize = 4;

    fn pack(generation: u32, size: (u32, u32, f64), rings: &[Stamp]) -> Vec<f64> {
        let mut message = vec![generation.into(), size.0.into(), size.1.into(), size.2];
        for s in rings {
            if let PointLook::Misclassified(glyph) = s.look {
                let index = Glyph::CLASSES.iter().position(|&g| g == glyph);
                message.extend([s.x, s.y, index.unwrap_or(0) as f64]);
            }
        }
        message
    }

    /// The message in `message`, or None if it is not one (checked whole,
    /// without copying its rings).
    fn read(message: &'a [f64]) -> Option<RingsMessage<'a>> {
        let (head, rings) = message.split_at_checked(Self::HEAD)?;
        let whole = |v: f64| {
            ((0.0..=f64::from(u32::MAX)).contains(&v) && v.fract() == 0.0).then_some(v as u32)
        };
        let size = (whole(head[1])?, whole(head[2])?, head[3]);
        let glyphs_known = rings
            .chunks_exact(3)
            .all(|r| Glyph::CLASSES.get(r[2] as usize).is_some());
        if rings.len() % 3 != 0 || !(size.2 > 0.0 && size.2.is_finite()) || !glyphs_known {
            return None;
        }
        Some(RingsMessage {
            generation: whole(head[0])?,
            size,
            rings,
        })
    }

    /// The rings to stamp.
    fn stamps(&self) -> Vec<Stamp> {
        self.rings
            .chunks_exact(3)
            .map(|r| Stamp {
                x: r[0],
                y: r[1],
                look: PointLook::Misclassified(Glyph::CLASSES[r[2] as usize]),
            })
            .collect()
    }

    /// The generation a message was sent as (0 if it is not a message).
    pub fn generation(message: &[f64]) -> u32 {
        RingsMessage::read(message).map_or(0, |m| m.generation)
    }
}

/// Stamps the rings sent by playgrounds, in the painter's worker, on a
/// canvas of its own, and hands the picture back to be shown.
#[derive(Default)]
pub struct RingStamper {
    sprites: Sprites,
    work: Option<(OffscreenCanvas, CanvasRenderingContext2d)>,
}

impl RingStamper {
    /// The picture of the rings in `message` (`RingsMessage`).
    pub fn stamp(&mut self, message: &[f64]) -> Result<ImageBitmap, JsValue> {
        let message = RingsMessage::read(message).ok_or_else(|| JsValue::from_str("not rings"))?;
        let size = message.size;
        if self.work.is_none() {
            let canvas = OffscreenCanvas::new(size.0, size.1)?;
            let ctx = super::canvas::offscreen_2d(&canvas)
                .ok_or_else(|| JsValue::from_str("no 2D OffscreenCanvas"))?;
            self.work = Some((canvas, ctx));
        }
        let (canvas, ctx) = self.work.as_ref().expect("made above");
        if (canvas.width(), canvas.height()) != (size.0, size.1) {
            canvas.set_width(size.0);
            canvas.set_height(size.1);
        }
        draw_stamps(ctx, &mut self.sprites, size, &message.stamps())?;
        canvas.transfer_to_image_bitmap()
    }
}
