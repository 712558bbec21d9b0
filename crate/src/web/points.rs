//! The data canvas's points: small pictures drawn once per look, stamped
//! onto layers of their own, and each layer drawn over the colour field in
//! one call. A thousand stamps cost the browser milliseconds to rasterise
//! each frame; a layer is stamped again only when what is on it changes.

use super::canvas::{offscreen, Canvas};
use super::draw::POINT_RADIUS;
use crate::view::colors::{css, Rgb};
use std::collections::hash_map::{Entry, HashMap};
use std::f64::consts::TAU;
use wasm_bindgen::JsValue;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

/// How a point is drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PointLook {
    /// Filled in its colour.
    Training(Rgb),
    /// Hollow: a ring in its colour.
    Test(Rgb),
    /// The dark ring around a misclassified point.
    Misclassified,
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
        ctx.begin_path();
        match look {
            PointLook::Misclassified => {
                ctx.arc(c, c, POINT_RADIUS + 2.5, 0.0, TAU)?;
                ctx.set_stroke_style_str("rgba(20,20,20,0.9)");
                ctx.set_line_width(1.5);
            }
            PointLook::Test(color) => {
                ctx.arc(c, c, POINT_RADIUS, 0.0, TAU)?;
                ctx.set_fill_style_str("rgba(255,255,255,0.9)");
                ctx.fill();
                ctx.set_stroke_style_str(&css(color));
                ctx.set_line_width(2.2);
            }
            PointLook::Training(color) => {
                ctx.arc(c, c, POINT_RADIUS, 0.0, TAU)?;
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
        let side = 2.0 * SPRITE_HALF;
        ctx.draw_image_with_html_canvas_element_and_dw_and_dh(
            sprite,
            x - SPRITE_HALF,
            y - SPRITE_HALF,
            side,
            side,
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
/// rings' layer is stamped again. Every ring is under every point.
#[derive(Default)]
pub struct PointLayers {
    sprites: Sprites,
    rings: Layer,
    points: Layer,
}

/// Which layers a frame stamped afresh.
pub struct Restamped {
    pub rings: bool,
    pub points: bool,
}

impl PointLayers {
    /// Draws the rings, then the points, onto `canvas`.
    pub fn draw(
        &mut self,
        canvas: &Canvas,
        rings: impl Iterator<Item = (f64, f64)>,
        points: impl Iterator<Item = Stamp>,
    ) -> Result<Restamped, JsValue> {
        let rings = rings.map(|(x, y)| Stamp {
            x,
            y,
            look: PointLook::Misclassified,
        });
        Ok(Restamped {
            rings: self.rings.draw(canvas, &mut self.sprites, rings)?,
            points: self.points.draw(canvas, &mut self.sprites, points)?,
        })
    }
}

/// A canvas of stamps, and what is stamped on it now.
#[derive(Default)]
struct Layer {
    canvas: Option<(HtmlCanvasElement, CanvasRenderingContext2d)>,
    stamped: Vec<Stamp>,
    /// The layer's size in device pixels and its pixel ratio when stamped.
    drawn_for: (u32, u32, f64),
    next: Vec<Stamp>,
}

impl Layer {
    /// Draws `stamps` onto `canvas`, stamping the layer again only if they
    /// (or the canvas's size) changed since the last frame; true if it did.
    fn draw(
        &mut self,
        canvas: &Canvas,
        sprites: &mut Sprites,
        stamps: impl Iterator<Item = Stamp>,
    ) -> Result<bool, JsValue> {
        self.next.clear();
        self.next.extend(stamps);
        let size = (
            canvas.element.width(),
            canvas.element.height(),
            canvas.ratio,
        );
        if self.canvas.is_none() {
            self.canvas = Some(offscreen()?);
        }
        let (element, ctx) = self.canvas.as_ref().expect("created above");
        let restamp = self.next != self.stamped || self.drawn_for != size;
        if restamp {
            if (element.width(), element.height()) != (size.0, size.1) {
                element.set_width(size.0);
                element.set_height(size.1);
            }
            ctx.set_transform(1.0, 0.0, 0.0, 1.0, 0.0, 0.0)?;
            ctx.clear_rect(0.0, 0.0, size.0 as f64, size.1 as f64);
            ctx.set_transform(size.2, 0.0, 0.0, size.2, 0.0, 0.0)?;
            for s in &self.next {
                sprites.stamp(ctx, s.look, s.x, s.y, size.2)?;
            }
            std::mem::swap(&mut self.stamped, &mut self.next);
            self.drawn_for = size;
        }
        if !self.stamped.is_empty() {
            canvas
                .ctx
                .draw_image_with_html_canvas_element_and_dw_and_dh(
                    element,
                    0.0,
                    0.0,
                    canvas.width,
                    canvas.height,
                )?;
        }
        Ok(restamp)
    }
}
