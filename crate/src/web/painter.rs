//! The worker's half of painting: a `Painter` lives in a Web Worker
//! (www/painter.js) and paints a playground's pictures from the snapshots
//! it sends while training, so the page's own core trains and draws.

use super::set;
use crate::view::links;
use crate::view::pictures::Pictures;
use crate::view::raster::Raster;
use crate::view::snapshot::Snapshot;
use js_sys::{Object, Uint8Array};
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
#[derive(Default)]
pub struct Painter {
    pictures: Pictures,
    links: Raster,
}

#[wasm_bindgen]
impl Painter {
    #[wasm_bindgen(constructor)]
    pub fn new() -> Painter {
        Painter::default()
    }

    /// Paints the pictures of `snapshot` (from `Playground::snapshot`):
    /// `{field, units, links}`, the field's RGBA pixels, every unit's picture
    /// back to back, and the diagram's crowded links (empty if it has
    /// none), for `Playground::accept_pictures`.
    pub fn paint(&mut self, snapshot: &[f32]) -> Result<JsValue, JsError> {
        let s = Snapshot::decode(snapshot).map_err(|e| JsError::new(&e))?;
        self.pictures.paint(
            &s.network,
            s.features,
            s.domain,
            s.kind,
            s.field_size,
            &mut |_| {},
        );
        let drawn = s.diagram.is_some_and(|diagram| {
            let layout = diagram.layout(&s.network, s.features);
            links::rasterise(&s.network, &layout, &diagram, &mut self.links)
        });
        let links: &[u8] = if drawn { &self.links.pixels } else { &[] };
        let o = Object::new();
        set(&o, "links", Uint8Array::from(links));
        set(&o, "field", Uint8Array::from(&self.pictures.field[..]));
        set(
            &o,
            "units",
            Uint8Array::from(&self.pictures.units_flat()[..]),
        );
        Ok(o.into())
    }
}
