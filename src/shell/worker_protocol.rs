//! The JS side of [`crate::core::worker_protocol`], for the page and the worker: a message as the object
//! `postMessage` sends (with the buffers it transfers), and a received object read as a [`Source`].

use js_sys::{Array, Object, Reflect, Uint32Array, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::core::worker_protocol::{Message, Part, Source};

/// The object to post for `message`, and its transfer list: the buffer of each typed array, which moves to the other
/// side instead of being copied.
pub fn to_js(message: &Message) -> Result<(JsValue, Array), JsValue> {
    let object = Object::new();
    let transfer = Array::new();
    for (key, part) in message.parts() {
        let value = match part {
            Part::Text(text) => JsValue::from_str(text),
            Part::Number(number) => JsValue::from_f64(*number),
            Part::Flag(flag) => JsValue::from_bool(*flag),
            Part::Units(units) => {
                let array = Uint32Array::from(units.as_slice());
                transfer.push(&array.buffer());
                array.into()
            }
            Part::Bytes(bytes) => {
                let array = Uint8Array::from(bytes.as_slice());
                transfer.push(&array.buffer());
                array.into()
            }
        };
        Reflect::set(&object, &JsValue::from_str(key), &value)?;
    }
    Ok((object.into(), transfer))
}

/// A received message (`MessageEvent.data`), read part by part: only the parts asked for are copied into wasm.
pub struct JsSource<'a>(pub &'a JsValue);

impl Source for JsSource<'_> {
    fn part(&self, key: &'static str) -> Option<Part> {
        let value = Reflect::get(self.0, &JsValue::from_str(key)).ok()?;
        if let Some(text) = value.as_string() {
            Some(Part::Text(text))
        } else if let Some(number) = value.as_f64() {
            Some(Part::Number(number))
        } else if let Some(flag) = value.as_bool() {
            Some(Part::Flag(flag))
        } else if let Some(units) = value.dyn_ref::<Uint32Array>() {
            Some(Part::Units(units.to_vec()))
        } else {
            value.dyn_ref::<Uint8Array>().map(|bytes| Part::Bytes(bytes.to_vec()))
        }
    }
}
