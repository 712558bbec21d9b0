//! A canvas kept at the screen's pixel density, drawn in CSS pixels, with an
//! offscreen canvas for putting RGBA buffers on it at any scale.

use wasm_bindgen::{Clamped, JsCast, JsValue};
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement, ImageData};

pub struct Canvas {
    pub element: HtmlCanvasElement,
    pub ctx: CanvasRenderingContext2d,
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

impl Canvas {
    pub fn new(element: HtmlCanvasElement) -> Result<Canvas, JsValue> {
        let ctx = context_2d(&element)?;
        let mut canvas = Canvas {
            element,
            ctx,
            width: 0.0,
            height: 0.0,
            ratio: 1.0,
        };
        canvas.fit();
        Ok(canvas)
    }

    /// Matches the backing store to the laid-out size and the pixel ratio;
    /// afterwards drawing is in CSS pixels.
    pub fn fit(&mut self) {
        let ratio = web_sys::window()
            .map_or(1.0, |w| w.device_pixel_ratio())
            .clamp(1.0, 3.0);
        let (mut w, mut h) = (
            self.element.client_width() as f64,
            self.element.client_height() as f64,
        );
        if w <= 0.0 || h <= 0.0 {
            // Not laid out (hidden): keep the attribute size.
            w = self.element.width() as f64 / self.ratio;
            h = self.element.height() as f64 / self.ratio;
        }
        let (pw, ph) = ((w * ratio).round() as u32, (h * ratio).round() as u32);
        if pw != self.element.width() || ph != self.element.height() {
            self.element.set_width(pw.max(1));
            self.element.set_height(ph.max(1));
        }
        self.width = w;
        self.height = h;
        self.ratio = ratio;
        let _ = self.ctx.set_transform(ratio, 0.0, 0.0, ratio, 0.0, 0.0);
    }

    pub fn clear(&self, color: &str) {
        self.ctx.set_fill_style_str(color);
        self.ctx.fill_rect(0.0, 0.0, self.width, self.height);
    }
}

/// A small offscreen canvas that takes an RGBA buffer and is then drawn,
/// scaled and smoothed, onto a visible one.
pub struct Blitter {
    element: HtmlCanvasElement,
    ctx: CanvasRenderingContext2d,
}

impl Blitter {
    pub fn new() -> Result<Blitter, JsValue> {
        let document = web_sys::window()
            .and_then(|w| w.document())
            .ok_or_else(|| JsValue::from_str("no document"))?;
        let element: HtmlCanvasElement = document.create_element("canvas")?.dyn_into()?;
        let ctx = context_2d(&element)?;
        Ok(Blitter { element, ctx })
    }

    /// Draws `pixels` (`size × size` RGBA) into the rectangle on `target`.
    pub fn draw(
        &self,
        pixels: &[u8],
        size: u32,
        target: &CanvasRenderingContext2d,
        rect: (f64, f64, f64, f64),
    ) -> Result<(), JsValue> {
        if self.element.width() != size || self.element.height() != size {
            self.element.set_width(size);
            self.element.set_height(size);
        }
        let image = ImageData::new_with_u8_clamped_array_and_sh(Clamped(pixels), size, size)?;
        self.ctx.put_image_data(&image, 0.0, 0.0)?;
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
