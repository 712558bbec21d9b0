//! A canvas kept at the screen's pixel density, drawn in CSS pixels, with an
//! offscreen canvas for putting RGBA buffers on it at any scale.

use super::handover::Handover;
use js_sys::{Reflect, Uint8Array, Uint8ClampedArray};
use std::rc::Rc;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement, ImageData, OffscreenCanvas};

pub struct Canvas {
    pub element: HtmlCanvasElement,
    ctx: CanvasRenderingContext2d,
    /// Where the drawing is on an OffscreenCanvas, handed to `element` whole.
    handover: Option<Rc<Handover>>,
    /// Size in CSS pixels, as laid out by the page.
    pub width: f64,
    pub height: f64,
    pub ratio: f64,
}

pub fn context_2d(canvas: &HtmlCanvasElement) -> Result<CanvasRenderingContext2d, JsValue> {
    canvas
        .get_context("2d")?
        .ok_or_else(|| JsValue::from_str("canvas: no 2d context"))?
        .dyn_into::<CanvasRenderingContext2d>()
        .map_err(|_| JsValue::from_str("canvas: not a 2d context"))
}

/// The context to draw `element` with: an OffscreenCanvas's, handed over
/// (see `Handover`), where the browser has them; else the element's own.
pub fn drawn_off_page(
    element: &HtmlCanvasElement,
) -> Result<(CanvasRenderingContext2d, Option<Rc<Handover>>), JsValue> {
    match Handover::new(element) {
        Some((handover, ctx)) => Ok((ctx, Some(handover))),
        None => Ok((context_2d(element)?, None)),
    }
}

/// A canvas outside the page, and its 2D context, to draw on and then copy
/// from. In a worker (the painter's), which has no document, it is an
/// OffscreenCanvas: used as a canvas element, as its context is (see
/// `offscreen_2d`), for the same reason.
pub fn offscreen() -> Result<(HtmlCanvasElement, CanvasRenderingContext2d), JsValue> {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        let canvas = OffscreenCanvas::new(1, 1)?;
        let ctx =
            offscreen_2d(&canvas).ok_or_else(|| JsValue::from_str("no 2D OffscreenCanvas"))?;
        return Ok((canvas.unchecked_into(), ctx));
    };
    let element: HtmlCanvasElement = document.create_element("canvas")?.dyn_into()?;
    let ctx = context_2d(&element)?;
    Ok((element, ctx))
}

/// The 2D context of an OffscreenCanvas, used as a canvas's: the methods
/// this crate calls are the same, and web-sys calls them by name.
pub fn offscreen_2d(canvas: &OffscreenCanvas) -> Option<CanvasRenderingContext2d> {
    Some(canvas.get_context("2d").ok()??.unchecked_into())
}

/// Gives `element` a backing store of `width × height` pixels, only if it
/// has another size: setting it clears the canvas even to the same size.
pub fn resize(element: &HtmlCanvasElement, (width, height): (u32, u32)) {
    if (element.width(), element.height()) != (width, height) {
        element.set_width(width);
        element.set_height(height);
    }
}

impl Canvas {
    /// A canvas drawn now and then (the points and marks, the activation
    /// plot): drawn off the page where the browser can, and handed over.
    /// Each drawing must clear or fill it whole (see `Handover`).
    pub fn new(element: HtmlCanvasElement) -> Result<Canvas, JsValue> {
        let (ctx, handover) = drawn_off_page(&element)?;
        Ok(Canvas::with(element, ctx, handover))
    }

    /// A canvas drawn at almost every frame while training (the loss
    /// chart, the diagram, the lessons' panels): on itself. A handover
    /// would cost more: after each one the browser allocates the canvas a
    /// new picture at the next drawing (2.7 ms a frame for the diagram at
    /// ratio 2 on this machine's desktop core).
    pub fn drawn_often(element: HtmlCanvasElement) -> Result<Canvas, JsValue> {
        let ctx = context_2d(&element)?;
        Ok(Canvas::with(element, ctx, None))
    }

    fn with(
        element: HtmlCanvasElement,
        ctx: CanvasRenderingContext2d,
        handover: Option<Rc<Handover>>,
    ) -> Canvas {
        let mut canvas = Canvas {
            element,
            ctx,
            handover,
            width: 0.0,
            height: 0.0,
            ratio: 1.0,
        };
        canvas.fit();
        canvas
    }

    /// The context to draw with; what is drawn shows once the call returns.
    pub fn ctx(&self) -> &CanvasRenderingContext2d {
        if let Some(handover) = &self.handover {
            handover.drawn();
        }
        &self.ctx
    }

    /// Matches the backing store to the laid-out size and the pixel ratio.
    /// Reading the layout is costly, so this runs only when the page resizes.
    pub fn fit(&mut self) {
        let mut ratio = web_sys::window()
            .map_or(1.0, |w| w.device_pixel_ratio())
            .clamp(1.0, 3.0);
        let (mut w, mut h) = (
            self.element.client_width() as f64,
            self.element.client_height() as f64,
        );
        if w <= 0.0 || h <= 0.0 {
            // Not laid out (hidden): drawn, unseen, on the backing store it
            // has, a pixel for a CSS pixel, rather than one the pixel ratio
            // squared times larger (a hidden panel's 300 × 150 canvas is
            // 1.6 MB at ratio 3).
            ratio = 1.0;
            w = self.element.width() as f64;
            h = self.element.height() as f64;
        }
        let (pw, ph) = ((w * ratio).round() as u32, (h * ratio).round() as u32);
        if pw != self.element.width() || ph != self.element.height() {
            self.element.set_width(pw.max(1));
            self.element.set_height(ph.max(1));
        }
        if let Some(handover) = &self.handover {
            handover.resize((self.element.width(), self.element.height()));
        }
        self.width = w;
        self.height = h;
        self.ratio = ratio;
    }

    /// From here on, draw in CSS pixels (the charts draw in device pixels and skip this).
    pub fn use_css_pixels(&self) {
        let _ = self
            .ctx()
            .set_transform(self.ratio, 0.0, 0.0, self.ratio, 0.0, 0.0);
    }
}

/// An ImageData kept from frame to frame and filled again: a new one for
/// each put made a megabyte or more of garbage a frame (the unit pictures,
/// the links), and the page's collector paused frames to sweep it.
#[derive(Default)]
struct ReusedImage {
    image: Option<(ImageData, Uint8ClampedArray)>,
}

impl ReusedImage {
    /// Puts `pixels` (`width × height` RGBA) at the top left of `ctx`'s canvas.
    fn put(
        &mut self,
        ctx: &CanvasRenderingContext2d,
        pixels: &[u8],
        (width, height): (u32, u32),
    ) -> Result<(), JsValue> {
        if pixels.len() != width as usize * height as usize * 4 {
            return Err(JsValue::from_str("image: pixels do not fit its size"));
        }
        let fits = matches!(&self.image, Some((image, _)) if (image.width(), image.height()) == (width, height));
        if !fits {
            let image = ImageData::new_with_sw(width, height)?;
            let data = Reflect::get(&image, &"data".into())?.dyn_into::<Uint8ClampedArray>()?;
            self.image = Some((image, data));
        }
        let (image, data) = self.image.as_ref().expect("made above");
        data.copy_from(pixels);
        ctx.put_image_data(image, 0.0, 0.0)
    }
}

/// A small offscreen canvas that takes an RGBA buffer and is then drawn,
/// scaled and smoothed, onto a visible one.
pub struct Blitter {
    element: HtmlCanvasElement,
    ctx: CanvasRenderingContext2d,
    picture_image: ReusedImage,
}

impl Blitter {
    pub fn new() -> Result<Blitter, JsValue> {
        let (element, ctx) = offscreen()?;
        Ok(Blitter {
            element,
            ctx,
            picture_image: ReusedImage::default(),
        })
    }

    /// Draws `pixels` (`size × size` RGBA) into the rectangle on `target`.
    pub fn draw(
        &mut self,
        pixels: &[u8],
        size: u32,
        target: &CanvasRenderingContext2d,
        rect: (f64, f64, f64, f64),
    ) -> Result<(), JsValue> {
        resize(&self.element, (size, size));
        self.picture_image.put(&self.ctx, pixels, (size, size))?;
        target.set_image_smoothing_enabled(true);
        target.draw_image_with_html_canvas_element_and_dw_and_dh(
            &self.element,
            rect.0,
            rect.1,
            rect.2,
            rect.3,
        )
    }
}

thread_local! {
    /// The ImageData a kept picture's pixels pass through from wasm memory:
    /// one for the page (a phone's diagram is 4 MB of it).
    static KEPT_IMAGE: std::cell::RefCell<ReusedImage> = std::cell::RefCell::default();
}

/// A picture kept by the browser in a canvas outside the page, and drawn
/// onto a visible one as often as needed: the crowded links' raster, or
/// the unit pictures' atlas, stored once per change and drawn at every
/// redraw, without a copy of its pixels kept in wasm memory.
pub struct KeptPicture {
    element: HtmlCanvasElement,
    ctx: CanvasRenderingContext2d,
}

impl KeptPicture {
    pub fn new() -> Result<KeptPicture, JsValue> {
        let (element, ctx) = offscreen()?;
        Ok(KeptPicture { element, ctx })
    }

    /// Keeps `pixels` (`width × height` RGBA, in wasm memory).
    pub fn store(&mut self, pixels: &[u8], size: (u32, u32)) -> Result<(), JsValue> {
        resize(&self.element, size);
        KEPT_IMAGE.with_borrow_mut(|image| image.put(&self.ctx, pixels, size))
    }

    /// Keeps `pixels` (`width × height` RGBA) held by JavaScript, such as a
    /// worker's, without copying them into wasm memory first.
    pub fn store_js(
        &mut self,
        pixels: &Uint8Array,
        (width, height): (u32, u32),
    ) -> Result<(), JsValue> {
        if pixels.length() as usize != width as usize * height as usize * 4 {
            return Err(JsValue::from_str("picture: pixels do not fit its size"));
        }
        let clamped = Uint8ClampedArray::new_with_byte_offset_and_length(
            &pixels.buffer(),
            pixels.byte_offset(),
            pixels.length(),
        );
        let image = ImageData::new_with_js_u8_clamped_array_and_sh(&clamped, width, height)?;
        resize(&self.element, (width, height));
        self.ctx.put_image_data(&image, 0.0, 0.0)
    }

    /// Draws the kept picture at the top left of `target`, one pixel for one.
    pub fn draw_onto(&self, target: &CanvasRenderingContext2d) -> Result<(), JsValue> {
        target.set_transform(1.0, 0.0, 0.0, 1.0, 0.0, 0.0)?;
        target.draw_image_with_html_canvas_element(&self.element, 0.0, 0.0)
    }

    /// Draws the `size × size` square of the kept picture at `(x, y)` (a
    /// tile of an atlas) into the rectangle on `target`, scaled and smoothed.
    pub fn draw_tile(
        &self,
        target: &CanvasRenderingContext2d,
        (x, y): (usize, usize),
        size: usize,
        rect: (f64, f64, f64, f64),
    ) -> Result<(), JsValue> {
        let (x, y, size) = (x as f64, y as f64, size as f64);
        target.draw_image_with_html_canvas_element_and_sw_and_sh_and_dx_and_dy_and_dw_and_dh(
            &self.element,
            x,
            y,
            size,
            size,
            rect.0,
            rect.1,
            rect.2,
            rect.3,
        )
    }
}

/// A canvas whose backing store is a picture's own size, stretched over its
/// box by the browser's compositor (smoothed, as `drawImage` would): a
/// 256² colour field then costs the same on any screen, where drawing it
/// scaled onto a canvas at pixel ratio 3 filled a million pixels a frame.
pub struct StretchedPicture {
    element: HtmlCanvasElement,
    ctx: CanvasRenderingContext2d,
    image: ReusedImage,
}

impl StretchedPicture {
    pub fn new(element: HtmlCanvasElement) -> Result<StretchedPicture, JsValue> {
        let ctx = context_2d(&element)?;
        Ok(StretchedPicture {
            element,
            ctx,
            image: ReusedImage::default(),
        })
    }

    /// Shows `pixels` (`size × size` RGBA).
    pub fn show(&mut self, pixels: &[u8], size: u32) -> Result<(), JsValue> {
        resize(&self.element, (size, size));
        self.image.put(&self.ctx, pixels, (size, size))
    }

    /// Shows the `size × size` tile at `at` of a kept atlas, pixel for pixel.
    pub fn show_tile(
        &mut self,
        atlas: &KeptPicture,
        at: (usize, usize),
        size: usize,
    ) -> Result<(), JsValue> {
        resize(&self.element, (size as u32, size as u32));
        self.ctx.clear_rect(0.0, 0.0, size as f64, size as f64);
        let whole = (0.0, 0.0, size as f64, size as f64);
        atlas.draw_tile(&self.ctx, at, size, whole)
    }
}
