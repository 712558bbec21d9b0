//! The worker's half of painting: a `Painter` lives in a Web Worker
//! (www/painter.js) and paints the pictures of every playground of the page
//! from the snapshots they send while training, so the page's own core
//! trains and draws.

use super::set;
use crate::view::links;
use crate::view::pictures::{Pictures, Scratch};
use crate::view::raster::Raster;
use crate::view::snapshot::Snapshot;
use js_sys::{Object, Uint8Array};
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
#[derive(Default)]
pub struct Painter {
    pictures: Pictures,
    scratch: Scratch,
    links: Raster,
    /// The unit pictures back to back, as they are sent.
    units_flat: Vec<u8>,
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
    /// none), for `Playground::accept_pictures`. The arrays of the last
    /// pictures, handed back, are filled again where their sizes still fit,
    /// so that painting ~1.5 MB a frame makes no garbage.
    pub fn paint(
        &mut self,
        snapshot: &[f32],
        spare_field: Option<Uint8Array>,
        spare_units: Option<Uint8Array>,
        spare_links: Option<Uint8Array>,
    ) -> Result<JsValue, JsError> {
        let s = Snapshot::decode(snapshot).map_err(|e| JsError::new(&e))?;
        self.pictures.paint(
            &mut self.scratch,
            &s.network,
            (s.features, s.domain),
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
        set(&o, "links", refill(spare_links, links));
        set(&o, "field", refill(spare_field, &self.pictures.field));
        self.pictures.units_flat_into(&mut self.units_flat);
        set(&o, "units", refill(spare_units, &self.units_flat));
        Ok(o.into())
    }
}

/// `pixels` in `spare` if it is their size, else in a new array.
fn refill(spare: Option<Uint8Array>, pixels: &[u8]) -> Uint8Array {
    match spare {
        Some(array) if array.length() as usize == pixels.len() => {
            array.copy_from(pixels);
            array
        }
        _ => Uint8Array::from(pixels),
    }
}
