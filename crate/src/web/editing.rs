//! The student's edits of the data on the canvas: points added, moved and
//! erased, the keyboard's cursor among them, and undo and redo.

use super::{Playground, PICK_RADIUS};
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
impl Playground {
    /// Adds a point of class (or value) `label` at CSS pixel (x, y) of the
    /// data canvas: a training point, or a test point when `test` is true.
    pub fn add_point(
        &mut self,
        x: f64,
        y: f64,
        label: f32,
        test: Option<bool>,
    ) -> Result<(), JsError> {
        let (x1, x2) = self.frame().to_input(x, y);
        self.class
            .edit(|s| s.add_point(x1, x2, label, test.unwrap_or(false)))
            .map_err(|e| JsError::new(&e))?;
        self.dirty = true;
        Ok(())
    }

    /// Shows the keyboard's cursor at CSS pixel (x, y) of the data canvas,
    /// kept inside it; returns where it is, as `[x, y]`.
    pub fn set_cursor(&mut self, x: f64, y: f64) -> Vec<f64> {
        let (w, h) = (self.data.width, self.data.height);
        // max and min, not clamp: see `crate::decimal::Shortest`.
        let at = (x.max(0.0).min(w.max(0.0)), y.max(0.0).min(h.max(0.0)));
        self.cursor = Some(at);
        self.dirty = true;
        vec![at.0, at.1]
    }

    /// Hides the keyboard's cursor (the canvas lost focus).
    pub fn hide_cursor(&mut self) {
        self.dirty |= self.cursor.take().is_some();
    }

    /// Where (CSS pixels, `[x, y]`) the point after (`step` 1) or before
    /// (−1) the one under CSS pixel (x, y) is; the first or last when none
    /// is there; empty when there are no points.
    pub fn next_point(&self, x: f64, y: f64, step: i32) -> Vec<f64> {
        let points = &self.class.session().scene().points;
        if points.is_empty() {
            return Vec::new();
        }
        let n = points.len() as i64;
        let i = match self.point_at(x, y) {
            -1 if step < 0 => n - 1,
            -1 => 0,
            i => (i as i64 + step.signum() as i64).rem_euclid(n),
        };
        let p = points[i as usize];
        let (px, py) = self.frame().to_px(p.x1, p.x2);
        vec![px, py]
    }

    /// The index of the point under CSS pixel (x, y), or -1.
    pub fn point_at(&self, x: f64, y: f64) -> i32 {
        let frame = self.frame();
        let (x1, x2) = frame.to_input(x, y);
        self.class
            .session()
            .nearest_point(x1, x2, frame.reach(PICK_RADIUS))
            .map_or(-1, |i| i as i32)
    }

    pub fn remove_point(&mut self, index: u32) -> bool {
        self.dirty = true;
        self.class.edit(|s| s.remove_point(index as usize))
    }

    /// Starts a drag: the whole drag is one undo step.
    pub fn begin_move(&mut self) {
        self.class.edit(|s| s.begin_move());
    }

    pub fn move_point(&mut self, index: u32, x: f64, y: f64) {
        let (x1, x2) = self.frame().to_input(x, y);
        self.class.edit(|s| s.move_point(index as usize, x1, x2));
        self.dirty = true;
    }

    pub fn clear(&mut self) {
        self.class.edit(|s| s.clear_points());
        self.dirty = true;
    }

    /// Undoes the last point edit; returns a note when points of classes
    /// the scene no longer has were left out.
    pub fn undo(&mut self) -> Option<String> {
        self.dirty = true;
        self.class.edit(|s| s.undo()).flatten()
    }

    /// Redoes an undone edit; a note as for `undo`.
    pub fn redo(&mut self) -> Option<String> {
        self.dirty = true;
        self.class.edit(|s| s.redo()).flatten()
    }
}
