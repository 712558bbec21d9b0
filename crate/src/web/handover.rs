//! A page canvas drawn on an OffscreenCanvas and handed its picture whole.
//!
//! Why: Chromium without a GPU copies every 2D canvas of the page to its
//! compositor at each frame in which any one of them changed. On the phone
//! profile that was 2 ms a frame for each 972 × 972 canvas that had not
//! changed (the points, the rings, the diagram off screen). A canvas shown
//! through an ImageBitmap ('bitmaprenderer') is copied only when it is
//! handed a new picture, which happens once after each drawing.

use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{
    CanvasRenderingContext2d, HtmlCanvasElement, ImageBitmap, ImageBitmapRenderingContext,
    OffscreenCanvas,
};

/// The drawing on `work`, handed to `shown`. Handing a bitmap over empties
/// the canvas it came from, so each drawing must be whole: every canvas
/// drawn this way is cleared or filled first, at each drawing.
pub struct Handover {
    work: OffscreenCanvas,
    shown: ImageBitmapRenderingContext,
    queued: Cell<bool>,
}

impl Handover {
    /// For `element` and the context to draw on, where the browser has
    /// OffscreenCanvas and 'bitmaprenderer' (and `element` has no 2D
    /// context yet); None elsewhere, and the element is drawn on itself.
    pub fn new(element: &HtmlCanvasElement) -> Option<(Rc<Handover>, CanvasRenderingContext2d)> {
        let has = |name: &str| js_sys::Reflect::has(&js_sys::global(), &name.into()) == Ok(true);
        if !has("OffscreenCanvas") || !has("ImageBitmapRenderingContext") {
            return None;
        }
        let (width, height) = (element.width(), element.height());
        let work = OffscreenCanvas::new(width, height).ok()?;
        let ctx = super::canvas::offscreen_2d(&work)?;
        let shown = element
            .get_context("bitmaprenderer")
            .ok()??
            .dyn_into::<ImageBitmapRenderingContext>()
            .ok()?;
        let handover = Handover {
            work,
            shown,
            queued: Cell::new(false),
        };
        Some((Rc::new(handover), ctx))
    }

    /// The drawing's size in pixels (it clears it, as a canvas's would).
    pub fn resize(&self, (width, height): (u32, u32)) {
        if (self.work.width(), self.work.height()) != (width, height) {
            self.work.set_width(width);
            self.work.set_height(height);
        }
    }

    /// The drawing is about to change: once the wasm call that changes it
    /// has returned (a microtask, before the browser paints), the canvas
    /// is handed the picture. Queued once however often it is drawn on.
    pub fn drawn(self: &Rc<Self>) {
        if self.queued.replace(true) {
            return;
        }
        let handover = Rc::clone(self);
        let hand = Closure::once_into_js(move || {
            handover.queued.set(false);
            if let Err(e) = handover.hand() {
                web_sys::console::warn_2(&"descent: a canvas was not shown".into(), &e);
            }
        });
        if let Some(window) = web_sys::window() {
            window.queue_microtask(hand.unchecked_ref());
        }
    }

    /// Hands the canvas the drawing.
    fn hand(&self) -> Result<(), JsValue> {
        let bitmap = self.work.transfer_to_image_bitmap()?;
        self.show(&bitmap);
        Ok(())
    }

    /// Shows `bitmap`, drawn elsewhere (the rings, in the painter's worker).
    pub fn show(&self, bitmap: &ImageBitmap) {
        self.shown.transfer_from_image_bitmap(bitmap);
    }
}
