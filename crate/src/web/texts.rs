//! The scene as text and as files: links, the browser's saved copy, the
//! points as CSV or JSON, and the trained model as JSON.

use super::Playground;
use crate::i18n::fill;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
impl Playground {
    /// The whole scene (settings, seed and points) as text for a link. The
    /// scene stays as it is; `link_notes` says what the link cannot hold.
    pub fn scene_text(&self) -> String {
        crate::scene::text::encode(self.class.session().scene())
    }

    /// The scene's link text without what a reader fills in the same by
    /// itself (settings at their defaults, a preset's own points): for an
    /// embed snippet.
    pub fn short_scene_text(&self) -> String {
        crate::scene::text::encode_short(self.class.session().scene())
    }

    /// What a link to this scene cannot hold (points beyond its reach,
    /// rounding that can change a run), a sentence each; said before copying.
    pub fn link_notes(&self) -> Vec<String> {
        crate::scene::text::link_notes(self.t, self.class.session().scene())
    }

    /// The scene's text form with every point exactly as it is (for saving
    /// in the browser's storage; longer than a link).
    pub fn save_text(&self) -> String {
        crate::scene::text::encode_exact(self.class.session().scene())
    }

    /// Loads a scene from its text form (a link's hash). Fields that cannot
    /// be read are skipped; the notes say which. Throws only when nothing is usable.
    pub fn load_text(&mut self, text: &str) -> Result<Vec<String>, JsError> {
        let decoded = crate::scene::text::decode_in(self.t, text).map_err(|e| JsError::new(&e))?;
        self.class.load(decoded.scene);
        self.dirty = true;
        Ok(decoded.notes)
    }

    /// The points as CSV: `x1,x2,label,test`, a line each.
    pub fn points_csv(&self) -> String {
        crate::data::io::to_csv(&self.class.session().scene().points)
    }

    /// The points as a JSON array of `{x1, x2, label, test}`.
    pub fn points_json(&self) -> String {
        crate::data::io::to_json(&self.class.session().scene().points)
    }

    /// Replaces the points with those of a CSV or JSON file's text (one undo
    /// step). A file that cannot be read leaves the points as they were.
    pub fn import_points(&mut self, text: &str) -> Result<String, JsError> {
        let t = self.t;
        let fail = |e: String| JsError::new(&fill(t.file_not_loaded, &[("problem", &e)]));
        let points = crate::data::io::from_text_in(t, text).map_err(fail)?;
        let task = self.class.session().scene().task;
        crate::data::io::check_labels_in(t, &points, task).map_err(fail)?;
        let count = points.len();
        self.class
            .edit(|s| s.replace_points(points))
            .map_err(fail)?;
        self.dirty = true;
        Ok(fill(t.file_loaded, &[("count", &count.to_string())]))
    }

    /// The trained model (architecture and weights) as JSON.
    pub fn model_json(&self) -> String {
        crate::scene::export::model_json(
            self.class.session().scene(),
            &self.class.session().trainer().network,
        )
    }
}
