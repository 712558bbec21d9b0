//! Looking inside the training: the learning-rate schedule's chart under
//! the loss chart. Its state is one field of the `Playground`.

use super::canvas::Canvas;
use super::{charts, Playground};
use wasm_bindgen::prelude::*;
use web_sys::HtmlCanvasElement;

/// The canvases and choices of the views inside the training.
#[derive(Default)]
pub(super) struct Inside {
    /// The rate per epoch, under the loss chart (shown with a schedule).
    rate_canvas: Option<Canvas>,
}

impl Inside {
    pub(super) fn canvases(&mut self) -> impl Iterator<Item = &mut Canvas> {
        self.rate_canvas.iter_mut()
    }
}

impl Playground {
    /// Draws what is shown of the views inside the training.
    pub(super) fn render_inside(&mut self) {
        let trainer = self.class.session().trainer();
        let config = trainer.config();
        if let Some(canvas) = &self.inside.rate_canvas {
            if config.schedule.kind != crate::nn::ScheduleKind::Constant {
                charts::rate(
                    canvas,
                    config.schedule,
                    config.learning_rate,
                    trainer.epoch(),
                );
            }
        }
    }
}

#[wasm_bindgen]
impl Playground {
    /// The canvas the learning-rate schedule is drawn on.
    pub fn set_rate_canvas(&mut self, canvas: HtmlCanvasElement) -> Result<(), JsValue> {
        self.inside.rate_canvas = Some(Canvas::new(canvas)?);
        self.resized = true;
        self.dirty = true;
        Ok(())
    }
}
