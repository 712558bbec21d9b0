//! Painting a network's pictures: a `Painter` lives in a Web Worker
//! (www/painter.js) and paints the pictures of every playground of the page
//! from the snapshots they send while training, so the page's own core
//! trains and draws; another paints for them on the page when they do not
//! train. Between paintings it holds only scratch space, shared by all.

use super::points::RingStamper;
use super::set;
use crate::data::Domain;
use crate::nn::{Features, Network};
use crate::view::field::FieldKind;
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
    /// The crowded links, rasterised.
    pub(super) links: Raster,
    /// The unit pictures in their atlas (`pictures::Atlas`).
    atlas: Vec<u8>,
    rings: RingStamper,
}

impl Painter {
    /// Paints the colour field at `field_size` and every unit's picture
    /// into the atlas (`lap` is told when each part ends).
    pub(super) fn paint_pictures(
        &mut self,
        net: &Network,
        (features, domain): (Features, Domain),
        kind: FieldKind,
        field_size: usize,
        lap: &mut dyn FnMut(&'static str),
    ) {
        self.pictures.paint(
            &mut self.scratch,
            net,
            (features, domain),
            kind,
            field_size,
            lap,
        );
        self.pictures.atlas_into(&mut self.atlas);
    }

    /// The field's RGBA pixels, as last painted.
    pub(super) fn field(&self) -> &[u8] {
        &self.pictures.field
    }

    /// The unit pictures' atlas, as last painted.
    pub(super) fn atlas(&self) -> &[u8] {
        &self.atlas
    }
}

#[wasm_bindgen]
impl Painter {
    #[wasm_bindgen(constructor)]
    pub fn new() -> Painter {
        Painter::default()
    }

    /// Paints the pictures of `snapshot` (from `Playground::snapshot`):
    /// `{field, units, links}`, the field's RGBA pixels, the unit pictures'
    /// atlas, and the diagram's crowded links (empty if it has
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
        let inputs = (s.features, s.domain);
        self.paint_pictures(&s.network, inputs, s.kind, s.field_size, &mut |_| {});
        let drawn = s.diagram.is_some_and(|diagram| {
            let layout = diagram.layout(&s.network, s.features);
            links::rasterise(&s.network, &layout, &diagram, &mut self.links)
        });
        let links: &[u8] = if drawn { &self.links.pixels } else { &[] };
        let o = Object::new();
        set(&o, "links", refill(spare_links, links));
        set(&o, "field", refill(spare_field, &self.pictures.field));
        set(&o, "units", refill(spare_units, &self.atlas));
        Ok(o.into())
    }
}

#[wasm_bindgen]
impl Painter {
    /// The picture of the rings a playground sent (`Playground::take_rings`),
    /// for `Playground::accept_rings`.
    pub fn stamp_rings(&mut self, message: &[f64]) -> Result<web_sys::ImageBitmap, JsValue> {
        self.rings.stamp(message)
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
