//! What the page says in words: the numbers and sentences of the status,
//! and the canvases' descriptions and hover readouts.

use super::{optional, set, Playground, PICK_RADIUS};
use crate::view::layout::Hit;
use js_sys::Object;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
impl Playground {
    /// What the page shows as numbers and words, as one plain object.
    pub fn status(&mut self) -> JsValue {
        let o = Object::new();
        let trainer = self.class.session().trainer();
        let last = trainer.current_record();
        let scene = self.class.session().scene();
        set(&o, "epoch", trainer.epoch() as f64);
        set(&o, "batch", trainer.batch_in_epoch() as f64);
        if let Some(step) = self.class.stepped() {
            set(&o, "stepBatch", step.number as f64);
            set(&o, "stepBatches", step.of as f64);
        }
        set(&o, "trainLoss", optional(last.map(|r| r.train_loss)));
        set(&o, "testLoss", optional(last.and_then(|r| r.test_loss)));
        set(
            &o,
            "trainAccuracy",
            optional(last.and_then(|r| r.train_accuracy)),
        );
        set(
            &o,
            "testAccuracy",
            optional(last.and_then(|r| r.test_accuracy)),
        );
        set(
            &o,
            "bestEpoch",
            trainer
                .best_epoch()
                .map_or(JsValue::NULL, |e| (e as f64).into()),
        );
        let (state, message) = crate::scene::describe::training_state(self.class.session(), self.t);
        set(&o, "state", state);
        set(&o, "message", message);
        set(&o, "points", scene.points.len() as f64);
        set(&o, "trainPoints", trainer.train_samples().len() as f64);
        set(&o, "testPoints", trainer.test_samples().len() as f64);
        set(&o, "classes", scene.task.classes() as f64);
        set(&o, "parameters", trainer.network.parameter_count() as f64);
        set(&o, "canUndo", self.class.session().can_undo());
        set(&o, "canRedo", self.class.session().can_redo());
        let timeline = self.class.session().timeline();
        let checkpoints = timeline.checkpoints();
        set(&o, "recording", self.class.session().is_recording());
        set(&o, "timelineLength", checkpoints.len() as f64);
        set(&o, "timelineShown", timeline.shown() as f64);
        set(&o, "timelineBytes", timeline.heap_bytes() as f64);
        set(&o, "timelineBudget", timeline.budget() as f64);
        set(
            &o,
            "timelineLastEpoch",
            checkpoints.last().map_or(0.0, |c| c.epoch as f64),
        );
        for (key, matrix) in ["confusionTrain", "confusionTest"]
            .iter()
            .zip(&self.confusion)
        {
            // A plain array, not a Uint32Array: Firefox's WebDriver refuses
            // to hand typed arrays across to a test's script.
            let counts = matrix.as_ref().map_or(JsValue::NULL, |m| {
                m.counts
                    .iter()
                    .map(|&c| JsValue::from(c as f64))
                    .collect::<js_sys::Array>()
                    .into()
            });
            set(&o, key, counts);
        }
        // The data controls show where the points came from.
        set(
            &o,
            "preset",
            scene.preset.map_or(JsValue::NULL, |p| p.name().into()),
        );
        set(&o, "presetPoints", scene.preset_points as f64);
        set(&o, "noise", scene.noise as f64);
        // The classes' colours and names, for the page's pickers and legend.
        let palette = scene.palette;
        let colours = js_sys::Array::new();
        let names = js_sys::Array::new();
        for (c, n) in palette.colors().iter().zip(palette.class_names_in(self.t)) {
            colours.push(&crate::view::colors::css(*c).into());
            names.push(&n.into());
        }
        set(&o, "classColours", colours);
        set(&o, "classNames", names);
        set(
            &o,
            "xLabel",
            crate::i18n::scene_label(self.t, &scene.axes.0),
        );
        set(
            &o,
            "yLabel",
            crate::i18n::scene_label(self.t, &scene.axes.1),
        );
        if let Some(m) = scene.marker.clone() {
            let p = self.class.predict(m.x1, m.x2);
            set(
                &o,
                "markerLabel",
                crate::i18n::scene_label(self.t, &m.label),
            );
            set(&o, "markerOutput", optional(p.last().copied()));
        }
        o.into()
    }

    /// What the data canvas shows, in words, for its text alternative.
    pub fn describe_canvas(&self) -> String {
        crate::scene::describe::data_canvas(
            self.class.session().scene(),
            self.class.session().trainer().current_record(),
            self.t,
        )
    }

    /// Hover text for CSS pixel (x, y) on the data canvas.
    pub fn describe_data(&mut self, x: f64, y: f64) -> String {
        let (x1, x2) = self.frame().to_input(x, y);
        let y_hat = self.class.predict(x1, x2);
        let reach = self.frame().reach(PICK_RADIUS);
        let scene = self.class.session().scene();
        let point = self
            .class
            .session()
            .nearest_point(x1, x2, reach)
            .map(|i| scene.points[i]);
        crate::scene::describe::data_spot(scene, (x1, x2), &y_hat, point, self.t)
    }

    /// Hover text for CSS pixel (x, y) on the network diagram: a unit's bias
    /// or a link's weight, as they are right now.
    pub fn describe_network(&mut self, x: f64, y: f64) -> String {
        let hit = self.layout.hit(x as f32, y as f32);
        if hit != self.hovered {
            self.hovered = hit;
            self.dirty = true;
        }
        crate::scene::describe::diagram_spot(
            self.class.session().scene(),
            &self.class.session().trainer().network,
            hit,
            self.t,
        )
    }

    /// The pointer left the diagram: nothing is highlighted, and the data
    /// canvas shows the model's field again.
    pub fn leave_network(&mut self) {
        if self.hovered.take().is_some() {
            self.dirty = true;
        }
    }

    /// The unit or link of the diagram under the pointer, as
    /// `[layer, unit]` or `[layer, from, to]`; empty when none.
    pub fn hovered(&self) -> Vec<u32> {
        match self.hovered {
            Some(Hit::Unit { layer, unit }) => vec![layer as u32, unit as u32],
            Some(Hit::Link { layer, from, to }) => vec![layer as u32, from as u32, to as u32],
            None => Vec::new(),
        }
    }
}
